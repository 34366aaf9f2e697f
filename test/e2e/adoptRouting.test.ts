// Adopting an org's routing (issue 27's acceptance), with the real engine and the real bridged
// provider against the emulator. The stack deploys its flows; then an IVR config routing to them and
// a schedule group with its schedules are created straight in the org (as Architect would).
// `flows:import --stack local --prefix local-Legacy` writes their routing files and the stack's
// records; the next `up` imports them into the stack (Pulumi's import) with no create and no
// delete; a second `up` writes nothing. Steps run in order.
import * as YAML from "yaml";
import { main as importMain } from "../../tools/importFlows";
import { call } from "../../testkit/emulator";
import { createProject, expectOk, exportState, writesSince, type E2eProject } from "../../testkit/harness";
import { portfolioFiles } from "../../testkit/fixtures";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
let mark = 0;
const ids: Record<string, string> = {};

/** Write requests (and refusals) since the last mark. */
function writes(): string[] {
  return writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`);
}
async function create(collection: string, body: Record<string, unknown>): Promise<string> {
  const r = await call<{ id: string }>(`http://127.0.0.1:${p.emulator.port}/api/v2/architect/${collection}`, {
    method: "POST",
    token: p.emulator.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`POST ${collection}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}
const flowId = (name: string) => p.emulator.store.listFlows().find((f) => f.name === name && !f.deleted)!.id;

beforeAll(async () => {
  p = await createProject({ flows: portfolioFiles() });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. the stack deploys its flows; an IVR config and a schedule group (with its schedules) are made in the org outside it", async () => {
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  ids.weekdays = await create("schedules", {
    name: "local-Legacy Weekdays",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  });
  ids.weekend = await create("schedules", {
    name: "local-Legacy Weekend",
    start: "2026-01-03T00:00:00.000000",
    end: "2026-01-03T23:59:59.000000",
    rrule: "FREQ=WEEKLY;BYDAY=SA,SU",
  });
  ids.hours = await create("schedulegroups", {
    name: "local-Legacy Hours",
    description: "Made in Architect",
    timeZone: "America/New_York",
    openSchedules: [{ id: ids.weekdays }],
    closedSchedules: [{ id: ids.weekend }],
  });
  ids.line = await create("ivrs", {
    name: "local-Legacy Line",
    dnis: ["+13175550500", "+13175550501", "+13175550502", "+13175550509"],
    openHoursFlow: { id: flowId("local-Sales") },
    closedHoursFlow: { id: flowId("local-Support") },
    scheduleGroup: { id: ids.hours },
  });
  expect(p.emulator.store.routing.count()).toEqual({
    schedule: 2,
    scheduleGroup: 1,
    ivr: 1,
    emergencyGroup: 0,
    didPool: 0,
  });
});

it("2. flows:import --stack local --prefix local-Legacy writes their routing files and the stack's records", async () => {
  let out = "";
  let err = "";
  const code = await importMain(["--root", p.dir, "--stack", "local", "--prefix", "local-Legacy"], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  expect(err).toBe("");
  expect(code).toBe(0);
  for (const file of [
    "routing/stacks/local/schedules/legacy-weekdays.yaml",
    "routing/stacks/local/schedules/legacy-weekend.yaml",
    "routing/stacks/local/hours/legacy-hours.yaml",
    "routing/stacks/local/ivr/legacy-line.yaml",
  ])
    expect(out).toContain(`wrote ${file}`);
  expect(YAML.parse(p.read("routing/stacks/local/ivr/legacy-line.yaml"))).toMatchObject({
    flows: { open: "calls/sales", closed: "calls/support" },
    scheduleGroup: "stacks/local/hours/legacy-hours",
  });
  const config = YAML.parse(p.read("Pulumi.local.yaml")).config;
  expect(config["genesys-flows:routing"].objects).toEqual({
    "stacks/local/hours/legacy-hours": { adopt: ids.hours },
    "stacks/local/ivr/legacy-line": {
      adopt: ids.line,
      numbers: [{ from: "+13175550500", to: "+13175550502" }, "+13175550509"],
    },
    "stacks/local/schedules/legacy-weekdays": { adopt: ids.weekdays },
    "stacks/local/schedules/legacy-weekend": { adopt: ids.weekend },
  });
});

it("3. the next up imports them in place: no create, no delete, the same ids in the state", async () => {
  const before = p.emulator.store.routing.snapshot();
  mark = p.mark();
  const up = await p.up();
  expectOk(up);
  console.log(
    `adopting up:\n${up.stdout
      .split("\n")
      .filter((l) => /legacy|Resources:|import|created|updated/i.test(l))
      .join("\n")}`,
  );
  expect(writes().filter((w) => /routing\.create|routing\.delete|flow\.delete|job\.create/.test(w))).toEqual([]);
  expect(writes().filter((w) => / [45]\d\d$/.test(w))).toEqual([]);
  expect(up.stdout).toMatch(/4 imported/);
  const raw = JSON.parse((await exportState(p)).raw) as {
    deployment: { resources: Array<{ type: string; id?: string; importID?: string }> };
  };
  const imported = raw.deployment.resources
    .filter((r) => r.type.startsWith("genesyscloud:index/architect") && r.importID !== undefined)
    .map((r) => r.id);
  expect(imported.sort()).toEqual([ids.weekdays, ids.weekend, ids.hours, ids.line].sort());
  // The org's objects are where they were, with their ids, numbers and references.
  const after = p.emulator.store.routing.snapshot();
  expect(after.map((r) => [r.id, r.fields])).toEqual(before.map((r) => [r.id, r.fields]));
});

it("4. a second up is a no-op: zero writes", async () => {
  mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(writes()).toEqual([]);
});
