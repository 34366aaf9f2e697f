// The benchmark (issues 8 and 17): how deploy cost grows with the number of flows, against a bare
// Pulumi baseline and against OpenTofu on the same provider binary, with and without API latency.
//   node -r ts-node/register/transpile-only bench/run.ts [--quick] [--n 1,10,50,100] [--out DIR]
// See bench/README.md. Writes results.json, results.md, time-vs-n.svg/.png to
// .work/bench/<timestamp>/ (git-ignored). Exit 1 when a counting invariant fails (publish jobs
// per step) or a step fails; timings are reported, never asserted.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import * as YAML from "yaml";
import { failureText } from "./failureText";
import { shippedStackSettings } from "./shippedStack";
import { adoptionMarkdown, adoptionRound, BENCH_CLIENT, parseAdoptionArgs, type AdoptionResults } from "./adoption";
import { readPortfolio } from "../project/portfolio";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import type { OperationKind, RequestLogEntry } from "../emulator/requestLog";
import { copyShippedProject, createProject, policyArgs, type E2eProject } from "../testkit/harness";
import { readyToolchainEnv } from "../testkit/toolchainEnv";
import { startPostgres, type RunningPostgres } from "../testkit/postgres";
import { freePort } from "../testkit/freePort";
import { timeVsNSvg, writeChart, type Series } from "./chart";
import type { CoreStats, Scenario } from "./cores";
import { emulatorThroughput, type ThroughputResult } from "./emulatorThroughput";
import {
  benchHelp,
  parseBenchArgs,
  plannedRounds,
  repeatedRunNumber,
  wantsHelp,
  renderDirOf,
  stepJobMs,
  stepProjects,
  type Options,
  type ProjectName,
  type Round,
  type StepName,
} from "./config";
import {
  affectedBy,
  BENCH_SUBSTITUTIONS,
  benchPortfolio,
  CHANGED_MODULE,
  changedLookupText,
  changedModuleText,
  pad,
  plannedBenchPortfolio,
  ROOT,
} from "./flows";
import { cascadeRows, PROVIDER_POLL_SLEEP_S, type CascadeFigures, type CascadeRow } from "./cascade";
import { concurrency, median, r2 } from "./stats";
import { createTofuProject, tofuToolchain, type SignIn, type TofuProject, type TofuToolchain } from "./terraform";
import { killActiveRuns, resourcesSummary, runPulumi, runTimed, type TimedRun } from "./timedRun";
import {
  CASCADE_RULE,
  CASCADE_TOFU,
  CORE_RULES,
  judgeCascade,
  judgeCores,
  judgeOrgFirst,
  judgeTargets,
  ORG_FIRST_RULE,
  RULES_FILE,
  signInKey,
  type StepFigures,
} from "./targets";
import { orgReadCosts, type OrgCheckTiming, type OrgReadCost } from "./orgReadCost";
import { checkOrgReferences } from "../org/orgReferences";
import { connectToOrg } from "../org/signIn";
import { breakdown, parseTrace, updateCalls, type Breakdown, type UpdateCalls } from "./trace";
import type { ProcessKind } from "./procs";
import {
  dirtyTreeRefusal,
  recordFileName,
  runRecord,
  type Provenance,
  type RunRecord,
  type RunSettings,
} from "./record";
import { TEAM_COMMANDS, TEAM_ENV, teamRepository } from "./teamRepository";
import { countKinds, firstDeployRequests, type FirstDeployRequests } from "./requests";
import { firstDeployTimeline, timelineText, type FirstDeployTimeline } from "./timeline";

// ---------------------------------------------------------------------------------------------
// Options (bench/config.ts)

function parseArgs(argv: string[]): Options {
  if (wantsHelp(argv)) {
    process.stdout.write(benchHelp());
    process.exit(0);
  }
  const parsed = parseBenchArgs(argv, ROOT);
  if (!parsed.ok) {
    process.stderr.write(`bench: ${parsed.message}\n`);
    process.exit(2);
  }
  return parsed.options;
}

// ---------------------------------------------------------------------------------------------
// Results

/** One step of one project; what the targets read is StepFigures (bench/targets.ts). */
interface StepResult extends StepFigures {
  timedOut: boolean;
  /** A step through the command line (CLI_STEPS): it answered without starting the engine. */
  fast?: boolean;
  /** Max over samples of the summed RSS of the pulumi process tree (sampled from /proc). */
  peakRssMB: number;
  /** Largest single process of each kind. */
  peakRssByKindMB: Partial<Record<ProcessKind, number>>;
  cpuS: number;
  cpuSByKind: Partial<Record<ProcessKind, number>>;
  requests: Partial<Record<OperationKind, number>>;
  /** Requests answered 429 by the per-client budget, by operation. */
  throttled: Partial<Record<OperationKind, number>>;
  maxVersions: number;
  emulator: {
    /** Seconds from the command's start to its first / last emulator request. */
    firstRequestS: number | null;
    lastRequestS: number | null;
    /** Sum of server-side request durations (ms): how long the emulator was busy. */
    busyMs: number;
    maxRequestMs: number;
    /** Seconds from start of each `GET /organizations/me`: one per provider configure. */
    providerConfiguresAtS: number[];
  };
  /** Provider processes started, and the platform probes (`<bridge> version`, 10 s timeout each). */
  providerStarts: number;
  platformProbes: { count: number; seenS: number[] };
  /**
   * Publish jobs seen by the emulator: window from the first job.create to the last job.poll, per-job
   * upload→final poll, and the publishes in flight (jobs between upload and final poll: the most at
   * once, and the time-weighted mean over the window).
   */
  publish: {
    windowS: number | null;
    jobMsMedian: number | null;
    jobMsMax: number | null;
    inFlightMax?: number;
    inFlightMean?: number;
  };
  /** The engine's `--parallel` as the pulumi command line had it (tools/pulumi.sh's default, or the run's), null when none was passed. */
  engineParallel?: number | null;
  /** The cascade round's run (1-based) of this N. */
  run?: number;
  /** With --trace, the provider's Update calls as the engine saw them (bench/trace.ts updateCalls). */
  updates?: UpdateCalls | null;
  /** Flows whose published version changed in the step (names without the stack prefix), sorted. */
  republished: string[];
  changes: string;
  loadAvg1: number;
  /** How long the emulator kept each publish job Started in the step (ms; 0: final at once; the cascade round). */
  jobMs: number;
  /** A first deploy's requests by kind (bench/requests.ts): what ours asks that OpenTofu does not. */
  requestKinds?: Record<string, number>;
  /** A first deploy's wall time by phase, from its request log (bench/timeline.ts); none without a publish job. */
  timeline?: FirstDeployTimeline;
}

interface Results {
  startedAt: string;
  finishedAt?: string;
  mode: "quick" | "full" | "cascade" | "org-first";
  options: Omit<Options, "out"> & { out: string };
  machine: Record<string, unknown>;
  cores: CoreStats[];
  emulator?: ThroughputResult;
  steps: StepResult[];
  fits: Record<string, { fixedS: number; perFlowS: number; r2: number; points: number }>;
  /** Wall time of ours over the anchor's, same N, latency and step. */
  ratios: Array<{
    n: number;
    latencyMs: number;
    rateLimitPerMinute: number | null;
    signIn?: Round["signIn"];
    run?: number;
    step: StepName;
    anchor: Anchor;
    ours: number;
    anchorS: number;
    ratio: number;
  }>;
  /** The issue's targets, judged in this run. */
  targets: Array<{ what: string; value: string; met: boolean }>;
  invariants: Array<{ what: string; expected: number; actual: number; ok: boolean }>;
  /** The cascade round's module changes (issue 54.3): flows, wall time, seconds per flow. */
  cascade?: CascadeRow[];
  /** Each round's first deploys: the requests ours made that OpenTofu did not (issue 90.2). */
  firstDeployRequests?: FirstDeployRequests[];
  /** The org-reference check's read cost (issue 25), per round that measured it. */
  orgReadCost?: OrgReadCost[];
  /** One traced no-op up of ours at the largest N (Pulumi's OpenTelemetry trace): where its time goes. */
  trace?: Breakdown & { n: number; file: string; wallS: number; emulatorBusyMs: number; requests: number };
  failures: string[];
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

const r1 = (x: number) => Math.round(x * 10) / 10;

function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

type Anchor = Exclude<ProjectName, "ours">;

/** Requests since `since` by operation: those answered (`faulted` false) or refused by a fault (true). */
function countsSince(emu: RunningEmulator, since: number, faulted = false): Partial<Record<OperationKind, number>> {
  const out: Partial<Record<OperationKind, number>> = {};
  for (const e of emu.requestLog.list())
    if (e.seq > since && (e.fault !== undefined) === faulted) out[e.operation] = (out[e.operation] ?? 0) + 1;
  return out;
}

/** Same N, latency and rate limit: the steps a ratio compares. */
type Condition = { n: number; latencyMs: number; rateLimitPerMinute: number | null; signIn?: Round["signIn"] };
const sameCondition = (a: Condition, b: Condition) =>
  a.n === b.n &&
  a.latencyMs === b.latencyMs &&
  a.rateLimitPerMinute === b.rateLimitPerMinute &&
  signInKey(a) === signInKey(b);
/** The same step, and the same run of it, under the same condition: the two sides of a ratio. */
type Run = Condition & { step: StepName; run?: number };
const sameRun = (a: Run, b: Run) => sameCondition(a, b) && a.step === b.step && (a.run ?? 1) === (b.run ?? 1);

function lastSeq(emu: RunningEmulator): number {
  return emu.requestLog.list().at(-1)?.seq ?? 0;
}

function publishSummary(entries: RequestLogEntry[]): StepResult["publish"] {
  const creates = entries.filter((e) => e.operation === "job.create");
  const polls = entries.filter((e) => e.operation === "job.poll");
  if (creates.length === 0 || polls.length === 0) return { windowS: null, jobMsMedian: null, jobMsMax: null };
  const t = (e: RequestLogEntry) => Date.parse(e.timestamp) + e.durationMs;
  const uploads = new Map<string, number>();
  for (const e of entries)
    if (e.operation === "job.upload") uploads.set(e.path.split("/").pop()!, Date.parse(e.timestamp));
  const lastPoll = new Map<string, number>();
  for (const e of polls) lastPoll.set(e.path.split("/").pop()!, t(e));
  const jobs = [...lastPoll].flatMap(([id, end]) =>
    uploads.has(id) ? [{ startMs: uploads.get(id)!, endMs: end }] : [],
  );
  const spans = jobs.map((j) => j.endMs - j.startMs).sort((a, b) => a - b);
  const inFlight = concurrency(jobs);
  return {
    windowS: r2((Math.max(...polls.map(t)) - Date.parse(creates[0].timestamp)) / 1000),
    jobMsMedian: spans.length > 0 ? r1(spans[Math.floor(spans.length / 2)]) : null,
    jobMsMax: spans.length > 0 ? r1(spans[spans.length - 1]) : null,
    ...(inFlight ? { inFlightMax: inFlight.max, inFlightMean: inFlight.mean } : {}),
  };
}

/** Latest published version of every live flow in the emulator's org, by name. */
function versions(emu: RunningEmulator): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of emu.store.listFlows()) if (!f.deleted) out.set(f.name, f.versions.length);
  return out;
}

/** The published-name prefix of a round's stack (the bench's stack files use `<stack>-`). */
const namePrefixOf = (round: Round): string =>
  round.org ? shippedStackSettings(round.org.stack).namePrefix : "local-";

function republishedSince(emu: RunningEmulator, before: Map<string, number>, prefix: string): string[] {
  return [...versions(emu)]
    .filter(([name, v]) => v !== (before.get(name) ?? 0))
    .map(([name]) => (name.startsWith(prefix) ? name.slice(prefix.length) : name))
    .sort();
}

/** The `--parallel` the engine ran with, from its command line (tools/pulumi.sh adds its default there); null when none. */
function engineParallelOf(run: TimedRun): number | null {
  for (const p of run.tree.processes.filter((x) => x.kind === "engine")) {
    const m = /(?:^|\s)(?:--parallel|-p)[= ](\d+)(?:\s|$)/.exec(p.command);
    if (m) return Number(m[1]);
  }
  return null;
}

/**
 * A step as the emulator saw it, or, for a run whose emulator is not the bench's (`npm start` of the
 * shipped portfolio starts its own, in its own process), without the emulator's side: no request
 * counts, no publish window, nothing republished known.
 */
function analyse(
  project: ProjectName,
  round: Round,
  step: StepName,
  run: TimedRun,
  seen?: { emu: RunningEmulator; since: number; before: Map<string, number> },
): StepResult {
  const entries: RequestLogEntry[] = seen ? seen.emu.requestLog.list().filter((e) => e.seq > seen.since) : [];
  const rel = (e: RequestLogEntry) => r2((Date.parse(e.timestamp) - run.startedAt) / 1000);
  const changes = resourcesSummary(run.stdout);
  return {
    project,
    n: round.n,
    latencyMs: round.latencyMs,
    rateLimitPerMinute: round.rateLimit?.requestsPerMinute ?? null,
    ...(round.signIn ? { signIn: round.signIn } : {}),
    step,
    code: run.code,
    timedOut: run.timedOut,
    wallS: r1(run.wallMs / 1000),
    peakRssMB: run.tree.peakRssMB,
    peakRssByKindMB: run.tree.peakRssByKindMB,
    cpuS: run.tree.cpuSecondsTotal,
    cpuSByKind: run.tree.cpuSecondsByKind,
    requests: seen ? countsSince(seen.emu, seen.since) : {},
    ...(seen && step === "up-first"
      ? {
          requestKinds: countKinds(entries),
          timeline: firstDeployTimeline(entries, run.startedAt, run.startedAt + run.wallMs),
        }
      : {}),
    throttled: seen ? countsSince(seen.emu, seen.since, true) : {},
    maxVersions: seen ? Math.max(0, ...versions(seen.emu).values()) : 0,
    emulator: {
      firstRequestS: entries.length > 0 ? rel(entries[0]) : null,
      lastRequestS: entries.length > 0 ? rel(entries[entries.length - 1]) : null,
      busyMs: r1(entries.reduce((a, e) => a + e.durationMs, 0)),
      maxRequestMs: r2(Math.max(0, ...entries.map((e) => e.durationMs))),
      providerConfiguresAtS: entries.filter((e) => e.operation === "org.get").map(rel),
    },
    providerStarts: run.tree.processes.filter((p) => p.kind === "tf-provider").length,
    platformProbes: {
      count: run.tree.platformProbes.length,
      seenS: run.tree.platformProbes.map((p) => r1(p.seenForMs / 1000)),
    },
    publish: publishSummary(entries),
    republished: seen ? republishedSince(seen.emu, seen.before, namePrefixOf(round)) : [],
    changes,
    ...(CLI_STEPS[step] !== undefined ? { fast: /the engine was not started/.test(run.stderr) } : {}),
    loadAvg1: r2(os.loadavg()[0]),
    jobMs: stepJobMs(round, step),
    engineParallel: engineParallelOf(run),
    ...(round.org ? { run: round.org.run } : {}),
  };
}

function fit(points: Array<{ n: number; s: number }>): {
  fixedS: number;
  perFlowS: number;
  r2: number;
  points: number;
} {
  const k = points.length;
  const mx = points.reduce((a, p) => a + p.n, 0) / k;
  const my = points.reduce((a, p) => a + p.s, 0) / k;
  const sxx = points.reduce((a, p) => a + (p.n - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.n - mx) * (p.s - my), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  const a = my - b * mx;
  const sst = points.reduce((acc, p) => acc + (p.s - my) ** 2, 0);
  const sse = points.reduce((acc, p) => acc + (p.s - (a + b * p.n)) ** 2, 0);
  return {
    fixedS: r2(a),
    perFlowS: Math.round(b * 1000) / 1000,
    r2: sst === 0 ? 1 : Math.round((1 - sse / sst) * 1000) / 1000,
    points: k,
  };
}

function machine(tofu: TofuToolchain | undefined): Record<string, unknown> {
  const pulumiVersion = spawnSync("bash", [path.join(ROOT, "tools/pulumi.sh"), "version"], {
    encoding: "utf8",
  }).stdout.trim();
  const tofuVersion = tofu
    ? spawnSync(tofu.tofu, ["version"], { encoding: "utf8" }).stdout.split("\n")[0].trim()
    : undefined;
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: r1(os.totalmem() / 2 ** 30),
    node: process.version,
    pulumi: pulumiVersion,
    provider: "terraform-provider-genesyscloud v1.84.2 via pulumi-terraform-bridge 3.128.0 (dynamic)",
    ...(tofuVersion ? { terraformAnchor: `${tofuVersion}, the same provider build through a dev override` } : {}),
    loadAvgAtStart: os.loadavg().map(r2),
  };
}

/** The commit the run measures, whether the work tree holds changes no commit has, and the rules' commit. */
/** The commit a run measures; undefined (said on stderr) when a round meets a dirty tree: a round measures a commit under rules committed before it. */
function measuredCommit(recording: Parameters<typeof dirtyTreeRefusal>[0]): Provenance | undefined {
  const from = provenance();
  const refusal = dirtyTreeRefusal(recording, from);
  if (refusal) process.stderr.write(`bench: ${refusal}\n`);
  return refusal ? undefined : from;
}

function provenance(): Provenance {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  const head = git("rev-parse", "HEAD");
  const rules = git("log", "-1", "--format=%H", "--", RULES_FILE);
  return {
    commit: head.status === 0 ? head.stdout.trim() : "unknown",
    dirty: git("status", "--porcelain").stdout.trim() !== "",
    rulesCommit: rules.status === 0 && rules.stdout.trim() !== "" ? rules.stdout.trim() : "uncommitted",
  };
}

/** What the cascade's rows read of a step. */
function cascadeFigures(s: StepResult): CascadeFigures {
  const { inFlightMax, inFlightMean } = s.publish;
  return {
    ...s,
    publishWindowS: s.publish.windowS,
    ...(inFlightMax !== undefined && inFlightMean !== undefined
      ? { inFlight: { max: inFlightMax, mean: inFlightMean } }
      : {}),
  };
}

/** A step as the cascade's and the org-first round's rules read it (bench/targets.ts). */
function judgedStep(s: StepResult) {
  const { project, n, step, code, wallS } = s;
  return {
    project,
    n,
    step,
    code,
    wallS,
    jobMs: s.jobMs ?? 0,
    republishedCount: s.republished.length,
    run: s.run ?? 1,
  };
}

/** A step as the record's table keeps it: the republished flows counted, not listed (a thousand names at N = 1,000). */
function tableRow(s: StepResult): Omit<StepResult, "republished"> & { republishedCount: number } {
  const { republished, ...rest } = s;
  return { ...rest, republishedCount: republished.length };
}

// ---------------------------------------------------------------------------------------------
// The two projects

interface Deployable {
  name: ProjectName;
  dir: string;
  emulator: RunningEmulator;
  run(step: StepName, args: string[]): Promise<TimedRun>;
  cleanup(): Promise<void>;
}

/**
 * Every project's emulator: an ephemeral port, and a request log that keeps every request of a step
 * (a first deploy at N = 1,000, or one under the rate limit with its 429s, passes the default 10,000).
 */
const BENCH_EMULATOR = { port: 0, requestLogLimit: 500_000, ...BENCH_CLIENT } as const;

/** How a bare project (baseline, floor, OpenTofu) signs in to `emulator` (Options.auth). */
function benchSignIn(emulator: RunningEmulator, opts: Options): SignIn {
  return opts.auth === "client"
    ? { clientId: emulator.clientId, clientSecret: emulator.clientSecret }
    : { accessToken: emulator.accessToken };
}

const MODULE_PROMPT_CHANGE = "Please enter your four digit PIN (changed by the benchmark).";

async function ours(
  n: number,
  opts: Options,
  round?: Round,
): Promise<Deployable & { project: E2eProject; changeModule(): void; changeLookup(): void }> {
  const org = round?.org;
  const client = {
    accessToken: undefined,
    oauthClientId: BENCH_CLIENT.clientId,
    oauthClientSecret: BENCH_CLIENT.clientSecret,
  };
  let settings: Record<string, unknown>;
  if (org) {
    // An org's stack as shipped, signed in with the OAuth client's credentials; the pool and the
    // publishers only when the run overrides them (a sweep).
    const shipped = shippedStackSettings(org.stack);
    const provider = {
      ...shipped.provider,
      ...(org.tokenPool !== undefined ? { tokenPoolSize: org.tokenPool } : {}),
      ...(opts.publishers !== undefined ? { publishers: opts.publishers } : {}),
    };
    settings = { ...shipped, provider, ...client, substitutions: BENCH_SUBSTITUTIONS };
  } else {
    // --client-credentials: the OAuth client's id and secret instead of the fixed token (undefined
    // drops the harness's accessToken from the stack file), as a real stack signs in.
    const credentials = opts.auth === "client" ? client : {};
    settings = {
      substitutions: BENCH_SUBSTITUTIONS,
      provider: {
        tokenPoolSize: opts.tokenPool,
        ...(opts.publishers !== undefined ? { publishers: opts.publishers } : {}),
      },
      ...credentials,
    };
  }
  const project = await createProject({
    flows: benchPortfolio(n, opts.callerNodes),
    settings,
    emulator: BENCH_EMULATOR,
    ...(org ? { stack: org.stack } : {}),
  });
  const moduleFile = `flows/${CHANGED_MODULE.file}`;
  /** The stack's backend in the steps on PostgreSQL: a table of the run's server, the state moved there first. */
  let postgresUrl: string | undefined;
  return {
    name: "ours",
    dir: project.dir,
    emulator: project.emulator,
    project,
    run: async (step, args) => {
      if (step === "up-noop-cli-postgres") postgresUrl = await movedToPostgres(project);
      const backend = step.endsWith("-postgres") ? { PULUMI_BACKEND_URL: postgresUrl! } : {};
      const env = { ...benchToolchainEnv(project.dir), ...project.pulumiEnv, ...backend };
      const timeoutMs = opts.stepTimeoutMs;
      return step === "start-deployed"
        ? // what a developer types; it finds the copy's emulator already running on its port
          runTimed("npm", ["start", "--silent"], project.dir, {
            timeoutMs: opts.stepTimeoutMs,
            env: { PULUMI_BACKEND_URL: `file://${path.join(project.dir, ".work/state")}` },
          })
        : CLI_STEPS[step] !== undefined
          ? // the command line's launcher, as a person types `genesys-flows up`; with the copy's state and toolchain
            runTimed(process.execPath, ["bin/genesys-flows", CLI_STEPS[step]!, "--stack", project.stack], project.dir, {
              timeoutMs,
              env,
            })
          : runPulumi(project.dir, [...args, ...parallelArgs(opts)], { timeoutMs, env });
    },
    changeModule: () => project.write(moduleFile, changedModuleText(project.read(moduleFile), MODULE_PROMPT_CHANGE)),
    changeLookup: () =>
      project.write("flows/modules/lookup.yaml", changedLookupText(project.read("flows/modules/lookup.yaml"), "K-")),
    cleanup: () => project.cleanup(),
  };
}

/** The steps ours takes through the command line (issues 78.3, 101), and the command of each. */
const CLI_STEPS: Partial<Record<StepName, "up" | "preview">> = {
  "up-noop-cli": "up",
  "preview-noop-fast": "preview",
  "up-noop-fast": "up",
  "up-noop-cli-postgres": "up",
  "preview-noop-fast-postgres": "preview",
  "up-noop-fast-postgres": "up",
};

/** The run's PostgreSQL server (testkit/postgres.ts), started by the first step on it; stopped at the end. */
let postgres: Promise<RunningPostgres> | undefined;
let postgresTables = 0;

/** Moves `project`'s stack to a table of its own on the run's PostgreSQL server (export, init, import); its URL. */
async function movedToPostgres(project: E2eProject): Promise<string> {
  postgres ??= startPostgres().then((pg) => (cleanups.add(() => pg.stop()), pg));
  const url = `${(await postgres).url}&table=bench_${++postgresTables}`;
  const file = path.join(project.dir, ".work", "bench-state.json");
  const sh = async (args: string[], env: Record<string, string> = {}) => {
    const r = await project.pulumi(args, { env });
    if (r.code !== 0) throw new Error(`bench: pulumi ${args.join(" ")} failed: ${r.output.slice(-2000)}`);
    return r.stdout;
  };
  fs.writeFileSync(file, await sh(["stack", "export", "--stack", project.stack]));
  await sh(["stack", "init", project.stack], { PULUMI_BACKEND_URL: url });
  await sh(["stack", "import", "--stack", project.stack, "--file", file], { PULUMI_BACKEND_URL: url });
  return url;
}

/**
 * The toolchain's environment and the mark that tells a copy's tools/pulumi.sh it is ready
 * (testkit/toolchainEnv.ts): no project pays the toolchain check on every step, and the bare copies
 * no longer pay its precompile step, which looked for a program and a pack they do not have.
 */
function benchToolchainEnv(dir: string): Record<string, string> {
  const env = readyToolchainEnv(dir);
  if (env === null) throw new Error("bench: the toolchain check failed; run `npm run setup` to see why");
  return env;
}

/** Pulumi's `--parallel` when the run sets it (OpenTofu's `-parallelism` is set in terraform()). */
const parallelArgs = (opts: Options): string[] => (opts.parallel ? ["--parallel", String(opts.parallel)] : []);

/**
 * The baseline copy: bench/baseline + tools, node_modules and sdks linked, Archy files from `oursDir`'s
 * compile. As the floor (`floor`), the same with bench/floor-pack, a policy pack with no rules; as
 * `floor-components`, the floor with each Flow the child of a component resource of its own.
 */
async function baseline(
  name: "baseline" | "floor" | "floor-components",
  oursDir: string,
  opts: Options,
): Promise<Deployable> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-bench-baseline-"));
  /** Gated by bench/floor-pack, the policy pack with no rules. */
  const gated = name === "floor" || name === "floor-components";
  let emulator: RunningEmulator | undefined;
  try {
    for (const f of ["Pulumi.yaml", "index.ts", "tsconfig.json"])
      fs.copyFileSync(path.join(ROOT, "bench", "baseline", f), path.join(dir, f));
    // Run as JavaScript like the real project's program (tools/jsbuild), so neither pays ts-node.
    const source = fs.readFileSync(path.join(ROOT, "bench", "baseline/index.ts"), "utf8");
    fs.writeFileSync(
      path.join(dir, "index.js"),
      ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText,
    );
    fs.cpSync(path.join(ROOT, "tools"), path.join(dir, "tools"), { recursive: true });
    for (const l of ["node_modules", "sdks"]) fs.symlinkSync(path.join(ROOT, l), path.join(dir, l));
    if (gated) fs.cpSync(path.join(ROOT, "bench", "floor-pack"), path.join(dir, "floor-pack"), { recursive: true });
    // No package.json in bench/baseline: a minimal one here only tells Node the program is CommonJS
    // (without it Node 20 detects index.ts as an ES module) and names the project root.
    // A version too: @pulumi/policy reads the pack's version from the package.json of its working
    // directory, which is the project's (the floor's pack runs here).
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "genesys-flows-bench-baseline", version: "0.0.0", private: true, type: "commonjs" }) +
        "\n",
    );
    fs.mkdirSync(path.join(dir, ".work/state"), { recursive: true });
    fs.mkdirSync(path.join(dir, "archy"), { recursive: true });
    // The same compiled, substituted Archy the real stack publishes, as plain files, in the same
    // order (modules before their callers), each depending on the modules it calls.
    const portfolio = readPortfolio(oursDir, "local");
    const flows = portfolio.flows.map((p, i) => {
      const file = `archy/flow-${pad(i + 1)}.yaml`;
      fs.writeFileSync(path.join(dir, file), p.substitutedYaml);
      return { key: p.id, name: p.publishedName, file, dependsOn: p.calls };
    });
    emulator = await startEmulator(BENCH_EMULATOR);
    const init = await runPulumi(dir, ["stack", "select", "--create", "local"], { timeoutMs: 120_000 });
    if (init.code !== 0)
      throw new Error(`baseline: pulumi stack select --create failed:\n${init.stdout}${init.stderr}`);
    const stackFile = path.join(dir, "Pulumi.local.yaml");
    const doc = fs.existsSync(stackFile)
      ? YAML.parseDocument(fs.readFileSync(stackFile, "utf8"))
      : new YAML.Document({});
    doc.setIn(["config", "baseline:port"], String(emulator.port));
    const signIn = benchSignIn(emulator, opts);
    if ("accessToken" in signIn) doc.setIn(["config", "baseline:accessToken"], signIn.accessToken);
    else {
      doc.setIn(["config", "baseline:oauthClientId"], signIn.clientId);
      doc.setIn(["config", "baseline:oauthClientSecret"], signIn.clientSecret);
    }
    doc.setIn(["config", "baseline:tokenPoolSize"], String(opts.tokenPool));
    doc.setIn(["config", "baseline:flows"], doc.createNode(flows));
    if (name === "floor-components") doc.setIn(["config", "baseline:components"], "true");
    fs.writeFileSync(stackFile, doc.toString());
  } catch (e) {
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const emu = emulator;
  const pack = gated ? ["--policy-pack", "floor-pack"] : [];
  return {
    name,
    dir,
    emulator: emu,
    run: (_step, args) =>
      runPulumi(dir, [...args, ...pack, ...parallelArgs(opts)], {
        timeoutMs: opts.stepTimeoutMs,
        env: benchToolchainEnv(dir),
      }),
    cleanup: async () => {
      await emu.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface TerraformDeployable extends Deployable {
  project: TofuProject;
}

/** OpenTofu's projects (bench/steps.ts ProjectName). */
const isTofu = (p: ProjectName): p is "terraform" | "terraform-tuned" => p === "terraform" || p === "terraform-tuned";

/** Every compiled, substituted Archy file of ours' copy (`stack`) written into an OpenTofu project again: what changed is what a change rewrote. */
const syncArchy = (t: TofuProject, oursDir: string, stack: string) => {
  for (const p of readPortfolio(oursDir, stack).flows) t.writeArchy(p.id, p.substitutedYaml);
};

/**
 * The Terraform anchor: the compiled, substituted Archy of ours' copy in an OpenTofu root module. In
 * the cascade round (issue 90.1), as ours deploys it there: the org stack's files and names, the
 * OAuth client's credentials, each caller republished by the modules it reaches
 * (`update_trigger_hash`), and the pool and parallelism of `name` (bench/targets.ts CASCADE_TOFU).
 */
async function terraform(
  name: "terraform" | "terraform-tuned",
  ours: { dir: string; project: E2eProject },
  tc: TofuToolchain,
  opts: Options,
  round: Round,
): Promise<TerraformDeployable> {
  const emulator = await startEmulator(BENCH_EMULATOR);
  const tuned = round.org ? CASCADE_TOFU[name] : { parallelism: opts.parallel, tokenPool: opts.tokenPool };
  let project: TofuProject;
  try {
    const flows = readPortfolio(ours.dir, ours.project.stack).flows.map((p) => ({
      key: p.id,
      yaml: p.substitutedYaml,
      dependsOn: p.calls,
    }));
    project = createTofuProject(
      flows,
      { port: emulator.port, signIn: benchSignIn(emulator, round.org ? { ...opts, auth: "client" } : opts) },
      tc,
      tuned.tokenPool ?? null,
      round.org !== undefined,
    );
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const p = project;
  return {
    name,
    dir: p.dir,
    emulator,
    project: p,
    // plan refreshes every flow in the state (Terraform's default); apply plans, then applies.
    run: (step) =>
      p.run(
        [
          ...(step === "preview" || step === "preview-noop" ? ["plan"] : ["apply", "-auto-approve"]),
          ...(tuned.parallelism ? [`-parallelism=${tuned.parallelism}`] : []),
        ],
        { timeoutMs: opts.stepTimeoutMs },
      ),
    cleanup: async () => {
      await emulator.stop();
      p.cleanup();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const STEP_LABEL: Record<StepName, string> = {
  preview: "preview (new stack)",
  "up-first": "first up",
  "preview-noop": "no-op preview",
  "up-noop-traced": "no-op up, traced",
  "up-noop": "no-op up",
  "up-module-change": "up after module change",
  "up-module-change-all": "up after a change to Lookup (every caller)",
  "start-deployed": "npm start, deployed stack",
  "start-shipped-first": "npm start, the shipped portfolio, first deploy",
  "start-shipped-noop": "npm start, the shipped portfolio, deployed, nothing changed",
  "preview-change-org-check": "preview of a change reaching every flow (org-reference check)",
  "preview-change-no-org-check": "preview of a change reaching every flow, org-reference check skipped",
  "up-noop-cli": "no-op up through the command line (engine; records the fingerprint)",
  "preview-noop-fast": "no-op preview without the engine (genesys-flows preview)",
  "up-noop-fast": "no-op up without the engine (genesys-flows up)",
  "up-noop-cli-postgres": "no-op up through the command line, state on PostgreSQL (engine; records the fingerprint)",
  "preview-noop-fast-postgres": "no-op preview without the engine, state on PostgreSQL",
  "up-noop-fast-postgres": "no-op up without the engine, state on PostgreSQL",
  "team-start-first": "npm start, a team's repository (genesys-flows init), first deploy",
  "team-start-noop": "npm start, a team's repository, deployed, nothing changed",
  "team-test": "npm test, a team's repository",
};

const TOFU_STEP_LABEL: Partial<Record<StepName, string>> = {
  preview: "plan (new state)",
  "up-first": "first apply",
  "preview-noop": "no-op plan",
  "up-noop": "no-op apply",
  "up-module-change": "apply after module change",
  "up-module-change-all": "apply after a change to Lookup (every caller)",
};

const stepLabel = (project: ProjectName, step: StepName) =>
  isTofu(project) ? (TOFU_STEP_LABEL[step] ?? STEP_LABEL[step]) : STEP_LABEL[step];

/** The largest single process of a step: "<MB> <kind>". */
function largestProcess(s: StepResult): string {
  const [kind, mb] = Object.entries(s.peakRssByKindMB).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0] ?? ["-", 0];
  return `${mb} ${kind}`;
}

/** Parts of results.md, each followed by a blank line: a line, or lines that run on (a table, paragraphs). */
const blocks = (...parts: Array<string | string[]>): string[] => parts.flatMap((p) => [...[p].flat(), ""]);

function markdown(res: Results): string {
  const m = res.machine;
  const e = res.emulator;
  const t = res.trace;
  return [
    ...blocks(`# Benchmark results (${res.mode})`, [
      `Run ${res.startedAt} → ${res.finishedAt ?? "(unfinished)"} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.platform}; node ${m.node}; ${m.pulumi}; ${m.provider}.`,
      `Load average at start: ${(m.loadAvgAtStart as number[]).join(", ")}. Memory = peak of the summed RSS of the pulumi process tree, sampled every 200 ms from /proc.`,
      // Runs from before --token-pool had one token.
      `Resource operations at once: ${res.options.parallel ?? "10 (each tool's default here)"}; OAuth tokens in the provider's pool: ${res.options.tokenPool ?? 1} (the provider holds one for each whole resource operation), signed in with ${res.options.auth === "client" ? "the OAuth client's credentials (each pooled token its own rate budget)" : "the emulator's fixed access token (one rate budget for the whole pool)"}; ours publishes through ${res.options.publishers ?? "the stack's default number of"} provider process(es) (\`provider.publishers\`${res.options.publishers === undefined ? " unset: one per 125 flows with the OAuth client's credentials, one with the access token; the step tables' `provider starts` counts them" : ""}).${res.options.rateLimit?.orgPool ? ` The rate-limited rounds run once more as on an org: ${res.options.rateLimit.orgPool} tokens in the pool, each from the OAuth client and so each its own budget ("N tokens" in the rate limit column).` : ""}`,
      // Runs from before --caller-nodes had none.
      `Callers: the fixtures' (3-4 nodes)${res.options.callerNodes ? `, each with ${res.options.callerNodes} nodes more (--caller-nodes)` : ""}.`,
    ]),
    ...(res.steps.length > 0
      ? blocks(
          "## Deploy steps",
          "`ours` = this project (model, components, policy pack); `baseline` = bare `genesyscloud.Flow` resources in Pulumi; `floor` = the baseline with a policy pack that has no rules; `floor-components` (with --floor-components) = the floor with each Flow the child of a component resource of its own; `terraform` = OpenTofu with bare `genesyscloud_flow` resources, the same provider binary and the same compiled files. Latency = what the emulator adds to every API request.",
          [
            "| N | latency ms | rate limit /min | project | step | exit | wall s | ×baseline | ×floor | ×floor-components | ×terraform | peak RSS MB (tree) | largest process MB | CPU s | job.create | job.upload | job.poll | flow.get | flow.list | org.get | 429s | provider starts | platform probes (s each) | first request at s | publish window s | job ms (median) | emulator busy ms |",
            "|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
            ...res.steps.map((s) => {
              const ratio = (anchor: Anchor) => {
                const r =
                  s.project === "ours" ? res.ratios.find((x) => sameRun(x, s) && x.anchor === anchor) : undefined;
                return r ? r.ratio.toFixed(2) : "";
              };
              const q = s.requests;
              return `| ${s.n} | ${s.latencyMs} | ${s.rateLimitPerMinute ?? "-"}${s.signIn ? ` (${s.signIn.tokenPool} tokens${s.signIn.auth === "client" ? ", each its own budget" : ""})` : ""} | ${s.project} | ${stepLabel(s.project, s.step)}${s.run !== undefined ? ` (run ${s.run})` : ""} | ${s.code}${s.timedOut ? " (timeout)" : ""} | ${s.wallS} | ${ratio("baseline")} | ${ratio("floor")} | ${ratio("floor-components")} | ${ratio("terraform")} | ${s.peakRssMB} | ${largestProcess(s)} | ${s.cpuS} | ${q["job.create"] ?? 0} | ${q["job.upload"] ?? 0} | ${q["job.poll"] ?? 0} | ${q["flow.get"] ?? 0} | ${q["flow.list"] ?? 0} | ${q["org.get"] ?? 0} | ${Object.values(s.throttled ?? {}).reduce((a, c) => a + (c ?? 0), 0)} | ${s.providerStarts} | ${s.platformProbes.count} (${s.platformProbes.seenS.join(", ")}) | ${s.emulator.firstRequestS ?? "-"} | ${s.publish.windowS ?? "-"} | ${s.publish.jobMsMedian === null ? "-" : r1(s.publish.jobMsMedian)} | ${s.emulator.busyMs} |`;
            }),
          ],
          "CPU seconds by process kind (engine = pulumi CLI, tofu = the OpenTofu CLI, program = the Node.js program (for npm start: the CLI too), policy-pack = the analyzer, bridge = pulumi-resource-terraform-provider, tf-provider = terraform-provider-genesyscloud):",
          [
            "| N | latency ms | project | step | engine | tofu | language-host | program | policy-pack | bridge | tf-provider | platform-probe |",
            "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            ...res.steps.map((s) => {
              const c = s.cpuSByKind;
              return `| ${s.n} | ${s.latencyMs} | ${s.project} | ${stepLabel(s.project, s.step)}${s.run !== undefined ? ` (run ${s.run})` : ""} | ${c.engine ?? 0} | ${c.tofu ?? 0} | ${c["language-host"] ?? 0} | ${c.program ?? 0} | ${c["policy-pack"] ?? 0} | ${c.bridge ?? 0} | ${c["tf-provider"] ?? 0} | ${c["platform-probe"] ?? 0} |`;
            }),
          ],
        )
      : []),
    ...(Object.keys(res.fits).length > 0
      ? blocks("## Growth with N (least-squares wall = fixed + perFlow × N)", [
          "| project / step | fixed s | per flow s | R² | points |",
          "|---|---:|---:|---:|---:|",
          ...Object.entries(res.fits).map(([k, f]) => `| ${k} | ${f.fixedS} | ${f.perFlowS} | ${f.r2} | ${f.points} |`),
        ])
      : []),
    ...(res.cores.length > 0
      ? blocks(
          "## Pure cores (in-process, median of repetitions)",
          "plan: load + checks + compile + substitution (the program's pure core); pack rules: every stack policy of the pack over what the components register, run by @pulumi/policy's own analyzeStack as in a preview (the pack's pure core there); plan + pack rules is issue 28's mark, each file parsed, checked and compiled once. lint: the lint command over the same files (parses, checks and compiles them again); plan + lint was the mark's earlier measure.",
          [
            "| scenario | reps | load ms | plan ms | pack rules ms | plan + pack rules ms | plan + pack rules CPU ms | target (wall) | lint ms | plan + lint ms | peak RSS added MB | heap per rep MB | compiled KB |",
            "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
            ...res.cores.map((c) => {
              const targetMs = CORE_RULES.find((r) => r.scenario === c.scenario)?.maxMs;
              const target = targetMs ? `≤ ${targetMs} ms: ${c.median.totalMs <= targetMs ? "met" : "NOT met"}` : "";
              // Runs from before the pack's rules were measured on their own carry no packMs: their total was
              // plan + lint, shown in that column only.
              const m = c.median;
              const mark =
                m.packMs !== undefined ? [m.packMs, m.totalMs, c.medianCpuTotalMs ?? "-", target] : ["-", "-", "-", ""];
              return `| ${c.flows} flow(s) × ${c.nodesPerFlow} nodes | ${c.reps} | ${m.loadMs} | ${m.planMs} | ${mark.join(" | ")} | ${m.rulesMs} | ${m.planLintMs ?? m.totalMs} | ${c.memory.peakAddedMB} | ${c.memory.heapAfterRepMB} | ${Math.round(c.compiledBytes / 1024)} |`;
            }),
          ],
        )
      : []),
    ...(e
      ? blocks("## Emulator alone", [
          `${e.jobs} publish jobs (create, upload ${Math.round(e.uploadBytes / 1024)} KB, poll) by ${e.clients} concurrent clients: **${e.jobsPerSecond} jobs/s**, ${e.failures} failures, job latency p50 ${e.jobLatencyMs.p50} ms / p95 ${e.jobLatencyMs.p95} ms, ${e.pollsPerJob} polls per job.`,
          `Server-side ms (p50 / p95): ${Object.entries(e.serverMs)
            .map(([op, s]) => `${op} ${s!.p50} / ${s!.p95}`)
            .join("; ")}.`,
        ])
      : []),
    ...(t
      ? blocks(
          `## Where a no-op up spends its time (ours, N = ${t.n}, one traced run)`,
          `\`pulumi up --otel-traces\`: ${t.wallS} s wall, ${t.totalS} s traced, ${t.passes} engine passes (preview, then update). Phases may overlap; seconds are summed over the passes.`,
          [
            "| phase | s | from |",
            "|---|---:|---|",
            ...t.phases.map((p) => `| ${p.what} | ${p.seconds} | ${p.how} |`),
            `| API calls (the emulator's busy time) | ${r2(t.emulatorBusyMs / 1000)} | ${t.requests} requests, server side |`,
          ],
        )
      : []),
    ...(res.firstDeployRequests ?? []).flatMap((f) =>
      blocks(
        `## What ours' first deploy asks that OpenTofu's does not, N = ${f.n}${f.latencyMs > 0 ? `, ${f.latencyMs} ms per request` : ""}${f.rateLimitPerMinute !== null ? `, ${f.rateLimitPerMinute}/min${f.signIn ? ` (${f.signIn.tokenPool} tokens)` : ""}` : ""}${f.run !== undefined ? `, run ${f.run}` : ""}`,
        `${f.extra} requests more than OpenTofu's first deploy for ${f.published} flows published (${r2(f.extra / Math.max(f.published, 1))} a flow), from the emulator's request log, by kind (operation and query names). The claims on new names (run/ownership/claimGuard.ts: create by name, lookups by name and type, delete): ${f.claims.made} made, ${f.claims.requests} requests, ${f.claims.perClaim ?? "-"} a claim.`,
        [
          "| request | ours | OpenTofu | more |",
          "|---|---:|---:|---:|",
          ...f.rows.map((r) => `| ${r.kind} | ${r.ours} | ${r.tofu} | ${r.extra} |`),
        ],
      ),
    ),
    ...(res.orgReadCost ?? []).flatMap((c) =>
      blocks(`## The org-reference check's read cost (issue 25), N = ${c.n}, ${c.latencyMs} ms per request`, [
        `Ours' preview of a change reaching every flow (Lookup's), with the check and with it skipped (\`genesys-flows:skipOrgReferenceCheck\`), alternated: **${c.addedS} s added** (median ${c.withS.length} with − median ${c.withoutS.length} without).`,
        `With: ${c.withS.join(", ")} s; without: ${c.withoutS.join(", ")} s; org list requests per check: ${c.listRequests.join(", ")}; 1-minute load average: ${c.loadAvg1.join(", ")}.`,
        ...(c.checkAloneS.length > 0
          ? [
              `The check alone (sign-in, the org's lists, the check; in the bench's process against the same emulator): ${c.checkAloneS.join(", ")} s.`,
            ]
          : []),
      ]),
    ),
    ...(res.options.cascade ? cascadeTables(res, res.options.cascade) : []),
    ...((res.targets ?? []).length > 0
      ? blocks(`## Targets (${RULES_FILE}), judged in this run`, [
          "| target | this run | |",
          "|---|---|---|",
          ...res.targets.map((t) => `| ${t.what} | ${t.value} | ${t.met ? "met" : "**not met**"} |`),
        ])
      : []),
    ...(res.invariants.length > 0
      ? blocks("## Counting invariants (publish jobs)", [
          "| check | expected | actual | |",
          "|---|---:|---:|---|",
          ...res.invariants.map((i) => `| ${i.what} | ${i.expected} | ${i.actual} | ${i.ok ? "ok" : "**FAILED**"} |`),
        ])
      : []),
    ...(res.failures.length > 0
      ? blocks(
          "## Failures",
          res.failures.map((f) => `- ${f}`),
        )
      : []),
    ...(res.notes.length > 0
      ? blocks(
          "## Notes",
          res.notes.map((n) => `- ${n}`),
        )
      : []),
  ].join("\n");
}

/** The cascade round's tables, or the first deploy's on an org (issues 63.2, 90.2). */
function cascadeTables(res: Results, c: NonNullable<Options["cascade"]>): string[] {
  const tuned = [
    res.options.parallel !== undefined ? `--parallel ${res.options.parallel}` : "",
    c.tokenPool !== undefined ? `${c.tokenPool} tokens in each provider's pool` : "",
    res.options.publishers !== undefined ? `${res.options.publishers} publishers` : "",
  ].filter((x) => x !== "");
  const withUpdates = res.steps.filter((x) => x.updates);
  return blocks(
    c.firstOnly ? "## The first deploy on an org (issue 90.2)" : "## The cascade round (issue 63.2)",
    c.firstOnly
      ? `Ours deployed as the org stack \`${c.stack}\` (its shipped provider settings, the emulator as its gateway), signed in with the OAuth client's credentials; ${c.shipped ? "the engine's parallelism, the provider's pool, the provider processes and the run's own tokens as the product picks them (the table below shows what it picked)" : `tuned: ${tuned.join(", ")} (not the shipped defaults)`}. OpenTofu deploys the same compiled files in the same runs, signed in with the OAuth client: \`terraform\` with its defaults, \`terraform-tuned\` with -parallelism and token_pool_size as CASCADE_TOFU (bench/targets.ts) says. Each project has its own emulator: every request ${c.firstOnly.latencyMs} ms late, each token its own budget of 300 requests a minute, publish jobs final at once. ${c.runs} run(s) per N, each a fresh project and emulator; the rule is ORG_FIRST_RULE (bench/targets.ts).${res.options.skipPreview ? " Ours' `up` passed --skip-preview (as `genesys-flows up` runs it): not the rule's plain `pulumi up --yes`." : ""}`
      : `Ours deployed as the org stack \`${c.stack}\` (its shipped provider settings, the emulator as its gateway), signed in with the OAuth client's credentials, each token its own budget of 300 requests a minute; ${c.shipped ? "the engine's parallelism, the provider's pool and the provider processes as the product picks them (the table's engine --parallel, provider starts and OAuth grants show what it picked)" : `tuned: ${tuned.join(", ")} (not the shipped defaults)`}. Publish jobs stay Started ${c.jobMs / 1000} s (\`--job-ms\`; bench/cascade.ts gives the figure's source); the provider polls a job at once, then every ${PROVIDER_POLL_SLEEP_S} s. ${c.runs} run(s) per N, each a fresh project and emulator.${c.instantFirst ? " The first deploy is set-up only: its jobs were final at once." : ""} \`Verify\` is called by a quarter of the callers: its change stands for one wave of that size; the change to \`Lookup\` reaches every caller.${res.steps.some((s) => isTofu(s.project)) ? " OpenTofu (issue 90.1) deploys the same compiled files in the same runs, each project with its own emulator under the same job time and budget, signed in with the OAuth client; each caller's `update_trigger_hash` hashes the files of the modules it reaches, so a change republishes exactly the callers it reaches: `terraform` with its defaults, `terraform-tuned` with -parallelism and token_pool_size as CASCADE_TOFU (bench/targets.ts) says." : ""}`,
    [
      ...(c.firstOnly
        ? []
        : [
            "| project | N | run | step | flows republished | wall s | wall − no-op up s | publish window s | window s per flow | in flight, implied (flows × 15 s ÷ window) | in flight, measured: max / mean |",
            "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
          ]),
      ...(res.cascade ?? []).map(
        (r) =>
          `| ${r.project ?? "ours"} | ${r.n} | ${r.run} | ${stepLabel((r.project ?? "ours") as ProjectName, r.step as StepName) ?? r.step} | ${r.flows} | ${r.wallS} | ${r.aboveNoopS ?? "-"} | ${r.windowS ?? "-"} | ${r.perFlowS} | ${r.impliedConcurrency} | ${r.inFlightMax ?? "-"} / ${r.inFlightMean ?? "-"} |`,
      ),
    ],
    "What the product picked, per step: the engine's --parallel (from its command line), provider processes started, OAuth grants (tokens minted: each provider process fills its pool; the run's own sign-in grants more only once its budgets are spent, org/tokenPool.ts), requests refused by the budget (429s).",
    [
      "| N | run | step | engine --parallel | provider starts | OAuth grants | 429s |",
      "|---:|---:|---|---:|---:|---:|---:|",
      ...res.steps
        .filter((x) => x.project === "ours")
        .map(
          (st) =>
            `| ${st.n} | ${st.run ?? 1} | ${STEP_LABEL[st.step]} | ${st.engineParallel ?? "-"} | ${st.providerStarts} | ${st.requests["oauth.token"] ?? 0} | ${Object.values(st.throttled ?? {}).reduce((a, x) => a + (x ?? 0), 0)} |`,
        ),
    ],
    ...(withUpdates.length > 0
      ? [
          "Traced (--trace): the provider's Update calls as the engine saw them (bench/trace.ts updateCalls). Calls open at once above the publishes in flight at the emulator wait inside the provider for a pooled token; calls fewer than the engine's --parallel are held back by the engine or by the modules' order.",
          [
            "| N | run | step | Update calls | s before the first | s first to last | s after the last | median s each | at once: most / mean |",
            "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
            ...withUpdates.map((st) => {
              const u = st.updates!;
              return `| ${st.n} | ${st.run ?? 1} | ${STEP_LABEL[st.step]} | ${u.count} | ${u.beforeS} | ${u.windowS} | ${u.afterS} | ${u.medianS} | ${u.maxAtOnce} / ${u.meanAtOnce} |`;
            }),
          ],
        ]
      : []),
  );
}

const CHART_STEPS: Array<{ step: StepName; color: string; ours: string; tofu: string }> = [
  { step: "preview-noop", color: "#1f77b4", ours: "no-op preview", tofu: "no-op plan" },
  { step: "up-noop", color: "#2ca02c", ours: "no-op up", tofu: "no-op apply" },
  { step: "up-first", color: "#d62728", ours: "first up", tofu: "first apply" },
  { step: "up-module-change", color: "#9467bd", ours: "module change", tofu: "module change" },
];

/** The runs of `project`'s `step` at `latencyMs` that passed, without a rate limit: what the fits and the charts read. */
const plotted = (steps: readonly StepResult[], project: ProjectName, step: StepName, latencyMs: number) =>
  steps.filter(
    (s) =>
      s.project === project &&
      s.latencyMs === latencyMs &&
      (s.rateLimitPerMinute ?? null) === null &&
      s.step === step &&
      s.code === 0,
  );

function chart(res: Results, latencyMs: number): Series[] {
  // One point per N: the median of a step's runs (the no-op steps run NOOP_RUNS times).
  const pick = (project: ProjectName, step: StepName) => {
    const byN = new Map<number, number[]>();
    for (const s of plotted(res.steps, project, step, latencyMs)) byN.set(s.n, [...(byN.get(s.n) ?? []), s.wallS]);
    return [...byN].map(([n, walls]) => ({ n, seconds: r2(median(walls)) }));
  };
  return CHART_STEPS.flatMap((c) => [
    { label: `ours: ${c.ours}`, color: c.color, points: pick("ours", c.step) },
    { label: `baseline: ${c.ours}`, color: c.color, dash: "dashed" as const, points: pick("baseline", c.step) },
    { label: `floor: ${c.ours}`, color: c.color, dash: "dashdot" as const, points: pick("floor", c.step) },
    { label: `terraform: ${c.tofu}`, color: c.color, dash: "dotted" as const, points: pick("terraform", c.step) },
  ]).filter((s) => s.points.length > 0);
}

/** The charts of a run: `time-vs-n` (no added latency) and `time-vs-n-<ms>ms` per latency round. */
function writeCharts(res: Results, dir: string): string[] {
  const written: string[] = [];
  for (const latencyMs of [...new Set(res.steps.map((s) => s.latencyMs ?? 0))]) {
    const base = path.join(dir, latencyMs > 0 ? `time-vs-n-${latencyMs}ms` : "time-vs-n");
    const svg = timeVsNSvg(
      `genesys-flows: wall time against N${latencyMs > 0 ? `, ${latencyMs} ms per API request` : ""}`,
      `${res.mode} run ${res.startedAt.slice(0, 16)}Z, ${res.machine.cpus} CPUs; solid = ours, dashed = bare Pulumi Flow, dash-dot = bare + empty policy pack, dotted = OpenTofu, same provider`,
      chart(res, latencyMs),
    );
    written.push(writeChart(base, svg) ?? `${base}.svg`);
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// Main

/** Temp copies and emulators to remove when the bench is interrupted. */
const cleanups = new Set<() => Promise<void>>();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the running pulumi, removing temp copies`);
    killActiveRuns();
    void Promise.all([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });
}

/** `--render DIR`: rewrites results.md and the chart of an earlier run from its results.json. */
function render(dir: string): number {
  const res = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8")) as Results;
  // The cascade table from the steps, as this code reads them (runs before its window column).
  if (res.options.cascade)
    res.cascade = cascadeRows(res.steps.map((s) => cascadeFigures({ ...s, jobMs: s.jobMs ?? 0 })));
  fs.writeFileSync(path.join(dir, "results.md"), `${markdown(res)}\n`);
  for (const s of res.steps) {
    s.latencyMs ??= 0; // results of runs before the latency rounds
    s.rateLimitPerMinute ??= null; // and before the rate-limited ones
    s.throttled ??= {};
  }
  res.targets ??= [];
  writeCharts(res, dir);
  log(`rendered ${path.join(dir, "results.md")}`);
  return 0;
}

/**
 * The rounds whose project runs its own emulator, in npm start's own process, so their steps have no
 * request counts. The shipped portfolio's (issue 63.3): a copy of the project as shipped
 * (testkit/harness.ts copyShippedProject), `npm start` twice as a user types it: the first deploys
 * (its org kept in .work/emulator/org.json), the second is the no-op the rule times. A team's
 * repository (issue 90.5, bench/teamRepository.ts): the packed tool, init and npm install, then its
 * npm start twice and its npm test. Either's local stack points at a free port, nothing else changed;
 * the no-op's invariant is read from Pulumi's summary (nothing created, updated, replaced or deleted).
 */
async function ownEmulatorRound(
  round: Round,
  opts: Options,
  res: Results,
  expect: (what: string, expected: number, actual: number | undefined) => void,
): Promise<void> {
  const dir = round.team ? fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-bench-team-")) : copyShippedProject();
  const cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  cleanups.add(cleanup);
  try {
    const project = round.team ? teamRepository(dir, (line) => log(`${round.label}: ${line}`)) : dir;
    const stackFile = path.join(project, "Pulumi.local.yaml");
    const doc = YAML.parseDocument(fs.readFileSync(stackFile, "utf8"));
    doc.setIn(["config", "genesys-flows:provider", "gateway", "port"], String(await freePort()));
    fs.writeFileSync(stackFile, doc.toString());
    for (const step of round.steps) {
      log(`${round.label}: ${STEP_LABEL[step]} ...`);
      const run = await runTimed("npm", TEAM_COMMANDS[step] ?? ["start", "--silent"], project, {
        timeoutMs: opts.stepTimeoutMs,
        ...(round.team ? { env: TEAM_ENV } : {}),
      });
      const r = analyse("ours", round, step, run);
      res.steps.push(r);
      log(`${round.label}: ${STEP_LABEL[step]}: exit ${r.code}, ${r.wallS} s; ${r.changes || "(no summary)"}`);
      if (r.code !== 0)
        res.failures.push(
          `${round.label} ${step}: exit ${r.code}${r.timedOut ? " (timed out)" : ""}: ${failureText(run.stdout + run.stderr)}`,
        );
      // Nothing changed: Pulumi's summary says so, or the command answered without starting the engine (run/fastNoop.ts).
      const fast = r.changes === "" && /the engine was not started/.test(run.stdout + run.stderr);
      if (step === "start-shipped-noop" || step === "team-start-noop")
        expect(
          `${round.label}: the second npm start changes nothing (Pulumi's summary: nothing created, updated, replaced or deleted; or the engine not started)`,
          0,
          /\b(created|updated|replaced|deleted)\b/.test(r.changes) || (r.changes === "" && !fast) ? 1 : 0,
        );
    }
  } catch (e) {
    res.failures.push(`${round.label}: ${(e as Error).stack ?? String(e)}`);
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

/**
 * The org-reference check of the project copy in `dir` as the program runs it on a no-op preview
 * (sign-in, the lists of the kinds its flows name, the check), in this process; seconds.
 */
async function timeOrgCheck(project: E2eProject): Promise<number> {
  const portfolio = readPortfolio(project.dir, "local");
  const started = performance.now();
  const outcome = await checkOrgReferences(portfolio, async () => {
    // The copy's credentials, encrypted in its stack file, decrypted as the engine hands them to
    // the program (the harness made the key when it wrote them: no derivation in the timing).
    const c = await connectToOrg({ stack: "local", settings: portfolio.settings, env: {}, secret: project.secret });
    return { api: c.api, target: c.target };
  });
  if (outcome.refusal !== undefined)
    throw new Error(`bench: the org-reference check refused the bench portfolio: ${outcome.refusal}`);
  return r2((performance.now() - started) / 1000);
}

async function main(): Promise<number> {
  const renderDir = renderDirOf(process.argv.slice(2));
  if (renderDir !== undefined) return render(path.resolve(renderDir));
  if (process.argv.includes("--adoption")) return adoption(process.argv.slice(2));
  const opts = parseArgs(process.argv.slice(2));
  // The commit first: the toolchain checks below take a while, and the work tree may change meanwhile.
  const from = measuredCommit(opts.recording);
  if (from === undefined) return 2;
  fs.mkdirSync(opts.out, { recursive: true });
  const tofu = opts.deploy && opts.terraform ? tofuToolchain() : undefined;
  const res: Results = {
    startedAt: new Date().toISOString(),
    mode: opts.cascade?.firstOnly ? "org-first" : opts.cascade ? "cascade" : opts.quick ? "quick" : "full",
    options: opts,
    machine: machine(tofu),
    cores: [],
    steps: [],
    fits: {},
    ratios: [],
    targets: [],
    invariants: [],
    failures: [],
    notes: [],
  };
  const save = () => {
    fs.writeFileSync(path.join(opts.out, "results.json"), `${JSON.stringify(res, null, 2)}\n`);
    fs.writeFileSync(path.join(opts.out, "results.md"), `${markdown(res)}\n`);
  };
  log(`output: ${opts.out}`);

  // 1. Pure cores, each scenario in a fresh process (not in the cascade round: not its question).
  for (const scenario of (opts.cascade
    ? []
    : opts.quick
      ? ["one-1900", "hundred-50"]
      : ["one-1900", "hundred-50", "thousand-50"]) as Scenario[]) {
    log(`pure cores: ${scenario} × ${opts.coreReps}`);
    const r = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "-r",
        "ts-node/register/transpile-only",
        path.join(ROOT, "bench", "cores.ts"),
        scenario,
        String(scenario === "thousand-50" ? Math.min(opts.coreReps, 3) : opts.coreReps),
      ],
      {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 30 * 60_000,
        env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
      },
    );
    if (r.status !== 0) res.failures.push(`pure cores ${scenario}: exit ${r.status}: ${(r.stderr || "").slice(-1000)}`);
    else res.cores.push(JSON.parse(r.stdout.trim().split("\n").at(-1)!) as CoreStats);
    save();
  }

  // 2. The emulator alone.
  if (!opts.cascade) {
    log(`emulator throughput: ${opts.jobs} jobs, ${opts.clients} clients`);
    // The bench portfolio with 16 callers, compiled: the modules first, then the callers.
    const { modules, callers } = plannedBenchPortfolio(16, "local", "local-", "bench");
    res.emulator = await emulatorThroughput(modules, callers, { clients: opts.clients, jobs: opts.jobs });
    if (res.emulator.failures > 0) res.failures.push(`emulator throughput: ${res.emulator.failures} jobs failed`);
    save();
  }

  // 3. Deploys: ours and the anchors (bare baseline, floor, OpenTofu), steps interleaved so all see
  // the same machine load; one round per N and emulator condition (bench/config.ts plannedRounds).
  const orgCheckTimings: OrgCheckTiming[] = [];
  const expect = (what: string, expected: number, actual: number | undefined) => {
    res.invariants.push({ what, expected, actual: actual ?? 0, ok: (actual ?? 0) === expected });
  };
  if (opts.deploy) {
    for (const round of plannedRounds(opts)) {
      const { n, label } = round;
      if (round.shipped || round.team) {
        await ownEmulatorRound(round, opts, res, expect);
        save();
        continue;
      }
      const made = new Map<ProjectName, Deployable>();
      let o: Awaited<ReturnType<typeof ours>> | undefined;
      const cleanup = async () => {
        for (const d of made.values()) await d.cleanup().catch(() => undefined);
      };
      cleanups.add(cleanup);
      try {
        log(`${label}: preparing the project copies (${round.projects.join(", ")})`);
        // The org rounds sign every project in their own way (bench/config.ts Round.signIn).
        const roundOpts: Options = round.signIn ? { ...opts, ...round.signIn } : opts;
        o = await ours(n, roundOpts, round);
        made.set("ours", o);
        for (const p of round.projects) {
          if (p === "baseline" || p === "floor" || p === "floor-components")
            made.set(p, await baseline(p, o.dir, roundOpts));
          if (isTofu(p) && tofu) made.set(p, await terraform(p, o, tofu, roundOpts, round));
        }
        const faults = (name: StepName) => ({
          latencyMs: round.latencyMs,
          jobCompletionDelayMs: stepJobMs(round, name),
          ...(round.rateLimit ? { rateLimit: round.rateLimit } : {}),
        });
        for (const d of made.values()) d.emulator.setFaults(faults("up-first"));
        const step = async (d: Deployable, name: StepName, args: string[]): Promise<StepResult> => {
          // Only when the job duration changes (the budget's buckets start full again on every set).
          if (round.jobs && d.emulator.faults().jobCompletionDelayMs !== stepJobMs(round, name))
            d.emulator.setFaults(faults(name));
          const since = lastSeq(d.emulator);
          const before = versions(d.emulator);
          log(`${label}: ${d.name} ${stepLabel(d.name, name)} ...`);
          const run = await d.run(name, args);
          const r = analyse(d.name, round, name, run, { emu: d.emulator, since, before });
          // A step a round takes more than once (the no-op steps, bench/config.ts NOOP_RUNS): its run number.
          if (r.run === undefined) {
            const run = repeatedRunNumber(
              round,
              name,
              res.steps.filter((x) => x.project === r.project && sameCondition(x, r) && x.step === r.step).length,
            );
            if (run !== undefined) r.run = run;
          }
          res.steps.push(r);
          const throttled = Object.values(r.throttled).reduce((x, c) => x + (c ?? 0), 0);
          log(
            `${label}: ${d.name} ${stepLabel(d.name, name)}: exit ${r.code}, ${r.wallS} s, peak ${r.peakRssMB} MB, job.create ${r.requests["job.create"] ?? 0}, flow.get ${r.requests["flow.get"] ?? 0}${throttled > 0 ? `, 429s ${throttled}` : ""}`,
          );
          if (r.code !== 0)
            res.failures.push(
              `${label} ${d.name} ${name}: exit ${r.code}${r.timedOut ? " (timed out)" : ""}: ${failureText(run.stdout + run.stderr)}`,
            );
          save();
          return r;
        };
        const publishes = (what: string, r: StepResult, expected: string[]) => {
          expect(`${label} ${what}: publish jobs`, expected.length, r.requests["job.create"]);
          const same = r.republished.length === expected.length && r.republished.every((x, i) => x === expected[i]);
          res.invariants.push({
            what: `${label} ${what}: the flows republished are exactly ${expected.length > 6 ? `${expected.length} flows` : `[${expected.join(", ")}]`}`,
            expected: expected.length,
            actual: r.republished.length,
            ok: same,
          });
        };
        const all = affectedBy("Lookup", n);
        const affected = affectedBy(CHANGED_MODULE.name, n);
        const oursStack = o.project.stack;
        const argsOf = (p: ProjectName): string[] =>
          p === "ours" ? ["--stack", oursStack, ...policyArgs(oursStack)] : ["--stack", "local"];
        for (const name of round.steps) {
          const projects = stepProjects(round, name);
          // --trace: the module changes' ups write Pulumi's trace; their Update calls go in the table.
          const traced = async (name: StepName): Promise<StepResult> => {
            const file = opts.cascade?.trace
              ? path.join(opts.out, `${label.replace(/[^A-Za-z0-9]+/g, "-")}-${name}.trace.json`)
              : undefined;
            const r = await step(o!, name, [
              "up",
              "--yes",
              ...(opts.skipPreview ? ["--skip-preview"] : []),
              ...argsOf("ours"),
              ...(file ? ["--otel-traces", `file://${file}`] : []),
            ]);
            if (file && fs.existsSync(file)) r.updates = updateCalls(parseTrace(fs.readFileSync(file, "utf8")));
            save();
            return r;
          };
          if (name === "up-module-change" || name === "up-module-change-all") {
            const [change, module, expected] =
              name === "up-module-change"
                ? [o.changeModule, CHANGED_MODULE.name, affected]
                : [o.changeLookup, "Lookup", all];
            change();
            publishes(
              `ours up after a change to ${module} (reached by ${expected.length - (module === "Lookup" ? 2 : 1)} of ${n} callers) republishes the module, the modules calling it and their callers`,
              await traced(name),
              expected,
            );
            // OpenTofu gets the same recompiled files. In the cascade round each caller's trigger
            // republishes it (issue 90.1); elsewhere its callers keep the old snapshot.
            for (const t of projects.filter(isTofu).map((p) => made.get(p) as TerraformDeployable | undefined)) {
              if (!t) continue;
              syncArchy(t.project, o.dir, oursStack);
              const what = round.org
                ? "republishes the module, the modules calling it and their callers (update_trigger_hash)"
                : "republishes only the module (its callers keep the old snapshot)";
              publishes(
                `${t.name} apply after the same change to ${module} ${what}`,
                await step(t, name, []),
                round.org ? expected : [module],
              );
            }
            continue;
          }
          if (name === "start-deployed") {
            // `npm start` on the deployed stack: what a developer waits for when nothing changed
            // (install check, emulator check, preflight, no-op up with the pack, verify).
            publishes("ours npm start on the deployed stack publishes nothing", await step(o, name, []), []);
            continue;
          }
          if (name === "preview-change-org-check" || name === "preview-change-no-org-check") {
            // Issue 25's read cost: the same preview with the org-reference check and with it skipped
            // (the stack setting an emergency uses), alternated. The check reads the org only for
            // the flows a run publishes (none in a no-op), so the preview is of a change that reaches
            // every flow (Lookup's, as up-module-change-all makes it), put back after.
            const skip = name === "preview-change-no-org-check";
            if (skip) o.project.editConfig((c) => (c.skipOrgReferenceCheck = "bench: measuring the check's read cost"));
            const lookup = o.project.read("flows/modules/lookup.yaml");
            o.changeLookup();
            try {
              publishes(
                `ours ${STEP_LABEL[name]} publishes nothing`,
                await step(o, name, ["preview", ...argsOf("ours")]),
                [],
              );
            } finally {
              o.project.write("flows/modules/lookup.yaml", lookup);
              if (skip) o.project.editConfig((c) => delete c.skipOrgReferenceCheck);
            }
            // And the check alone, in this process, against the same emulator: what the difference
            // of two Pulumi runs measures only as well as the machine's load lets it.
            if (!skip) orgCheckTimings.push({ n, latencyMs: round.latencyMs, seconds: await timeOrgCheck(o.project) });
            continue;
          }
          if (CLI_STEPS[name] !== undefined) {
            // Issue 78.3: through the command line; after the first, each must answer without the engine.
            const r = await step(o, name, []);
            publishes(`ours ${STEP_LABEL[name]} publishes nothing`, r, []);
            const fast = !name.startsWith("up-noop-cli");
            if (fast) expect(`${label} ours ${STEP_LABEL[name]}: the engine was not started`, 1, r.fast ? 1 : 0);
            continue;
          }
          if (name === "up-noop-traced") {
            // One more no-op up of ours, traced, for the breakdown of its time.
            const file = path.join(opts.out, `noop-up-N${n}.trace.json`);
            const traced = await step(o, name, ["up", "--yes", ...argsOf("ours"), "--otel-traces", `file://${file}`]);
            publishes("ours traced no-op up publishes nothing", traced, []);
            if (traced.code === 0 && fs.existsSync(file)) {
              const total = Object.values(traced.requests).reduce((x, c) => x + (c ?? 0), 0);
              res.trace = {
                n,
                file,
                wallS: traced.wallS,
                emulatorBusyMs: traced.emulator.busyMs,
                requests: total,
                ...breakdown(parseTrace(fs.readFileSync(file, "utf8"))),
              };
            } else res.notes.push(`the traced no-op up wrote no trace (${file})`);
            continue;
          }
          const command =
            name === "preview" || name === "preview-noop"
              ? ["preview"]
              : ["up", "--yes", ...(opts.skipPreview ? ["--skip-preview"] : [])];
          const [expected, what] =
            name === "preview"
              ? [[], "preview of a new stack publishes nothing"]
              : name === "up-first"
                ? [all, `first up publishes every flow (N+2 = ${n + 2})`]
                : name === "preview-noop"
                  ? [[], "no-op preview publishes nothing"]
                  : [[], "no-op up publishes nothing"];
          // Interleaved: ours, the baseline, the floor, Terraform.
          for (const p of projects) {
            const d = made.get(p);
            if (!d) continue;
            const r = await step(d, name, isTofu(d.name) ? [] : [...command, ...argsOf(p)]);
            publishes(`${p} ${what}`, r, expected);
            // Under a rate limit a retried request must never publish a flow twice.
            if (name === "up-first")
              expect(
                `${label} ${p} first deploy: the most versions of any flow (1 = no duplicate publish)`,
                1,
                r.maxVersions,
              );
          }
        }
      } catch (e) {
        res.failures.push(`${label}: ${(e as Error).stack ?? String(e)}`);
        log(`${label}: failed: ${(e as Error).message}`);
      } finally {
        cleanups.delete(cleanup);
        await cleanup();
        save();
      }
    }
  }

  if (postgres) await (await postgres).stop();

  // 4. Ratios, fits, targets, chart.
  for (const s of res.steps) {
    if (s.project !== "ours" || s.code !== 0) continue;
    for (const anchor of ["baseline", "floor", "floor-components", "terraform"] as const) {
      const a = res.steps.find((x) => x.project === anchor && sameRun(x, s) && x.code === 0);
      if (a)
        res.ratios.push({
          n: s.n,
          latencyMs: s.latencyMs,
          rateLimitPerMinute: s.rateLimitPerMinute,
          ...(s.signIn ? { signIn: s.signIn } : {}),
          ...(s.run !== undefined ? { run: s.run } : {}),
          step: s.step,
          anchor,
          ours: s.wallS,
          anchorS: a.wallS,
          ratio: r2(s.wallS / Math.max(a.wallS, 0.1)),
        });
    }
  }
  for (const latencyMs of opts.latencies) {
    for (const project of ["ours", "baseline", "floor", "floor-components", "terraform"] as ProjectName[]) {
      for (const step of ["preview", "up-first", "preview-noop", "up-noop", "up-module-change"] as StepName[]) {
        const pts = plotted(res.steps, project, step, latencyMs).map((s) => ({ n: s.n, s: s.wallS }));
        if (pts.length >= 2)
          res.fits[`${project} ${stepLabel(project, step)}${latencyMs > 0 ? ` +${latencyMs} ms` : ""}`] = fit(pts);
      }
    }
  }
  if (opts.cascade?.firstOnly) {
    const judged = judgeOrgFirst(res.steps.map(judgedStep));
    const off = !opts.cascade.shipped
      ? "not the shipped defaults (settings overridden)"
      : opts.skipPreview
        ? "ours' up with --skip-preview, not the rule's plain pulumi up --yes"
        : undefined;
    res.targets = (judged ?? []).map((t) =>
      off === undefined ? t : { ...t, value: `${t.value}; ${off}: not a measure of the target`, met: false },
    );
    if (!judged)
      res.notes.push(
        `The first deploy on an org (bench/targets.ts ORG_FIRST_RULE) is judged at N = ${ORG_FIRST_RULE.ns.join(", ")} only: this run measured N = ${opts.cascade.ns.join(", ")}.`,
      );
    // Issue 90's acceptance: each target not met says where the time goes (said at every N).
    for (const n of opts.cascade.ns) {
      const where = (["ours", "terraform", "terraform-tuned"] as ProjectName[]).flatMap((p) => {
        const runs = res.steps
          .filter((s) => s.project === p && s.n === n && s.step === ORG_FIRST_RULE.step && s.code === 0 && s.timeline)
          .sort((a, b) => a.wallS - b.wallS);
        const mid = runs[Math.floor((runs.length - 1) / 2)];
        return mid ? [`${p} (its median run, ${mid.wallS} s): ${timelineText(mid.timeline!)}`] : [];
      });
      if (where.length > 0)
        res.notes.push(
          `Where the time goes at N = ${n}, from the request log (bench/timeline.ts; idle: nothing in flight at the org): ${where.join("; ")}.`,
        );
    }
  } else if (opts.cascade) {
    res.cascade = cascadeRows(res.steps.map(cascadeFigures));
    const judged = judgeCascade(res.steps.map(judgedStep), { shipped: opts.cascade.shipped });
    res.targets = judged ?? [];
    if (!judged)
      res.notes.push(
        `The cascade target (bench/targets.ts CASCADE_RULE) is judged at N = ${CASCADE_RULE.callers} only: this run measured N = ${opts.cascade.ns.join(", ")}.`,
      );
  } else res.targets = [...judgeCores(res.cores), ...judgeTargets(res.steps, opts.ns, opts.latencies)];
  res.orgReadCost = orgReadCosts(res.steps, orgCheckTimings);
  res.firstDeployRequests = firstDeployRequests(res.steps);
  res.notes.push(
    "Timings are reported, never asserted; only the publish-job counts are checked (exit 1 when they fail).",
  );
  res.finishedAt = new Date().toISOString();
  if (writeCharts(res, opts.out).some((f) => f.endsWith(".svg")))
    res.notes.push("PNG charts not written: @resvg/resvg-js is not installed (the SVGs are).");
  save();
  // A round (or a run recorded on purpose) leaves its record and full tables in the repository
  // (bench/results/, committed by whoever cites the run), so every figure the docs cite is in the
  // file they cite, with the commit it measured and the rules that judged it.
  if (opts.recording !== "scratch") {
    const settings: RunSettings | undefined = opts.cascade
      ? {
          stack: opts.cascade.stack,
          parallel: opts.parallel ?? "shipped",
          tokenPool: opts.cascade.tokenPool ?? "shipped",
          publishers: opts.publishers ?? "shipped",
          auth: "client",
          jobMs: opts.cascade.jobMs,
          runs: opts.cascade.runs,
        }
      : undefined;
    const record = runRecord(
      {
        ...res,
        ...(settings ? { settings } : {}),
        steps: res.steps.map(tableRow),
        firstDeployRequests: res.firstDeployRequests,
      },
      from,
      opts.recording,
      opts.out,
      ROOT,
    );
    const recordFile = writeRecord(record, markdown(res));
    log(
      `recorded ${path.relative(ROOT, recordFile)} and its tables (.md) (commit ${record.commit.slice(0, 12)}, rules ${record.rules.commit.slice(0, 12)}): commit them with the docs that cite them`,
    );
  } else
    log(`scratch run: nothing written to bench/results/ (a round as bench/targets.ts says, or --record, writes there)`);
  const failed = res.invariants.filter((i) => !i.ok);
  log(
    `done: ${res.steps.length} steps, ${failed.length} invariant failures, ${res.failures.length} failures; ${path.join(opts.out, "results.md")}`,
  );
  return failed.length > 0 || res.failures.length > 0 ? 1 : 0;
}

/** Writes a run's record to bench/results/ and its tables (`markdown`) beside it (.md); the record's file. */
function writeRecord(record: RunRecord, markdown: string): string {
  const recordFile = path.join(ROOT, "bench", "results", recordFileName(record));
  fs.mkdirSync(path.dirname(recordFile), { recursive: true });
  fs.writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  fs.writeFileSync(recordFile.replace(/\.json$/, ".md"), `${markdown}\n`);
  return recordFile;
}

/** `--adoption` (issue 100.1, bench/adoption.ts): the adoption round instead of every other. */
async function adoption(argv: string[]): Promise<number> {
  const opts = parseAdoptionArgs(argv, ROOT);
  if ("message" in opts) {
    process.stderr.write(`bench: ${opts.message} (see bench/README.md)\n`);
    return 2;
  }
  const from = measuredCommit(opts.recording);
  if (from === undefined) return 2;
  fs.mkdirSync(opts.out, { recursive: true });
  log(`output: ${opts.out}`);
  const tc = tofuToolchain();
  const startedAt = new Date().toISOString();
  const env = machine(tc);
  const save = (r: AdoptionResults) => {
    fs.writeFileSync(
      path.join(opts.out, "results.json"),
      `${JSON.stringify({ startedAt, machine: env, options: opts, ...r }, null, 2)}\n`,
    );
    fs.writeFileSync(path.join(opts.out, "results.md"), `${adoptionMarkdown(r, opts)}\n`);
  };
  const res = await adoptionRound(opts, tc, log, cleanups, save);
  if (opts.recording !== "scratch") {
    const record = runRecord(
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        mode: "adoption",
        machine: env,
        targets: res.targets,
        invariants: [],
        failures: res.failures,
        steps: res.steps,
      },
      from,
      opts.recording,
      opts.out,
      ROOT,
    );
    const recordFile = writeRecord(record, adoptionMarkdown(res, opts));
    log(`recorded ${path.relative(ROOT, recordFile)} and its tables (.md): commit them with the docs that cite them`);
  } else log("scratch run: nothing written to bench/results/");
  log(`done: ${res.steps.length} steps, ${res.failures.length} failures; ${path.join(opts.out, "results.md")}`);
  return res.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
