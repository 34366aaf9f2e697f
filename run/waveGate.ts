// Between the waves of a module rollout (planner/waves.ts, docs/waves.md), for `npm run up`: before
// a run that would start the next wave, what the org runs is verified (tools/verify.ts) and the
// behaviour scenarios of the flows of the waves already out run (tools/testFlows.ts); when either
// fails, the run starts no new wave (it still publishes what it must, a wave that did not complete
// included). After a run, which module version each caller of a rollout runs, per flow.
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { waveFlowsOf } from "../planner/portfolio";
import { planWaves, renderRolloutAccounts, rolloutAccounts, WAVES_HOLD_ENV } from "../planner/waves";
import { readPortfolio } from "../project/portfolio";
import { StateError } from "../org/stackExport";
import { stackFileName } from "../project/stackFile";
import { runScenarioFiles, scenarioFiles } from "./scenarios";
import { verifyStack, VerifyUnavailable, type StackContext } from "./verifyStack";

type Context = StackContext & { deployment: NonNullable<StackContext["deployment"]> };

/** The portfolio and what the stack last deployed, or undefined when the stack sets no waves or either cannot be read (pulumi and verify report those). */
async function stateOf(ctx: Context) {
  if (Object.keys(ctx.settings.waves).length === 0) return undefined;
  try {
    return { portfolio: readPortfolio(ctx.root, ctx.stack, ctx.settings), deployment: await ctx.deployment() };
  } catch (e) {
    if (e instanceof FlowLoadError || e instanceof StateError) return undefined;
    throw e;
  }
}

/**
 * The gate before an `up`: the reasons the next wave waits (empty when it may start, or when this
 * run starts none). With reasons, sets GENESYS_FLOWS_WAVES_HOLD for the program (planner/waves.ts).
 */
export async function waveGate(ctx: Context, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const state = await stateOf(ctx);
  if (!state || !state.deployment.waves?.length) return [];
  const { plan } = planWaves({
    flows: waveFlowsOf(state.portfolio.flows),
    waves: ctx.settings.waves,
    deployed: new Map(state.deployment.flows.map((f) => [f.id, f])),
    previous: state.deployment.waves,
    stackFile: stackFileName(ctx.stack),
  });
  const starting = plan.rollouts.filter((r) => r.startsWave && r.started > 1);
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
  const folder = path.join(ctx.root, "scenarios");
  if (out.size > 0 && fs.existsSync(folder)) {
    try {
      const run = runScenarioFiles(ctx.root, scenarioFiles(ctx.root, folder).files, { stack: ctx.stack, flows: out });
      for (const r of run.results.filter((x) => x.status !== "passed")) reasons.push(`scenario ${r.file}:${r.line} "${r.name}" (${r.flow}) ${r.status}`);
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      reasons.push(`the scenarios do not load: ${e.message}`);
    }
  }
  if (reasons.length > 0) env[WAVES_HOLD_ENV] = "1";
  return reasons;
}

/** Which module version each caller of every rollout in progress runs now ("" when none). */
export async function wavesAccount(ctx: Context): Promise<string> {
  const state = await stateOf(ctx);
  if (!state || !state.deployment.waves?.length) return "";
  return renderRolloutAccounts(rolloutAccounts(waveFlowsOf(state.portfolio.flows), new Map(state.deployment.flows.map((f) => [f.id, f])), state.deployment.waves));
}
