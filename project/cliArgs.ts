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

/** One element of a command line as `util.parseArgs` reads it. */
export type ArgToken =
  | { kind: "option"; name: string; rawName: string; value?: string; inlineValue?: boolean }
  | { kind: "positional"; value: string };

/**
 * The command line as `util.parseArgs` reads it (long and short options, `--flag=value`, `--`), in
 * order, refusing nothing: for the tools whose options take validated values and whose messages name
 * the option as it was written. An option of type string takes the next argument as its value.
 */
export function readArgTokens(argv: readonly string[], spec: FlagSpec): ArgToken[] {
  const { tokens } = parseArgs({ args: [...argv], options: spec, strict: false, allowPositionals: true, tokens: true });
  const out: ArgToken[] = [];
  for (const t of tokens ?? []) {
    if (t.kind === "positional") out.push({ kind: "positional", value: t.value });
    else if (t.kind === "option") out.push({ kind: "option", name: t.name, rawName: t.rawName, value: t.value, inlineValue: t.inlineValue });
  }
  return out;
}

/** An option token as it was written (`--flag` or `--flag=value`), for messages. */
export function asWritten(t: Extract<ArgToken, { kind: "option" }>): string {
  return t.inlineValue ? `${t.rawName}=${t.value ?? ""}` : t.rawName;
}
