// Machine-readable lint output: the report as JSON with a fixed key order; every rule with its
// severity, tags and documentation URL, every result with its rule's severity (and, linting every
// stack, the stacks that have it), and what did not run with why (`notRun`). Deterministic.
import { type LintReport, TOOL_NAME, TOOL_VERSION } from "./engine";

export function formatJson(report: LintReport): string {
  const errors = report.findings.filter((f) => f.level === "mandatory").length;
  const severityOf = new Map(report.rules.map((r) => [r.id, r.severity]));
  const body = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    stack: report.stack ?? null,
    // Linting every stack: the stacks besides the files as written.
    stacks: report.stacks ?? (report.stack !== undefined ? [report.stack] : []),
    summary: {
      files: report.files.length,
      flows: report.flows.length,
      errors,
      warnings: report.findings.length - errors,
      exitCode: report.exitCode,
    },
    rules: report.rules.map((r) => ({
      id: r.id,
      level: r.level,
      status: r.status,
      description: r.description,
      severity: r.severity,
      tags: r.tags,
      url: r.url,
    })),
    results: report.findings.map((f) => ({
      ruleId: f.ruleId,
      level: f.level,
      severity: severityOf.get(f.ruleId) ?? null,
      file: f.file,
      line: f.line,
      column: f.column,
      flow: f.flow ?? null,
      node: f.node ?? null,
      problem: f.message,
      fix: f.fix ?? "",
      message: f.text,
      ...(f.stacks !== undefined ? { stacks: f.stacks } : {}),
    })),
    // What did not run, and why: a clean result covers only what ran.
    notRun: report.notRun.map((n) => ({ rule: n.rule, stack: n.stack ?? null, why: n.why })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
