// The committed JSON Schema matches the zod model, and it accepts every example flow.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import Ajv2020 from "ajv/dist/2020";
import YAML from "yaml";
import { FLOW_SCHEMA_PATH, renderFlowSchema } from "../../tools/generateFlowSchema";

const FLOWS = join(__dirname, "..", "..", "flows");
const examples = readdirSync(FLOWS).filter((f) => f.endsWith(".yaml")).sort();

describe("schema/flow.schema.json", () => {
  it("is up to date with components/model/schema.ts (run `npm run schema:generate`)", () => {
    expect(readFileSync(FLOW_SCHEMA_PATH, "utf8")).toBe(renderFlowSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(FLOW_SCHEMA_PATH, "utf8")));

  it.each(examples)("accepts flows/%s and the file points editors at it", (file) => {
    const text = readFileSync(join(FLOWS, file), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/flow.schema.json");
    const ok = validate(YAML.parse(text, { version: "1.2", schema: "core" }));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects unknown node types and unknown keys", () => {
    const bad = { kind: "inboundCall", name: "X", start: "A", nodes: { A: { type: "hangup" } } };
    expect(validate(bad)).toBe(false);
    const typo = { kind: "inboundCall", name: "X", start: "A", nodes: { A: { type: "disconnect", lable: "x" } } };
    expect(validate(typo)).toBe(false);
  });
});
