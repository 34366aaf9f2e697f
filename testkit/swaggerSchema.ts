// Swagger 2.0 schema objects (Genesys's published API specification) as JSON Schema draft-07, for
// ajv. Swagger 2.0's schema object is a subset of draft-04 with a few extensions; what differs:
//   - extensions (x-*), `example`, `discriminator`, `xml`, `externalDocs` are not JSON Schema: dropped;
//   - formats Swagger names that no JSON Schema validator knows (int32, int64, double, ...): kept and
//     registered as annotations by the caller (specFormats below);
//   - `uri`: Genesys answers with relative references (`selfUri: /api/v2/flows/<id>`, and its SDKs
//     read them so) where the spec says `format: uri`; read as JSON Schema's `uri-reference`;
//   - `closed`: Genesys's objects list every field they may send, and the spec never says
//     `additionalProperties: false`; a conformance check wants "a field Genesys does not send" to be
//     an error, so an object schema with `properties` and no `additionalProperties` gets `false`.
// `properties` and `definitions` are maps of names (a property may be called `format` or `type`), so
// the walk follows the keywords, never every key. Pure: no I/O.

export type JsonSchema = { [keyword: string]: unknown };

/** The keywords a Swagger 2.0 schema object shares with JSON Schema, and nothing else. */
const VALUE_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "format",
  "required",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "description",
  "readOnly",
  "default",
  "title",
]);

/** Formats the spec uses that JSON Schema does not define: accepted as annotations. */
export const SPEC_ONLY_FORMATS = [
  "int32",
  "int64",
  "double",
  "float",
  "interval",
  "local-time",
  "local-date-time",
  "url",
  "year-month",
];

export interface ConvertOptions {
  /** Objects refuse properties they do not list (see the comment at the top). */
  closed: boolean;
}

/** One Swagger 2.0 schema object as a JSON Schema (draft-07); `$ref`s keep their `#/definitions/X` form. */
export function swaggerSchemaToJsonSchema(schema: unknown, options: ConvertOptions): JsonSchema {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return {};
  const source = schema as Record<string, unknown>;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (VALUE_KEYWORDS.has(key)) out[key] = value;
  }
  if (out.format === "uri") out.format = "uri-reference";
  // Exclusive bounds are booleans in draft-04 / Swagger 2.0 and numbers in draft-06 on.
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (source[flag] === true && typeof source[bound] === "number") {
      out[flag] = source[bound];
      delete out[bound];
    } else if (typeof source[flag] === "boolean") delete out[flag];
  }
  if (typeof source.$ref === "string") return { $ref: source.$ref };
  if (source.properties && typeof source.properties === "object") {
    out.properties = Object.fromEntries(
      Object.entries(source.properties as Record<string, unknown>).map(([name, s]) => [
        name,
        swaggerSchemaToJsonSchema(s, options),
      ]),
    );
  }
  if (source.items !== undefined) out.items = swaggerSchemaToJsonSchema(source.items, options);
  if (Array.isArray(source.allOf)) out.allOf = source.allOf.map((s) => swaggerSchemaToJsonSchema(s, options));
  if (typeof source.additionalProperties === "boolean") out.additionalProperties = source.additionalProperties;
  else if (source.additionalProperties !== undefined)
    out.additionalProperties = swaggerSchemaToJsonSchema(source.additionalProperties, options);
  else if (options.closed && out.properties !== undefined && out.allOf === undefined) out.additionalProperties = false;
  return out;
}

/** Every definition of a spec, converted: a document ajv can add once and reference by `#/definitions/X`. */
export function swaggerDefinitionsToJsonSchema(
  definitions: Record<string, unknown>,
  options: ConvertOptions,
): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    definitions: Object.fromEntries(
      Object.entries(definitions).map(([name, s]) => [name, swaggerSchemaToJsonSchema(s, options)]),
    ),
  };
}
