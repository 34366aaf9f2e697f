// Human-readable lint output: one line per finding, compiler style (`file:line:col: level ...`),
// then a summary line. Deterministic.
import type { LintReport } from "./engine";

export function formatText(report: LintReport): string {
  const lines = report.findings.map(
    (f) => `${f.file}:${f.line}:${f.column}: ${f.level === "mandatory" ? "error" : "warning"} ${f.text}`,
  );
  const errors = report.findings.filter((f) => f.level === "mandatory").length;
  const warnings = report.findings.length - errors;
  const files = `${report.files.length} file${report.files.length === 1 ? "" : "s"}`;
  const as =
    report.stacks !== undefined && report.stacks.length > 0
      ? ` (as written and as stack${report.stacks.length === 1 ? "" : "s"} ${report.stacks.map((s) => `"${s}"`).join(", ")} deploy${report.stacks.length === 1 ? "s" : ""} them)`
      : report.stack !== undefined
        ? ` (stack "${report.stack}")`
        : "";
  if (lines.length > 0) lines.push("");
  lines.push(
    report.findings.length === 0
      ? `No violations in ${files}${as}.`
      : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} in ${files}${as}.`,
  );
  // What did not run, grouped by reason (the JSON report's notRun).
  const byWhy = new Map<string, string[]>();
  for (const n of report.notRun)
    byWhy.set(n.why, [
      ...(byWhy.get(n.why) ?? []),
      n.stack !== undefined && !n.why.includes(`"${n.stack}"`) && !n.why.includes(`${n.stack}.json`)
        ? `${n.rule} (stack "${n.stack}")`
        : n.rule,
    ]);
  for (const [why, rules] of byWhy) lines.push(`Not run: ${rules.join(", ")}: ${why}.`);
  return `${lines.join("\n")}\n`;
}
