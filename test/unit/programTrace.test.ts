// One run, one plan: the program on a stack whose deployed module changes (so every guard reads:
// ownership looks names up, the module's org facts are read for the pack, people are read for the
// flows it publishes) plans the portfolio once, reads the state once and signs in once, counted by
// the run's trace and by every call of the planner (none outside the run's count). Under Pulumi
// mocks, the org an emulator on 127.0.0.1.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import * as planner from "../../planner/portfolio";
import { RUN_TRACE_ENV } from "../../run/trace";
import type { RunningEmulator } from "../../emulator/server";
import { installMocks, valueOf } from "../../testkit/pulumiMocks";
import { callFlow, flowText, lookupModule, tempProject } from "../../testkit/portfolio";
import { emulatorFor, emulatorRunIo, recordedState } from "../../testkit/programRun";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

const STACK = "test";

const root = tempProject({
  "flows/modules/lookup.yaml": flowText(lookupModule()),
  "flows/calls/main.yaml": flowText(callFlow("Main")),
  [`Pulumi.${STACK}.yaml`]: YAML.stringify({
    config: { "genesys-flows:environment": "test", "genesys-flows:namePrefix": "test-" },
  }),
  "policies/config/test.json": "{}",
});
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulatorFor(root, STACK);
});
afterAll(async () => {
  await emu.stop();
});

it("a deployed module changes: one plan, one state read, one sign-in", async () => {
  const moduleId = (await publish(emu, commonModuleYaml("test-Lookup"))).flow!.id;
  const mainId = (await publish(emu, inboundCallYaml("test-Main"))).flow!.id;
  const state = recordedState(
    [
      {
        id: "modules/lookup",
        kind: "commonModule",
        publishedName: "test-Lookup",
        flowId: moduleId,
        revision: "0".repeat(64),
      },
      {
        id: "calls/main",
        kind: "inboundCall",
        publishedName: "test-Main",
        flowId: mainId,
        revision: "1".repeat(64),
        calls: ["modules/lookup"],
      },
    ],
    STACK,
  );
  const trace = path.join(root, "trace.jsonl");
  process.env[RUN_TRACE_ENV] = trace;
  const plans = jest.spyOn(planner, "planPortfolio");
  try {
    const session = await installMocks(STACK);
    pulumi.runtime.setAllConfig({ "genesys-flows:environment": "test", "genesys-flows:namePrefix": "test-" });
    const { runProgram } = await import("../../components/program");
    const { engineRun } = await import("../../run/engineRun");
    const result = await runProgram(engineRun(root, { ...emulatorRunIo(emu, STACK), readExport: async () => state }));
    await Promise.all([...result.summary.map((f) => valueOf(f.flowId)), valueOf(result.releases)]);
    await session.settled();
  } finally {
    delete process.env[RUN_TRACE_ENV];
  }
  const events = fs
    .readFileSync(trace, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { event: string }).event);
  const counts = Object.fromEntries(
    ["settings", "plan", "state", "sign-in"].map((e) => [e, events.filter((x) => x === e).length]),
  );
  expect(counts).toEqual({ settings: 1, plan: 1, state: 1, "sign-in": 1 });
  expect(plans).toHaveBeenCalledTimes(1);
});
