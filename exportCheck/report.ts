import { cmp } from "../archy/json";
import type { RawUse } from "../import/graph";
// What check-exports finds, per export file and in total, and its two renderings: a table for
// people (120 columns wide, what repeats folded by kind with counts) and JSON for tools (every
// finding, located). Every problem is located in the export (its file, and its line when
// it can be told). Deterministic: files in the order given, problems in the order found. Pure.

/** One thing a step found, located in the export. */
export interface Located {
  /** The export file, as given on the command line. */
  file: string;
  line?: number;
  /** The rule, when the finding has one (a lint rule, a validator rule). */
  rule?: string;
  message: string;
}

export type StepStatus = "ok" | "failed" | "skipped";

export interface Step {
  status: StepStatus;
  /** What fails the step. */
  problems: Located[];
  /** What the step says without failing (advisory rules, names the catalogue lacks in default mode). */
  warnings: Located[];
}

/** An action kept as raw Archy (an `archy` node or archySettings), and why the model has no node type for it. */
export type RawNode = RawUse;

export interface ImportStep extends Step {
  /** Actions that became typed nodes. */
  typed: number;
  /** Actions kept as raw Archy. */
  raw: number;
  rawNodes: RawNode[];
}

/** A publish in the emulator's default mode and in its strict mode. */
export interface Publishes {
  default: Step;
  strict: Step;
}

export interface ExportResult {
  file: string;
  /** The export's flow type (its top-level key), "" when it does not read. */
  flowType: string;
  name: string;
  /** Into the flow model: typed share, raw nodes and why. */
  import: ImportStep;
  /** The imported flow, by lint's rules (core and policy). */
  lint: Step;
  /** The imported flow compiled back to Archy, keeping every action kind of the export. */
  compile: Step;
  /** The export itself, as Genesys would get it. */
  publishExport: Publishes;
  /** The flow compiled back, as a deploy would publish it. */
  publishCompiled: Publishes;
  ok: boolean;
}

export interface ExportsReport {
  files: ExportResult[];
  /** What strict mode checked org references against: the org file given, or the objects the exports name. */
  strictOrg: string;
  totals: {
    files: number;
    passed: number;
    failed: number;
    typed: number;
    raw: number;
    /** Files that passed each step. */
    steps: Record<StepKey, number>;
  };
  ok: boolean;
}

type StepKey = "import" | "lint" | "compile" | "exportDefault" | "exportStrict" | "compiledDefault" | "compiledStrict";

/** A file's steps in order: each one's key in the totals, its name in the text, and where a result holds it. */
const STEPS: ReadonlyArray<[StepKey, string, (r: ExportResult) => Step]> = [
  ["import", "import", (r) => r.import],
  ["lint", "lint", (r) => r.lint],
  ["compile", "compile", (r) => r.compile],
  ["exportDefault", "publish export, default mode", (r) => r.publishExport.default],
  ["exportStrict", "publish export, strict mode", (r) => r.publishExport.strict],
  ["compiledDefault", "publish compiled, default mode", (r) => r.publishCompiled.default],
  ["compiledStrict", "publish compiled, strict mode", (r) => r.publishCompiled.strict],
];

function steps(r: ExportResult): Array<[string, Step]> {
  return STEPS.map(([, name, pick]) => [name, pick(r)]);
}

/** Whether every step of a file passed (a step skipped after another failed does not count again). */
export function passed(r: Omit<ExportResult, "ok">): boolean {
  return steps({ ...r, ok: true }).every(([, s]) => s.status !== "failed");
}

export function reportOf(files: ExportResult[], strictOrg: string): ExportsReport {
  const count = (pick: (r: ExportResult) => Step): number => files.filter((r) => pick(r).status === "ok").length;
  const ok = files.filter((r) => r.ok).length;
  return {
    files,
    strictOrg,
    totals: {
      files: files.length,
      passed: ok,
      failed: files.length - ok,
      typed: files.reduce((n, r) => n + r.import.typed, 0),
      raw: files.reduce((n, r) => n + r.import.raw, 0),
      steps: Object.fromEntries(STEPS.map(([key, , pick]) => [key, count(pick)])) as Record<StepKey, number>,
    },
    ok: ok === files.length,
  };
}

const share = (typed: number, raw: number): string =>
  typed + raw === 0 ? "-" : `${((typed * 100) / (typed + raw)).toFixed(1)}%`;
const mark = (s: Step): string => (s.status === "ok" ? "ok" : s.status === "failed" ? "FAIL" : "-");
const at = (l: Located): string => `${l.file}${l.line !== undefined ? `:${l.line}` : ""}`;
const ruleOf = (l: Located): string => (l.rule !== undefined ? `[${l.rule}] ` : "");
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The width the text fits: a terminal's, a pull request's code block. */
const WIDTH = 120;

/** `text` in at most `width` characters, its middle left out. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

/** The longest folder every file is in (with its slash; "" when none): the table names the files below it. */
function commonFolder(files: readonly string[]): string {
  const folders = files.map((f) => f.split("/").slice(0, -1));
  let n = 0;
  while (folders.length > 0 && n < folders[0].length && folders.every((p) => p[n] === folders[0][n])) n++;
  return (folders[0] ?? [])
    .slice(0, n)
    .map((s) => `${s}/`)
    .join("");
}

/** Steps that say the same, as one: `publish export, default and strict mode`. */
function stepsText(names: readonly string[]): string {
  const out: string[] = [];
  for (const name of names) {
    const mode = /^(publish \w+), (default|strict) mode$/.exec(name);
    const same = mode ? out.findIndex((o) => o.startsWith(`${mode[1]}, `)) : -1;
    if (mode && same >= 0) out[same] = `${mode[1]}, default and strict mode`;
    else out.push(name);
  }
  return out.join("; ");
}

/** What a warning is, whatever it names: its rule, else its words up to the detail, names in quotes left out. */
const kindOf = (l: Located): string =>
  l.rule !== undefined ? `[${l.rule}]` : l.message.split(/: | \(/)[0].replace(/"[^"]*"/g, '"…"');

/** A failed file's problems, each at its line, said once for the steps that say the same. */
function problemLines(r: ExportResult): string[] {
  const groups = new Map<string, { first: Located; steps: string[] }>();
  for (const [name, s] of steps(r)) {
    for (const p of s.problems) {
      const key = `${p.line}\n${p.rule}\n${p.message.replace(/ \(at [^()]*\)$/, "")}`;
      const g = groups.get(key) ?? { first: p, steps: [] };
      g.steps.push(name);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map(
    (g) => `  ${at(g.first)}: ${stepsText(g.steps)}: ${ruleOf(g.first)}${g.first.message}`,
  );
}

/** Things of one kind, one line a kind, most first: how many, the kind, in which steps and files (the first where it is). */
function folded<T>(
  items: readonly T[],
  kind: (t: T) => string,
  where: (t: T) => { file: string; line?: number; step?: string },
  folder: string,
): string[] {
  const groups = new Map<string, T[]>();
  for (const i of items) groups.set(kind(i), [...(groups.get(kind(i)) ?? []), i]);
  const width = String(Math.max(0, ...[...groups.values()].map((g) => g.length))).length;
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.length - a.length || cmp(ka, kb))
    .map(([k, g]) => {
      const places = g.map(where);
      const stepNames = [...new Set(places.flatMap((p) => (p.step !== undefined ? [p.step] : [])))];
      const files = new Set(places.map((p) => p.file)).size;
      const first = `${fit(places[0].file.slice(folder.length), 40)}${places[0].line !== undefined ? `:${places[0].line}` : ""}`;
      const head = `  ${String(g.length).padStart(width)}  `;
      // The kind first; then where, short: `export default+strict, compiled default; 40 files`, or the one place.
      const modes = new Map<string, string[]>();
      for (const n of stepNames) {
        const [, base, mode] = /^publish (\w+), (\w+) mode$/.exec(n) ?? [n, n, undefined];
        modes.set(base, [...(modes.get(base) ?? []), ...(mode !== undefined ? [mode] : [])]);
      }
      const steps = [...modes].map(([base, m]) => (m.length > 0 ? `${base} ${m.join("+")}` : base)).join(", ");
      const tail = `  (${steps !== "" ? `${steps}; ` : ""}${files === 1 ? first : `${files} files`})`;
      const kindRoom = Math.max(40, WIDTH - head.length - tail.length);
      const kindText = k.length > kindRoom ? `${k.slice(0, kindRoom - 1)}…` : k;
      return `${head}${kindText}${fit(tail, WIDTH - head.length - kindText.length)}`;
    });
}

/**
 * The text report, at most WIDTH columns wide for the table: one row per file (named below the
 * folder they share), then each failed file's problems at their file and line, the warnings and
 * the actions kept as raw Archy folded by kind with counts (each one, located, is in the JSON),
 * the totals.
 */
export function renderTable(report: ExportsReport): string {
  const folder = commonFolder(report.files.map((r) => r.file));
  const head = ["#", "file", "type", "typed", "import", "lint", "compile", "export", "compiled"];
  const rows = report.files.map((r, i) => [
    String(i + 1),
    r.file.slice(folder.length),
    r.flowType || "?",
    r.import.typed + r.import.raw > 0 ? `${r.import.typed}/${r.import.typed + r.import.raw}` : "-",
    mark(r.import),
    mark(r.lint),
    mark(r.compile),
    `${mark(r.publishExport.default)}/${mark(r.publishExport.strict)}`,
    `${mark(r.publishCompiled.default)}/${mark(r.publishCompiled.strict)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  // The file names give way: the other columns are narrow and fixed.
  widths[1] = Math.min(
    widths[1],
    Math.max(head[1].length, WIDTH - widths.reduce((n, w, i) => (i === 1 ? n : n + w + 2), 0)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : fit(c, widths[i]).padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  const out = [
    `${plural(report.files.length, "export")}${folder !== "" ? ` in ${folder}` : ""}:`,
    line(head),
    ...rows.map(line),
    "(export, compiled: the export and the flow compiled back, each published in default/strict mode)",
  ];
  for (const [i, r] of report.files.entries())
    if (!r.ok) out.push("", `#${i + 1} ${r.file.slice(folder.length)} failed:`, ...problemLines(r));
  const warnings = report.files.flatMap((r) => steps(r).flatMap(([step, s]) => s.warnings.map((w) => ({ w, step }))));
  if (warnings.length > 0) {
    out.push("", `${plural(warnings.length, "warning")}, by kind (each at its file and line: --json):`);
    out.push(
      ...folded(
        warnings,
        ({ w }) => kindOf(w),
        ({ w, step }) => ({ file: w.file, ...(w.line !== undefined ? { line: w.line } : {}), step }),
        folder,
      ),
    );
  }
  const raw = report.files.flatMap((r) => r.import.rawNodes.map((n) => ({ n, file: r.file })));
  if (raw.length > 0) {
    out.push("", `${plural(raw.length, "action")} kept as raw Archy, by action and why (each at its line: --json):`);
    out.push(
      ...folded(
        raw,
        ({ n }) => `${n.action}: ${n.reason.replace(/"[^"]*"/g, '"…"')}`,
        ({ n, file }) => ({ file, ...(n.line !== undefined ? { line: n.line } : {}) }),
        folder,
      ),
    );
  }
  const t = report.totals;
  out.push(
    "",
    `${t.files} export(s): ${t.passed} passed, ${t.failed} failed. Actions: ${t.typed} of ${t.typed + t.raw} typed (${share(t.typed, t.raw)}), ${t.raw} raw.`,
    `Passed: import ${t.steps.import}, lint ${t.steps.lint}, compile ${t.steps.compile}; publish of the export ${t.steps.exportDefault} default, ${t.steps.exportStrict} strict; of the compiled flow ${t.steps.compiledDefault} default, ${t.steps.compiledStrict} strict.`,
    `Strict mode checked org references against ${report.strictOrg}.`,
  );
  return `${out.join("\n")}\n`;
}

export function renderJson(report: ExportsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
