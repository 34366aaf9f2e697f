// Writes the JSON Schemas editors use to complete and check the project's YAML files, generated
// from the zod models (a unit test fails when a committed file is stale). Run: npm run schema:generate
//   schema/flow.schema.json   flow files (model/schema.ts, assembled from model/kinds and model/nodes)
//   schema/stack.schema.json  stack files Pulumi.<stack>.yaml: the genesys-flows:* keys under config:
//                             (planner/stackSettings.ts)
//   schema/scenario.schema.json  behaviour scenario files scenarios/**/*.yaml (behaviour/scenario/schema.ts)
//   schema/routing.schema.json routing files routing/**/*.yaml (model/routing/schema.ts)
// Unions on `kind` and on a node's `type` become `if`/`then` branches keyed on that field (draft-07,
// which ajv and the YAML language server both implement): a typo in a node type is one error on
// `type`, not one error per field of every node type the node might have been.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { FLOW_KINDS } from "../model/kinds";
import { flowNode, NODE_DESCRIPTORS } from "../model/nodes";
import { flowFile } from "../model/schema";
import { scenarioFile } from "../behaviour/scenario/schema";
import { CONFIG_NAMESPACE, stackSettingsSchema } from "../planner/stackSettings";
import { routingFile } from "../model/routing/schema";
import { isMap } from "../archy/json";

export const FLOW_SCHEMA_PATH = join(__dirname, "..", "schema", "flow.schema.json");
export const STACK_SCHEMA_PATH = join(__dirname, "..", "schema", "stack.schema.json");
export const SCENARIO_SCHEMA_PATH = join(__dirname, "..", "schema", "scenario.schema.json");
export const ROUTING_SCHEMA_PATH = join(__dirname, "..", "schema", "routing.schema.json");

const DRAFT = "http://json-schema.org/draft-07/schema#";

type Json = Record<string, unknown>;

/**
 * The field every alternative of a union fixes with a `const` (and requires), with each
 * alternative's value; undefined when the alternatives have no such field in common.
 */
function discriminatorOf(alternatives: Json[], definitions: Json): { key: string; values: string[] } | undefined {
  const resolved = alternatives.map((a) => {
    const ref = typeof a.$ref === "string" ? a.$ref.replace(/^#\/definitions\//, "") : undefined;
    return ref !== undefined && isMap(definitions[ref]) ? (definitions[ref] as Json) : a;
  });
  const first = resolved[0];
  if (!first || !isMap(first.properties)) return undefined;
  for (const key of Object.keys(first.properties)) {
    const values: string[] = [];
    for (const alt of resolved) {
      const prop = isMap(alt.properties) ? alt.properties[key] : undefined;
      const required = Array.isArray(alt.required) && alt.required.includes(key);
      if (!isMap(prop) || typeof prop.const !== "string" || !required) break;
      values.push(prop.const);
    }
    if (values.length === resolved.length && new Set(values).size === values.length) return { key, values };
  }
  return undefined;
}

/**
 * Properties every (inline) alternative declares with the same schema, moved out of them: checked
 * once outside the `if`/`then` branches, an error in them (a node of a flow, say) is reported
 * once, without the error of the branch around it. Each alternative keeps the key, as `{}`, so
 * its `additionalProperties: false` still allows it.
 */
function hoistShared(alternatives: Json[], discriminator: string): Json {
  if (!alternatives.every((a) => isMap(a.properties))) return {};
  const props = alternatives.map((a) => a.properties as Json);
  const shared: Json = {};
  for (const key of Object.keys(props[0])) {
    if (key === discriminator) continue;
    const text = JSON.stringify(props[0][key]);
    if (props.every((p) => Object.hasOwn(p, key) && JSON.stringify(p[key]) === text)) shared[key] = props[0][key];
  }
  for (const p of props) for (const key of Object.keys(shared)) p[key] = {};
  return shared;
}

/**
 * Rewrites every `oneOf`/`anyOf` of objects told apart by a `const` field into one enum on that
 * field and an `if`/`then` per value. Mutates and returns `schema`.
 */
export function discriminateUnions(
  schema: Json,
  definitions: Json = isMap(schema.definitions) ? schema.definitions : {},
): Json {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    if (!isMap<unknown>(node)) return;
    for (const v of Object.values(node)) walk(v);
    for (const union of ["oneOf", "anyOf"] as const) {
      const alternatives = node[union];
      if (!Array.isArray(alternatives) || alternatives.length < 2 || !alternatives.every(isMap)) continue;
      const d = discriminatorOf(alternatives as Json[], definitions);
      if (!d) continue;
      delete node[union];
      node.type = "object";
      node.required = [d.key];
      node.properties = { [d.key]: { type: "string", enum: d.values }, ...hoistShared(alternatives as Json[], d.key) };
      node.allOf = (alternatives as Json[]).map((then, i) => ({
        if: { properties: { [d.key]: { const: d.values[i] } }, required: [d.key] },
        then,
      }));
    }
  };
  walk(schema);
  return schema;
}

/** Fixed key order (`$schema`, `title`, `description` first), 2-space JSON and a newline. */
function render(schema: Json): string {
  const { $schema, title, description, ...rest } = schema;
  return `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`;
}

/** The flow file schema as committed: input shape (fields with defaults are optional). */
export function renderFlowSchema(): string {
  // Each node type and the node union become definitions, so the union is written once, not once per kind.
  const registry = z.registry<{ id: string; description?: string }>();
  registry.add(flowNode, { id: "node", description: "A node of the flow; its `type` says which fields it has." });
  for (const option of flowNode.options) {
    const type = (option.shape.type as z.ZodLiteral<string>).value;
    registry.add(option, {
      id: `node.${type}`,
      description: NODE_DESCRIPTORS[type as keyof typeof NODE_DESCRIPTORS].summary,
    });
  }
  const generated = z.toJSONSchema(flowFile, {
    io: "input",
    target: "draft-7",
    metadata: registry,
  }) as Json;
  const { $schema: _draft, ...rest } = generated;
  return render(
    discriminateUnions({
      $schema: DRAFT,
      title: "genesys-flows flow file",
      description: `One Genesys Cloud Architect flow as a typed node graph: a commonModule (inputs, outputs, return nodes) or a flow of another kind (${Object.keys(
        FLOW_KINDS,
      )
        .filter((k) => k !== "commonModule")
        .join(", ")}). Generated from model/schema.ts by \`npm run schema:generate\`; do not edit.`,
      ...rest,
    }),
  );
}

/**
 * The stack file schema: a Pulumi stack file (`Pulumi.<stack>.yaml`) whose `config:` holds the
 * settings as `genesys-flows:<key>`. Keys of other namespaces (`genesyscloud:*`, `pulumi:*`) are
 * Pulumi's or other packages' and pass; an unknown `genesys-flows:` key is an error naming it.
 */
export function renderStackSchema(): string {
  const settings = z.toJSONSchema(stackSettingsSchema, { io: "input", target: "draft-7" }) as Json;
  const props = settings.properties as Record<string, Json>;
  const required = (settings.required as string[] | undefined) ?? [];
  // Escaped for a `u`-flag regular expression (ajv's): `-` needs no escape outside a class.
  const escaped = CONFIG_NAMESPACE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const config: Json = {
    type: "object",
    description: `Stack configuration. The project's settings are the \`${CONFIG_NAMESPACE}:*\` keys (planner/stackSettings.ts); keys of other namespaces belong to Pulumi and the providers.`,
    properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [`${CONFIG_NAMESPACE}:${k}`, v])),
    required: required.map((k) => `${CONFIG_NAMESPACE}:${k}`),
    // Other namespaces: `<namespace>:<key>`, any value.
    patternProperties: { [`^(?!${escaped}:)[^:]+:.+$`]: {} },
    additionalProperties: false,
  };
  return render({
    $schema: DRAFT,
    title: "genesys-flows stack file (Pulumi.<stack>.yaml)",
    description:
      "A Pulumi stack file of this project. Generated from planner/stackSettings.ts by `npm run schema:generate`; do not edit.",
    type: "object",
    properties: {
      config: config,
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
    },
    required: ["config"],
  });
}

/** The scenario file schema (input shape: fields with defaults are optional). */
export function renderScenarioSchema(): string {
  const { $schema: _draft, ...rest } = z.toJSONSchema(scenarioFile, { io: "input", target: "draft-7" }) as Json;
  return render({
    $schema: DRAFT,
    title: "genesys-flows behaviour scenarios",
    description:
      "Behaviour tests of a stack's flows (genesys-flows test). Generated from behaviour/scenario/schema.ts by `npm run schema:generate`; do not edit.",
    ...rest,
  });
}

/** The routing file schema: one schedule, schedule group, IVR config or emergency group, by `kind`. */
export function renderRoutingSchema(): string {
  const { $schema: _draft, ...rest } = z.toJSONSchema(routingFile, { io: "input", target: "draft-7" }) as Json;
  return render(
    discriminateUnions({
      $schema: DRAFT,
      title: "genesys-flows routing file",
      description:
        "One routing object under routing/: a schedule, a scheduleGroup, an ivr (IVR config) or an emergencyGroup. Per-stack values go in Pulumi.<stack>.yaml (genesys-flows:routing). Generated from model/routing/schema.ts by `npm run schema:generate`; do not edit.",
      ...rest,
    }),
  );
}

if (require.main === module) {
  writeFileSync(FLOW_SCHEMA_PATH, renderFlowSchema());
  writeFileSync(STACK_SCHEMA_PATH, renderStackSchema());
  writeFileSync(SCENARIO_SCHEMA_PATH, renderScenarioSchema());
  writeFileSync(ROUTING_SCHEMA_PATH, renderRoutingSchema());
  process.stdout.write(
    `wrote ${FLOW_SCHEMA_PATH}\nwrote ${STACK_SCHEMA_PATH}\nwrote ${SCENARIO_SCHEMA_PATH}\nwrote ${ROUTING_SCHEMA_PATH}\n`,
  );
}
