// Routing as code with the real engine and the real bridged provider against the emulator: the
// portfolio's numbers, schedules, schedule group, two IVR configs and an emergency group are
// deployed with the flows, then changed one thing per `up` (a number moved between IVR configs, a
// schedule changed, the emergency group switched on, the flow an IVR config routes to replaced),
// then destroyed. Each step asserts on the emulator's state and request log; each no-op `up` makes
// no write request. Steps run in order.
import * as YAML from "yaml";
import { createProject, expectOk, type E2eProject } from "../../testkit/harness";
import { portfolioFiles } from "../../testkit/fixtures";
import type { RoutingKind } from "../../emulator/routingStore";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
let mark = 0;

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ROUTING: Record<string, string> = {
  "schedules/weekdays.yaml": y({
    kind: "schedule",
    name: "Weekdays",
    start: "2026-01-05T08:00:00",
    end: "2026-01-05T18:00:00",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  }),
  "schedules/weekend.yaml": y({
    kind: "schedule",
    name: "Weekend",
    start: "2026-01-03T00:00:00",
    end: "2026-01-03T23:59:59",
    rrule: "FREQ=WEEKLY;BYDAY=SA,SU",
  }),
  "hours/business.yaml": y({
    kind: "scheduleGroup",
    name: "Business hours",
    timeZone: "America/New_York",
    open: ["schedules/weekdays"],
    closed: ["schedules/weekend"],
  }),
  "ivr/sales.yaml": y({
    kind: "ivr",
    name: "Sales line",
    numbers: ["+13175550100", "+13175550101"],
    flows: { open: "calls/sales", closed: "calls/support" },
    scheduleGroup: "hours/business",
  }),
  "ivr/service.yaml": y({
    kind: "ivr",
    name: "Service line",
    numbers: [{ from: "+13175550110", to: "+13175550112" }],
    flows: { open: "calls/support" },
    scheduleGroup: "hours/business",
  }),
  "ivr/direct.yaml": y({
    kind: "ivr",
    name: "Direct line",
    numbers: ["+13175550120"],
    flows: { open: "calls/direct" },
  }),
  "emergency/closure.yaml": y({
    kind: "emergencyGroup",
    name: "Emergency closure",
    flow: "calls/support",
    ivrs: ["ivr/sales", "ivr/service"],
  }),
};

/** The emulator's routing objects of a kind, by name, as the API answers them. */
function objects(kind: RoutingKind): Map<string, Record<string, unknown>> {
  const store = p.emulator.store.routing;
  return new Map(store.list(kind).map((r) => [String(r.fields.name), { id: r.id, version: r.version, ...r.fields }]));
}
const flowId = (name: string) => p.emulator.store.listFlows().find((f) => f.name === name)!.id;
/** Write requests (and refusals) since the last mark. */
function writes(): string[] {
  return p.emulator.requestLog
    .list()
    .filter((e) => e.seq > mark && (e.method !== "GET" || e.status >= 400))
    .map((e) => `${e.method} ${e.operation} ${e.status}`);
}
/** `up`; steps after the first pass --skip-preview: what they check is the update's writes (a preview writes nothing, and costs about half an up). */
async function up(extra: string[] = []): Promise<void> {
  mark = p.mark();
  expectOk(await p.up(extra));
}
/** A second up changes nothing. --skip-preview: the update itself is what it checks (a preview is ~half an up's CPU). */
async function noOp(): Promise<void> {
  await up(["--skip-preview"]);
  expect(writes()).toEqual([]);
}

beforeAll(async () => {
  p = await createProject({ flows: portfolioFiles(), routing: ROUTING });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up deploys the flows and the routing, wired by id, with no refusal on the way", async () => {
  await up();
  expect(writes().filter((w) => !w.startsWith("POST job.") && !w.startsWith("PUT job."))).toEqual(
    expect.arrayContaining(["POST routing.create 200"]),
  );
  expect(writes().filter((w) => / [45]\d\d$/.test(w))).toEqual([]);
  const schedules = objects("schedule");
  expect([...schedules.keys()].sort()).toEqual(["local-Weekdays", "local-Weekend"]);
  expect(schedules.get("local-Weekdays")).toMatchObject({
    start: "2026-01-05T08:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  });
  const group = objects("scheduleGroup").get("local-Business hours")!;
  expect(group).toMatchObject({
    timeZone: "America/New_York",
    openSchedules: [schedules.get("local-Weekdays")!.id],
    closedSchedules: [schedules.get("local-Weekend")!.id],
  });
  const ivrs = objects("ivr");
  expect(ivrs.get("local-Sales line")).toMatchObject({
    dnis: ["+13175550100", "+13175550101"],
    openHoursFlow: flowId("local-Sales"),
    closedHoursFlow: flowId("local-Support"),
    scheduleGroup: group.id,
  });
  expect((ivrs.get("local-Service line")!.dnis as string[]).sort()).toEqual([
    "+13175550110",
    "+13175550111",
    "+13175550112",
  ]);
  expect(ivrs.get("local-Direct line")).toMatchObject({ openHoursFlow: flowId("local-Direct") });
  expect(objects("emergencyGroup").get("local-Emergency closure")).toMatchObject({
    enabled: false,
    emergencyCallFlows: [
      {
        emergencyFlow: flowId("local-Support"),
        ivrs: expect.arrayContaining([ivrs.get("local-Sales line")!.id, ivrs.get("local-Service line")!.id]),
      },
    ],
  });
});

it("2. a second up is a no-op: no publish, no routing write", async () => {
  await noOp();
});

it("3. a number moves from one IVR config to another in one up: the releasing one updates first, nothing refused", async () => {
  p.write("routing/ivr/sales.yaml", ROUTING["ivr/sales.yaml"].replace('  - "+13175550101"\n', ""));
  p.write(
    "routing/ivr/service.yaml",
    y({
      ...YAML.parse(ROUTING["ivr/service.yaml"]),
      numbers: ["+13175550101", { from: "+13175550110", to: "+13175550112" }],
    }),
  );
  await up(["--skip-preview"]);
  expect(writes()).toEqual(["PUT routing.update 200", "PUT routing.update 200"]);
  const puts = p.emulator.requestLog.list().filter((e) => e.seq > mark && e.method === "PUT");
  const ivrs = objects("ivr");
  expect(puts.map((e) => e.path)).toEqual([
    `/api/v2/architect/ivrs/${ivrs.get("local-Sales line")!.id}`,
    `/api/v2/architect/ivrs/${ivrs.get("local-Service line")!.id}`,
  ]);
  expect(ivrs.get("local-Sales line")!.dnis).toEqual(["+13175550100"]);
  expect(ivrs.get("local-Service line")!.dnis).toContain("+13175550101");
  await noOp();
});

it("4. a schedule change updates that schedule only", async () => {
  const before = objects("schedule").get("local-Weekdays")!;
  p.write("routing/schedules/weekdays.yaml", ROUTING["schedules/weekdays.yaml"].replace("18:00:00", "20:00:00"));
  await up(["--skip-preview"]);
  expect(writes()).toEqual(["PUT routing.update 200"]);
  expect(objects("schedule").get("local-Weekdays")).toMatchObject({
    id: before.id,
    end: "2026-01-05T20:00:00.000000",
    version: (before.version as number) + 1,
  });
});

it("5. the emergency group is switched on from the stack file", async () => {
  p.editConfig((c) => (c.routing = { objects: { "emergency/closure": { enabled: true } } }));
  await up(["--skip-preview"]);
  expect(writes()).toEqual(["PUT routing.update 200"]);
  expect(objects("emergencyGroup").get("local-Emergency closure")!.enabled).toBe(true);
  await noOp();
});

it("6. the flow an IVR config routes to is replaced (renamed: a new flow): the IVR config is re-pointed, then the old flow deleted", async () => {
  const old = flowId("local-Direct");
  p.write("flows/calls/direct.yaml", p.read("flows/calls/direct.yaml").replace("name: Direct", "name: Direct Two"));
  await up(["--skip-preview"]);
  const now = flowId("local-Direct Two");
  expect(now).not.toBe(old);
  expect(objects("ivr").get("local-Direct line")!.openHoursFlow).toBe(now);
  expect(p.emulator.store.getFlow(old)).toBeUndefined();
  // Claim and publish the new flow (the claim a flow of another name, created at the org first and
  // deleted once the new flow is listed: run/ownership/claimGuard.ts), re-point the IVR config, then
  // delete the old flow: never refused. Nobody holds its lock, so nothing is unlocked (the run
  // breaks only a lock it found and may break).
  expect(writes().filter((w) => !w.startsWith("POST job.") && !w.startsWith("PUT job."))).toEqual([
    "POST flow.create 200",
    "DELETE flow.delete 204",
    "PUT routing.update 200",
    "DELETE flow.delete 204",
  ]);
  await noOp();
});

it("7. destroy removes the routing before what it routes to, with no refusal", async () => {
  mark = p.mark();
  expectOk(await p.destroy());
  // The provider confirms each routing delete by reading it: the 3 IVR configs answer their deleted
  // state, the 4 other objects 404 (as the provider's own tests of them require); nothing is refused.
  const refusals = writes().filter((w) => / [45]\d\d$/.test(w));
  expect(refusals.filter((w) => w !== "GET routing.get 404")).toEqual([]);
  expect(refusals.length).toBe(4);
  expect(
    writes()
      .filter((w) => w.startsWith("DELETE routing.delete"))
      .sort(),
  ).toEqual(Array(7).fill("DELETE routing.delete 200"));
  for (const kind of ["schedule", "scheduleGroup", "ivr", "emergencyGroup"] as const)
    expect(objects(kind).size).toBe(0);
  expect(p.emulator.store.listFlows().filter((f) => f.name.startsWith("local-"))).toEqual([]);
});
