// A data table (genesyscloud_architect_datatable): what a flow's Data Table Lookup reads a row of by
// its key. An org object kind (../kind.ts `object`, docs/objects.md) declared under
// objects/data-tables/: its name, description, the key's title and its properties (name -> type,
// title, default) in display order; no division (the org's home division holds it). Rows, only
// when the file declares them, are rows of the provider's own (genesyscloud_architect_datatable_row),
// written after the table. Genesys keeps "at a minimum a string property 'key'" and "properties
// cannot be removed from a schema once they have been added" (the provider's schema,
// genesyscloud/architect_datatable/resource_genesyscloud_architect_datatable_schema.go, v1.84.2).
// Watched for people's changes: the properties.
import { z } from "zod";
import { namedSchema } from "../fields";
import { when, type Json, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

const TYPES = ["string", "integer", "number", "boolean"] as const;
type PropertyType = (typeof TYPES)[number];
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const property = z
  .object({
    type: z.enum(TYPES),
    title: z.string().min(1).optional(),
    /** What a row leaves out reads as this. */
    default: scalar.optional(),
  })
  .strict();

/** A value that is not of a property's type, in words. */
const notA = (type: PropertyType) => `not ${type === "integer" ? "an" : "a"} ${type}`;

/** Whether a value is one of a property's type. */
const fits = (type: PropertyType, v: unknown): boolean =>
  type === "integer" ? Number.isInteger(v) : type === "number" ? typeof v === "number" : typeof v === type;

export const dataTableFile = namedSchema("dataTable", {
  /** The title of the row key (every data table's key is a string property `key`). */
  key: z.string().min(1).optional(),
  /** The columns besides the key, in display order: name -> type, title, default. */
  properties: z.record(z.string().min(1), property).default({}),
  /** The rows, by key: property -> value. Absent: the stack writes no row (the org's stay the org's). */
  rows: z.record(z.string().min(1), z.record(z.string(), scalar)).optional(),
}).superRefine((v, ctx) => {
  if ("key" in v.properties)
    ctx.addIssue({
      code: "custom",
      path: ["properties", "key"],
      message: "`key` is the row key: name it with `key:`",
    });
  for (const [name, p] of Object.entries(v.properties))
    if (p.default !== undefined && !fits(p.type, p.default))
      ctx.addIssue({ code: "custom", path: ["properties", name, "default"], message: notA(p.type) });
  for (const [key, row] of Object.entries(v.rows ?? {}))
    for (const [name, value] of Object.entries(row)) {
      const p = v.properties[name];
      const message = p
        ? notA(p.type)
        : `no property ${JSON.stringify(name)} (${Object.keys(v.properties).join(", ") || "none"})`;
      if (!p || !fits(p.type, value)) ctx.addIssue({ code: "custom", path: ["rows", key, name], message });
    }
});
export type DataTableFile = z.infer<typeof dataTableFile>;

/** The provider's properties: the key first, then the file's in its order (defaults as the provider writes them: text). */
function properties(v: DataTableFile): Json[] {
  const key = { name: "key", type: "string", ...when("title", v.key) };
  const rest = Object.entries(v.properties).map(([name, p]) => ({
    name,
    type: p.type,
    ...when("title", p.title),
    ...when("default", p.default === undefined ? undefined : String(p.default)),
  }));
  return [key, ...rest];
}

export const dataTable = defineRoutingKind<DataTableFile>({
  schema: dataTableFile,
  label: ORG_OBJECT_KINDS.dataTable.label,
  folder: "data-tables",
  stackValues: ["description", "rows"],
  object: {},
  details(b, a, field) {
    const shown = (v: DataTableFile) =>
      properties(v)
        .map((p) => `${String(p.name)} (${String(p.type)})`)
        .join(", ");
    field("properties", shown(b), shown(a));
    field("rows", Object.keys(b.rows ?? {}).join(", "), Object.keys(a.rows ?? {}).join(", "));
  },
  provider: {
    resource: "ArchitectDatatable",
    args: (v) => ({ properties: properties(v) }),
    parts: (v) =>
      Object.entries(v.rows ?? {}).map(([key, row]) => ({
        key,
        resource: "ArchitectDatatableRow",
        args: (datatableId) => ({ datatableId, keyValue: key, propertiesJson: JSON.stringify(row) }),
      })),
  },
  org: {
    ...routingOrgRow("dataTable"),
    query: { expand: "schema" },
    fields: { properties: "properties" },
    observe: (e) => {
      const props = ((e.schema as Json | undefined)?.properties ?? {}) as Record<string, Json>;
      const order = (p: Json) => (typeof p.displayOrder === "number" ? p.displayOrder : Number.MAX_SAFE_INTEGER);
      const list = Object.entries(props).sort(([, a], [, b]) => order(a) - order(b));
      return {
        properties: list.map(([name, p]) => ({
          name,
          type: p.type,
          ...when("title", typeof p.title === "string" ? p.title : undefined),
          ...when("default", p.default === undefined || p.default === null ? undefined : String(p.default)),
        })),
      };
    },
  },
});
