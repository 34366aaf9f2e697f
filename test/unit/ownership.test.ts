// The ownership check's pure core (ownership/check.ts), the state it reads (org/stackExport.ts
// parseStackExport) and its I/O edge with injected state and org (run/ownership/guard.ts).
import { decideOwnership, orgBindingRefusal, ownershipNotes, ownershipProblems } from "../../ownership/check";
import type { OrgNamedFlow, OwnedFlowPlan, OwnershipContext } from "../../ownership/check";
import { parseStackExport, deploymentFromExport } from "../../org/stackExport";
import type { StackOwnership } from "../../org/model";
import { claimDescription, claimNameOf } from "../../ownership/claim";

const SALES: OwnedFlowPlan = {
  id: "sales",
  resourceName: "sales",
  file: "flows/sales.yaml",
  publishedName: "dev-Sales",
  type: "INBOUNDCALL",
};
const EMPTY: StackOwnership = { flows: [], unfinishedCreates: [], claimKeys: {} };
const ctx = (state: StackOwnership = EMPTY): OwnershipContext => ({
  stack: "dev",
  stackFile: "Pulumi.dev.yaml",
  state,
});
const org = (flowId: string, name = "dev-Sales", type = "INBOUNDCALL"): OrgNamedFlow => ({ flowId, name, type });

describe("decideOwnership: a flow the state does not hold is the stack's only when the org says so", () => {
  const OWN = new Set(["stack-client"]);
  type Made = { createdByClientId: string; createdBy?: string };
  const made = (createdByClientId: string, createdBy?: string): Made => ({
    createdByClientId,
    ...(createdBy ? { createdBy } : {}),
  });
  const flowOf = (id: string, versions: Made[], extra: Partial<OrgNamedFlow> = {}): OrgNamedFlow => ({
    ...org(id),
    publishedVersion: { id: `${versions.length}.0` },
    versions,
    ...extra,
  });
  const ours = flowOf("f9", [made("stack-client")]);
  const claim = (name: string, key: string, minutesAgo = 1): OrgNamedFlow => ({
    ...org(`claim-${key}`, name),
    description: claimDescription("dev", key, Date.now() - minutesAgo * 60_000),
  });
  const beside = (key: string) => claim(claimNameOf("dev-Sales", "INBOUNDCALL"), key);
  const unfinished = (why: "stopped" | "refused"): StackOwnership => ({
    ...EMPTY,
    unfinishedCreates: [{ resourceName: "sales", name: "dev-Sales", why, type: "INBOUNDCALL", claimKey: "k1" }],
  });
  const decide = (state: StackOwnership, found: OrgNamedFlow[]) =>
    decideOwnership(SALES, { ...ctx(state), now: Date.now(), own: OWN }, found);
  const messageOf = (v: ReturnType<typeof decide>) => (v as { message: string }).message;

  it("stopped after the provider (a create pending): the flow the stack's own client made, no lock, is taken over", () => {
    expect(decide(unfinished("stopped"), [ours])).toMatchObject({ ok: true, ours: "flow" });
  });
  it("the record of the stop dropped (refresh --clear-pending-creates): the stack's own claim beside the name says so", () => {
    expect(decide(unfinished("refused"), [ours, beside("k1")])).toMatchObject({ ok: true, ours: "flow" });
    // Another state's claim beside it says nothing of this stack's.
    expect(decide(unfinished("refused"), [ours, beside("k2")]).ok).toBe(false);
  });
  it("refused before (a race lost): the flow another checkout of the same client published is not this stack's", () => {
    const v = decide(unfinished("refused"), [ours]);
    expect(v.ok).toBe(false);
    expect(messageOf(v)).toContain(
      'the org already has flow f9 "dev-Sales" of that name and type, which this stack does not manage: ' +
        "it was made in Architect or by another stack or checkout",
    );
    expect(messageOf(v)).toContain(
      "This stack's own create of it was refused before it finished, and this flow is not one it made",
    );
  });
  it("stopped, but a person published the name (any client), or it is locked: refused, naming who published", () => {
    const janes = { id: "1.0", createdBy: "Jane Doe", createdByClient: "Ops Script" } as never;
    const person = decide(unfinished("stopped"), [
      flowOf("f9", [made("ops-client", "Jane Doe")], { publishedVersion: janes }),
    ]);
    expect(messageOf(person)).toContain("its version 1.0 was published by Jane Doe via Ops Script");
    const stopped = (f: OrgNamedFlow) => decide(unfinished("stopped"), [f]).ok;
    expect(stopped(flowOf("f9", [made("stack-client", "Jane Doe")]))).toBe(false);
    expect(stopped(flowOf("f9", [made("stack-client"), made("ops-client")]))).toBe(false);
    expect(stopped(flowOf("f9", [made("stack-client")], { lock: { user: { name: "Dana" } } }))).toBe(false);
    // Unknown versions (not read) or an unknown own client: never taken over.
    expect(stopped({ ...org("f9"), publishedVersion: { id: "1.0" } })).toBe(false);
    expect(decideOwnership(SALES, ctx(unfinished("stopped")), [ours]).ok).toBe(false);
  });
  it("a claim of the name itself: this state's own (its claim key) is taken over at once; another's once left", () => {
    expect(decide(unfinished("refused"), [claim("dev-Sales", "k1")])).toMatchObject({ ok: true, ours: "claim" });
    expect(decide(unfinished("refused"), [claim("dev-Sales", "k2")]).ok).toBe(false);
    expect(decide(unfinished("refused"), [claim("dev-Sales", "k2", 6)])).toMatchObject({ ok: true, ours: "claim" });
  });
});
describe("decideOwnership", () => {
  it("ok: the state's flow is the org's flow of that name", () => {
    const state = { ...EMPTY, flows: [{ resourceName: "sales", flowId: "f1", name: "dev-Sales" }] };
    expect(decideOwnership(SALES, ctx(state), [org("f1", "DEV-SALES")])).toEqual({
      id: "sales",
      ok: true,
      why: "the org flow is this stack's",
    });
  });
  it("refused: the state's flow was deleted and another flow made under its name (rebuilt by hand), naming both ids and what to do", () => {
    const state = {
      ...EMPTY,
      flows: [
        {
          resourceName: "sales",
          flowId: "f1",
          name: "dev-Sales",
          urn: "urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::sales",
        },
      ],
    };
    const v = decideOwnership(SALES, ctx(state), [org("rebuilt-2")]);
    expect(v.ok).toBe(false);
    const message = (v as { message: string }).message;
    expect(message).toContain(
      'flows/sales.yaml (flow sales) publishes "dev-Sales" (INBOUNDCALL); this stack published it as flow f1',
    );
    expect(message).toContain(
      'the org\'s flow of that name and type is now flow rebuilt-2 "dev-Sales", which this stack did not publish',
    );
    // Not --refresh: it fails on the deleted flow (410); the state forgets its id, the deploy adopts the new one.
    expect(message).toContain(
      "set flows.sales.adopt: rebuilt-2 under genesys-flows:flows in Pulumi.dev.yaml, then run `npm run pulumi -- state delete 'urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::sales' --stack dev --yes && npm run up -- --stack dev`",
    );
    expect(message).toContain("delete or rename it in Architect");
    // Adopting exactly that flow is allowed.
    expect(decideOwnership({ ...SALES, adopt: "rebuilt-2" }, ctx(state), [org("rebuilt-2")])).toEqual({
      id: "sales",
      ok: true,
      why: "adopted",
    });
  });
  it("ok with a warning: the state's flow is gone from the org and nothing holds its name; the hints work as printed (deleted: forget it, then npm start; renamed: npm start -- --refresh)", () => {
    const state = {
      ...EMPTY,
      flows: [
        {
          resourceName: "sales",
          flowId: "f1",
          name: "dev-Sales",
          urn: "urn:pulumi:local::p::t$genesyscloud:index/flow:Flow::sales",
        },
      ],
    };
    const v = decideOwnership(SALES, { ...ctx(state), stack: "local" }, []);
    expect(v).toMatchObject({ id: "sales", ok: true, why: "the stack's flow is gone from the org" });
    const notes = ownershipNotes([v, { id: "x", ok: true, why: "y" }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      'flow f1 "dev-Sales", which this stack published, is no longer in the org under that name',
    );
    expect(notes[0]).toContain(
      "Deleted: `npm run pulumi -- state delete 'urn:pulumi:local::p::t$genesyscloud:index/flow:Flow::sales' --stack local --yes && npm start` publishes it again",
    );
    expect(notes[0]).toContain(
      "renamed: keep it as the stack's under its new name: set flows.sales.adopt: f1 and flows.sales.name: " +
        "<the name it has now> under genesys-flows:flows in Pulumi.local.yaml, then `npm start -- --refresh` " +
        "(the refresh reads its new name: the same flow, nothing replaced or deleted",
    );
    expect(notes[0]).not.toContain("npm start --refresh");
  });
  it("ok: no flow of that name and type in the org", () => {
    expect(decideOwnership(SALES, ctx(), []).ok).toBe(true);
    expect(decideOwnership(SALES, ctx(), [org("f2", "dev-Sales Two"), org("f3", "dev-Sales", "INBOUNDEMAIL")])).toEqual(
      { id: "sales", ok: true, why: "no flow of that name in the org" },
    );
  });
  it("ok: the org flow is the one the state has (renamed in place)", () => {
    const state = { ...EMPTY, flows: [{ resourceName: "sales", flowId: "f1", name: "dev-Old" }] };
    expect(decideOwnership(SALES, ctx(state), [org("f1")])).toEqual({
      id: "sales",
      ok: true,
      why: "the org flow is this stack's",
    });
  });
  it("ok: the stack file adopts exactly that flow", () => {
    expect(decideOwnership({ ...SALES, adopt: "f7" }, ctx(), [org("f7", "DEV-SALES")])).toEqual({
      id: "sales",
      ok: true,
      why: "adopted",
    });
  });
  it("refused: a flow of the same name in another case, not the stack's, names file, flow, name, type, id and both fixes", () => {
    const v = decideOwnership(SALES, ctx(), [org("hand-made-1", "DEV-sales")]);
    expect(v.ok).toBe(false);
    const message = (v as { message: string }).message;
    expect(message).toContain('flows/sales.yaml (flow sales) publishes "dev-Sales" (INBOUNDCALL)');
    expect(message).toContain('flow hand-made-1 "DEV-sales"');
    expect(message).toContain("which this stack does not manage");
    expect(message).toContain("made in Architect or by another stack or checkout");
    expect(message).toContain("flows.sales.adopt: hand-made-1 under genesys-flows:flows in Pulumi.dev.yaml");
    expect(message).toContain('npm run flows:import -- --stack dev --prefix "DEV-sales"');
    expect(message).toContain("rename this flow");
  });
  it("refused: adopting a different flow than the one holding the name says so", () => {
    const v = decideOwnership({ ...SALES, adopt: "f7" }, ctx(), [org("f8")]);
    expect(v.ok).toBe(false);
    expect((v as { message: string }).message).toContain("Pulumi.dev.yaml says to adopt f7, a different flow");
  });
  it("refused: the org flow is this stack's under another resource (a moved file): two resources would share it", () => {
    const state = { ...EMPTY, flows: [{ resourceName: "old/sales", flowId: "f1", name: "dev-Sales" }] };
    const v = decideOwnership(SALES, ctx(state), [org("f1")]);
    expect(v.ok).toBe(false);
    expect((v as { message: string }).message).toContain("which this stack deploys as flow old/sales");
  });
});

describe("orgBindingRefusal: a stack belongs to one org", () => {
  const A = { id: "org-a", name: "Dev Org" };
  const B = { id: "org-b", name: "Prod Org" };
  const binding = { stack: "dev", stackFile: "Pulumi.dev.yaml", target: "region us-east-1 (api.mypurecloud.com)" };
  it("nothing recorded or pinned (a first deploy), or the same org: no refusal", () => {
    expect(orgBindingRefusal({ ...binding, reached: B })).toBeUndefined();
    expect(orgBindingRefusal({ ...binding, recorded: A, pinned: "org-a", reached: A })).toBeUndefined();
  });
  it("the state recorded another org: refused, naming both ids and names, where the run points and what to do", () => {
    const m = orgBindingRefusal({ ...binding, recorded: A, reached: B })!;
    expect(m).toContain(
      'stack "dev" deployed to org org-a "Dev Org" (recorded in its state), but its provider settings reach org org-b "Prod Org" (region us-east-1 (api.mypurecloud.com))',
    );
    expect(m).toContain("nothing was registered");
    expect(m).toContain("back at org org-a");
    expect(m).toContain("npm run pulumi -- stack init <name>");
  });
  it("the stack file pins another org: refused before any deploy, even with nothing recorded", () => {
    const m = orgBindingRefusal({ ...binding, pinned: "org-a", reached: B })!;
    expect(m).toContain(
      'stack "dev" belongs to org org-a (genesys-flows:orgId in Pulumi.dev.yaml), but its provider settings reach org org-b "Prod Org"',
    );
    expect(orgBindingRefusal({ ...binding, pinned: "org-a", recorded: A, reached: B })).toContain(
      'belongs to org org-a "Dev Org"',
    );
  });
});

describe("ownershipProblems", () => {
  it("undefined when everything is ok; otherwise one message with every refusal", () => {
    expect(ownershipProblems([{ id: "a", ok: true, why: "x" }])).toBeUndefined();
    const text = ownershipProblems([
      { id: "a", ok: false, message: "A refused" },
      { id: "b", ok: true, why: "x" },
      { id: "c", ok: false, message: "C refused" },
    ]);
    expect(text).toBe(
      "refusing to publish 2 flows over flows this stack does not manage (nothing was deployed):\nA refused\nC refused",
    );
    expect(ownershipProblems([{ id: "a", ok: false, message: "A" }])).toMatch(/^refusing to publish a flow /);
  });
});

it("parseStackExport: each routing object the state holds, by routing id, with what the stack wrote of it (its record, else its state); components without their resource and deleted ones left out", () => {
  const urn = (type: string, name: string) => `urn:pulumi:dev::genesys-flows::${type}::${name}`;
  const IVR = "genesyscloud:index/architectIvr:ArchitectIvr";
  const component = (name: string) => ({
    urn: urn("genesys-flows:index:IvrConfig", `routing/${name}`),
    type: "genesys-flows:index:IvrConfig",
    inputs: { routingId: name, file: `routing/${name}.yaml`, kind: "ivr", publishedName: name },
  });
  const child = (name: string, id: string, extra = {}) => ({
    urn: urn(`genesys-flows:index:IvrConfig$${IVR}`, `routing/${name}`),
    type: IVR,
    id,
    parent: urn("genesys-flows:index:IvrConfig", `routing/${name}`),
    outputs: { name, dnis: ["+13175550100"] },
    ...extra,
  });
  const exported = {
    deployment: {
      resources: [
        {
          urn: urn("pulumi:pulumi:Stack", "genesys-flows-dev"),
          type: "pulumi:pulumi:Stack",
          outputs: { routing: { "ivr/a": { id: "ivr-1", fields: { name: "recorded" } } } },
        },
        component("ivr/a"),
        child("ivr/a", "ivr-1", { modified: "2026-11-27T10:00:00Z" }),
        component("ivr/b"),
        child("ivr/b", "ivr-2"),
        component("ivr/gone"),
        child("ivr/gone", "ivr-0", { delete: true }),
        component("ivr/never"),
      ],
    },
  };
  const routing = parseStackExport("dev", JSON.stringify(exported)).deployment.routing!;
  expect(routing.map((r) => [r.id, r.objectId, r.recorded])).toEqual([
    ["ivr/a", "ivr-1", true],
    ["ivr/b", "ivr-2", false],
  ]);
  expect(routing[0]).toMatchObject({
    fields: { name: "recorded" },
    modified: "2026-11-27T10:00:00Z",
    file: "routing/ivr/a.yaml",
  });
  // Without a record, what the state's resource holds stands for what the stack wrote.
  expect(routing[1].fields).toEqual(routing[1].stateFields);
});

describe("parseStackExport: the ownership view of a state", () => {
  const FLOW = "genesyscloud:index/flow:Flow";
  const CALLER = "genesys-flows:index:InteractionFlow";
  const urn = (type: string, name: string) => `urn:pulumi:dev::genesys-flows::${type}::${name}`;
  const facts = (id: string, publishedName: string) => ({
    id,
    file: `flows/${id}.yaml`,
    kind: "inboundCall",
    publishedName,
    calls: [],
  });
  const exported = {
    deployment: {
      resources: [
        {
          urn: urn(CALLER, "sales"),
          type: CALLER,
          outputs: { facts: facts("sales", "dev-Sales"), revision: "r1" },
          inputs: { facts: facts("sales", "dev-Sales") },
        },
        {
          urn: urn(`${CALLER}$${FLOW}`, "sales"),
          type: FLOW,
          id: "f1",
          parent: urn(CALLER, "sales"),
          outputs: { name: "dev-Sales" },
        },
        // A killed run: its component registered, its flow still being created.
        {
          urn: urn(CALLER, "billing/after-hours"),
          type: CALLER,
          inputs: { facts: facts("billing/after-hours", "dev-After Hours"), claimKey: "k1" },
        },
        // A create a guard refused: its component, no flow, nothing pending.
        {
          urn: urn(CALLER, "returns"),
          type: CALLER,
          inputs: { facts: facts("returns", "dev-Returns"), claimKey: "k2" },
        },
        { urn: urn(`${CALLER}$${FLOW}`, "gone"), type: FLOW, id: "f0", delete: true, outputs: { name: "dev-Gone" } },
      ],
      pending_operations: [
        {
          type: "creating",
          resource: {
            urn: urn(`${CALLER}$${FLOW}`, "billing/after-hours"),
            type: FLOW,
            inputs: { name: "dev-After Hours" },
          },
        },
        {
          type: "updating",
          resource: { urn: urn(`${CALLER}$${FLOW}`, "sales"), type: FLOW, inputs: { name: "dev-Sales" } },
        },
      ],
    },
  };

  it("Flow resources by resource name with id and name; unfinished creates, why, and their claim keys", () => {
    // Why: a pending create says stopped; a component with no flow and nothing pending, refused.
    const { ownership } = parseStackExport("dev", JSON.stringify(exported));
    expect(ownership.flows).toEqual([
      {
        resourceName: "sales",
        flowId: "f1",
        name: "dev-Sales",
        urn: "urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::sales",
      },
    ]);
    const stopped = { resourceName: "billing/after-hours", name: "dev-After Hours", why: "stopped" };
    expect(ownership.unfinishedCreates).toEqual([
      { ...stopped, type: "INBOUNDCALL", claimKey: "k1" },
      { resourceName: "returns", name: "dev-Returns", why: "refused", type: "INBOUNDCALL", claimKey: "k2" },
    ]);
    expect(ownership.claimKeys).toEqual({ "billing/after-hours": "k1", returns: "k2" });
  });
  it("the deployment view is the one verify reads (same parse)", () => {
    expect(deploymentFromExport("dev", JSON.stringify(exported)).flows.map((f) => [f.id, f.flowId])).toEqual([
      ["sales", "f1"],
    ]);
  });
  it("the org the last deploy recorded: the root stack resource's output `org`", () => {
    const STACK = {
      urn: "urn:pulumi:dev::genesys-flows::pulumi:pulumi:Stack::genesys-flows-dev",
      type: "pulumi:pulumi:Stack",
      outputs: { org: { id: "org-a", name: "Dev Org" }, flows: [] },
    };
    const withOrg = { deployment: { ...exported.deployment, resources: [STACK, ...exported.deployment.resources] } };
    expect(parseStackExport("dev", JSON.stringify(withOrg)).ownership.org).toEqual({ id: "org-a", name: "Dev Org" });
    expect(parseStackExport("dev", JSON.stringify(exported)).ownership.org).toBeUndefined();
  });
  it("an empty stack has nothing; a broken export is an error naming the stack", () => {
    const empty = parseStackExport("dev", JSON.stringify({ deployment: {} })).ownership;
    expect(empty).toEqual({ flows: [], unfinishedCreates: [], claimKeys: {} });
    expect(() => parseStackExport("dev", "not json")).toThrow('the stack export of "dev" is not JSON');
    expect(() => parseStackExport("dev", "null")).toThrow('the stack export of "dev" is not a deployment');
  });
});
