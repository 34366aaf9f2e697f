// Archy exports into flow files: each export imported (import/index.ts), the files planned
// (import/plan.ts), then all written or none. What is written, and the share of typed actions, is
// reported through `io`: `genesys-flows import` prints it, the MCP server's import tool returns it.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { importArchyText, ImportError, sum } from "./index";
import { planImport, summaryLine, takeable, type PlannedFile, type ReadExport } from "./plan";
import { readExisting, writeAtomically } from "../project/importFiles";
import { applySubstitutions, findPlaceholders } from "../model/placeholders";
import { recordSubstitutions } from "./adopt";
import { declaredObjectNames, planObjectFiles } from "./adoptObjects";
import { objectsOfExports } from "./exportObjects";
import { readRoutingSources } from "../project/routingFiles";

export interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
  /** What the import did, as data (the MCP server's import tool returns it; the command prints the text above). */
  result?(r: ImportResult): void;
}

/** What an import wrote (each file from its export, with its share of typed actions), or why it wrote nothing. */
export interface ImportResult {
  written: Array<{ file: string; source: string; kind: string; name: string; typed: number; raw: number }>;
  /** The org objects the flows name, declared: each file and what it declares (`queue "Sales"`). */
  objects: Array<{ file: string; declares: string }>;
  /** Objects the flows name that the import does not declare (a lookup by a computed name): where, and why. */
  notes: string[];
  /** Why nothing was written (every problem, one line each). */
  problems: string[];
  warnings: string[];
  /** Exports not taken until given what each names. */
  notTaken: string[];
}

export function posix(p: string): string {
  return p.split("\\").join("/");
}

/** What the import printed for one file: where it went, the share, what stayed raw and why. */
export function describePlanned(f: PlannedFile): string {
  const r = f.report;
  const lines = [
    `${f.overwrites ? "replaced" : "wrote"} ${f.file} from ${f.source} (${r.kind} "${r.name}"): ${summaryLine(r)}`,
  ];
  for (const u of r.unmapped)
    lines.push(
      `  raw   ${f.source.startsWith("org ") ? "" : `${f.source}:${u.line ?? "?"} `}${u.path}: ${u.action}: ${u.reason}`,
    );
  for (const n of r.notes) lines.push(`  note  ${n}`);
  if (r.placeholders.length > 0)
    lines.push(`  placeholders to give a value in each stack: ${r.placeholders.join(", ")}`);
  return lines.join("\n");
}

/** Writes the planned files (and the org objects they name), or nothing when there is a problem; returns the exit code. */
export function writePlan(
  root: string,
  plan: {
    files: PlannedFile[];
    problems: string[];
    warnings?: string[];
    notTaken?: string[];
    objects?: ReturnType<typeof planObjectFiles> & { notes: string[] };
  },
  io: Io,
): number {
  const notTaken = (plan.notTaken ?? []).map((n) => `  not taken: ${n}\n`).join("");
  const result = { problems: plan.problems, warnings: plan.warnings ?? [], notTaken: plan.notTaken ?? [] };
  if (plan.problems.length > 0 || (plan.files.length === 0 && notTaken !== "")) {
    io.result?.({ ...result, written: [], objects: [], notes: [] });
    io.err.write(`flows:import: nothing written:\n${plan.problems.map((p) => `  ${p}\n`).join("")}${notTaken}`);
    return 1;
  }
  for (const f of plan.files) writeAtomically(join(root, f.file), f.text);
  for (const f of plan.files) io.out.write(`${describePlanned(f)}\n`);
  // Unknown to the catalogue, not invalid (README: What the Archy knowledge knows): written, and said.
  for (const w of plan.warnings ?? []) io.err.write(`flows:import: warning: ${w}\n`);
  const typed = plan.files.reduce((n, f) => n + sum(f.report.typed), 0);
  const raw = plan.files.reduce((n, f) => n + sum(f.report.raw), 0);
  io.out.write(`${plan.files.length} flow file(s): ${typed} of ${typed + raw} actions typed, ${raw} raw.\n`);
  const objects = plan.objects ?? { files: [], kept: [], problems: [], undeclared: [], notes: [] };
  for (const f of objects.files) writeAtomically(join(root, f.file), f.text);
  for (const f of objects.files) io.out.write(`wrote ${f.file}: the ${f.what} the imported flows name\n`);
  for (const k of objects.kept) io.out.write(`kept ${k}\n`);
  for (const n of objects.notes) io.err.write(`flows:import: note: ${n}\n`);
  const written = plan.files.map(({ file, source, report: r }) => ({ file, source, kind: r.kind, name: r.name }));
  io.result?.({
    ...result,
    written: written.map((w, i) => ({ ...w, ...shares(plan.files[i]) })),
    objects: objects.files.map((f) => ({ file: f.file, declares: f.what })),
    notes: objects.notes,
  });
  if (notTaken !== "") io.err.write(`flows:import: the others written; not taken (give what each names):\n${notTaken}`);
  return 0;
}

const shares = (f: PlannedFile) => ({ typed: sum(f.report.typed), raw: sum(f.report.raw) });

export interface ImportFilesOptions {
  out: string;
  force: boolean;
  /** `--set key=value`: filled in before reading, so fixed in the flow files. */
  substitutions: Record<string, string>;
  /** `--set <export>:key=value`: one export's own values, filled in it, by the export's resolved path. */
  own?: Readonly<Record<string, Record<string, string>>>;
  /**
   * init's `--set`: the placeholders stay in the flow files and these stack files give their values
   * (genesys-flows:substitutions); an export using a placeholder they do not give is not taken.
   */
  stacks?: { files: readonly string[]; values: Readonly<Record<string, string>> };
}

/** Imports Archy files; returns the exit code. What is not taken until given something is listed, the rest written. */
export function importFiles(root: string, paths: string[], options: ImportFilesOptions, io: Io): number {
  const read: ReadExport[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
  const wanting: string[] = [];
  /** Each export's text as imported (its --set values filled), by its source. */
  const texts = new Map<string, string>();
  const values = options.stacks?.values;
  for (const p of paths) {
    // Named from the project when inside it, else as given.
    const inside = posix(relative(root, resolve(p)));
    const source = inside !== "" && !inside.startsWith("../") ? inside : posix(p);
    let text: string;
    try {
      text = readFileSync(p, "utf8");
    } catch (e) {
      problems.push(`${source}: cannot read it (${(e as Error).message})`);
      continue;
    }
    const substitutions = { ...options.substitutions, ...options.own?.[resolve(p)] };
    // Placeholders no value is given for: read meanwhile as whole numbers (the export tells its name), then listed.
    const given = { ...values, ...substitutions };
    const wanted = values ? findPlaceholders(text).filter((k) => !Object.hasOwn(given, k)) : [];
    const meanwhile = Object.fromEntries(wanted.map((k) => [k, "0"]));
    const stackValues = values ? { stackValues: { ...values, ...meanwhile } } : {};
    texts.set(source, applySubstitutions(text, substitutions));
    try {
      read.push({ source, result: importArchyText(text, { source, substitutions, ...stackValues }), wanted });
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      if (e.verdict === "unsupported") skipped.push(`${e.message}: not imported, left as it is`);
      else if (e.verdict === "wanting") wanting.push(e.message);
      else problems.push(e.message);
    }
  }
  const exports = new Set(paths.map((p) => resolve(p)));
  for (const p of Object.keys(options.own ?? {})) {
    if (!exports.has(p)) problems.push(`--set ${p}:...: not one of the exports given`);
  }
  if (problems.length > 0) return writePlan(root, { files: [], problems }, io);
  const { imported, notTaken } = takeable(read, values ?? {});
  const outDir = posix(relative(root, resolve(root, options.out)));
  const plan = planImport({
    imported,
    existing: readExisting(root),
    outDir,
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
  });
  const warnings = [...skipped, ...(plan.warnings ?? [])];
  // The org objects the flows name, declared beside them (the same files import --from-org writes):
  // when the flows are the portfolio's (under flows/), not files written elsewhere.
  const portfolio = outDir === "flows" || outDir.startsWith("flows/");
  const flows = plan.files.flatMap((f) =>
    portfolio ? [{ source: f.source, file: f.file, text: texts.get(f.source) ?? "" }] : [],
  );
  const { named, computed } = objectsOfExports(flows);
  const objects = planObjectFiles({
    named,
    substitutions: [],
    exists: (f) => existsSync(join(root, f)),
    ...(portfolio ? { declared: declaredObjectNames(readRoutingSources(root)) } : {}),
  });
  plan.problems.push(...objects.problems);
  const taken = {
    ...plan,
    warnings,
    notTaken: [...wanting, ...notTaken],
    objects: { ...objects, notes: [...computed, ...objects.undeclared] },
  };
  const code = writePlan(root, taken, io);
  if (code !== 0 || !options.stacks) return code;
  return recordStackValues(root, options.stacks, [...plan.files, ...objects.files], io);
}

/** The values the written files use, recorded in every stack file given; returns 0. */
function recordStackValues(
  root: string,
  stacks: ImportFilesOptions["stacks"] & {},
  files: ReadonlyArray<{ text: string }>,
  io: Io,
) {
  const used = Object.entries(stacks.values).filter(([k]) => files.some((f) => f.text.includes(`{{${k}}}`)));
  if (used.length === 0) return 0;
  for (const file of stacks.files) {
    const text = readFileSync(join(root, file), "utf8");
    writeAtomically(join(root, file), recordSubstitutions(text, Object.fromEntries(used)));
  }
  const said = used.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
  io.out.write(`recorded ${stacks.files.join(", ")}: genesys-flows:substitutions ${said} (edit each stack's there)\n`);
  return 0;
}
