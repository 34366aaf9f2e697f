// Divisions as Genesys's spec serves them (/api/v2/authorization/divisions, .../home, .../{id}) and
// objects keeping the division they are written with: a schedule written into a division answers
// with it (not always "Home"), an update without one keeps it, a division the org lacks is refused,
// and a division still holding objects cannot be deleted.
import type { RunningEmulator } from "../../emulator/server";
import { call, publishOk, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

interface Division {
  id: string;
  name: string;
  description: string;
  homeDivision: boolean;
  objectCounts?: Record<string, number>;
  selfUri: string;
}
type Page<T> = { entities: T[]; total: number; pageCount: number };

const api = <T = Record<string, unknown>>(emu: RunningEmulator, method: string, path: string, body?: unknown) =>
  call<T>(`${emu.url}/api/v2/${path}`, {
    method,
    token: emu.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });

const WEEKDAYS = {
  start: "2026-01-05T08:00:00.000000",
  end: "2026-01-05T18:00:00.000000",
  rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
};

it("serves the home division, lists divisions with the spec's filters, and creates, renames and deletes them", async () => {
  await withEmulator({ org: { divisions: ["Support Team", { name: "Billing Team" }] } }, async (emu) => {
    const home = await api<Division>(emu, "GET", "authorization/divisions/home");
    expect(home.status).toBe(200);
    expect(home.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Home",
      description: expect.any(String),
      homeDivision: true,
      selfUri: `/api/v2/authorization/divisions/${home.body.id}`,
    });

    const all = await api<Page<Division>>(emu, "GET", "authorization/divisions");
    expect(all.body.entities.map((d) => [d.name, d.homeDivision])).toEqual([
      ["Home", true],
      ["Billing Team", false],
      ["Support Team", false],
    ]);
    const byName = await api<Page<Division>>(emu, "GET", "authorization/divisions?name=support%20team");
    expect(byName.body.entities.map((d) => d.name)).toEqual(["Support Team"]);
    const support = byName.body.entities[0];
    const byId = await api<Page<Division>>(emu, "GET", `authorization/divisions?id=${home.body.id}&id=${support.id}`);
    expect(byId.body.entities.map((d) => d.name)).toEqual(["Home", "Support Team"]);
    const paged = await api<Page<Division>>(emu, "GET", "authorization/divisions?pageSize=2&pageNumber=2");
    expect([paged.body.total, paged.body.pageCount, paged.body.entities.map((d) => d.name)]).toEqual([
      3,
      2,
      ["Support Team"],
    ]);
    expect((await api(emu, "GET", "authorization/divisions?objectCount=maybe")).status).toBe(400);

    const created = await api<Division>(emu, "POST", "authorization/divisions", {
      name: "Night Shift",
      description: "after hours",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: "Night Shift", description: "after hours", homeDivision: false });
    expect((await api(emu, "POST", "authorization/divisions", { name: "night shift", description: "" })).status).toBe(
      409,
    );
    expect((await api(emu, "POST", "authorization/divisions", { description: "no name" })).status).toBe(400);
    expect((await api<Division>(emu, "GET", `authorization/divisions/${created.body.id}`)).body.name).toBe(
      "Night Shift",
    );
    const renamed = await api<Division>(emu, "PUT", `authorization/divisions/${created.body.id}`, {
      name: "Night Team",
      description: "renamed",
    });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: "Night Team" });
    // Home may be renamed and described (the provider's home division does), never deleted; the org file's are read-only.
    expect(
      (
        await api<Division>(emu, "PUT", `authorization/divisions/${home.body.id}`, {
          name: "Main",
          description: "ours",
        })
      ).body,
    ).toMatchObject({ id: home.body.id, name: "Main", homeDivision: true });
    expect((await api<Division>(emu, "GET", "authorization/divisions/home")).body.name).toBe("Main");
    expect(
      (await api(emu, "PUT", `authorization/divisions/${support.id}`, { name: "Support", description: "" })).status,
    ).toBe(409);
    expect((await api(emu, "DELETE", `authorization/divisions/${home.body.id}`)).status).toBe(409);
    expect((await api(emu, "DELETE", `authorization/divisions/${created.body.id}`)).status).toBe(204);
    expect((await api(emu, "GET", `authorization/divisions/${created.body.id}`)).status).toBe(404);
  });
});

it("a schedule keeps the division it is written with; an unknown division is refused; a division in use is not deleted", async () => {
  await withEmulator({}, async (emu) => {
    const night = (
      await api<Division>(emu, "POST", "authorization/divisions", { name: "Night Shift", description: "" })
    ).body;
    const schedule = await api<{ id: string; division: { id: string; name: string } }>(
      emu,
      "POST",
      "architect/schedules",
      { name: "Nights", ...WEEKDAYS, division: { id: night.id } },
    );
    expect(schedule.status).toBe(200);
    expect(schedule.body.division).toEqual({
      id: night.id,
      name: "Night Shift",
      selfUri: `/api/v2/authorization/divisions/${night.id}`,
    });
    // An update without a division keeps it; one naming Home moves it.
    const updated = await api<{ division: { name: string }; version: number }>(
      emu,
      "PUT",
      `architect/schedules/${schedule.body.id}`,
      { name: "Nights", ...WEEKDAYS, description: "changed" },
    );
    expect(updated.body.division.name).toBe("Night Shift");
    expect(
      (
        await api(emu, "POST", "architect/schedules", {
          name: "Lost",
          ...WEEKDAYS,
          division: { id: "no-such-division" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api<{ division: { name: string } }>(emu, "POST", "architect/schedules", { name: "Days", ...WEEKDAYS }))
        .body.division.name,
    ).toBe("Home");

    const counted = await api<Division>(emu, "GET", `authorization/divisions/${night.id}?objectCount=true`);
    expect(counted.body.objectCounts).toEqual({ flow: 0, routing: 1 });
    expect((await api(emu, "DELETE", `authorization/divisions/${night.id}`)).status).toBe(400);

    const home = (await api<Division>(emu, "GET", "authorization/divisions/home")).body;
    await api(emu, "PUT", `architect/schedules/${schedule.body.id}`, {
      name: "Nights",
      ...WEEKDAYS,
      division: { id: home.id },
    });
    expect((await api(emu, "DELETE", `authorization/divisions/${night.id}`)).status).toBe(204);
  });
});

it("a flow is in the division its Archy file names, under that division's id", async () => {
  await withEmulator({ org: { divisions: ["Support Team"] } }, async (emu) => {
    const job = await publishOk(emu, inboundCallYaml("Team Line").replace("division: Home", "division: Support Team"));
    const flow = await api<{ division: { id: string; name: string } }>(emu, "GET", `flows/${job.flow.id}`);
    const support = (await api<Page<Division>>(emu, "GET", "authorization/divisions?name=Support%20Team")).body
      .entities[0];
    expect(flow.body.division).toMatchObject({ id: support.id, name: "Support Team" });
    expect(
      (await api<Division>(emu, "GET", `authorization/divisions/${support.id}?objectCount=true`)).body.objectCounts,
    ).toEqual({ flow: 1, routing: 0 });
  });
});
