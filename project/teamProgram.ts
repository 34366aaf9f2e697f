// A team's program as the engine runs it: its index.ts, every file of its components/ folder and
// what they import relatively inside the repository, followed as the package's loader compiles
// them (project/jsbuild.js). The fast no-op (run/fastNoop.ts) hashes these files, so an edit to the
// team's own resources runs the engine. The tool's own folder has none: its build id covers it.
import * as fs from "node:fs";
import * as path from "node:path";
import { cmp } from "../archy/json";

/** Where a team's program starts, and the folder of its own components. */
export const PROGRAM_ENTRY = "index.ts";
export const COMPONENTS_DIR = "components";

// import ... from "x"; export ... from "x"; import "x"; import("x"); require("x")
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;
const CODE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SUFFIXES = ["", ".ts", ".js", ".json", "/index.ts", "/index.js"];

/** The relative specifiers a source imports (pure). */
export function relativeImports(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].flatMap((m) => (m[1]?.startsWith(".") ? [m[1]] : []));
}

/**
 * The team's program files under `root`, project-relative and sorted, with their text: index.ts,
 * components/**, and every file they import relatively that lies inside `root` (outside
 * node_modules). A specifier that resolves to no file is left out (the engine says why).
 */
export function programSources(root: string): Array<{ file: string; text: string }> {
  const inRoot = (abs: string) => {
    const rel = path.relative(root, abs);
    return !rel.startsWith("..") && !path.isAbsolute(rel) && !rel.split(path.sep).includes("node_modules");
  };
  const isFile = (abs: string) => fs.statSync(abs, { throwIfNoEntry: false })?.isFile() === true;
  const components = path.join(root, COMPONENTS_DIR);
  const queue = [
    path.join(root, PROGRAM_ENTRY),
    ...(fs.existsSync(components) ? fs.readdirSync(components, { recursive: true }).map(String) : []).map((f) =>
      path.join(components, f),
    ),
  ].filter(isFile);
  const texts = new Map<string, string>();
  for (let abs = queue.pop(); abs !== undefined; abs = queue.pop()) {
    if (texts.has(abs)) continue;
    const text = fs.readFileSync(abs, "utf8");
    texts.set(abs, text);
    if (!CODE.test(abs)) continue;
    for (const spec of relativeImports(text)) {
      const base = path.resolve(path.dirname(abs), spec);
      const dep = SUFFIXES.map((s) => `${base}${s}`).find((f) => inRoot(f) && isFile(f));
      if (dep !== undefined) queue.push(dep);
    }
  }
  return [...texts]
    .map(([abs, text]) => ({ file: path.relative(root, abs).split(path.sep).join("/"), text }))
    .sort((a, b) => cmp(a.file, b.file));
}
