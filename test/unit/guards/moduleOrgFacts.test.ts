// The guard of the org's facts about changing modules (run/guards/moduleOrgFacts.ts): read only
// when a module the stack deployed changes in this run, then what the org says of it (dependency
// tracking's status, the callers outside the stack) is the product the module components register
// for the policy pack; a run that changes no deployed module signs in for nothing.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { moduleOrgFactsGuard } from "../../../run/guards/moduleOrgFacts";
import { guardRun, recordedState } from "../../../testkit/programRun";
import { callFlow, lookupModule } from "../../../testkit/portfolio";
import { publish } from "../../../testkit/emulator";
import { commonModuleYaml } from "../../../testkit/archyFlows";

let emu: RunningEmulator;
let moduleId: string;
beforeAll(async () => {
  emu = await startEmulator({ org: { queues: [{ name: "Support" }] } });
  moduleId = (await publish(emu, commonModuleYaml("test-Lookup"))).flow!.id;
});
afterAll(async () => {
  await emu.stop();
});

const flows = { "modules/lookup": lookupModule(), "calls/main": callFlow("Main") };

/** A state in which the stack deployed the module as `revision` (the plan's differs: the module changes). */
const stateWithModule = (revision: string) =>
  recordedState([
    { id: "modules/lookup", kind: "commonModule", publishedName: "test-Lookup", flowId: moduleId, revision },
  ]);

it("no module the stack deployed changes (a first deploy): nothing is read", async () => {
  const { run, events } = guardRun(emu, { flows, settings: { namePrefix: "test-" } });
  const d = await moduleOrgFactsGuard.decide(run);
  expect(d.product).toBeUndefined();
  expect(events).not.toContain("sign-in");
});

it("a deployed module changes: the org's facts about it are the product", async () => {
  const { run, events } = guardRun(emu, {
    flows,
    settings: { namePrefix: "test-" },
    state: stateWithModule("0".repeat(64)),
  });
  const d = await moduleOrgFactsGuard.decide(run);
  expect(d.notes ?? []).toEqual([]);
  expect(d.product).toMatchObject({
    dependencyTracking: "OPERATIONAL",
    modules: { "modules/lookup": { outsideCallers: [] } },
  });
  expect(events.filter((e) => e === "sign-in")).toEqual(["sign-in"]);
});
