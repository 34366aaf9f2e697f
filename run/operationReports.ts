// What the operation (run/operation.ts) says around the engine, each from the run's own reads:
// what an up deployed, the line when the stack runs a rolled-back release, what a preview changes,
// a failed run's exit code and what to do, verify after an up, and after a failed up where the org
// stands.
import { stackFileName } from "../model/stackFile";
import { FlowLoadError } from "../model/errors";
import { FLOW_KINDS, type FlowKind } from "../model/kinds";
import { deployCommand } from "../project/deployCommand";
import { engineErrorSummary } from "./engineErrorSummary";
import type { StackRun } from "./stackRun";
import * as os from "node:os";
import { backendLocks, pulumiProjectName, stateBackendUrl, type StackLock } from "../org/fileBackendState";
import { impactOfRun, type RunView } from "../verify/impact";
import type { VerifyReport } from "../verify/report";
import type { RunAccount } from "../verify/account";
import type { Deployed, TextOut } from "./operationView";
import { runWaves } from "./waves/runWaves";
import { runChanges } from "./changes";
import { stackContext, verifyRun } from "./runVerify";

/**
 * What an up did, after the engine's own lines: the deployed flows, one row each, modules first
 * (the stack's `flows` output is in that order); when the engine changed nothing (`changes`: its
 * summary, every resource "same"), that in one line with the flows' names.
 */
export function formatSummary({ stack, target, flows, changes, preview }: Deployed): string {
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
  for (const r of rows)
    lines.push(
      "  " +
        r
          .map((cell, c) => cell.padEnd(widths[c]))
          .join("  ")
          .trimEnd(),
    );
  return lines.join("\n");
}

/** When the stack runs a rolled-back release, the line saying this run from git puts other content back. */
export async function printRolledBackNote(run: StackRun, say: TextOut): Promise<void> {
  try {
    const { rolledBackNote } = await import("../planner/releases");
    const { routingRevisions } = await import("../planner/routingInputs");
    const history = (await run.state()).releases.history;
    if (history.at(-1)?.rollbackOf === undefined) return;
    const revisions = new Map(run.portfolio().flows.map((f) => [f.id, f.revision]));
    const routing = routingRevisions(run.routing().objects);
    const note = rolledBackNote(history, { commit: run.source.commit, revisions, routing });
    if (note) say.out(`[deploy] ${note}\n`);
  } catch {
    // the state or the flows do not read: the run itself says why
  }
}

/**
 * A run the engine failed (its output is above): the exit code, and what to do when the stack is
 * missing or another run holds it. The engine's diagnostics, when its output showed them, already
 * say why once (a guard's refusal included): not again here.
 */
export async function printRunFailure(
  result: { error?: string; noStack?: boolean },
  run: { stack: string; root: string; env: NodeJS.ProcessEnv },
  say: TextOut,
  shownDiagnostics: boolean,
): Promise<number> {
  const stack = run.stack;
  if (result.noStack) {
    say.err(
      `deploy: stack "${stack}" does not exist in your Pulumi backend, and npm run up/preview does not create it.\n` +
        `  Create it once, deliberately: npm run pulumi -- stack init ${stack}\n` +
        `  (on a file/S3 backend with passphrase secrets that adds an encryptionsalt line to ${stackFileName(stack)}: review and commit it).\n`,
    );
  } else if (result.error !== undefined && /stack is currently locked/i.test(result.error)) {
    say.err(`deploy: ${lockText(run.stack, await stackLocks(run.stack, run.root, run.env))}\n`);
  } else if (result.error) {
    say.err(
      shownDiagnostics
        ? "deploy: the run failed: the engine's diagnostics above say why\n"
        : `deploy: the run failed:\n${engineErrorSummary(result.error).replace(/^/gm, "  ")}\n`,
    );
  }
  return 1;
}

/**
 * The locks on the stack (its owner, and whether it runs here) in the project's own file backend or
 * a PostgreSQL one; undefined for any other backend.
 */
export async function stackLocks(
  stack: string,
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StackLock[] | undefined> {
  const project = pulumiProjectName(root);
  if (project === undefined) return undefined;
  return backendLocks({ backendUrl: stateBackendUrl(root, stack, env), root, project, stack }, os.hostname());
}

/** How long ago `timestamp` was, in words (`, 42 s ago`, `, 7 min ago`, `, 3 h ago`); empty when it does not parse. */
function age(timestamp: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(timestamp)) / 1000));
  if (Number.isNaN(s)) return "";
  const [n, unit]: [number, string] =
    s < 120 ? [s, "s"] : s < 7200 ? [s / 60, "min"] : s < 172_800 ? [s / 3600, "h"] : [s / 86_400, "days"];
  return `, ${Math.floor(n)} ${unit} ago`;
}

/** Who holds the stack's lock and what to do: wait for a run under way (cancelling its lock lets two runs publish at once); clear one a stopped run left. */
export function lockText(stack: string, locks: readonly StackLock[] | undefined, now = Date.now()): string {
  const cancel = `npm run pulumi -- cancel --yes --stack ${stack}`;
  if (!locks?.length)
    return `another run of stack "${stack}" holds its lock: wait for it to finish, then run again. Do not cancel the lock while it runs: both runs would publish at once. A run that was stopped leaves its lock behind: only then: ${cancel} (docs/reliability.md)`;
  return locks
    .map((l) => {
      const who = `${l.username} on ${l.hostname}, since ${l.timestamp}${age(l.timestamp, now)}`;
      const owner = `pulumi process ${l.pid} (${who}) holds the lock of stack "${stack}"`;
      if (l.running === true)
        return `${owner} and still runs: wait for it to finish (or stop it: kill -INT ${l.pid}); do not cancel its lock while it runs: both runs would publish at once`;
      if (l.running === false)
        return `${owner}, but no process ${l.pid} runs on this machine: a run that was stopped (killed or interrupted) left its lock. Clear it: ${cancel}; then genesys-flows rollout status --stack ${stack} says what the org runs (docs/reliability.md)`;
      return `${owner} on another machine: ask there whether it still runs; only when it does not: ${cancel} (docs/reliability.md)`;
    })
    .join("\n");
}

/** What the run's change set publishes again and why, where the files do not say it (a wave of a rollout, a stopped run), and the callers its rollouts hold. */
async function runView(run: StackRun): Promise<RunView> {
  const rollouts = (await runWaves(run))?.plan;
  const changes = (await runChanges(run)).filter(
    (x) => x.action === "update" || x.action === "replace" || x.action === "import",
  );
  const publishes = changes.map((c) => {
    const r = rollouts?.rollouts.find((x) => x.waves[x.current - 1]?.includes(c.flow));
    const module = changes.some((x) => x.flow === r?.module)
      ? "the module's new content, published first"
      : "the module's published version";
    const wave =
      r && c.differs.every((d) => d === "trigger")
        ? `wave ${r.current} of ${r.waves.length} of the rollout of module ${r.module} ${r.startsWave ? "starts" : "is published again"}: it takes ${module}`
        : undefined;
    return {
      id: c.flow,
      file: c.file,
      publishedName: c.publishedName,
      ...(wave ? { reason: wave } : {}),
      ...(c.deployed?.interrupted ? { stopped: true } : {}),
    };
  });
  const names = new Map(run.portfolio().flows.map((f) => [f.id, f.publishedName]));
  return {
    publishes,
    held: [...(rollouts?.held ?? [])].map(([id, h]) => ({ name: names.get(id) ?? id, by: h.heldBy })),
  };
}

/** After a preview: what deploying now republishes, and who outside the stack calls a changing module. */
export async function printImpact(run: StackRun, say: TextOut): Promise<void> {
  const { stackImpact, VerifyUnavailable } = await import("./verifyStack");
  const { renderImpactText } = await import("../verify/render");
  try {
    const { impact } = await stackImpact(stackContext(run));
    say.out(`\n${renderImpactText(impactOfRun(impact, await runView(run)))}`);
  } catch (e) {
    if (!(e instanceof FlowLoadError || e instanceof VerifyUnavailable)) throw e;
    if (e instanceof VerifyUnavailable) say.err(`[deploy] impact not computed: ${e.message}\n`);
  }
}

/** After an up: the features' accounts (the module rollouts'), then what the org runs (npm run verify); stale callers or drift fail the run. The exit code, and verify's report when it ran. */
export async function verifyAfterUp(
  run: StackRun,
  say: TextOut & { verified(report: VerifyReport, command: string): void },
): Promise<{ code: number; report?: VerifyReport }> {
  const { VerifyUnavailable } = await import("./verifyStack");
  const { reportAccounts } = await import("./guards");
  // The run changed the state: verify reads it again (once: the account and the record read the same).
  const deployment = run.stateAfter().then((s) => s.deployment);
  for (const text of reportAccounts(run, await deployment)) say.out(`\n${text}`);
  try {
    const report = await verifyRun(run, () => deployment);
    say.verified(report, `npm run verify -- --stack ${run.stack}`);
    if (!report.ok) {
      say.err(
        `deploy: the deployment succeeded, but the org does not run what the stack deployed (above); npm run verify -- --stack ${run.stack} checks again\n`,
      );
      return { code: 1, report };
    }
    return { code: 0, report };
  } catch (e) {
    if (!(e instanceof VerifyUnavailable)) throw e;
    say.err(
      `deploy: the deployment succeeded, but it could not be verified: ${e.message}${e.fix ? ` (${e.fix})` : ""}\n`,
    );
    return { code: 3 };
  }
}

/**
 * After an `up` that failed: where the org stands (verify/account.ts), when the run published
 * anything or left the plan part-way, and which module version each caller of a rollout runs;
 * nothing when the state cannot be read or the flows do not plan (the failure says why).
 */
export async function printAccount(run: StackRun, startedAt: number, say: TextOut): Promise<RunAccount | undefined> {
  try {
    const { renderRunAccount, runAccount, withOrgPublishes } = await import("../verify/account");
    const { findFlowsByName } = await import("../org/flows");
    const { reportAccounts } = await import("./guards");
    const { flowRefsOf } = await import("../planner/portfolio");
    const portfolio = run.portfolio();
    const { deployment } = await run.stateAfter();
    // A caller a rollout in waves holds was planned on the revision it runs: not a publish the run owes.
    const held = (await runWaves(run).catch(() => undefined))?.plan.held;
    const plan = flowRefsOf(portfolio.flows).map((f) => ({
      ...f,
      revision: held?.get(f.id)?.revision ?? f.revision,
      ...(held?.has(f.id) ? { held: true } : {}),
    }));
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
        say.err(
          `[deploy] the org could not be read for the account below (${(e as Error).message}): it says what the stack's state records\n`,
        );
      }
    }
    account = withOrgPublishes(account, times, startedAt);
    // A run refused before anything registered changed nothing: the refusal says it all.
    if (account.published.length > 0 || account.unrecorded.length > 0)
      say.out(`\n${renderRunAccount(account, deployCommand(run.stack))}`);
    for (const text of reportAccounts(run, deployment)) say.out(`\n${text}`);
    return account;
  } catch (e) {
    say.err(`[deploy] where the org stands after the failure is unknown: ${(e as Error).message}\n`);
    return undefined;
  }
}
