// The org-reference guard (run/guards/orgReferences.ts): a flow this run publishes that names a queue
// the org lacks refuses the run, located and naming the org; the objects the stack's own routing
// makes count as there; skipOrgReferenceCheck is a warning and reads nothing; a run that publishes
// nothing (the state already has every flow as planned) reads nothing either.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { orgReferencesGuard } from "../../../run/guards/orgReferences";
import { guardRun } from "../../../testkit/programRun";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ org: { queues: [{ name: "General" }] } });
});
afterAll(async () => {
  await emu.stop();
});

const toQueue = (queue: string) => ({
  kind: "inboundCall",
  name: "Sales",
  start: "Transfer",
  nodes: { Transfer: { type: "transferToQueue", queue, transitions: { failure: "Bye" } }, Bye: { type: "disconnect" } },
});

it("a queue the org has: nothing to refuse", async () => {
  const { run } = guardRun(emu, { flows: { "calls/sales": toQueue("General") } });
  expect((await orgReferencesGuard.decide(run)).refusal).toBeUndefined();
});

it("a queue the org lacks: refused, located in the flow file, naming the org", async () => {
  const { run } = guardRun(emu, { flows: { "calls/sales": toQueue("Nowhere") } });
  const d = await orgReferencesGuard.decide(run);
  expect(d.refusal).toMatch(
    /^a flow names an org object that gateway http:\/\/127\.0\.0\.1:\d+ .* does not have; nothing was published:\n {2}flows\/calls\/sales\.yaml: node "Transfer".*queue "Nowhere"/s,
  );
});

it("skipOrgReferenceCheck: a warning naming the reason, no sign-in", async () => {
  const { run, events } = guardRun(emu, {
    flows: { "calls/sales": toQueue("Nowhere") },
    settings: { skipOrgReferenceCheck: "the queue is made tonight" },
  });
  const d = await orgReferencesGuard.decide(run);
  expect(d.refusal).toBeUndefined();
  expect(d.notes).toEqual([
    {
      level: "warn",
      text: expect.stringContaining('(genesys-flows:skipOrgReferenceCheck: "the queue is made tonight")'),
    },
  ]);
  expect(events).not.toContain("sign-in");
});
