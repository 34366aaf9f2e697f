// The rule module-outside-callers over hand-built registered components: it flags a module that
// changes while flows outside the stack call it, names them and the stack's flows that republish,
// stays quiet when the module does not change, and says why it cannot run when the org was not
// read. Its level comes from the policy config like every non-locked rule.
import type { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies } from "../../policies/adapter";
import { effectiveEnforcement, validatePolicyConfig } from "../../policies/config";
import { FLOW_AND_PACK_RULES } from "../../policies/packRules";
import { COMMON_MODULE_TYPE, INTERACTION_FLOW_TYPE, type FlowFacts, type ModuleOrgFacts } from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { callFlow, flowText, lookupModule } from "../../testkit/portfolio";

const lookup = parseFlowText(flowText(lookupModule()), "flows/modules/lookup.yaml");
const caller = parseFlowText(flowText(callFlow("Sales")), "flows/calls/sales.yaml");
const facts = (id: string, model: typeof lookup.model, calls: FlowFacts["calls"]): FlowFacts => ({
  stack: "dev",
  environment: "dev",
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
const urn = (type: string, name: string) => `urn:pulumi:dev::genesys-flows::${type}::${name}`;
const ORG: ModuleOrgFacts = {
  changes: true,
  publishedVersion: "3.0",
  target: "region us-east-1",
  dependencyTracking: "OPERATIONAL",
  callers: [{ flowId: "gid-p", name: "Partner Line", type: "INBOUNDCALLFLOW", version: "1.0", moduleVersion: "2.0" }],
};
const resources = (org?: ModuleOrgFacts) => [
  {
    type: COMMON_MODULE_TYPE,
    name: "lookup",
    urn: urn(COMMON_MODULE_TYPE, "lookup"),
    props: {
      facts: facts("modules/lookup", lookup.model, []),
      revision: "r1",
      ...(org ? { outsideCallers: org } : {}),
    },
  },
  {
    type: INTERACTION_FLOW_TYPE,
    name: "sales",
    urn: urn(INTERACTION_FLOW_TYPE, "sales"),
    props: {
      facts: facts("calls/sales", caller.model, [
        { id: "modules/lookup", name: "Lookup", publishedName: "dev-Lookup" },
      ]),
    },
  },
];
const policy = () => (buildPolicies() as StackValidationPolicy[]).find((p) => p.name === "module-outside-callers")!;
function run(res: unknown[]): { violations: Array<{ message: string; urn?: string }>; notApplicable?: string } {
  const violations: Array<{ message: string; urn?: string }> = [];
  let notApplicable: string | undefined;
  try {
    policy().validateStack!(
      {
        resources: res,
        notApplicable: (reason?: string): never => {
          notApplicable = reason;
          throw new Error("not applicable");
        },
      } as never,
      (message: string, u?: string) => violations.push({ message, urn: u }),
    );
  } catch (e) {
    if (notApplicable === undefined) throw e;
  }
  return { violations, ...(notApplicable !== undefined ? { notApplicable } : {}) };
}

test("a changing module with a caller outside the stack is flagged, naming the caller, the module file and the stack's flows that republish", () => {
  const { violations } = run(resources(ORG));
  expect(violations).toEqual([
    {
      urn: urn(COMMON_MODULE_TYPE, "lookup"),
      message:
        '[module-outside-callers] stack "dev": flows/modules/lookup.yaml: flow "dev-Lookup": the module changes in this deployment, and 1 flow outside this stack calls it (region us-east-1): ' +
        '"Partner Line" (inbound call flow, flow id gid-p, version 1.0, runs module version 2.0). This deployment republishes dev-Sales, not it: Genesys keeps the module version a flow was published with until the flow is republished. ' +
        "Fix: have the owners republish that flow after this deployment (npm run verify -- --stack dev lists the stale ones), or bring it into this stack.",
    },
  ]);
});

test("no finding when the module does not change, or nobody outside calls it", () => {
  expect(run(resources({ ...ORG, changes: false })).violations).toEqual([]);
  expect(run(resources({ ...ORG, callers: [] })).violations).toEqual([]);
});

test("without what the org said, the rule says it could not run and how to make it", () => {
  const r = run(resources());
  expect(r.violations).toEqual([]);
  expect(r.notApplicable).toContain("the org's callers of the stack's modules were not read for this run");
  expect(r.notApplicable).toContain("dependency tracking");
});

test("advisory by default, mandatory where a stack's policy config says so; pack only, since it needs the org", () => {
  const rule = FLOW_AND_PACK_RULES.find((r) => r.id === "module-outside-callers")!;
  expect(rule).toMatchObject({ core: false, packOnly: true, defaultEnforcement: "advisory" });
  expect(rule.locked).toBeUndefined();
  expect(effectiveEnforcement(rule, {})).toBe("advisory");
  expect(validatePolicyConfig({ "module-outside-callers": "mandatory" })).toEqual([]);
  expect(effectiveEnforcement(rule, { "module-outside-callers": "mandatory" })).toBe("mandatory");
  expect(effectiveEnforcement(rule, { "module-outside-callers": "disabled" })).toBe("disabled");
  expect(policy().enforcementLevel).toBe("advisory");
});
