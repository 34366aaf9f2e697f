// Flow names are unique case-insensitively, as in Genesys: the emulator's publish upserts onto the
// active flow of that type and name in any case.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

it("publishing a name in another case upserts onto the same flow (a new version, same id)", async () => {
  const first = await publish(emu, inboundCallYaml("Case Test"));
  const second = await publish(emu, inboundCallYaml("CASE test"));
  expect(first.status).toBe("Success");
  expect(second.status).toBe("Success");
  expect(second.flow!.id).toBe(first.flow!.id);
  const flow = emu.store.getFlow(first.flow!.id)!;
  expect(flow.versions.map((v) => v.id)).toEqual(["1.0", "2.0"]);
  expect(emu.store.listFlows({ name: "case test" })).toHaveLength(1);
});
