// The committed editor schemas are current with the zod models (flows, stack files, behaviour scenarios): schema/flow.schema.json accepts a
// fixture flow of every kind (the fixture portfolio, and the node-type fixtures built from the
// descriptors' examples, which use every node type with and without its optional fields), refuses
// what the model refuses, and reports one typo as one error; schema/stack.schema.json does the same
// for the genesys-flows:* keys of a stack file. Checked with ajv (draft-07, as the YAML language server).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { minimatch } from "minimatch";
import Ajv, { type ErrorObject } from "ajv";
import YAML from "yaml";
import { KIND_NAMES } from "../../model/kinds";
import { NODE_TYPES } from "../../model/nodes";
import { flowFile } from "../../model/schema";
import { FlowLoadError } from "../../model/errors";
import { parseStackSettings } from "../../planner/stackSettings";
import {
  FLOW_SCHEMA_PATH,
  renderFlowSchema,
  renderScenarioSchema,
  renderStackSchema,
  SCENARIO_SCHEMA_PATH,
  STACK_SCHEMA_PATH,
} from "../../tools/generateFlowSchema";
import { nodeTypeFixtures } from "../../testkit/nodeTypeFixtures";
import { PORTFOLIO, portfolioTexts, STACK } from "../../testkit/fixtureProject";

const KIND_FIXTURES = join(__dirname, "fixtures", "kinds");

const committed = readFileSync(FLOW_SCHEMA_PATH, "utf8");
// allErrors: every error, as an editor lists them (the counts below would hide nothing).
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(committed));
// The portfolio fixture, one flow of each kind it does not hold (test/unit/fixtures/kinds), and
// the node-type fixtures.
const kindFixtures = readdirSync(KIND_FIXTURES)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => [`kinds/${f}`, readFileSync(join(KIND_FIXTURES, f), "utf8")] as const);
const fixtures = [
  ...[...portfolioTexts(), ...kindFixtures].map(
    ([file, text]) => [file, YAML.parse(text, { version: "1.2", schema: "core" })] as const,
  ),
  ...nodeTypeFixtures()
    .filter((f) => f.variant !== "shared")
    .map(
      (f) =>
        [
          `${f.id} (node-type fixture)`,
          YAML.parse(YAML.stringify(f.spec, { version: "1.2" }), { version: "1.2", schema: "core" }),
        ] as const,
    ),
];

describe("schema/flow.schema.json", () => {
  it("is up to date with the model (run `npm run schema:generate`)", () => {
    expect(committed).toBe(renderFlowSchema());
  });

  it("the fixtures hold a flow of every kind and a node of every type", () => {
    expect(new Set(fixtures.map(([, v]) => v.kind))).toEqual(new Set(KIND_NAMES));
    const types = new Set(
      fixtures.flatMap(([, v]) => Object.values(v.nodes as Record<string, { type: string }>).map((n) => n.type)),
    );
    expect(types).toEqual(new Set(NODE_TYPES));
  });

  it.each(fixtures)("accepts %s", (_file, value) => {
    expect(flowFile.safeParse(value).success).toBe(true);
    const ok = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const flow = (fields: Record<string, unknown>) => ({
    kind: "inboundCall",
    name: "X",
    start: "A",
    nodes: { A: { type: "disconnect" } },
    ...fields,
  });
  it("accepts the minimal flow the refusals below start from", () => {
    expect(flowFile.safeParse(flow({})).success).toBe(true);
    expect(validate(flow({}))).toBe(true);
  });
  it.each([
    ["an unknown node type", flow({ nodes: { A: { type: "hangup" } } })],
    ["an unknown node key", flow({ nodes: { A: { type: "disconnect", lable: "x" } } })],
    ["an unknown flow key", flow({ inputs: {} })],
    ["an unknown kind", flow({ kind: "inboundSms" })],
    ["a missing start", { kind: "inboundCall", name: "X", nodes: { A: { type: "disconnect" } } }],
    ["a node id that is not an identifier", flow({ start: "a-b", nodes: { "a-b": { type: "disconnect" } } })],
    [
      "a transition the node type does not have",
      flow({ nodes: { A: { type: "playMessage", prompt: "hi", transitions: { next: "A", error: "A" } } } }),
    ],
    ["a module field in a call flow", flow({ compatibleFlowTypes: ["inboundCall"] })],
    [
      "maxDigits out of range",
      flow({
        variables: { v: { type: "string" } },
        nodes: {
          A: {
            type: "collectDigits",
            prompt: "p",
            variable: "v",
            maxDigits: 33,
            transitions: { success: "A", failure: "A" },
          },
        },
      }),
    ],
  ])("refuses %s, as the model does", (_name, value) => {
    expect(flowFile.safeParse(value).success).toBe(false);
    expect(validate(value)).toBe(false);
  });
});

/** The errors as `<path> <keyword>` lines, for readable failures. */
const brief = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map(
    (e) =>
      `${e.instancePath || "/"} ${e.keyword}${e.params && "additionalProperty" in e.params ? ` ${String(e.params.additionalProperty)}` : ""}`,
  );

describe("schema/flow.schema.json: one typo, one error", () => {
  const flow = (nodes: Record<string, unknown>, fields: Record<string, unknown> = {}) => ({
    kind: "inboundCall",
    name: "X",
    variables: { choice: { type: "string" } },
    start: "A",
    nodes: {
      A: { type: "playMessage", prompt: "hi", transitions: { next: "B" } },
      B: { type: "disconnect" },
      ...nodes,
    },
    ...fields,
  });
  it("the base flow is valid", () => {
    expect(validate(flow({}))).toBe(true);
  });
  it("a node type typo (disconect) is one error, on the node's type, listing the valid types", () => {
    expect(validate(flow({ B: { type: "disconect" } }))).toBe(false);
    expect(brief(validate.errors)).toEqual(["/nodes/B/type enum"]);
    expect(validate.errors![0].params).toEqual({ allowedValues: NODE_TYPES });
  });
  it("a typo in the type of a node with many fields is one error too", () => {
    const node = {
      type: "colectDigits",
      prompt: "p",
      variable: "choice",
      maxDigits: 1,
      transitions: { success: "B", failure: "B" },
    };
    expect(validate(flow({ C: node }))).toBe(false);
    expect(brief(validate.errors)).toEqual(["/nodes/C/type enum"]);
  });
  it("a kind typo is one error, on kind", () => {
    expect(validate(flow({}, { kind: "inboundCal" }))).toBe(false);
    expect(brief(validate.errors)).toEqual(["/kind enum"]);
  });
  it("a misspelt field of a known node type names the field (plus the branch that failed)", () => {
    expect(validate(flow({ A: { type: "playMessage", promt: "hi", transitions: { next: "B" } } }))).toBe(false);
    // (prompt is one of prompt and audio, which the model checks: the schema does not require it.)
    expect(brief(validate.errors)).toEqual(["/nodes/A additionalProperties promt", "/nodes/A if"]);
  });
  it("each node type's definition carries its summary for hovers", () => {
    const schema = JSON.parse(committed);
    for (const type of NODE_TYPES) expect(schema.definitions[`node.${type}`].description).toEqual(expect.any(String));
  });
});

describe("schema/stack.schema.json", () => {
  const stackCommitted = readFileSync(STACK_SCHEMA_PATH, "utf8");
  const validateStack = ajv.compile(JSON.parse(stackCommitted));
  const stackFile = YAML.parse(readFileSync(`${PORTFOLIO}/Pulumi.${STACK}.yaml`, "utf8"), {
    version: "1.2",
    schema: "core",
  });
  const withConfig = (config: Record<string, unknown>) => ({
    ...stackFile,
    config: { ...stackFile.config, ...config },
  });

  it("is up to date with planner/stackSettings.ts (run `npm run schema:generate`)", () => {
    expect(stackCommitted).toBe(renderStackSchema());
  });
  it("accepts the fixture stack file, every setting, secrets and other namespaces' keys", () => {
    const full = withConfig({
      "genesys-flows:forceUnlock": "true",
      "genesys-flows:provider": {
        region: "eu-west-1",
        gateway: { protocol: "http", host: "127.0.0.1", port: 8080 },
        tokenPoolSize: 2,
      },
      "genesys-flows:oauthClientId": "abc",
      "genesys-flows:oauthClientSecret": { secure: "v1:xyz" },
      "genesys-flows:include": ["calls/**"],
      "genesys-flows:exclude": ["digital/**"],
      "genesyscloud:sdkDebug": true,
      "pulumi:tags": { team: "cx" },
    });
    expect(() => parseStackSettings(full.config, "Pulumi.x.yaml")).not.toThrow();
    expect(validateStack(full)).toBe(true);
    expect(brief(validateStack.errors)).toEqual([]);
  });
  it.each([
    [
      "a misspelt setting",
      { "genesys-flows:namePrefx": "x-" },
      ["/config additionalProperties genesys-flows:namePrefx"],
    ],
    [
      "a misspelt nested key",
      { "genesys-flows:provider": { regoin: "us-east-1" } },
      ["/config/genesys-flows:provider additionalProperties regoin"],
    ],
    [
      "an unknown region",
      { "genesys-flows:provider": { region: "us-east-9" } },
      ["/config/genesys-flows:provider/region enum"],
    ],
  ])("%s is one error naming the key, as parseStackSettings refuses it", (_name, config, errors) => {
    const file = withConfig(config);
    expect(() => parseStackSettings(file.config, "Pulumi.x.yaml")).toThrow(FlowLoadError);
    expect(validateStack(file)).toBe(false);
    expect(brief(validateStack.errors)).toEqual(errors);
  });
  it("a key without a namespace (which Pulumi refuses in a stack file) is one error naming it", () => {
    expect(validateStack(withConfig({ namePrefix: "x-" }))).toBe(false);
    expect(brief(validateStack.errors)).toEqual(["/config additionalProperties namePrefix"]);
  });
  it("a missing environment is one error", () => {
    const { "genesys-flows:environment": _e, ...config } = stackFile.config;
    expect(validateStack({ config })).toBe(false);
    expect(brief(validateStack.errors)).toEqual(["/config required"]);
  });
});

describe(".vscode/settings.json wires the schemas for the YAML language server", () => {
  const settings = JSON.parse(readFileSync(`${__dirname}/../../.vscode/settings.json`, "utf8")) as {
    "yaml.schemas": Record<string, string[]>;
  };
  const globsOf = (path: string) => settings["yaml.schemas"][path] ?? [];
  it("maps flow files to the flow schema, stack files (not Pulumi.yaml) to the stack schema, scenario files to the scenario schema and routing files to the routing schema", () => {
    const matches = (path: string, file: string) => globsOf(path).some((g) => minimatch(file, g));
    expect(existsSync(`${__dirname}/../../schema/flow.schema.json`)).toBe(true);
    expect(matches("./schema/flow.schema.json", "flows/calls/sales.yaml")).toBe(true);
    expect(matches("./schema/flow.schema.json", "flows/a/b/c.yaml")).toBe(true);
    expect(matches("./schema/stack.schema.json", "Pulumi.dev.yaml")).toBe(true);
    expect(matches("./schema/stack.schema.json", "Pulumi.yaml")).toBe(false);
    expect(matches("./schema/flow.schema.json", "Pulumi.dev.yaml")).toBe(false);
    expect(matches("./schema/scenario.schema.json", "scenarios/calls/sales/menu.yaml")).toBe(true);
    expect(matches("./schema/scenario.schema.json", "flows/calls/sales.yaml")).toBe(false);
    expect(matches("./schema/routing.schema.json", "routing/ivr/sales-line.yaml")).toBe(true);
    expect(matches("./schema/routing.schema.json", "flows/calls/sales.yaml")).toBe(false);
    expect(Object.keys(settings["yaml.schemas"]).sort()).toEqual([
      "./schema/flow.schema.json",
      "./schema/routing.schema.json",
      "./schema/scenario.schema.json",
      "./schema/stack.schema.json",
    ]);
  });
});

describe("schema/scenario.schema.json", () => {
  const scenarioCommitted = readFileSync(SCENARIO_SCHEMA_PATH, "utf8");
  const validateScenario = ajv.compile(JSON.parse(scenarioCommitted));

  it("is up to date with behaviour/scenario/schema.ts (run `npm run schema:generate`)", () => {
    expect(scenarioCommitted).toBe(renderScenarioSchema());
  });
  it("accepts what the loader accepts and refuses a misspelt key", () => {
    const ok = {
      scenarios: [
        {
          name: "A",
          call: { ani: "+1" },
          steps: [{ at: "Menu", digits: "1" }, { silence: true }],
          org: { queues: { Sales: "unavailable" } },
          expect: { path: ["Menu"], outcome: { transferToQueue: "Sales" } },
        },
      ],
    };
    expect(validateScenario(ok)).toBe(true);
    expect(validateScenario({ scenarios: [{ name: "A", expect: { outcom: "disconnect" } }] })).toBe(false);
  });
});
