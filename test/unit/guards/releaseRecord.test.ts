// The release guard (run/guards/releaseRecord.ts): what the release record reads comes from the run:
// the history the stack's state holds (one read of the state, shared with every other guard), where
// the run's files come from, and the org's client only when asked (after every flow published).
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { releaseGuard } from "../../../run/guards/releaseRecord";
import { guardRun } from "../../../testkit/programRun";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };

it("the history is the state's; nothing is signed in to until the record asks", async () => {
  const releases = [
    {
      id: "r1",
      commit: "abc1234",
      dirty: false,
      time: "2026-11-27T10:00:00.000Z",
      flows: { "calls/sales": { revision: "a".repeat(64) } },
    },
  ];
  const state = JSON.stringify({
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:test::genesys-flows::pulumi:pulumi:Stack::genesys-flows-test",
          type: "pulumi:pulumi:Stack",
          outputs: { releases },
        },
      ],
    },
  });
  const { run, events } = guardRun(emu, { flows: { "calls/sales": CALL }, state });
  const d = await releaseGuard.decide(run);
  expect(d.refusal).toBeUndefined();
  expect(d.product.source).toBe(run.source);
  const history = await d.product.history();
  expect(history.map((r) => r.id)).toEqual(["r1"]);
  expect(events).not.toContain("sign-in");
  await d.product.connect();
  expect(events.filter((e) => e === "state" || e === "sign-in").sort()).toEqual(["sign-in", "state"]);
});
