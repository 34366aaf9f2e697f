// The repository's files as the unit tests that read the tree see them (the layers, one helper per
// idea, the folder map, the paths comments and docs name): read from the disk, so a file not yet
// committed counts; generated, cached and dependency folders are left out.
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

export const ROOT = path.resolve(__dirname, "../..");

/**
 * Folders not walked: dependencies, caches, git, the package's build (dist/), and the reference
 * portfolio and its scenarios (templates/portfolio's flows/, routing/, scenarios/, linked from the
 * root: tests own their fixtures; the examples' own tests read them through testkit/shippedExamples.ts).
 */
const NOT_WALKED = new Set([
  "node_modules",
  ".git",
  ".work",
  "dist",
  "flows",
  "routing",
  "scenarios",
  "templates/portfolio/flows",
  "templates/portfolio/routing",
  "templates/portfolio/scenarios",
]);

/** Every file under `dir` (relative to ROOT, forward slashes), sorted. */
export function filesUnder(dir = ""): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (NOT_WALKED.has(child) || e.name === "node_modules") continue;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** Production source: .ts/.js/.mjs/.cjs outside test/ and sdks/ (the generated SDK), no .d.ts (tools/lineBudget.sh counts the same). */
export function productionSources(): string[] {
  return filesUnder().filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && !f.endsWith(".d.ts") && !/^(test|sdks)\//.test(f));
}

export const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");

/**
 * Top-level folders from the bottom up: a folder may import only folders listed before it (and
 * itself). `index.ts` (the Pulumi program's entry) and `bin/` sit on top.
 */
export const LAYERS: readonly string[] = [
  "sdks",
  "archy",
  "model",
  "checks",
  "compiler",
  "planner",
  "traffic",
  "project",
  "org",
  "ownership",
  "import",
  "verify",
  "diagram",
  "behaviour",
  "diff",
  "policies",
  "refactor",
  "run",
  "components",
  "engine",
  "emulator",
  "exportCheck",
  "testkit",
  "bench",
  "tools",
  "index.ts",
  "bin",
  // A team's repository as init writes it: it imports the package (genesys-flows/...), nothing above.
  "templates",
];

/** The project files a file imports (static, dynamic, require; type-only included), relative to ROOT. */
export function importsOf(file: string, files: ReadonlySet<string>, text = read(file)): string[] {
  const info = ts.preProcessFile(text, true, true);
  const out: string[] = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith(".")) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref.fileName));
    const hit = [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`].find((c) => files.has(c));
    // Imports of data (package.json, .json tables) and of test code are checked by path (architecture.test.ts).
    out.push(hit ?? base);
  }
  return out;
}

/** The files `entries` import, directly or through others, the entries included, sorted. */
export function importClosure(
  entries: readonly string[],
  files: ReadonlySet<string>,
  imports = (f: string) => importsOf(f, files),
): string[] {
  const seen = new Set<string>();
  const todo = [...entries];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f) || !files.has(f)) continue;
    seen.add(f);
    todo.push(...imports(f));
  }
  return [...seen].sort();
}
