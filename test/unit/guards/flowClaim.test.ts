// The claim guard (run/guards/flowClaim.ts): just before the engine creates a flow, its name is
// looked up in the org again. A name another stack took since the run started (its ownership check
// saw it free) refuses the create, naming the flow that holds it now; a free name, an adopted flow,
// an update or a preview are let through. Two runs creating one name at once: the org's create by
// name (POST /api/v2/flows) lets one claim it; a claim a stopped run left is taken over.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { flowClaimGuard } from "../../../run/guards/flowClaim";
import { ownershipGuard } from "../../../run/guards/ownership";
import { guardRun } from "../../../testkit/programRun";
import { call, publish } from "../../../testkit/emulator";
import { claimDescription } from "../../../ownership/claim";
import { inboundCallYaml } from "../../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const output = { warn: jest.fn(), info: jest.fn() };
const create = (dryRun = false) => ({ action: "create" as const, resource: "flow" as const, name: "calls/sales", urn: "urn:x", dryRun });

it("a name taken by another run after this run's start: the create is refused, naming the flow that holds it", async () => {
  const { run } = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "race-" } });
  // The run starts: the name is free.
  expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  // Another stack creates it meanwhile.
  const theirs = (await publish(emu, inboundCallYaml("race-Sales"))).flow!.id;
  const hooks = flowClaimGuard.hooks!(run, output);
  await expect(hooks.before!(create(true))).resolves.toBeUndefined();
  const refused = await hooks.before!(create()).catch((e: Error) => e.message);
  expect(refused).toMatch(/^refused before race-Sales is created: its name was taken in the org since this run started/);
  expect(refused).toContain(`flow ${theirs}`);
});

it("a name still free, and an update, are let through", async () => {
  const { run } = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "free-" } });
  const hooks = flowClaimGuard.hooks!(run, output);
  await expect(hooks.before!(create())).resolves.toBeUndefined();
  await expect(hooks.before!({ ...create(), action: "update" })).resolves.toBeUndefined();
});

const flowsNamed = async (name: string) =>
  (await call<{ entities: Array<{ id: string; description?: string; publishedVersion?: unknown; lockedClient?: { id: string } }> }>(`${emu.url}/api/v2/flows?name=${encodeURIComponent(name)}&type=inboundcall`, { token: emu.accessToken })).body.entities;

it("two stacks creating one name at once: one claims it at the org, the other is refused naming that flow; the winner's publish lands on its claim", async () => {
  const a = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "both-" } }).run;
  const b = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "both-" } }).run;
  expect((await ownershipGuard.decide(a)).refusal).toBeUndefined();
  expect((await ownershipGuard.decide(b)).refusal).toBeUndefined();
  const outcomes = await Promise.allSettled([flowClaimGuard.hooks!(a, output).before!(create()), flowClaimGuard.hooks!(b, output).before!(create())]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
  const [claimed] = await flowsNamed("both-Sales");
  expect(claimed).toMatchObject({ description: expect.stringMatching(/^genesys-flows claim by stack test \(run \w+\) at /), lockedClient: { id: emu.clientId } });
  expect(claimed.publishedVersion).toBeUndefined();
  const refused = (outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message as string;
  expect(refused).toMatch(/^refused before both-Sales is created: another run claimed the name first/);
  expect(refused).toContain(`flow ${claimed.id} "both-Sales" (claimed by a run of stack test at `);
  // The provider's publish job, signed in as the stack's client, configures the claimed flow.
  expect((await publish(emu, inboundCallYaml("both-Sales"))).flow!.id).toBe(claimed.id);
  expect(await flowsNamed("both-Sales")).toEqual([expect.objectContaining({ id: claimed.id, publishedVersion: expect.objectContaining({ id: "1.0" }) })]);
});

it("a claim a stopped run left unpublished: a young one is another run's (refused at the start), an old one is taken over", async () => {
  const leave = async (name: string, minutesAgo: number) =>
    (await call<{ id: string }>(`${emu.url}/api/v2/flows`, {
      method: "POST",
      token: emu.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, type: "INBOUNDCALL", description: claimDescription("test", "0ld0ld00", Date.now() - minutesAgo * 60_000) }),
    })).body.id;
  await leave("young-Sales", 1);
  const young = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "young-" } }).run;
  expect((await ownershipGuard.decide(young)).refusal).toMatch(/\(claimed by a run of stack test at .*, which publishes it next/);

  const old = await leave("old-Sales", 10);
  const run = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "old-" } }).run;
  expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  await flowClaimGuard.hooks!(run, output).before!(create());
  const [now] = await flowsNamed("old-Sales");
  expect(now.id).not.toBe(old);
  expect(now.description).not.toContain("0ld0ld00");
});

it("claimNewNames: false (an org whose jobs would not configure a flow created by name): the name is looked up, not claimed", async () => {
  const { run } = guardRun(emu, { flows: { "calls/sales": CALL }, settings: { namePrefix: "unclaimed-", claimNewNames: false } });
  await flowClaimGuard.hooks!(run, output).before!(create());
  expect(await flowsNamed("unclaimed-Sales")).toEqual([]);
});
