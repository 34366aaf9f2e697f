// The client's own pacing within the budget the org announces (org/requestBudget.ts), on a fake clock
// (and once on the real one, in a process of its own).
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { RequestBudget } from "../../org/requestBudget";
import { fakeClock } from "./budgetClock";

/** Which of `promises` have resolved, after the microtasks run. */
async function settled(promises: Array<Promise<void>>): Promise<boolean[]> {
  const done = promises.map(() => false);
  promises.forEach((p, i) => void p.then(() => (done[i] = true)));
  await new Promise((r) => setImmediate(r));
  return done;
}

const ROOT = path.join(__dirname, "..", "..");

const budget = (allowed: number, count: number) => ({
  "inin-ratelimit-allowed": String(allowed),
  "inin-ratelimit-count": String(count),
  "inin-ratelimit-reset": "60",
});

test("before any answer, and when answers announce no budget, nothing waits", async () => {
  const b = new RequestBudget(fakeClock());
  expect(await settled([b.acquire(), b.acquire()])).toEqual([true, true]);
  b.observe({ "content-type": "application/json" });
  expect(await settled(Array.from({ length: 500 }, () => b.acquire()))).toEqual(Array(500).fill(true));
});

test("once the org announces a budget, what it says is left goes at once and the rest waits for the refill, in order", async () => {
  const clock = fakeClock();
  const b = new RequestBudget(clock);
  b.observe(budget(60, 58)); // 2 left; 60 a minute = one a second
  const requests = [b.acquire(), b.acquire(), b.acquire(), b.acquire()];
  expect(await settled(requests)).toEqual([true, true, false, false]);
  expect(b.queued).toBe(2);
  clock.advance(999);
  expect(await settled(requests)).toEqual([true, true, false, false]);
  clock.advance(1);
  expect(await settled(requests)).toEqual([true, true, true, false]);
  clock.advance(1000);
  expect(await settled(requests)).toEqual([true, true, true, true]);
  expect(b.queued).toBe(0);
});

test("the client never holds more than the org says is left, less what is on its way, nor more than a minute's budget", async () => {
  const clock = fakeClock();
  const b = new RequestBudget(clock);
  await b.acquire(); // the first request, before the org said anything
  b.observe(budget(300, 1));
  const sent = [b.acquire(), b.acquire()];
  expect(await settled(sent)).toEqual([true, true]); // two on their way
  // The answer to one of them: another process of the same token spent most of the budget, 3 are
  // left, of which the other one on its way will take one.
  b.observe(budget(300, 297));
  const next = [b.acquire(), b.acquire(), b.acquire()];
  expect(await settled(next)).toEqual([true, true, false]);
  b.observe(budget(300, 298));
  b.observe(budget(300, 299));
  b.observe(budget(300, 300));
  clock.advance(199);
  expect(await settled(next)).toEqual([true, true, false]);
  clock.advance(1); // 300 a minute: one each 200 ms
  expect(await settled(next)).toEqual([true, true, true]);
  b.observe(budget(300, 300));
  clock.advance(10 * 60_000);
  // Refilled to the minute's budget, not beyond: 300 at once, the next waits.
  const burst = Array.from({ length: 301 }, () => b.acquire());
  const done = await settled(burst);
  expect(done.filter(Boolean)).toHaveLength(300);
  expect(done[300]).toBe(false);
});

test("a refused answer (count at the budget) stops the next requests until the refill", async () => {
  const clock = fakeClock();
  const b = new RequestBudget(clock);
  b.observe(budget(300, 300));
  const next = [b.acquire()];
  expect(await settled(next)).toEqual([false]);
  clock.advance(200);
  expect(await settled(next)).toEqual([true]);
});

test("a request waiting for the budget keeps the process alive until it is admitted (the real clock)", () => {
  // A process whose only work is a request waiting for the budget: it must live to send it. With the
  // wait's timer unref'd, Node exited 0 here without printing (as `import --from-org` of a thousand
  // flows on 300 a minute did, having written nothing).
  const script = [
    `const { RequestBudget } = require(${JSON.stringify(path.join(ROOT, "org/requestBudget.ts"))});`,
    "const b = new RequestBudget();",
    // 600 a minute, all spent: the next request waits about 100 ms for the refill.
    'b.observe({ "inin-ratelimit-allowed": "600", "inin-ratelimit-count": "600" });',
    'b.acquire().then(() => console.log("admitted"));',
  ].join("\n");
  const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.stderr).toBe("");
  expect(run.stdout.trim()).toBe("admitted");
  expect(run.status).toBe(0);
});
