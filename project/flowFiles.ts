// Reads the portfolio from disk: every `*.yaml`/`*.yml` file under flows/ (subfolders too), in a
// stable order. The I/O edge in front of the pure planner, shared by the stack program and the CLI.
import { readdirSync, readFileSync, statSync } from "fs";
import { join, relative } from "path";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { FLOWS_DIR, flowIdOf } from "../planner/names";
import type { FlowSource } from "../planner/portfolio";

/** Every flow file under `<root>/flows`, sorted by path. Throws FlowLoadError when flows/ is missing. */
export function readFlowSources(root: string, dir = FLOWS_DIR): FlowSource[] {
  return readYamlSources(root, dir, flowIdOf, "no flows/ folder: the portfolio lives in flows/*.yaml");
}

/**
 * Every YAML file under `<root>/<dir>` with its id (`idOf` its path relative to root), sorted by path.
 * Throws FlowLoadError when the folder is missing (`missing` says what belongs there) or a file is too big.
 */
export function readYamlSources(root: string, dir: string, idOf: (file: string) => string | undefined, missing: string): FlowSource[] {
  const base = join(root, dir);
  let entries: string[];
  try {
    entries = walk(base);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new FlowLoadError([{ file: dir, message: code === "ENOENT" ? missing : `cannot read it (${(e as Error).message})` }]);
  }
  const out: FlowSource[] = [];
  const issues: FlowIssue[] = [];
  for (const abs of entries.sort()) {
    const file = relative(root, abs).replace(/\\/g, "/");
    const id = idOf(file);
    if (id === undefined) continue;
    // Refuse before reading: a flow file is small, and reading a huge one costs memory.
    if (statSync(abs).size > MAX_FLOW_FILE_BYTES) {
      issues.push({ file, message: `file is larger than ${MAX_FLOW_FILE_BYTES} bytes; a ${dir} file should be small` });
      continue;
    }
    try {
      out.push({ id, file, text: readFileSync(abs, "utf8") });
    } catch (e) {
      issues.push({ file, message: `cannot read it (${(e as Error).message})` });
    }
  }
  if (issues.length > 0) throw new FlowLoadError(issues);
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const abs = join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory()) out.push(...walk(abs));
    else if (st.isFile() && /\.ya?ml$/i.test(name)) out.push(abs);
  }
  return out;
}
