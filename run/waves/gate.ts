// The gate between the waves of a module rollout (planner/waves/wavePlan.ts, docs/waves.md): before a run
// starts the next wave, what the org runs is verified (run/verifyStack.ts) and the behaviour
// scenarios of the flows of the waves already out run (run/scenarios.ts); when either fails, the
// run starts no new wave (it still publishes what it must, a wave that did not complete
// included). Run inside the Pulumi program (run/stackRun.ts), whoever runs Pulumi. After a run,
// which module version each caller of a rollout runs, per flow.
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../../model/errors";
import { flowRefsOf, type Portfolio } from "../../planner/portfolio";
import { describeRollout, renderRolloutAccounts, rolloutAccounts } from "../../planner/waves/rolloutAccount";
import { rollbackCommand, rolloutCommand } from "../../planner/waves/rolloutControl";
import type { RolloutPlan, WavePlan } from "../../planner/waves/wavePlan";
import type { StackDeployment } from "../../org/model";
import { runScenarioFiles, scenarioFiles } from "../scenarios";
import { verifyStack, VerifyUnavailable, type StackContext } from "../verifyStack";

/** A run's rollouts (run/stackRun.ts RunWaves): the plan and the gate's reasons. */
interface RunRollouts {
  plan: WavePlan;
  waiting: readonly string[];
}

/**
 * The reasons the next wave of `starting` waits (empty: it may start): verify's errors, and the
 * scenarios of the flows of the waves already out that do not pass.
 */
export async function waveGateReasons(
  ctx: StackContext & { portfolio: () => Portfolio },
  starting: readonly RolloutPlan[],
): Promise<string[]> {
  if (starting.length === 0) return [];
  const reasons: string[] = [];
  try {
    const report = await verifyStack(ctx);
    for (const f of report.findings.filter((x) => x.severity === "error"))
      reasons.push(`verify: ${f.flow}${f.file ? ` (${f.file})` : ""}: ${f.message}`);
  } catch (e) {
    if (!(e instanceof VerifyUnavailable)) throw e;
    reasons.push(`verify could not run: ${e.message}`);
  }
  const out = new Set(starting.flatMap((r) => r.waves.slice(0, r.started - 1).flat()));
  const root = ctx.sourcesRoot ?? ctx.root;
  const folder = path.join(root, "scenarios");
  if (out.size > 0 && fs.existsSync(folder)) {
    try {
      const run = runScenarioFiles(root, scenarioFiles(root, folder).files, {
        stack: ctx.stack,
        flows: out,
        portfolioOf: (stack) => (stack === ctx.stack ? ctx.portfolio() : undefined),
      });
      for (const r of run.results.filter((x) => x.status !== "passed"))
        reasons.push(`scenario ${r.file}:${r.line} "${r.name}" (${r.flow}) ${r.status}`);
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      reasons.push(`the scenarios do not load: ${e.message}`);
    }
  }
  return reasons;
}

/** Which module version each caller of every rollout in progress runs ("" when none). */
export function wavesAccount(portfolio: Portfolio, deployment: StackDeployment): string {
  if (!deployment.waves?.length) return "";
  return renderRolloutAccounts(
    rolloutAccounts(flowRefsOf(portfolio.flows), new Map(deployment.flows.map((f) => [f.id, f])), deployment.waves),
    deployment.stack,
  );
}

/** What the program logs about the run's rollouts: one line each, and why a wave waits. */
export function rolloutMessages(waves: RunRollouts): Array<{ level: "info" | "warn"; text: string }> {
  const out: Array<{ level: "info" | "warn"; text: string }> = waves.plan.rollouts.map((r) => ({
    level: "info",
    text: describeRollout(r),
  }));
  for (const m of waves.plan.finished)
    out.push({
      level: "info",
      text: `module ${m}: its rollout in waves is finished, every caller runs its current version`,
    });
  for (const r of waves.plan.ended)
    out.push({
      level: "info",
      text: `module ${r.module}: its rollout was rolled back (to ${r.rolledBack?.to}); the run rolls nothing of it out`,
    });
  for (const r of waves.plan.rollouts.filter((x) => x.next !== undefined && (x.next.past?.length ?? 0) > 0)) {
    out.push({
      level: "warn",
      text: `rollout next by ${r.next!.by} (${r.next!.reason}): wave ${r.current} of module ${r.module} starts although the checks between waves say:\n${r.next!.past!.map((w) => `  ${w}`).join("\n")}`,
    });
  }
  if (waves.plan.rollouts.some((r) => r.waiting && r.waitingFor.length > 0))
    out.push({
      level: "warn",
      text: `the next wave of a module rollout waits; this run starts none:\n${waves.waiting.map((w) => `  ${w}`).join("\n")}`,
    });
  return out;
}

/** The rollouts a run holds: waiting now, or paused with a wave still to start (a run that publishes an incomplete wave again included). */
export function heldRollouts(waves: RunRollouts | undefined): RolloutPlan[] {
  return (waves?.plan.rollouts ?? []).filter(
    (r) => r.waiting || (r.paused !== undefined && !r.startsWave && r.current < r.waves.length),
  );
}

/**
 * The last lines of an `up` whose rollout waits (the gate between waves, or a pause): which wave
 * waits and why, the callers kept on the previous version, and the three ways on. Undefined when
 * no rollout of the run waits.
 */
export function heldRunText(waves: RunRollouts | undefined, stack: string): string | undefined {
  const held = heldRollouts(waves);
  if (held.length === 0) return undefined;
  const out: string[] = [];
  for (const r of held) {
    const n = r.current + 1;
    if (r.paused)
      out.push(
        `HELD: the rollout of module ${r.module} is paused (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason}); wave ${r.current} of ${r.waves.length} is out, wave ${n} does not start.`,
      );
    else
      out.push(
        `HELD: the rollout of module ${r.module} waits: wave ${r.current} of ${r.waves.length} is out, wave ${n} does not start, because:`,
        ...r.waitingFor.map((w) => `  ${w}`),
      );
    out.push(
      `  kept on the module version they were published with: ${r.held.length > 0 ? r.held.join(", ") : "none"}`,
    );
    out.push(
      `  next: ${r.paused ? `resume it (${rolloutCommand("resume", r.module, stack)})` : "fix what is above and up again"}; ` +
        `or start wave ${n} anyway (${rolloutCommand("next", r.module, stack)}); or take the module back (${rollbackCommand(stack)}).`,
    );
  }
  return `${out.join("\n")}\n`;
}
