// Archy exports into flow files: each export imported (import/index.ts), the files planned
// (import/plan.ts), then all written or none. What is written, and the share of typed actions, is
// reported through `io`: `genesys-flows import` prints it, the MCP server's import tool returns it.
import { existsSync, readFileSync } from "fs";
import { join, relative, resolve } from "path";
import { importArchyText, ImportError, sum, type ImportResult } from "./index";
import { planImport, summaryLine, type ImportedFlow, type PlannedFile } from "./plan";
import { readExisting, writeAtomically } from "../project/importFiles";

export interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

export function posix(p: string): string {
  return p.split("\\").join("/");
}

/** What the import printed for one file: where it went, the share, what stayed raw and why. */
export function describePlanned(f: PlannedFile): string {
  const r = f.report;
  const lines = [`${f.overwrites ? "replaced" : "wrote"} ${f.file} from ${f.source} (${r.kind} "${r.name}"): ${summaryLine(r)}`];
  for (const u of r.unmapped) lines.push(`  raw   ${f.source.startsWith("org ") ? "" : `${f.source}:${u.line ?? "?"} `}${u.path}: ${u.action}: ${u.reason}`);
  for (const n of r.notes) lines.push(`  note  ${n}`);
  if (r.placeholders.length > 0) lines.push(`  placeholders to give a value in each stack: ${r.placeholders.join(", ")}`);
  return lines.join("\n");
}

/** Writes the planned files, or nothing when there is a problem; returns the exit code. */
export function writePlan(root: string, plan: { files: PlannedFile[]; problems: string[]; warnings?: string[] }, io: Io): number {
  if (plan.problems.length > 0) {
    io.err.write(`flows:import: nothing written:\n${plan.problems.map((p) => `  ${p}`).join("\n")}\n`);
    return 1;
  }
  for (const f of plan.files) writeAtomically(join(root, f.file), f.text);
  for (const f of plan.files) io.out.write(`${describePlanned(f)}\n`);
  // Unknown to the catalogue, not invalid (README: What the Archy knowledge knows): written, and said.
  for (const w of plan.warnings ?? []) io.err.write(`flows:import: warning: ${w}\n`);
  const typed = plan.files.reduce((n, f) => n + sum(f.report.typed), 0);
  const raw = plan.files.reduce((n, f) => n + sum(f.report.raw), 0);
  io.out.write(`${plan.files.length} flow file(s): ${typed} of ${typed + raw} actions typed, ${raw} raw.\n`);
  return 0;
}

/** Imports Archy files; returns the exit code. */
export function importFiles(root: string, paths: string[], options: { out: string; force: boolean; substitutions: Record<string, string> }, io: Io): number {
  const imported: ImportedFlow[] = [];
  const problems: string[] = [];
  const skipped: string[] = [];
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
    try {
      const result: ImportResult = importArchyText(text, { source, substitutions: options.substitutions });
      imported.push({ source, result });
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      if (e.verdict === "unsupported") skipped.push(`${e.message}: not imported, left as it is`);
      else problems.push(e.message);
    }
  }
  if (problems.length > 0) return writePlan(root, { files: [], problems }, io);
  const outDir = posix(relative(root, resolve(root, options.out)));
  const plan = planImport({ imported, existing: readExisting(root), outDir, force: options.force, exists: (f) => existsSync(join(root, f)) });
  return writePlan(root, { ...plan, warnings: [...skipped, ...(plan.warnings ?? [])] }, io);
}
