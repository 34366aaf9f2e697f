// The gate between the waves of a module rollout (planner/waves.ts, docs/waves.md): before a run
// starts the next wave, what the org runs is verified (run/verifyStack.ts) and the behaviour
// scenarios of the flows of the waves already out run (run/scenarios.ts); when either fails, the
// run starts no new wave (it still publishes what it must, a wave that did not complete
// included). Run inside the Pulumi program (run/stackRun.ts), whoever runs Pulumi. After a run,
// which module version each caller of a rollout runs, per flow.
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { waveFlowsOf, type Portfolio } from "../planner/portfolio";
import { renderRolloutAccounts, rolloutAccounts, type RolloutPlan } from "../planner/waves";
import type { StackDeployment } from "../org/model";
import { runScenarioFiles, scenarioFiles } from "./scenarios";
import { verifyStack, VerifyUnavailable, type StackContext } from "./verifyStack";

/**
 * The reasons the next wave of `starting` waits (empty: it may start): verify's errors, and the
 * scenarios of the flows of the waves already out that do not pass.
 */
export async function waveGateReasons(ctx: StackContext & { portfolio: () => Portfolio }, starting: readonly RolloutPlan[]): Promise<string[]> {
  if (starting.length === 0) return [];
  const reasons: string[] = [];
  try {
    const report = await verifyStack(ctx);
    for (const f of report.findings.filter((x) => x.severity === "error")) reasons.push(`verify: ${f.flow}${f.file ? ` (${f.file})` : ""}: ${f.message}`);
  } catch (e) {
    if (!(e instanceof VerifyUnavailable)) throw e;
    reasons.push(`verify could not run: ${e.message}`);
  }
  const out = new Set(starting.flatMap((r) => r.waves.slice(0, r.started - 1).flat()));
  const root = ctx.sourcesRoot ?? ctx.root;
  const folder = path.join(root, "scenarios");
  if (out.size > 0 && fs.existsSync(folder)) {
    try {
      const run = runScenarioFiles(root, scenarioFiles(root, folder).files, { stack: ctx.stack, flows: out, portfolioOf: (stack) => (stack === ctx.stack ? ctx.portfolio() : undefined) });
      for (const r of run.results.filter((x) => x.status !== "passed")) reasons.push(`scenario ${r.file}:${r.line} "${r.name}" (${r.flow}) ${r.status}`);
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
  return renderRolloutAccounts(rolloutAccounts(waveFlowsOf(portfolio.flows), new Map(deployment.flows.map((f) => [f.id, f])), deployment.waves));
}
