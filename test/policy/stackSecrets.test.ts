// The policy pack's stack-secrets policy: the stack file of the stack the components name, checked
// by checks/secrets.ts as lint --stack and the preflight check it (test/unit/stackSecrets.test.ts).
// The project is written here; policies are called with hand-built arguments.
import type { StackValidationPolicy } from "@pulumi/policy";
import { buildPolicies, validateStackFileRule } from "../../policies/adapter";
import { STACK_SECRETS_RULE_INFO } from "../../checks/secrets";
import { INTERACTION_FLOW_TYPE, type FlowFacts } from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { callFlow, flowText, tempProject } from "../../testkit/portfolio";

const caller = parseFlowText(flowText(callFlow("Sales")), "flows/c.yaml");
const facts: FlowFacts = {
  stack: "qa",
  environment: "qa",
  namePrefix: "qa-",
  forceUnlock: false,
  id: "c",
  file: "flows/c.yaml",
  kind: caller.model.kind,
  publishedName: "qa-Sales",
  model: caller.model,
  calls: [],
  substitutionKeys: [],
};
const resources = [
  {
    type: INTERACTION_FLOW_TYPE,
    name: "c",
    urn: `urn:pulumi:qa::genesys-flows::${INTERACTION_FLOW_TYPE}::c`,
    props: { facts },
  },
];

function violations(root: string): string[] {
  const out: string[] = [];
  validateStackFileRule(STACK_SECRETS_RULE_INFO, root)({ resources } as never, (m: string) => out.push(m));
  return out;
}

test("a plain-text secret in the stack's file is a violation naming the file, line, key and command", () => {
  const root = tempProject({
    "Pulumi.qa.yaml": "config:\n  genesys-flows:environment: qa\n  genesyscloud:accessToken: plain-token\n",
  });
  expect(violations(root)).toEqual([
    expect.stringContaining('[stack-secrets] stack "qa": Pulumi.qa.yaml:3:3: field "genesyscloud:accessToken"'),
  ]);
  expect(violations(root)[0]).toContain("pulumi config set --secret genesyscloud:accessToken <value> --stack qa");
});

test("an encrypted secret, or no stack file, is not", () => {
  expect(
    violations(tempProject({ "Pulumi.qa.yaml": "config:\n  genesyscloud:accessToken:\n    secure: v1:abc\n" })),
  ).toEqual([]);
  expect(violations(tempProject({}))).toEqual([]);
});

test("the pack has the policy, mandatory", () => {
  const policy = (buildPolicies() as StackValidationPolicy[]).find((p) => p.name === "stack-secrets");
  expect(policy?.enforcementLevel).toBe("mandatory");
});
