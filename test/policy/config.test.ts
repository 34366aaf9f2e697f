// The per-stack policy config files: valid for the pack, and the levels the issue asks for.
import { readFileSync, readdirSync } from "fs";
import * as path from "path";
import { configSchemaOf, effectiveEnforcement, settingsFromConfig, validatePolicyConfig } from "../../policies/config";
import { ALL_RULES } from "../../policies/rules";
import { reachableNodes } from "../../policies/rules/reachableNodes";
import { buildPolicies } from "../../policies/adapter";

const dir = path.join(__dirname, "..", "..", "policies", "config");
const load = (stack: string) => JSON.parse(readFileSync(path.join(dir, `${stack}.json`), "utf8"));
const levels = (stack: string) => Object.fromEntries(ALL_RULES.map((r) => [r.id, effectiveEnforcement(r, load(stack))]));

test("config files exist for dev, prod, local and are valid", () => {
  expect(readdirSync(dir).sort()).toEqual(["dev.json", "local.json", "prod.json"]);
  for (const stack of ["dev", "prod", "local"]) expect(validatePolicyConfig(load(stack), ALL_RULES)).toEqual([]);
});

test("prod is mandatory everywhere; dev relaxes some rules to advisory; local blocks a missing error path", () => {
  expect(Object.values(levels("prod")).every((l) => l === "mandatory")).toBe(true);
  expect(levels("dev")).toMatchObject({ "reachable-nodes": "advisory", "subflow-transitions": "advisory", "module-interface": "mandatory" });
  expect(levels("local")).toMatchObject({ "subflow-transitions": "mandatory", "prod-force-unlock": "disabled" });
});

test("validation names the key to fix", () => {
  expect(validatePolicyConfig({ "reachable-node": "advisory", terminates: "warn", "reachable-nodes": { ignore: "x", foo: 1 } }, ALL_RULES)).toEqual([
    expect.stringContaining('"reachable-node" is not a rule id'),
    '"terminates": enforcement level "warn" is not one of mandatory, advisory, disabled',
    '"reachable-nodes".ignore: expected array of string',
    '"reachable-nodes".foo: not a setting of this rule (settings: ignore)',
  ]);
  expect(validatePolicyConfig([], ALL_RULES)).toHaveLength(1);
});

test("levels: own entry, then `all`, then the rule default; settings get defaults", () => {
  expect(effectiveEnforcement(reachableNodes)).toBe("advisory");
  expect(effectiveEnforcement(reachableNodes, { all: "mandatory" })).toBe("mandatory");
  expect(effectiveEnforcement(reachableNodes, { all: "mandatory", "reachable-nodes": "disabled" })).toBe("disabled");
  expect(settingsFromConfig(reachableNodes, {})).toEqual({ ignore: [] });
  expect(settingsFromConfig(reachableNodes, { "reachable-nodes": { enforcementLevel: "advisory", ignore: ["A"] } })).toEqual({ ignore: ["A"] });
});

test("the pack declares every rule as a policy with name, description, level and config schema", () => {
  const policies = buildPolicies();
  expect(policies.map((p) => p.name)).toEqual(ALL_RULES.map((r) => r.id));
  for (const p of policies) {
    const rule = ALL_RULES.find((r) => r.id === p.name)!;
    expect(p).toMatchObject({ description: rule.description, enforcementLevel: rule.defaultEnforcement, remediationSteps: rule.remediation });
    expect((p as { configSchema?: unknown }).configSchema).toEqual(configSchemaOf(rule));
  }
  expect("validateStack" in policies[policies.length - 1]).toBe(true);
});

test("pack metadata: PulumiPolicy.yaml and package.json", () => {
  const root = path.join(__dirname, "..", "..", "policies");
  expect(readFileSync(path.join(root, "PulumiPolicy.yaml"), "utf8")).toMatch(/^runtime: nodejs$/m);
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  expect(pkg).toMatchObject({ version: "0.1.0", dependencies: { "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.259.0" } });
  // only index.ts constructs the pack
  const sources = readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith(".ts") && f !== "index.ts");
  for (const f of sources) expect(readFileSync(path.join(root, f), "utf8")).not.toMatch(/new PolicyPack\(/);
});
