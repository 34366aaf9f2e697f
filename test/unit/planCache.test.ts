// The plans a project keeps between runs (project/planCache.ts): a kept plan is exactly the
// planner's portfolio for the same code, stack, stack file name, settings and flow files; any of
// them changing plans again; nothing is kept without a build id, nor for a plan that refuses; a
// kept file that is damaged or holds another key is planned again; a stack keeps its newest KEEP.
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { planPortfolio, type PlanInput, type Portfolio } from "../../planner/portfolio";
import { KEEP, PLANS_DIR, planCache, planKey, projectPlanCache } from "../../project/planCache";
import { portfolioFiles } from "../../testkit/fixtures";
import { settings, sources, tempProject, issuesOf } from "../../testkit/portfolio";
import { FlowLoadError } from "../../model/errors";

const fixtureSources = () =>
  Object.entries(portfolioFiles()).map(([file, text]) => ({
    id: file.replace(/\.yaml$/, ""),
    file: `flows/${file}`,
    text,
  }));
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  stack: "test",
  settings: settings({ substitutions: { sales_queue: "Sales", support_queue: "Support" } }),
  sources: fixtureSources(),
  stackFile: "Pulumi.test.yaml",
  ...over,
});

/** A cache in a fresh folder, and the planner it calls, counted. */
function counted(codeId = "build-a") {
  const dir = path.join(tempProject(), PLANS_DIR);
  const cache = planCache(dir, codeId)!;
  let calls = 0;
  const plan = (i: PlanInput): Portfolio => {
    calls++;
    return planPortfolio(i);
  };
  return { dir, cache, plan, calls: () => calls };
}

describe("the key", () => {
  test("changes with the code, the stack, the stack file's name, a setting and a flow file's path, id or text", () => {
    const base = planKey(input(), "build-a");
    expect(planKey(input(), "build-a")).toBe(base);
    const first = fixtureSources()[0];
    const variants = [
      planKey(input(), "build-b"),
      planKey(input({ stack: "other" }), "build-a"),
      planKey(input({ stackFile: "Pulumi.other.yaml" }), "build-a"),
      planKey(
        input({ settings: settings({ substitutions: { sales_queue: "Sales 2", support_queue: "Support" } }) }),
        "build-a",
      ),
      planKey(input({ sources: [{ ...first, text: `${first.text}\n` }, ...fixtureSources().slice(1)] }), "build-a"),
      planKey(input({ sources: [{ ...first, file: `${first.file}x` }, ...fixtureSources().slice(1)] }), "build-a"),
      planKey(input({ sources: [{ ...first, id: `${first.id}x` }, ...fixtureSources().slice(1)] }), "build-a"),
      planKey(input({ sources: fixtureSources().slice(1) }), "build-a"),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });
});

describe("a kept plan", () => {
  test("is the planner's portfolio, exactly, and the planner is not called for it", () => {
    const c = counted();
    const planned = c.cache.plan(input(), c.plan);
    expect(c.calls()).toBe(1);
    expect(fs.readdirSync(c.dir)).toHaveLength(1);
    const again = c.cache.plan(input(), c.plan);
    expect(c.calls()).toBe(1);
    expect(isDeepStrictEqual(again, planned)).toBe(true);
    expect(isDeepStrictEqual(again, planPortfolio(input()))).toBe(true);
    expect(again.flows.map((f) => f.kind)).toEqual(planned.flows.map((f) => f.kind));
  });

  test("is planned again when anything it was made from changes, or for another build", () => {
    const c = counted();
    c.cache.plan(input(), c.plan);
    const changed = input({
      settings: settings({ substitutions: { sales_queue: "Sales 2", support_queue: "Support" } }),
    });
    const p = c.cache.plan(changed, c.plan);
    expect(c.calls()).toBe(2);
    expect(p.flows.some((f) => f.substitutedYaml.includes("Sales 2"))).toBe(true);
    const other = planCache(c.dir, "build-b")!;
    other.plan(input(), c.plan);
    expect(c.calls()).toBe(3);
  });

  test("that is damaged, or holds another key, is planned again and rewritten", () => {
    const c = counted();
    c.cache.plan(input(), c.plan);
    const [name] = fs.readdirSync(c.dir);
    const file = path.join(c.dir, name);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").slice(0, 100));
    expect(isDeepStrictEqual(c.cache.plan(input(), c.plan), planPortfolio(input()))).toBe(true);
    expect(c.calls()).toBe(2);
    const kept = JSON.parse(fs.readFileSync(file, "utf8")) as { key: string };
    fs.writeFileSync(file, JSON.stringify({ ...kept, key: "0".repeat(64), flows: [] }));
    expect(c.cache.plan(input(), c.plan).flows.length).toBeGreaterThan(0);
    expect(c.calls()).toBe(3);
  });

  test("is never made of a plan that refuses: the planner says so each time", () => {
    const c = counted();
    const broken = input({
      sources: sources({
        "calls/bad": { kind: "inboundCall", name: "Bad", start: "Nowhere", nodes: { Bye: { type: "disconnect" } } },
      }),
    });
    for (let i = 0; i < 2; i++) expect(issuesOf(() => c.cache.plan(broken, c.plan)).length).toBeGreaterThan(0);
    expect(c.calls()).toBe(2);
    expect(fs.existsSync(c.dir)).toBe(false);
    expect(() => c.cache.plan(broken, c.plan)).toThrow(FlowLoadError);
  });

  test(`a stack keeps its ${KEEP} newest; other stacks' are left alone`, () => {
    const c = counted();
    c.cache.plan(input({ stack: "other" }), c.plan);
    for (let i = 0; i < KEEP + 2; i++)
      c.cache.plan(
        input({ settings: settings({ substitutions: { sales_queue: `Sales ${i}`, support_queue: "Support" } }) }),
        c.plan,
      );
    const names = fs.readdirSync(c.dir);
    expect(names.filter((n) => n.startsWith("test-"))).toHaveLength(KEEP);
    expect(names.filter((n) => n.startsWith("other-"))).toHaveLength(1);
  });
});

describe("values kept per flow beside a plan (perFlow: the org references verify and the guard read)", () => {
  const refsOf = (f: { file: string }) => [{ file: f.file, n: f.file.length }];

  test("are computed once per flow, read back by the next run's cache, and only the flows not held are computed", () => {
    const c = counted();
    const p = c.cache.plan(input(), c.plan);
    const seen: string[] = [];
    const compute = (f: (typeof p.flows)[number]) => (seen.push(f.id), refsOf(f));
    const first = c.cache.perFlow(p, "refs", p.flows.slice(0, 1), compute);
    expect([...first.values()]).toEqual([refsOf(p.flows[0])]);
    const next = planCache(c.dir, "build-a")!;
    const again = next.plan(input(), c.plan);
    const all = next.perFlow(again, "refs", again.flows, compute);
    expect(seen).toEqual([p.flows[0].id, ...p.flows.slice(1).map((f) => f.id)]);
    expect([...all.values()]).toEqual(p.flows.map(refsOf));
    next.perFlow(again, "refs", again.flows, compute);
    expect(seen).toHaveLength(p.flows.length);
  });

  test("asked flow by flow (as the program registers them), are computed and written for all at the first, then not read again", () => {
    const c = counted();
    const p = c.cache.plan(input(), c.plan);
    expect(p.flows.length).toBeGreaterThan(2);
    let computed = 0;
    const counting = (f: { file: string }) => (computed++, refsOf(f));
    expect(c.cache.perFlow(p, "refs", [p.flows[0]], counting).get(p.flows[0].id)).toEqual(refsOf(p.flows[0]));
    const [file] = fs.readdirSync(c.dir).filter((n) => n.endsWith(".refs.json"));
    const kept = JSON.parse(fs.readFileSync(path.join(c.dir, file), "utf8")) as { values: Record<string, unknown> };
    expect(Object.keys(kept.values).sort()).toEqual(p.flows.map((f) => f.id).sort());
    // The rest, one at a time: from memory (the file gone is neither read back nor written again).
    fs.rmSync(path.join(c.dir, file));
    const rest = p.flows.slice(1).map((f) => c.cache.perFlow(p, "refs", [f], counting).get(f.id));
    expect(rest).toEqual(p.flows.slice(1).map(refsOf));
    expect(computed).toBe(p.flows.length);
    expect(fs.existsSync(path.join(c.dir, file))).toBe(false);
  });

  test("are not read for another plan, nor for a portfolio the cache did not give, and go when their plan goes", () => {
    const c = counted();
    const p = c.cache.plan(input(), c.plan);
    c.cache.perFlow(p, "refs", p.flows, refsOf);
    let computed = 0;
    const counting = (f: { file: string }) => (computed++, refsOf(f));
    const changed = c.cache.plan(
      input({ settings: settings({ substitutions: { sales_queue: "Sales 2", support_queue: "Support" } }) }),
      c.plan,
    );
    c.cache.perFlow(changed, "refs", changed.flows, counting);
    expect(computed).toBe(changed.flows.length);
    c.cache.perFlow(planPortfolio(input()), "refs", p.flows, counting);
    expect(computed).toBe(changed.flows.length + p.flows.length);
    // The changed plan older than the first (no tie for the pruning to break): it goes first, then the first.
    const first = planKey(input(), "build-a").slice(0, 32);
    for (const n of fs.readdirSync(c.dir)) {
      const past = new Date(Date.now() - (n.includes(first) ? 3_600_000 : 7_200_000));
      fs.utimesSync(path.join(c.dir, n), past, past);
    }
    expect(fs.readdirSync(c.dir).filter((n) => n.endsWith(".refs.json"))).toHaveLength(2);
    for (let i = 0; i < KEEP; i++)
      c.cache.plan(
        input({ settings: settings({ substitutions: { sales_queue: `Sales ${i}`, support_queue: "Support" } }) }),
        c.plan,
      );
    const names = fs.readdirSync(c.dir);
    expect(names.filter((n) => n.endsWith(".refs.json"))).toEqual([]);
    expect(names).toHaveLength(KEEP);
  });
});

test("without a build id (the sources run through ts-node, as in these tests) nothing is kept", () => {
  expect(planCache(tempProject(), undefined)).toBeUndefined();
  expect(projectPlanCache(tempProject())).toBeUndefined();
});
