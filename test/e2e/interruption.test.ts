// Interruption: `pulumi up` killed with SIGKILL (pulumi and every process it started) while
// publish jobs are in flight, then the documented recovery (docs/reliability.md), then an up that
// converges with no duplicate and no orphaned flow. Real engine, real provider, emulator. The test
// owns its portfolio (testkit/fixtures.ts: Lookup, Verify calling Lookup, five flows calling
// them) and stack file (testkit/harness.ts); the expected flows are the planner's.
import * as fs from "node:fs";
import { readPortfolio } from "../../project/portfolio";
import {
  activeNameCounts,
  createProject,
  descendants,
  expectOk,
  exportState,
  flowsInState,
  policyArgs,
  publishedFlows,
  startPulumi,
  waitFor,
  type E2eProject,
} from "../../testkit/harness";
import { PUBLISHED } from "../../testkit/fixtures";

jest.setTimeout(12 * 60_000);

/** Jobs stay Started this long after their upload, so a kill lands while they are in flight. */
const JOB_DELAY_MS = 20_000;

let p: E2eProject;
let expectedNames: string[];

beforeAll(async () => {
  p = await createProject({ emulator: { faults: { jobCompletionDelayMs: JOB_DELAY_MS } } });
  expectedNames = readPortfolio(p.dir, p.stack)
    .flows.map((f) => f.publishedName)
    .sort();
  expect(expectedNames).toEqual(Object.values(PUBLISHED).sort());
});

afterAll(async () => {
  await p?.cleanup();
});

it("SIGKILL during in-flight publishes, `pulumi cancel` + `refresh --clear-pending-creates`, then up converges without duplicates or orphans", async () => {
  // 1. Start up in the background and kill it (the whole process tree) once jobs after Lookup's
  //    (Verify's and its callers') are in flight.
  const run = startPulumi(p, ["up", "--yes", "--stack", p.stack, ...policyArgs(p.stack)]);
  await waitFor(() => p.count("job.upload", 0) >= 2, "Lookup's upload and one after it", 8 * 60_000);
  // A second later, jobs still in flight (JOB_DELAY_MS): not inside the checkpoint writes of the
  // steps just begun, where a kill can leave the file backend's `.attrs` file empty
  // (docs/reliability.md; test/e2e/interruptedVerify.test.ts says why).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const inFlight = p.emulator.jobs.list().filter((j) => j.status === "Started").length;
  const tree = descendants(run.pid);
  run.killGroup();
  const killed = await run.done;
  expect(killed.code).not.toBe(0);
  expect(inFlight).toBeGreaterThan(0);
  // Nothing of the run survives (pulumi starts its plugins in their own process groups).
  await waitFor(
    () =>
      tree.every(
        (pid) => !fs.existsSync(`/proc/${pid}`) || /^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")),
      ),
    "the killed run's processes to exit",
    10_000,
  );

  // What the kill left behind: pending creates in the state for the flows whose jobs were in flight.
  const left = await exportState(p);
  const pending = left.pendingOperations.filter((o) => o.type === "creating").map((o) => o.resource.urn);
  console.log(
    `killed with ${inFlight} job(s) in flight; pending operations: ${JSON.stringify(left.pendingOperations.map((o) => [o.type, o.resource.urn.split("::").pop()]))}`,
  );
  expect(pending.length).toBeGreaterThan(0);

  // The in-flight jobs still complete on the service side: the org gets flows the state does not know.
  p.emulator.setFaults({});
  await waitFor(
    () => p.emulator.jobs.list().every((j) => j.status !== "Started"),
    "in-flight jobs to finish",
    JOB_DELAY_MS + 30_000,
  );
  const orphansBefore = [...publishedFlows(p.emulator).keys()].filter((n) => !flowsInState(left).has(n));
  const orphanIds = new Map(orphansBefore.map((n) => [n, publishedFlows(p.emulator).get(n)!.id]));
  console.log(`flows in the org but not in state after the kill: ${JSON.stringify(orphansBefore)}`);

  // 2. The killed run still holds the file backend's lock: up refuses until `pulumi cancel`.
  const locked = await p.up();
  expect(locked.code).not.toBe(0);
  expect(locked.output).toContain("the stack is currently locked");
  expect(locked.output).toContain("pulumi cancel");
  expectOk(await p.pulumi(["cancel", "--yes", "--stack", p.stack]));

  // 3. Clear the pending creates (non-interactive refresh), then up.
  const refresh = await p.pulumi(["refresh", "--yes", "--stack", p.stack, "--clear-pending-creates"]);
  expectOk(refresh);
  expect((await exportState(p)).pendingOperations).toEqual([]);

  const mark = p.mark();
  const up = await p.up();
  expectOk(up);
  expect(up.output).not.toContain("pending operations");

  // 4. Converged: every expected flow exactly once, nothing else (no orphan), state == org.
  const counts = activeNameCounts(p.emulator);
  expect([...counts.keys()].sort()).toEqual(expectedNames);
  for (const [name, count] of counts) expect({ name, count }).toEqual({ name, count: 1 });
  const final = await exportState(p);
  expect(final.pendingOperations).toEqual([]);
  const org = publishedFlows(p.emulator);
  expect(Object.fromEntries(flowsInState(final))).toEqual(Object.fromEntries([...org].map(([n, f]) => [n, f.id])));
  // The flows the kill orphaned were adopted (republished by name onto the same flow), not duplicated.
  const deletedOrDuplicated = p.emulator.store.listFlows({ includeDeleted: true }).filter((f) => f.deleted);
  expect(deletedOrDuplicated).toEqual([]);
  for (const [name, id] of orphanIds) expect({ name, id: org.get(name)?.id }).toEqual({ name, id });
  console.log(`recovery up: ${p.count("job.create", mark)} publish(es)`);
});
