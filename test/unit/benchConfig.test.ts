// The benchmark's plan (bench/config.ts), its target judgement (bench/targets.ts) and its chart's axis, without
// deploying anything: which N, conditions, projects and steps the quick and the full run take, the
// options they refuse, and how targets read a run's figures (never timed here: figures are made up).
import { timeVsNSvg } from "../../bench/chart";
import {
  NOOP_RUNS,
  ORG_CHECK_PAIRS,
  parseBenchArgs,
  plannedRounds,
  repeatedRunNumber,
  stepJobMs,
  stepProjects,
  tracedN,
  type Options,
  type Round,
} from "../../bench/config";
import {
  CASCADE_RULE,
  judgeCascade,
  judgeCores,
  judgeOrgFirst,
  judgeTargets,
  ORG_FIRST_RULE,
  RATIO_RULES,
  type CascadeStepFigures,
  type StepFigures,
} from "../../bench/targets";
import { orgReadCosts } from "../../bench/orgReadCost";
import { cascadeRows } from "../../bench/cascade";
import { concurrency } from "../../bench/stats";

const options = (argv: string[]): Options => {
  const parsed = parseBenchArgs(argv, "/repo", new Date("2026-11-23T10:00:00Z"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
};
const summary = (r: Round) => `${r.label}: ${r.projects.join(",")} | ${r.steps.join(",")}`;
/** A round's no-op steps without latency: with the engine, without it (file backend), without it on PostgreSQL. */
const NOOPS = "preview-noop,up-noop,".repeat(3).slice(0, -1);
const FAST = `up-noop-cli,${"preview-noop-fast,up-noop-fast,".repeat(3).slice(0, -1)}`;
const PG = FAST.replace(/[a-z-]+/g, "$&-postgres");

describe("bench config", () => {
  it("quick: N = 1, 10 without latency or rate limit, every step, OpenTofu, baseline and floor", () => {
    const o = options(["--quick"]);
    expect(o).toEqual(
      expect.objectContaining({
        quick: true,
        ns: [1, 10],
        latencies: [0],
        rateLimit: undefined,
        parallel: undefined,
        tokenPool: 1,
        auth: "token",
        coreReps: 3,
        jobs: 200,
      }),
    );
    expect(o.out).toBe("/repo/.work/bench/2026-11-23T10-00-00-000Z-quick");
    expect(plannedRounds(o).map(summary)).toEqual([
      `N=1: ours,baseline,floor,terraform | preview,up-first,${NOOPS},${FAST},start-deployed,${PG},up-module-change`,
      `N=10: ours,baseline,floor,terraform | preview,up-first,${NOOPS},${FAST},start-deployed,up-noop-traced,${PG},` +
        "up-module-change",
      // Issue 63.3: npm start on a copy of the project as shipped, then again (the no-op the rule times).
      "shipped portfolio: ours | start-shipped-first,start-shipped-noop",
      // Issue 90.5: a team's repository on the packed tool, its three commands timed.
      "team repository: ours | team-start-first,team-start-noop,team-test",
    ]);
    expect(plannedRounds(o)[2].shipped).toBe(true);
    expect(plannedRounds(o)[3].team).toBe(true);
    // Without latency each no-op step is taken NOOP_RUNS times, alternated (the rules judge medians),
    // each run numbered by how many times the project took the step before in the round.
    expect(NOOP_RUNS).toBe(3);
    const round = plannedRounds(o)[1];
    expect([0, 1, 2].map((before) => repeatedRunNumber(round, "preview-noop", before))).toEqual([1, 2, 3]);
    expect(repeatedRunNumber(round, "up-noop", 2)).toBe(3);
    expect(repeatedRunNumber(round, "up-first", 0)).toBeUndefined();
  });

  it("full: N up to 1,000 (at scale: no new-stack preview, no npm start), a latency round up to N = 100, rate-limited rounds at 100 and 500, with one token and as on an org", () => {
    const o = options([]);
    expect(o.ns).toEqual([1, 10, 50, 100, 500, 1000]);
    expect(o.rateLimit).toEqual({ config: { requestsPerMinute: 300 }, ns: [100, 500], latencyMs: 0, orgPool: 10 });
    const rounds = plannedRounds(o).map(summary);
    expect(rounds).toHaveLength(6 + 5 + 2 + 4);
    // The shape (floor-components) where a rule compares with it: N = 100 and 500 (bench/targets.ts).
    const full = `preview,up-first,${NOOPS},${FAST},start-deployed,up-noop-traced,${PG},up-module-change`;
    expect(rounds).toContain(`N=100: ours,baseline,floor,floor-components,terraform | ${full}`);
    const atScale = `up-first,${NOOPS},${FAST},${PG},up-module-change`;
    expect(rounds).toContain(`N=500: ours,baseline,floor,floor-components,terraform | ${atScale}`);
    expect(rounds).toContain(`N=1000: ours,baseline,floor,terraform | ${atScale}`);
    // Issue 25's read cost: no-op previews with and without the org-reference check, alternated, ours only.
    const pairs = Array.from(
      { length: ORG_CHECK_PAIRS },
      () => "preview-change-org-check,preview-change-no-org-check",
    ).join(",");
    // The floor runs in the latency round at the traced N only: Pulumi's own price next to OpenTofu's (issue 28.4).
    expect(rounds).toContain(
      `N=100 +150 ms: ours,floor,terraform | preview,up-first,preview-noop,up-noop,${pairs},up-module-change`,
    );
    expect(rounds).toContain("N=50 +150 ms: ours,terraform | preview,up-first,preview-noop,up-noop,up-module-change");
    const withLatency = plannedRounds(o).find((r) => r.n === 100 && r.latencyMs === 150)!;
    expect(stepProjects(withLatency, "preview-change-org-check")).toEqual(["ours"]);
    expect(stepProjects(withLatency, "preview-change-no-org-check")).toEqual(["ours"]);
    // Past N = 100 with 150 ms, a first deploy of ours and OpenTofu at N = 500 only (issue 90.2's rule).
    expect(rounds.filter((r) => r.includes("+150 ms")).map((r) => r.split(":")[0])).toEqual([
      "N=1 +150 ms",
      "N=10 +150 ms",
      "N=50 +150 ms",
      "N=100 +150 ms",
      "N=500 +150 ms",
    ]);
    expect(rounds).toContain("N=500 +150 ms: ours,terraform | up-first");
    expect(
      plannedRounds(options(["--no-terraform"]))
        .map(summary)
        .filter((r) => r.includes("N=500 +150 ms")),
    ).toEqual([]);
    // Asked for, the latency round reaches the scale rounds (no new-stack preview there).
    const wide = plannedRounds(options(["--latency-max-n", "1000"])).map(summary);
    expect(wide).toHaveLength(6 + 6 + 2 + 2 + 2);
    expect(wide).toContain("N=500 +150 ms: ours,terraform | up-first,preview-noop,up-noop,up-module-change");
    // Issue 90.3: the no-op without the engine in every rate-limited round.
    const fast =
      "up-noop-cli,preview-noop-fast,up-noop-fast,preview-noop-fast,up-noop-fast,preview-noop-fast,up-noop-fast";
    expect(rounds.slice(-4)).toEqual([
      `N=100 300/min: ours,terraform | up-first,preview-noop,${fast},up-module-change`,
      `N=500 300/min: ours,terraform | up-first,preview-noop,${fast},up-module-change`,
      `N=100 300/min 10 tokens: ours,terraform | up-first,preview-noop,${fast},up-module-change`,
      `N=500 300/min 10 tokens: ours,terraform | up-first,preview-noop,${fast},up-module-change`,
    ]);
    // The run's own sign-in first (one token, one budget), then the provider's default pool, each token from the OAuth client.
    expect(plannedRounds(o).at(-3)).toEqual(
      expect.objectContaining({ n: 500, latencyMs: 0, rateLimit: { requestsPerMinute: 300 } }),
    );
    expect(plannedRounds(o).at(-3)?.signIn).toBeUndefined();
    expect(plannedRounds(o).at(-1)).toEqual(
      expect.objectContaining({
        n: 500,
        latencyMs: 0,
        rateLimit: { requestsPerMinute: 300 },
        signIn: { tokenPool: 10, auth: "client" },
      }),
    );
    // No org round when asked for none, or when the run signs in as an org already.
    expect(options(["--rate-limit-org-pool", "0"]).rateLimit?.orgPool).toBe(0);
    expect(plannedRounds(options(["--rate-limit-org-pool", "0"]))).toHaveLength(6 + 5 + 2 + 2);
    expect(options(["--token-pool", "10", "--client-credentials"]).rateLimit?.orgPool).toBe(0);
    expect(options(["--rate-limit-org-pool", "20"]).rateLimit?.orgPool).toBe(20);
  });

  it("takes the rate limit, its N, the parallelism; --no-baseline drops the floor too", () => {
    const o = options([
      "--quick",
      "--rate-limit",
      "60",
      "--rate-limit-n",
      "10",
      "--parallel",
      "16",
      "--no-baseline",
      "--no-terraform",
    ]);
    expect(o.rateLimit).toEqual({ config: { requestsPerMinute: 60 }, ns: [10], latencyMs: 0, orgPool: 0 });
    expect(o.parallel).toBe(16);
    expect(options(["--quick", "--token-pool", "10"]).tokenPool).toBe(10);
    expect(options(["--quick", "--token-pool", "10", "--client-credentials"]).auth).toBe("client");
    expect(options(["--quick"]).publishers).toBeUndefined();
    expect(options(["--quick", "--publishers", "4"]).publishers).toBe(4);
    expect(options(["--quick"]).callerNodes).toBe(0);
    expect(options(["--quick", "--caller-nodes", "50"]).callerNodes).toBe(50);
    expect(plannedRounds(o).map(summary).at(-1)).toBe(
      "N=10 60/min: ours | up-first,preview-noop,up-noop-cli,preview-noop-fast,up-noop-fast,preview-noop-fast,up-noop-fast,preview-noop-fast,up-noop-fast,up-module-change",
    );
    expect(plannedRounds(o)[0].projects).toEqual(["ours"]);
    expect(options(["--no-rate-limit"]).rateLimit).toBeUndefined();
    // The budget and latency at once, as an org over the internet has both.
    const both = plannedRounds(options(["--quick", "--rate-limit-n", "10", "--rate-limit-latency", "150"])).at(-1)!;
    expect(both).toEqual(
      expect.objectContaining({
        label: "N=10 300/min +150 ms",
        n: 10,
        latencyMs: 150,
        rateLimit: { requestsPerMinute: 300 },
      }),
    );
    expect(options(["--no-floor"]).floor).toBe(false);
    // The floor with one component per flow: only when asked for, in the rounds without latency, after the floor.
    expect(options([]).floorComponents).toBe(false);
    const shaped = plannedRounds(options(["--floor-components", "--n", "100", "--no-rate-limit"]));
    expect(shaped.map((r) => r.projects.join(","))).toEqual([
      "ours,baseline,floor,floor-components,terraform",
      "ours,floor,terraform",
      "ours",
      "ours",
    ]);
    expect(stepProjects(shaped[0], "up-noop")).toEqual(["ours", "baseline", "floor", "floor-components", "terraform"]);
    expect(stepProjects(shaped[0], "up-module-change")).toEqual(["ours", "terraform"]);
    expect(options(["--floor-components", "--no-baseline"]).floorComponents).toBe(false);
  });

  it.each([
    [["--n", "0"], /--n takes/],
    [["--n", "1001"], /--n takes/],
    [["--latency", "x"], /--latency takes/],
    [["--rate-limit", "60,120"], /--rate-limit takes one integer/],
    [["--latency-max-n", "0"], /--latency-max-n takes/],
    [["--latency-max-n", "100,500"], /--latency-max-n takes/],
    [["--rate-limit-n", "5000"], /--rate-limit-n takes/],
    [["--rate-limit-latency", "100,200"], /--rate-limit-latency takes one integer/],
    [["--rate-limit-latency", "-5"], /--rate-limit-latency takes one integer/],
    [["--rate-limit-org-pool", "51"], /--rate-limit-org-pool takes an integer 0..50/],
    [["--rate-limit-org-pool", "x"], /--rate-limit-org-pool takes an integer 0..50/],
    [["--parallel", "0"], /--parallel takes/],
    [["--token-pool", "0"], /--token-pool takes an integer 1..50/],
    [["--token-pool", "51"], /--token-pool takes an integer 1..50/],
    [["--caller-nodes", "-1"], /--caller-nodes takes an integer 0..2000/],
    [["--caller-nodes", "2001"], /--caller-nodes takes an integer 0..2000/],
    [["--caller-nodes", "x"], /--caller-nodes takes an integer 0..2000/],
    [["--publishers", "0"], /--publishers takes an integer 1..8/],
    [["--publishers", "9"], /--publishers takes an integer 1..8/],
    [["--frobnicate"], /unknown option --frobnicate/],
  ])("refuses %j", (argv, message) => {
    const parsed = parseBenchArgs(argv, "/repo");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("traces the largest N up to 100; only ours runs npm start and the trace; only OpenTofu follows the module change", () => {
    expect(tracedN([1, 10, 50, 100, 500, 1000])).toBe(100);
    expect(tracedN([500, 1000])).toBe(500);
    const round = plannedRounds(options(["--quick"]))[1];
    expect(stepProjects(round, "up-noop")).toEqual(["ours", "baseline", "floor", "terraform"]);
    expect(stepProjects(round, "start-deployed")).toEqual(["ours"]);
    expect(stepProjects(round, "up-noop-traced")).toEqual(["ours"]);
    expect(stepProjects(round, "up-module-change")).toEqual(["ours", "terraform"]);
  });
});

describe("bench targets (issue 28)", () => {
  const step = (s: Partial<StepFigures> & Pick<StepFigures, "project" | "n" | "step" | "wallS">): StepFigures => ({
    latencyMs: 0,
    rateLimitPerMinute: null,
    code: 0,
    peakRssByKindMB: {},
    requests: {},
    ...s,
  });

  it("judges the pure core on the median of at least 3 repetitions of its scenario", () => {
    const core = (scenario: string, totalMs: number[], median: number) => ({
      scenario,
      reps: totalMs.length,
      totalMs,
      median: { totalMs: median },
      medianCpuTotalMs: 700,
    });
    expect(
      judgeCores([
        core("one-1900", [900, 900, 900], 900),
        core("hundred-50", [1400, 980, 990], 990),
        core("thousand-50", [11000, 9000, 12000], 11000),
      ]),
    ).toEqual([
      {
        what: "plan + the pack's rules, 100 flows × 50 nodes, ≤ 1000 ms (issue 78.7)",
        value: "median 990 of 1400, 980, 990 ms (CPU median 700 ms)",
        met: true,
      },
      {
        what: "plan + the pack's rules, 1,000 flows × 50 nodes, ≤ 10000 ms (issue 28)",
        value: "median 11000 of 11000, 9000, 12000 ms (CPU median 700 ms)",
        met: false,
      },
    ]);
    // Fewer repetitions than the rule's median of 3: not judged.
    expect(judgeCores([core("hundred-50", [500], 500)])).toEqual([]);
  });

  it("judges a ratio on the median of each project's runs of the step", () => {
    const steps = [
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 5 }),
      step({ project: "floor-components", n: 100, step: "preview-noop", wallS: 5 }),
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 6 }),
      step({ project: "floor-components", n: 100, step: "preview-noop", wallS: 4 }),
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 9 }),
      step({ project: "floor-components", n: 100, step: "preview-noop", wallS: 4.4 }),
      // A run that failed is not a measurement.
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 1, code: 1 }),
    ];
    const row = judgeTargets(steps, [100], [0]).find((t) =>
      /no-op preview: ours ÷ floor-components ≤ 1.15 at N = 100/.test(t.what),
    );
    expect(row).toEqual(
      expect.objectContaining({ value: "median 6 of 5, 6, 9 / median 4.4 of 5, 4, 4.4 s = 1.36×", met: false }),
    );
  });

  it("judges the no-op without the engine (issue 78.3): in seconds at N = 500, and against OpenTofu's no-op plan (another step)", () => {
    const steps = [
      ...[0.8, 0.9, 1.4].map((wallS) => step({ project: "ours", n: 500, step: "preview-noop-fast", wallS })),
      ...[1.2, 1.1, 1.3].map((wallS) => step({ project: "ours", n: 500, step: "up-noop-fast", wallS })),
      ...[1.5, 1.6, 1.0].map((wallS) => step({ project: "terraform", n: 500, step: "preview-noop", wallS })),
    ];
    const targets = judgeTargets(steps, [500], [0]);
    const row = (what: RegExp) => targets.find((t) => what.test(t.what));
    expect(row(/npm run preview on an unchanged stack .* ≤ 1 s at N = 500/)).toEqual(
      expect.objectContaining({ value: "median 0.9 of 0.8, 0.9, 1.4 s", met: true }),
    );
    expect(row(/npm run up on an unchanged stack .* ≤ 1 s at N = 500/)).toEqual(
      expect.objectContaining({ value: "median 1.2 of 1.2, 1.1, 1.3 s", met: false }),
    );
    expect(row(/no-op preview without the engine .*: ours ÷ terraform ≤ 1 at N = 500/)).toEqual(
      expect.objectContaining({ value: "median 0.9 of 0.8, 0.9, 1.4 / median 1.5 of 1.5, 1.6, 1 s = 0.6×", met: true }),
    );
    expect(row(/no-op up without the engine .*: ours ÷ terraform ≤ 1 at N = 500/)).toEqual(
      expect.objectContaining({ value: "median 1.2 of 1.2, 1.1, 1.3 / median 1.5 of 1.5, 1.6, 1 s = 0.8×", met: true }),
    );
  });

  it("judges the no-op without the engine on PostgreSQL against the same on the file backend (issue 101)", () => {
    const steps = [
      ...[0.6, 0.5, 0.7].map((wallS) => step({ project: "ours", n: 100, step: "preview-noop-fast", wallS })),
      ...[0.8, 0.7, 0.9].map((wallS) => step({ project: "ours", n: 100, step: "preview-noop-fast-postgres", wallS })),
      ...[0.6, 0.6, 0.6].map((wallS) => step({ project: "ours", n: 100, step: "up-noop-fast", wallS })),
      ...[1, 1.2, 0.9].map((wallS) => step({ project: "ours", n: 100, step: "up-noop-fast-postgres", wallS })),
    ];
    const targets = judgeTargets(steps, [100], [0]).filter((t) => t.what.includes("issue 101"));
    const rule = "state on PostgreSQL ÷ on the file backend ≤ 1.5 at N = 100 (issue 101)";
    expect(targets).toEqual([
      {
        what: `genesys-flows preview on an unchanged stack: ${rule}`,
        value: "median 0.8 of 0.8, 0.7, 0.9 / median 0.6 of 0.6, 0.5, 0.7 s = 1.33×",
        met: true,
      },
      {
        what: `genesys-flows up on an unchanged stack: ${rule}`,
        value: "median 1 of 1, 1.2, 0.9 / median 0.6 of 0.6, 0.6, 0.6 s = 1.67×",
        met: false,
      },
    ]);
  });

  it("judges the floor ratios, the growth to N = 1,000, the largest process, the rate-limited round and the publish cost per flow", () => {
    const steps = [
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 12 }),
      step({ project: "floor", n: 100, step: "preview-noop", wallS: 10 }),
      step({ project: "ours", n: 100, step: "up-noop", wallS: 20 }),
      step({ project: "floor", n: 100, step: "up-noop", wallS: 10 }),
      step({
        project: "ours",
        n: 1000,
        step: "preview-noop",
        wallS: 30,
        peakRssByKindMB: { program: 900, "policy-pack": 2100 },
      }),
      step({ project: "ours", n: 100, step: "preview-noop", wallS: 5, rateLimitPerMinute: 300 }),
      step({ project: "terraform", n: 100, step: "preview-noop", wallS: 40, rateLimitPerMinute: 300 }),
      step({
        project: "ours",
        n: 100,
        step: "up-first",
        wallS: 50,
        rateLimitPerMinute: 300,
        maxVersions: 1,
        requests: { "job.create": 102 },
      }),
      step({
        project: "terraform",
        n: 100,
        step: "up-first",
        wallS: 60,
        rateLimitPerMinute: 300,
        maxVersions: 2,
        requests: { "job.create": 103 },
      }),
      step({
        project: "ours",
        n: 100,
        step: "up-module-change",
        wallS: 26,
        latencyMs: 150,
        requests: { "job.create": 26 },
      }),
      step({
        project: "terraform",
        n: 100,
        step: "up-module-change",
        wallS: 2,
        latencyMs: 150,
        requests: { "job.create": 1 },
      }),
      step({ project: "ours", n: 100, step: "up-first", wallS: 65, latencyMs: 150, requests: { "job.create": 100 } }),
      step({ project: "floor", n: 100, step: "up-first", wallS: 55, latencyMs: 150, requests: { "job.create": 100 } }),
      step({
        project: "terraform",
        n: 100,
        step: "up-first",
        wallS: 50,
        latencyMs: 150,
        requests: { "job.create": 100 },
      }),
    ];
    const targets = judgeTargets(steps, [1, 100, 1000], [0, 150]);
    const row = (what: RegExp) => targets.find((t) => what.test(t.what));
    expect(row(/no-op preview: ours ÷ floor ≤ 1.25 at N = 100/)).toEqual(
      expect.objectContaining({ value: "12 / 10 s = 1.2×", met: true }),
    );
    expect(row(/no-op up: ours ÷ floor/)).toEqual(expect.objectContaining({ value: "20 / 10 s = 2×", met: false }));
    expect(row(/first up: ours ÷ floor/)).toBeUndefined();
    expect(row(/no-op preview at N = 1000 within 2× of N = 100/)).toEqual(
      expect.objectContaining({ value: "30 / 12 s = 2.5×", met: false }),
    );
    expect(row(/peak memory/)).toEqual(
      expect.objectContaining({ value: "largest: 2100 MB (policy-pack, ours preview-noop)", met: false }),
    );
    expect(row(/300 requests\/min per client, N = 100: ours' no-op preview faster/)).toEqual(
      expect.objectContaining({ met: true }),
    );
    expect(row(/first deploys converge/)).toEqual(expect.objectContaining({ met: false }));
    // A rate-limited round with latency is judged on its own steps, not on the round without.
    const withLatency = judgeTargets(
      [
        ...steps,
        step({ project: "ours", n: 100, step: "preview-noop", wallS: 9, rateLimitPerMinute: 300, latencyMs: 150 }),
        step({ project: "terraform", n: 100, step: "preview-noop", wallS: 6, rateLimitPerMinute: 300, latencyMs: 150 }),
      ],
      [1, 100, 1000],
      [0, 150],
    );
    expect(withLatency.filter((t) => /no-op preview faster/.test(t.what)).map((t) => [t.what, t.value, t.met])).toEqual(
      [
        [
          "300 requests/min per client, N = 100: ours' no-op preview faster than OpenTofu's no-op plan (issue 28.3)",
          "5 / 40 s = 0.13×",
          true,
        ],
        [
          "300 requests/min per client and 150 ms per request, N = 100: ours' no-op preview faster than OpenTofu's no-op plan (issue 28.3)",
          "9 / 6 s = 1.5×",
          false,
        ],
      ],
    );
    // The org round (10 tokens, each its own budget) is judged on its own steps, apart from the one-token round.
    const org = { tokenPool: 10, auth: "client" as const };
    const withOrg = judgeTargets(
      [
        ...steps,
        step({ project: "ours", n: 100, step: "preview-noop", wallS: 6, rateLimitPerMinute: 300, signIn: org }),
        step({ project: "terraform", n: 100, step: "preview-noop", wallS: 3, rateLimitPerMinute: 300, signIn: org }),
        step({
          project: "ours",
          n: 100,
          step: "up-first",
          wallS: 40,
          rateLimitPerMinute: 300,
          signIn: org,
          maxVersions: 1,
          requests: { "job.create": 102 },
        }),
      ],
      [1, 100, 1000],
      [0, 150],
    );
    expect(
      withOrg.filter((t) => /no-op preview faster|converge/.test(t.what)).map((t) => [t.what, t.value, t.met]),
    ).toEqual([
      [
        "300 requests/min per client, N = 100: ours' no-op preview faster than OpenTofu's no-op plan (issue 28.3)",
        "5 / 40 s = 0.13×",
        true,
      ],
      [
        "300 requests/min per client, N = 100: first deploys converge with no duplicate publish (issue 28.3)",
        "ours: exit 0, 102 publish jobs, at most 1 version(s) a flow; terraform: exit 0, 103 publish jobs, at most 2 version(s) a flow",
        false,
      ],
      [
        "300 requests/min per client, 10 tokens in the provider's pool each with its own budget (as on an org), N = 100: ours' no-op preview faster than OpenTofu's no-op plan (issue 28.3)",
        "6 / 3 s = 2×",
        false,
      ],
      [
        "300 requests/min per client, 10 tokens in the provider's pool each with its own budget (as on an org), N = 100: first deploys converge with no duplicate publish (issue 28.3)",
        "ours: exit 0, 102 publish jobs, at most 1 version(s) a flow",
        true,
      ],
    ]);
    expect(row(/module change, seconds per published flow/)).toEqual(
      expect.objectContaining({ value: "1 s (26 flows) / 2 s (1) = 0.5×", met: true }),
    );
    // With the floor in the round: its own price per flow next to OpenTofu's, and ours ÷ floor.
    expect(row(/first deploy, seconds per published flow/)).toEqual(
      expect.objectContaining({
        value: "0.65 s (100 flows) / 0.5 s (100) = 1.3×; floor 0.55 s (100) = 1.1× OpenTofu, ours ÷ floor 1.18×",
        met: false,
      }),
    );
  });
});

describe("bench targets (issue 90)", () => {
  const step = (s: Partial<StepFigures> & Pick<StepFigures, "project" | "n" | "step" | "wallS">): StepFigures => ({
    latencyMs: 0,
    rateLimitPerMinute: null,
    code: 0,
    peakRssByKindMB: {},
    requests: {},
    ...s,
  });
  const row = (targets: ReturnType<typeof judgeTargets>, what: RegExp) =>
    targets.filter((t) => what.test(t.what)).map((t) => [t.what, t.value, t.met]);

  it("retires ours ÷ bare Pulumi on a no-op (78.1); judges the no-op without the engine against OpenTofu's no-op plan at N = 100, 500 and 1,000", () => {
    expect(RATIO_RULES.filter((r) => r.issue === "78.1")).toEqual([]);
    expect(
      RATIO_RULES.filter((r) => r.anchorStep === "preview-noop").map((r) => `${r.step} ${r.n} ≤ ${r.max}`),
    ).toEqual([100, 500, 1000].flatMap((n) => [`preview-noop-fast ${n} ≤ 1`, `up-noop-fast ${n} ≤ 1`]));
    const steps = [
      ...[0.9, 1.1, 1].map((wallS) => step({ project: "ours", n: 1000, step: "up-noop-fast", wallS })),
      step({ project: "terraform", n: 1000, step: "preview-noop", wallS: 2 }),
    ];
    expect(row(judgeTargets(steps, [1000], [0]), /no-op up without the engine .* at N = 1000/)).toEqual([
      [expect.stringContaining("(issue 78.3, 90.3)"), "median 1 of 0.9, 1.1, 1 / 2 s = 0.5×", true],
    ]);
  });

  it("judges the no-op without the engine in every rate-limited round, each sign-in apart, against OpenTofu's no-op plan there", () => {
    const org = { tokenPool: 10, auth: "client" as const };
    const steps = [
      step({ project: "terraform", n: 500, step: "preview-noop", wallS: 4, rateLimitPerMinute: 300 }),
      ...[1, 1.2, 1.1].map((wallS) =>
        step({ project: "ours", n: 500, step: "preview-noop-fast", wallS, rateLimitPerMinute: 300 }),
      ),
      ...[5, 5, 6].map((wallS) =>
        step({ project: "ours", n: 500, step: "up-noop-fast", wallS, rateLimitPerMinute: 300 }),
      ),
      step({ project: "terraform", n: 500, step: "preview-noop", wallS: 2, rateLimitPerMinute: 300, signIn: org }),
      step({ project: "ours", n: 500, step: "up-noop-fast", wallS: 1, rateLimitPerMinute: 300, signIn: org }),
      // Not the same budget: the round without the limit is not compared with these.
      step({ project: "ours", n: 500, step: "up-noop-fast", wallS: 0.1 }),
    ];
    expect(row(judgeTargets(steps, [500], [0]), /without the engine\) ÷ OpenTofu's no-op plan/)).toEqual([
      [
        "300 requests/min per client, N = 500: genesys-flows preview on an unchanged stack (the no-op without the engine) ÷ OpenTofu's no-op plan ≤ 1 (issue 78.3, 90.3)",
        "median 1.1 of 1, 1.2, 1.1 / 4 s = 0.28×",
        true,
      ],
      [
        "300 requests/min per client, N = 500: genesys-flows up on an unchanged stack (the no-op without the engine) ÷ OpenTofu's no-op plan ≤ 1 (issue 78.3, 90.3)",
        "median 5 of 5, 5, 6 / 4 s = 1.25×",
        false,
      ],
      [
        expect.stringContaining(
          "10 tokens in the provider's pool each with its own budget (as on an org), N = 500: genesys-flows up on an unchanged stack",
        ),
        "1 / 2 s = 0.5×",
        true,
      ],
    ]);
  });

  it("judges a first deploy at 150 ms per request per published flow, no slower than OpenTofu's, at N = 100 and 500", () => {
    const first = (project: "ours" | "terraform", n: number, wallS: number) =>
      step({ project, n, step: "up-first", wallS, latencyMs: 150, requests: { "job.create": n + 2 } });
    const targets = judgeTargets(
      [first("ours", 100, 51), first("terraform", 100, 51), first("ours", 500, 300), first("terraform", 500, 251)],
      [100, 500],
      [0, 150],
    );
    expect(row(targets, /first deploy, seconds per published flow/)).toEqual([
      [
        "first deploy, seconds per published flow: ours within 1× of OpenTofu, 150 ms per request, N = 100 (issue 90.2)",
        "0.5 s (102 flows) / 0.5 s (102) = 1×",
        true,
      ],
      [
        "first deploy, seconds per published flow: ours within 1× of OpenTofu, 150 ms per request, N = 500 (issue 90.2)",
        "0.6 s (502 flows) / 0.5 s (502) = 1.2×",
        false,
      ],
    ]);
  });

  it("times a team's repository: its npm test under two minutes, with both npm starts; not met when a command failed", () => {
    const team = (test: number, code = 0) => [
      step({ project: "ours", n: 0, step: "team-start-first", wallS: 40 }),
      step({ project: "ours", n: 0, step: "team-start-noop", wallS: 2.5, code }),
      step({ project: "ours", n: 0, step: "team-test", wallS: test }),
    ];
    expect(row(judgeTargets(team(70), [1], [0]), /team's repository/)).toEqual([
      [
        "a team's repository (genesys-flows init on the packed tool): its first npm start, no-op npm start and npm test timed, npm test of the starting portfolio ≤ 120 s (issue 90.5)",
        "npm test 70 s; first npm start 40 s, no-op npm start 2.5 s",
        true,
      ],
    ]);
    expect(row(judgeTargets(team(130), [1], [0]), /team's repository/)[0]?.[2]).toBe(false);
    expect(row(judgeTargets(team(70, 1), [1], [0]), /team's repository/)[0]?.slice(1)).toEqual([
      "npm test 70 s; first npm start 40 s, no-op npm start exit 1",
      false,
    ]);
    expect(row(judgeTargets([], [1], [0]), /team's repository/)).toEqual([]);
  });
});

describe("bench: the org-reference check's read cost (issue 25)", () => {
  const preview = (
    step: "preview-change-org-check" | "preview-change-no-org-check",
    wallS: number,
    lists: number,
    loadAvg1: number,
    code = 0,
  ) => ({
    project: "ours" as const,
    n: 100,
    latencyMs: 150,
    rateLimitPerMinute: null,
    step,
    code,
    wallS,
    peakRssByKindMB: {},
    requests: step === "preview-change-org-check" ? { "org.objects.list": lists } : {},
    loadAvg1,
  });

  it("is the median preview with the check minus the median without, with its list requests and the load, in run order; failed steps do not count", () => {
    const costs = orgReadCosts(
      [
        preview("preview-change-org-check", 20, 1, 2.5),
        preview("preview-change-no-org-check", 18.5, 0, 2.6),
        preview("preview-change-org-check", 19, 1, 2.7),
        preview("preview-change-no-org-check", 19.5, 0, 2.8),
        preview("preview-change-org-check", 21, 1, 2.9),
        preview("preview-change-no-org-check", 30, 0, 3, 1),
      ],
      [
        { n: 100, latencyMs: 150, seconds: 0.5 },
        { n: 10, latencyMs: 150, seconds: 0.4 },
      ],
    );
    expect(costs).toEqual([
      {
        n: 100,
        latencyMs: 150,
        withS: [20, 19, 21],
        withoutS: [18.5, 19.5],
        addedS: 1,
        listRequests: [1, 1, 1],
        loadAvg1: [2.5, 2.6, 2.7, 2.8, 2.9],
        checkAloneS: [0.5],
      },
    ]);
  });

  it("is absent when the round did not measure it", () => {
    expect(
      orgReadCosts([
        preview("preview-change-org-check", 20, 1, 1, 1),
        preview("preview-change-no-org-check", 18, 0, 1),
      ]),
    ).toEqual([]);
  });
});

describe("bench cascade round (--cascade, issue 63.2)", () => {
  it("as the rules say: ours at N = 250, 3 runs, each a fresh project deployed as the org stack with the shipped defaults, 5 s jobs, a set-up first deploy, the no-op, the Verify change (a wave's size) and the Lookup change (every caller); a round", () => {
    const o = options(["--cascade"]);
    expect(o.cascade).toEqual({
      ns: [CASCADE_RULE.callers],
      runs: CASCADE_RULE.runs,
      jobMs: CASCADE_RULE.jobMs,
      instantFirst: true,
      stack: "dev",
      shipped: true,
      tokenPool: undefined,
      trace: false,
    });
    expect(o.recording).toBe("round");
    expect(o.parallel).toBeUndefined();
    expect(o.publishers).toBeUndefined();
    const rounds = plannedRounds(o);
    // Issue 90.1: OpenTofu deploys the same files in the same runs, as it comes and tuned, and takes every step.
    expect(rounds.map(summary)).toEqual(
      [1, 2, 3].map(
        (run) =>
          `N=250 cascade, 5 s jobs, run ${run}/3: ours,terraform,terraform-tuned | up-first,up-noop,up-module-change,up-module-change-all`,
      ),
    );
    expect(stepProjects(rounds[0], "up-module-change")).toEqual(["ours", "terraform", "terraform-tuned"]);
    expect(plannedRounds(options(["--cascade", "--no-terraform"]))[0].projects).toEqual(["ours"]);
    expect(rounds[0]).toEqual(
      expect.objectContaining({
        rateLimit: { requestsPerMinute: 300 },
        jobs: { ms: 5000, instantFirst: true },
        org: { stack: "dev", tokenPool: undefined, run: 1, runs: 3 },
      }),
    );
    expect(rounds[0].signIn).toBeUndefined();
    expect(stepProjects(rounds[0], "up-module-change-all")).toEqual(["ours", "terraform", "terraform-tuned"]);
    expect(stepJobMs(rounds[0], "up-first")).toBe(0);
    expect(stepJobMs(rounds[0], "up-module-change-all")).toBe(5000);
    // Without the round, no step has slow jobs.
    expect(stepJobMs(plannedRounds(options(["--quick"]))[0], "up-module-change")).toBe(0);
  });

  it("takes another N, runs, job duration and a first deploy with slow jobs as a scratch run; a tuned pool, publishers or parallelism is no longer the shipped defaults", () => {
    const o = options([
      "--cascade",
      "--cascade-n",
      "100",
      "--cascade-runs",
      "1",
      "--job-ms",
      "20000",
      "--cascade-slow-first",
    ]);
    expect(o.cascade).toEqual({
      ns: [100],
      runs: 1,
      jobMs: 20000,
      instantFirst: false,
      stack: "dev",
      shipped: true,
      tokenPool: undefined,
      trace: false,
    });
    expect(o.recording).toBe("scratch");
    const [round] = plannedRounds(o);
    expect(round.label).toBe("N=100 cascade, 20 s jobs");
    expect(stepJobMs(round, "up-first")).toBe(20000);
    const tuned = options(["--cascade", "--token-pool", "20", "--parallel", "40", "--publishers", "2", "--record"]);
    expect(tuned.cascade).toEqual(expect.objectContaining({ shipped: false, tokenPool: 20 }));
    expect(tuned).toEqual(expect.objectContaining({ parallel: 40, publishers: 2, recording: "record" }));
    expect(plannedRounds(tuned)[0].org).toEqual({ stack: "dev", tokenPool: 20, run: 1, runs: 3 });
    expect(options(["--cascade", "--scratch"]).recording).toBe("scratch");
    expect(options(["--cascade", "--out", "/tmp/x", "--step-timeout-min", "30"]).recording).toBe("round");
  });

  it("refuses its options without --cascade, values out of range, the access token, and --scratch with --record", () => {
    for (const argv of [
      ["--job-ms", "5000"],
      ["--cascade-n", "100"],
      ["--cascade-runs", "2"],
      ["--cascade-slow-first"],
    ])
      expect(parseBenchArgs(argv, "/repo")).toEqual({ ok: false, message: expect.stringContaining("add --cascade") });
    expect(parseBenchArgs(["--cascade", "--job-ms", "-1"], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("--job-ms"),
    });
    expect(parseBenchArgs(["--cascade", "--job-ms", String(16 * 60_000)], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("--job-ms"),
    });
    expect(parseBenchArgs(["--cascade", "--cascade-n", "0"], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("--cascade-n"),
    });
    expect(parseBenchArgs(["--cascade", "--cascade-runs", "0"], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("--cascade-runs"),
    });
    expect(parseBenchArgs(["--cascade", "--client-credentials"], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("always signs in"),
    });
    expect(parseBenchArgs(["--scratch", "--record"], "/repo")).toEqual({
      ok: false,
      message: expect.stringContaining("choose one"),
    });
  });
});

describe("bench: the first deploy on an org (--org-first, issue 90.2)", () => {
  const first = (
    project: CascadeStepFigures["project"],
    n: number,
    run: number,
    wallS: number,
    code = 0,
  ): CascadeStepFigures => ({ project, n, run, step: "up-first", code, wallS, jobMs: 0, republishedCount: n + 2 });

  it("as the rule says: N = 100 and 500, 3 runs each, ours as the org stack beside OpenTofu as it comes and tuned, the first deploy alone, 150 ms a request, 300 a minute a token, jobs final at once; a round", () => {
    const o = options(["--org-first"]);
    expect(o.cascade).toEqual({
      ns: [...ORG_FIRST_RULE.ns],
      runs: ORG_FIRST_RULE.runs,
      jobMs: 0,
      instantFirst: true,
      stack: "dev",
      shipped: true,
      tokenPool: undefined,
      trace: false,
      firstOnly: { latencyMs: 150 },
    });
    expect(o.recording).toBe("round");
    const rounds = plannedRounds(o);
    expect(rounds.map(summary)).toEqual(
      [100, 500].flatMap((n) =>
        [1, 2, 3].map(
          (run) => `N=${n} org first deploy +150 ms, run ${run}/3: ours,terraform,terraform-tuned | up-first`,
        ),
      ),
    );
    expect(rounds[0]).toEqual(
      expect.objectContaining({
        latencyMs: 150,
        rateLimit: { requestsPerMinute: 300 },
        jobs: { ms: 0, instantFirst: true },
        org: { stack: "dev", tokenPool: undefined, run: 1, runs: 3 },
      }),
    );
    expect(stepProjects(rounds[0], "up-first")).toEqual(["ours", "terraform", "terraform-tuned"]);
    expect(stepJobMs(rounds[0], "up-first")).toBe(0);
    expect(options(["--org-first", "--cascade-n", "10", "--cascade-runs", "1"]).recording).toBe("scratch");
    expect(options(["--org-first", "--token-pool", "5"]).cascade).toEqual(
      expect.objectContaining({ shipped: false, tokenPool: 5 }),
    );
    // --skip-preview: a sweep (what the preview pass of a plain pulumi up costs), never the rule's measure.
    expect(options(["--org-first", "--skip-preview"])).toEqual(
      expect.objectContaining({ skipPreview: true, recording: "scratch" }),
    );
    expect(options(["--org-first"]).skipPreview).toBe(false);
    for (const argv of [
      ["--org-first", "--cascade"],
      ["--org-first", "--job-ms", "5000"],
      ["--org-first", "--client-credentials"],
    ])
      expect(parseBenchArgs(argv, "/repo")).toEqual({
        ok: false,
        message: expect.stringContaining("--org-first takes"),
      });
  });

  it("judges ours against each of OpenTofu's settings per published flow, medians of the runs, at each N; a run that failed makes its N not met", () => {
    const runs = (project: CascadeStepFigures["project"], n: number, walls: number[]) =>
      walls.map((w, i) => first(project, n, i + 1, w));
    const judged = judgeOrgFirst([
      ...runs("ours", 100, [20, 18, 22]),
      ...runs("terraform", 100, [30, 25, 28]),
      ...runs("terraform-tuned", 100, [15, 16, 17]),
      ...runs("ours", 500, [90, 80, 85]),
      ...runs(
        "terraform",
        500,
        [100, 0, 100].map((w) => w || 95),
      ),
      { ...first("terraform-tuned", 500, 1, 40), code: 1 },
      ...runs("terraform-tuned", 500, [40, 41]).map((s) => ({ ...s, run: s.run + 1 })),
    ])!;
    expect(judged.map((t) => t.met)).toEqual([true, false, true, false]);
    expect(judged[0].what).toContain(
      "OpenTofu (its defaults), 150 ms per request, 300 requests a minute per token, N = 100",
    );
    expect(judged[0].value).toBe(
      "median 20 s of 20, 18, 22 s for 102 flows (0.196 s a flow) / median 28 s of 30, 25, 28 s for 102 flows (0.275 s a flow) = 0.71×",
    );
    expect(judged[1].value).toMatch(/= 1\.25×$/);
    expect(judged[3].value).toContain("only 2 of 3 runs published all 502 flows with exit 0");
    expect(judgeOrgFirst([first("ours", 10, 1, 5)])).toBeUndefined();
  });
});

describe("bench rounds and the rules (bench/targets.ts)", () => {
  it("the full run with no option is a round; --quick and any option that changes what is measured is scratch, unless --record", () => {
    expect(options([]).recording).toBe("round");
    expect(options(["--out", "/tmp/x"]).recording).toBe("round");
    expect(options(["--quick"]).recording).toBe("scratch");
    expect(options(["--n", "100"]).recording).toBe("scratch");
    expect(options(["--n", "100", "--record"]).recording).toBe("record");
  });

  it("the full round measures every ratio rule: ours and the rule's anchor at the rule's N, without latency", () => {
    const rounds = plannedRounds(options([]));
    for (const rule of RATIO_RULES) {
      const round = rounds.find((r) => r.n === rule.n && r.latencyMs === 0 && r.rateLimit === undefined);
      expect(round).toBeDefined();
      expect(stepProjects(round!, rule.step)).toContain("ours");
      expect(round!.steps).toContain(rule.anchorStep ?? rule.step);
      expect(stepProjects(round!, rule.anchorStep ?? rule.step)).toContain(rule.anchor);
    }
    // The shape runs where a rule needs it, not at every N.
    expect(rounds.filter((r) => r.projects.includes("floor-components")).map((r) => r.n)).toEqual([100, 500]);
  });
});

describe("bench cascade rows and judgement", () => {
  const step = (
    n: number,
    name: string,
    flows: number,
    wallS: number,
    jobMs = 5000,
    code = 0,
    publishWindowS: number | null = null,
  ) => ({
    n,
    step: name,
    code,
    wallS,
    jobMs,
    publishWindowS,
    republished: Array.from({ length: flows }, (_, i) => `F${i}`),
  });

  it("rows: the steps with slow jobs that republished something, above the same run's no-op up, seconds of publish window per flow and the publishes in flight", () => {
    const rows = cascadeRows([
      step(100, "up-first", 102, 204, 5000, 0, 153),
      step(100, "up-noop", 0, 20),
      step(100, "up-module-change", 26, 52, 0),
      step(100, "up-module-change-all", 102, 153, 5000, 1),
      { ...step(100, "up-module-change", 26, 60), inFlight: { max: 12, mean: 6.4 } },
      step(500, "up-module-change", 126, 90, 5000, 0, 63),
      { ...step(100, "up-noop", 0, 30), run: 2 },
      { ...step(100, "up-module-change", 26, 70), run: 2 },
      // OpenTofu's (issue 90.1): above its own no-op.
      { ...step(100, "up-noop", 0, 5), project: "terraform" },
      { ...step(100, "up-module-change", 26, 95), project: "terraform" },
    ]);
    expect(rows).toEqual([
      {
        project: "ours",
        n: 100,
        run: 1,
        step: "up-first",
        flows: 102,
        wallS: 204,
        windowS: 153,
        aboveNoopS: 184,
        perFlowS: 1.5,
        impliedConcurrency: 10,
        inFlightMax: null,
        inFlightMean: null,
      },
      {
        project: "ours",
        n: 100,
        run: 1,
        step: "up-module-change",
        flows: 26,
        wallS: 60,
        windowS: null,
        aboveNoopS: 40,
        perFlowS: 2.31,
        impliedConcurrency: 6.5,
        inFlightMax: 12,
        inFlightMean: 6.4,
      },
      {
        project: "ours",
        n: 500,
        run: 1,
        step: "up-module-change",
        flows: 126,
        wallS: 90,
        windowS: 63,
        aboveNoopS: null,
        perFlowS: 0.5,
        impliedConcurrency: 30,
        inFlightMax: null,
        inFlightMean: null,
      },
      {
        project: "ours",
        n: 100,
        run: 2,
        step: "up-module-change",
        flows: 26,
        wallS: 70,
        windowS: null,
        aboveNoopS: 40,
        perFlowS: 2.69,
        impliedConcurrency: 5.57,
        inFlightMax: null,
        inFlightMean: null,
      },
      {
        project: "terraform",
        n: 100,
        run: 1,
        step: "up-module-change",
        flows: 26,
        wallS: 95,
        windowS: null,
        aboveNoopS: 90,
        perFlowS: 3.65,
        impliedConcurrency: 4.11,
        inFlightMax: null,
        inFlightMean: null,
      },
    ]);
  });

  it("publishes in flight: the most jobs open at once and the time-weighted mean over the window; a job ending as another starts is not two at once", () => {
    expect(concurrency([])).toBeNull();
    // 0-10 one job, 10-20 two, 20-30 one: mean (10 + 20 + 10) / 30.
    expect(
      concurrency([
        { startMs: 0, endMs: 20_000 },
        { startMs: 10_000, endMs: 30_000 },
      ]),
    ).toEqual({ max: 2, mean: 1.33 });
    expect(
      concurrency([
        { startMs: 0, endMs: 10 },
        { startMs: 10, endMs: 20 },
      ]),
    ).toEqual({ max: 1, mean: 1 });
  });

  const cascadeStep = (run: number, wallS: number, extra: Partial<CascadeStepFigures> = {}): CascadeStepFigures => ({
    n: 250,
    step: "up-module-change-all",
    code: 0,
    wallS,
    jobMs: 5000,
    republishedCount: 252,
    run,
    ...extra,
  });

  it("the target: the median of the rule's runs at N = 250, measured (never interpolated), against 5 minutes and the 2-minute stretch", () => {
    const judged = judgeCascade(
      [
        cascadeStep(1, 250),
        cascadeStep(2, 100),
        cascadeStep(3, 180),
        { ...cascadeStep(1, 20), step: "up-noop", republishedCount: 0 },
      ],
      { shipped: true },
    )!;
    expect(judged.map((t) => [t.value, t.met])).toEqual([
      ["median 180 s of 250, 100, 180 s", true],
      ["median 180 s of 250, 100, 180 s", false],
    ]);
    expect(judged[0].what).toMatch(
      /250-caller cascade \(252 publishes, 5 s jobs, 300 requests a minute per token\) with the shipped defaults under 5 minutes, median of 3 runs/,
    );
    expect(
      judgeCascade([cascadeStep(1, 90), cascadeStep(2, 100), cascadeStep(3, 110)], { shipped: true })!.map(
        (t) => t.met,
      ),
    ).toEqual([true, true]);
  });

  it("against OpenTofu republishing the same callers (issue 90.1): ours' median ÷ each of OpenTofu's settings' median ≤ 0.5; not met with a run of either missing", () => {
    const ours = [cascadeStep(1, 90), cascadeStep(2, 100), cascadeStep(3, 110)];
    const tofu = (project: "terraform" | "terraform-tuned", walls: number[]) =>
      walls.map((wallS, i) => cascadeStep(i + 1, wallS, { project }));
    const judged = judgeCascade(
      [...ours, ...tofu("terraform", [420, 400, 410]), ...tofu("terraform-tuned", [180, 190, 185])],
      { shipped: true },
    )!;
    expect(judged.slice(2).map((t) => [t.what, t.value, t.met])).toEqual([
      [
        "the same cascade: ours ÷ OpenTofu (its defaults) republishing the same callers (update_trigger_hash) ≤ 0.5, medians of 3 runs (issue 90.1)",
        "median 100 s of 90, 100, 110 s / median 410 s of 420, 400, 410 s = 0.24×",
        true,
      ],
      [
        "the same cascade: ours ÷ OpenTofu (-parallelism=25, token_pool_size = 25) republishing the same callers (update_trigger_hash) ≤ 0.5, medians of 3 runs (issue 90.1)",
        "median 100 s of 90, 100, 110 s / median 185 s of 180, 190, 185 s = 0.54×",
        false,
      ],
    ]);
    const short = judgeCascade(
      [
        ...ours,
        ...tofu("terraform", [420, 400]),
        { ...cascadeStep(3, 300, { project: "terraform" }), republishedCount: 2 },
      ],
      { shipped: true },
    )!;
    expect(short.slice(2).map((t) => [t.value, t.met])).toEqual([
      [
        "median 100 s of 90, 100, 110 s / median 410 s of 420, 400 s; only 2 of 3 runs republished all 252 flows with exit 0 = 0.24×",
        false,
      ],
    ]);
    // Without OpenTofu in the round (--no-terraform): ours' target and stretch only.
    expect(judgeCascade(ours, { shipped: true })).toHaveLength(2);
  });

  it("is not met with a run missing or failed, or with the defaults tuned; says nothing about another N", () => {
    const failed = judgeCascade([cascadeStep(1, 100), cascadeStep(2, 100, { code: 1 }), cascadeStep(3, 100)], {
      shipped: true,
    })!;
    expect(failed[0]).toEqual(
      expect.objectContaining({
        met: false,
        value: "median 100 s of 100, 100 s; only 2 of 3 runs republished all 252 flows with exit 0",
      }),
    );
    const partial = judgeCascade(
      [cascadeStep(1, 100), cascadeStep(2, 100, { republishedCount: 251 }), cascadeStep(3, 100)],
      { shipped: true },
    )!;
    expect(partial[0].met).toBe(false);
    const tuned = judgeCascade([cascadeStep(1, 100), cascadeStep(2, 100), cascadeStep(3, 100)], { shipped: false })!;
    expect(tuned[0]).toEqual(
      expect.objectContaining({ met: false, value: expect.stringContaining("not the shipped defaults") }),
    );
    expect(judgeCascade([{ ...cascadeStep(1, 100), n: 100 }], { shipped: true })).toBeUndefined();
  });
});

describe("bench chart (bench/chart.ts)", () => {
  it("puts N on a logarithmic axis over two decades or more, a linear one below", () => {
    const path = (ns: number[]) =>
      timeVsNSvg("t", "s", [{ label: "a", color: "#000", points: ns.map((n, i) => ({ n, seconds: i + 1 })) }]);
    const wide = path([1, 10, 1000]);
    expect(wide).toContain("logarithmic");
    // 1, 10 and 1,000 at 0, 1/3 and the whole of the plot's width (70 + 630 px).
    expect(wide).toMatch(/d="M70\.0,[\d.]+ L280\.0,[\d.]+ L700\.0,[\d.]+"/);
    expect(path([1, 10])).not.toContain("logarithmic");
  });
});
