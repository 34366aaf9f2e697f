// The one temporary-project builder of the tests and the benchmark: a fresh folder, optionally a copy of a fixture
// project, with files written over it. Every tier builds its projects here (the policy fixtures,
// the unit portfolio, the in-memory portfolios, the e2e copy of the repository's program).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface TempProjectOptions {
  /** A fixture project to copy first. */
  from?: string;
  /** The temp folder's name prefix. */
  prefix?: string;
}

/** Writes `files` (path relative to `root` -> text) under `root`, creating folders. */
export function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

/**
 * The folders tempProject made, listed on the global: under jest, the test file's own, which the
 * tiers' environment (testkit/testEnvironment.js) empties after the file, removing them.
 */
const MADE = Symbol.for("genesys-flows.tempProjects");
const made = ((globalThis as Record<symbol, unknown>)[MADE] ??= []) as string[];

/**
 * A temporary project folder: a copy of `from` (if given) with `files` written over it; returns its
 * path. Under jest it is removed after its test file (testkit/testEnvironment.js): several
 * checkouts and runs share the machine's temporary folder.
 */
export function tempProject(files: Readonly<Record<string, string>> = {}, options: TempProjectOptions = {}): string {
  const root = mkdtempSync(join(tmpdir(), options.prefix ?? "genesys-flows-test-"));
  made.push(root);
  if (options.from !== undefined) cpSync(options.from, root, { recursive: true });
  writeFiles(root, files);
  return root;
}

/** Rewrites a file of a project copy; the change must apply. */
export function editFile(root: string, file: string, from: RegExp | string, to: string): void {
  const p = join(root, file);
  const text = readFileSync(p, "utf8");
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did not apply to ${file}`);
  writeFileSync(p, out);
}

/** Every file under `root` (path relative to it -> text): what a test compares to show a command wrote nothing, or what it wrote. */
export function readTree(root: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) Object.assign(out, readTree(root, rel));
    else out[rel] = readFileSync(join(root, rel), "utf8");
  }
  return out;
}
