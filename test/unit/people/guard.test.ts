// The people guard (run/people/guard.ts) on a run with its reads handed in: a flow the stack
// deployed, a person's lock on it in the org (the emulator acting as Architect). Its hooks refuse the
// flow's publish in `up` with the whole text once and one line after, name it in preview without
// refusing, and make the delete of a routing object the files keep (a destroy) wait for destroy's
// decision over every flow: refused before anything is deleted. A create waits for the run's decision.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { peopleGuard } from "../../../run/people/guard";
import { guardRun, recordedState } from "../../../testkit/programRun";
import { call, publish, signIn } from "../../../testkit/emulator";
import { inboundCallYaml } from "../../../testkit/archyFlows";
import { runChanges } from "../../../run/changes";

let emu: RunningEmulator;
let flowId: string;
const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const SCHEDULE =
  "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n";

beforeAll(async () => {
  emu = await startEmulator({});
  flowId = (await publish(emu, inboundCallYaml("test-Sales"))).flow!.id;
  emu.setFaults({ locks: [{ flowName: "test-Sales", userName: "Dana Ops" }] });
});
afterAll(async () => {
  await emu.stop();
});

const deployedState = () =>
  recordedState([
    { id: "calls/sales", kind: "inboundCall", publishedName: "test-Sales", flowId, revision: "0".repeat(64) },
  ]);

const runOf = () =>
  guardRun(emu, {
    flows: { "calls/sales": CALL },
    routing: { "schedules/weekdays.yaml": SCHEDULE },
    settings: { namePrefix: "test-" },
    state: deployedState(),
  });
const change = (
  action: "create" | "update" | "delete",
  resource: "flow" | "routing",
  name: string,
  dryRun: boolean,
) => ({ action, resource, name, urn: `urn:${name}`, objectId: flowId, dryRun });

it("up: the publish of the locked flow is refused, with the whole text once, then one line", async () => {
  const output = { warn: jest.fn(), info: jest.fn() };
  const hooks = peopleGuard.hooks!(runOf().run, output);
  const first = await hooks.before!(change("update", "flow", "calls/sales", false)).catch((e: Error) => e.message);
  expect(first).toMatch(/STOP +test-Sales \(calls\/sales\): locked: checked out \(locked\) by Dana Ops/);
  expect(first).toContain(
    "Stopped before anything publishes: 1 change people made would be overwritten or broken (above); nothing was published.",
  );
  const again = await hooks.before!(change("update", "flow", "calls/sales", false)).catch((e: Error) => e.message);
  expect(again).toBe(
    "stopped before anything changes in the org: what people changed would be overwritten or deleted (listed once above)",
  );
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
  await expect(hooks.before!(change("delete", "routing", "routing/schedules/weekdays", false))).rejects.toThrow(
    /STOP +test-Sales \(calls\/sales\): locked/,
  );
  await expect(hooks.before!(change("delete", "flow", "calls/sales", false))).rejects.toThrow(/listed once above/);
});

it("a create waits for the run's decision: in up, refused when the run stops, so a stopped run creates nothing either", async () => {
  const hooks = peopleGuard.hooks!(runOf().run, { warn: jest.fn(), info: jest.fn() });
  await expect(hooks.before!(change("create", "flow", "calls/new", false))).rejects.toThrow(
    /STOP +test-Sales \(calls\/sales\): locked/,
  );
  await expect(hooks.before!(change("create", "routing", "routing/schedules/weekdays", false))).rejects.toThrow(
    /listed once above/,
  );
});

describe("nothing pending is carried out unjudged (protected; a person renamed the flow and published it)", () => {
  const OPS = { id: "ops-client", secret: "ops-secret", name: "Architect" };
  const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
  const PROTECTED = { "prod-force-unlock": { enforcementLevel: "mandatory", environments: ["test"] } };
  const COMPONENT = "urn:pulumi:test::genesys-flows::genesys-flows:index:InteractionFlow";
  const FLOW_URN = `${COMPONENT}$genesyscloud:index/flow:Flow::calls/sales`;
  let org: RunningEmulator;
  let theirs: string;
  beforeAll(async () => {
    org = await startEmulator({ people: { clients: [OPS], users: [JANE] } });
    theirs = (await publish(org, inboundCallYaml("test-Sales"))).flow!.id;
    const jane = await signIn(org, {
      clientId: OPS.id,
      clientSecret: OPS.secret,
      username: JANE.username,
      password: JANE.password,
    });
    const renamed = await call(`${org.url}/api/v2/flows/${theirs}`, {
      method: "PUT",
      token: jane,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Sales (Jane)", type: "INBOUNDCALL" }),
    });
    expect(renamed.status).toBe(200);
    expect((await publish(org, inboundCallYaml("Sales (Jane)"), jane)).flow!.id).toBe(theirs);
  });
  afterAll(async () => {
    await org.stop();
  });
  const run = (state: string) =>
    guardRun(org, { flows: { "calls/sales": CALL }, settings: { namePrefix: "test-" }, policy: PROTECTED, state }).run;
  const janes = "published outside the stack: version 2\\.0 was published \\S+ by Jane Doe via Architect";
  const stack = (revision: string, flowId: string) =>
    recordedState([{ id: "calls/sales", kind: "inboundCall", publishedName: "test-Sales", flowId, revision }]);

  it("the create half of a replacement the plan did not foresee (a refresh read the new name) waits for its delete", async () => {
    // The files unchanged since the stack's deploy: the plan sees no change of calls/sales (only the engine's refresh
    // does). Refused on the delete's decision, nothing created.
    const revision = run("{}").portfolio().flows[0].revision;
    const r = run(stack(revision, theirs));
    expect((await runChanges(r)).map((c) => c.action)).toEqual(["same"]);
    const hooks = peopleGuard.hooks!(r, { warn: jest.fn(), info: jest.fn() });
    const create = { action: "create", resource: "flow", name: "calls/sales", urn: FLOW_URN, dryRun: false } as const;
    await expect(hooks.before!(create)).rejects.toThrow(new RegExp(`STOP +test-Sales \\(calls/sales\\): ${janes}`));
  });

  it("a delete the last run's guard refused, left pending in the state: judged like a new one, refused", async () => {
    const state = JSON.parse(stack("0".repeat(64), "new-flow")) as { deployment: { resources: unknown[] } };
    state.deployment.resources.push({
      urn: FLOW_URN,
      type: "genesyscloud:index/flow:Flow",
      id: theirs,
      parent: `${COMPONENT}::calls/sales`,
      delete: true,
      outputs: { name: "Sales (Jane)" },
      modified: "2026-11-27T10:00:00.000Z",
    });
    const r = run(JSON.stringify(state));
    const deletes = (await runChanges(r)).filter((c) => c.action === "delete");
    expect(deletes.map((c) => [c.flow, c.flowId])).toEqual([["calls/sales", theirs]]);
    const hooks = peopleGuard.hooks!(r, { warn: jest.fn(), info: jest.fn() });
    const remove = { action: "delete", resource: "flow", name: "calls/sales", urn: FLOW_URN, dryRun: false } as const;
    await expect(hooks.before!({ ...remove, objectId: theirs })).rejects.toThrow(
      new RegExp(`STOP +Sales \\(Jane\\) \\(calls/sales\\): ${janes}`),
    );
  });
});
