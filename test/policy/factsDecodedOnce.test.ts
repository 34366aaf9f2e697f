// Each component's registered facts (one JSON text, model/facts.ts) are decoded once per resource
// per analysis, and the flow checks run once, however many stack policies the pack has (one per
// rule) and whatever @pulumi/policy hands each of them: its own deserialization of every resource
// (the library as it comes) or one shared deserialization (the pack's set-up,
// policies/deserializeOnce.ts). Driven through the library's own analyzeStack with the engine's
// request message (testkit/packAnalysis.ts), the path the pack takes in a preview.
import type { StackValidationPolicy } from "@pulumi/policy";
import * as facts from "../../model/facts";
import * as checks from "../../checks";
import {
  COMMON_MODULE_TYPE,
  encodeRegisteredFacts,
  GENESYS_FLOW_TYPE,
  INTERACTION_FLOW_TYPE,
  registeredFacts,
  type FlowFacts,
} from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { moduleTrigger } from "../../planner/revisions";
import { buildPolicies } from "../../policies/adapter";
import { POLICY_CONFIG_DIR } from "../../policies/config";
import { deserializeEachResourceOnce } from "../../policies/deserializeOnce";
import { analyzeStack, analyzeStackRequest, type RegisteredResource } from "../../testkit/packAnalysis";
import { callFlow, flowText, lookupModule } from "../../testkit/portfolio";

const lookup = parseFlowText(flowText(lookupModule()), "flows/m.yaml").model;
const urn = (type: string, name: string) => `urn:pulumi:prod::genesys-flows::${type}::${name}`;

/** A module and `callers` flows calling it, as their components and Flows register them on stack prod. */
function registered(callers: string[]): RegisteredResource[] {
  const factsOf = (id: string, model: FlowFacts["model"], calls: FlowFacts["calls"]): string =>
    encodeRegisteredFacts(
      registeredFacts({
        stack: "prod",
        environment: "prod",
        namePrefix: "prod-",
        forceUnlock: false,
        id,
        file: `flows/${id}.yaml`,
        kind: model.kind,
        publishedName: `prod-${model.name}`,
        model,
        calls,
        substitutionKeys: [],
      }),
    );
  const out: RegisteredResource[] = [
    {
      type: COMMON_MODULE_TYPE,
      name: "m",
      urn: urn(COMMON_MODULE_TYPE, "m"),
      props: { facts: factsOf("m", lookup, []), revision: "r1" },
    },
  ];
  for (const name of callers) {
    const id = name.toLowerCase();
    const model = parseFlowText(flowText(callFlow(name)), `flows/${id}.yaml`).model;
    const component = urn(INTERACTION_FLOW_TYPE, id);
    out.push({
      type: INTERACTION_FLOW_TYPE,
      name: id,
      urn: component,
      props: { facts: factsOf(id, model, [{ id: "m", name: lookup.name, publishedName: `prod-${lookup.name}` }]) },
    });
    out.push({
      type: GENESYS_FLOW_TYPE,
      name: id,
      urn: urn(`${INTERACTION_FLOW_TYPE}$${GENESYS_FLOW_TYPE}`, id),
      parent: component,
      props: { updateTriggerHash: moduleTrigger(["r1"]) },
    });
  }
  return out;
}

const policies = buildPolicies(POLICY_CONFIG_DIR) as StackValidationPolicy[];

/** One analysis of `res` (a new request: a new analysis): each component's facts decoded once, the flow checks run once; its verdict. */
async function analysedOnce(res: RegisteredResource[]): Promise<string[]> {
  const decodes = jest.spyOn(facts, "decodeRegisteredFacts");
  const checkRuns = jest.spyOn(checks, "runChecks");
  try {
    const violations = await analyzeStack(policies, analyzeStackRequest(res));
    expect(decodes).toHaveBeenCalledTimes(res.filter((r) => facts.carriesFacts(r.type)).length);
    expect(checkRuns).toHaveBeenCalledTimes(1);
    return violations;
  } finally {
    decodes.mockRestore();
    checkRuns.mockRestore();
  }
}

// In this order: the library as it comes first, then with the pack's set-up installed (it stays
// installed for the rest of this file's module registry).
describe("the registered facts are decoded once per resource per analysis", () => {
  const portfolio = registered(["Sales", "Support", "Billing"]);
  // Another portfolio (a caller replaced): read and checked afresh, once.
  const changed = registered(["Sales", "Support", "Refunds"]);

  test("when each stack policy is handed its own deserialization of every resource (the library as it comes)", async () => {
    expect(policies.length).toBeGreaterThan(20);
    const verdict = await analysedOnce(portfolio);
    await analysedOnce(changed);
    expect(await analysedOnce(portfolio)).toEqual(verdict);
  });

  test("when every stack policy is handed one deserialization (policies/index.ts installs deserializeEachResourceOnce)", async () => {
    const unshared = await analysedOnce(changed);
    deserializeEachResourceOnce();
    await analysedOnce(portfolio);
    expect(await analysedOnce(changed)).toEqual(unshared);
  });
});
