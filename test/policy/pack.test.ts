// The policy pack's own behaviour: configs that would weaken the core are refused, a stack's
// settings come from the config chosen by its name, and module-wiring reads what the engine
// registered. Policies are called with hand-built arguments (never by importing policies/index.ts).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies, settingsForStack } from "../../policies/adapter";
import { readPolicyConfig, stacksWithConfig, validatePolicyConfig, POLICY_CONFIG_DIR } from "../../policies/config";
import { ruleInfo } from "../../checks/rules";
import * as checks from "../../checks";
import { moduleTrigger } from "../../planner/revisions";
import {
  COMMON_MODULE_TYPE,
  GENESYS_FLOW_TYPE,
  INTERACTION_FLOW_TYPE,
  encodeRegisteredFacts,
  registeredFacts,
  type FlowFacts,
} from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { readComponents } from "../../policies/resources";

// The library's own proxy and sentinel, to hand the pack resources exactly as the engine's analysis
// does (internal to @pulumi/policy, so not in its type declarations).
const { unknownCheckingProxy, unknownObjectValue } = jest.requireActual<{
  unknownCheckingProxy: <T extends object>(props: T) => T;
  unknownObjectValue: string;
}>("@pulumi/policy/proxy");
import { callFlow, flowText, lookupModule, tempProject } from "../../testkit/portfolio";

describe("policy config", () => {
  test("no config may lower a core or locked rule, directly or through all", () => {
    expect(validatePolicyConfig({ "subflow-transitions": "advisory" })).toEqual([
      '"subflow-transitions": a core rule is mandatory on every stack and cannot be set to "advisory"; remove the entry',
    ]);
    expect(validatePolicyConfig({ "module-interface": { enforcementLevel: "disabled" } })[0]).toContain(
      'cannot be set to "disabled"',
    );
    expect(validatePolicyConfig({ all: "disabled" })[0]).toContain('"all": "disabled" would lower the core rules');
    expect(validatePolicyConfig({ "reachable-nodes": "disabled", terminates: "advisory" })).toEqual([]);
  });

  test("unknown rules, levels and settings are named", () => {
    expect(
      validatePolicyConfig({ "reachable-node": "advisory", terminates: "loud", "reachable-nodes": { ignor: [] } }),
    ).toEqual([
      expect.stringContaining('"reachable-node" is not a rule id'),
      '"terminates": enforcement level "loud" is not one of mandatory, advisory, disabled',
      '"reachable-nodes".ignor: not a setting of this rule (settings: ignore)',
    ]);
  });

  test("the shipped policy configs are valid, and prod pins its name prefix and forbids force-unlock", () => {
    for (const stack of stacksWithConfig()) expect(() => readPolicyConfig(stack)).not.toThrow();
    const prod = readPolicyConfig("prod", POLICY_CONFIG_DIR);
    expect(prod["prod-name-prefix"]).toMatchObject({ enforcementLevel: "mandatory", namePrefix: "prod-" });
    expect(prod["prod-force-unlock"]).toMatchObject({ enforcementLevel: "mandatory" });
  });

  test("a stack's rule settings come from the config file of its name, not from what the engine passes", () => {
    const dir = tempProject({
      "prod.json": JSON.stringify({ "prod-name-prefix": { environments: ["prod"], namePrefix: "prod-" } }),
    });
    const rule = ruleInfo("prod-name-prefix");
    expect(settingsForStack(rule, "prod", { namePrefix: "", environments: [] }, dir)).toEqual({
      environments: ["prod"],
      namePrefix: "prod-",
    });
    expect(settingsForStack(rule, "other", { namePrefix: "x-" }, dir)).toEqual({
      environments: ["prod"],
      namePrefix: "x-",
    });
  });
});

describe("the pack over registered components", () => {
  const lookup = parseFlowText(flowText(lookupModule()), "flows/m.yaml");
  const caller = parseFlowText(flowText(callFlow("Sales")), "flows/c.yaml");
  const facts = (id: string, model: typeof lookup.model, calls: FlowFacts["calls"]): FlowFacts => ({
    stack: "prod",
    environment: "production",
    namePrefix: "dev-",
    forceUnlock: false,
    id,
    file: `flows/${id}.yaml`,
    kind: model.kind,
    publishedName: `dev-${model.name}`,
    model,
    calls,
    substitutionKeys: [],
  });
  const urn = (type: string, name: string) => `urn:pulumi:prod::genesys-flows::${type}::${name}`;
  const resources = (trigger: unknown, moduleRevision: unknown = "r1") => [
    {
      type: COMMON_MODULE_TYPE,
      name: "m",
      urn: urn(COMMON_MODULE_TYPE, "m"),
      props: { facts: facts("m", lookup.model, []), revision: moduleRevision },
    },
    {
      type: INTERACTION_FLOW_TYPE,
      name: "c",
      urn: urn(INTERACTION_FLOW_TYPE, "c"),
      props: { facts: facts("c", caller.model, [{ id: "m", name: "Lookup", publishedName: "dev-Lookup" }]) },
    },
    {
      type: GENESYS_FLOW_TYPE,
      name: "c",
      urn: urn(`${INTERACTION_FLOW_TYPE}$${GENESYS_FLOW_TYPE}`, "c"),
      parent: { urn: urn(INTERACTION_FLOW_TYPE, "c") },
      props: { updateTriggerHash: trigger },
    },
  ];
  const policy = (name: string) =>
    (buildPolicies(POLICY_CONFIG_DIR) as StackValidationPolicy[]).find((p) => p.name === name)!;
  const run = (name: string, res: unknown[], notApplicable?: (r?: string) => never) => {
    const out: string[] = [];
    policy(name).validateStack!({ resources: res, notApplicable } as never, (m: string) => out.push(m));
    return out;
  };

  test("module-wiring accepts a trigger derived from the module's revision and names a stale one", () => {
    expect(run("module-wiring", resources(moduleTrigger(["r1"])))).toEqual([]);
    const [v] = run("module-wiring", resources("stale"));
    expect(v).toContain(
      '[module-wiring] stack "prod": flows/c.yaml: flow "dev-Sales": the flow\'s updateTriggerHash does not track the revisions of the modules it calls (dev-Lookup)',
    );
  });

  test("module-wiring says what it could not check during preview instead of failing", () => {
    let reason = "";
    const notApplicable = (r?: string): never => {
      reason = r ?? "";
      throw new Error("not applicable");
    };
    expect(() =>
      run("module-wiring", resources(moduleTrigger(["r1"]), { unknown: "revision" }), notApplicable),
    ).toThrow("not applicable");
    expect(reason).toContain("a module revision is not known during preview");
  });

  test("prod's pinned prefix binds whatever the stack says about itself", () => {
    // The stack calls itself environment "production" with prefix "dev-": prod.json still applies by the stack's name.
    const out = run("prod-name-prefix", resources(moduleTrigger(["r1"])));
    expect(out).toEqual([
      expect.stringContaining(
        'flows/c.yaml: flow "dev-Sales": field "name": published name "dev-Sales" does not start with "prod-"',
      ),
      expect.stringContaining(
        'flows/m.yaml: flow "dev-Lookup": field "name": published name "dev-Lookup" does not start with "prod-"',
      ),
    ]);
  });

  test("the flow rules run once over a portfolio for every policy, and never answer from another portfolio or config", () => {
    const dir = tempProject({
      "prod.json": JSON.stringify({ "prod-name-prefix": { environments: ["production"], namePrefix: "prod-" } }),
    });
    const policies = buildPolicies(dir) as StackValidationPolicy[];
    const all = (res: unknown[]) => {
      const out: string[] = [];
      for (const p of policies) p.validateStack!({ resources: res } as never, (m: string) => out.push(m));
      return out;
    };
    const prefixFindings = (out: string[]) => out.filter((m) => m.startsWith("[prod-name-prefix]"));
    // Each policy gets its own copy of the resources, the facts as components register them (one JSON text, the model gzipped), as the engine hands them.
    const registered = resources(moduleTrigger(["r1"])).map((r) =>
      "facts" in r.props
        ? { ...r, props: { ...r.props, facts: encodeRegisteredFacts(registeredFacts(r.props.facts as FlowFacts)) } }
        : r,
    );
    const copies = () => JSON.parse(JSON.stringify(registered)) as unknown[];
    const runs = jest.spyOn(checks, "runChecks");
    try {
      expect(prefixFindings(all(copies()))).toHaveLength(2);
      expect(runs).toHaveBeenCalledTimes(1);
      // The same portfolio under a changed config: checked again, with the new settings.
      writeFileSync(
        join(dir, "prod.json"),
        JSON.stringify({ "prod-name-prefix": { environments: ["production"], namePrefix: "dev-" } }),
      );
      expect(prefixFindings(all(copies()))).toEqual([]);
      // Another portfolio (the caller's published name changed): its own findings.
      const renamed = copies().map((r) => {
        const res = r as { name: string; props: { facts?: string } };
        return res.name === "c" && res.props.facts
          ? {
              ...res,
              props: {
                ...res.props,
                facts: encodeRegisteredFacts({ ...(JSON.parse(res.props.facts) as object), publishedName: "Sales" }),
              },
            }
          : res;
      });
      expect(prefixFindings(all(renamed))).toEqual([
        expect.stringContaining(
          'flows/c.yaml: flow "Sales": field "name": published name "Sales" does not start with "dev-"',
        ),
      ]);
      expect(runs).toHaveBeenCalledTimes(3);
    } finally {
      runs.mockRestore();
    }
  });

  test("policies handed the same registered facts share one read, through one deserialization or one each; a changed or unknown fact is read again", () => {
    const registered = resources(moduleTrigger(["r1"])).map((r) =>
      "facts" in r.props
        ? { ...r, props: { ...r.props, facts: encodeRegisteredFacts(registeredFacts(r.props.facts as FlowFacts)) } }
        : r,
    );
    // As an analysis hands them: the properties deserialized (once per analysis with
    // policies/deserializeOnce.ts, once per policy without), each policy given its own
    // unknown-checking proxy over them.
    const deserialized = (res: unknown[]) =>
      JSON.parse(JSON.stringify(res)) as Array<{ props: Record<string, unknown> }>;
    const handed = (res: Array<{ props: Record<string, unknown> }>) =>
      res.map((r) => ({ ...r, props: unknownCheckingProxy(r.props) })) as never[];
    const analysis = deserialized(registered);
    const first = readComponents(handed(analysis));
    expect(first.components.map((c) => c.facts.id)).toEqual(["c", "m"]);
    expect(readComponents(handed(analysis))).toBe(first);
    expect(Object.isFrozen(first.components[0].facts)).toBe(true);
    // Another deserialization of the same facts (the library without the pack's set-up): the same read.
    expect(readComponents(handed(deserialized(registered)))).toBe(first);
    const renamed = registered.map((r) =>
      r.name === "c" && "facts" in r.props
        ? {
            ...r,
            props: {
              ...r.props,
              facts: encodeRegisteredFacts({
                ...(JSON.parse(r.props.facts as string) as object),
                publishedName: "dev-Other",
              }),
            },
          }
        : r,
    );
    const other = readComponents(handed(deserialized(renamed)));
    expect(other).not.toBe(first);
    expect(other.components.find((c) => c.facts.id === "c")?.facts.publishedName).toBe("dev-Other");
    // A value Pulumi does not know yet: read through the proxy, reported as such.
    const unknownFacts = registered.map((r) =>
      r.name === "c" && "facts" in r.props ? { ...r, props: { ...r.props, facts: unknownObjectValue } } : r,
    );
    expect(readComponents(handed(deserialized(unknownFacts))).problems).toEqual([
      { urn: urn(INTERACTION_FLOW_TYPE, "c"), problem: "its facts are not known yet" },
    ]);
    expect(readComponents(handed(deserialized(registered))).components.map((c) => c.facts.publishedName)).toEqual(
      first.components.map((c) => c.facts.publishedName),
    );
  });

  test("a component without facts is reported, not silently passed", () => {
    const out = run("subflow-transitions", [
      { type: INTERACTION_FLOW_TYPE, name: "x", urn: urn(INTERACTION_FLOW_TYPE, "x"), props: {} },
    ]);
    expect(out).toEqual([expect.stringContaining("it registered no facts; the flow cannot be checked")]);
  });

  test("the registered form (the facts as one JSON text, the model gzipped in it, as components register them) gets the verdict of the model itself", () => {
    const registered = (res: ReadonlyArray<{ props: object }>) =>
      res.map((r) =>
        "facts" in r.props
          ? { ...r, props: { ...r.props, facts: encodeRegisteredFacts(registeredFacts(r.props.facts as FlowFacts)) } }
          : r,
      );
    const asObjects = run("prod-name-prefix", resources(moduleTrigger(["r1"])));
    expect(asObjects).toHaveLength(2);
    expect(run("prod-name-prefix", registered(resources(moduleTrigger(["r1"]))))).toEqual(asObjects);
    // Read again (as by the next rule's policy): decoded once, the same verdict.
    expect(run("prod-name-prefix", registered(resources(moduleTrigger(["r1"]))))).toEqual(asObjects);
    // A caller without completed/error on its subflow node is refused in either form.
    const noError = callFlow("Sales");
    noError.nodes.Call.transitions = { completed: "Transfer" } as typeof noError.nodes.Call.transitions;
    const broken = parseFlowText(flowText(noError), "flows/c.yaml");
    const withBroken: Array<{ props: object }> = resources(moduleTrigger(["r1"])).map((r) =>
      r.name === "c" && r.type === INTERACTION_FLOW_TYPE
        ? {
            ...r,
            props: { facts: facts("c", broken.model, [{ id: "m", name: "Lookup", publishedName: "dev-Lookup" }]) },
          }
        : r,
    );
    const refused = run("subflow-transitions", withBroken);
    expect(refused).toEqual([expect.stringContaining("flows/c.yaml")]);
    expect(run("subflow-transitions", registered(withBroken))).toEqual(refused);
  });

  test("facts as an object (a stack deployed before they were one JSON text) get the verdict of the text", () => {
    const asObject = resources(moduleTrigger(["r1"])).map((r) =>
      "facts" in r.props ? { ...r, props: { ...r.props, facts: registeredFacts(r.props.facts as FlowFacts) } } : r,
    );
    const asText = asObject.map((r) =>
      "facts" in r.props ? { ...r, props: { ...r.props, facts: encodeRegisteredFacts(r.props.facts as object) } } : r,
    );
    const verdict = run("prod-name-prefix", asText);
    expect(verdict).toHaveLength(2);
    expect(run("prod-name-prefix", asObject)).toEqual(verdict);
  });

  test("registered facts that are not JSON text of an object are reported, not silently passed", () => {
    for (const [factsValue, problem] of [
      ['{"id": "c", ', "its facts are not JSON text ("],
      ["[1, 2]", "its facts are not an object (an array)"],
      ["null", "its facts are not an object (null)"],
      ['"text"', "its facts are not an object (string)"],
    ] as const) {
      const out = run("subflow-transitions", [
        { type: INTERACTION_FLOW_TYPE, name: "c", urn: urn(INTERACTION_FLOW_TYPE, "c"), props: { facts: factsValue } },
      ]);
      expect(out).toEqual([expect.stringContaining(`${problem}`)]);
      expect(out[0]).toContain("the flow cannot be checked");
    }
  });

  test("registered facts whose modelGzip is not a gzipped flow model are reported, not silently passed", () => {
    const { model: _m, ...rest } = facts("c", caller.model, []);
    const gz = (text: string): string => gzipSync(text).toString("base64");
    const garbage = [
      "not base64 gzip",
      Buffer.from(JSON.stringify(caller.model)).toString("base64"),
      gz("{not json"),
      gz("[]"),
      gz(JSON.stringify({ kind: "noSuchKind", nodes: {} })),
    ];
    for (const modelGzip of garbage) {
      const out = run("subflow-transitions", [
        {
          type: INTERACTION_FLOW_TYPE,
          name: "c",
          urn: urn(INTERACTION_FLOW_TYPE, "c"),
          props: { facts: { ...rest, modelGzip } },
        },
      ]);
      expect(out).toEqual([
        expect.stringContaining("facts.modelGzip is not a gzipped flow model; the flow cannot be checked"),
      ]);
    }
  });

  test("facts from a stack deployed before the model was gzipped (modelJson) are still read", () => {
    const noError = callFlow("Sales");
    noError.nodes.Call.transitions = { completed: "Transfer" } as typeof noError.nodes.Call.transitions;
    const broken = parseFlowText(flowText(noError), "flows/c.yaml");
    const { model, ...rest } = facts("c", broken.model, [{ id: "m", name: "Lookup", publishedName: "dev-Lookup" }]);
    const asJson = (modelJson: string) =>
      run("subflow-transitions", [
        {
          type: INTERACTION_FLOW_TYPE,
          name: "c",
          urn: urn(INTERACTION_FLOW_TYPE, "c"),
          props: { facts: { ...rest, modelJson } },
        },
      ]);
    expect(asJson(JSON.stringify(model))).toEqual([expect.stringContaining("flows/c.yaml")]);
    expect(asJson("{not json")).toEqual([
      expect.stringContaining("facts.modelJson is not a flow model; the flow cannot be checked"),
    ]);
  });

  test("every rule but load-error is a policy of the pack, mandatory by default where the rule is", () => {
    const names = (buildPolicies(join(__dirname, "nowhere")) as StackValidationPolicy[]).map(
      (p) => `${p.name}:${p.enforcementLevel}`,
    );
    expect(names).toContain("subflow-transitions:mandatory");
    expect(names).toContain("reachable-nodes:advisory");
    expect(names).not.toContain(expect.stringMatching(/^load-error/));
  });
});
