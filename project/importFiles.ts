// The files an import reads and writes in the project (flows:import, import --from-terraform): the
// portfolio's flow files as they are, the stack's settings and routing files, and writes that a
// reader never sees half done.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { FlowLoadError } from "../model/errors";
import type { FlowSource } from "../planner/pipeline";
import type { StackSettings } from "../planner/stackSettings";
import { readFlowSources } from "./flowFiles";
import { readRoutingSources } from "./routingFiles";
import { readStackSettings } from "./stackFile";

/** Writes a file atomically (a reader never sees half of it). */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The portfolio's flow files; none when there is no flows/ yet (the import makes it). */
export function readExisting(root: string) {
  try {
    return readFlowSources(root);
  } catch (e) {
    if (e instanceof FlowLoadError) return []; // no flows/ yet: the import makes it
    throw e;
  }
}

/** The stack's settings and the project's routing files, or why they cannot be read. */
export function readStackAndRouting(
  root: string,
  stack: string,
): { settings: StackSettings; routingSources: FlowSource[] } | { problem: string } {
  try {
    return { settings: readStackSettings(root, stack), routingSources: readRoutingSources(root) };
  } catch (e) {
    if (e instanceof FlowLoadError) return { problem: e.message };
    throw e;
  }
}
