// What the review says the engine does to each resource (diff/resourcePlan.ts, diff/deployPlan.ts):
// routing objects compared by the inputs their resources receive (planner/routingInputs.ts), a
// reference to a flow or object with a new Genesys id re-points, a rename the provider cannot make in
// place replaces; providers by their arguments and count; adopted flows read, imported and
// published, or left in the org. The agreement tier (test/agreement) checks the same against the engine.
import { flowResources, providerResources, routingResources, type RoutingResourceView } from "../../diff/resourcePlan";
import { planDeployChanges, type DeployedFlow, type DeploySide } from "../../diff/deployPlan";
import type { RoutingFile } from "../../model/routing/schema";
import { stackProviders } from "../../planner/providers";
import { settings } from "../../testkit/portfolio";

const view = (
  id: string,
  value: RoutingFile,
  extra: Partial<RoutingResourceView> = {},
): [string, RoutingResourceView] => [
  id,
  { id, file: `routing/${id}.yaml`, publishedName: `dev-${(value as { name?: string }).name ?? id}`, value, ...extra },
];
const IVR = (name: string, open = "calls/a"): RoutingFile => ({
  kind: "ivr",
  name,
  numbers: ["+13175550100"],
  flows: { open },
  scheduleGroup: "hours/h",
});
const GROUP: RoutingFile = {
  kind: "scheduleGroup",
  name: "Hours",
  timeZone: "America/New_York",
  open: ["schedules/s"],
  closed: [],
  holiday: [],
};
const SCHEDULE = (start: string): RoutingFile => ({ kind: "schedule", name: "S", start, end: "2026-01-05T18:00:00" });
const EMERGENCY: RoutingFile = {
  kind: "emergencyGroup",
  name: "Closure",
  enabled: false,
  flow: "calls/a",
  ivrs: ["ivr/line"],
};
const side = (...objects: Array<[string, RoutingResourceView]>) => new Map(objects);
const base = side(
  view("schedules/s", SCHEDULE("2026-01-05T08:00:00")),
  view("hours/h", GROUP),
  view("ivr/line", IVR("Line")),
  view("emergency/e", EMERGENCY),
);

describe("routing objects: by the inputs their resources receive", () => {
  it("nothing changes: nothing", () => {
    expect(routingResources(base, base, new Set())).toEqual([]);
  });

  it("a flow replaced (a new Genesys id): the IVR config and the emergency group naming it are updated, re-pointed", () => {
    const out = routingResources(base, base, new Set(["calls/a"]));
    expect(out.map((r) => [r.action, r.resource])).toEqual([
      ["update", "routing/ivr/line"],
      ["update", "routing/emergency/e"],
    ]);
    expect(out[0].why).toEqual(["openHoursFlowId: re-pointed to the new flow calls/a"]);
  });

  it("an IVR config renamed: replaced (the provider's name is ForceNew), and the emergency group over it updated", () => {
    const head = side(
      ...[...base].map(([id, v]): [string, RoutingResourceView] =>
        id === "ivr/line" ? view(id, IVR("Hotline")) : [id, v],
      ),
    );
    const out = routingResources(base, head, new Set());
    expect(out.map((r) => [r.action, r.resource])).toEqual([
      ["replace", "routing/ivr/line"],
      ["update", "routing/emergency/e"],
    ]);
    expect(out[0].why).toEqual([
      "name: dev-Line → dev-Hotline",
      "the provider replaces it when name changes: a new Genesys id",
    ]);
  });

  it("a schedule's start: the schedule updated in place, the group keeps its reference", () => {
    const head = side(
      ...[...base].map(([id, v]): [string, RoutingResourceView] =>
        id === "schedules/s" ? view(id, SCHEDULE("2026-01-05T09:00:00")) : [id, v],
      ),
    );
    expect(routingResources(base, head, new Set()).map((r) => [r.action, r.resource, r.why])).toEqual([
      ["update", "routing/schedules/s", ["start: 2026-01-05T08:00:00.000000 → 2026-01-05T09:00:00.000000"]],
    ]);
  });

  it("added, adopted, removed and retained", () => {
    const head = side(
      view("schedules/s", SCHEDULE("2026-01-05T08:00:00")),
      view("hours/h", GROUP),
      view("ivr/line", IVR("Line")),
      view("schedules/new", SCHEDULE("2026-02-01T00:00:00")),
      view("schedules/org", SCHEDULE("2026-03-01T00:00:00"), { adopt: "org-1" }),
    );
    const kept = new Map(base).set("emergency/e", { ...base.get("emergency/e")!, retainOnDelete: true });
    expect(routingResources(base, head, new Set()).map((r) => [r.action, r.resource])).toEqual([
      ["create", "routing/schedules/new"],
      ["import", "routing/schedules/org"],
      ["delete", "routing/emergency/e"],
    ]);
    expect(
      routingResources(kept, head, new Set())
        .map((r) => [r.action, r.resource])
        .at(-1),
    ).toEqual(["forget", "routing/emergency/e"]);
  });
});

describe("providers: by their arguments and how many publish", () => {
  const of = (raw: Record<string, unknown>) =>
    stackProviders(settings(raw), { accessToken: "t" }, 10, "accessToken").map((p) => ({
      name: p.name,
      args: p.args as Record<string, unknown>,
    }));
  it("a setting of the provider updates it; a publisher more is created, one fewer deleted", () => {
    const one = of({ provider: { tokenPoolSize: 1 } });
    expect(providerResources(one, one)).toEqual([]);
    expect(providerResources(one, of({ provider: { tokenPoolSize: 2 } }))).toEqual([
      { kind: "provider", resource: "genesyscloud", action: "update", why: ["tokenPoolSize: 1 → 2"] },
    ]);
    const two = of({ provider: { tokenPoolSize: 1, publishers: 2 } });
    expect(providerResources(one, two).map((r) => [r.action, r.resource])).toEqual([
      ["create", "genesyscloud-publisher-2"],
    ]);
    expect(providerResources(two, one).map((r) => [r.action, r.resource])).toEqual([
      ["delete", "genesyscloud-publisher-2"],
    ]);
  });
});

describe("flows taken over from the org (adopt) and left in it (forget)", () => {
  const flow = (revision: string, extra: Partial<DeployedFlow> = {}): DeployedFlow => ({
    id: "calls/legacy",
    file: "flows/calls/legacy.yaml",
    kind: "Inbound call",
    name: "Legacy",
    publishedName: "dev-Legacy",
    isModule: false,
    contentRevision: revision,
    revision,
    ...extra,
  });
  const sideOf = (...flows: DeployedFlow[]): DeploySide => ({
    flows: new Map(flows.map((f) => [f.file, f])),
    files: new Set(flows.map((f) => f.file)),
    namePrefix: "dev-",
  });
  const none = { flows: [], republish: [] } as unknown as Parameters<typeof planDeployChanges>[2];
  const adopted = { adopt: "org-1", adoptedRevision: "r1", retainOnDelete: true };
  const plan = (b: DeploySide, h: DeploySide) => planDeployChanges(b, h, none, "Pulumi.dev.yaml");

  it("adopted as it runs: read, nothing published; not as it runs: imported in place and published", () => {
    const asAdopted = plan(sideOf(), sideOf(flow("r1", adopted)));
    expect(asAdopted.changes.map((c) => c.action)).toEqual(["adopt"]);
    expect(flowResources(asAdopted)).toEqual([]);
    const changed = plan(sideOf(), sideOf(flow("r2", adopted)));
    expect(changed.changes.map((c) => [c.action, c.imports])).toEqual([["publish", "org-1"]]);
    expect(flowResources(changed).map((r) => [r.action, r.resource])).toEqual([["update", "calls/legacy"]]);
  });

  it("its first change after the adoption: published in place (the read becomes an import); later changes: plain publishes", () => {
    const first = plan(sideOf(flow("r1", adopted)), sideOf(flow("r2", adopted)));
    expect(first.changes.map((c) => [c.action, c.imports])).toEqual([["publish", "org-1"]]);
    const later = plan(sideOf(flow("r2", adopted)), sideOf(flow("r3", adopted)));
    expect(later.changes.map((c) => [c.action, c.imports])).toEqual([["publish", undefined]]);
    expect(plan(sideOf(flow("r1", adopted)), sideOf(flow("r1", adopted))).changes).toEqual([]);
  });

  it("leaving the stack: an adopted or retained flow is forgotten (stays in the org), another one deleted", () => {
    expect(plan(sideOf(flow("r1", adopted)), sideOf()).changes.map((c) => c.action)).toEqual(["forget"]);
    expect(flowResources(plan(sideOf(flow("r1", adopted)), sideOf())).map((r) => r.action)).toEqual(["forget"]);
    expect(plan(sideOf(flow("r1")), sideOf()).changes.map((c) => c.action)).toEqual(["delete"]);
  });
});
