// The org objects imported Archy exports name, as the import declares them (issue 96; docs/objects.md):
// each object of a kind declared under objects/ (model/routing/kinds/ units with `object`) that an
// export names by a literal name (its placeholders kept: the stacks fill them), with what the
// export tells of it. An export holds no more than the name, so: a queue, skill, language skill or
// wrap-up code is its name; a user prompt is its name and one text-to-speech resource per
// language the flows speak, saying it is a placeholder to replace (an export does not carry what
// a prompt plays); a data table is its name and the columns its lookups read (typed as the
// variables they fill; the key is a string). A lookup whose name is computed (FindQueue(Flow.q))
// names no object the import can declare: it is listed with the flow, its action and line.
// Users, groups and divisions are not declared kinds. Pure: the exports' texts come in.
import { validateArchyDocument } from "../archy/validate";
import { parseBasePath } from "../archy/validate/path";
import { isMap } from "../archy/json";
import { readYaml } from "../model/yamlReader";
import type { Json } from "../model/routing/kind";
import { ROUTING_KIND_UNITS, type RoutingFile } from "../model/routing/kinds";
import { protectPlaceholders } from "./placeholders";
import type { NamedObject } from "./adoptObjects";

/** What a user prompt the import declares says in each language until a person writes what it plays. */
export const PROMPT_PLACEHOLDER = "TODO: a placeholder the import wrote; say what this prompt plays";

const OBJECT_UNITS = ROUTING_KIND_UNITS.filter((u) => u.object !== undefined);
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
/** Archy variable declarations (`integerVariable`) -> a data table property's type. */
const COLUMN_TYPES: Readonly<Record<string, string>> = { integer: "integer", decimal: "number", boolean: "boolean" };

/** An imported export: where it came from, the flow file it became (when known), its text as imported. */
export interface ImportedExport {
  source: string;
  file?: string;
  text: string;
}

/** The declared types of the document's variables (`Flow.open` -> boolean), any scope. */
function variableTypes(doc: unknown, out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(doc)) for (const v of doc) variableTypes(v, out);
  else if (isMap(doc))
    for (const [k, v] of Object.entries(doc)) {
      const m = /^([a-z]+)Variable$/.exec(k);
      if (m && isMap(v) && typeof v.name === "string") out.set(v.name, m[1]);
      else variableTypes(v, out);
    }
  return out;
}

/** The value at a validator's path of `doc`, and the name of the innermost action on the way. */
function walkTo(doc: unknown, path: string): { value: unknown; action?: string } {
  const segs = parseBasePath(path);
  let value: unknown = doc;
  let action: string | undefined;
  for (let i = 0; i < segs.length && value !== undefined; i++) {
    value = isMap(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segs[i]] : undefined;
    const inAction = i >= 2 && segs[i - 2] === "actions" && typeof segs[i - 1] === "number";
    if (inAction && isMap(value) && typeof value.name === "string") action = value.name;
  }
  return { value, ...(action !== undefined ? { action } : {}) };
}

/** What one export tells of a data table it reads: the columns of its lookups' found outputs. */
function tableColumns(body: unknown, types: ReadonlyMap<string, string>): Json {
  const properties: Record<string, Json> = {};
  const found = isMap(body) && isMap(body.foundOutputs) ? body.foundOutputs : {};
  for (const [column, value] of Object.entries(found)) {
    if (column === "key") continue; // the row key: a string, the table's own
    const variable = isMap(value) && typeof value.var === "string" ? value.var : undefined;
    properties[column] = { type: COLUMN_TYPES[types.get(variable ?? "") ?? ""] ?? "string" };
  }
  return { properties };
}

/** The fields of `kind` the exports tell, merged over what is known of the object already. */
function merged(kind: RoutingFile["kind"], before: Json | undefined, told: Json): Json {
  if (kind === "prompt") {
    const resources = [...((before?.resources as Json[]) ?? [])];
    for (const r of told.resources as Json[]) if (!resources.some((x) => x.language === r.language)) resources.push(r);
    return { resources };
  }
  if (kind === "dataTable") return { properties: { ...(before?.properties as Json), ...(told.properties as Json) } };
  return {};
}

/**
 * The objects the exports name, once each (by kind and name, case aside), with the fields the
 * exports tell, in the order they are first named; and one line per computed lookup.
 */
export function objectsOfExports(imported: readonly ImportedExport[]): { named: NamedObject[]; computed: string[] } {
  const byId = new Map<string, NamedObject>();
  const computed: string[] = [];
  for (const e of imported) {
    const guarded = protectPlaceholders(e.text);
    const read = readYaml(guarded.text, { exactIntegers: false });
    if (!read.ok) continue;
    const doc = read.value;
    const flowType = isMap(doc) ? Object.keys(doc)[0] : undefined;
    const flow = flowType !== undefined && isMap(doc) && isMap(doc[flowType]) ? doc[flowType] : {};
    const flowName = String(guarded.restore(flow.name ?? ""));
    const language = String(guarded.restore(flow.defaultLanguage ?? "")).toLowerCase();
    const types = variableTypes(doc);
    const where = (path: string, line: number | undefined) => {
      const { action } = walkTo(doc, path);
      const at =
        e.file !== undefined
          ? `${e.file} (imported from ${e.source}:${line ?? "?"})`
          : `${e.source}, line ${line ?? "?"}`;
      return `${at}: flow "${flowName}"${action !== undefined ? `, action "${action}"` : ""}`;
    };
    validateArchyDocument(doc, {
      locate: (p) => read.locator.locate(p),
      onReference: (r) => {
        const unit = r.kinds.length === 1 ? OBJECT_UNITS.find((u) => u.kind === r.kinds[0]) : undefined;
        const name = String(guarded.restore(r.name));
        if (unit === undefined || name.trim() === "") return;
        const told =
          unit.kind === "prompt"
            ? { resources: [{ language: LANGUAGE.test(language) ? language : "en-us", tts: PROMPT_PLACEHOLDER }] }
            : unit.kind === "dataTable"
              ? tableColumns(walkTo(doc, r.path).value, types)
              : {};
        const category = r.category?.trim();
        const id = `${unit.kind}\0${category ?? ""}\0${name.toLowerCase()}`;
        const before = byId.get(id);
        const fields = merged(unit.kind, before?.fields, told);
        byId.set(id, { kind: unit.kind, name: before?.name ?? name, fields, ...(category ? { category } : {}) });
      },
      onComputedLookup: (r) => {
        const unit = OBJECT_UNITS.find((u) => u.kind === r.kinds[0]);
        if (unit === undefined) return;
        computed.push(
          `${where(r.path, r.line)} looks up a ${unit.label} by a computed name (${String(guarded.restore(r.name))}): not declared; declare it under objects/${unit.folder}/ if the stacks should create it`,
        );
      },
    });
  }
  return { named: [...byId.values()], computed };
}
