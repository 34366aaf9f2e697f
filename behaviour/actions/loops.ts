// Next Loop starts the innermost loop's next iteration (sdk: ArchActionLoopNext, "the Next Loop
// action"); no node type compiles to it (a loop node's back transition ends the iteration instead).
import type { ActionRuns } from "../../model/nodes/runContext";

export const LOOP_ACTIONS: ActionRuns = {
  loopNext: () => ({ kind: "nextLoop" }),
};
