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
  const skipped = report.rules.filter((r) => r.status === "needs-stack" || r.status === "pack-only").map((r) => r.id);
  const needsOrg = report.rules.filter((r) => r.status === "needs-org").map((r) => r.id);
  if (lines.length > 0) lines.push("");
  lines.push(
    report.findings.length === 0
      ? `No violations in ${files}${report.stack !== undefined ? ` (stack "${report.stack}")` : ""}.`
      : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"} in ${files}${report.stack !== undefined ? ` (stack "${report.stack}")` : ""}.`,
  );
  if (skipped.length > 0) lines.push(`Not run here (need --stack, or run in the policy pack only): ${skipped.join(", ")}.`);
  if (needsOrg.length > 0 && report.stack !== undefined) lines.push(`Not run here (reads the org: add --org; preview and up run it): ${needsOrg.join(", ")}.`);
  return lines.join("\n") + "\n";
}
