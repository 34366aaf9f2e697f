// CommonModule and InteractionFlow under Pulumi mocks: the stack program registers one component
// per flow of a planned portfolio, modules first; a flow that calls modules depends on their flows
// and takes their revisions as its update trigger, so the engine orders creates and cascades
// updates through the module graph. Compiled templates are captured in memory.
import type * as StackProgramModule from "../../components/stackProgram";
import type * as CommonModuleModule from "../../components/commonModule";
import type * as InteractionFlowModule from "../../components/interactionFlow";
import { moduleTrigger, sha256 } from "../../planner/revisions";
import type { Portfolio } from "../../planner/portfolio";
import { installMocks, urnOf, valueOf, type MockSession } from "../../testkit/pulumiMocks";
import { callFlow, callViaNumber, lookupModule, outerModule, plan } from "../../testkit/portfolio";

const MODULE_TYPE = "genesys-flows:index:CommonModule";
const FLOW_COMPONENT = "genesys-flows:index:InteractionFlow";
const FLOW_TYPE = "genesyscloud:index/flow:Flow";

let stackProgram: typeof StackProgramModule;
let commonModule: typeof CommonModuleModule;
let interactionFlow: typeof InteractionFlowModule;

beforeAll(async () => {
  // Mocks first, then the code under test (static imports would be hoisted above setMocks).
  await installMocks("test");
  stackProgram = await import("../../components/stackProgram");
  commonModule = await import("../../components/commonModule");
  interactionFlow = await import("../../components/interactionFlow");
});

const outer = outerModule();
const caller = callViaNumber("Sales");
const flows = {
  "modules/lookup": lookupModule(),
  "modules/outer": outer,
  "calls/sales": caller,
  "calls/direct": callFlow("Direct"),
};

async function deploy(portfolio: Portfolio) {
  const session: MockSession = await installMocks("test");
  const written = new Map<string, string>();
  const result = stackProgram.deployPortfolio({ portfolio, writeCompiled: (p, t) => written.set(p, t) });
  const triggers = new Map<string, unknown>();
  await Promise.all(result.summary.map((s) => valueOf(s.flowId)));
  await session.settled();
  for (const r of session.registrations.filter((x) => x.type === FLOW_TYPE))
    triggers.set(r.name, r.inputs.updateTriggerHash);
  return { session, written, result, triggers };
}

describe("deployPortfolio", () => {
  test("one component per flow, modules first, each with one genesyscloud.Flow child named after the flow id", async () => {
    const p = plan(flows, { namePrefix: "t-" });
    const { session, written } = await deploy(p);
    // Constructed in the portfolio's order (modules first); the mocks see them asynchronously.
    expect(p.flows.map((f) => f.id)).toEqual(["modules/lookup", "modules/outer", "calls/direct", "calls/sales"]);
    const components = session.registrations.filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack");
    expect(components.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      `${MODULE_TYPE} modules/lookup`,
      `${MODULE_TYPE} modules/outer`,
      `${FLOW_COMPONENT} calls/direct`,
      `${FLOW_COMPONENT} calls/sales`,
    ]);
    const children = session.registrations.filter((r) => r.type === FLOW_TYPE);
    for (const c of children) {
      const parentType = c.name.startsWith("modules/") ? MODULE_TYPE : FLOW_COMPONENT;
      expect(c.parent).toBe(urnOf("test", parentType, c.name));
      expect(c.inputs.name).toBe(p.flows.find((f) => f.id === c.name)!.publishedName);
      expect(c.inputs.filepath).toBe(`.work/compiled/test/${c.name}.yaml`);
    }
    expect([...written.keys()].sort()).toEqual(p.flows.map((f) => f.compiledPath).sort());
    // A component's inputs carry its small facts, not the flow model (its outputs do), nor what its
    // Flow holds: a republish is then an update of the Flow alone. The facts are one JSON text
    // (model/facts.ts encodeRegisteredFacts): one property for the engine, not one per fact.
    for (const c of components) {
      const planned = p.flows.find((f) => f.id === c.name)!;
      expect(typeof c.inputs.facts).toBe("string");
      const facts = JSON.parse(c.inputs.facts as string) as Record<string, unknown>;
      expect(facts).toEqual(
        expect.objectContaining({
          id: planned.id,
          file: planned.file,
          publishedName: planned.publishedName,
          kind: planned.model.kind,
        }),
      );
      expect(facts.model).toBeUndefined();
      expect(Object.keys(c.inputs).filter((k) => ["revision", "substitutions", "compiledFile"].includes(k))).toEqual(
        [],
      );
    }
  });

  test("a flow depends on the flows of the modules it calls and takes their revisions as its update trigger", async () => {
    const p = plan(flows, { namePrefix: "t-" });
    const { session, triggers } = await deploy(p);
    const rev = new Map(p.flows.map((f) => [f.id, f.revision]));
    expect(triggers.get("modules/lookup")).toBeUndefined();
    expect(triggers.get("modules/outer")).toBe(moduleTrigger([rev.get("modules/lookup")!]));
    expect(triggers.get("calls/sales")).toBe(moduleTrigger([rev.get("modules/outer")!]));
    expect(triggers.get("calls/direct")).toBe(moduleTrigger([rev.get("modules/lookup")!]));
    const sales = session.registrations.find((r) => r.type === FLOW_TYPE && r.name === "calls/sales")!;
    expect(sales.dependencies).toContain(urnOf("test", FLOW_TYPE, "modules/outer", MODULE_TYPE));
  });

  test("a change to the inner module changes the trigger of every flow above it, and nothing else's inputs", async () => {
    const before = await deploy(plan(flows, { namePrefix: "t-" }));
    const after = await deploy(
      plan({ ...flows, "modules/lookup": lookupModule({ description: "new" }) }, { namePrefix: "t-" }),
    );
    const inputsOf = (d: typeof before) =>
      new Map(
        d.session.registrations.filter((r) => r.type === FLOW_TYPE).map((r) => [r.name, JSON.stringify(r.inputs)]),
      );
    const b = inputsOf(before);
    const a = inputsOf(after);
    const changedInputs = [...a.keys()].filter((k) => a.get(k) !== b.get(k)).sort();
    // lookup: its file content changes (the provider hashes the file); the others: their trigger.
    expect(changedInputs).toEqual(["calls/direct", "calls/sales", "modules/outer"]);
    // The components' inputs stay the same: the engine updates the Flows alone.
    const componentInputs = (d: typeof before) =>
      d.session.registrations
        .filter((r) => !r.custom && r.type !== "pulumi:pulumi:Stack")
        .map((r) => `${r.name} ${JSON.stringify(r.inputs)}`)
        .sort();
    expect(componentInputs(after)).toEqual(componentInputs(before));
    expect(after.written.get(".work/compiled/test/modules/lookup.yaml")).not.toBe(
      before.written.get(".work/compiled/test/modules/lookup.yaml"),
    );
    expect(after.written.get(".work/compiled/test/calls/direct.yaml")).toBe(
      before.written.get(".work/compiled/test/calls/direct.yaml"),
    );
  });

  test("a Flow receives exactly what its revision covers: its name, the compiled file with the substitutions applied, and its callees' trigger", async () => {
    const withKeys = { ...flows, "calls/direct": callFlow("Direct {{brand}}") };
    const p = plan(withKeys, { namePrefix: "t-", substitutions: { brand: "Acme", unused: "x" }, forceUnlock: true });
    const { session, written } = await deploy(p);
    for (const r of session.registrations.filter((x) => x.type === FLOW_TYPE)) {
      expect(Object.keys(r.inputs).sort()).toEqual(
        r.name.startsWith("modules/lookup") ? ["filepath", "name"] : ["filepath", "name", "updateTriggerHash"],
      );
      const planned = p.flows.find((f) => f.id === r.name)!;
      // The provider's file hash is the planner's contentRevision.
      expect(sha256(written.get(planned.compiledPath)!)).toBe(planned.contentRevision);
    }
    expect(written.get(".work/compiled/test/calls/direct.yaml")).toContain("Direct Acme");
    expect([...written.values()].some((t) => t.includes("{{"))).toBe(false);
    // An unused substitution, forceUnlock: no Flow's inputs change.
    const inputsOf = (s: typeof session) =>
      s.registrations
        .filter((x) => x.type === FLOW_TYPE)
        .map((x) => `${x.name} ${JSON.stringify(x.inputs)}`)
        .sort();
    const other = await deploy(
      plan(withKeys, { namePrefix: "t-", substitutions: { brand: "Acme", another: "y" }, forceUnlock: false }),
    );
    expect(inputsOf(other.session)).toEqual(inputsOf(session));
  });

  test("a flow the stack adopts from the org imports it (Pulumi's import option); the others create theirs", async () => {
    const { session } = await deploy(
      plan(flows, { namePrefix: "t-", flows: { "calls/direct": { adopt: "0f8fad5b-d9cb-469f-a165-70867728950e" } } }),
    );
    const imports = Object.fromEntries(
      session.registrations.filter((r) => r.type === FLOW_TYPE).map((r) => [r.name, r.importId ?? null]),
    );
    expect(imports).toEqual({
      "modules/lookup": null,
      "modules/outer": null,
      "calls/sales": null,
      "calls/direct": "0f8fad5b-d9cb-469f-a165-70867728950e",
    });
  });

  test("facts carry the substituted model and the modules called, for the policy pack", async () => {
    const p = plan(flows, { namePrefix: "t-" });
    const { result } = await deploy(p);
    expect(result.summary.find((s) => s.id === "calls/sales")!.calls).toEqual(["t-Outer"]);
    const facts = stackProgram.factsOf(p, p.flows.find((f) => f.id === "calls/sales")!);
    expect(facts).toMatchObject({
      stack: "test",
      environment: "test",
      namePrefix: "t-",
      id: "calls/sales",
      kind: "inboundCall",
      publishedName: "t-Sales",
    });
    expect(facts.calls).toEqual([{ id: "modules/outer", name: "Outer", publishedName: "t-Outer" }]);
  });
});

describe("components validate their args before registering anything", () => {
  const p = () => plan(flows, { namePrefix: "t-" });
  const argsOf = (id: string) => {
    const portfolio = p();
    const f = portfolio.flows.find((x) => x.id === id)!;
    return {
      facts: stackProgram.factsOf(portfolio, f),
      compiledFile: f.compiledPath,
      revision: f.revision,
      modules: [],
    };
  };

  test("a module is a CommonModule, any other kind an InteractionFlow", () => {
    expect(() => commonModule.validateCommonModuleArgs(argsOf("calls/direct") as never)).toThrow(
      "CommonModule for flows/calls/direct.yaml: the flow is of kind inboundCall, not a common module; use InteractionFlow",
    );
    expect(() => interactionFlow.validateInteractionFlowArgs(argsOf("modules/lookup") as never)).toThrow(
      "use CommonModule",
    );
  });

  test("the modules passed must be exactly the modules the flow calls", () => {
    expect(() => interactionFlow.validateInteractionFlowArgs(argsOf("calls/direct") as never)).toThrow(
      "'modules' (none) must be the modules the flow calls (modules/lookup)",
    );
  });

  test("a published name outside the stack prefix, or a bad revision, is refused", () => {
    const a = argsOf("modules/lookup");
    expect(() =>
      commonModule.validateCommonModuleArgs({ ...a, facts: { ...a.facts, publishedName: "x-Lookup" } } as never),
    ).toThrow('must start with the stack prefix "t-"');
    // Except the name the stack keeps for an adopted flow (genesys-flows:flows.<id>.name).
    expect(() =>
      commonModule.validateCommonModuleArgs({
        ...a,
        facts: { ...a.facts, publishedName: "x-Lookup", nameKept: true },
      } as never),
    ).not.toThrow();
    expect(() => commonModule.validateCommonModuleArgs({ ...a, revision: "abc" } as never)).toThrow(
      "'revision' must be a SHA-256 hex digest",
    );
    expect(() => commonModule.validateCommonModuleArgs({ ...a, adopt: "not an id" } as never)).toThrow(
      `'adopt' must be a Genesys flow id, found "not an id"`,
    );
  });
});
