// What the engine does to each flow in one run (run/flowChanges.ts), read once per run: planned
// flows first, then removed ones, with the callers a module rollout in waves holds keeping the
// trigger they were published with (run/waves/runWaves.ts). The change set every guard and report
// of the run reads.
import type { FlowChange } from "./flowChanges";
import { perRun } from "./perRun";
import type { StackRun } from "./stackRun";
import { changesWith, runWaves } from "./waves/runWaves";

export const runChanges = perRun(
  async (run: StackRun): Promise<FlowChange[]> =>
    changesWith(run, (await runWaves(run))?.plan.held ?? new Map(), await run.deployment()),
);
