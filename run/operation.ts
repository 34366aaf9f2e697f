// One operation below the commands (issue 86.7): an up, preview, down, rollback or rollout next of a
// stack from a typed request to an outcome: a rollback's release (its sources from git) or a rollout
// next's module, the run (run/stackRun.ts: the state read once before the engine and once after),
// the policy config, the prod confirmation, the preflight, the fast no-op, the engine, verify after
// an up, the account after a failed one, the exit code and the fingerprint. What sits above run/
// comes in as its wiring; the command line (tools/deploy.ts) wires it and hands rollback and rollout its operation.
import { stackFileName } from "../model/stackFile";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { UsageError } from "../project/cliArgs";
import { buildId } from "../project/root";
import { readStackSettings } from "../project/stackFile";
import { extractSources, hasCommit, workingTreeSource, type ReleaseSource } from "../project/releaseSource";
import { decideConfirmation } from "../project/deployConfirmation";
import { projectPlanCache } from "../project/planCache";
import { fetchHttp, formatProblems, preflight } from "../org/preflight";
import { connectToOrg, secretsOnce } from "../org/signIn";
import { type ParsedExport, parseStackExport, readStackExport } from "../org/stackExport";
import type { StackSettings } from "../planner/stackSettings";
import type { Release } from "../planner/releases";
import {
  endedRolloutsText,
  renderRollbackChanges,
  rollbackChanges,
  selectRelease,
  sourceRefusal,
} from "../planner/rollbackPlan";
import { routingRollback } from "../planner/rollbackPlan";
import { routingRevisions } from "../planner/routingInputs";
import { rolloutOf } from "../planner/waves/rolloutControl";
import { skipsCheckpoints } from "./checkpoints";
import { fastNoop, readOrUndefined, recordFingerprint } from "./fastNoop";
import { printAccount, printImpact, printRolledBackNote, printRunFailure, verifyAfterUp } from "./operationReports";
import { textOutOf, type Deployed, type FlowSummary, type OperationView, type TextOut } from "./operationView";
import { StackRun } from "./stackRun";
import type { RunIo } from "./runIo";
import { runTrace } from "./trace";
import { heldRollouts, heldRunText } from "./waves/gate";
import type { VerifyReport } from "../verify/report";
import type { RunAccount } from "../verify/account";
import type { RolloutPlan } from "../planner/waves/wavePlan";
import { routingWrites } from "./people/reads";
import { runWaves } from "./waves/runWaves";

/** What the operation asks of the engine (engine/workspace.ts runEngine) and what it answers: the pulumi options passed on (pulumi's own names and meanings). */
export interface EngineFlags {
  refresh?: boolean;
  diff?: boolean;
  target?: string[];
  targetDependents?: boolean;
  replace?: string[];
  exclude?: string[];
  excludeDependents?: boolean;
  message?: string;
  expectNoChanges?: boolean;
  continueOnError?: boolean;
  parallel?: number;
  /** Print the stack outputs as pulumi does (default: not; the command line prints its own summary). */
  showOutputs?: boolean;
}

export interface EngineRun {
  run: StackRun;
  command: "preview" | "up" | "destroy";
  /** The pulumi environment (tools/pulumiEnv.sh): backend, passphrase, offline switches, PATH. */
  env: Record<string, string>;
  /** The policy pack and its config for the stack (never on destroy: pulumi takes none there). */
  policy?: { pack: string; config: string };
  flags: EngineFlags;
  /** Create the stack when the backend lacks it (the local stack only). */
  create: boolean;
  /** The stack file pulumi reads (the engine hands it a copy: pulumi may rewrite what it reads). */
  stackFile: string;
  onOutput(text: string): void;
  signal?: AbortSignal;
}

export interface EngineResult {
  ok: boolean;
  /** After `up`: how many resources the engine did what to (its summary: "same", "create", "update", ...). */
  changes?: Record<string, number>;
  /** The engine's error when not ok (its output went to onOutput). */
  error?: string;
  /** The stack does not exist in the backend (select, not create). */
  noStack?: boolean;
}

/**
 * Which operation on which stack of which project (`root`: the command line's one projectDir()):
 * `yes` no confirmation, also on prod; `fast: false` (--no-fast) the engine runs even when nothing
 * can have changed; `flags` the pulumi options passed on; `person` who runs it, for a rollout's log.
 */
export type OperationRequest = {
  stack: string;
  root: string;
  yes?: boolean;
  fast?: boolean;
  flags?: EngineFlags;
  person?: string;
} & (
  | { command: "start" | "up" | "preview" | "down" }
  | { command: "rollback"; to: string }
  | { command: "rollout-next"; module?: string; reason: string }
);

/**
 * What the operation ended with (terraform's RunningOperation.Result and State): `code` 0 done, 1
 * refused or a failed run, 3 deployed but not verified, 4 deployed and verified, but a module
 * rollout in waves is held (the gate between waves, a pause); `refusal` why a rollback or a rollout
 * next refused before any run; `deployed` what an up deployed (or a preview would); `verify` the
 * report of verify after an up; `held` the rollouts whose next wave waits; `account` where the org
 * stands after a failed up.
 */
export interface OperationOutcome {
  code: number;
  refusal?: string;
  deployed?: Deployed;
  verify?: VerifyReport;
  held?: RolloutPlan[];
  account?: RunAccount;
}

/** The operation as a command hands it on (tools/cli.ts gives rollback and rollout the command line's). */
export type Operate = (request: OperationRequest) => Promise<OperationOutcome>;

/** What the caller of the wired operation (tools/operation.ts) owns: where the events go, the signal, the question on prod. */
export interface OperateOptions {
  /** Where the events go (default: text on this process's stdout and stderr). */
  view?: OperationView;
  /** Stops the engine; before it starts, the operation ends with nothing changed. */
  signal?: AbortSignal;
  /** The question on prod without `yes` (true: go ahead); none: such a run is refused. */
  confirm?(question: string): Promise<boolean>;
}

/** The operation with its wiring (what sits above run/) handed in (tools/operation.ts), as the commands and a team's scripts run it. */
export type WiredOperate = (request: OperationRequest, options?: OperateOptions) => Promise<OperationOutcome>;

/** What sits above run/, handed in by the command line (tools/deploy.ts), or by a test. */
export interface OperationWiring {
  /** Where the operation's events go (tools/operation.ts for a terminal, jsonView for a script). */
  view: OperationView;
  /** Stops the engine (a person's Ctrl-C: the command owns the signals); before the engine starts, the operation ends with nothing changed. */
  signal?: AbortSignal;
  /** The question on prod without --yes, true only for yes; none without a terminal to ask on. */
  confirm?(question: string): Promise<boolean>;
  /** The environment pulumi runs in for the stack, and its default parallelism (run/engineEnvironment.ts). */
  environment(stack: string): Promise<{ env: Record<string, string>; parallel?: number }>;
  /** The local stack's emulator: the one answering where its provider points, or one started for the run. */
  emulator(settings: StackSettings): Promise<{ url: string; started?: { data: string; stop(): Promise<void> } }>;
  /** The engine (engine/workspace.ts runEngine). */
  engine(e: EngineRun): Promise<EngineResult>;
  /** Reads a test hands in instead of the stack's own (its settings, its state, the sign-in). */
  io?: Partial<RunIo>;
}

/** What a run starts from: its sources, a rollout next's module, and for a rollback the release and the rollouts it ends. */
type Prepared = {
  source: ReleaseSource;
  next?: { module: string; reason: string };
  rollback?: { release: Release; ended: string };
};

/** Runs the request; the exit code, or the refusal of a rollback or a rollout next before any run. */
export async function operate(request: OperationRequest, wiring: OperationWiring): Promise<OperationOutcome> {
  return operateSaying(request, { ...wiring, ...textOutOf(wiring.view) });
}

/** The wiring and the text channels over its view. */
type Wiring = OperationWiring & TextOut;

async function operateSaying(request: OperationRequest, wiring: Wiring): Promise<OperationOutcome> {
  const runs = runsOf(request, wiring.io);
  // A rollback and a rollout next decide from the state; the run they start reads that same text.
  const before = request.command === "rollback" || request.command === "rollout-next" ? runs.readExport() : undefined;
  const prepared = await prepare(request, before, wiring);
  if ("refusal" in prepared) return { code: 1, refusal: prepared.refusal };
  const run = runs.newRun(prepared, before);
  if (prepared.rollback) {
    const refusal = await showRollback(run, prepared.rollback, wiring);
    if (refusal !== undefined) return { code: 1, refusal };
  }
  const outcome = await deploy(request, run, runs, prepared, wiring);
  const { code } = outcome;
  const release = prepared.rollback?.release;
  if (release && (code === 0 || code === 3)) {
    const now = (
      await runs
        .latest()
        .stateAfter()
        .catch(() => undefined)
    )?.releases.history.at(-1);
    if (now?.rollbackOf === release.id)
      wiring.out(
        `\nStack "${request.stack}" runs release ${release.id} again (recorded as ${now.id}); the next up from git puts the git content back.\n`,
      );
  }
  return outcome;
}

/**
 * How the operation makes its runs: the settings from the sources' stack file, the state through
 * the backend, the sign-in with the stack's secrets (a test's reads instead). The state read
 * before a run (a rollback's, a rollout next's) is its first read; the next one is after the engine.
 */
/**
 * A run's sign-in as the stack's provider signs in, holding as many tokens as the run asks
 * (run/stackRun.ts, planner/publishers.ts programTokens). With one, a no-op up's verify of 1,002
 * adopted flows queued on one token's 300 a minute (issue 100).
 */
export function runSignIn(
  stack: string,
  env: () => NodeJS.ProcessEnv,
  secret: (key: string) => Promise<string>,
): RunIo["connect"] {
  return (settings, tokens) =>
    connectToOrg({ stack, settings, env: env(), secret, ...(tokens !== undefined ? { tokens } : {}) });
}

function runsOf(request: OperationRequest, io: Partial<RunIo> = {}) {
  const { stack, root } = request;
  const trace = runTrace();
  const plans = projectPlanCache(root);
  // The environment the run's own reads (the state, pulumi config) share with the engine: this
  // process's until the toolchain's is known (useEnv), never written into process.env.
  let env: NodeJS.ProcessEnv = process.env;
  const secrets = secretsOnce(stack, root, () => env);
  const readExport = io.readExport ?? (() => readStackExport(stack, { root, env }));
  let latest: StackRun | undefined;
  const newRun = (p: Prepared, before?: Promise<string | undefined>) => {
    let reads = 0;
    const readSettings = io.readSettings ?? (() => readStackSettings(p.source.sourcesRoot, stack));
    const connect = io.connect ?? runSignIn(stack, () => env, secrets.secret);
    const read = () => (reads++ === 0 && before ? before : readExport());
    const options = {
      ...(trace ? { trace } : {}),
      ...(plans ? { planCache: plans } : {}),
      ...(request.person !== undefined ? { person: request.person } : {}),
      ...(p.next ? { next: p.next } : {}),
    };
    return (latest = new StackRun({
      stack,
      root,
      source: p.source,
      io: { readSettings, connect, readExport: read },
      ...options,
    }));
  };
  const useEnv = (e: NodeJS.ProcessEnv) => {
    env = e;
  };
  return { readExport, newRun, latest: () => latest!, prefetchSecrets: secrets.prefetch, env: () => env, useEnv };
}

/** The sources a run deploys, and what a rollback or a rollout next decide from the state first (or why they refuse). */
async function prepare(
  request: OperationRequest,
  before: Promise<string | undefined> | undefined,
  say: TextOut,
): Promise<Prepared | { refusal: string }> {
  const { stack, root } = request;
  const tree = { source: { ...workingTreeSource(root, stack), sourcesRoot: root } };
  if (request.command !== "rollback" && request.command !== "rollout-next") return tree;
  let state: ParsedExport | undefined;
  try {
    const text = await before;
    state = text ? parseStackExport(stack, text) : undefined;
  } catch (e) {
    return { refusal: `the state of stack "${stack}" cannot be read: ${(e as Error).message}` };
  }
  if (request.command === "rollout-next") {
    const r = rolloutOf(stack, state?.deployment.waves ?? [], request.module);
    if ("refusal" in r) return r;
    say.out(
      `rollout next: an up of stack "${stack}" that starts the next wave of module ${r.module} (by ${request.person ?? "unknown"}: ${request.reason})\n`,
    );
    return { ...tree, next: { module: r.module, reason: request.reason } };
  }
  const recorded = state?.releases ?? { history: [] };
  if (recorded.problem) return { refusal: recorded.problem };
  const release = selectRelease(stack, recorded.history, request.to);
  if ("refusal" in release) return release;
  const source = sourceRefusal(release);
  if (source) return source;
  if (!hasCommit(root, release.commit))
    return {
      refusal: `commit ${release.commit.slice(0, 12)} of release ${release.id} is not in this repository (a shallow clone? git fetch --unshallow, or fetch the branch that has it)`,
    };
  const dir = path.join(root, ".work/rollback", stack, release.id);
  try {
    extractSources(root, release.commit, stack, dir);
  } catch (e) {
    return { refusal: (e as Error).message };
  }
  return {
    source: { commit: release.commit, dirty: false, rollbackOf: release.id, sourcesRoot: dir },
    rollback: { release, ended: endedRolloutsText(recorded.waves) },
  };
}

/**
 * What a rollback republishes and writes, said before the run from the run's own plan and state
 * (the engine decides the same); or why it refuses.
 */
async function showRollback(
  run: StackRun,
  r: NonNullable<Prepared["rollback"]>,
  say: TextOut,
): Promise<string | undefined> {
  try {
    const target = run.portfolio().flows.map((f) => ({ id: f.id, revision: f.revision, isModule: f.kind.isModule }));
    const deployment = await run.deployment();
    const deployed = deployment.flows.map((f) => ({ id: f.id, revision: f.revision, isModule: f.isModule }));
    const history = (await run.state()).releases.history;
    // What the engine writes (the org read too); when the org's routing does not read, the objects
    // whose revision differs from the release that runs.
    const recorded = routingRevisions(run.routing().objects);
    const differs = () => new Set(Object.keys(recorded).filter((id) => history.at(-1)?.routing?.[id] !== recorded[id]));
    const writes = await routingWrites(run).catch(differs);
    const routing = routingRollback(run.routing().objects, deployment.routing ?? [], writes, history, r.release);
    const changes = rollbackChanges(target, deployed, r.release, routing);
    say.out(`${renderRollbackChanges(run.stack, r.release, changes)}\n${r.ended !== "" ? `${r.ended}\n` : ""}`);
    return undefined;
  } catch (e) {
    if (e instanceof FlowLoadError)
      return `the flows of release ${r.release.id} do not load with today's checks:\n${e.message}`;
    return (e as Error).message;
  }
}

/** The policy config every stack is deployed with; refused when it is missing. */
function policyOf(root: string, stack: string): { pack: string; config: string } {
  const config = `policies/config/${stack}.json`;
  if (!fs.existsSync(path.join(root, config)))
    throw new UsageError(
      `no policy config ${config}: every stack is deployed with one (copy policies/config/dev.json to start)`,
    );
  return { pack: path.join(root, "policies"), config: path.join(root, config) };
}

/** An org's stack: the Pulumi login, the credentials, the region and the org answer, said before it starts (the org may take its 2.5 s). */
async function preflightPasses(
  request: OperationRequest,
  command: string,
  settings: StackSettings,
  say: TextOut,
): Promise<boolean> {
  say.err(
    `[deploy] ${command} stack "${request.stack}": preflight (the Pulumi login, the credentials, the region, the org)\n`,
  );
  const checked = await preflight(
    { root: request.root, stack: request.stack, config: settings },
    { env: process.env, home: os.homedir(), readFile: readOrUndefined, http: fetchHttp, timeoutMs: 2500 },
  );
  if (checked.problems.length > 0) {
    say.err(`deploy: ${formatProblems(request.stack, checked.problems)}\n`);
    return false;
  }
  for (const note of checked.notes) say.err(`[preflight] ${note}\n`);
  return true;
}

type Runs = ReturnType<typeof runsOf>;

/**
 * The run of the stack: the settings and the policy config checked before any backend, the prod
 * confirmation's decision, the preflight, the emulator, the toolchain's environment, then the fast
 * no-op or the engine. The environment is read by a shell and the stack's encrypted credentials
 * decrypted (org/signIn.ts: every command but down signs in for a guard, verify or the no-op's
 * read) beside the rest: on the local stack from the start (nothing refuses it before the run), on
 * an org's stack once the confirmation and the preflight passed. A failure is reported where awaited.
 */
async function deploy(
  request: OperationRequest,
  run: StackRun,
  runs: Runs,
  prepared: Prepared,
  wiring: Wiring,
): Promise<OperationOutcome> {
  const started = Date.now();
  const { stack } = request;
  const command = request.command === "rollback" || request.command === "rollout-next" ? "up" : request.command;
  let environment = stack === "local" ? wiring.environment(stack) : undefined;
  environment?.catch(() => undefined);
  // Refuse a missing or invalid stack file or policy config before touching any backend.
  const settings = run.settings();
  const prefetch = (env: NonNullable<typeof environment>) =>
    env.then(
      (e) => command !== "down" && runs.prefetchSecrets({ stack, settings, env: { ...process.env, ...e.env } }),
      () => undefined,
    );
  if (environment) void prefetch(environment);
  const policy = command === "down" ? undefined : policyOf(request.root, stack);
  const confirmation = decideConfirmation({
    command,
    stack,
    environment: settings.environment,
    yes: request.yes === true,
    interactive: wiring.confirm !== undefined,
  });
  if (confirmation.kind === "refuse") throw new UsageError(confirmation.message);
  if (stack !== "local") {
    if (!(await preflightPasses(request, command, settings, wiring))) return { code: 1 };
    environment = wiring.environment(stack);
    void prefetch(environment);
  }
  const local = stack === "local" ? await wiring.emulator(settings) : undefined;
  try {
    const target = local
      ? `the emulator at ${local.url}${local.started ? ` (started for this run; org in ${local.started.data})` : ""}`
      : `the org configured in ${stackFileName(stack)}`;
    if (local)
      wiring.err(
        `[deploy] Genesys Cloud API emulator: ${local.url}${local.started ? " (started)" : " (already running)"}\n`,
      );
    const { env, parallel } = await environment!;
    // The run's own reads (pulumi config, the state) use the engine's backend; process.env stays as it was.
    const runEnv = { ...process.env, ...env };
    runs.useEnv(runEnv);
    const flags = {
      ...request.flags,
      ...(request.flags?.parallel === undefined && parallel !== undefined ? { parallel } : {}),
    };
    const fast =
      command === "down" || prepared.rollback
        ? undefined
        : await fastNoop(run, {
            code: buildId(),
            env: runEnv,
            flags: request.flags ?? {},
            fast: request.fast !== false,
          });
    const finished = (outcome: OperationOutcome) => {
      if (outcome.code === 0 || fast?.noop)
        wiring.err(`[deploy] ${command} finished in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
      return outcome;
    };
    if (fast?.noop) {
      wiring.err(
        `[deploy] nothing stack "${stack}" deploys can have changed since its last up (the sources, its state and the org's versions of its flows): the engine was not started (--no-fast starts it)\n`,
      );
      const flows = (fast.outputs as { flows?: FlowSummary[] }).flows ?? [];
      const deployed = { stack, target, flows, changes: {}, preview: command === "preview" };
      wiring.view.show({ type: "deployed", deployed });
      if (command === "preview") return finished({ code: 0, deployed });
      return finished({ deployed, ...(await verifyAfter(run, wiring)) });
    }
    if (fast) wiring.err(`[deploy] the engine runs: ${fast.doubt}\n`);
    if (wiring.signal?.aborted) {
      wiring.err("deploy: interrupted before the engine started; nothing changed\n");
      return { code: 1 };
    }
    const outcome = await engineRuns(
      { run, runs, prepared, wiring, command, ask: confirmation.kind === "ask", target },
      { env, flags, ...(policy ? { policy } : {}) },
    );
    const before = outcome.code === 0 && command !== "preview" ? fast?.inputs : undefined;
    if (before) await recordFingerprint(run, { code: buildId(), env: runEnv, before });
    return finished(outcome);
  } finally {
    await local?.started?.stop();
  }
}

/** What the engine's runs start from; `ask`: on prod without --yes, the plan first, then the question. */
type EngineContext = {
  run: StackRun;
  runs: Runs;
  prepared: Prepared;
  wiring: Wiring;
  command: "start" | "up" | "preview" | "down";
  ask: boolean;
  target: string;
};

/** After an up: verify (the view shows its report) and the exit code with it. */
async function verifyAfter(run: StackRun, wiring: Wiring): Promise<OperationOutcome> {
  const verified = (report: VerifyReport, command: string) => wiring.view.show({ type: "verified", report, command });
  const { code, report } = await verifyAfterUp(run, { ...wiring, verified });
  return { code, ...(report ? { verify: report } : {}) };
}

/**
 * The engine's runs of the stack (on prod without --yes, the plan and the question first), then
 * what a preview changes, or after an up its summary, verify and a rollout that waits; after a
 * failed up, where the org stands. The engine stops when the wiring's signal aborts.
 */
async function engineRuns(
  c: EngineContext,
  base: Pick<EngineRun, "env" | "policy" | "flags">,
): Promise<OperationOutcome> {
  const { wiring } = c;
  // Whether the engine's output carried its diagnostics (the reasons of a failure, each said there once).
  let shownDiagnostics = false;
  let run = c.run;
  const runFailed = async (result: EngineResult) => ({
    code: await printRunFailure(result, { ...run, env: c.runs.env() }, wiring, shownDiagnostics),
  });
  /** `skipCheckpoints`: the run writes nothing to the org (run/checkpoints.ts): the state is kept once, at the end. */
  const engine = async (command: EngineRun["command"], skipCheckpoints = false) => {
    if (skipCheckpoints)
      wiring.err(
        "[deploy] this up writes nothing to the org (it adopts what the stack declares): the engine keeps the state once, when it ends, not after every resource (PULUMI_SKIP_CHECKPOINTS)\n",
      );
    return wiring.engine({
      ...base,
      ...(skipCheckpoints ? { env: { ...base.env, PULUMI_SKIP_CHECKPOINTS: "true" } } : {}),
      run,
      command,
      // Only the local stack is created on demand: creating a stack on a file/S3 backend writes an
      // encryptionsalt into its committed Pulumi.<stack>.yaml, which must be a deliberate act. One
      // the state read before shows exists is not (engine/workspace.ts selects none).
      create: run.stack === "local" && (await run.exportText()) === "{}",
      stackFile: path.join(run.source.sourcesRoot, stackFileName(run.stack)),
      onOutput: (text) => {
        if (text.includes("Diagnostics:")) shownDiagnostics = true;
        wiring.view.show({ type: "engine", text });
      },
      ...(wiring.signal ? { signal: wiring.signal } : {}),
    });
  };
  if (!c.prepared.rollback && c.command !== "down") await printRolledBackNote(run, wiring);
  const command = c.command === "preview" ? "preview" : c.command === "down" ? "destroy" : "up";
  if (c.ask) {
    // The plan first, then the question (nothing changes before it).
    const shown = await engine(command === "destroy" ? "destroy" : "preview");
    if (!shown.ok) return runFailed(shown);
    const question = `\nDo you want to ${command === "destroy" ? "destroy" : "update"} stack "${run.stack}"? (yes/no) `;
    if (!(await wiring.confirm?.(question))) {
      wiring.err("deploy: not confirmed; nothing changed\n");
      return { code: 1 };
    }
    // The confirmed run reads the state and the org again: what people did while the person read the plan counts.
    run = c.runs.newRun(c.prepared);
  }
  const runStarted = Date.now();
  const result = await engine(command, command === "up" && (await skipsCheckpoints(run)));
  if (!result.ok) {
    const account = command === "up" ? await printAccount(run, runStarted, wiring) : undefined;
    return { ...(await runFailed(result)), ...(account ? { account } : {}) };
  }
  if (command === "preview") await printImpact(run, wiring);
  if (command !== "up") return { code: 0 };
  const flows = ((await run.stateAfter()).outputs as { flows?: FlowSummary[] }).flows ?? [];
  const deployed: Deployed = {
    stack: run.stack,
    target: c.target,
    flows,
    ...(result.changes ? { changes: result.changes } : {}),
    preview: false,
  };
  wiring.view.show({ type: "deployed", deployed });
  const verified = await verifyAfter(run, wiring);
  if (verified.code !== 0) return { deployed, ...verified };
  // A rollout that waits (the gate between waves, a pause) is neither success nor failure: said last, exit 4.
  const waves = await runWaves(run);
  const text = heldRunText(waves, run.stack);
  if (text === undefined) return { deployed, ...verified };
  const held = heldRollouts(waves);
  wiring.view.show({ type: "held", rollouts: held, text: `\n${text}` });
  return { deployed, ...verified, code: 4, held };
}
