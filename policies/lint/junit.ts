// JUnit XML output for CI test reporters: a testsuite per flow file, a testcase per (flow, rule).
// Mandatory violations are failures; advisory ones pass with the warnings in <system-out> (they
// do not fail the lint either); rules the lint cannot run or that are disabled are skipped.
import { escapeXml } from "../../model/xml";
import { LOAD_ERROR_RULE, type LintFinding, type LintReport, type RuleStatus } from "./engine";

interface Case {
  name: string;
  failures: string[];
  warnings: string[];
  skipped?: string;
}

export function formatJunit(report: LintReport): string {
  const suites: Array<{ file: string; cases: Case[] }> = [];
  // Findings in files that are not flow files (a stack file's settings) get a suite of their own.
  const others = [...new Set(report.findings.map((f) => f.file).filter((f) => !report.files.includes(f)))].sort();
  for (const file of others) {
    const inFile = report.findings.filter((f) => f.file === file);
    const cases = [...new Set(inFile.map((f) => f.ruleId))].sort().map((ruleId) => caseOf(ruleId, inFile, ruleId));
    suites.push({ file, cases });
  }
  for (const file of report.files) {
    const flow = report.flows.find((f) => f.file === file);
    const inFile = report.findings.filter((f) => f.file === file);
    const cases: Case[] = [];
    const loadErrors = inFile.filter((f) => f.ruleId === LOAD_ERROR_RULE);
    if (!flow || loadErrors.length > 0) {
      cases.push({ name: LOAD_ERROR_RULE, failures: loadErrors.map(lineOf), warnings: [] });
    }
    if (flow) {
      for (const rule of report.rules) {
        const name = `${rule.id} (${flow.name})`;
        if (rule.status !== "run") {
          cases.push({ name, failures: [], warnings: [], skipped: SKIP_REASON[rule.status] });
          continue;
        }
        cases.push(caseOf(name, inFile, rule.id));
      }
    }
    suites.push({ file, cases });
  }
  const count = (pick: (c: Case) => boolean, cases: Case[]) => cases.filter(pick).length;
  const allCases = suites.flatMap((s) => s.cases);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="genesys-flows-lint" tests="${allCases.length}" failures="${count((c) => c.failures.length > 0, allCases)}" errors="0" skipped="${count((c) => c.skipped !== undefined, allCases)}">`,
  );
  for (const s of suites) {
    out.push(
      `  <testsuite name="${escapeXml(s.file)}" tests="${s.cases.length}" failures="${count((c) => c.failures.length > 0, s.cases)}" errors="0" skipped="${count((c) => c.skipped !== undefined, s.cases)}">`,
    );
    for (const c of s.cases) {
      const open = `    <testcase classname="${escapeXml(s.file)}" name="${escapeXml(c.name)}"`;
      if (c.skipped === undefined && c.failures.length === 0 && c.warnings.length === 0) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (c.skipped !== undefined) out.push(`      <skipped message="${escapeXml(c.skipped)}"/>`);
      if (c.failures.length > 0) {
        const first = c.failures[0];
        out.push(
          `      <failure type="mandatory" message="${escapeXml(c.failures.length === 1 ? first : `${c.failures.length} violations; first: ${first}`)}">${escapeXml(c.failures.join("\n"))}</failure>`,
        );
      }
      if (c.warnings.length > 0)
        out.push(`      <system-out>${escapeXml(c.warnings.map((w) => `advisory: ${w}`).join("\n"))}</system-out>`);
      out.push("    </testcase>");
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

const SKIP_REASON: Record<RuleStatus, string> = {
  run: "",
  disabled: "disabled by the stack's policy config",
  "needs-stack": "needs a stack (lint with --stack <name>); checked by the policy pack",
  "pack-only": "reads what the engine registered; checked by the policy pack",
  "needs-org": "reads the org (lint with --stack <name> --org); checked by preview and up before anything publishes",
};

/** The case of a rule's findings in a file: the mandatory ones fail it, the advisory ones are its warnings. */
function caseOf(name: string, inFile: readonly LintFinding[], ruleId: string): Case {
  const of = (level: LintFinding["level"]) =>
    inFile.filter((f) => f.ruleId === ruleId && f.level === level).map(lineOf);
  return { name, failures: of("mandatory"), warnings: of("advisory") };
}

function lineOf(f: { file: string; line: number; column: number; text: string }): string {
  return `${f.file}:${f.line}:${f.column}: ${f.text}`;
}
