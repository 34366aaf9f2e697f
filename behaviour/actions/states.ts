// States of email, message and in-queue flows: Change State moves to another state for good
// (sdk: ArchActionChangeState.targetState); End State ends the running state, which for the state a
// flow starts in ends the run (sdk: ArchActionEndState; a terminating action, archy/catalogue/actions.ts).
import type { ActionRuns } from "../../model/nodes/runContext";

export const STATE_ACTIONS: ActionRuns = {
  changeState: (a, rt) =>
    typeof a.targetStateRef === "string"
      ? { kind: "changeState", ref: a.targetStateRef }
      : rt.cannot("a state change that names no state"),
  endState: () => ({ kind: "end", ending: { type: "end", action: "endState" } }),
};
