// The inputs a flow's genesyscloud.Flow receives in a run (components/publishedFlow.ts registers
// exactly these), and the file whose hash the provider compares: what the engine diffs. The
// run's change set (run/flowChanges.ts) and the review compare them with what the stack's state
// recorded, so the planner's "changed" and the engine's "update" are one set by construction.
// Pure.
import type { PlannedFlow, Portfolio } from "./portfolio";
import { moduleTrigger } from "./revisions";

export interface FlowInputs {
  /** The published name (always explicit: an auto-name would differ from the name read back). */
  name: string;
  /** The compiled file, substitutions applied, relative to the project root. */
  filepath: string;
  /** For a flow calling modules: changes exactly when one of them changes. */
  updateTriggerHash?: string;
}

/** What the engine compares for a flow: its inputs and the hash of the file they name. */
export interface PlannedFlowState {
  inputs: FlowInputs;
  /** SHA-256 of the compiled file: the provider's `fileContentHash`, the planner's contentRevision. */
  fileHash: string;
}

/** The trigger of a flow calling modules, from the revisions of the modules it calls directly. */
export function plannedTrigger(portfolio: Portfolio, plan: PlannedFlow): string | undefined {
  if (plan.calls.length === 0) return undefined;
  const revisions = new Map(portfolio.flows.map((f) => [f.id, f.revision]));
  return moduleTrigger(plan.calls.map((id) => revisions.get(id)!));
}

/**
 * A flow's inputs in this run. `heldTrigger`: a caller a module's rollout in waves holds keeps the
 * trigger it was last published with (planner/waves/wavePlan.ts).
 */
export function flowInputsOf(portfolio: Portfolio, plan: PlannedFlow, heldTrigger?: string): PlannedFlowState {
  const trigger = heldTrigger ?? plannedTrigger(portfolio, plan);
  return {
    inputs: {
      name: plan.publishedName,
      filepath: plan.compiledPath,
      ...(trigger !== undefined ? { updateTriggerHash: trigger } : {}),
    },
    fileHash: plan.contentRevision,
  };
}
