// Reads flow files from disk: every `*.yaml`/`*.yml` file under flows/ (subfolders too), or under
// the paths a command was given, in a stable order. The project's one flow-file reader, the I/O
// edge in front of the pure pipeline (planner/pipeline.ts): the stack program, flows:compile,
// lint:flows, flows:diff (the working tree) and the import read flow files here.
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { join, relative, resolve } from "path";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { FLOWS_DIR, flowIdOf } from "../planner/names";
import type { FlowSource } from "../planner/pipeline";

/** A path given to read flow files from does not exist. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
    this.name = "MissingPathError";
  }
}

/** A flow file too large to be one; refused before it is read. */
class TooLargeError extends Error {}

/** A file's flow id: its path under flows/ without the extension, or its path without the extension elsewhere. */
export function sourceIdOf(file: string): string {
  return flowIdOf(file) ?? file.replace(/\.ya?ml$/i, "");
}

/**
 * The flow files at `paths` (relative to `root`; a folder means its *.yaml and *.yml files,
 * recursively, hidden ones left out), as posix paths relative to `root`, sorted. Throws
 * MissingPathError for a path that does not exist.
 */
export function findFlowFiles(root: string, paths: readonly string[] = [FLOWS_DIR]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile() && /\.ya?ml$/i.test(name)) out.add(abs);
    }
  };
  for (const p of paths) {
    const abs = resolve(root, p);
    if (!existsSync(abs)) throw new MissingPathError(p);
    if (statSync(abs).isDirectory()) walk(abs);
    else out.add(abs);
  }
  return [...out].map((abs) => relative(root, abs).replace(/\\/g, "/")).sort();
}

/** A flow file's text; refuses one larger than a flow file may be before reading it. */
export function readFlowFile(absolutePath: string): string {
  if (statSync(absolutePath).size > MAX_FLOW_FILE_BYTES) throw new TooLargeError();
  return readFileSync(absolutePath, "utf8");
}

/** Reads `files` (relative to `root`): the sources, and a located problem for each file that cannot be read. */
export function readFlowFiles(root: string, files: readonly string[], read: (absolutePath: string) => string = readFlowFile): { sources: FlowSource[]; issues: FlowIssue[] } {
  const sources: FlowSource[] = [];
  const issues: FlowIssue[] = [];
  for (const file of files) {
    try {
      sources.push({ id: sourceIdOf(file), file, text: read(resolve(root, file)) });
    } catch (e) {
      issues.push({ file, message: e instanceof TooLargeError ? `file is larger than ${MAX_FLOW_FILE_BYTES} bytes; a flow file should be small` : `cannot read it (${(e as Error).message})` });
    }
  }
  return { sources, issues };
}

/** Every flow file under `<root>/flows`, sorted by path. Throws FlowLoadError when flows/ is missing or a file cannot be read. */
export function readFlowSources(root: string, dir = FLOWS_DIR): FlowSource[] {
  let files: string[];
  try {
    files = findFlowFiles(root, [dir]);
  } catch (e) {
    if (e instanceof MissingPathError) throw new FlowLoadError([{ file: dir, message: "no flows/ folder: the portfolio lives in flows/*.yaml" }]);
    throw new FlowLoadError([{ file: dir, message: `cannot read it (${(e as Error).message})` }]);
  }
  const { sources, issues } = readFlowFiles(root, files);
  if (issues.length > 0) throw new FlowLoadError(issues);
  return sources;
}
