// The claim guard (run/ownership/claimGuard.ts) where the org gives a flow created by name a version at once
// (project/assumptions.yaml claimUnversioned=versioned; the emulator's model gives it none, and the
// guard's own tests run under that). The 409 of the create still makes one winner; what changes is that
// a created flow with a version is no claim to the tool (ownership/claim.ts), so one a stopped run left
// is not taken over: each run is refused naming it, and nothing is published, until it is deleted.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { flowClaimGuard } from "../../../run/ownership/claimGuard";
import { ownershipGuard } from "../../../run/ownership/guard";
import { guardRun } from "../../../testkit/programRun";
import { call } from "../../../testkit/emulator";
import { claimDescription, claimNameOf } from "../../../ownership/claim";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ behave: { claimUnversioned: "versioned" } });
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const output = { warn: jest.fn(), info: jest.fn() };
const create = {
  action: "create" as const,
  resource: "flow" as const,
  name: "calls/sales",
  urn: "urn:x",
  dryRun: false,
};
const runOf = (namePrefix: string) => guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix } }).run;
const named = async (name: string) => {
  const url = `${emu.url}/api/v2/flows?name=${encodeURIComponent(name)}&type=inboundcall`;
  type Listed = { id: string; name: string; checkedInVersion?: unknown };
  const listed = await call<{ entities: Listed[] }>(url, { token: emu.accessToken });
  return listed.body.entities.filter((f) => f.name === name);
};

it("claimUnversioned=versioned: two runs at once, one claims, the other is refused naming the held flow", async () => {
  const [a, b] = [runOf("race-"), runOf("race-")];
  for (const run of [a, b]) expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  const outcomes = await Promise.allSettled([a, b].map((run) => flowClaimGuard.hooks!(run, output).before!(create)));
  expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
  const [held] = await named(claimNameOf("race-Sales", "INBOUNDCALL"));
  expect(held.checkedInVersion).toMatchObject({ id: "1.0", type: "CHECKIN" });
  const refusal = (outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message as string;
  expect(refusal).toContain("refused before race-Sales is created: another run claimed the name first");
  expect(refusal).toContain(`its claim, flow ${held.id}`);
  expect(await named("race-Sales")).toEqual([]);
  emu.store.claims.drop(held.id);
});

it("claimUnversioned=versioned: a left claim is not taken over; runs are refused naming it until deleted", async () => {
  const claimName = claimNameOf("left-Sales", "INBOUNDCALL");
  const description = claimDescription("test", "0ld0ld00", Date.now() - 10 * 60_000);
  const left = await call<{ id: string }>(`${emu.url}/api/v2/flows`, {
    method: "POST",
    token: emu.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: claimName, type: "INBOUNDCALL", description }),
  });
  for (let i = 0; i < 2; i++) {
    const run = runOf("left-");
    expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
    const refused = expect(flowClaimGuard.hooks!(run, output).before!(create)).rejects;
    await refused.toThrow(`its claim, flow ${left.body.id} "${claimName}", is held`);
    expect(await named("left-Sales")).toEqual([]);
  }
  // Deleted in Architect (by its creator here), the next run claims the name.
  const deleted = await call(`${emu.url}/api/v2/flows/${left.body.id}`, { method: "DELETE", token: emu.accessToken });
  expect(deleted.status).toBe(204);
  await flowClaimGuard.hooks!(runOf("left-"), output).before!(create);
  const [now] = await named(claimName);
  expect(now.id).not.toBe(left.body.id);
  emu.store.claims.drop(now.id);
});
