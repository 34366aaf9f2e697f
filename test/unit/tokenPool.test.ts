// A sign-in's tokens (org/tokenPool.ts): one until its budget is spent, then one more granted at a
// time up to the most allowed, each new token paced from the budget its sibling announced; a failed
// grant stops the growth. On a fake clock: nothing here waits for time to pass.
import { RequestBudget } from "../../org/requestBudget";
import { TokenPool, type PooledToken } from "../../org/tokenPool";
import { fakeClock } from "./budgetClock";

const announced = (allowed: number, count: number) => ({
  "inin-ratelimit-allowed": String(allowed),
  "inin-ratelimit-count": String(count),
});

/** A pool whose first token announced `allowed` a minute with `left` left; grants count themselves. */
function poolOf(
  max: number,
  allowed: number,
  left: number,
  grant: (n: number) => Promise<string> = async (n) => `t${n}`,
) {
  const clock = fakeClock();
  const budgets = new Map<string, RequestBudget>();
  const budgetOf = (token: string) => budgets.get(token) ?? budgets.set(token, new RequestBudget(clock)).get(token)!;
  let grants = 0;
  const first = budgetOf("t0");
  void first.acquire();
  first.observe(announced(allowed, allowed - left));
  const pool = new TokenPool("https://api.example", "t0", { max, budgetOf, grant: () => grant(++grants) });
  return { pool, clock, budgets, grants: () => grants };
}

/** Tokens of the acquisitions that resolved, after the microtasks and timers due run. */
async function resolved(acquired: Array<Promise<PooledToken>>): Promise<Array<string | undefined>> {
  const out: Array<string | undefined> = acquired.map(() => undefined);
  acquired.forEach((p, i) => void p.then((t) => (out[i] = t.token)));
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  return out;
}

test("a run within one token's budget never signs in again", async () => {
  const { pool, grants } = poolOf(4, 300, 300);
  const tokens = await resolved(Array.from({ length: 250 }, () => pool.acquire()));
  expect(new Set(tokens)).toEqual(new Set(["t0"]));
  expect(grants()).toBe(0);
  expect(pool.size).toBe(1);
});

test("once every held budget is spent, one more token at a time, up to the most, each paced from its sibling's budget", async () => {
  const { pool, budgets, grants } = poolOf(3, 10, 10);
  const tokens = await resolved(Array.from({ length: 35 }, () => pool.acquire()));
  const count = (t: string) => tokens.filter((x) => x === t).length;
  // 10 on the first token, then 10 on each granted one (assumed at the first's 10 a minute), the rest waiting.
  expect([count("t0"), count("t1"), count("t2")]).toEqual([10, 10, 10]);
  expect(tokens.filter((x) => x === undefined)).toHaveLength(5);
  expect(grants()).toBe(2);
  expect(pool.size).toBe(3);
  expect(budgets.get("t1")!.allowed).toBe(10);
  // The waiting ones spread over the held tokens, none of them granted beyond the most.
  expect([0, 1, 2].map((i) => budgets.get(`t${i}`)!.queued).reduce((a, b) => a + b)).toBe(5);
});

test("the waiting requests go as the budgets refill", async () => {
  const { pool, clock } = poolOf(2, 60, 0);
  const acquired = Array.from({ length: 62 }, () => pool.acquire());
  let tokens = await resolved(acquired);
  expect(tokens.filter((t) => t !== undefined)).toHaveLength(60); // the granted token's 60; the first has none left
  clock.advance(1_000); // one a second on each token
  tokens = await resolved(acquired);
  expect(tokens.filter((t) => t !== undefined)).toHaveLength(62);
});

test("a grant that fails stops the growth: the requests wait on the tokens held", async () => {
  const { pool, grants } = poolOf(5, 10, 2, async () => Promise.reject(new Error("the login answered HTTP 429")));
  const tokens = await resolved(Array.from({ length: 6 }, () => pool.acquire()));
  expect(tokens.filter((t) => t === "t0")).toHaveLength(2);
  expect(tokens.filter((t) => t === undefined)).toHaveLength(4);
  expect(grants()).toBe(1);
  expect(pool.size).toBe(1);
});

test("without a grant (an access token) the pool is its one token", async () => {
  const budget = new RequestBudget(fakeClock());
  void budget.acquire();
  budget.observe(announced(5, 5));
  const pool = new TokenPool("https://api.example", "only", { budget, max: 8 });
  const tokens = await resolved([pool.acquire(), pool.acquire()]);
  expect(tokens).toEqual([undefined, undefined]);
  expect(pool.size).toBe(1);
});
