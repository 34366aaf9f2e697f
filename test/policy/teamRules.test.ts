// A team's own policy rules (policies/teamRules.ts): the list is checked (ids apart from the
// package's, once each, a check each), the pack runs each rule as one more policy over the flows
// the components registered, at the rule's level, and lint reports their findings beside the
// package's, as every stack deploys the flows. Policies are called with hand-built arguments.
import * as path from "node:path";
import type { ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { COMMON_MODULE_TYPE, INTERACTION_FLOW_TYPE, type FlowFacts } from "../../model/facts";
import { parseFlowText } from "../../model/load";
import { teamPolicies, teamRuleProblems, type TeamRule } from "../../policies/teamRules";
import { lintFiles } from "../../policies/lint/engine";
import { findFlowFiles } from "../../project/flowFiles";
import { callFlow, flowText, lookupModule } from "../../testkit/portfolio";
import { editFile } from "../../testkit/tempProject";
import { copyProject } from "./helpers";

/** The example rule of the starter (templates/portfolio/policies/rules.ts): every flow has a description. */
const described: TeamRule = {
  id: "team-flow-description",
  description: "Every flow says in its description what it is for.",
  check: (flow) =>
    (flow.model.description ?? "").trim() === ""
      ? [{ message: `flow "${flow.name}" has no description`, field: "description", fix: "add one" }]
      : [],
};

describe("the team's rules as a list", () => {
  const check = () => [];
  test("a sound list has no problem", () => {
    expect(teamRuleProblems([described, { id: "team-x2", description: "", check }])).toEqual([]);
  });

  test("an id that is no kebab-case, a package rule's, twice, and a rule without a check are named", () => {
    const rules = [
      { id: "Team_Rule", description: "", check },
      { id: "terminates", description: "", check },
      described,
      described,
      { id: "team-nothing", description: "" } as unknown as TeamRule,
    ];
    expect(teamRuleProblems(rules)).toEqual([
      '"Team_Rule" is not a kebab-case id',
      "\"terminates\" is a genesys-flows rule's id: name the team's rule apart",
      '"team-flow-description" is the id of two rules',
      'rule "team-nothing" has no check function',
    ]);
    expect(() => teamPolicies(rules)).toThrow(/^startPolicyPack: the team's policy rules: "Team_Rule"/);
  });
});

describe("the pack runs each team rule as one more policy", () => {
  const module = parseFlowText(flowText(lookupModule()), "flows/m.yaml").model;
  const caller = parseFlowText(flowText(callFlow("Sales")), "flows/c.yaml").model;
  const facts = (id: string, model: typeof module): FlowFacts => ({
    stack: "prod",
    environment: "prod",
    namePrefix: "prod-",
    forceUnlock: false,
    id,
    file: `flows/${id}.yaml`,
    kind: model.kind,
    publishedName: `prod-${model.name}`,
    model,
    calls: [],
    substitutionKeys: [],
  });
  const urn = (type: string, name: string) => `urn:pulumi:prod::acme-flows::${type}::${name}`;
  const resources = [
    {
      type: COMMON_MODULE_TYPE,
      name: "m",
      urn: urn(COMMON_MODULE_TYPE, "m"),
      props: { facts: facts("m", { ...module, description: "Looks the customer up." }) },
    },
    {
      type: INTERACTION_FLOW_TYPE,
      name: "c",
      urn: urn(INTERACTION_FLOW_TYPE, "c"),
      props: { facts: facts("c", { ...caller, description: "" }) },
    },
    // A resource of the team's own (components/): no flow, not the rule's concern.
    { type: "genesyscloud:index/architectDatatable:ArchitectDatatable", name: "t", urn: "urn:t", props: {} },
  ];
  const run = (policy: StackValidationPolicy) => {
    const out: Array<{ message: string; urn?: string }> = [];
    const report: ReportViolation = (message, at) => void out.push({ message, ...(at ? { urn: at } : {}) });
    policy.validateStack({ resources } as never, report);
    return out;
  };

  test("mandatory by default: the flow it refuses named with the stack, the field and the fix, on the flow's resource", () => {
    const policy = teamPolicies([described])[0] as StackValidationPolicy;
    expect(policy).toMatchObject({ name: "team-flow-description", enforcementLevel: "mandatory" });
    expect(run(policy)).toEqual([
      {
        message:
          '[team-flow-description] stack "prod": flows/c.yaml: flow "prod-Sales": field "description": flow "prod-Sales" has no description. Fix: add one.',
        urn: urn(INTERACTION_FLOW_TYPE, "c"),
      },
    ]);
  });

  test("at the rule's own level, and each rule its own policy", () => {
    const advisory: TeamRule = { ...described, id: "team-advice", enforcementLevel: "advisory" };
    const policies = teamPolicies([described, advisory]);
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["team-flow-description", "mandatory"],
      ["team-advice", "advisory"],
    ]);
    expect(run(policies[1] as StackValidationPolicy).map((v) => v.message)).toEqual([
      expect.stringMatching(/^\[team-advice\] stack "prod"/),
    ]);
  });
});

describe("lint runs the team's rules beside the package's", () => {
  const lint = (root: string, teamRules: readonly TeamRule[]) =>
    lintFiles(
      findFlowFiles(root).map((f) => path.resolve(root, f)),
      { cwd: root, teamRules },
    );

  test("a flow without a description is refused, at the rule's level, listed among the rules", () => {
    const root = copyProject("clean"); // its flows have no description
    const files = findFlowFiles(root);
    const refused = lint(root, [described]);
    expect(refused.exitCode).toBe(1);
    expect(refused.findings).toEqual(
      files.map((file) =>
        expect.objectContaining({ ruleId: "team-flow-description", level: "mandatory", file, field: "description" }),
      ),
    );
    expect(refused.rules.find((r) => r.id === "team-flow-description")).toMatchObject({
      status: "run",
      level: "mandatory",
    });
    const warned = lint(root, [{ ...described, enforcementLevel: "advisory" }]);
    expect([warned.exitCode, new Set(warned.findings.map((f) => f.level))]).toEqual([0, new Set(["advisory"])]);
    for (const file of files) editFile(root, file, /^name: (.*)$/m, "name: $1\ndescription: What it is for.");
    expect(lint(root, [described]).findings).toEqual([]);
  });
});
