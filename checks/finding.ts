// What every check reports: a problem located in the user's own file (file, flow, node, field),
// with the rule that found it and what to change. The loader, lint, the compiler CLI, the stack
// program and the policy pack all print these, with one formatter (formatFinding).
//
// The finding family, one base: FlowIssue (model/errors.ts: a located problem, formatIssue) ->
// Finding (here: + the rule and the fix) -> LintFinding (policies/lint/engine.ts: + its level and
// exact line and column). What the Archy validator finds in an Archy document (ArchyFinding,
// archy/validate/: located by its path in the document) becomes a flow's Finding through
// archyFinding (./locate.ts); verify's findings about the org's flows (VerifyFinding) name the
// flow, its file, the problem and the fix with the same fields.
import { groupRepeats } from "../archy/verdicts";
import { formatIssue, type FlowIssue } from "../model/errors";
import { cmp } from "../archy/json";

export interface Finding extends FlowIssue {
  /** Stable id of the rule (checks/rules.ts): policy name, SARIF ruleId, key in policy config. */
  ruleId: string;
  /** What to change, when the message alone does not say it. */
  fix?: string;
  /** For an unknown name (rule archy-unknown): what the catalogue lacks, e.g. "action callLexV2Bot". */
  subject?: string;
}

/** `[rule] stack "dev": flows/sales.yaml: node "Verify" (subflow): ... Fix: ...` (`stacks "dev", "prod":` for several). */
export function formatFinding(f: Finding, stack?: string | readonly string[]): string {
  const end = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);
  const fix = f.fix ? ` Fix: ${end(f.fix)}` : "";
  const stacks = stack === undefined ? [] : typeof stack === "string" ? [stack] : stack;
  const where =
    stacks.length === 0 ? "" : ` stack${stacks.length > 1 ? "s" : ""} ${stacks.map((s) => `"${s}"`).join(", ")}:`;
  return `[${f.ruleId}]${where} ${end(formatIssue(f))}${fix}`;
}

/** One finding per unknown name, rule and file (archy/verdicts.ts groupRepeats), in the deterministic order. */
export function groupBySubject(findings: readonly Finding[]): Finding[] {
  return groupRepeats([...findings].sort(compareFindings), (f) => `${f.file}\u0000${f.ruleId}`);
}

/** Deterministic order: file, node, field, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.node ?? "", b.node ?? "") ||
    cmp(a.field ?? "", b.field ?? "") ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.message, b.message)
  );
}

/** Removes exact duplicates (same rule, place and message), keeping the first. */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.ruleId, f.file, f.node, f.field, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
