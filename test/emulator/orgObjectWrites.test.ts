// The org objects a flow names, written over the org file (emulator/orgObjectStore.ts): a write
// changes what the API lists and what a strict publish knows by name, a name taken by the org
// file's objects is refused with 409, what was written outlives a restart on the same data file
// and org file, and a reset forgets it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { OrgFileInput } from "../../project/orgFile";
import { architectCall } from "../../testkit/architectFlow";
import { call, publish } from "../../testkit/emulator";

const ORG: OrgFileInput = { queues: ["Support", "Sales"] };
let dir: string;
let emu: RunningEmulator;

const api = (path: string, method = "GET", body?: unknown) =>
  call<Record<string, unknown>>(`${emu.url}/api/v2/${path}`, {
    method,
    token: emu.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
const queueNames = async () =>
  ((await api("routing/queues")).body.entities as Array<{ name: string }>).map((q) => q.name);
const start = () => startEmulator({ org: ORG, strict: true, dataFile: join(dir, "org.json") });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "org-writes-"));
  emu = await start();
});
afterEach(async () => {
  await emu.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("a write over the org file's objects changes the list and what a strict publish knows", async () => {
  const support = ((await api("routing/queues?name=Support")).body.entities as Array<{ id: string }>)[0].id;
  expect((await api(`routing/queues/${support}`, "PUT", { name: "First line" })).status).toBe(200);
  const created = await api("routing/queues", "POST", { name: "Billing" });
  expect(created.status).toBe(200);
  expect(await queueNames()).toEqual(["Billing", "First line", "Sales"]);
  // The strict publish checks the flow's queue against the org as written now.
  expect((await publish(emu, architectCall("Main", "Support"))).status).toBe("Failure");
  expect((await publish(emu, architectCall("Main", "First line"))).status).toBe("Success");
  expect((await publish(emu, architectCall("Billing line", "Billing"))).status).toBe("Success");
});

it("refuses a name the org file's objects hold (409 general.conflict), and a write the spec's shape refuses (400)", async () => {
  const taken = await api("routing/queues", "POST", { name: "SALES" });
  expect({ status: taken.status, code: taken.body.code, message: taken.body.message }).toEqual({
    status: 409,
    code: "general.conflict",
    message: expect.stringMatching(/^A queue named "SALES" already exists/),
  });
  const wrong = await api("routing/queues", "POST", { name: "Billing", skillEvaluationMethod: "SOME" });
  expect({ status: wrong.status, message: wrong.body.message }).toEqual({
    status: 400,
    message: "Invalid CreateQueueRequest: Field 'skillEvaluationMethod' must be one of NONE, BEST, ALL, not \"SOME\"",
  });
  expect(
    emu.requestLog
      .list()
      .filter((e) => e.refused)
      .map((e) => [e.status, e.refused!.code]),
  ).toEqual([
    [409, "general.conflict"],
    [400, "bad.request"],
  ]);
});

it("keeps what was written across a restart on the same data file and org file, and forgets it on reset", async () => {
  const sales = ((await api("routing/queues?name=Sales")).body.entities as Array<{ id: string }>)[0].id;
  expect((await api(`routing/queues/${sales}`, "DELETE")).status).toBe(200);
  await api("routing/queues", "POST", { name: "Billing" });
  await emu.stop();
  emu = await start();
  expect(await queueNames()).toEqual(["Billing", "Support"]);
  expect((await api(`routing/queues/${sales}`)).status).toBe(404);
  emu.reset();
  expect(await queueNames()).toEqual(["Sales", "Support"]);
});
