// A tiny, strict argument parser shared by the project's CLIs (tools/ and the emulator's): unknown flags and missing values
// are usage errors (exit code 2), reported in one line.
import { parseArgs } from "util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Parses `argv` (without node and script) against `spec`; throws UsageError on anything unexpected. */
export function parseCliArgs<S extends FlagSpec>(
  argv: string[],
  spec: S,
): { [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean } {
  try {
    const { values } = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false });
    return values as { [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
