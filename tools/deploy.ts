// `npm start`, `npm run up|preview|down`: parses the arguments, asks on prod, starts the emulator
// for the local stack, and prints. The work is one run of the stack (run/stackRun.ts: one read of
// the settings, one plan, one read of the state, one sign-in) handed to the Pulumi program in this
// process through the Automation API (engine/workspace.ts), with the policy pack and the stack's
// policy config, always. Every guard (the org binding, ownership, org references, people in the
// org, the gate between waves, the release record) runs in the program and its resource hooks,
// so plain `pulumi` gets the same refusals; after an `up`, what the org runs is verified. When
// nothing can have changed since the last successful up, up and preview say so without starting
// Pulumi (run/fastNoop.ts decides; any doubt is printed and the engine runs).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline/promises";
import { EMULATOR_DATA, ensureEmulator } from "../emulator/localStack";
import type { RunningEmulator } from "../emulator/server";
import { engineErrorSummary } from "../engine/errorSummary";
import { quietDisplay } from "../engine/quietDisplay";
import { FlowLoadError } from "../model/errors";
import { FLOW_KINDS, type FlowKind } from "../model/kinds";
import { parseCommandLine, UsageError } from "../project/cliArgs";
import { readStackSettings } from "../project/stackFile";
import { buildId, projectDir, toolRoot } from "../project/root";
import { deployCommand } from "../project/deployCommand";
import { workingTreeSource, type ReleaseSource, type RollbackSource } from "../project/releaseSource";
import type { RunRequest } from "../project/runRequest";
import { decideConfirmation } from "../project/deployConfirmation";
import { fetchHttp, formatProblems, preflight } from "../org/preflight";
import { capture } from "../project/pulumiCli";

const ROOT = projectDir();

/** The exit code of an up whose module rollout waits: the gate between waves held the next wave, or a person paused it. */
export const HELD = 4;

export const USAGE = `Usage: npm start
       npm run up      -- [--stack <s>] [--yes] [pulumi options]
       npm run preview -- [--stack <s>] [pulumi options]
       npm run down    -- [--stack <s>] [--yes]

Runs the stack's program with the policy pack (policies/) and the stack's policy config
(policies/config/<stack>.json), through Pulumi's Automation API in this process. The stack defaults
to "local", which deploys to the bundled Genesys Cloud API emulator: it is started on the port named
in Pulumi.local.yaml (or an emulator already listening there is reused) and keeps its org in
${EMULATOR_DATA}. Other stacks (dev, prod) use your Pulumi login and the credentials in their stack
config; a preflight checks the login, the credentials, the region and that the org answers first.
Stacks other than local must exist already (npm run pulumi -- stack init <s>).
Every guard runs in the program, whoever runs it (plain pulumi too): the org the stack belongs to,
flow names the org has outside the stack, org objects the flows name, what people did in the org to
the flows the run publishes or deletes (docs/people-in-the-org.md), the gate between the waves of a
module rollout (docs/waves.md). On prod, up and down show the plan and ask on a terminal; without a
terminal the run is refused unless you pass --yes. npm start = up on the local stack, then prints
what was deployed. After an up, what the org runs is verified (npm run verify).

Pulumi options passed on: --refresh (read every flow from the org first), --diff, --target <urn>,
--target-dependents, --replace <urn>, --exclude <urn>, --exclude-dependents, --message <m>,
--expect-no-changes, --continue-on-error, --parallel <n> (default 200 on an org's stack, 10 on
local, or GENESYS_FLOWS_PARALLEL), --skip-preview (up never previews first here), --show-outputs
(print the stack outputs too; by default the run prints its own summary of them). Anything else:
run your own pulumi (eval "$(genesys-flows env)", docs/using-your-own-pulumi.md): same program,
same guards.

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --yes                 (up, down) no confirmation, also on prod
  --no-fast             (up, preview) start the engine even when nothing can have changed: by
                        default, when the sources, the stack's state (the project's file backend)
                        and the org's versions of its flows are those of the last successful up,
                        the run says so without starting Pulumi (any doubt starts it, named)
  -h, --help            show this help

Exit codes: 0 success, 1 flow errors, a refusal or a failed pulumi run, 2 usage errors, 3 deployed
but not verified, 4 deployed and verified, but a module rollout in waves is held: the gate between
waves (a failing scenario, verify) or a pause keeps its next wave back; the last lines say why and
what to type (docs/waves.md).
`;

type Command = "start" | "up" | "preview" | "down";

export interface ParsedArgs {
  command: Command;
  stack: string;
  yes: boolean;
  /** false with --no-fast: the engine decides even when nothing can have changed. */
  fast: boolean;
  flags: import("../engine/workspace").EngineFlags;
}

class HelpRequested extends Error {}

/** The options of the deploy commands (project/cliArgs.ts: one argv style): ours, and pulumi's own names for what is passed on. */
const OPTIONS = {
  stack: { type: "string", short: "s" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
  refresh: { type: "boolean", short: "r" },
  diff: { type: "boolean" },
  "target-dependents": { type: "boolean" },
  "exclude-dependents": { type: "boolean" },
  "expect-no-changes": { type: "boolean" },
  "continue-on-error": { type: "boolean" },
  "skip-preview": { type: "boolean", short: "f" },
  "show-outputs": { type: "boolean" },
  "no-fast": { type: "boolean" },
  target: { type: "string", short: "t", multiple: true },
  replace: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  message: { type: "string", short: "m" },
  parallel: { type: "string", short: "p" },
} as const;

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!["start", "up", "preview", "down"].includes(command)) throw new UsageError(`unknown command "${command ?? ""}"`);
  let parsed;
  try {
    parsed = parseCommandLine(rest, OPTIONS);
  } catch (e) {
    if (e instanceof UsageError && /^unknown option|^unexpected argument/.test(e.message)) {
      throw new UsageError(`${e.message.replace(/^unknown option /, '"').replace(/^unexpected argument: /, '"')}" is not an option of npm run ${command} (see the list below); for any other pulumi option run your own pulumi: eval "$(genesys-flows env)" (docs/using-your-own-pulumi.md), the same program and guards`);
    }
    throw e;
  }
  const v = parsed.values;
  if (v.help) throw new HelpRequested();
  const flags: ParsedArgs["flags"] = {
    ...(v.refresh ? { refresh: true } : {}),
    ...(v.diff ? { diff: true } : {}),
    ...(v["target-dependents"] ? { targetDependents: true } : {}),
    ...(v["exclude-dependents"] ? { excludeDependents: true } : {}),
    ...(v["expect-no-changes"] ? { expectNoChanges: true } : {}),
    ...(v["continue-on-error"] ? { continueOnError: true } : {}),
    ...(v["show-outputs"] ? { showOutputs: true } : {}),
    ...(v.target ? { target: v.target } : {}),
    ...(v.replace ? { replace: v.replace } : {}),
    ...(v.exclude ? { exclude: v.exclude } : {}),
    ...(v.message !== undefined ? { message: v.message } : {}),
  };
  if (v.parallel !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(v.parallel)) throw new UsageError(`--parallel takes a whole number of resource operations at once (1-9999), not "${v.parallel}"`);
    flags.parallel = Number(v.parallel);
  }
  const stack = v.stack ?? "local";
  if (command === "start" && stack !== "local") throw new UsageError("npm start always deploys the local stack; use npm run up -- --stack <s>");
  return { command: command as Command, stack, yes: v.yes === true, fast: v["no-fast"] !== true, flags };
}

interface FlowSummary {
  id: string;
  file: string;
  kind: string;
  name: string;
  flowId: string;
  calls?: string[];
}

/**
 * What an up did, after the engine's own lines: the deployed flows, one row each, modules first
 * (the stack's `flows` output is in that order); when the engine changed nothing (`changes`: its
 * summary, every resource "same"), that in one line with the flows' names.
 */
export function formatSummary(stack: string, target: string, outputs: { flows?: FlowSummary[] }, changes?: Readonly<Record<string, number>>, preview = false): string {
  const flows = outputs.flows ?? [];
  if (changes !== undefined && Object.entries(changes).every(([op, n]) => op === "same" || n === 0)) {
    return `${preview ? "Nothing would change" : "Nothing changed"}: stack "${stack}" on ${target} runs what it deployed before (${flows.length} flow${flows.length === 1 ? "" : "s"}: ${flows.map((f) => f.name).join(", ")}).`;
  }
  const lines = [`Deployed stack "${stack}" to ${target}:`];
  const rows: string[][] = flows.map((f) => [
    (Object.hasOwn(FLOW_KINDS, f.kind) ? FLOW_KINDS[f.kind as FlowKind].label : undefined) ?? f.kind,
    f.name,
    f.flowId,
    f.file,
    f.calls && f.calls.length > 0 ? `calls ${f.calls.join(", ")}` : "",
  ]);
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c].length))) ?? [];
  for (const r of rows) lines.push("  " + r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd());
  return lines.join("\n");
}

/** The policy config every stack is deployed with; refused when it is missing. */
function policyOf(stack: string): { pack: string; config: string } {
  const config = `policies/config/${stack}.json`;
  if (!fs.existsSync(path.join(ROOT, config))) throw new UsageError(`no policy config ${config}: every stack is deployed with one (copy policies/config/dev.json to start)`);
  return { pack: path.join(ROOT, "policies"), config: path.join(ROOT, config) };
}

/**
 * The environment pulumi runs in for the stack (tools/pulumiEnv.sh, the lines `genesys-flows env`
 * prints) and the engine's default parallelism (tools/pulumiArgs.sh): one implementation of each,
 * read through bash.
 */
async function engineEnvironment(stack: string): Promise<{ env: Record<string, string>; parallel?: number }> {
  // Run in the project ($PWD: its .work/state for the local stack); the scripts are the tool's ($2).
  const script = `set -euo pipefail
source "$2/tools/pulumiArgs.sh"
source "$2/tools/pulumiEnv.sh"
# tools/bootstrap.sh set the toolchain up for this tool already (npm start, npm run up): not again.
[ "\${GENESYS_FLOWS_TOOLCHAIN_READY:-}" = "$2" ] && [ -x "\${GENESYS_FLOWS_PULUMI:-}" ] || eval "$(bash "$2/tools/toolchain/setup.sh" --quiet --print-env --deploy-only)"
eval "$(pulumi_env_lines "$PWD" "$1")"
pulumi_parallel up --stack "$1"
printf 'GENESYS_FLOWS_ENGINE_PARALLEL=%s\\0' "\${PULUMI_PARALLEL_ARGS[1]:-}"
# Set up for this tool: the run's own pulumi calls (tools/pulumi.sh) need not check again.
export GENESYS_FLOWS_TOOLCHAIN_READY="$2"
export GENESYS_FLOWS_PROJECT="$PWD"
env -0`;
  const r = await capture("bash", ["-c", script, "engine-env", stack, toolRoot()], ROOT);
  if (r.code !== 0) throw new Error(`the pulumi environment for stack "${stack}" could not be set up: ${r.stderr.trim()}`);
  const env: Record<string, string> = {};
  let parallel: number | undefined;
  for (const entry of r.stdout.split("\0")) {
    const at = entry.indexOf("=");
    if (at <= 0) continue;
    const key = entry.slice(0, at);
    const value = entry.slice(at + 1);
    if (key === "GENESYS_FLOWS_ENGINE_PARALLEL") parallel = value === "" ? undefined : Number(value);
    else if (process.env[key] !== value) env[key] = value;
  }
  return { env, ...(parallel !== undefined ? { parallel } : {}) };
}

/** Asks on the terminal; true only for yes. */
async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * `rollback`, when given: the run is an `up` of that release's sources (tools/rollback.ts), put in a
 * folder of the project: the run reads its flows, routing and stack file; the policy pack, the
 * guards, the confirmation and verify are this up's.
 */
async function main(argv: string[], rollback?: RollbackSource, request?: RunRequest): Promise<number> {
  const args = parseArgs(argv);
  const started = Date.now();
  // The engine's environment, read by a shell, and the stack's encrypted credentials, decrypted
  // (org/signIn.ts: every command but down signs in for a guard, verify or the no-op's read), run beside this
  // process's own work: on the local stack from the start (nothing refuses it before the run), on
  // an org's stack once the confirmation and the preflight passed. A failure is reported where awaited.
  let environment = args.stack === "local" ? engineEnvironment(args.stack) : undefined;
  environment?.catch(() => undefined);
  const sourcesRoot = rollback?.dir ?? ROOT;
  const source: ReleaseSource = rollback ? { commit: rollback.commit, dirty: false, rollbackOf: rollback.release, sourcesRoot } : { ...workingTreeSource(ROOT, args.stack), sourcesRoot };
  const { newRun, prefetchSecrets } = await runFactory(args.stack, source, request);
  let run = newRun();
  // Refuse a missing or invalid stack file or policy config before touching any backend.
  const settings = run.settings();
  const prefetch = (env: NonNullable<typeof environment>) =>
    env.then(
      (e) => {
        if (args.command !== "down") prefetchSecrets({ stack: args.stack, settings, env: { ...process.env, ...e.env } });
      },
      () => undefined,
    );
  if (environment) void prefetch(environment);
  const policy = args.command === "down" ? undefined : policyOf(args.stack);
  const { confirmation } = decideConfirmation({
    command: args.command,
    stack: args.stack,
    environment: settings.environment,
    extra: args.yes ? ["--yes"] : [],
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  if (confirmation.kind === "refuse") throw new UsageError(confirmation.message);
  if (args.stack !== "local") {
    if (!(await preflightPasses(args, settings))) return 1;
    environment = engineEnvironment(args.stack);
    void prefetch(environment);
  }
  let emulator: RunningEmulator | undefined;
  let target = `the org configured in Pulumi.${args.stack}.yaml`;
  try {
    if (args.stack === "local") {
      const e = await ensureEmulator(settings);
      emulator = e.started;
      target = `the emulator at ${e.url}${emulator ? ` (started for this run; org in ${EMULATOR_DATA})` : ""}`;
      process.stderr.write(`[deploy] Genesys Cloud API emulator: ${e.url}${emulator ? " (started)" : " (already running)"}\n`);
    }
    const { env, parallel } = await environment!;
    Object.assign(process.env, env); // the run's own reads (pulumi config, the state) use the same backend
    const { fastNoop, recordFingerprint } = await import("../run/fastNoop");
    const fast = args.command === "down" || rollback ? undefined : await fastNoop(run, { code: buildId(), env: process.env, flags: args.flags, fast: args.fast });
    if (fast?.noop) {
      process.stderr.write(`[deploy] nothing stack "${args.stack}" deploys can have changed since its last up (the sources, its state and the org's versions of its flows): the engine was not started (--no-fast starts it)\n`);
      process.stdout.write(`${formatSummary(args.stack, target, fast.outputs as { flows?: FlowSummary[] }, {}, args.command === "preview")}\n`);
      const code = args.command === "preview" ? 0 : await verifyAfterUp(run);
      process.stderr.write(`[deploy] ${args.command} finished in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
      return code;
    }
    if (fast) process.stderr.write(`[deploy] the engine runs: ${fast.doubt}\n`);
    const { runEngine, stackFileCopy } = await import("../engine/workspace");
    const stackFile = path.join(sourcesRoot, `Pulumi.${args.stack}.yaml`);
    const abort = new AbortController();
    const onSignal = () => abort.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    // pulumi reads (and may rewrite) this run's copy of the stack file; removed when the run ends.
    const configFile = stackFileCopy(ROOT, stackFile, args.stack);
    // Whether the engine's output carried its diagnostics (the reasons of a failure, each said there once).
    let shownDiagnostics = false;
    // The engine's display less its lines that say nothing (engine/quietDisplay.ts).
    const display = quietDisplay((text) => process.stdout.write(text));
    const engine = (command: "preview" | "up" | "destroy") =>
      runEngine({
        run,
        command,
        env,
        ...(policy ? { policy } : {}),
        flags: { ...args.flags, ...(args.flags.parallel === undefined && parallel !== undefined ? { parallel } : {}) },
        // Only the local stack is created on demand: creating a stack on a file/S3 backend writes an
        // encryptionsalt into its committed Pulumi.<stack>.yaml, which must be a deliberate act.
        create: args.stack === "local",
        configFile,
        onOutput: (text) => {
          if (text.includes("Diagnostics:")) shownDiagnostics = true;
          display.write(text);
        },
        signal: abort.signal,
      }).finally(() => display.end());
    try {
      if (!rollback && args.command !== "down") await printRolledBackNote(run);
      const command = args.command === "preview" ? "preview" : args.command === "down" ? "destroy" : "up";
      if (confirmation.kind === "ask") {
        // On prod without --yes: the plan first, then the question (nothing changes before it).
        const shown = await engine(command === "destroy" ? "destroy" : "preview");
        if (!shown.ok) return failed(shown, args.stack, shownDiagnostics);
        if (!(await ask(`\nDo you want to ${command === "destroy" ? "destroy" : "update"} stack "${args.stack}"? (yes/no) `))) {
          process.stderr.write("deploy: not confirmed; nothing changed\n");
          return 1;
        }
        // The confirmed run reads the state and the org again: what people did while the person read the plan counts.
        run = newRun();
      }
      const runStarted = Date.now();
      const result = await engine(command);
      if (!result.ok) {
        if (command === "up") await printAccount(run, runStarted);
        return failed(result, args.stack, shownDiagnostics);
      }
      if (command === "preview") await printImpact(run);
      if (command === "up") {
        process.stdout.write(`${formatSummary(args.stack, target, (result.outputs ?? {}) as { flows?: FlowSummary[] }, result.changes)}\n`);
        const code = await verifyAfterUp(run);
        if (code !== 0) return code;
        // A rollout that waits (the gate between waves, a pause) is neither success nor failure: said last, exit 4.
        const held = (await import("../run/waveGate")).heldRunText(await run.waves(), args.stack);
        if (held !== undefined) {
          process.stdout.write(`\n${held}`);
          return HELD;
        }
        if (fast?.inputs) recordFingerprint(run, { code: buildId(), env: process.env, before: fast.inputs });
      }
    } finally {
      process.removeListener("SIGINT", onSignal);
      process.removeListener("SIGTERM", onSignal);
      fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
    }
    process.stderr.write(`[deploy] ${args.command} finished in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    return 0;
  } finally {
    await emulator?.stop();
  }
}

/**
 * How the command makes its run of the stack (run/stackRun.ts): the settings from the sources'
 * stack file, the state through the backend, the sign-in with the stack's secrets. A factory: the
 * run a prod confirmation confirms is a new one, reading the state and the org again.
 */
async function runFactory(stack: string, source: ReleaseSource, request?: RunRequest): Promise<{ newRun: () => import("../run/stackRun").StackRun; prefetchSecrets: (input: { stack: string; settings: import("../planner/stackSettings").StackSettings; env: NodeJS.ProcessEnv }) => void }> {
  const { StackRun } = await import("../run/stackRun");
  const { runTrace } = await import("../run/trace");
  const { connectToOrg, secretsOnce } = await import("../org/signIn");
  const { readStackExport } = await import("../org/stackExport");
  const trace = runTrace();
  const plans = (await import("../project/planCache")).projectPlanCache(ROOT);
  const secrets = secretsOnce(stack, ROOT);
  const newRun = () =>
    new StackRun({
      stack,
      root: ROOT,
      source,
      io: {
        readSettings: () => readStackSettings(source.sourcesRoot, stack),
        readExport: () => readStackExport(stack, { root: ROOT }),
        connect: (settings) => connectToOrg({ stack, settings, env: process.env, secret: secrets.secret }),
      },
      ...(trace ? { trace } : {}),
      ...(plans ? { planCache: plans } : {}),
      ...(request?.person !== undefined ? { person: request.person } : {}),
      ...(request?.next !== undefined ? { next: request.next } : {}),
    });
  return { newRun, prefetchSecrets: secrets.prefetch };
}

/** An org's stack: the Pulumi login, the credentials, the region and the org answer, said before it starts (the org may take its 2.5 s). */
async function preflightPasses(args: ParsedArgs, settings: import("../planner/stackSettings").StackSettings): Promise<boolean> {
  process.stderr.write(`[deploy] ${args.command} stack "${args.stack}": preflight (the Pulumi login, the credentials, the region, the org)\n`);
  const checked = await preflight({ root: ROOT, stack: args.stack, config: settings }, { env: process.env, home: os.homedir(), readFile: readFileOrUndefined, http: fetchHttp, timeoutMs: 2500 });
  if (checked.problems.length > 0) {
    process.stderr.write(`deploy: ${formatProblems(args.stack, checked.problems)}\n`);
    return false;
  }
  for (const note of checked.notes) process.stderr.write(`[preflight] ${note}\n`);
  return true;
}

/**
 * A run the engine failed (its output is above): the exit code, and what to do when the stack is
 * missing or another run holds it. The engine's diagnostics, when its output showed them, already
 * say why once (a guard's refusal included): not again here.
 */
function failed(result: { error?: string; noStack?: boolean }, stack: string, shownDiagnostics = false): number {
  if (result.noStack) {
    process.stderr.write(
      `deploy: stack "${stack}" does not exist in your Pulumi backend, and npm run up/preview does not create it.\n` +
        `  Create it once, deliberately: npm run pulumi -- stack init ${stack}\n` +
        `  (on a file/S3 backend with passphrase secrets that adds an encryptionsalt line to Pulumi.${stack}.yaml: review and commit it).\n`,
    );
  } else if (result.error !== undefined && /stack is currently locked/i.test(result.error)) {
    // Another run of the stack is under way (its lock); deleting the lock would let both publish at once.
    process.stderr.write(`deploy: another run of stack "${stack}" is under way (the backend holds its lock): wait for it to finish, then run again. Do not cancel or delete the lock while it runs: both runs would publish at once. A run that was killed leaves its lock behind: only then: npm run pulumi -- cancel --stack ${stack} (docs/reliability.md)\n`);
  } else if (result.error) {
    process.stderr.write(shownDiagnostics ? "deploy: the run failed: the engine's diagnostics above say why\n" : `deploy: the run failed:\n${engineErrorSummary(result.error).replace(/^/gm, "  ")}\n`);
  }
  return 1;
}

/** After a preview: what deploying now republishes, and who outside the stack calls a changing module. */
async function printImpact(run: import("../run/stackRun").StackRun): Promise<void> {
  const { stackImpact, VerifyUnavailable } = await import("../run/verifyStack");
  const { renderImpactText } = await import("../verify/render");
  try {
    const { impact } = await stackImpact(run.context());
    process.stdout.write(`\n${renderImpactText(impact)}`);
  } catch (e) {
    if (!(e instanceof FlowLoadError || e instanceof VerifyUnavailable)) throw e;
    if (e instanceof VerifyUnavailable) process.stderr.write(`[deploy] impact not computed: ${e.message}\n`);
  }
}

/** After an up: the module rollouts' accounts, then what the org runs (npm run verify); stale callers or drift fail the run. */
async function verifyAfterUp(run: import("../run/stackRun").StackRun): Promise<number> {
  const { readDeployment } = await import("../org/stackExport");
  const { VerifyUnavailable } = await import("../run/verifyStack");
  const { renderVerifyAfterUp } = await import("../verify/render");
  const { wavesAccount } = await import("../run/waveGate");
  // The run changed the state: verify reads it again.
  const deployment = readDeployment(run.stack, ROOT);
  const rollouts = wavesAccount(run.portfolio(), await deployment);
  if (rollouts !== "") process.stdout.write(`\n${rollouts}`);
  try {
    const report = await run.verify(() => deployment);
    process.stdout.write(`\n${renderVerifyAfterUp(report, `npm run verify -- --stack ${run.stack}`)}`);
    if (!report.ok) {
      process.stderr.write(`deploy: the deployment succeeded, but the org does not run what the stack deployed (above); npm run verify -- --stack ${run.stack} checks again\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (!(e instanceof VerifyUnavailable)) throw e;
    process.stderr.write(`deploy: the deployment succeeded, but it could not be verified: ${e.message}${e.fix ? ` (${e.fix})` : ""}\n`);
    return 3;
  }
}

/**
 * After an `up` that failed: where the org stands (verify/account.ts), when the run published
 * anything or left the plan part-way, and which module version each caller of a rollout runs;
 * nothing when the state cannot be read or the flows do not plan (the failure says why).
 */
async function printAccount(run: import("../run/stackRun").StackRun, startedAt: number): Promise<void> {
  try {
    const { readDeployment } = await import("../org/stackExport");
    const { renderRunAccount, runAccount, withOrgPublishes } = await import("../verify/account");
    const { findFlowsByName } = await import("../org/flows");
    const { wavesAccount } = await import("../run/waveGate");
    const portfolio = run.portfolio();
    const deployment = await readDeployment(run.stack, ROOT);
    // A caller a rollout in waves holds was planned on the revision it runs: not a publish the run owes.
    const held = (await run.waves().catch(() => undefined))?.plan.held;
    const plan = portfolio.flows.map((f) => ({ id: f.id, file: f.file, publishedName: f.publishedName, isModule: f.kind.isModule, calls: f.calls, revision: held?.get(f.id)?.revision ?? f.revision, ...(held?.has(f.id) ? { held: true } : {}) }));
    let account = runAccount(plan, deployment, startedAt);
    // The state misses a publish the run made just before it stopped: what the org says corrects it.
    const times = new Map<string, number>();
    const pending = portfolio.flows.filter((f) => account.pending.includes(f.publishedName));
    if (pending.length > 0) {
      try {
        const { api } = await run.connection();
        for (const f of pending) {
          const found = (await findFlowsByName(api, f.publishedName, f.kind.apiType))[0];
          if (found?.publishedVersion) times.set(f.publishedName, found.publishedVersion.dateCreated);
        }
      } catch (e) {
        process.stderr.write(`[deploy] the org could not be read for the account below (${(e as Error).message}): it says what the stack's state records\n`);
      }
    }
    account = withOrgPublishes(account, times, startedAt);
    // A run refused before anything registered changed nothing: the refusal says it all.
    if (account.published.length > 0 || account.unrecorded.length > 0) process.stdout.write(`\n${renderRunAccount(account, deployCommand(run.stack))}`);
    process.stdout.write(`\n${wavesAccount(portfolio, deployment)}`);
  } catch (e) {
    process.stderr.write(`[deploy] where the org stands after the failure is unknown: ${(e as Error).message}\n`);
  }
}

/** When the stack runs a rolled-back release, the line saying this run from git puts other content back. */
async function printRolledBackNote(run: import("../run/stackRun").StackRun): Promise<void> {
  try {
    const { rolledBackNote } = await import("../planner/releases");
    const history = (await run.state()).releases.history;
    if (history.at(-1)?.rollbackOf === undefined) return;
    const note = rolledBackNote(history, { commit: run.source.commit, revisions: new Map(run.portfolio().flows.map((f) => [f.id, f.revision])) });
    if (note) process.stdout.write(`[deploy] ${note}\n`);
  } catch {
    // the state or the flows do not read: the run itself says why
  }
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}


/** The deploy commands as the CLI runs them: the exit code, with help and usage errors reported. */
export async function runDeploy(argv: string[], rollback?: RollbackSource, request?: RunRequest): Promise<number> {
  try {
    return await main(argv, rollback, request);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`deploy: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof FlowLoadError) {
      process.stderr.write(`deploy: ${e.message}\n`);
      return 1;
    }
    process.stderr.write(`deploy: ${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void runDeploy(process.argv.slice(2)).then((code) => process.exit(code));
}
