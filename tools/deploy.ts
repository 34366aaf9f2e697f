// `npm start`, `npm run up|preview|down`: runs pulumi for a stack with the policy pack and that
// stack's policy config, always. For the `local` stack it also makes sure the emulator is
// running on the port Pulumi.local.yaml points the provider at (reusing one already running,
// otherwise starting one in this process with its org in .work/emulator/org.json).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EMULATOR_DATA, ensureEmulator } from "../emulator/localStack";
import type { RunningEmulator } from "../emulator/server";
import { FlowLoadError } from "../model/errors";
import { FLOW_KINDS, type FlowKind } from "../model/kinds";
import type { StackSettings } from "../planner/stackSettings";
import type { StackDeployment } from "../org/model";
import type { ParsedExport } from "../org/stackExport";
import { UsageError } from "../project/cliArgs";
import { readStackSettings } from "../project/stackFile";
import { decideConfirmation, type Confirmation } from "./deployConfirmation";
import { fetchHttp, formatProblems, preflight } from "./preflight";
import { projectRoot } from "../project/root";
import { deployCommand } from "../project/deployCommand";
import { ROLLBACK_ENV, type RollbackSource } from "../project/releaseSource";

const ROOT = projectRoot();

export const USAGE = `Usage: npm start
       npm run up      -- [--stack <s>] [extra pulumi up args]
       npm run preview -- [--stack <s>] [extra pulumi preview args]
       npm run down    -- [--stack <s>]

Runs pulumi with the policy pack (policies/) and the stack's policy config
(policies/config/<stack>.json). The stack defaults to "local", which deploys to the bundled
Genesys Cloud API emulator: it is started on the port named in Pulumi.local.yaml (or an emulator
already listening there is reused) and keeps its org in ${EMULATOR_DATA}.
Other stacks (dev, prod) use your Pulumi login and the credentials in their stack config; a
preflight checks the login, the credentials, the region and that the org answers before pulumi
runs. Stacks other than local must exist already (npm run pulumi -- stack init <s>).
up and down run with --yes, except on prod: there pulumi shows the plan and asks on a terminal,
and without a terminal the run is refused unless you pass --yes.
npm start = up --yes on the local stack, then prints what was deployed.
A module with genesys-flows:waves in the stack file reaches its callers one wave per up; before an
up starts the next wave, verify and the scenarios of the waves already out run (docs/waves.md).
Any other option goes to pulumi as given: --skip-preview deploys what a reviewed preview showed,
--refresh reads every flow from the org first (a no-op reads nothing, so it cannot see drift).

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --yes                 (up, down) no confirmation, also on prod
  -h, --help            show this help

Exit codes: 0 success, 1 flow errors or a failed pulumi run, 2 usage errors.
`;

type Command = "start" | "up" | "preview" | "down";

export interface ParsedArgs {
  command: Command;
  stack: string;
  extra: string[];
}

export function parseArgs(argv: string[]): ParsedArgs {
  const [command, ...rest] = argv;
  if (!["start", "up", "preview", "down"].includes(command)) throw new UsageError(`unknown command "${command ?? ""}"`);
  let stack = "local";
  const extra: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--stack" || a === "-s") {
      const v = rest[++i];
      if (!v || v.startsWith("-")) throw new UsageError(`${a} needs a stack name`);
      stack = v;
    } else if (a.startsWith("--stack=")) stack = a.slice("--stack=".length);
    else if (a === "--help" || a === "-h") throw new HelpRequested();
    else extra.push(a);
  }
  if (command === "start" && stack !== "local") throw new UsageError("npm start always deploys the local stack; use npm run up -- --stack <s>");
  return { command: command as Command, stack, extra };
}

class HelpRequested extends Error {}

function run(
  args: string[],
  opts: { capture?: boolean; captureStderr?: boolean; interactive?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  // On prod without --yes pulumi itself asks; nothing in the environment may answer for the user.
  if (opts.interactive) delete env.PULUMI_SKIP_CONFIRMATIONS;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(ROOT, "tools/pulumi.sh"), ...args], {
      cwd: ROOT,
      env,
      stdio: [opts.interactive ? "inherit" : "ignore", opts.capture ? "pipe" : "inherit", opts.captureStderr ? "pipe" : "inherit"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function policyArgs(stack: string): string[] {
  const config = `policies/config/${stack}.json`;
  if (!fs.existsSync(path.join(ROOT, config))) {
    throw new UsageError(`no policy config ${config}: every stack is deployed with one (copy policies/config/dev.json to start)`);
  }
  return ["--policy-pack", "policies", "--policy-pack-config", config];
}

interface FlowSummary {
  id: string;
  file: string;
  kind: string;
  name: string;
  flowId: string;
  calls?: string[];
}


/** The deployed flows, one row each, modules first (the stack's `flows` output is in that order). */
export function formatSummary(stack: string, target: string, outputs: { flows?: FlowSummary[] }): string {
  const lines = [`Deployed stack "${stack}" to ${target}:`];
  const rows: string[][] = (outputs.flows ?? []).map((f) => [
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

/**
 * The pulumi command of `npm start` / `npm run up|preview|down`: the user's extra arguments are
 * passed on as given, after the project's own (`--skip-preview` to deploy what a reviewed preview
 * showed, `--refresh` to read the org's flows first, `--diff`, `--target`, ...).
 */
export function engineArgs(command: Command, stack: string, confirmation: Confirmation, policy: string[], extra: string[]): string[] {
  const yes = confirmation.kind === "yes" ? ["--yes"] : [];
  const stackArgs = ["--stack", stack];
  switch (command) {
    case "start":
    case "up":
      return ["up", ...yes, ...stackArgs, ...policy, ...extra];
    case "preview":
      return ["preview", ...stackArgs, ...policy, ...extra];
    case "down":
      return ["destroy", ...yes, "--run-program", ...stackArgs, ...extra];
  }
}

/**
 * `rollback`, when given: the run is an `up` of that release's sources (tools/rollback.ts), put in
 * a folder of the project: the program reads its flows and routing (ROLLBACK_ENV), pulumi its stack
 * file (--config-file); the policy pack, the checks, the confirmation and verify are this up's.
 */
async function main(argv: string[], rollback?: RollbackSource): Promise<number> {
  const args = parseArgs(argv);
  const started = Date.now();
  let emulator: RunningEmulator | undefined;
  let target = `the org configured in Pulumi.${args.stack}.yaml`;
  const sourcesRoot = rollback?.dir ?? ROOT;
  if (rollback) {
    process.env[ROLLBACK_ENV] = JSON.stringify(rollback);
    const stackFile = path.join(rollback.dir, `Pulumi.${args.stack}.yaml`);
    if (fs.existsSync(stackFile)) args.extra.push("--config-file", stackFile);
  }
  // Refuse a missing or invalid stack file or policy config before touching any backend.
  const config = readStackSettings(sourcesRoot, args.stack);
  const policy = args.command === "down" ? [] : policyArgs(args.stack);
  const { confirmation, extra } = decideConfirmation({
    command: args.command,
    stack: args.stack,
    environment: config.environment,
    extra: args.extra,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  if (confirmation.kind === "refuse") throw new UsageError(confirmation.message);
  if (args.stack !== "local") {
    const checked = await preflight(
      { root: ROOT, stack: args.stack, config },
      { env: process.env, home: os.homedir(), readFile: readFileOrUndefined, http: fetchHttp, timeoutMs: 2500 },
    );
    if (checked.problems.length > 0) {
      process.stderr.write(`deploy: ${formatProblems(args.stack, checked.problems)}\n`);
      return 1;
    }
    for (const note of checked.notes) process.stderr.write(`[preflight] ${note}\n`);
  }
  try {
    if (args.stack === "local") {
      const e = await ensureEmulator(config);
      emulator = e.started;
      target = `the emulator at ${e.url}${emulator ? ` (started for this run; org in ${EMULATOR_DATA})` : ""}`;
      process.stderr.write(`[deploy] Genesys Cloud API emulator: ${e.url}${emulator ? " (started)" : " (already running)"}\n`);
    }
    // `--stack` (not a positional name) so tools/pulumi.sh picks the right backend for this stack.
    // Only the local stack is created on demand: creating a stack on a file/S3 backend writes an
    // encryptionsalt into its committed Pulumi.<stack>.yaml, which must be a deliberate act.
    const create = args.stack === "local" ? ["--create"] : [];
    const select = await run(["stack", "select", ...create, "--stack", args.stack], { capture: true, captureStderr: true });
    if (select.code !== 0) {
      process.stderr.write(select.stderr);
      if (/no stack named/i.test(select.stderr)) {
        process.stderr.write(
          `deploy: stack "${args.stack}" does not exist in your Pulumi backend, and npm run up/preview does not create it.\n` +
            `  Create it once, deliberately: npm run pulumi -- stack init ${args.stack}\n` +
            `  (on a file/S3 backend with passphrase secrets that adds an encryptionsalt line to Pulumi.${args.stack}.yaml: review and commit it).\n`,
        );
      }
      return select.code;
    }
    const stackArgs = ["--stack", args.stack];
    // Before preview and up: what this deployment republishes, who outside the stack calls a
    // changing module (printed after a preview), and the org facts the policy pack reads.
    // Loaded here, not at the top: refusals and preflight failures stay fast.
    const { ORG_FACTS_ENV } = await import("../verify/orgFacts");
    const { renderImpactText, renderVerifyText } = await import("../verify/render");
    const { stackImpact, verifyStack, VerifyUnavailable, writeOrgFacts } = await import("./verify");
    // The stack's state is read once for the impact, the org's state and the run account.
    const { parseStackExport, readStackExport } = await import("../org/stackExport");
    let state: Promise<ParsedExport | undefined> | undefined;
    const readState = () => (state ??= readStackExport(args.stack, { root: ROOT }).then((t) => (t === undefined ? undefined : parseStackExport(args.stack, t))));
    const deployment = (): Promise<StackDeployment> => readState().then((p) => p?.deployment ?? { stack: args.stack, flows: [] });
    const verifyCtx = { root: ROOT, sourcesRoot, stack: args.stack, settings: config, env: process.env, deployment };
    // After a rollback, an up from git puts other content back: say so before it runs.
    if (!rollback && args.command !== "down") await printRolledBackNote(args.stack, config, readState);
    let impactText: string | undefined;
    if (args.command !== "down") {
      try {
        const { impact, facts } = await stackImpact(verifyCtx);
        impactText = renderImpactText(impact);
        if (facts) {
          const file = path.join(ROOT, ".work/verify", `${args.stack}.org-facts.json`);
          writeOrgFacts(file, facts);
          process.env[ORG_FACTS_ENV] = file;
        }
      } catch (e) {
        // Flow errors are pulumi's (and the pack's) to report; an unreadable state only costs the impact.
        if (!(e instanceof FlowLoadError || e instanceof VerifyUnavailable)) throw e;
        if (e instanceof VerifyUnavailable) process.stderr.write(`[deploy] impact not computed: ${e.message}\n`);
      }
    }
    // What people did in the org to the flows this run touches: up stops before any publish that
    // would overwrite it without an acknowledgement; preview lists the same cases.
    if (args.command !== "down" && (await peopleStopRun(verifyCtx, args.command))) return 1;
    // Between the waves of a module rollout: verify and the waves' scenarios, or no new wave (tools/waveGate.ts).
    const waves = await import("../run/waveGate");
    if (args.command === "up" || args.command === "start") {
      const waits = await waves.waveGate(verifyCtx);
      if (waits.length > 0) process.stderr.write(`[deploy] the next wave of a module rollout waits; this run starts none:\n${waits.map((w) => `  ${w}\n`).join("")}`);
    }
    const runStarted = Date.now();
    const result = await run(engineArgs(args.command, args.stack, confirmation, policy, extra), { interactive: confirmation.kind === "ask" });
    state = undefined; // the run changed the state: verify reads it again
    if (result.code !== 0) {
      if (args.command === "start" || args.command === "up") {
        await printRunAccount(args.stack, config, runStarted, sourcesRoot);
        process.stdout.write(`\n${await waves.wavesAccount(verifyCtx)}`);
      }
      return result.code;
    }
    if (args.command === "preview" && impactText) process.stdout.write(`\n${impactText}`);
    if (args.command === "start" || args.command === "up") {
      const out = await run(["stack", "output", "--json", ...stackArgs], { capture: true });
      if (out.code === 0) process.stdout.write(`\n${formatSummary(args.stack, target, JSON.parse(out.stdout))}\n`);
      process.stdout.write(`\n${await waves.wavesAccount(verifyCtx)}`);
      // What the org really runs now (npm run verify): stale callers or drift fail the run.
      try {
        const report = await verifyStack(verifyCtx);
        process.stdout.write(`\n${renderVerifyText(report)}`);
        if (!report.ok) {
          process.stderr.write(`deploy: the deployment succeeded, but the org does not run what the stack deployed (above); npm run verify -- --stack ${args.stack} checks again\n`);
          return 1;
        }
      } catch (e) {
        if (!(e instanceof VerifyUnavailable)) throw e;
        process.stderr.write(`deploy: the deployment succeeded, but it could not be verified: ${e.message}${e.fix ? ` (${e.fix})` : ""}\n`);
        return 3;
      }
    }
    process.stderr.write(`[deploy] ${args.command} finished in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
    return 0;
  } finally {
    await emulator?.stop();
  }
}

/**
 * Reads what people did in the org to the flows the run touches and prints every case with what
 * to do; true when `up` must stop before anything publishes (never for a preview). Nothing to
 * say, nothing printed; flow errors and an unreadable state are pulumi's and verify's to report.
 */
async function peopleStopRun(ctx: import("./verify").StackContext, command: Command): Promise<boolean> {
  const { readPortfolio } = await import("../project/portfolio");
  const { StateError } = await import("../org/stackExport");
  const { renderOverwriteDecision } = await import("../verify/overwriteDecision");
  const { decideRun, logAcknowledged, readOrgStateOfRun } = await import("../run/people");
  const { connectOf } = await import("./verify");
  let portfolio;
  let deployment;
  try {
    portfolio = readPortfolio(ctx.root, ctx.stack, ctx.settings);
    deployment = await ctx.deployment!();
  } catch (e) {
    if (e instanceof FlowLoadError || e instanceof StateError) return false;
    throw e;
  }
  const state = await readOrgStateOfRun({ stack: ctx.stack, settings: ctx.settings, connect: connectOf(ctx) }, portfolio, deployment);
  const decision = decideRun(ctx, state, portfolio);
  if (state.checked && decision.judged.length === 0 && decision.unused.length === 0) return false;
  const text = renderOverwriteDecision(decision, state, ctx.stack, command === "preview" ? "preview" : "up");
  process.stderr.write(`\n${text}\n`);
  if (command === "preview") return false;
  if (decision.stop) return true;
  const log = logAcknowledged(ctx.root, ctx.stack, decision);
  if (log) process.stderr.write(`[deploy] acknowledged overwrites logged in ${path.relative(ctx.root, log)}\n`);
  return false;
}

/**
 * After an `up` that failed: where the org stands (verify/account.ts), when the run published
 * anything or left the plan part-way; nothing when the state cannot be read or the flows do not
 * plan (the failure above already says why).
 */
async function printRunAccount(stack: string, settings: StackSettings, startedAt: number, sourcesRoot: string): Promise<void> {
  try {
    const { readPortfolio } = await import("../project/portfolio");
    const { readDeployment } = await import("../org/stackExport");
    const { renderRunAccount, runAccount, withOrgPublishes } = await import("../verify/account");
    const portfolio = readPortfolio(sourcesRoot, stack, settings);
    const plan = portfolio.flows.map((f) => ({ id: f.id, file: f.file, publishedName: f.publishedName, isModule: f.kind.isModule, calls: f.calls, revision: f.revision }));
    let account = runAccount(plan, await readDeployment(stack, ROOT), startedAt);
    // The state misses a publish the run made just before it stopped: what the org says corrects it.
    account = withOrgPublishes(account, await orgPublishTimes(stack, settings, portfolio.flows.filter((f) => account.pending.includes(f.publishedName))), startedAt);
    // A run refused before anything registered changed nothing: the refusal says it all.
    if (account.published.length === 0 && account.unrecorded.length === 0) return;
    process.stdout.write(`\n${renderRunAccount(account, deployCommand(stack))}`);
  } catch (e) {
    process.stderr.write(`[deploy] where the org stands after the failure is unknown: ${(e as Error).message}\n`);
  }
}

/**
 * When the org dated the published version of each of `flows` (by published name), for the run
 * account; empty when the org cannot be read (the account then says what the state says).
 */
async function orgPublishTimes(stack: string, settings: StackSettings, flows: ReadonlyArray<{ publishedName: string; kind: { apiType: string } }>): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  if (flows.length === 0) return times;
  try {
    const { connectToOrg, pulumiSecret } = await import("../org/signIn");
    const { findFlowsByName } = await import("../org/flows");
    const { api } = await connectToOrg({ stack, settings, env: process.env, secret: pulumiSecret(stack, ROOT) });
    for (const f of flows) {
      const found = (await findFlowsByName(api, f.publishedName, f.kind.apiType))[0];
      if (found?.publishedVersion) times.set(f.publishedName, found.publishedVersion.dateCreated);
    }
  } catch (e) {
    process.stderr.write(`[deploy] the org could not be read for the account below (${(e as Error).message}): it says what the stack's state records\n`);
  }
  return times;
}

/**
 * When the stack runs a rolled-back release (planner/releases.ts rolledBackNote), the line saying
 * that this run from git puts other content back. Nothing when the state or the flows cannot be
 * read: pulumi and verify report those.
 */
async function printRolledBackNote(stack: string, settings: StackSettings, readState: () => Promise<ParsedExport | undefined>): Promise<void> {
  try {
    const { rolledBackNoteFor } = await import("./rolledBackNote");
    const note = await rolledBackNoteFor(ROOT, stack, (await readState())?.releases.history ?? [], settings);
    if (note) process.stdout.write(`[deploy] ${note}\n`);
  } catch {
    // the state or the flows do not read: the run itself says why
  }
}

/** The deploy commands as the CLI runs them: the exit code, with help and usage errors reported. */
export async function runDeploy(argv: string[], rollback?: RollbackSource): Promise<number> {
  try {
    return await main(argv, rollback);
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
