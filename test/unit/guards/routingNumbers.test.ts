// The routing guard (run/guards/routingNumbers.ts): routing files that do not check refuse the run
// before the org is read; a stack that routes no number signs in for nothing; one that routes
// numbers reads the org's IVR configs and refuses a number an IVR config outside the stack routes.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { routingGuard } from "../../../run/guards/routingNumbers";
import { guardRun } from "../../../testkit/programRun";
import { call } from "../../../testkit/emulator";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
  const made = await call(`${emu.url}/api/v2/architect/ivrs`, {
    method: "POST",
    token: emu.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Someone else's line", dnis: ["+13175550100"] }),
  });
  if (made.status !== 200) throw new Error(`IVR config not made: ${made.status}`);
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const flows = { "calls/sales": CALL };
const SCHEDULE =
  "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n";

it("routing without numbers: the plan is the product, and nothing is read from the org", async () => {
  const { run, events } = guardRun(emu, { flows, routing: { "schedules/weekdays.yaml": SCHEDULE } });
  const d = await routingGuard.decide(run);
  expect(d.refusal).toBeUndefined();
  expect(d.product.objects.map((o) => o.id)).toEqual(["schedules/weekdays"]);
  expect(events).not.toContain("sign-in");
});

it("a routing file that does not check: refused, located, before the org is read", async () => {
  const { run, events } = guardRun(emu, {
    flows,
    routing: { "ivr/line.yaml": 'kind: ivr\nname: Line\nnumbers: ["+13175550199"]\nflows:\n  open: calls/nowhere\n' },
  });
  const d = await routingGuard.decide(run);
  expect(d.refusal).toMatch(/^routing files are not valid:\n.*routing\/ivr\/line\.yaml:\d+/);
  expect(d.refusal).toContain("calls/nowhere");
  expect(events).not.toContain("sign-in");
});

it("a number an IVR config outside the stack routes: refused, naming it", async () => {
  const { run } = guardRun(emu, {
    flows,
    routing: { "ivr/line.yaml": 'kind: ivr\nname: Line\nnumbers: ["+13175550100"]\nflows:\n  open: calls/sales\n' },
  });
  const d = await routingGuard.decide(run);
  expect(d.refusal).toContain("+13175550100");
  expect(d.refusal).toContain("Someone else's line");
});
