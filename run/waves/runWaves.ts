// The module rollouts in waves of one run (planner/waves/wavePlan.ts, docs/waves.md), read once per run from
// what the stack last deployed, with the gate between waves (run/waves/gate.ts): a run that would
// start the next wave first verifies the org and runs the scenarios of the waves already out, and
// starts none when either fails (unless a person said `rollout next`). A rollback rolls nothing out
// in waves: it ends every rollout in progress.
import { FlowLoadError } from "../../model/errors";
import { flowRefsOf } from "../../planner/portfolio";
import { endedByRollback } from "../../planner/waves/rolloutControl";
import { heldCallerMoves } from "../../planner/waves/wavesChecks";
import { planWaves, type RolloutPlan, type WavePlan } from "../../planner/waves/wavePlan";
import { stackFileName } from "../../project/stackFile";
import type { StackDeployment } from "../../org/model";
import { flowChanges, plannedRunFlows, WRITES_EXISTING, type FlowChange } from "../flowChanges";
import { perRun } from "../perRun";
import type { StackRun } from "../stackRun";
import { waveGateReasons } from "./gate";
import { stackContext } from "../runVerify";

/** The module rollouts of a run: the plan, and why the next wave waits (empty: it may start). */
export interface RunWaves {
  plan: WavePlan;
  waiting: string[];
  /** The rollouts whose next wave this run would have started. */
  starting: RolloutPlan[];
}

/** What the engine does to each flow of `run` when `held` callers keep the trigger they were published with. */
export function changesWith(run: StackRun, held: WavePlan["held"], deployment: StackDeployment): FlowChange[] {
  const triggers = new Map([...held].map(([id, h]) => [id, h.updateTriggerHash]));
  return flowChanges(plannedRunFlows(run.portfolio(), deployment, triggers), deployment);
}

/**
 * The run's waves; undefined when the stack sets no waves and records no rollout. Throws
 * FlowLoadError when the waves refuse the run, a held caller that would publish anyway included
 * (heldCallerMoves).
 */
export const runWaves = perRun(async (run: StackRun): Promise<RunWaves | undefined> => {
  const portfolio = run.portfolio();
  const deployment = await run.deployment();
  const previous = deployment.waves ?? [];
  const { next, person, now } = run.options;
  if (Object.keys(portfolio.settings.waves).length === 0 && previous.length === 0 && next === undefined)
    return undefined;
  const act = { by: person ?? "unknown", at: (now ?? (() => new Date()))().toISOString() };
  const rollbackOf = run.source.rollbackOf;
  if (rollbackOf !== undefined) {
    if (previous.length === 0) return undefined;
    const ended = endedByRollback(previous, { ...act, to: rollbackOf, reason: `rollback --to ${rollbackOf}` });
    return { plan: { rollouts: [], ended, held: new Map(), finished: [] }, waiting: [], starting: [] };
  }
  const plan = (advance: boolean, gateReasons: readonly string[] = []) => {
    const planned = planWaves({
      flows: flowRefsOf(portfolio.flows),
      waves: portfolio.settings.waves,
      deployed: new Map(deployment.flows.map((f) => [f.id, f])),
      previous,
      stackFile: stackFileName(run.stack),
      stack: run.stack,
      advance,
      gateReasons,
      ...(next ? { next: { ...next, ...act } } : {}),
    });
    if (planned.refusals.length > 0) throw new FlowLoadError(planned.refusals);
    return planned.plan;
  };
  const first = plan(true);
  const starting = first.rollouts.filter((r) => r.startsWave && r.started > 1);
  const waiting = previous.length > 0 ? await waveGateReasons(stackContext(run), starting) : [];
  const chosen = waiting.length > 0 ? plan(false, waiting) : first;
  const moves = heldCallerMoves(
    chosen,
    changesWith(run, chosen.held, deployment).map((c) => ({
      flow: c.flow,
      file: c.file,
      publishes: WRITES_EXISTING.has(c.action),
      differs: c.differs,
    })),
    stackFileName(run.stack),
    run.stack,
  );
  if (moves.length > 0) throw new FlowLoadError(moves);
  return { plan: chosen, waiting, starting };
});
