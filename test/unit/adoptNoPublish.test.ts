// Adopting publishes nothing, the pure parts: the import records each adopted flow's revision as
// `up` computes it; `up` only reads an adopted flow while it is at that revision and the stack
// never published it; a flow calling a module of the portfolio by its published name (what an
// adopted caller does) is that module's caller, so a module change republishes it; the state says
// which flows are only read.
import { readsAdoptedFlow } from "../../planner/adoption";
import { adoptedRevisions, recordAdoptions } from "../../import/adopt";
import { parseStackExport } from "../../org/stackExport";
import { parseStackSettings } from "../../planner/stackSettings";
import { plan, settings, sources } from "../../testkit/portfolio";
import YAML from "yaml";

const REV = "a".repeat(64);
const OTHER = "b".repeat(64);

describe("readsAdoptedFlow: read (publish nothing) only while adopted, at the adopted revision, never published by the stack", () => {
  it.each([
    [
      "adopted, same revision, not in the state (the first up)",
      { adopt: "f-1", adoptedRevision: REV, revision: REV },
      "absent",
      true,
    ],
    [
      "adopted, same revision, held as read (the second up)",
      { adopt: "f-1", adoptedRevision: REV, revision: REV },
      "read",
      true,
    ],
    ["adopted, changed since", { adopt: "f-1", adoptedRevision: REV, revision: OTHER }, "read", false],
    [
      "adopted, back at the adopted revision after the stack published it (a revert publishes)",
      { adopt: "f-1", adoptedRevision: REV, revision: REV },
      "managed",
      false,
    ],
    [
      "adopted with no recorded revision (an older import): imported and published as before",
      { adopt: "f-1", revision: REV },
      "absent",
      false,
    ],
    ["not adopted", { adoptedRevision: REV, revision: REV }, "absent", false],
  ] as const)("%s", (_what, flow, inState, expected) => {
    expect(readsAdoptedFlow(flow, inState)).toBe(expected);
  });
});

/** A module of the org and a caller calling it by its published name, as the import writes them. */
const MODULE = {
  kind: "commonModule",
  name: "Legacy Lookup",
  compatibleFlowTypes: ["inboundCall"],
  inputs: { number: { type: "string" } },
  outputs: { customerId: { type: "string" } },
  start: "Found",
  nodes: { Found: { type: "return", outcome: "completed", outputs: { customerId: 'Append("C-", Common.number)' } } },
};
const caller = (module: string) => ({
  kind: "inboundCall",
  name: "Legacy Support",
  variables: { customer: { type: "string" } },
  start: "Identify",
  nodes: {
    Identify: {
      type: "callModule",
      module,
      inputs: { number: "Call.Ani" },
      outputs: { customerId: "customer" },
      transitions: { next: "Bye" },
    },
    Bye: { type: "disconnect" },
  },
});

describe("a callModule node naming a module of the portfolio by its published name makes the flow its caller", () => {
  const flows = (module: string, description = "v1") => ({
    "legacy/lookup": { ...MODULE, description },
    "legacy/support": caller(module),
  });
  const support = (p: ReturnType<typeof plan>) => p.flows.find((f) => f.id === "legacy/support")!;
  it("the caller calls the module (ordered after it) and its revision follows the module's", () => {
    const before = plan(flows("dev-Legacy Lookup"), { namePrefix: "dev-" });
    expect(support(before).calls).toEqual(["legacy/lookup"]);
    expect(before.flows.map((f) => f.id)).toEqual(["legacy/lookup", "legacy/support"]);
    const after = plan(flows("dev-Legacy Lookup", "v2"), { namePrefix: "dev-" });
    expect(support(after).contentRevision).toBe(support(before).contentRevision);
    expect(support(after).revision).not.toBe(support(before).revision);
  });
  it("names compare ignoring case, as Genesys compares them", () => {
    expect(support(plan(flows("DEV-legacy lookup"), { namePrefix: "dev-" })).calls).toEqual(["legacy/lookup"]);
  });
  it("the name the module's file gives it (an export imported with its callers) calls it as the stack publishes it", () => {
    const p = plan(flows("Legacy Lookup"), { namePrefix: "dev-" });
    expect(support(p).calls).toEqual(["legacy/lookup"]);
    expect(support(p).substitutedYaml).toContain("dev-Legacy Lookup:");
  });
  it("a module the portfolio has under neither name is the org's: no call", () => {
    expect(support(plan(flows("Someone Else's Module"), { namePrefix: "dev-" })).calls).toEqual([]);
  });
});

describe("the import records the revision up computes for each adopted flow", () => {
  const files = { "stacks/dev/legacy-lookup": MODULE, "stacks/dev/legacy-support": caller("dev-Legacy Lookup") };
  const adoptions = new Map([
    ["stacks/dev/legacy-lookup", "m-1"],
    ["stacks/dev/legacy-support", "s-1"],
  ]);
  const stackSettings = settings({ namePrefix: "dev-" });
  it("adoptedRevisions: the planner's revisions with the adoptions in place", () => {
    const { revisions, problems } = adoptedRevisions(
      { stack: "dev", settings: stackSettings, stackFile: "Pulumi.dev.yaml", sources: sources(files) },
      adoptions,
    );
    expect(problems).toEqual([]);
    const planned = plan(
      files,
      {
        namePrefix: "dev-",
        flows: { "stacks/dev/legacy-lookup": { adopt: "m-1" }, "stacks/dev/legacy-support": { adopt: "s-1" } },
      },
      "dev",
    );
    expect(Object.fromEntries(revisions)).toEqual(Object.fromEntries(planned.flows.map((f) => [f.id, f.revision])));
  });
  it("recorded beside adopt, the stack file plans with every adopted flow read by up", () => {
    const { revisions } = adoptedRevisions(
      { stack: "dev", settings: stackSettings, stackFile: "Pulumi.dev.yaml", sources: sources(files) },
      adoptions,
    );
    const text = recordAdoptions(
      "config:\n  genesys-flows:namePrefix: dev-  # the stack's prefix\n",
      adoptions,
      revisions,
    );
    expect(text).toContain("# the stack's prefix");
    const config = YAML.parse(text).config as Record<string, unknown>;
    expect(config["genesys-flows:flows"]).toEqual({
      "stacks/dev/legacy-lookup": { adopt: "m-1", adoptedRevision: revisions.get("stacks/dev/legacy-lookup") },
      "stacks/dev/legacy-support": { adopt: "s-1", adoptedRevision: revisions.get("stacks/dev/legacy-support") },
    });
    const bare = Object.fromEntries(Object.entries(config).map(([k, v]) => [k.slice("genesys-flows:".length), v]));
    const planned = plan(files, { ...bare }, "dev");
    expect(planned.flows.map((f) => readsAdoptedFlow(f, "absent"))).toEqual([true, true]);
  });
  it("a stack that does not plan: no revision, the problems said (the first up then publishes in place)", () => {
    const broken = { ...files, "calls/broken": { kind: "inboundCall", name: "Broken", start: "Nowhere", nodes: {} } };
    const { revisions, problems } = adoptedRevisions(
      { stack: "dev", settings: stackSettings, stackFile: "Pulumi.dev.yaml", sources: sources(broken) },
      adoptions,
    );
    expect(revisions.size).toBe(0);
    expect(problems.join("\n")).toContain("flows/calls/broken.yaml");
  });
  it("adoptedRevision must be a SHA-256 revision", () => {
    expect(() =>
      parseStackSettings(
        { environment: "dev", flows: { "stacks/dev/legacy-lookup": { adopt: "m-1", adoptedRevision: "abc" } } },
        "Pulumi.dev.yaml",
      ),
    ).toThrow(/adoptedRevision/);
  });
});

describe("the state says which flows the stack only reads", () => {
  it("a read Flow (external) is read: true; a managed one is not", () => {
    const flow = (name: string, external: boolean) => ({
      urn: `urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::${name}`,
      type: "genesyscloud:index/flow:Flow",
      id: `id-${name}`,
      outputs: { name: `dev-${name}` },
      ...(external ? { external: true } : {}),
    });
    const parsed = parseStackExport(
      "dev",
      JSON.stringify({ deployment: { resources: [flow("adopted", true), flow("managed", false)] } }),
    );
    expect(parsed.ownership.flows).toEqual([
      {
        resourceName: "adopted",
        flowId: "id-adopted",
        name: "dev-adopted",
        read: true,
        urn: "urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::adopted",
      },
      {
        resourceName: "managed",
        flowId: "id-managed",
        name: "dev-managed",
        urn: "urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::managed",
      },
    ]);
  });
});
