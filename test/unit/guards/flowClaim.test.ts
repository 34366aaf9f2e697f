// The claim guard (run/guards/flowClaim.ts): just before the engine creates a flow, its name is
// looked up in the org again. A name another stack took since the run started (its ownership check
// saw it free) refuses the create, naming the flow that holds it now; a free name, an adopted flow,
// an update or a preview are let through.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { flowClaimGuard } from "../../../run/guards/flowClaim";
import { ownershipGuard } from "../../../run/guards/ownership";
import { guardRun } from "../../../testkit/programRun";
import { publish } from "../../../testkit/emulator";
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
