// Adopting a live contact center publishes nothing (issue 55 item 3, issue 50's adoption), with the
// real engine and the real bridged provider against the emulator. An org is built by hand (as
// Architect would): a common module, a call flow calling it, another call flow, two schedules, a
// schedule group, an IVR config routing to the two flows and an emergency group (on) over it. `flows:import --stack local --prefix
// local-Legacy` adopts all of it; the first `up` imports it into the state with zero publish jobs
// and zero writes of any kind; a second `up` is a no-op too; a change to the module then
// republishes exactly the module and its caller, in place. Steps run in order.
import * as YAML from "yaml";
import { main as importMain } from "../../tools/importFlows";
import { call, publishOk } from "../../testkit/emulator";
import { architectCall, architectModule } from "../../testkit/architectFlow";
import {
  createProject,
  expectOk,
  exportState,
  flowsInState,
  publishedFlows,
  runCli,
  writesSince,
  type E2eProject,
} from "../../testkit/harness";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const ids: Record<string, string> = {};
const MODULE = "local-Legacy Lookup";
const SUPPORT = "local-Legacy Support";
const BILLING = "local-Legacy Billing";

/** Writes (and refusals) since `mark`, as "METHOD operation status". */
const writes = (mark: number) => writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`);

async function create(collection: string, body: Record<string, unknown>): Promise<string> {
  const r = await call<{ id: string }>(`${p.emulator.url}/api/v2/architect/${collection}`, {
    method: "POST",
    token: p.emulator.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`POST ${collection}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

beforeAll(async () => {
  p = await createProject({ flows: {} });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. the org is built by hand: a module, its caller, another call flow, schedules, a schedule group, an IVR config, an emergency group (on)", async () => {
  ids[MODULE] = (await publishOk(p.emulator, architectModule(MODULE, "number", "customerId"))).flow.id;
  ids[SUPPORT] = (
    await publishOk(
      p.emulator,
      architectCall(SUPPORT, "Support", { name: MODULE, input: "number", output: "customerId" }),
    )
  ).flow.id;
  ids[BILLING] = (await publishOk(p.emulator, architectCall(BILLING, "Billing"))).flow.id;
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
    timeZone: "America/New_York",
    openSchedules: [{ id: ids.weekdays }],
    closedSchedules: [{ id: ids.weekend }],
  });
  ids.line = await create("ivrs", {
    name: "local-Legacy Line",
    dnis: ["+13175550700", "+13175550701"],
    openHoursFlow: { id: ids[SUPPORT] },
    closedHoursFlow: { id: ids[BILLING] },
    scheduleGroup: { id: ids.hours },
  });
  ids.closure = await create("emergencygroups", {
    name: "local-Legacy Closure",
    enabled: true,
    emergencyCallFlows: [{ emergencyFlow: { id: ids[BILLING] }, ivrs: [{ id: ids.line }] }],
  });
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([BILLING, MODULE, SUPPORT].sort());
});

it("2. flows:import --stack local --prefix local-Legacy writes the files and records each adoption", async () => {
  let out = "";
  let err = "";
  const code = await importMain(["--root", p.dir, "--stack", "local", "--prefix", "local-Legacy"], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  console.log(`flows:import:\n${out}${err}`);
  expect(err).toBe("");
  expect(code).toBe(0);
  const config = YAML.parse(p.read("Pulumi.local.yaml")).config;
  const flows = config["genesys-flows:flows"] as Record<string, { adopt: string; adoptedRevision?: string }>;
  expect(Object.fromEntries(Object.entries(flows).map(([id, r]) => [id, r.adopt]))).toEqual({
    "stacks/local/legacy-billing": ids[BILLING],
    "stacks/local/legacy-lookup": ids[MODULE],
    "stacks/local/legacy-support": ids[SUPPORT],
  });
  for (const r of Object.values(flows)) expect(r.adoptedRevision).toMatch(/^[0-9a-f]{64}$/);
  expect(Object.keys(config["genesys-flows:routing"].objects).sort()).toEqual([
    "stacks/local/emergency/legacy-closure",
    "stacks/local/hours/legacy-hours",
    "stacks/local/ivr/legacy-line",
    "stacks/local/schedules/legacy-weekdays",
    "stacks/local/schedules/legacy-weekend",
  ]);
});

it("3. the first up adopts everything with zero publish jobs and zero writes", async () => {
  const before = publishedFlows(p.emulator);
  const routingBefore = p.emulator.store.routing.snapshot();
  const mark = p.mark();
  const up = await p.up(["--diff"]);
  expectOk(up);
  console.log(
    `adopting up:\n${up.stdout
      .split("\n")
      .filter((l) => /legacy|Resources:|import|update|~|\+/i.test(l))
      .join("\n")}`,
  );
  // The routing objects are imported; the flows, as adopted, are read (no write either way).
  expect(up.stdout).toMatch(/5 imported/);
  expect(p.count("job.create")).toBe(0);
  expect(writes(mark)).toEqual([]);
  expect(publishedFlows(p.emulator)).toEqual(before);
  expect(p.emulator.store.routing.snapshot()).toEqual(routingBefore);
  const state = flowsInState(await exportState(p));
  for (const name of [MODULE, SUPPORT, BILLING]) expect(state.get(name)).toBe(ids[name]);
});

it("3b. verify finds the adopted flows running what the stack says: no drift, no stale caller", async () => {
  const r = await runCli(p, ["verify", "--stack", "local"]);
  expect({ code: r.code, out: r.stdout + r.stderr }).toEqual({
    code: 0,
    out: expect.stringContaining("OK: every flow of the stack runs what the stack deployed"),
  });
});

it("4. a second up is a no-op: zero writes", async () => {
  const mark = p.mark();
  const up = await p.up(["--diff"]);
  expectOk(up);
  expect(writes(mark)).toEqual([]);
  expect(up.stdout).not.toMatch(/updated|created|deleted|replaced/);
});

it("5. a change to the module republishes exactly the module and its caller, in place", async () => {
  const file = "flows/stacks/local/legacy-lookup.yaml";
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Finds the customer by number (v2).");
  p.write(file, doc.toString());
  const before = publishedFlows(p.emulator);
  const mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  const after = publishedFlows(p.emulator);
  const changed = [...after]
    .filter(([name, f]) => before.get(name)?.version !== f.version)
    .map(([name]) => name)
    .sort();
  expect(changed).toEqual([MODULE, SUPPORT].sort());
  expect(p.count("job.create")).toBe(2);
  for (const name of [MODULE, SUPPORT, BILLING]) expect(after.get(name)!.id).toBe(ids[name]);
  expect(writes(mark).filter((w) => !/job\.|flow\.unlock/.test(w))).toEqual([]);
  expect(after.get(SUPPORT)!.text).toContain(MODULE);
});

it("6. after the cascade, an up is a no-op again", async () => {
  const mark = p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  expect(writes(mark)).toEqual([]);
});
