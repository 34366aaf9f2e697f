// Actions on the interaction that change nothing a flow's path depends on: Set Wrapup Code sets "the
// wrapup code value to set on the participant" (sdk: ArchActionSetWrapupCode.wrapupCode); the run
// checks the value can be read and goes on.
import type { ActionRuns } from "../../model/nodes/runContext";

export const INTERACTION_ACTIONS: ActionRuns = {
  setWrapupCode: (a, rt) => {
    rt.value(a.wrapupCode, "wrapupCode");
    return { kind: "next" };
  },
};
