// The reports of a scenario run: text for people (a failing scenario shows expected and actual
// side by side, marks the first entry where they part and names the flow node there), JSON for
// tools, JUnit XML for CI test reporters (a suite per scenario file, a case per scenario), and the
// coverage table. Deterministic: the same results give the same bytes. Pure.
import { escapeXml } from "../../model/xml";
import type { FlowCoverage } from "../coverage";
import { totalPercent } from "../coverage";
import { describeEnding } from "../trace";
import type { Difference } from "./expect";
import type { ScenarioResult } from "./run";

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

function heading(r: ScenarioResult): string {
  return `${r.file}:${r.line} "${r.name}" (${r.flow})`;
}

/** Expected and actual side by side, the first differing entry marked with `>`. */
function sideBySide(d: Difference): string[] {
  const expected = d.expected ?? [];
  const actual = d.actual ?? [];
  const n = Math.max(expected.length, actual.length);
  const w = Math.min(40, Math.max(8, ...expected.map((x) => x.length)));
  const lines = [`      ${pad("#", 4)}${pad("expected", w)}  actual`];
  for (let i = 0; i < n; i++) {
    const mark = i === d.at ? ">" : " ";
    const e = expected[i] ?? (d.expected ? "-" : "");
    const a = actual[i] ?? "-";
    const at = i === d.at && d.where !== undefined ? `   <- ${d.where}` : "";
    lines.push(`    ${mark} ${pad(String(i + 1), 4)}${pad(e, w)}  ${a}${at}`);
  }
  return lines;
}

/** One scenario's lines (only a heading when it passed). */
export function formatResult(r: ScenarioResult): string[] {
  if (r.status === "passed") return [`PASS ${heading(r)}`];
  if (r.status === "stopped") {
    return [
      `STOP ${heading(r)}`,
      `  ${r.stop ?? "the run stopped"}`,
      `  path so far: ${r.actual.path.length > 0 ? r.actual.path.join(" > ") : "(none)"}`,
    ];
  }
  const out = [`FAIL ${heading(r)}`];
  for (const d of r.differences) {
    out.push(`  ${d.field}: ${d.message}${d.step !== undefined ? ` (after ${d.step})` : ""}`);
    if (d.at !== undefined && (d.expected || d.actual)) out.push(...sideBySide(d));
    else if (d.where !== undefined) out.push(`    at ${d.where}`);
  }
  if (r.actual.route) out.push(`  route: ${r.actual.route.ivr} ${r.actual.route.state} -> ${r.actual.route.flow}`);
  out.push(`  path: ${r.actual.path.join(" > ")}`);
  out.push(`  ending: ${describeEnding(r.actual.ending)}`);
  return out;
}

export function summary(results: readonly ScenarioResult[]): string {
  const count = (s: ScenarioResult["status"]) => results.filter((r) => r.status === s).length;
  return `${results.length} scenario${results.length === 1 ? "" : "s"}: ${count("passed")} passed, ${count("failed")} failed, ${count("stopped")} stopped`;
}

export function formatCoverageText(coverage: readonly FlowCoverage[]): string {
  const w = Math.max(4, ...coverage.map((c) => c.flow.length));
  const lines = ["Coverage (nodes entered and transitions taken by the scenarios):"];
  for (const c of coverage) {
    const nodes = `${c.nodes.filter((n) => n.covered).length}/${c.nodes.length}`;
    const transitions = `${c.transitions.filter((t) => t.covered).length}/${c.transitions.length}`;
    const missing = [
      ...c.nodes.filter((n) => !n.covered).map((n) => `node ${n.node}`),
      ...c.transitions.filter((t) => !t.covered).map((t) => `${t.from}.${t.transition}`),
    ];
    lines.push(
      `  ${pad(c.flow, w)}  ${pad(`${c.percent.toFixed(1)}%`, 6)}  nodes ${pad(nodes, 7)} transitions ${pad(transitions, 7)}${missing.length > 0 ? `  not covered: ${missing.join(", ")}` : ""}`,
    );
  }
  lines.push(`  ${pad("all", w)}  ${totalPercent(coverage).toFixed(1)}%`);
  return `${lines.join("\n")}\n`;
}

/** The text report: failures in full, passes in one line each, the summary; then coverage when given. */
export function formatText(results: readonly ScenarioResult[], coverage?: readonly FlowCoverage[]): string {
  const lines = results.flatMap(formatResult);
  lines.push("", summary(results));
  return `${lines.join("\n")}\n${coverage ? `\n${formatCoverageText(coverage)}` : ""}`;
}

export function formatJson(results: readonly ScenarioResult[], coverage?: readonly FlowCoverage[]): string {
  const scenarios = results.map((r) => ({
    file: r.file,
    line: r.line,
    name: r.name,
    flow: r.flow,
    status: r.status,
    ...(r.stop !== undefined ? { stop: r.stop } : {}),
    differences: r.differences,
    path: r.actual.path,
    prompts: r.actual.prompts,
    messages: r.actual.messages,
    ending: r.actual.ending ?? null,
    ...(r.actual.route ? { route: r.actual.route } : {}),
  }));
  return (
    JSON.stringify({ scenarios, ...(coverage ? { coverage, coveragePercent: totalPercent(coverage) } : {}) }, null, 2) +
    "\n"
  );
}

export function formatJunit(results: readonly ScenarioResult[]): string {
  const files = [...new Set(results.map((r) => r.file))].sort();
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="genesys-flows test" tests="${results.length}" failures="${results.filter((r) => r.status !== "passed").length}">`,
  ];
  for (const file of files) {
    const inFile = results.filter((r) => r.file === file);
    out.push(
      `  <testsuite name="${escapeXml(file)}" tests="${inFile.length}" failures="${inFile.filter((r) => r.status !== "passed").length}">`,
    );
    for (const r of inFile) {
      const name = `    <testcase classname="${escapeXml(r.flow)}" name="${escapeXml(r.name)}" file="${escapeXml(r.file)}" line="${r.line}"`;
      if (r.status === "passed") {
        out.push(`${name}/>`);
        continue;
      }
      const first =
        r.status === "stopped" ? (r.stop ?? "stopped") : `${r.differences[0].field}: ${r.differences[0].message}`;
      out.push(
        `${name}>`,
        `      <failure message="${escapeXml(first)}">${escapeXml(formatResult(r).join("\n"))}</failure>`,
        "    </testcase>",
      );
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}
