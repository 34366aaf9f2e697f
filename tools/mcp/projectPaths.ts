// The agent interface's boundary: every path an MCP tool is given (a file to lint, a scenario
// folder, an Archy export to import, a folder to write into, a flow id, a stack name) is resolved
// against the project root and refused unless it stays inside it, links included: the real path
// of the file (or, for one still to be written, of its nearest existing folder) must be under the
// root's real path. Messages name the argument as given, never what a link points at.
import { existsSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { inside as under, outsideProject } from "../../project/files";

/** A tool argument the boundary refuses; the tool answers it as an error the agent can act on. */
export class OutsideProjectError extends Error {}

/** The absolute path of `given` (relative to the root, or absolute) when it stays inside the project; throws otherwise. */
export function projectPath(root: string, given: string, what: string): string {
  if (given.includes("\0")) throw new OutsideProjectError(`${what} "${given}" is not a path`);
  const abs = resolve(root, given);
  const realRoot = realpathSync(root);
  const refuse = () =>
    new OutsideProjectError(
      `${what} "${given}" is outside the project (${root}); give a path inside it, relative to the project root`,
    );
  if (!under(resolve(root), abs) && !under(realRoot, abs)) throw refuse();
  if (existsSync(abs) || outsideProject(root, abs) !== undefined) {
    if (outsideProject(root, abs) !== undefined) throw refuse();
    return abs;
  }
  // Still to be written: its nearest existing folder decides (a link to elsewhere is refused).
  let folder = dirname(abs);
  while (!existsSync(folder) && folder !== dirname(folder)) folder = dirname(folder);
  if (!under(realRoot, realpathSync(folder))) throw refuse();
  return abs;
}

/** A flow id (`calls/sales`): its file flows/<id>.yaml, inside the project. */
export function flowIdPath(root: string, id: string): string {
  if (id === "" || isAbsolute(id) || !/^[\w.\- /]+$/.test(id))
    throw new OutsideProjectError(
      `flow id "${id}" is not a flow id (the path under flows/ without .yaml, e.g. calls/sales)`,
    );
  return projectPath(root, `flows/${id}.yaml`, `flow "${id}"`);
}

/** A stack name: one file name part (Pulumi.<stack>.yaml at the root), never a path. */
export function stackName(stack: string): string {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(stack))
    throw new OutsideProjectError(
      `stack "${stack}" is not a stack name (letters, digits, - _ .); its file is Pulumi.<stack>.yaml at the project root`,
    );
  return stack;
}
