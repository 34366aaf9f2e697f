// The team repository's file formats and the migrations between them (planner/migrations.json, as
// data: a change a team's files must follow is one entry there). Pure: stack files in, rewritten
// stack files and what could not be done by machine out. `genesys-flows upgrade` shows them and,
// with --write, writes them; the stack settings' parser names a renamed setting's new name.
import * as YAML from "yaml";
import { z } from "zod";
import registry from "./migrations.json";

const change = z.union([
  z.object({ renameSetting: z.object({ from: z.string().min(1), to: z.string().min(1) }).strict() }).strict(),
  z.object({ removeSetting: z.object({ key: z.string().min(1), why: z.string().min(1) }).strict() }).strict(),
  z.object({ note: z.string().min(1) }).strict(),
]);

const migration = z
  .object({
    /** The format this migration brings a repository to (the previous one + 1). */
    format: z.number().int().min(2),
    /** The genesys-flows version that introduced it. */
    version: z.string().min(1),
    summary: z.string().min(1),
    changes: z.array(change).min(1),
  })
  .strict();
export type Migration = z.infer<typeof migration>;

const registrySchema = z
  .object({ $comment: z.string().optional(), format: z.number().int().min(1), migrations: z.array(migration) })
  .strict()
  .superRefine((r, ctx) => {
    r.migrations.forEach((m, i) => {
      if (m.format !== i + 2)
        ctx.addIssue({
          code: "custom",
          path: ["migrations", i, "format"],
          message: `migration ${i + 1} must bring format ${i + 2}`,
        });
    });
    if (r.format !== r.migrations.length + 1)
      ctx.addIssue({
        code: "custom",
        path: ["format"],
        message: `the current format is ${r.migrations.length + 1} (one more than the migrations)`,
      });
  });

const REGISTRY = registrySchema.parse(registry);

/** The format this version of genesys-flows reads and writes. */
export const CURRENT_FORMAT = REGISTRY.format;

/** The migrations a repository at `format` needs, in order. */
export function migrationsSince(format: number): Migration[] {
  return REGISTRY.migrations.filter((m) => m.format > format);
}

/** A setting renamed by a migration: its new name and the version that renamed it, for the settings parser's message. */
export function renamedSetting(key: string): { to: string; version: string } | undefined {
  for (const m of REGISTRY.migrations) {
    for (const c of m.changes)
      if ("renameSetting" in c && c.renameSetting.from === key) return { to: c.renameSetting.to, version: m.version };
  }
  return undefined;
}

export interface MigrationResult {
  /** Stack files (path -> new text) the migrations rewrite. */
  rewritten: Map<string, string>;
  /** One line per change applied or to do by hand, naming the file and the setting. */
  lines: string[];
}

/** Applies `migrations` to the stack files (path -> text); comments and the rest of each file kept. */
export function applyMigrations(
  migrations: readonly Migration[],
  stackFiles: ReadonlyMap<string, string>,
  namespace: string,
): MigrationResult {
  const docs = new Map([...stackFiles].map(([file, text]) => [file, YAML.parseDocument(text)]));
  const changed = new Set<string>();
  const lines: string[] = [];
  for (const m of migrations) {
    for (const c of m.changes) {
      if ("note" in c) {
        lines.push(`format ${m.format} (${m.version}): by hand: ${c.note}`);
        continue;
      }
      const key = "renameSetting" in c ? c.renameSetting.from : c.removeSetting.key;
      for (const [file, doc] of docs) {
        const at = ["config", `${namespace}:${key}`];
        if (!doc.hasIn(at)) continue;
        if ("renameSetting" in c) {
          const to = ["config", `${namespace}:${c.renameSetting.to}`];
          if (doc.hasIn(to)) {
            lines.push(
              `${file}: ${namespace}:${key} and ${namespace}:${c.renameSetting.to} are both set; keep one by hand (format ${m.format}, ${m.version})`,
            );
            continue;
          }
          renameKey(doc, at[1], to[1]);
          lines.push(
            `${file}: ${namespace}:${key} renamed to ${namespace}:${c.renameSetting.to} (format ${m.format}, ${m.version})`,
          );
        } else {
          doc.deleteIn(at);
          lines.push(`${file}: ${namespace}:${key} removed: ${c.removeSetting.why} (format ${m.format}, ${m.version})`);
        }
        changed.add(file);
      }
    }
  }
  return { rewritten: new Map([...changed].sort().map((f) => [f, docs.get(f)!.toString()])), lines };
}

/** Renames a key of the `config` mapping in place (its value, position and comments kept). */
function renameKey(doc: YAML.Document, from: string, to: string): void {
  const config = doc.get("config", true);
  if (!YAML.isMap(config)) return;
  for (const pair of config.items) {
    if (YAML.isScalar(pair.key) && pair.key.value === from) pair.key.value = to;
  }
}
