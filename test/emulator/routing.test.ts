// The routing objects over real HTTP on 127.0.0.1, in the provider's call sequence: schedules,
// a schedule group, IVR configs and an emergency group are created, read back in the shapes the
// provider reads (division, references as {id, name}), updated with versions and deleted; Genesys's
// refusals (a number in two IVR configs, a missing open schedule, a flow that is not an inbound
// call flow, deleting what something uses) answer 4xx; dependency tracking lists the IVR config as
// a consumer of its flow and schedule group; the org persists across restarts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator/server";
import { call, publish, withEmulator } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

type Json = Record<string, unknown>;

async function api(emu: RunningEmulator, method: string, path: string, body?: unknown) {
  return call<Json>(`${emu.url}/api/v2/${path}`, {
    method,
    token: emu.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
}
async function created(emu: RunningEmulator, path: string, body: unknown): Promise<Json> {
  const r = await api(emu, "POST", path, body);
  expect(r.status).toBe(200);
  return r.body;
}

async function seed(emu: RunningEmulator) {
  const sales = (await publish(emu, inboundCallYaml("Sales"))).flow!.id;
  const support = (await publish(emu, inboundCallYaml("Support"))).flow!.id;
  const module = (await publish(emu, commonModuleYaml("Lookup"))).flow!.id;
  const open = await created(emu, "architect/schedules", {
    name: "Weekdays",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  });
  const group = await created(emu, "architect/schedulegroups", {
    name: "Business hours",
    timeZone: "America/New_York",
    openSchedules: [{ id: open.id }],
  });
  const ivr = await created(emu, "architect/ivrs", {
    name: "Sales line",
    dnis: ["+13175550100"],
    openHoursFlow: { id: sales },
    closedHoursFlow: { id: support },
    scheduleGroup: { id: group.id },
  });
  return { sales, support, module, open, group, ivr };
}

it("creates, reads back in the provider's shapes, lists, updates with versions and deletes", async () => {
  await withEmulator({ port: 0 }, async (emu) => {
    const { sales, support, open, group, ivr } = await seed(emu);
    const read = await api(emu, "GET", `architect/ivrs/${String(ivr.id)}`);
    expect(read.body).toMatchObject({
      name: "Sales line",
      dnis: ["+13175550100"],
      openHoursFlow: { id: sales, name: "Sales" },
      closedHoursFlow: { id: support, name: "Support" },
      scheduleGroup: { id: group.id, name: "Business hours" },
      division: { id: expect.any(String), name: "Home" },
      state: "active",
      version: 1,
    });
    expect((await api(emu, "GET", `architect/schedulegroups/${String(group.id)}`)).body).toMatchObject({
      timeZone: "America/New_York",
      openSchedules: [{ id: open.id, name: "Weekdays" }],
      closedSchedules: [],
      holidaySchedules: [],
    });
    expect((await api(emu, "GET", `architect/schedules/${String(open.id)}`)).body).toMatchObject({
      start: "2026-01-05T08:00:00.000000",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
      division: { name: "Home" },
    });
    const listed = await api(emu, "GET", "architect/ivrs?pageNumber=1&pageSize=100&name=sales%20line");
    expect(listed.body).toMatchObject({ total: 1, pageCount: 1, entities: [{ id: ivr.id }] });
    // A stale version is refused; the current one (or none, as the schedule group resource sends) is taken.
    expect(
      (await api(emu, "PUT", `architect/ivrs/${String(ivr.id)}`, { name: "Sales line", version: 7, dnis: [] })).status,
    ).toBe(409);
    const updated = await api(emu, "PUT", `architect/ivrs/${String(ivr.id)}`, {
      name: "Sales line",
      version: 1,
      dnis: ["+13175550100", "+13175550101"],
      openHoursFlow: { id: support },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      version: 2,
      dnis: ["+13175550100", "+13175550101"],
      openHoursFlow: { id: support },
    });
    expect(updated.body.scheduleGroup).toBeUndefined();
    expect((await api(emu, "DELETE", `architect/ivrs/${String(ivr.id)}`)).status).toBe(200);
    // A deleted IVR config keeps its deleted state (as the provider reads it), out of the listing, its numbers free.
    expect((await api(emu, "GET", `architect/ivrs/${String(ivr.id)}`)).body).toMatchObject({
      id: ivr.id,
      state: "deleted",
    });
    expect((await api(emu, "GET", "architect/ivrs")).body).toMatchObject({ total: 0 });
    expect((await api(emu, "POST", "architect/ivrs", { name: "Sales line", dnis: ["+13175550100"] })).status).toBe(200);
    // A schedule group deleted is gone (404), as the provider's own tests of it require.
    expect((await api(emu, "DELETE", `architect/schedulegroups/${String(group.id)}`)).status).toBe(200);
    expect((await api(emu, "GET", `architect/schedulegroups/${String(group.id)}`)).status).toBe(404);
    const ops = emu.requestLog
      .list()
      .filter((e) => e.path.startsWith("/api/v2/architect/"))
      .map((e) => e.operation);
    expect(new Set(ops)).toEqual(
      new Set(["routing.create", "routing.get", "routing.list", "routing.update", "routing.delete"]),
    );
  });
});

it("refuses what Genesys refuses, with 4xx and a message naming the conflict", async () => {
  await withEmulator({ port: 0 }, async (emu) => {
    const { sales, module, open, group, ivr } = await seed(emu);
    const twice = await api(emu, "POST", "architect/ivrs", {
      name: "Other line",
      dnis: ["+13175550100"],
      openHoursFlow: { id: sales },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toBe(
      `Field 'dnis': +13175550100 is already assigned to IVR config "Sales line" (${String(ivr.id)})`,
    );
    expect(
      (await api(emu, "POST", "architect/ivrs", { name: "Sales line", openHoursFlow: { id: sales } })).body.message,
    ).toMatch(/already exists/);
    expect((await api(emu, "POST", "architect/ivrs", { name: "Bad", dnis: ["3175550100"] })).body.message).toMatch(
      /not an E.164 number/,
    );
    expect(
      (await api(emu, "POST", "architect/ivrs", { name: "Module", openHoursFlow: { id: module } })).body.message,
    ).toMatch(/COMMONMODULE flow; an IVR config routes to inbound call flows only/);
    // The spec's ScheduleGroup requires a name only: a group without open schedules is taken.
    expect((await api(emu, "POST", "architect/schedulegroups", { name: "Empty", openSchedules: [] })).status).toBe(200);
    expect(
      (
        await api(emu, "POST", "architect/schedulegroups", {
          name: "Bad zone",
          timeZone: "Mars/Olympus",
          openSchedules: [{ id: open.id }],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api(emu, "POST", "architect/schedules", {
          name: "Backwards",
          start: "2026-01-05T18:00:00.000",
          end: "2026-01-05T08:00:00.000",
        })
      ).status,
    ).toBe(400);
    // In use: a schedule in a group, a group or flow an IVR config routes with.
    const inUse = await api(emu, "DELETE", `architect/schedulegroups/${String(group.id)}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain('in use by ivr config "Sales line"');
    expect((await api(emu, "DELETE", `architect/schedules/${String(open.id)}`)).status).toBe(409);
    const flow = await call<Json>(`${emu.url}/api/v2/flows/${sales}`, { method: "DELETE", token: emu.accessToken });
    expect(flow.status).toBe(409);
    expect(flow.body.message).toContain('IVR config "Sales line"');
    // An emergency group takes IVR configs that exist; the IVR config is then in use by it.
    const eg = await created(emu, "architect/emergencygroups", {
      name: "Storm",
      enabled: true,
      emergencyCallFlows: [{ emergencyFlow: { id: sales }, ivrs: [{ id: ivr.id }] }],
    });
    expect((await api(emu, "GET", `architect/emergencygroups/${String(eg.id)}`)).body).toMatchObject({
      enabled: true,
      emergencyCallFlows: [{ emergencyFlow: { id: sales, name: "Sales" }, ivrs: [{ id: ivr.id, name: "Sales line" }] }],
    });
    expect((await api(emu, "DELETE", `architect/ivrs/${String(ivr.id)}`)).status).toBe(409);
  });
});

it("dependency tracking lists the IVR config as a consumer of its flow and schedule group", async () => {
  await withEmulator({ port: 0 }, async (emu) => {
    const { sales, group, ivr } = await seed(emu);
    const consumers = async (id: string, objectType: string) =>
      (
        (
          await call<{ entities: Json[] }>(
            `${emu.url}/api/v2/architect/dependencytracking/consumingresources?id=${id}&objectType=${objectType}`,
            { token: emu.accessToken },
          )
        ).body.entities ?? []
      ).map((e) => `${String(e.type)} ${String(e.name)} ${String(e.id)}`);
    expect(await consumers(sales, "INBOUNDCALLFLOW")).toEqual([`IVRCONFIGURATION Sales line ${String(ivr.id)}`]);
    expect(await consumers(String(group.id), "SCHEDULEGROUP")).toEqual([
      `IVRCONFIGURATION Sales line ${String(ivr.id)}`,
    ]);
  });
});

it("persists the routing with the flows across a restart", async () => {
  const dir = mkdtempSync(join(tmpdir(), "routing-emu-"));
  const dataFile = join(dir, "org.json");
  try {
    const ids = await withEmulator({ port: 0, dataFile }, async (emu) => (await seed(emu)).ivr.id);
    await withEmulator({ port: 0, dataFile }, async (emu) => {
      expect((await api(emu, "GET", `architect/ivrs/${String(ids)}`)).body).toMatchObject({
        name: "Sales line",
        dnis: ["+13175550100"],
      });
      expect(emu.state().routing).toEqual({ schedule: 1, scheduleGroup: 1, ivr: 1, emergencyGroup: 0, didPool: 0 });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
