// An adoption's first `up` through the command line writes nothing to the org, so the engine keeps
// the state once, when it ends, not after every resource (run/checkpoints.ts, PULUMI_SKIP_CHECKPOINTS).
// What makes that safe, with the real engine and provider against the emulator: a run stopped hard
// (SIGKILL to its whole tree) in the middle of the adoption wrote nothing to the org and left the
// state as it started, and the next `up` adopts everything with zero writes; once the state holds
// the stack, the checkpoints are Pulumi's again. Steps run in order.
import { main as importMain } from "../../tools/importFlows";
import { call, publishOk } from "../../testkit/emulator";
import { architectCall, architectModule } from "../../testkit/architectFlow";
import {
  createProject,
  exportState,
  expectOk,
  flowsInState,
  killTree,
  publishedFlows,
  runCli,
  startCli,
  waitFor,
  writesSince,
  type E2eProject,
} from "../../testkit/harness";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const MODULE = "local-Legacy Lookup";
const SUPPORT = "local-Legacy Support";
const BILLING = "local-Legacy Billing";
/** The line the command line prints when it keeps the state once (run/operation.ts). */
const ONCE = /writes nothing to the org .*PULUMI_SKIP_CHECKPOINTS/;

const writes = (mark: number) => writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`);

beforeAll(async () => {
  p = await createProject({ flows: {} });
  const module = (await publishOk(p.emulator, architectModule(MODULE, "number", "customerId"))).flow.id;
  await publishOk(
    p.emulator,
    architectCall(SUPPORT, "Support", { name: MODULE, input: "number", output: "customerId" }),
  );
  await publishOk(p.emulator, architectCall(BILLING, "Billing"));
  const schedule = await call<{ id: string }>(`${p.emulator.url}/api/v2/architect/schedules`, {
    method: "POST",
    token: p.emulator.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "local-Legacy Weekdays",
      start: "2026-01-05T08:00:00.000000",
      end: "2026-01-05T18:00:00.000000",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    }),
  });
  expect(schedule.status).toBe(200);
  expect(module).toBeTruthy();
  let said = "";
  const write = (s: string) => (said += s);
  const code = await importMain(["--root", p.dir, "--stack", "local", "--prefix", "local-Legacy"], {
    out: { write },
    err: { write },
  });
  if (code !== 0) throw new Error(`flows:import exited ${code}:\n${said}`);
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. an up stopped hard while it adopts wrote nothing to the org, and the state holds nothing", async () => {
  const mark = p.mark();
  const run = startCli(p, ["up", "--stack", "local"]);
  let exited = false;
  void run.done.then(() => (exited = true));
  // The engine reads the adopted flows (Pulumi `get`): stopped at the first read.
  await waitFor(() => p.count("flow.get", mark) > 0 || exited, "the engine's first read of a flow");
  killTree(run.pid);
  await run.done;
  expect(run.output()).toMatch(ONCE);
  expect(writes(mark)).toEqual([]);
  expect(flowsInState(await exportState(p)).size).toBe(0);
});

it("2. once its lock is cleared, the next up adopts everything, the state kept once at the end, with zero writes", async () => {
  const before = publishedFlows(p.emulator);
  const mark = p.mark();
  // The stopped run's lock, cleared as the command line says to (docs/reliability.md).
  const locked = await runCli(p, ["up", "--stack", "local"], p.pulumiEnv);
  expect(locked.code).not.toBe(0);
  expect(locked.stderr).toContain("left its lock. Clear it: npm run pulumi -- cancel --yes --stack local");
  expectOk(await p.pulumi(["cancel", "--yes", "--stack", "local"]));
  const up = await runCli(p, ["up", "--stack", "local"], p.pulumiEnv);
  const said = `${up.stdout}${up.stderr}`;
  if (up.code !== 0) throw new Error(`up exited ${up.code}:\n${said.slice(-6000)}`);
  expect(said).toMatch(ONCE);
  expect(writes(mark)).toEqual([]);
  expect(publishedFlows(p.emulator)).toEqual(before);
  expect([...flowsInState(await exportState(p)).keys()].sort()).toEqual([BILLING, MODULE, SUPPORT].sort());
});

it("3. once the state holds the stack, an up keeps Pulumi's checkpoints", async () => {
  const mark = p.mark();
  const up = await runCli(p, ["up", "--stack", "local", "--no-fast"], p.pulumiEnv);
  const said = `${up.stdout}${up.stderr}`;
  if (up.code !== 0) throw new Error(`up exited ${up.code}:\n${said.slice(-6000)}`);
  expect(said).toContain("the engine runs");
  expect(said).not.toMatch(ONCE);
  expect(writes(mark)).toEqual([]);
});
