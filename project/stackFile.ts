// Reads a stack file (`Pulumi.<stack>.yaml`) and validates its `genesys-flows:*` settings: the
// I/O edge in front of the pure parseStackFile (planner/stackSettings.ts), shared by the stack
// program, the CLI and deploy. It only reads: nothing here writes a stack file.
import { FlowLoadError } from "../model/errors";
import { parseStackFile, type StackSettings } from "../planner/stackSettings";
import { readProjectFile } from "./files";

/** A stack file is settings only: far below this. */
const MAX_STACK_FILE_BYTES = 1024 * 1024;

export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

/** Reads `Pulumi.<stack>.yaml` under `root` and validates its `genesys-flows:*` settings. */
export function readStackSettings(root: string, stack: string): StackSettings {
  return readStackFile(root, stack).settings;
}

/** The stack file's name, its text (for the checks of the file itself: checks/secrets.ts) and its validated settings. */
export function readStackFile(root: string, stack: string): { file: string; text: string; settings: StackSettings } {
  const file = stackFileName(stack);
  const read = readProjectFile(root, file, MAX_STACK_FILE_BYTES, "a stack file");
  if (!read.ok) {
    const missing = read.issue.message === "no such file";
    throw new FlowLoadError([missing ? { file, message: `no such stack file; create it (see README "Stacks and configuration") or pass --stack <name>` } : read.issue]);
  }
  return { file, text: read.text, settings: parseStackFile(read.text, file) };
}
