// Reads flow files from disk: every `*.yaml`/`*.yml` file under flows/ (subfolders too), or under
// the paths a command was given, in a stable order. The project's one flow-file reader, the I/O
// edge in front of the pure pipeline (planner/pipeline.ts): the stack program, flows:compile,
// lint:flows, flows:diff (the working tree) and the import read flow files here. Every read goes
// through the project's boundary (project/files.ts): a path or link leading out of the project is
// refused by name, never followed or quoted; a folder link loop is one line.
import { existsSync, lstatSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { FLOWS_DIR, flowIdOf } from "../planner/names";
import type { FlowSource } from "../planner/pipeline";
import { outsideProject, readProjectFile, walkProjectFiles } from "./files";

/** A path given to read flow files from does not exist. */
export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
    this.name = "MissingPathError";
  }
}

const YAML_FILE = (name: string) => /\.ya?ml$/i.test(name);

/** A file's flow id: its path under flows/ without the extension, or its path without the extension elsewhere. */
export function sourceIdOf(file: string): string {
  return flowIdOf(file) ?? file.replace(/\.ya?ml$/i, "");
}

/**
 * The flow files at `paths` (relative to `root`; a folder means its *.yaml and *.yml files,
 * recursively, hidden ones left out), as posix paths relative to `root`, sorted. Throws
 * MissingPathError for a path that does not exist, and FlowLoadError naming each path or link that
 * leads out of the project.
 */
export function findFlowFiles(root: string, paths: readonly string[] = [FLOWS_DIR]): string[] {
  const out = new Set<string>();
  const issues: FlowIssue[] = [];
  for (const p of paths) {
    const abs = resolve(root, p);
    const rel = relative(root, abs).split(sep).join("/");
    if (!existsSync(abs) && lstatSync(abs, { throwIfNoEntry: false }) === undefined) throw new MissingPathError(p);
    if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) {
      issues.push({ file: p, message: "is outside the project; only files inside the project are read" });
      continue;
    }
    const outside = outsideProject(root, abs);
    if (outside !== undefined) {
      issues.push({ file: rel, message: outside });
      continue;
    }
    if (statSync(abs).isDirectory()) {
      const walked = walkProjectFiles(root, rel === "" ? "." : rel, YAML_FILE);
      for (const f of walked.files) out.add(f);
      issues.push(...walked.issues);
    } else out.add(rel);
  }
  if (issues.length > 0) throw new FlowLoadError(issues);
  return [...out].sort();
}

/** Reads `files` (relative to `root`): the sources, and a located problem for each file that cannot be read. */
export function readFlowFiles(
  root: string,
  files: readonly string[],
  read?: (absolutePath: string) => string,
): { sources: FlowSource[]; issues: FlowIssue[] } {
  const sources: FlowSource[] = [];
  const issues: FlowIssue[] = [];
  for (const file of files) {
    if (read) {
      try {
        sources.push({ id: sourceIdOf(file), file, text: read(resolve(root, file)) });
      } catch (e) {
        issues.push({ file, message: `cannot read it (${(e as Error).message})` });
      }
      continue;
    }
    const r = readProjectFile(root, file, MAX_FLOW_FILE_BYTES, "a flow file");
    if (r.ok) sources.push({ id: sourceIdOf(file), file, text: r.text });
    else issues.push(r.issue);
  }
  return { sources, issues };
}

/** Every flow file under `<root>/flows`, sorted by path. Throws FlowLoadError when flows/ is missing or a file cannot be read. */
export function readFlowSources(root: string, dir = FLOWS_DIR): FlowSource[] {
  return readYamlSources(root, dir, flowIdOf, "no flows/ folder: the portfolio lives in flows/*.yaml");
}

/**
 * Every YAML file under `<root>/<dir>` with its id (`idOf` its path relative to root), sorted by
 * path, read through the project's boundary. Throws FlowLoadError when the folder is missing
 * (`missing` says what belongs there) or a file cannot be read.
 */
export function readYamlSources(
  root: string,
  dir: string,
  idOf: (file: string) => string | undefined,
  missing: string,
): FlowSource[] {
  if (!existsSync(join(root, dir))) throw new FlowLoadError([{ file: dir, message: missing }]);
  const walked = walkProjectFiles(root, dir, YAML_FILE);
  const out: FlowSource[] = [];
  const issues: FlowIssue[] = [...walked.issues];
  for (const file of walked.files) {
    const id = idOf(file);
    if (id === undefined) continue;
    const read = readProjectFile(root, file, MAX_FLOW_FILE_BYTES, dir === FLOWS_DIR ? "a flow file" : `a ${dir} file`);
    if (read.ok) out.push({ id, file, text: read.text });
    else issues.push(read.issue);
  }
  if (issues.length > 0) throw new FlowLoadError(issues);
  return out;
}
