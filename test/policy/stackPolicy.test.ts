// The stack policy `module-wiring` with hand-built PolicyResource lists. Stack policies see
// resource outputs; unknown values are simulated with @pulumi/policy's own unknown-checking proxy.
import { GENESYS_FLOW_TYPE, INBOUND_CALL_FLOW_TYPE, SHARED_MODULE_TYPE } from "../../components/flowFacts";
import { StackResource, wiringInputFromResources } from "../../policies/adapter";
import { moduleWiring } from "../../policies/rules/moduleWiring";
import { runStackPolicy } from "./helpers";
// Internal to @pulumi/policy, imported only to reproduce preview-time unknowns faithfully.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy");

const REV = "a".repeat(64);
const urn = (type: string, name: string, stack = "dev") => `urn:pulumi:${stack}::genesys-flows::${type}::${name}`;

function module(name = "common", props: Record<string, unknown> = {}): StackResource {
  return { type: SHARED_MODULE_TYPE, urn: urn(SHARED_MODULE_TYPE, name), name, props: { flowName: "dev-Common", revision: REV, flowId: "id-1", ...props } };
}

function callerWithFlow(name: string, props: Record<string, unknown>, hash: unknown, deps: StackResource[] = []): StackResource[] {
  const c: StackResource = {
    type: INBOUND_CALL_FLOW_TYPE,
    urn: urn(INBOUND_CALL_FLOW_TYPE, name),
    name,
    props,
    dependencies: deps.map((d) => ({ urn: d.urn })),
  };
  const flow: StackResource = {
    type: GENESYS_FLOW_TYPE,
    urn: urn(GENESYS_FLOW_TYPE, `${name}-flow`),
    name: `${name}-flow`,
    props: { name: `dev-${name}`, updateTriggerHash: hash, forceUnlock: false },
    parent: { urn: c.urn },
  };
  return [c, flow];
}

const factsFor = (flow: string, modulePublishedName = "dev-Common") => ({
  facts: { stack: "dev", publishedName: `dev-${flow}`, file: `flows/${flow.toLowerCase()}.yaml`, module: { publishedName: modulePublishedName } },
});

describe("module-wiring", () => {
  test("passes: one module, callers tracking its revision", () => {
    const m = module();
    const res = [m, ...callerWithFlow("Sales", factsFor("Sales"), REV), ...callerWithFlow("Support", factsFor("Support"), REV)];
    expect(runStackPolicy("module-wiring", res)).toEqual({ violations: [] });
  });

  test("passes: a stack without callers needs no module", () => {
    expect(runStackPolicy("module-wiring", [])).toEqual({ violations: [] });
    expect(runStackPolicy("module-wiring", [module()])).toEqual({ violations: [] });
  });

  test("fails: updateTriggerHash is not the module revision (reported on the child Flow)", () => {
    const res = [module(), ...callerWithFlow("Sales", factsFor("Sales"), "b".repeat(64))];
    const { violations } = runStackPolicy("module-wiring", res);
    expect(violations).toEqual([
      {
        message:
          '[module-wiring] stack "dev", flow "dev-Sales" (flows/sales.yaml): the flow\'s updateTriggerHash ("bbbbbbbbbbbb…") is not the module\'s revision ("aaaaaaaaaaaa…"), so a module change would not republish this caller. Fix: set the caller Flow\'s updateTriggerHash to the SharedModule\'s `revision` output.',
        urn: urn(GENESYS_FLOW_TYPE, "Sales-flow"),
      },
    ]);
  });

  test("fails: the caller's module is not deployed by this stack", () => {
    const res = [module(), ...callerWithFlow("Sales", factsFor("Sales", "prod-Common"), REV)];
    expect(runStackPolicy("module-wiring", res).violations).toEqual([
      {
        message:
          '[module-wiring] stack "dev", flow "dev-Sales" (flows/sales.yaml): calls module "prod-Common", which this stack does not deploy (deployed: "dev-Common"). Fix: deploy that module from this stack, or compile the flow against the module this stack deploys.',
        urn: urn(INBOUND_CALL_FLOW_TYPE, "Sales"),
      },
    ]);
  });

  test("fails: callers but no module, or several modules", () => {
    expect(runStackPolicy("module-wiring", callerWithFlow("Sales", factsFor("Sales"), REV)).violations).toEqual([
      {
        message:
          '[module-wiring] stack "dev" (Pulumi.yaml): no SharedModule is deployed by this stack, yet "dev-Sales" call a module. Fix: deploy the shared module from this stack and pass it to every InboundCallFlow as `module`.',
      },
    ]);
    const two = [module(), module("other", { flowName: "dev-Other" }), ...callerWithFlow("Sales", factsFor("Sales"), REV)];
    expect(runStackPolicy("module-wiring", two).violations.map((v) => v.message)).toEqual([
      expect.stringContaining('exactly one SharedModule is expected when flows call a module, found 2: "dev-Common", "dev-Other"'),
    ]);
  });

  test("fails: the module registers no revision", () => {
    const m = module("common", { revision: undefined });
    expect(runStackPolicy("module-wiring", [m, ...callerWithFlow("Sales", factsFor("Sales"), REV)]).violations).toEqual([
      expect.objectContaining({ message: expect.stringContaining("exposes no revision output"), urn: m.urn }),
    ]);
  });

  test("without registered facts: falls back to the dependency on the module and flowName", () => {
    const m = module();
    const res = [m, ...callerWithFlow("Sales", { flowName: "dev-Sales" }, "c".repeat(64), [m])];
    const input = wiringInputFromResources(res);
    expect(input.stack).toBe("dev");
    expect(input.callers[0]).toMatchObject({ flow: "dev-Sales", modulePublishedName: undefined, moduleDependencies: [m.urn] });
    expect(runStackPolicy("module-wiring", res).violations).toHaveLength(1);
  });

  test("preview: unknown values are a note (not applicable), never a violation", () => {
    const m = module("common", { revision: proxy.unknownStringValue });
    const res = [m, ...callerWithFlow("Sales", factsFor("Sales"), proxy.unknownStringValue)].map((r) => ({
      ...r,
      props: proxy.unknownCheckingProxy(r.props),
    }));
    const input = wiringInputFromResources(res);
    expect(input.modules[0].revision).toEqual({ unknown: "revision" });
    expect(input.callers[0].flows[0].updateTriggerHash).toEqual({ unknown: "updateTriggerHash" });
    const result = runStackPolicy("module-wiring", res);
    expect(result.violations).toEqual([]);
    expect(result.notApplicable).toMatch(/not known during preview/);
    // the pure rule says the same without Pulumi
    expect(moduleWiring.check(input)).toEqual({ violations: [], notes: [expect.stringContaining("dev-Sales")] });
  });
});
