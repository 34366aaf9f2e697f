// Reads a stack file (`Pulumi.<stack>.yaml`) and validates its `genesys-flows:*` settings: the
// I/O edge in front of the pure parseStackFile (planner/stackSettings.ts), shared by the stack
// program, the CLI and deploy. It only reads: nothing here writes a stack file.
import { readFileSync } from "fs";
import { join } from "path";
import { FlowLoadError } from "../model/errors";
import { parseStackFile, type StackSettings } from "../planner/stackSettings";

export function stackFileName(stack: string): string {
  return `Pulumi.${stack}.yaml`;
}

/** Reads `Pulumi.<stack>.yaml` under `root` and validates its `genesys-flows:*` settings. */
export function readStackSettings(root: string, stack: string): StackSettings {
  const file = stackFileName(stack);
  let text: string;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    throw new FlowLoadError([{ file, message: `no such stack file; create it (see README "Stacks and configuration") or pass --stack <name>` }]);
  }
  return parseStackFile(text, file);
}
