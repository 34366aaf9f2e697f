// Verify reports and deployment impacts as text (terminals, CI logs), JSON, and Markdown (pull
// requests). Pure and deterministic: the same report gives the same bytes.
import type { ChangingModule, Impact } from "./impact";
import { describeOutsideCaller } from "./impact";
import type { ValidationSection, VerifyFinding, VerifyReport } from "./report";
import { typeLabel, type OrgVersion } from "../org/model";
import { authorOf, iso } from "./people/changesOfFlows";

function table(rows: string[][], indent = "  "): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length))) ?? [];
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
  );
}

function versionText(v: OrgVersion): string {
  const who = authorOf(v);
  return `${v.id} (${iso(v.dateCreated)}${who ? `, ${who}` : ""})`;
}

export function findingLine(f: VerifyFinding): string {
  const where = f.file ? `${f.flow} (${f.file})` : f.flow;
  return `${f.severity.padEnd(7)} [${f.code}] ${where}: ${f.message}${f.fix ? `. Fix: ${f.fix}` : ""}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Info findings of one code shown one a line before the rest of them are counted in one (a big org's first verify). */
export const INFO_SHOWN = 5;

/**
 * The findings, one a line: every error and warning; of each code's info findings the first
 * INFO_SHOWN, then one line counting the others (`verify --format json` lists each).
 */
function findingLines(findings: readonly VerifyFinding[]): string[] {
  const infos = new Map<string, number>();
  const out: string[] = [];
  for (const f of findings) {
    const seen = f.severity === "info" ? (infos.get(f.code) ?? 0) + 1 : 0;
    if (f.severity === "info") infos.set(f.code, seen);
    if (seen <= INFO_SHOWN) out.push(`  ${findingLine(f)}`);
  }
  for (const [code, n] of infos)
    if (n > INFO_SHOWN)
      out.push(`  info    [${code}] ${plural(n - INFO_SHOWN, "more flow")} alike (verify --format json lists each)`);
  return out;
}

export function renderVerifyText(r: VerifyReport): string {
  const out: string[] = [
    `Verified stack "${r.stack}"${r.release ? ` (release ${r.release.id}${r.release.tool ? `, by genesys-flows ${r.release.tool}` : ""})` : ""} against ${r.target}: ${plural(r.flowsChecked, "flow")}, ${plural(r.modules.length, "module")}; dependency tracking ${r.dependencyTracking.status}.`,
  ];
  for (const m of r.modules) {
    out.push("", `module ${m.publishedName}  ${m.file}  published version ${m.publishedVersion ?? "(none)"}`);
    const rows: string[][] = [];
    for (const c of m.callers)
      rows.push(["caller", c.publishedName, c.file, c.moduleVersion ? `runs ${c.moduleVersion}` : "", c.status]);
    for (const e of m.embeddedIn) rows.push(["compiled into", e.publishedName, e.file, "(in place)", e.status]);
    for (const o of m.outsideCallers)
      rows.push([
        "outside",
        `"${o.name}"`,
        `${typeLabel(o.type)} ${o.version}`,
        o.moduleVersion ? `runs ${o.moduleVersion}` : "",
        o.stale ? "STALE" : "current",
      ]);
    if (rows.length === 0) out.push("  no callers");
    else out.push(...table(rows));
  }
  if (r.drift.length > 0) {
    out.push("", "Drift (published outside the stack since it last deployed them):");
    for (const d of r.drift) {
      out.push(
        `  ${d.publishedName}  ${d.file}: stack deployed ${d.stackVersion ? `version ${versionText(d.stackVersion)}` : `at ${d.deployedAt}`}; the org runs ${versionText(d.publishedVersion)}`,
      );
    }
  }
  if (r.validation) out.push(...validationLines(r.validation));
  const errors = r.findings.filter((f) => f.severity === "error");
  const warnings = r.findings.filter((f) => f.severity === "warning");
  if (r.findings.length > 0) {
    out.push("", `Findings (${plural(errors.length, "error")}, ${plural(warnings.length, "warning")}):`);
    out.push(...findingLines(r.findings));
  }
  const stale = r.findings.filter((f) => f.code === "stale-caller" || f.code === "stale-embedded").length;
  const architect = r.validation ? r.findings.filter((f) => f.code === "architect-error").length : 0;
  const held = r.modules.flatMap((m) => m.callers.filter((c) => c.status === "held").map((c) => c.publishedName));
  out.push(
    "",
    r.ok && held.length > 0
      ? `HELD: every flow of the stack runs what the stack deployed, but ${plural(held.length, "caller")} of the stack run${held.length === 1 ? "s" : ""} an older version of a module on purpose, held by a rollout in waves: ${held.join(", ")} ([wave-held] and [pending] above say until when and what moves them)${r.validation ? "; Architect's validator finds no error" : ""}.`
      : r.ok
        ? `OK: every flow of the stack runs what the stack deployed, and every caller in the stack runs its module's published version${r.validation ? "; Architect's validator finds no error" : ""}.`
        : `FAILED: ${plural(r.drift.length, "drifted flow")}, ${plural(stale, "stale caller")}, ${r.validation ? `${plural(architect, "Architect error")}, ` : ""}${plural(errors.length - r.drift.length - stale - architect, "other error")}.`,
  );
  return `${out.join("\n")}\n`;
}

/**
 * Verify as an up ends with it: when it found nothing (no finding, no drift), its first line and
 * its verdict, with the command that shows the per-module report; else the whole report.
 */
export function renderVerifyAfterUp(r: VerifyReport, command: string): string {
  const full = renderVerifyText(r);
  if (!r.ok || r.findings.length > 0 || r.drift.length > 0) return full;
  const lines = full.trimEnd().split("\n");
  return `${lines[0]}\n${lines.at(-1)!.replace(/\.$/, "")} (${command} shows each module's callers).\n`;
}

/** Architect's validation, one row per flow: its validate job's status and what it said. */
function validationLines(v: ValidationSection): string[] {
  const out = ["", "Architect's validation (a validate job per flow, the org as it is now):"];
  const rows = v.flows.map((f) => [
    f.publishedName,
    f.file,
    f.status,
    f.errors + f.warnings === 0 ? "no messages" : `${plural(f.errors, "error")}, ${plural(f.warnings, "warning")}`,
  ]);
  if (rows.length === 0) out.push("  no flow to validate");
  else out.push(...table(rows));
  if (v.notValidated.length > 0) out.push(`  not validated (the org no longer has them): ${v.notValidated.join(", ")}`);
  return out;
}

export function renderVerifyJson(r: VerifyReport): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Impact.

function moduleLines(m: ChangingModule, orgRead: boolean): string[] {
  const out = [`  module ${m.publishedName} (${m.file}) publishes new content`];
  out.push(`    republishes in the stack: ${m.republish.length > 0 ? m.republish.join(", ") : "no other flow"}`);
  if (m.held) out.push(`    held by its rollout in waves (they keep the version they run): ${m.held.join(", ")}`);
  if (!orgRead) out.push("    callers outside the stack: not known (the org was not read)");
  else if (m.outsideCallers.length === 0) out.push("    callers outside the stack: none");
  else {
    out.push(
      `    called from outside the stack; they keep the module version they run until their owners republish them:`,
    );
    for (const c of m.outsideCallers) out.push(`      ${describeOutsideCaller(c)}`);
  }
  return out;
}

export function renderImpactText(i: Impact): string {
  const out = [`Impact of deploying stack "${i.stack}":`];
  if (i.modules.length === 0 && i.republish.length === 0 && i.created.length === 0) out.push("  nothing republishes.");
  for (const m of i.modules) out.push(...moduleLines(m, i.orgRead));
  if (i.republish.length > 0) {
    out.push("  flows that republish:");
    out.push(
      ...table(
        i.republish.map((r) => [r.publishedName, r.file, r.reason]),
        "    ",
      ),
    );
  }
  if (i.created.length > 0) {
    out.push("  new flows:");
    out.push(
      ...table(
        i.created.map((c) => [c.publishedName, c.file]),
        "    ",
      ),
    );
  }
  for (const n of i.notes) out.push(`  note: ${n}`);
  return `${out.join("\n")}\n`;
}

export function renderImpactJson(i: Impact): string {
  return `${JSON.stringify(i, null, 2)}\n`;
}

/** Markdown-safe text (no HTML, no table breaks). */
export function md(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}

export function renderImpactMarkdown(i: Impact): string {
  const out = [`### Deployment impact on stack \`${md(i.stack)}\``, ""];
  if (i.modules.length === 0 && i.republish.length === 0 && i.created.length === 0) out.push("Nothing republishes.");
  for (const m of i.modules) {
    out.push(
      `- Module **${md(m.publishedName)}** (\`${md(m.file)}\`) publishes new content; republishes in the stack: ${m.republish.length > 0 ? m.republish.map(md).join(", ") : "no other flow"}.`,
    );
    if (!i.orgRead) out.push("  - Callers outside the stack: not known (the org was not read).");
    for (const c of m.outsideCallers)
      out.push(
        `  - :warning: outside the stack, stays on the old module until its owner republishes it: ${md(describeOutsideCaller(c))}`,
      );
  }
  if (i.republish.length > 0) {
    out.push("", "| flow | file | why it republishes |", "| --- | --- | --- |");
    for (const r of i.republish) out.push(`| ${md(r.publishedName)} | \`${md(r.file)}\` | ${md(r.reason)} |`);
  }
  for (const n of i.notes) out.push("", `> ${md(n)}`);
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Callers outside the stack of the modules a pull request changes (flows:diff --org).

export interface OutsideCallersSection {
  stack: string;
  target?: string;
  modules: Array<{
    file: string;
    publishedName: string;
    published: boolean;
    outsideCallers: Array<{ flowId: string; name: string; type: string; version: string; moduleVersion?: string }>;
  }>;
  /** Why the org was not read. */
  note?: string;
}

export function renderOutsideCallersText(s: OutsideCallersSection): string {
  const out = [
    "",
    `Callers outside stack "${s.stack}"${s.target ? ` (${s.target})` : ""} of the modules that change; they keep the module version they run until republished:`,
  ];
  if (s.note) out.push(`  not checked: ${s.note}`);
  else if (s.modules.length === 0) out.push("  no module changes.");
  for (const m of s.modules) {
    if (!m.published) out.push(`  ${m.publishedName} (${m.file}): not published in the org yet`);
    else if (m.outsideCallers.length === 0) out.push(`  ${m.publishedName} (${m.file}): none`);
    else for (const c of m.outsideCallers) out.push(`  ${m.publishedName} (${m.file}): ${describeOutsideCaller(c)}`);
  }
  return `${out.join("\n")}\n`;
}

export function renderOutsideCallersMarkdown(s: OutsideCallersSection): string {
  const out = ["", `### Callers outside the stack \`${md(s.stack)}\``, ""];
  if (s.note) return `${[...out, `> [!NOTE]`, `> Not checked: ${md(s.note)}`].join("\n")}\n`;
  const rows = s.modules.flatMap((m) =>
    m.outsideCallers.map(
      (c) =>
        `| ${md(m.publishedName)} (\`${md(m.file)}\`) | ${md(c.name)} | ${md(typeLabel(c.type))} | ${md(c.version)} | ${md(c.moduleVersion ?? "?")} |`,
    ),
  );
  out.push(
    `A module change reaches a flow only when that flow is republished. ${s.target ? `In the org of stack \`${md(s.stack)}\` (${md(s.target)}), ` : ""}${rows.length > 0 ? "these flows call a module this change republishes, are not deployed by the stack, and will keep the module version they run:" : "no flow outside the stack calls a module this change republishes."}`,
  );
  if (rows.length > 0)
    out.push(
      "",
      "| module | caller outside the stack | type | its version | runs module version |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    );
  const unpublished = s.modules.filter((m) => !m.published).map((m) => md(m.publishedName));
  if (unpublished.length > 0) out.push("", `Not published in that org yet: ${unpublished.join(", ")}.`);
  return `${out.join("\n")}\n`;
}
