// The org objects imported and adopted flows name, declared in the portfolio (issue 96; docs/objects.md):
// the one writer of their files. Of each object a flow's export names (import/exportObjects.ts: the
// kinds with a unit's `object`), one file objects/<folder>/<name>.yaml, named as the flow files
// name it (`{{key}}` where adoption made the org's name a substitution, import/orgNames.ts),
// holding the org's settings of it for an adopted flow (the kind's schema fields, as `org.observe`
// reads them; the kind's defaults left out), or what the export tells for an imported one; not one
// the repository declares already. Nothing else: users, groups, divisions and the org's other
// objects are never declared. The stack deploying the files adopts each object by name where its
// org has it, and creates it where it does not. Pure: the objects named and the org's come in.
import * as YAML from "yaml";
import { cmp, isMap } from "../archy/json";
import { readYaml } from "../model/yamlReader";
import type { Json, RoutingKindUnit } from "../model/routing/kind";
import { OBJECTS_DIR } from "../model/routing/fields";
import { ROUTING_KIND_UNITS, type RoutingFile } from "../model/routing/kinds";
import type { OrgNameSubstitution } from "./orgNames";
import { fileSlug } from "./plan";

/** The kinds declared under objects/. */
const OBJECT_UNITS = ROUTING_KIND_UNITS.filter((u) => u.object !== undefined);

/** An org object a flow names: its kind (a unit's) and its name in the org. */
export interface NamedObject {
  kind: RoutingFile["kind"];
  name: string;
  /** Its file's fields, where no org tells them (an Archy export's objects: import/exportObjects.ts). */
  fields?: Json;
  /** A data action's category (a call names it with its name). */
  category?: string;
}

/** The names the project's object files give (`{{key}}` as written), by kind: what it declares already. */
export function declaredObjectNames(sources: ReadonlyArray<{ file: string; text: string }>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const unit of OBJECT_UNITS)
    for (const s of sources.filter((x) => x.file.startsWith(`${OBJECTS_DIR}/${unit.folder}/`))) {
      const read = readYaml(s.text, { exactIntegers: false });
      const name = read.ok && isMap(read.value) ? read.value.name : undefined;
      if (typeof name === "string") out.set(unit.kind, [...(out.get(unit.kind) ?? []), name]);
    }
  return out;
}

export interface ObjectFilePlan {
  /** `objects/queues/support-dev.yaml`. */
  file: string;
  text: string;
  /** For messages: `queue "Support dev"`. */
  what: string;
}

/** The org's settings of an object as its file's fields (its kind's schema fields, the defaults left out). */
function fieldsOf(unit: RoutingKindUnit<RoutingFile>, entity: Json): Json {
  const observed: Json = unit.org.file?.(entity) ?? { ...unit.org.observe(entity), description: entity.description };
  const defaults = unit.schema.safeParse({ kind: unit.kind, name: "-" });
  const byDefault: Json = defaults.success ? defaults.data : {};
  const fields: Json = {};
  for (const key of Object.keys(unit.schema.shape)) {
    const value = observed[key];
    if (key === "kind" || key === "name" || value === undefined || value === null || value === "") continue;
    if (JSON.stringify(value) !== JSON.stringify(byDefault[key])) fields[key] = value;
  }
  return fields;
}

/**
 * One file per object `named` (each once, whatever its case), as `org` holds it (by kind, the API's
 * entities), or, without an org (Archy exports), with the fields `named` tells; `exists` says which
 * files the project has and `declared` the names its object files give, by kind (an object either
 * holds is kept, not replaced). An object the org does not hold is a problem: the flow names what
 * is not there.
 */
export function planObjectFiles(input: {
  named: readonly NamedObject[];
  substitutions: readonly OrgNameSubstitution[];
  org?: ReadonlyMap<string, readonly Json[]>;
  exists: (file: string) => boolean;
  declared?: ReadonlyMap<string, readonly string[]>;
}): { files: ObjectFilePlan[]; kept: string[]; problems: string[]; undeclared: string[] } {
  const files: ObjectFilePlan[] = [];
  const undeclared: string[] = [];
  const kept: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { kind, name, category, fields } of input.named) {
    const id = `${kind}\0${category ?? ""}\0${name.toLowerCase()}`;
    const unit = OBJECT_UNITS.find((u) => u.kind === kind);
    if (seen.has(id) || unit === undefined) continue;
    seen.add(id);
    const what = `${unit.label} "${category !== undefined ? `${category}/` : ""}${name}"`;
    const entity = (input.org?.get(kind) ?? []).find(
      (e) =>
        String(e.name).toLowerCase() === name.toLowerCase() &&
        e.state !== "deleted" &&
        (category === undefined || String(e.category).trim() === category),
    );
    if (input.org !== undefined && entity === undefined) {
      problems.push(`the adopted flows name the ${what}, which the org does not have`);
      continue;
    }
    const key = input.substitutions.find((s) => s.kind === kind && s.value === name)?.key;
    const declaredAs = [name, `{{${key}}}`].map((n) => n.toLowerCase());
    if (input.declared?.get(kind)?.some((n) => declaredAs.includes(n.toLowerCase()))) {
      kept.push(`the ${what} (declared already under ${OBJECTS_DIR}/${unit.folder}/)`);
      continue;
    }
    const file = `${OBJECTS_DIR}/${unit.folder}/${fileSlug(name)}.yaml`;
    if (input.exists(file) || files.some((f) => f.file === file)) {
      kept.push(`${file} (declared already: kept as it is for the ${what})`);
      continue;
    }
    const told = entity !== undefined ? fieldsOf(unit, entity) : (fields ?? {});
    const value = { name: key !== undefined ? `{{${key}}}` : name, ...told };
    const checked = unit.schema.safeParse({ kind, ...value, name: "-" });
    if (!checked.success) {
      const why = checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      // No org to read (Archy exports): what an export tells is not enough for this kind (a data action's contracts).
      if (input.org === undefined) {
        undeclared.push(
          `the ${what}: not declared, an export does not tell enough (${why}); declare it under ${OBJECTS_DIR}/${unit.folder}/ if the stacks should create it`,
        );
        continue;
      }
      problems.push(`${file}: the ${input.org ? "org's " : ""}${what} does not read as a ${unit.label} file (${why})`);
      continue;
    }
    files.push({ file, text: YAML.stringify(value, { version: "1.2" }), what });
  }
  return { files: files.sort((a, b) => cmp(a.file, b.file)), kept, problems, undeclared };
}
