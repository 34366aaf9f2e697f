// The people guard (run/guards/people.ts) on a run with its reads handed in: a flow the stack
// deployed, a person's lock on it in the org (the emulator acting as Architect). Its hooks refuse the
// flow's publish in `up` with the whole text once and one line after, name it in preview without
// refusing, and make the delete of a routing object the files keep (a destroy) wait for destroy's
// decision over every flow: refused before anything is deleted. A create waits for the run's decision.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { peopleGuard } from "../../../run/guards/people";
import { guardRun, recordedState } from "../../../testkit/programRun";
import { publish } from "../../../testkit/emulator";
import { inboundCallYaml } from "../../../testkit/archyFlows";

let emu: RunningEmulator;
let flowId: string;
const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const SCHEDULE = "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n";

beforeAll(async () => {
  emu = await startEmulator({});
  flowId = (await publish(emu, inboundCallYaml("test-Sales"))).flow!.id;
  emu.setFaults({ locks: [{ flowName: "test-Sales", userName: "Dana Ops" }] });
});
afterAll(async () => {
  await emu.stop();
});

const deployedState = () => recordedState([{ id: "calls/sales", kind: "inboundCall", publishedName: "test-Sales", flowId, revision: "0".repeat(64) }]);

const runOf = () => guardRun(emu, { flows: { "calls/sales": CALL }, routing: { "schedules/weekdays.yaml": SCHEDULE }, settings: { namePrefix: "test-" }, state: deployedState() });
const change = (action: "create" | "update" | "delete", resource: "flow" | "routing", name: string, dryRun: boolean) => ({ action, resource, name, urn: `urn:${name}`, objectId: flowId, dryRun });

it("up: the publish of the locked flow is refused, with the whole text once, then one line", async () => {
  const output = { warn: jest.fn(), info: jest.fn() };
  const hooks = peopleGuard.hooks!(runOf().run, output);
  const first = await hooks.before!(change("update", "flow", "calls/sales", false)).catch((e: Error) => e.message);
  expect(first).toMatch(/STOP +test-Sales \(calls\/sales\): locked: checked out \(locked\) by Dana Ops/);
  expect(first).toContain("Stopped before anything publishes: 1 change people made would be overwritten or broken (above); nothing was published.");
  const again = await hooks.before!(change("update", "flow", "calls/sales", false)).catch((e: Error) => e.message);
  expect(again).toBe("stopped before anything changes in the org: what people changed would be overwritten or deleted (listed once above)");
  expect(output.warn).not.toHaveBeenCalled();
});

it("preview: named once as a warning, nothing refused", async () => {
  const output = { warn: jest.fn(), info: jest.fn() };
  const hooks = peopleGuard.hooks!(runOf().run, output);
  await hooks.before!(change("update", "flow", "calls/sales", true));
  await hooks.before!(change("update", "flow", "calls/sales", true));
  expect(output.warn).toHaveBeenCalledTimes(1);
  expect(output.warn.mock.calls[0][0]).toContain("up will stop before anything publishes");
});

it("destroy: the delete of a routing object the files keep waits for destroy's decision over every flow, and is refused", async () => {
  const hooks = peopleGuard.hooks!(runOf().run, { warn: jest.fn(), info: jest.fn() });
  await expect(hooks.before!(change("delete", "routing", "routing/schedules/weekdays", false))).rejects.toThrow(/STOP +test-Sales \(calls\/sales\): locked/);
  await expect(hooks.before!(change("delete", "flow", "calls/sales", false))).rejects.toThrow(/listed once above/);
});

it("a create waits for the run's decision: in up, refused when the run stops, so a stopped run creates nothing either", async () => {
  const hooks = peopleGuard.hooks!(runOf().run, { warn: jest.fn(), info: jest.fn() });
  await expect(hooks.before!(change("create", "flow", "calls/new", false))).rejects.toThrow(/STOP +test-Sales \(calls\/sales\): locked/);
  await expect(hooks.before!(change("create", "routing", "routing/schedules/weekdays", false))).rejects.toThrow(/listed once above/);
});
