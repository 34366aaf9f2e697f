// Reads the portfolio from disk: every `*.yaml`/`*.yml` file under flows/ (subfolders too), in a
// stable order. The I/O edge in front of the pure planner, shared by the stack program and the CLI.
import { existsSync } from "fs";
import { join } from "path";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { FLOWS_DIR, flowIdOf } from "../planner/names";
import type { FlowSource } from "../planner/portfolio";
import { readProjectFile, walkProjectFiles } from "./files";

/**
 * Every flow file under `<root>/flows`, sorted by path. Throws FlowLoadError when flows/ is
 * missing, or naming each file that cannot be read (a link out of the project among them:
 * project/files.ts).
 */
export function readFlowSources(root: string, dir = FLOWS_DIR): FlowSource[] {
  return readYamlSources(root, dir, flowIdOf, "no flows/ folder: the portfolio lives in flows/*.yaml");
}

/**
 * Every YAML file under `<root>/<dir>` with its id (`idOf` its path relative to root), sorted by
 * path, read through the project's boundary (project/files.ts: a link out of the project is refused
 * by name). Throws FlowLoadError when the folder is missing (`missing` says what belongs there) or
 * a file cannot be read.
 */
export function readYamlSources(root: string, dir: string, idOf: (file: string) => string | undefined, missing: string): FlowSource[] {
  if (!existsSync(join(root, dir))) throw new FlowLoadError([{ file: dir, message: missing }]);
  const walked = walkProjectFiles(root, dir, (name) => /\.ya?ml$/i.test(name));
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
