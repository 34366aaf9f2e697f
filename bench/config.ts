// What a benchmark run does, decided from its arguments before anything runs: the options, and the
// rounds (which N, which emulator conditions, which projects, which steps). Pure, so the plan of the
// quick and the full run is tested (test/unit/benchConfig.test.ts) without deploying anything.
import * as fs from "node:fs";
import * as path from "node:path";
import { toolRoot } from "../project/root";
import { parseCommandLine, UsageError, type ArgValues, type FlagSpec } from "../project/cliArgs";
import { MAX_PUBLISHERS } from "../planner/publishers";
import { GENESYS_DEFAULT_REQUESTS_PER_MINUTE, type RateLimitConfig } from "../emulator/rateLimit";
import { MAX_CALLER_NODES } from "./flows";
import { DEFAULT_PUBLISH_JOB_MS, MAX_PUBLISH_JOB_MS } from "./cascade";
import {
  CASCADE_RULE,
  CASCADE_TOFU,
  LATENCY_RULES,
  ORG_FIRST_RULE,
  ruleAnchorsByN,
  TEAM_REPOSITORY_RULE,
} from "./targets";
import type { ProjectName, StepName } from "./steps";

export type { ProjectName, StepName } from "./steps";

/**
 * How many times the rounds without latency take each no-op step (preview-noop, up-noop), alternated
 * across the projects: the ratio rules judge the median of each project's runs (bench/targets.ts).
 * A no-op run takes a few seconds on a shared 2-core machine, where the load of the moment moves
 * a single run by a fifth; a ratio of two single runs carries both runs' noise.
 */
export const NOOP_RUNS = 3;

/**
 * The run number of a step the round takes more than once (the no-op steps, NOOP_RUNS): one more
 * than the times the project took it before in the round; undefined for a step taken once.
 */
export function repeatedRunNumber(
  round: Pick<Round, "steps">,
  step: StepName,
  takenBefore: number,
): number | undefined {
  return round.steps.filter((s) => s === step).length > 1 ? takenBefore + 1 : undefined;
}

/** Pairs of previews of a change reaching every flow, with and without the org-reference check, in the round that measures its read cost. */
export const ORG_CHECK_PAIRS = 3;

export interface Options {
  quick: boolean;
  ns: number[];
  out: string;
  coreReps: number;
  jobs: number;
  clients: number;
  baseline: boolean;
  floor: boolean;
  /** The floor with one component per flow (--floor-components; off by default). */
  floorComponents: boolean;
  terraform: boolean;
  /** Emulator latency per API request (ms), one deploy round per value. */
  latencies: number[];
  /**
   * The largest N a round with latency runs at. The latency rounds compare with OpenTofu on
   * publish throughput and the refresh cost (issue 28.4: N = 100); at N = 500 and 1,000 the
   * rate-limited rounds are that comparison, and 150 ms rounds there would add about an hour.
   */
  latencyMaxN: number;
  /**
   * The rate-limited rounds: a per-client budget (emulator/rateLimit.ts), the N they run at, and the
   * ms added to each of their requests (--rate-limit-latency; default 0: the budget alone, where an
   * org over the internet has both). `orgPool` (--rate-limit-org-pool; 0: none): the same rounds
   * once more as a stack signs in on an org, with the provider's default pool of that many tokens,
   * each from the OAuth client and so its own budget, whatever the run's own sign-in.
   */
  rateLimit: { config: RateLimitConfig; ns: number[]; latencyMs: number; orgPool: number } | undefined;
  /** Resource operations at once: Pulumi's `--parallel`, OpenTofu's `-parallelism` (undefined: each tool's default). */
  parallel: number | undefined;
  /**
   * OAuth tokens in the provider's pool, for every tool (Pulumi's `tokenPoolSize`, OpenTofu's
   * `token_pool_size`). The provider holds one pooled client for the whole of each resource
   * operation, so this, not the engine's parallelism, bounds the publishes at once. Default 1, as
   * the local stack sets it (Pulumi.local.yaml: one token, one rate budget).
   */
  tokenPool: number;
  /**
   * How every tool signs in (--client-credentials): "token", the emulator's fixed access token,
   * which all of the provider's pooled clients share, so one rate budget; "client", the OAuth
   * client-credentials grant, as on an org: each pooled client gets a token of its own, and so a
   * budget of its own under --rate-limit (Genesys's budget is per token, emulator/rateLimit.ts).
   */
  auth: "token" | "client";
  /**
   * Provider processes ours publishes through (--publishers; `provider.publishers`): each its own
   * publish budget under --client-credentials. Undefined: the stack's default, one per 125 flows
   * with client credentials and one with the access token (planner/publishers.ts defaultPublishers).
   */
  publishers: number | undefined;
  /**
   * Nodes added before each caller's start (--caller-nodes; default 0): the fixtures' callers have
   * 3-4 nodes, a real flow dozens, and the state holds every flow's model.
   */
  callerNodes: number;
  deploy: boolean;
  /** `--skip-preview`: every Pulumi project's `up` skips the preview pass `pulumi up --yes` runs first (as `genesys-flows up` does). */
  skipPreview: boolean;
  stepTimeoutMs: number;
  /**
   * The cascade round (--cascade; issue 63.2, bench/targets.ts CASCADE_RULE), instead of the scaling
   * rounds: ours deployed as an org's stack (`stack`, the OAuth client's credentials, Genesys's 300
   * requests a minute per token), publish jobs that take `jobMs`, `runs` times at each of `ns`: first
   * deploy (set-up, its jobs final at once unless `instantFirst` is false), no-op, a change to Verify
   * (a quarter of the callers: the size of a wave) and to Lookup (every caller). `shipped`: the
   * provider's pool, the provider processes and the engine's parallelism are the product's defaults
   * (no --token-pool, --publishers or --parallel). `trace` (--trace, a scratch run: tracing costs
   * time): the module changes' `up`s write Pulumi's OpenTelemetry trace, and the step tables show
   * their provider Update calls (bench/trace.ts updateCalls). Undefined: no cascade round.
   * `firstOnly` (--org-first, issue 90.2, bench/targets.ts ORG_FIRST_RULE): the same org settings, the
   * first deploy alone (jobs final at once) with `latencyMs` on every request.
   */
  cascade:
    | {
        ns: number[];
        runs: number;
        jobMs: number;
        instantFirst: boolean;
        stack: string;
        shipped: boolean;
        tokenPool: number | undefined;
        trace: boolean;
        firstOnly?: { latencyMs: number };
      }
    | undefined;
  /**
   * What the run leaves in bench/results/ (bench/record.ts). "round": a round as the rules say
   * (bench/targets.ts; no option but --out and --step-timeout-min changes what it measures): its
   * record and full tables are written, and it refuses a work tree with uncommitted changes.
   * "record" (--record): another run recorded the same way (a sweep a doc cites), same refusal.
   * "scratch" (--quick, any option that changes what is measured, or --scratch): nothing is
   * written there; the results stay in --out.
   */
  recording: "round" | "record" | "scratch";
}

/** N from which a round is "at scale": no preview of a new stack, no `npm start` (the issue's list). */
export const SCALE_FROM_N = 500;
export const MAX_N = 1000;
const FULL_NS = [1, 10, 50, 100, 500, 1000];
const QUICK_NS = [1, 10];
const RATE_LIMIT_NS = [100, 500];
/**
 * The provider's own default `token_pool_size`, and its largest (terraform-provider-genesyscloud
 * v1.84.2, genesyscloud/provider: `DefaultFunc: schema.EnvDefaultFunc("GENESYSCLOUD_TOKEN_POOL_SIZE",
 * DefaultMaxClients)` with `DefaultMaxClients = 10`, `ValidateFunc: validation.IntBetween(MinClients,
 * MaxClients)` with `MaxClients = 50`). The stacks' own default is planner/publishers.ts defaultTokenPool.
 */
export const PROVIDER_DEFAULT_TOKEN_POOL = 10;
const PROVIDER_MAX_TOKEN_POOL = 50;
/** Default of --latency-max-n: rounds with latency at N = 1 to 100. */
const LATENCY_MAX_N = 100;

/** The options of `bench/run.ts` (project/cliArgs.ts). */
const BENCH_OPTIONS = {
  render: { type: "string" },
  quick: { type: "boolean" },
  n: { type: "string" },
  out: { type: "string" },
  reps: { type: "string" },
  jobs: { type: "string" },
  clients: { type: "string" },
  "no-baseline": { type: "boolean" },
  "no-floor": { type: "boolean" },
  "floor-components": { type: "boolean" },
  "no-terraform": { type: "boolean" },
  latency: { type: "string" },
  "latency-max-n": { type: "string" },
  "rate-limit": { type: "string" },
  "rate-limit-n": { type: "string" },
  "no-rate-limit": { type: "boolean" },
  "rate-limit-latency": { type: "string" },
  "rate-limit-org-pool": { type: "string" },
  parallel: { type: "string" },
  "token-pool": { type: "string" },
  "client-credentials": { type: "boolean" },
  publishers: { type: "string" },
  "caller-nodes": { type: "string" },
  "no-deploy": { type: "boolean" },
  "skip-preview": { type: "boolean" },
  "step-timeout-min": { type: "string" },
  help: { type: "boolean", short: "h" },
  cascade: { type: "boolean" },
  "org-first": { type: "boolean" },
  "cascade-n": { type: "string" },
  "job-ms": { type: "string" },
  "cascade-runs": { type: "string" },
  "cascade-slow-first": { type: "boolean" },
  trace: { type: "boolean" },
  scratch: { type: "boolean" },
  record: { type: "boolean" },
} as const satisfies FlagSpec;

export type Parsed = { ok: true; options: Options } | { ok: false; message: string };

function intList(text: string, min: number, max: number): number[] | undefined {
  const xs = text.split(",").map(Number);
  return xs.every((x) => Number.isInteger(x) && x >= min && x <= max) ? xs : undefined;
}

/** The options given, or the usage error (project/cliArgs.ts). */
function given(argv: readonly string[]): ArgValues<typeof BENCH_OPTIONS> | UsageError {
  try {
    return parseCommandLine(argv, BENCH_OPTIONS).values;
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
}

/** `--help` or `-h` on a command line that reads. */
export function wantsHelp(argv: string[]): boolean {
  const values = given(argv);
  return !(values instanceof UsageError) && values.help === true;
}

/** `bench --help`: the options section of bench/README.md. */
export function benchHelp(): string {
  return (
    fs.readFileSync(path.join(toolRoot(), "bench", "README.md"), "utf8").split("\n## ")[1] ?? "see bench/README.md\n"
  );
}

/** `--render DIR`: the folder of an earlier run whose results.md and charts to rewrite, if given. */
export function renderDirOf(argv: string[]): string | undefined {
  const values = given(argv);
  return values instanceof UsageError ? undefined : values.render;
}

/** The options of `bench/run.ts` (bench/README.md). `now` and `root` name the default output folder. */
export function parseBenchArgs(argv: string[], root: string, now: Date = new Date()): Parsed {
  const values = given(argv);
  if (values instanceof UsageError) return { ok: false, message: `${values.message} (see bench/README.md)` };
  /** The options given, as written (`--n`): their value, or undefined for a flag. */
  const options = new Map(
    Object.entries(values).map(([name, v]) => [`--${name}`, typeof v === "string" ? v : undefined]),
  );
  const value = (flag: string): string | undefined => options.get(flag);
  const has = (flag: string): boolean => options.has(flag);
  const quick = has("--quick");
  const ns = intList(value("--n") ?? (quick ? QUICK_NS : FULL_NS).join(","), 1, MAX_N);
  if (!ns) return { ok: false, message: `--n takes a comma-separated list of integers 1..${MAX_N}` };
  const latencies = intList(value("--latency") ?? (quick ? "0" : `0,${LATENCY_RULES.latencyMs}`), 0, 5000);
  if (!latencies)
    return { ok: false, message: "--latency takes a comma-separated list of integers 0..5000 (ms per API request)" };
  const latencyMaxN = intList(value("--latency-max-n") ?? String(LATENCY_MAX_N), 1, MAX_N);
  if (latencyMaxN?.length !== 1) return { ok: false, message: `--latency-max-n takes one integer 1..${MAX_N}` };
  // Rate-limited rounds: in the full run by default, in the quick one only when asked for.
  const rateText = value("--rate-limit");
  const rateNsText = value("--rate-limit-n");
  let rateLimit: Options["rateLimit"];
  if (!has("--no-rate-limit") && (!quick || rateText !== undefined || rateNsText !== undefined)) {
    const perMinute = intList(rateText ?? String(GENESYS_DEFAULT_REQUESTS_PER_MINUTE), 1, 1_000_000);
    if (perMinute?.length !== 1)
      return { ok: false, message: "--rate-limit takes one integer: requests a minute per client" };
    const rateNs = intList(rateNsText ?? (quick ? QUICK_NS : RATE_LIMIT_NS).join(","), 1, MAX_N);
    if (!rateNs) return { ok: false, message: `--rate-limit-n takes a comma-separated list of integers 1..${MAX_N}` };
    const rateLatency = intList(value("--rate-limit-latency") ?? "0", 0, 5000);
    if (rateLatency?.length !== 1)
      return {
        ok: false,
        message: "--rate-limit-latency takes one integer 0..5000 (ms per API request in the rate-limited rounds)",
      };
    // The org rounds: in the full run by default, unless the run signs in as an org already.
    const orgPoolText = value("--rate-limit-org-pool");
    const asOrgAlready = has("--client-credentials") || has("--token-pool");
    const orgPool = Number(orgPoolText ?? (quick || asOrgAlready ? 0 : PROVIDER_DEFAULT_TOKEN_POOL));
    if (!(Number.isInteger(orgPool) && orgPool >= 0 && orgPool <= PROVIDER_MAX_TOKEN_POOL))
      return {
        ok: false,
        message: `--rate-limit-org-pool takes an integer 0..${PROVIDER_MAX_TOKEN_POOL} (tokens in the provider's pool in the org rounds; 0: no org round)`,
      };
    rateLimit = { config: { requestsPerMinute: perMinute[0] }, ns: rateNs, latencyMs: rateLatency[0], orgPool };
  }
  const parallelText = value("--parallel");
  const parallel = parallelText === undefined ? undefined : Number(parallelText);
  if (parallel !== undefined && !(Number.isInteger(parallel) && parallel >= 1 && parallel <= 256))
    return { ok: false, message: "--parallel takes an integer 1..256" };
  const tokenPool = Number(value("--token-pool") ?? 1);
  if (!(Number.isInteger(tokenPool) && tokenPool >= 1 && tokenPool <= 50))
    return { ok: false, message: "--token-pool takes an integer 1..50 (the provider's limits)" };
  const publishersText = value("--publishers");
  const publishers = publishersText === undefined ? undefined : Number(publishersText);
  if (publishers !== undefined && !(Number.isInteger(publishers) && publishers >= 1 && publishers <= MAX_PUBLISHERS))
    return { ok: false, message: `--publishers takes an integer 1..${MAX_PUBLISHERS}` };
  const callerNodes = Number(value("--caller-nodes") ?? 0);
  if (!(Number.isInteger(callerNodes) && callerNodes >= 0 && callerNodes <= MAX_CALLER_NODES))
    return { ok: false, message: `--caller-nodes takes an integer 0..${MAX_CALLER_NODES}` };
  const cascade = cascadeOf(value, has, tokenPool);
  if (cascade !== undefined && "message" in cascade) return { ok: false, message: cascade.message };
  // A round: nothing given but where the output goes and how long a step may take (and --cascade).
  const measuring = [...options.keys()].filter(
    (f) => !["--out", "--step-timeout-min", "--cascade", "--org-first", "--scratch", "--record"].includes(f),
  );
  if (has("--scratch") && has("--record"))
    return {
      ok: false,
      message: "--scratch and --record: choose one (--record writes to bench/results/, --scratch never does)",
    };
  const recording: Options["recording"] = has("--scratch")
    ? "scratch"
    : has("--record")
      ? "record"
      : quick || measuring.length > 0
        ? "scratch"
        : "round";
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return {
    ok: true,
    options: {
      quick,
      ns,
      out: path.resolve(value("--out") ?? path.join(root, ".work/bench", `${stamp}${quick ? "-quick" : ""}`)),
      coreReps: Number(value("--reps") ?? (quick ? 3 : 5)),
      jobs: Number(value("--jobs") ?? (quick ? 200 : 1000)),
      clients: Number(value("--clients") ?? 8),
      baseline: !has("--no-baseline"),
      floor: !has("--no-baseline") && !has("--no-floor"),
      floorComponents: !has("--no-baseline") && has("--floor-components"),
      terraform: !has("--no-terraform"),
      latencies,
      latencyMaxN: latencyMaxN[0],
      rateLimit,
      parallel,
      tokenPool,
      auth: has("--client-credentials") ? "client" : "token",
      publishers,
      callerNodes,
      deploy: !has("--no-deploy"),
      skipPreview: has("--skip-preview"),
      stepTimeoutMs: Number(value("--step-timeout-min") ?? 20) * 60_000,
      cascade,
      recording,
    },
  };
}

/** The cascade round's options (`--cascade`), undefined without it, or what is wrong with them. */
function cascadeOf(
  value: (flag: string) => string | undefined,
  has: (flag: string) => boolean,
  tokenPool: number,
): Options["cascade"] | { message: string } {
  // --org-first: issue 90.2 on an org's settings (ORG_FIRST_RULE), the first deploy alone at the rule's N, runs and latency.
  const orgFirst = has("--org-first");
  if (orgFirst && ["--cascade", "--job-ms", "--cascade-slow-first", "--trace", "--client-credentials"].some(has))
    return {
      message:
        "--org-first takes --cascade-n, --cascade-runs and the tuning options (--token-pool, --publishers, --parallel) only: it is the first deploy of the org stack, jobs final at once",
    };
  if (!orgFirst && !has("--cascade")) {
    const stray = ["--cascade-n", "--cascade-runs", "--job-ms", "--cascade-slow-first", "--trace"].some(has);
    return stray
      ? {
          message:
            "--cascade-n, --cascade-runs, --job-ms, --cascade-slow-first and --trace belong to the cascade round: add --cascade",
        }
      : undefined;
  }
  const ns = intList(
    value("--cascade-n") ?? (orgFirst ? ORG_FIRST_RULE.ns.join(",") : String(CASCADE_RULE.callers)),
    1,
    MAX_N,
  );
  if (!ns) return { message: `--cascade-n takes a comma-separated list of integers 1..${MAX_N}` };
  const runs = intList(value("--cascade-runs") ?? String(orgFirst ? ORG_FIRST_RULE.runs : CASCADE_RULE.runs), 1, 9);
  if (runs?.length !== 1) return { message: "--cascade-runs takes one integer 1..9 (fresh projects per N)" };
  // The product's defaults unless a tuning option says otherwise (a sweep; then no measure of the target).
  const shipped = !has("--token-pool") && !has("--publishers") && !has("--parallel");
  const common = { ns, runs: runs[0], shipped, tokenPool: has("--token-pool") ? tokenPool : undefined };
  if (orgFirst)
    return {
      ...common,
      jobMs: 0,
      instantFirst: true,
      stack: ORG_FIRST_RULE.stack,
      trace: false,
      firstOnly: { latencyMs: ORG_FIRST_RULE.latencyMs },
    };
  const jobMs = intList(value("--job-ms") ?? String(DEFAULT_PUBLISH_JOB_MS), 0, MAX_PUBLISH_JOB_MS);
  if (jobMs?.length !== 1)
    return { message: `--job-ms takes one integer 0..${MAX_PUBLISH_JOB_MS} (ms a publish job stays Started)` };
  if (has("--client-credentials"))
    return {
      message:
        "--client-credentials: the cascade round always signs in with the OAuth client's credentials, as an org's stack does",
    };
  return {
    ...common,
    jobMs: jobMs[0],
    instantFirst: !has("--cascade-slow-first"),
    stack: CASCADE_RULE.stack,
    trace: has("--trace"),
  };
}

/** One deploy round: fresh copies of its projects, each with its own emulator in one condition. */
export interface Round {
  label: string;
  n: number;
  latencyMs: number;
  rateLimit?: RateLimitConfig;
  /** How every project of the round signs in, when not as the run's options say (the org rounds). */
  signIn?: { tokenPool: number; auth: "token" | "client" };
  projects: ProjectName[];
  /** In order; each step runs for every project that takes it (stepProjects), interleaved. */
  steps: StepName[];
  /** The cascade round: how long a publish job stays Started (ms), and whether the first deploy's jobs are instant. */
  jobs?: { ms: number; instantFirst: boolean };
  /**
   * The cascade round: ours deployed as the org's stack `stack` (its shipped provider settings, the
   * OAuth client's credentials), `tokenPool` only when the run overrides the product's default;
   * `run` of `runs` at this N, each a fresh project and emulator.
   */
  org?: { stack: string; tokenPool: number | undefined; run: number; runs: number };
  /**
   * The shipped portfolio's round (issue 63.3): a copy of the project as shipped, its local stack on
   * a free port, `npm start` twice as a user types it (it starts its own emulator each time, its org
   * kept in the copy's .work/emulator/org.json); no bench emulator, so no request counts.
   */
  shipped?: true;
  /**
   * A team's repository (issue 90.5, bench/teamRepository.ts): the packed tool, `genesys-flows init`,
   * `npm install`, then the team's commands as a person types them; no bench emulator either.
   */
  team?: true;
}

/** The emulator's publish job duration during a step of a round (ms; 0: final at once). */
export function stepJobMs(round: Round, step: StepName): number {
  if (!round.jobs) return 0;
  return step === "up-first" && round.jobs.instantFirst ? 0 : round.jobs.ms;
}

/** The N whose no-op up is traced: the largest N up to 100 (comparable across runs), else the smallest. */
export function tracedN(ns: number[]): number {
  const small = ns.filter((n) => n <= 100);
  return small.length > 0 ? Math.max(...small) : Math.min(...ns);
}

/** The no-op without the engine: `genesys-flows up` once (the engine; it records the fingerprint), then preview and up alternated NOOP_RUNS times. */
const fastNoopSteps = (): StepName[] => [
  "up-noop-cli",
  ...Array.from({ length: NOOP_RUNS }, () => ["preview-noop-fast", "up-noop-fast"] as StepName[]).flat(),
];
/** Issue 101: the same with the stack's state moved to a PostgreSQL backend (the first step moves it). */
const postgresNoopSteps = (): StepName[] => fastNoopSteps().map((s) => `${s}-postgres` as StepName);

/** The rounds of a run, in order: each latency round over every N, then the rate-limited rounds. */
export function plannedRounds(opts: Options): Round[] {
  const rounds: Round[] = [];
  if (opts.cascade) {
    // The cascade round alone: ours, deployed as an org's stack, signed in and budgeted as one.
    const c = opts.cascade;
    for (const n of c.ns) {
      for (let run = 1; run <= c.runs; run++) {
        // Issue 90.1: OpenTofu deploying the same files (republishing the callers a change reaches), as it comes and tuned.
        // Issue 90.2 (firstOnly): the first deploy alone, as each tool does it on an org, every request late.
        const first = c.firstOnly;
        rounds.push({
          label: `N=${n} ${first ? `org first deploy +${first.latencyMs} ms` : `cascade, ${c.jobMs / 1000} s jobs`}${c.runs > 1 ? `, run ${run}/${c.runs}` : ""}`,
          n,
          latencyMs: first?.latencyMs ?? 0,
          rateLimit: { requestsPerMinute: GENESYS_DEFAULT_REQUESTS_PER_MINUTE },
          projects: ["ours", ...(opts.terraform ? (Object.keys(CASCADE_TOFU) as ProjectName[]) : [])],
          steps: first ? ["up-first"] : ["up-first", "up-noop", "up-module-change", "up-module-change-all"],
          jobs: { ms: c.jobMs, instantFirst: c.instantFirst },
          org: { stack: c.stack, tokenPool: c.tokenPool, run, runs: c.runs },
        });
      }
    }
    return rounds;
  }
  const traceAt = tracedN(opts.ns);
  for (const latencyMs of opts.latencies) {
    for (const n of opts.ns) {
      // Past --latency-max-n, a first deploy only where a rule compares it with OpenTofu's (issue 90.2).
      if (latencyMs > 0 && n > opts.latencyMaxN) {
        if (opts.terraform && (LATENCY_RULES.firstDeployNs as readonly number[]).includes(n))
          rounds.push({
            label: `N=${n} +${latencyMs} ms`,
            n,
            latencyMs,
            projects: ["ours", "terraform"],
            steps: ["up-first"],
          });
        continue;
      }
      const atScale = n >= SCALE_FROM_N;
      // The bare baseline runs without latency only: it shows the cost of our layer; the latency
      // rounds compare with Terraform. The floor also runs in the latency round at the traced N:
      // what Pulumi itself (gated by CrossGuard) pays for a publish-bound first deploy there, next
      // to OpenTofu (issue 28.4's evidence).
      const projects: ProjectName[] = ["ours"];
      if (opts.baseline && latencyMs === 0) projects.push("baseline");
      if (opts.floor && (latencyMs === 0 || n === traceAt)) projects.push("floor");
      // The shape: when asked for, and wherever a rule compares with it (bench/targets.ts RATIO_RULES).
      if (
        opts.baseline &&
        (opts.floorComponents || ruleAnchorsByN().get(n)?.has("floor-components")) &&
        latencyMs === 0
      )
        projects.push("floor-components");
      if (opts.terraform) projects.push("terraform");
      const steps: StepName[] = [];
      if (!atScale) steps.push("preview");
      steps.push("up-first");
      for (let i = 0; i < (latencyMs === 0 ? NOOP_RUNS : 1); i++) steps.push("preview-noop", "up-noop");
      // Issue 78.3: the no-op without the engine, through the command line (ours only).
      if (latencyMs === 0) steps.push(...fastNoopSteps());
      // The org-reference check's read cost (issue 25: N = 100, 150 ms per request): the traced N of
      // each round with latency.
      if (latencyMs > 0 && n === traceAt)
        for (let i = 0; i < ORG_CHECK_PAIRS; i++) steps.push("preview-change-org-check", "preview-change-no-org-check");
      if (latencyMs === 0 && !atScale) steps.push("start-deployed");
      if (n === traceAt && latencyMs === opts.latencies[0]) steps.push("up-noop-traced");
      if (latencyMs === 0) steps.push(...postgresNoopSteps());
      steps.push("up-module-change");
      rounds.push({ label: latencyMs > 0 ? `N=${n} +${latencyMs} ms` : `N=${n}`, n, latencyMs, projects, steps });
    }
  }
  // The shipped portfolio's no-op `npm start` (bench/targets.ts SHIPPED_START_RULE), after the scaling rounds.
  rounds.push({
    label: "shipped portfolio",
    n: 0,
    latencyMs: 0,
    projects: ["ours"],
    steps: ["start-shipped-first", "start-shipped-noop"],
    shipped: true,
  });
  rounds.push({
    label: "team repository",
    n: 0,
    latencyMs: 0,
    projects: ["ours"],
    steps: [...TEAM_REPOSITORY_RULE.steps],
    team: true,
  });
  if (opts.rateLimit) {
    const limit = opts.rateLimit;
    // The run's own sign-in, then (orgPool > 0) the provider's default pool, each token its own budget.
    const signIns: Array<Round["signIn"]> = [
      undefined,
      ...(limit.orgPool > 0 ? [{ tokenPool: limit.orgPool, auth: "client" as const }] : []),
    ];
    for (const signIn of signIns) {
      for (const n of limit.ns) {
        rounds.push({
          label: `N=${n} ${limit.config.requestsPerMinute}/min${limit.latencyMs > 0 ? ` +${limit.latencyMs} ms` : ""}${signIn ? ` ${signIn.tokenPool} tokens` : ""}`,
          n,
          latencyMs: limit.latencyMs,
          rateLimit: limit.config,
          ...(signIn ? { signIn } : {}),
          projects: opts.terraform ? ["ours", "terraform"] : ["ours"],
          // Issue 90.3: the no-op without the engine under the budget too.
          steps: ["up-first", "preview-noop", ...fastNoopSteps(), "up-module-change"],
        });
      }
    }
  }
  return rounds;
}

/** The steps ours alone takes through the command line: the no-op without the engine, on each backend. */
const CLI_NOOP_STEPS = new Set([...fastNoopSteps(), ...postgresNoopSteps()]);

/** Which of a round's projects take a step: ours everything; the anchors the steps they have. */
export function stepProjects(round: Round, step: StepName): ProjectName[] {
  const takes = (p: ProjectName): boolean => {
    // The cascade round: OpenTofu takes every step, the module changes included (issue 90.1).
    if (p === "ours" || round.org) return true;
    const oursAlone = ["start-deployed", "up-noop-traced", "preview-change-org-check", "preview-change-no-org-check"];
    if (oursAlone.includes(step) || CLI_NOOP_STEPS.has(step)) return false;
    // The bare projects keep their files: only OpenTofu gets the changed module (its callers keep
    // the old snapshot), to compare publish cost per flow.
    if (step === "up-module-change") return p === "terraform";
    if (step === "up-module-change-all") return false;
    return true;
  };
  return round.projects.filter(takes);
}
