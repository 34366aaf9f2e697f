// What check-exports finds, per export file and in total, and its two renderings: a table for
// people and JSON for tools. Every problem is located in the export (its file, and its line when
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
export interface RawNode {
  line?: number;
  path: string;
  action: string;
  reason: string;
}

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
    steps: Record<"import" | "lint" | "compile" | "exportDefault" | "exportStrict" | "compiledDefault" | "compiledStrict", number>;
  };
  ok: boolean;
}

function steps(r: ExportResult): Array<[string, Step]> {
  return [
    ["import", r.import],
    ["lint", r.lint],
    ["compile", r.compile],
    ["publish export, default mode", r.publishExport.default],
    ["publish export, strict mode", r.publishExport.strict],
    ["publish compiled, default mode", r.publishCompiled.default],
    ["publish compiled, strict mode", r.publishCompiled.strict],
  ];
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
      steps: {
        import: count((r) => r.import),
        lint: count((r) => r.lint),
        compile: count((r) => r.compile),
        exportDefault: count((r) => r.publishExport.default),
        exportStrict: count((r) => r.publishExport.strict),
        compiledDefault: count((r) => r.publishCompiled.default),
        compiledStrict: count((r) => r.publishCompiled.strict),
      },
    },
    ok: ok === files.length,
  };
}

const share = (typed: number, raw: number): string => (typed + raw === 0 ? "-" : `${((typed * 100) / (typed + raw)).toFixed(1)}%`);
const mark = (s: Step): string => (s.status === "ok" ? "ok" : s.status === "failed" ? "FAIL" : "-");
const at = (l: Located): string => `${l.file}${l.line !== undefined ? `:${l.line}` : ""}`;
const ruleOf = (l: Located): string => (l.rule !== undefined ? `[${l.rule}] ` : "");

/** The table: one row per file, then each problem, the raw Archy kept and why, the totals. */
export function renderTable(report: ExportsReport): string {
  const head = ["file", "type", "typed", "import", "lint", "compile", "export d/s", "compiled d/s"];
  const rows = report.files.map((r) => [
    r.file,
    r.flowType || "?",
    r.import.typed + r.import.raw > 0 ? `${r.import.typed}/${r.import.typed + r.import.raw}` : "-",
    mark(r.import),
    mark(r.lint),
    mark(r.compile),
    `${mark(r.publishExport.default)}/${mark(r.publishExport.strict)}`,
    `${mark(r.publishCompiled.default)}/${mark(r.publishCompiled.strict)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
  const out = [line(head), ...rows.map(line)];
  const problems = report.files.flatMap((r) => steps(r).flatMap(([name, s]) => s.problems.map((p) => `  ${at(p)}: ${name}: ${ruleOf(p)}${p.message}`)));
  if (problems.length > 0) out.push("", "Problems:", ...problems);
  const warnings = report.files.flatMap((r) => steps(r).flatMap(([name, s]) => s.warnings.map((p) => `  ${at(p)}: ${name}: ${ruleOf(p)}${p.message}`)));
  if (warnings.length > 0) out.push("", "Warnings:", ...warnings);
  const raw = report.files.flatMap((r) => r.import.rawNodes.map((n) => `  ${r.file}${n.line !== undefined ? `:${n.line}` : ""}: ${n.action}: ${n.reason}`));
  if (raw.length > 0) out.push("", "Kept as raw Archy (why):", ...raw);
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
