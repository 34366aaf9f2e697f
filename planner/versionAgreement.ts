// Versions agree (docs/upgrading.md): a team's repository records in genesys-flows.json the version
// of genesys-flows and the file format it was last written or upgraded by, and the rules of that
// version. A run on another installed version refuses while a migration of the files' format lies
// between the two (the files may say what the installed version reads otherwise), or a rule the
// installed version makes mandatory for the stack that the recorded one did not have (a deploy would
// be judged by a rule nobody reviewed the files against): `upgrade` shows both. Otherwise the run
// goes on and names `upgrade`, which records the installed version. Pure.
import type { Migration } from "./migrations";

/** What genesys-flows.json records (project/teamRepository.ts). */
export interface RecordedTool {
  version: string;
  format: number;
  /** The rule ids of that version; absent in a record from before they were kept (no rule counts as new). */
  rules?: readonly string[];
}

export interface InstalledTool {
  version: string;
  format: number;
  /** The ids of the installed version's rules that are mandatory for the stack (its policy config). */
  mandatory: readonly string[];
  /** The migrations from a format to this version's (planner/migrations.ts migrationsSince). */
  migrationsSince(format: number): readonly Migration[];
}

/** The refusal, or the note naming `upgrade`; neither when the versions agree or the repository records none. */
export type VersionVerdict = { refusal?: string; note?: string };

export function versionAgreement(record: RecordedTool | undefined, installed: InstalledTool): VersionVerdict {
  if (record === undefined || record.version === installed.version) return {};
  const upgrade = "npx genesys-flows upgrade";
  const recorded = `genesys-flows.json records genesys-flows ${record.version} (file format ${record.format})`;
  const at = `${recorded}, but ${installed.version} (file format ${installed.format}) is installed`;
  if (record.format > installed.format) {
    const fix = `install the version it records (npm install genesys-flows@${record.version} --save-exact)`;
    return { refusal: `${at}: the files are of a format this version does not read; ${fix}, then run again.` };
  }
  const known = new Set(record.rules ?? installed.mandatory);
  const migrations = installed
    .migrationsSince(record.format)
    .map((m) => `the migration to format ${m.format} (${m.version}): ${m.summary}`);
  const fresh = installed.mandatory.filter((id) => !known.has(id));
  const rules = fresh.map((id) => `the rule ${id}, mandatory for this stack`);
  const between = [...migrations, ...rules];
  const records = `\`${upgrade} --write\` records ${installed.version}`;
  if (between.length === 0) return { note: `${at}; nothing between them asks anything of the files: ${records}` };
  const write = `with --write it applies the migrations and records ${installed.version}`;
  const fix = `run \`${upgrade}\` (what each asks of your files; ${write}), then run again`;
  const head = `${at}, and between them lie (new since ${record.version}):`;
  return { refusal: [head, ...between.map((b) => `  ${b}`), `  ${fix}.`].join("\n") };
}
