// Machine-readable lint output: the report as JSON with a fixed key order; every rule with its
// severity, tags and documentation URL, every result with its rule's severity. Deterministic.
import { LintReport, TOOL_NAME, TOOL_VERSION } from "./engine";

export function formatJson(report: LintReport): string {
  const errors = report.findings.filter((f) => f.level === "mandatory").length;
  const severityOf = new Map(report.rules.map((r) => [r.id, r.severity]));
  const body = {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    stack: report.stack ?? null,
    summary: {
      files: report.files.length,
      flows: report.flows.length,
      errors,
      warnings: report.findings.length - errors,
      exitCode: report.exitCode,
    },
    rules: report.rules.map((r) => ({ id: r.id, level: r.level, status: r.status, description: r.description, severity: r.severity, tags: r.tags, url: r.url })),
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
    })),
  };
  return JSON.stringify(body, null, 2) + "\n";
}
