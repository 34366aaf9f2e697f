// The Swagger 2.0 -> JSON Schema conversion the conformance tier validates Genesys's spec with
// (testkit/swaggerSchema.ts), on small hand-written definitions.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import {
  SPEC_ONLY_FORMATS,
  swaggerDefinitionsToJsonSchema,
  swaggerSchemaToJsonSchema,
} from "../../testkit/swaggerSchema";

const DEFINITIONS = {
  Flow: {
    type: "object",
    required: ["name"],
    properties: {
      id: { type: "string", readOnly: true },
      name: { type: "string", example: "Main IVR", "x-genesys-entity-type": "NAME" },
      // Property names that are also keywords stay property names.
      format: { type: "string", enum: ["archy-yaml"] },
      type: { type: "string", enum: ["INBOUNDCALL", "COMMONMODULE"] },
      selfUri: { type: "string", format: "uri" },
      version: { $ref: "#/definitions/Version", description: "ignored beside a $ref" },
      tags: { type: "array", items: { $ref: "#/definitions/Tag" } },
      counts: { type: "object", additionalProperties: { type: "integer", format: "int64" } },
      score: { type: "number", minimum: 0, exclusiveMinimum: true, format: "double" },
    },
    discriminator: "type",
  },
  Version: { type: "object", properties: { id: { type: "string" } } },
  Tag: { type: "string" },
  Mixed: { allOf: [{ $ref: "#/definitions/Version" }, { type: "object", properties: { extra: { type: "string" } } }] },
};

function validator(name: string, closed = true) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of SPEC_ONLY_FORMATS) ajv.addFormat(f, true);
  ajv.addSchema(swaggerDefinitionsToJsonSchema(DEFINITIONS, { closed }), "spec");
  const validate = ajv.getSchema(`spec#/definitions/${name}`);
  if (!validate) throw new Error(`no ${name}`);
  return validate;
}

describe("swaggerSchemaToJsonSchema", () => {
  it("keeps JSON Schema keywords, drops Swagger's extensions, examples and discriminators", () => {
    const out = swaggerSchemaToJsonSchema(DEFINITIONS.Flow, { closed: false });
    expect(out.discriminator).toBeUndefined();
    expect(out.required).toEqual(["name"]);
    const props = out.properties as Record<string, Record<string, unknown>>;
    expect(props.name).toEqual({ type: "string" });
    expect(props.format).toEqual({ type: "string", enum: ["archy-yaml"] });
    expect(props.version).toEqual({ $ref: "#/definitions/Version" });
    expect(props.tags).toEqual({ type: "array", items: { $ref: "#/definitions/Tag" } });
    expect(props.counts).toEqual({ type: "object", additionalProperties: { type: "integer", format: "int64" } });
    expect(out.additionalProperties).toBeUndefined();
  });

  it("reads format uri as uri-reference (Genesys answers with relative selfUris)", () => {
    const props = swaggerSchemaToJsonSchema(DEFINITIONS.Flow, { closed: false }).properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(props.selfUri).toEqual({ type: "string", format: "uri-reference" });
  });

  it("turns draft-04 boolean exclusive bounds into draft-07 numbers", () => {
    const props = swaggerSchemaToJsonSchema(DEFINITIONS.Flow, { closed: false }).properties as Record<
      string,
      Record<string, unknown>
    >;
    expect(props.score).toEqual({ type: "number", exclusiveMinimum: 0, format: "double" });
  });

  it("closes objects with properties when asked, never an allOf composition", () => {
    expect(swaggerSchemaToJsonSchema(DEFINITIONS.Flow, { closed: true }).additionalProperties).toBe(false);
    expect(swaggerSchemaToJsonSchema(DEFINITIONS.Mixed, { closed: true }).additionalProperties).toBeUndefined();
    expect(
      swaggerSchemaToJsonSchema({ type: "object", additionalProperties: true }, { closed: true }).additionalProperties,
    ).toBe(true);
  });

  it("validates with ajv: a good answer passes; a wrong enum value, a missing required field and a field the spec lacks fail", () => {
    const validate = validator("Flow");
    expect(
      validate({
        id: "1",
        name: "Main",
        type: "INBOUNDCALL",
        selfUri: "/api/v2/flows/1",
        version: { id: "2.0" },
        tags: ["a"],
        counts: { x: 3 },
        score: 1.5,
      }),
    ).toBe(true);
    expect(validate({ name: "Main", type: "INBOUNDCALLFLOW" })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/type", keyword: "enum" });
    expect(validate({ type: "INBOUNDCALL" })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "required" });
    expect(validate({ name: "Main", sha256: "abc" })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({
      keyword: "additionalProperties",
      params: { additionalProperty: "sha256" },
    });
    expect(validate({ name: "Main", version: { id: "1", dependencies: [] } })).toBe(false);
    expect(validate({ name: "Main", score: 0 })).toBe(false);
    expect(validate({ name: "Main", counts: { x: "three" } })).toBe(false);
  });

  it("open objects take extra fields", () => {
    expect(validator("Flow", false)({ name: "Main", sha256: "abc" })).toBe(true);
  });
});
