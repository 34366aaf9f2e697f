// The policy pack gates routing: the routing components' facts (model/facts.ts RoutingFacts, what
// components/routing.ts registers as their inputs) and the flow components' facts, run through the
// routing policies (checks/routingRules.ts, the same routing checks lint runs): the same findings
// as lint --stack, invalid ones mandatory, the warnings advisory. Fixture projects are written
// here (testkit/routingProject.ts); the shipped routing/ is not read.
import type { StackValidationPolicy } from "@pulumi/policy";
import { join } from "node:path";
import { buildPolicies } from "../../policies/adapter";
import { readRoutingComponents } from "../../policies/routing";
import {
  COMMON_MODULE_TYPE,
  INTERACTION_FLOW_TYPE,
  ROUTING_TYPES,
  type FlowFacts,
  type RoutingFacts,
} from "../../model/facts";
import { isModuleModel } from "../../model/schema";
import { runPipeline } from "../../planner/pipeline";
import { checkRouting } from "../../planner/routing";
import { readFlowSources } from "../../project/flowFiles";
import { readRoutingSources } from "../../project/routingFiles";
import { readStackSettings } from "../../project/stackFile";
import { runLint } from "../../tools/lintFlows";
import { routingProject } from "../../testkit/routingProject";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, valueOf } from "../../testkit/pulumiMocks";
import type { StackResource } from "../../policies/resources";

const STACK = "test";

/** What the program registers for the project: flow components with their facts, routing components with theirs. */
function resources(root: string): StackResource[] {
  const settings = readStackSettings(root, STACK);
  const input = runPipeline({ sources: readFlowSources(root), stack: { name: STACK, settings }, compile: false })
    .checkInput!;
  const flows = input.flows.map((f) => {
    const facts: FlowFacts = {
      stack: STACK,
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      forceUnlock: false,
      id: f.id,
      file: f.file,
      kind: f.model.kind,
      publishedName: f.displayName,
      model: f.model,
      calls: [],
      substitutionKeys: [],
    };
    const type = isModuleModel(f.model) ? COMMON_MODULE_TYPE : INTERACTION_FLOW_TYPE;
    return { type, name: f.id, urn: `urn:pulumi:${STACK}::genesys-flows::${type}::${f.id}`, props: { facts } };
  });
  const { objects } = checkRouting({
    settings,
    sources: readRoutingSources(root),
    flows: [],
    stackFile: `Pulumi.${STACK}.yaml`,
  });
  const routing = objects.map((o) => {
    const facts: RoutingFacts = {
      routingId: o.id,
      file: o.file,
      kind: o.kind,
      publishedName: o.publishedName,
      value: o.value,
      source: o.source,
    };
    return {
      type: ROUTING_TYPES[o.kind],
      name: o.resourceName,
      urn: `urn:pulumi:${STACK}::genesys-flows::${ROUTING_TYPES[o.kind]}::${o.resourceName}`,
      props: { ...facts },
    };
  });
  return [...flows, ...routing];
}

const routingPolicies = (root: string) =>
  (buildPolicies(join(root, "policies", "config")) as StackValidationPolicy[]).filter((p) =>
    p.name.startsWith("routing-"),
  );

/** `<level> <message>` of every routing violation, sorted, with the URN it is reported on. */
function pack(root: string): Array<{ text: string; urn?: string }> {
  const res = resources(root);
  const out: Array<{ text: string; urn?: string }> = [];
  for (const policy of routingPolicies(root)) {
    policy.validateStack!({ resources: res } as never, (message: string, urn?: string) =>
      out.push({ text: `${policy.enforcementLevel} ${message}`, ...(urn !== undefined ? { urn } : {}) }),
    );
  }
  return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** The same from lint --stack (routing rules only). */
function lint(root: string): string[] {
  return runLint(["--stack", STACK], { cwd: root })
    .report!.findings.filter((f) => f.ruleId.startsWith("routing-"))
    .map((f) => `${f.level} ${f.text}`)
    .sort();
}

describe("the policy pack's routing policies", () => {
  it("registers every routing rule the pack can see, mandatory for invalid routing, advisory for the warnings", () => {
    const levels = Object.fromEntries(routingPolicies(routingProject()).map((p) => [p.name, p.enforcementLevel]));
    expect(levels).toEqual({
      "routing-references": "mandatory",
      "routing-flows": "mandatory",
      "routing-numbers": "mandatory",
      "routing-open-schedule": "mandatory",
      "routing-schedules": "mandatory",
      "routing-unique-names": "mandatory",
      "routing-did-pools": "mandatory",
      "routing-flow-groups": "advisory",
      "routing-unreached-flows": "advisory",
    });
  });

  it("sees exactly what the routing components register as their inputs", async () => {
    const root = routingProject();
    const settings = readStackSettings(root, STACK);
    const { objects } = checkRouting({
      settings,
      sources: readRoutingSources(root),
      flows: [],
      stackFile: `Pulumi.${STACK}.yaml`,
    });
    const session = await installMocks(STACK);
    const { deployRouting } = await import("../../components/routing");
    const flows = new Map(["calls/sales", "calls/support"].map((id) => [id, { flowId: pulumi.output(`flow-${id}`) }]));
    const components = deployRouting(objects, flows);
    await Promise.all([...components.values()].map((c) => valueOf(c.objectId)));
    await session.settled();
    const registered = session.registrations.filter((r) => Object.values(ROUTING_TYPES).includes(r.type as never));
    const fromEngine = readRoutingComponents(
      registered.map((r) => ({ type: r.type, name: r.name, urn: `urn:${r.name}`, props: r.inputs })),
    );
    expect(fromEngine.problems).toEqual([]);
    expect(fromEngine.objects.map((o) => o.facts)).toEqual(
      readRoutingComponents(resources(root)).objects.map((o) => o.facts),
    );
  });

  it("reads back what the routing components register, and names a component whose facts are missing", () => {
    const res = resources(routingProject());
    const read = readRoutingComponents(res);
    expect(read.problems).toEqual([]);
    expect(read.objects.map((o) => `${o.facts.kind} ${o.facts.publishedName}`)).toEqual([
      "scheduleGroup test-Business hours",
      "ivr test-Sales line",
      "ivr test-Support line",
      "schedule test-Weekdays",
    ]);
    // During preview the object's id is an unknown output beside the known facts (Pulumi's proxy throws on reading it).
    const unknownId = () => {
      throw Object.assign(new Error("unknown during preview"), { unknownTypeSentinel: true, props: ["objectId"] });
    };
    const previewed = res.map((r) =>
      Object.values(ROUTING_TYPES).includes(r.type as never)
        ? { ...r, props: Object.defineProperty({ ...r.props }, "objectId", { get: unknownId, enumerable: true }) }
        : r,
    );
    expect(readRoutingComponents(previewed)).toEqual(read);
    const broken = { ...res.find((r) => r.type === ROUTING_TYPES.ivr)!, props: { routingId: "ivr/x" } };
    expect(readRoutingComponents([broken]).problems.map((p) => p.problem)).toEqual([
      expect.stringContaining("registered no routing facts"),
    ]);
  });

  const cases: Array<[string, Array<[string, string | RegExp, string]>, string[]]> = [
    ["a consistent project", [], []],
    [
      "a number routed twice",
      [["routing/ivr/support-line.yaml", '"+13175550200"', '"+13175550200", "+13175550101"']],
      ["mandatory [routing-numbers]"],
    ],
    [
      "an IVR flow that is not an inbound call flow",
      [["routing/ivr/support-line.yaml", "  closed: calls/support", "  closed: digital/chat"]],
      ["mandatory [routing-flows]"],
    ],
    [
      "a schedule group with no open schedule",
      [["routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []\nclosed: [schedules/weekdays]"]],
      ["mandatory [routing-open-schedule]"],
    ],
    [
      "a schedule starting on a day its BYDAY leaves out",
      [["routing/schedules/weekdays.yaml", /2026-01-05/g, "2026-01-04"]],
      ["mandatory [routing-schedules]"],
    ],
    [
      "an IVR config naming a schedule group the stack does not define",
      [["routing/ivr/sales-line.yaml", "scheduleGroup: hours/business", "scheduleGroup: hours/other"]],
      ["mandatory [routing-references]"],
    ],
    [
      "a flow naming a schedule group the stack does not define",
      [["Pulumi.test.yaml", "hours: test-Business hours", "hours: Main office"]],
      ["advisory [routing-flow-groups]"],
    ],
    [
      "an inbound call flow no IVR config reaches",
      [
        [
          "routing/ivr/support-line.yaml",
          /flows:\n {2}open: calls\/support\n {2}closed: calls\/support/,
          "flows:\n  open: calls/sales",
        ],
      ],
      ["advisory [routing-unreached-flows]"],
    ],
  ];
  it.each(cases)("%s: the verdict lint gives, at its level", (_name, edits, expected) => {
    const root = routingProject(edits);
    const found = pack(root);
    expect(found.map((f) => f.text.replace(/ stack "test":.*/s, ""))).toEqual(expected);
    expect(found.map((f) => f.text)).toEqual(lint(root));
    // Reported on the component of the file the finding points at.
    for (const f of found) expect(f.urn).toMatch(/^urn:pulumi:test::genesys-flows::/);
  });

  it("does nothing for a stack without routing components", () => {
    const root = routingProject([["routing/hours/business.yaml", "open: [schedules/weekdays]", "open: []"]]);
    const without = resources(root).filter((r) => r.type === INTERACTION_FLOW_TYPE);
    expect(without).toHaveLength(3);
    const out: string[] = [];
    for (const p of routingPolicies(root))
      p.validateStack!({ resources: without } as never, (m: string) => out.push(m));
    expect(out).toEqual([]);
  });
});
