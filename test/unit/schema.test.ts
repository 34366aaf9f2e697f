// The committed editor schema (schema/flow.schema.json) is current with the zod model, and it
// accepts a fixture flow of every kind (the fixture portfolio, and the node-type fixtures built from
// the descriptors' examples, which use every node type with and without its optional fields) and
// refuses what the model refuses.
import { readFileSync } from "fs";
import Ajv2020 from "ajv/dist/2020";
import YAML from "yaml";
import { KIND_NAMES } from "../../model/kinds";
import { NODE_TYPES } from "../../model/nodes";
import { flowFile } from "../../model/schema";
import { FLOW_SCHEMA_PATH, renderFlowSchema } from "../../tools/generateFlowSchema";
import { nodeTypeFixtures } from "../helpers/nodeTypeFixtures";
import { portfolioTexts } from "./helpers/project";

const committed = readFileSync(FLOW_SCHEMA_PATH, "utf8");
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(committed));
const fixtures = [
  ...[...portfolioTexts()].map(([file, text]) => [file, YAML.parse(text, { version: "1.2", schema: "core" })] as const),
  ...nodeTypeFixtures()
    .filter((f) => f.variant !== "shared")
    .map((f) => [`${f.id} (node-type fixture)`, YAML.parse(YAML.stringify(f.spec, { version: "1.2" }), { version: "1.2", schema: "core" })] as const),
];

describe("schema/flow.schema.json", () => {
  it("is up to date with the model (run `npm run schema:generate`)", () => {
    expect(committed).toBe(renderFlowSchema());
  });

  it("the fixtures hold a flow of every kind and a node of every type", () => {
    expect(new Set(fixtures.map(([, v]) => v.kind))).toEqual(new Set(KIND_NAMES));
    const types = new Set(fixtures.flatMap(([, v]) => Object.values(v.nodes as Record<string, { type: string }>).map((n) => n.type)));
    expect(types).toEqual(new Set(NODE_TYPES));
  });

  it.each(fixtures)("accepts %s", (_file, value) => {
    expect(flowFile.safeParse(value).success).toBe(true);
    const ok = validate(value);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  const flow = (fields: Record<string, unknown>) => ({ kind: "inboundCall", name: "X", start: "A", nodes: { A: { type: "disconnect" } }, ...fields });
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
    ["a transition the node type does not have", flow({ nodes: { A: { type: "playMessage", prompt: "hi", transitions: { next: "A", error: "A" } } } })],
    ["a module field in a call flow", flow({ compatibleFlowTypes: ["inboundCall"] })],
    ["maxDigits out of range", flow({ variables: { v: { type: "string" } }, nodes: { A: { type: "collectDigits", prompt: "p", variable: "v", maxDigits: 33, transitions: { success: "A", failure: "A" } } } })],
  ])("refuses %s, as the model does", (_name, value) => {
    expect(flowFile.safeParse(value).success).toBe(false);
    expect(validate(value)).toBe(false);
  });
});
