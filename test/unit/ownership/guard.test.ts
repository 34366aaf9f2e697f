// The ownership guard (run/ownership/guard.ts) on a run with its reads handed in: an emulator on
// 127.0.0.1 as the org, the state as text. It reads the state and signs in once, refuses a new flow
// whose name the org holds outside the stack (naming the org's flow and the adoption that would take
// it over), refuses an org other than the one the state recorded, and says when it cannot check.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { ownershipGuard } from "../../../run/ownership/guard";
import { guardRun } from "../../../testkit/programRun";
import { call, publish } from "../../../testkit/emulator";
import { inboundCallYaml } from "../../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const flows = { "calls/sales": CALL };
const stateOf = (outputs: Record<string, unknown>) =>
  JSON.stringify({
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:test::genesys-flows::pulumi:pulumi:Stack::genesys-flows-test",
          type: "pulumi:pulumi:Stack",
          outputs,
        },
      ],
    },
  });

it("a new name the org does not hold: no refusal; the org reached is the product; one state read, one sign-in", async () => {
  const { run, events } = guardRun(emu, { flows, settings: { namePrefix: "free-" } });
  const d = await ownershipGuard.decide(run);
  expect(d.refusal).toBeUndefined();
  expect(d.product.org).toEqual({ id: expect.any(String), name: "Genesys Flows Local Emulator" });
  expect(events.filter((e) => e === "state" || e === "sign-in").sort()).toEqual(["sign-in", "state"]);
});

it("a new name a flow made by hand holds: refused, naming the org's flow and the adoption", async () => {
  const made = await publish(emu, inboundCallYaml("taken-Sales"));
  const { run } = guardRun(emu, { flows, settings: { namePrefix: "taken-" } });
  const d = await ownershipGuard.decide(run);
  expect(d.refusal).toContain(
    `flows/calls/sales.yaml (flow calls/sales) publishes "taken-Sales" (INBOUNDCALL), but the org already has flow ${made.flow!.id}`,
  );
  expect(d.refusal).toContain(`flows.calls/sales.adopt: ${made.flow!.id}`);
});

it("a new routing object whose name the org holds outside the stack: refused, naming it and the adoption", async () => {
  // Another checkout's schedule of that name.
  const rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
  const SCHEDULE = `kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: ${rrule}\n`;
  const input = { flows, routing: { "schedules/weekdays.yaml": SCHEDULE }, settings: { namePrefix: "sched-" } };
  expect((await ownershipGuard.decide(guardRun(emu, input).run)).refusal).toBeUndefined();
  const body = { name: "sched-Weekdays", start: "2026-01-05T08:00:00.000", end: "2026-01-05T18:00:00.000", rrule };
  const made = await call<{ id: string }>(`${emu.url}/api/v2/architect/schedules`, {
    method: "POST",
    token: emu.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(made.status).toBe(200);
  const taken = (await ownershipGuard.decide(guardRun(emu, input).run)).refusal;
  expect(taken).toContain(
    'routing/schedules/weekdays.yaml (routing schedules/weekdays) creates the schedule "sched-Weekdays", ' +
      `but the org already has schedule ${made.body.id} "sched-Weekdays", which this stack does not manage`,
  );
  const adopt = `set objects.schedules/weekdays.adopt: ${made.body.id} under genesys-flows:routing in Pulumi.test.yaml`;
  expect(taken).toContain(adopt);
});

it("a state that recorded another org: refused before any name is looked up", async () => {
  const { run } = guardRun(emu, {
    flows,
    settings: { namePrefix: "other-" },
    state: stateOf({ org: { id: "another-org", name: "Another" } }),
  });
  const d = await ownershipGuard.decide(run);
  expect(d.refusal).toContain(`stack "test" deployed to org`);
  expect(d.refusal).toContain("refusing to deploy there (nothing was registered)");
});

it("a state that does not read: refused, saying what could not be checked", async () => {
  const { run } = guardRun(emu, { flows, state: "not json" });
  expect((await ownershipGuard.decide(run)).refusal).toMatch(
    /^cannot check that the stack's new flow names are free in the org \(reading the stack's state\)/,
  );
});

/**
 * A person's flow named like the stack's but for case, under `nameCase` (project/assumptions.yaml): the
 * run is refused before it publishes either way, and what a publish would have done shows why.
 */
async function caseTwin(
  nameCase: "insensitive" | "sensitive",
): Promise<{ refusal?: string; theirs: string; publishedOnto: string }> {
  const org = await startEmulator({ behave: { nameCase } });
  try {
    const theirs = (await publish(org, inboundCallYaml("CASE-SALES"))).flow!.id;
    const { run } = guardRun(org, { flows, settings: { namePrefix: "case-" } });
    const { refusal } = await ownershipGuard.decide(run);
    expect(org.store.getFlow(theirs)!.versions).toHaveLength(1);
    // What the org would do with the stack's publish, had the run gone on.
    const publishedOnto = (await publish(org, inboundCallYaml("case-Sales"))).flow!.id;
    return { ...(refusal !== undefined ? { refusal } : {}), theirs, publishedOnto };
  } finally {
    await org.stop();
  }
}

it("nameCase=insensitive: a person's flow named like the stack's but for case stops the run before it publishes, their flow untouched", async () => {
  const { refusal, theirs, publishedOnto } = await caseTwin("insensitive");
  expect(refusal).toContain(
    `publishes "case-Sales" (INBOUNDCALL), but the org already has flow ${theirs} "CASE-SALES"`,
  );
  expect(publishedOnto).toBe(theirs); // the publish would have overwritten theirs
});

it("nameCase=sensitive: a person's flow named like the stack's but for case stops the run the same way (the tool reads names case-insensitively)", async () => {
  const { refusal, theirs, publishedOnto } = await caseTwin("sensitive");
  expect(refusal).toContain(
    `publishes "case-Sales" (INBOUNDCALL), but the org already has flow ${theirs} "CASE-SALES"`,
  );
  expect(publishedOnto).not.toBe(theirs); // the org would have kept both
});
