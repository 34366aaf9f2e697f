// The command line's one argument parser, for every command (tools/, the emulator's, the
// benchmark's): util.parseArgs reads the tokens (long and short options, `--flag=value`, `--`), and
// this judges them the same way for all, so an unknown option, a missing value or a stray argument
// reads alike in every command and is a UsageError (exit code 2). A string option takes the next
// argument as its value unless it is another option (`--stack --format` is `--stack` without one);
// an empty value is no value. test/unit/argv.test.ts checks that no other file parses argv.
import { parseArgs } from "node:util";
import { resolve } from "node:path";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type FlagSpec = Readonly<Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>>;

type ValueOf<O extends FlagSpec[string]> = O["type"] extends "string"
  ? O extends { multiple: true }
    ? string[]
    : string
  : O extends { multiple: true }
    ? boolean[]
    : boolean;

/** The options given, by name (a repeated option keeps its last value, or every value when `multiple`). */
export type ArgValues<S extends FlagSpec> = { -readonly [K in keyof S]?: ValueOf<S[K]> };

/** An option as given, in order: for commands whose options apply in the order written. */
export interface ArgOption {
  name: string;
  value?: string;
}

/**
 * Reads `argv` (the arguments after the command) against `spec`. Positional arguments are refused
 * unless `positionals`. Throws UsageError.
 */
export function parseCommandLine<const S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
  opts: { positionals?: boolean } = {},
): { values: ArgValues<S>; positionals: string[]; options: ArgOption[] } {
  const { tokens = [] } = parseArgs({
    args: [...argv],
    options: spec,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const options: ArgOption[] = [];
  for (const t of tokens) {
    if (t.kind === "option-terminator") continue;
    if (t.kind === "positional") {
      if (!opts.positionals) throw new UsageError(`unexpected argument: ${t.value}`);
      positionals.push(t.value);
      continue;
    }
    const option = Object.hasOwn(spec, t.name) ? spec[t.name] : undefined;
    if (option === undefined)
      throw new UsageError(`unknown option ${t.inlineValue ? `${t.rawName}=${t.value ?? ""}` : t.rawName}`);
    if (option.type === "boolean" && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
    if (
      option.type === "string" &&
      (t.value === undefined || t.value === "" || (!t.inlineValue && t.value.startsWith("--") && t.value.length > 2))
    )
      throw new UsageError(`${t.rawName} needs a value`);
    const value = option.type === "string" ? t.value : true;
    values[t.name] = option.multiple ? [...((values[t.name] as unknown[] | undefined) ?? []), value] : value;
    options.push({ name: t.name, ...(t.value !== undefined ? { value: t.value } : {}) });
  }
  return { values: values as ArgValues<S>, positionals, options };
}

/** `--set key=value` (every export) and `--set <export>:key=value` (that export's own, by its resolved path). */
export function parseSets(values: string[]): {
  shared: Record<string, string>;
  own: Record<string, Record<string, string>>;
} {
  const shared: Record<string, string> = {};
  const own: Record<string, Record<string, string>> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    // The key has no ":" (a substitution key): the last one before "=" ends the export's path.
    const colon = v.lastIndexOf(":", eq);
    if (eq <= 0 || eq === colon + 1) throw new UsageError(`--set ${v}: expected [<export>:]<key>=<value>`);
    if (colon > 0) (own[resolve(v.slice(0, colon))] ??= {})[v.slice(colon + 1, eq)] = v.slice(eq + 1);
    else shared[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return { shared, own };
}

/** A command's words around its arguments: its name in a problem, its help, where both are written. */
export interface CommandUsage {
  command: string;
  help: string;
  io: { out: { write(s: string): unknown }; err: { write(s: string): unknown } };
  positionals?: boolean;
}

/**
 * Reads a command's arguments as the commands do (`spec` and `--help`, `-h`): on `--help` its help (exit code 0); on a problem
 * with them (the parser's, or `check`'s, which runs after the help) `<command>: <problem>` and its
 * help (exit code 2). Returns the arguments, or that exit code.
 */
export function commandArgs<const S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
  usage: CommandUsage,
  check: (values: ArgValues<S>, positionals: string[]) => void = () => {},
): { values: ArgValues<S>; positionals: string[] } | number {
  try {
    const withHelp = { ...spec, help: { type: "boolean", short: "h" } } as const;
    const parsed = parseCommandLine(argv, withHelp, { positionals: usage.positionals });
    if (parsed.values.help) {
      usage.io.out.write(usage.help);
      return 0;
    }
    check(parsed.values, parsed.positionals);
    return parsed;
  } catch (e) {
    usage.io.err.write(`${usage.command}: ${(e as Error).message}\n\n${usage.help}`);
    return 2;
  }
}
