// Genesys's published Platform API specification (Swagger 2.0, swagger.json of the official Go SDK
// module the provider pins; tools/toolchain/setup.sh fetches it) as something a test can ask: which
// operation a request is, whether its query parameters are the spec's, and whether an answer
// validates against the spec's schema for its status (ajv, over swaggerSchema.ts's conversion).
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import {
  SPEC_ONLY_FORMATS,
  swaggerDefinitionsToJsonSchema,
  swaggerSchemaToJsonSchema,
  type JsonSchema,
} from "./swaggerSchema";

const SDK_MODULE = "github.com/mypurecloud/platform-client-sdk-go/v193";
const ROOT = join(__dirname, "..");

/** The spec's path: $GENESYS_FLOWS_API_SPEC, else where setup.sh puts the version the provider's go.mod pins. */
export function specPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GENESYS_FLOWS_API_SPEC) return env.GENESYS_FLOWS_API_SPEC;
  const goMod = readFileSync(join(ROOT, "tools/toolchain/genesys-provider/go.mod"), "utf8");
  const version = goMod
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((w) => w[0] === SDK_MODULE)?.[1];
  if (!version) throw new Error(`tools/toolchain/genesys-provider/go.mod does not pin ${SDK_MODULE}`);
  const cache = env.GENESYS_FLOWS_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "genesys-flows");
  return join(cache, `genesys-api-spec-${version}`, "swagger.json");
}

interface SwaggerParameter {
  name: string;
  in: "query" | "path" | "header" | "body" | "formData";
  /** A body parameter's schema. */
  schema?: { $ref?: string; type?: string };
  type?: string;
  enum?: string[];
  items?: { type?: string; enum?: string[] };
  required?: boolean;
  default?: unknown;
}

/** A query parameter the spec closes to a set of values: an enum (with its documented default), or a Boolean. */
export interface ClosedParameter {
  name: string;
  values: string[];
  /** An array parameter (several values). */
  list: boolean;
}
interface SwaggerResponse {
  $ref?: string;
  schema?: unknown;
}
export interface SwaggerOperation {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
}
interface Swagger {
  info: { version: string; title: string };
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, unknown>;
  responses: Record<string, SwaggerResponse>;
}

export interface Operation {
  method: string;
  /** The spec's path template, e.g. /api/v2/flows/{flowId}. */
  template: string;
  spec: SwaggerOperation;
}

export class GenesysSpec {
  private readonly templates: Array<{ template: string; regex: RegExp; literals: number }>;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(readonly swagger: Swagger) {
    this.templates = Object.keys(swagger.paths)
      .map((template) => ({
        template,
        regex: new RegExp(
          `^${template
            .split("/")
            .map((s) => (/^\{.+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
            .join("/")}$`,
        ),
        literals: template.split("/").filter((s) => !s.startsWith("{")).length,
      }))
      // A literal segment wins over a parameter (/flows/datatables before /flows/{flowId}).
      .sort((a, b) => b.literals - a.literals);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    for (const f of SPEC_ONLY_FORMATS) this.ajv.addFormat(f, true);
    this.ajv.addSchema(swaggerDefinitionsToJsonSchema(swagger.definitions, { closed: true }), "genesys");
  }

  get version(): string {
    return `${this.swagger.info.title} ${this.swagger.info.version}`;
  }

  /** The operation a request is, or undefined when the spec has no such method on such a path. */
  operation(method: string, path: string): Operation | undefined {
    const m = method.toLowerCase();
    for (const t of this.templates) {
      if (!t.regex.test(path)) continue;
      const spec = this.swagger.paths[t.template][m];
      if (spec) return { method: m.toUpperCase(), template: t.template, spec };
    }
    return undefined;
  }

  /** What is wrong with a request's query against its operation: parameters it does not define, values outside an enum, a number or boolean that is not one. */
  queryProblems(op: Operation, query: URLSearchParams): string[] {
    const params = new Map((op.spec.parameters ?? []).filter((p) => p.in === "query").map((p) => [p.name, p]));
    const problems: string[] = [];
    for (const [name, raw] of query) {
      const p = params.get(name);
      if (!p) {
        problems.push(`${op.method} ${op.template}: query parameter ${name} is not one the spec defines`);
        continue;
      }
      const values = p.type === "array" ? raw.split(",") : [raw];
      const allowed = p.enum ?? p.items?.enum;
      const type = p.type === "array" ? p.items?.type : p.type;
      for (const v of values) {
        if (allowed && !allowed.includes(v))
          problems.push(
            `${op.method} ${op.template}: ${name}=${v} is not one of the spec's values (${allowed.join(", ")})`,
          );
        if (type === "integer" && !/^-?\d+$/.test(v))
          problems.push(`${op.method} ${op.template}: ${name}=${v} is not an integer`);
        if (type === "boolean" && v !== "true" && v !== "false")
          problems.push(`${op.method} ${op.template}: ${name}=${v} is not a boolean`);
      }
    }
    return problems;
  }

  /**
   * The query parameters of an operation the spec closes: each enum's values plus its documented
   * default when the enum leaves it out (users' sortOrder defaults to ASC), and Booleans as true,
   * false.
   */
  closedQueryParameters(op: Operation): ClosedParameter[] {
    return (op.spec.parameters ?? []).flatMap((p): ClosedParameter[] => {
      if (p.in !== "query") return [];
      const list = p.type === "array";
      const enumValues = p.enum ?? p.items?.enum;
      if (enumValues)
        return [
          {
            name: p.name,
            values: [...new Set([...enumValues, ...(typeof p.default === "string" ? [p.default] : [])])],
            list,
          },
        ];
      return p.type === "boolean" ? [{ name: p.name, values: ["true", "false"], list }] : [];
    });
  }

  /** An operation's body schema: the definition a body parameter names, with its required and writable fields. */
  bodySchema(op: Operation): BodySchema | undefined {
    const param = (op.spec.parameters ?? []).find((p) => p.in === "body");
    const ref = param?.schema?.$ref;
    if (!ref) return undefined;
    const name = ref.replace("#/definitions/", "");
    const definition = this.swagger.definitions[name] as {
      required?: string[];
      properties?: Record<string, { type?: string; $ref?: string; readOnly?: boolean; enum?: string[] }>;
    };
    const writable = Object.entries(definition.properties ?? {}).filter(([, p]) => !p.readOnly);
    const properties = Object.fromEntries(writable.map(([k, p]) => [k, jsonTypeOf(p)]));
    const enums = Object.fromEntries(writable.flatMap(([k, p]) => (p.enum ? [[k, p.enum]] : [])));
    return { name, required: definition.required ?? [], properties, enums };
  }

  /**
   * Errors of a request body against the operation's body schema ([] when it validates or the
   * operation has none). A missing top-level field reads "<METHOD> <template> required <field>" and a
   * top-level field of another type "<METHOD> <template> type <field>", and one outside its enum
   * "<METHOD> <template> value <field>", as kept differences name them.
   */
  requestProblems(op: Operation, body: unknown): string[] {
    const param = (op.spec.parameters ?? []).find((p) => p.in === "body");
    if (!param?.schema) return [];
    const key = `${op.method} ${op.template}`;
    if (!this.validators.has(`${key} request`))
      this.validators.set(
        `${key} request`,
        this.ajv.compile(withSpecRefs(swaggerSchemaToJsonSchema(param.schema, { closed: true }))),
      );
    const validate = this.validators.get(`${key} request`)!;
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => {
      if (e.keyword === "required" && e.instancePath === "")
        return `${key} required ${String(e.params.missingProperty)}`;
      if ((e.keyword === "type" || e.keyword === "enum") && /^\/[^/]+$/.test(e.instancePath))
        return `${key} ${e.keyword === "enum" ? "value" : "type"} ${e.instancePath.slice(1)}`;
      return `${key} request: ${e.instancePath.replace(/\/\d+(?=\/|$)/g, "/[n]") || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`;
    });
  }

  /** The statuses the spec documents for an operation. */
  statuses(op: Operation): string[] {
    return Object.keys(op.spec.responses);
  }

  /**
   * Errors of an answer against the spec's schema for its status ([] when it validates), or
   * undefined when the spec documents no such status for the operation.
   */
  responseProblems(op: Operation, status: number, body: unknown): string[] | undefined {
    const declared = op.spec.responses[String(status)] ?? op.spec.responses.default;
    if (!declared) return undefined;
    const key = `${op.method} ${op.template} ${status}`;
    if (!this.validators.has(key)) {
      const response = declared.$ref ? this.swagger.responses[declared.$ref.replace("#/responses/", "")] : declared;
      this.validators.set(
        key,
        response?.schema === undefined
          ? null
          : this.ajv.compile(withSpecRefs(swaggerSchemaToJsonSchema(response.schema, { closed: true }))),
      );
    }
    const validate = this.validators.get(key);
    // No schema: a 204 has no body; another status (206 Partial Content) is documented in words only.
    if (!validate)
      return status !== 204 || body === undefined || body === "" ? [] : [`${key}: a 204 answer has a body`];
    if (validate(body)) return [];
    // Array positions as [n], so one difference of every item reads as one message.
    return (validate.errors ?? []).map(
      (e) =>
        `${key}: ${e.instancePath.replace(/\/\d+(?=\/|$)/g, "/[n]") || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}`,
    );
  }
}

export interface BodySchema {
  /** The definition's name (e.g. Schedule), or undefined for an inline schema. */
  name?: string;
  required: string[];
  /** Each property the client may write (readOnly ones left out) with its JSON type ("object" for a $ref). */
  properties: Record<string, string>;
  /** The values the spec allows for a property with a closed list (an enum). */
  enums: Record<string, string[]>;
}

/** The JSON type a Swagger property holds ("object" for a reference to a definition). */
function jsonTypeOf(property: { type?: string; $ref?: string }): string {
  return property.$ref ? "object" : (property.type ?? "object");
}

/** References to the definitions document ajv holds under the id "genesys". */
function withSpecRefs(schema: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(schema).replace(/"\$ref":"#\/definitions\//g, '"$ref":"genesys#/definitions/'),
  ) as JsonSchema;
}

let loaded: GenesysSpec | undefined;

/** The spec, read once per test file; a missing file says how to get it. */
export function genesysSpec(): GenesysSpec {
  if (loaded) return loaded;
  const path = specPath();
  if (!existsSync(path))
    throw new Error(
      `Genesys's API specification is not at ${path}: run \`npm run setup\` (tools/toolchain/setup.sh fetches it with the Go toolchain)`,
    );
  loaded = new GenesysSpec(JSON.parse(readFileSync(path, "utf8")) as Swagger);
  return loaded;
}
