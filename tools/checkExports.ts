// genesys-flows check-exports — will every flow of a folder of Archy exports come in? Parses the
// command line, runs exportCheck/run.ts and prints its report (a table, or JSON).
//   genesys-flows check-exports <dir|file>... [--json] [--org <file>] [--set <key>=<value>]...
// Exit codes: 0 every export passed every step, 1 one failed, 2 usage errors.
import { checkExports, ExportInputError } from "../exportCheck/run";
import { renderJson, renderTable } from "../exportCheck/report";
import { commandArgs, UsageError } from "../project/cliArgs";

export const HELP = `Usage: genesys-flows check-exports <dir|file>... [--json] [--org <file>] [--set <key>=<value>]...

Checks a folder of Archy exports (your own, from Archy or Architect, or files written for the
Genesys provider) the way the tool would take them in, and says per file and in total:
  import    into the flow model: how many actions became typed nodes, and each action kept as
            raw Archy with why
  lint      the imported flow, by lint's rules (core rules and policy rules at their levels)
  compile   the imported flow compiled back to Archy, keeping every action kind of the export
  publish   the export and the compiled flow, each to a throwaway emulator on 127.0.0.1
            (stopped after), in default mode (what is certainly invalid is refused) and in strict
            mode (a name the Archy catalogue lacks is refused too)
Every problem names the export file and, when it can be told, its line. Folders are read at any
depth (.yaml and .yml files). Nothing is written, and no org is reached.

{{key}} placeholders (files written for the provider) are filled before reading: with --set's
value, else with the key itself; a flow named by a placeholder gets a name of its own per file, and
a defaultLanguage given by one gets the first of the flow's supportedLanguages (else en-us).
Strict mode checks the org objects the flows name (queues, schedules, data actions, prompts,
...) against --org <file> (an org file: emulator/README.md, "Org objects"); without it, every
object the exports name is taken to exist, so only what the catalogue lacks is refused.

Options:
  --json               the report as JSON instead of the text (every warning and raw action, located,
                       where the text folds them by kind)
  --org <file>         the org file strict mode checks references against
  --set <key>=<value>  fill a {{placeholder}} (repeatable)
  -h, --help           show this help

Exit codes: 0 every export passed, 1 an export failed a step, 2 usage errors.
`;

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

const CHECK_OPTIONS = {
  json: { type: "boolean" },
  org: { type: "string" },
  set: { type: "string", multiple: true },
} as const;

/** `--set <key>=<value>`s as the values to fill. */
function setsOf(sets: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const s of sets) {
    const eq = s.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set ${s}: expected <key>=<value>`);
    values[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return values;
}

export async function main(
  argv: string[],
  io: Io = { out: process.stdout, err: process.stderr },
  cwd = process.cwd(),
): Promise<number> {
  let sets: Record<string, string> = {};
  const usage = { command: "check-exports", help: HELP, io, positionals: true };
  const parsed = commandArgs(argv, CHECK_OPTIONS, usage, (values, positionals) => {
    sets = setsOf(values.set ?? []);
    if (positionals.length === 0) throw new UsageError("name at least one folder or file of Archy exports");
  });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  try {
    const report = await checkExports({
      inputs: parsed.positionals,
      cwd,
      values: sets,
      ...(args.org !== undefined ? { orgFile: args.org } : {}),
    });
    io.out.write(args.json ? renderJson(report) : renderTable(report));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof ExportInputError || (e as Error).name === "OrgFileError") {
      io.err.write(`check-exports: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
