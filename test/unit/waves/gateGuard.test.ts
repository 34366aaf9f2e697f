// The waves guard (run/waves/gateGuard.ts): a stack without waves and without a rollout on record
// has nothing to say and reads no state for it; waves the files contradict (a caller the module
// does not have) refuse the run before anything registers, naming the stack file's key; and its
// hook lets every change of a flow no rollout holds through, in preview and up alike.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { waveGateGuard } from "../../../run/waves/gateGuard";
import { guardRun } from "../../../testkit/programRun";
import { callFlow, lookupModule } from "../../../testkit/portfolio";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const flows = { "modules/lookup": lookupModule(), "calls/a": callFlow("A"), "calls/b": callFlow("B") };
const output = { warn: jest.fn(), info: jest.fn() };

it("no waves and no rollout on record: no product, nothing said", async () => {
  const { run } = guardRun(emu, { flows });
  const d = await waveGateGuard.decide(run);
  expect(d).toEqual({ notes: [], product: undefined });
});

it("waves naming a flow that does not call the module: refused, naming the stack file's key", async () => {
  const { run } = guardRun(emu, { flows, settings: { waves: { "modules/lookup": [{ flows: ["calls/nowhere"] }] } } });
  const d = await waveGateGuard.decide(run);
  expect(d.refusal).toMatch(
    /^a module rollout in waves refuses this run:\n {2}Pulumi\.test\.yaml.*genesys-flows:waves\.modules\/lookup\[0\]\.flows\[0\]/s,
  );
});

it("the hook lets a flow no rollout holds through, in preview and up", async () => {
  const { run } = guardRun(emu, { flows, settings: { waves: { "modules/lookup": [{ flows: ["calls/a"] }] } } });
  const hooks = waveGateGuard.hooks!(run, output);
  for (const dryRun of [true, false])
    await expect(
      hooks.before!({ action: "update", resource: "flow", name: "calls/b", urn: "urn:x", dryRun }),
    ).resolves.toBeUndefined();
  expect(output.warn).not.toHaveBeenCalled();
});
