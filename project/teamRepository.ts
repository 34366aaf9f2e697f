// A team's repository as `genesys-flows init` writes it (pure: template in, files out): the
// template filled for the project and this version, with the reference portfolio's examples (flows,
// routing, scenarios) all, the starter's only (one module, one caller) or none; the stack files keep
// only the values the kept examples use (substitutions, routing values), so nothing in it names
// what is not there.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { z } from "zod";
import { cmp } from "../archy/json";
import { findPlaceholders } from "../model/placeholders";
import { CONFIG_NAMESPACE } from "../planner/stackSettings";
import { UsageError } from "./cliArgs";
import { EXAMPLE_FOLDERS, fillTemplate, STARTER_FILES, type TemplateValues } from "./template";

/** The repository's record of the tool (genesys-flows.json): the version and file format it was last written or upgraded by. */
export const TEAM_RECORD = "genesys-flows.json";

export const teamRecordSchema = z.object({
  version: z.string().min(1),
  format: z.number().int().positive(),
  /** The rule ids of that version: `upgrade` tells the rules new since then. */
  rules: z.array(z.string()).optional(),
});
export type TeamRecord = z.infer<typeof teamRecordSchema>;

/** Pulumi's project names: letters, digits, `-`, `_` and `.` (pulumi new's check). */
export const PROJECT_NAME = /^[A-Za-z0-9_.-]+$/;

/** An editor's schema reference (`$schema=../../schema/...`): here the tool's schema/, in a team's repository the package's. */
const SCHEMA_REF = /(?<=\$schema=)((?:\.\.\/)+)schema\//g;

/** Which of the reference portfolio's examples a repository starts with. */
export type StartingPortfolio = "reference" | "starter" | "none";

/** What the repository's genesys-flows.json records (none before init); a UsageError when it does not read. */
export function readTeamRecord(root: string): TeamRecord | undefined {
  const file = path.join(root, TEAM_RECORD);
  if (!existsSync(file)) return undefined;
  const parsed = teamRecordSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
  throw new UsageError(`${TEAM_RECORD}: ${issues.join("; ")}`);
}

/** genesys-flows.json's text. */
export function teamRecordText(record: TeamRecord): string {
  return `${JSON.stringify({ version: record.version, format: record.format, ...(record.rules ? { rules: [...record.rules].sort() } : {}) }, null, 2)}\n`;
}

export interface TeamRepositoryOptions extends TemplateValues {
  /** The file format this version writes (planner/migrations.ts). */
  format: number;
  /** The rule ids of this version (recorded in genesys-flows.json). */
  rules: readonly string[];
  /** The examples: all (init --reference), the starter's (init), none (--empty, --import, --from-org). */
  portfolio: StartingPortfolio;
  /** The dependency on genesys-flows as package.json gives it (default: exactly `version`). */
  packageSpec?: string;
}

/** The repository's files (path -> text), sorted by path. */
export function teamRepositoryFiles(
  template: ReadonlyMap<string, string>,
  options: TeamRepositoryOptions,
): Map<string, string> {
  const filled = fillTemplate(template, options);
  const out = new Map<string, string>([
    [TEAM_RECORD, teamRecordText({ version: options.version, format: options.format, rules: [...options.rules] })],
  ]);
  const kept = (file: string) =>
    options.portfolio === "reference" ||
    !EXAMPLE_FOLDERS.some((d) => file.startsWith(d)) ||
    (options.portfolio === "starter" && STARTER_FILES.includes(file));
  // The substitution keys the kept flows use (`{{key}}`).
  const used = new Set(
    [...filled].filter(([f]) => f.startsWith("flows/") && kept(f)).flatMap(([, text]) => findPlaceholders(text)),
  );
  for (const [file, text] of filled) {
    if (!kept(file)) continue;
    if (options.portfolio !== "reference" && /^Pulumi\.[^/]+\.yaml$/.test(file) && file !== "Pulumi.yaml")
      out.set(file, withExampleSettingsOf(text, used));
    else if (file === "package.json" && options.packageSpec !== undefined)
      out.set(file, withDependency(text, options.packageSpec));
    else out.set(file, text.replace(SCHEMA_REF, "$1node_modules/genesys-flows/schema/"));
  }
  return new Map([...out].sort(([a], [b]) => cmp(a, b)));
}

/**
 * A stack file without the routing values (no routing file is kept but the reference portfolio's)
 * and with only the substitutions in `used`, the rest (comments included) kept.
 */
function withExampleSettingsOf(text: string, used: ReadonlySet<string>): string {
  const doc = YAML.parseDocument(text);
  doc.deleteIn(["config", `${CONFIG_NAMESPACE}:routing`]);
  const substitutions = ["config", `${CONFIG_NAMESPACE}:substitutions`];
  const map = doc.getIn(substitutions);
  if (YAML.isMap(map))
    for (const key of map.items.map((i) => String(YAML.isScalar(i.key) ? i.key.value : i.key)))
      if (!used.has(key)) map.delete(key);
  if (!YAML.isMap(map) || map.items.length === 0) doc.deleteIn(substitutions);
  return doc.toString();
}

function withDependency(text: string, spec: string): string {
  const pkg = JSON.parse(text) as { dependencies: Record<string, string> };
  pkg.dependencies["genesys-flows"] = spec;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
