// What every check reports: a problem located in the user's own file (file, flow, node, field),
// with the rule that found it and what to change. The loader, lint, the compiler CLI, the stack
// program and the policy pack all print these; only their format differs.
import { groupRepeats } from "../archy/verdicts";
import type { FlowIssue } from "../model/errors";

export interface Finding extends FlowIssue {
  /** Stable id of the rule (checks/rules.ts): policy name, SARIF ruleId, key in policy config. */
  ruleId: string;
  /** What to change, when the message alone does not say it. */
  fix?: string;
  /** For an unknown name (rule archy-unknown): what the catalogue lacks, e.g. "action callLexV2Bot". */
  subject?: string;
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
