// The semantics of moving between reusable tasks, which no node type compiles to as its own action
// (the compiler writes them for shared nodes and cycles; imports keep them raw): Call Task runs the
// task and comes back, taking the branch its End Task names (sdk: ArchActionCallTask, outputs;
// ArchActionEndTask.targetBranch); Jump To Task moves to it for good (sdk: ArchActionJumpToTask;
// help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/). "sdk:" cites the Architect
// Scripting SDK's type documentation (archy/catalogue/sources.ts, sdk:architect-scripting-types).
import type { ActionRuns } from "../../model/nodes/runContext";

export const TASK_ACTIONS: ActionRuns = {
  callTask: (a, rt) => (typeof a.targetTaskRef === "string" ? { kind: "callTask", ref: a.targetTaskRef } : rt.cannot("a task call that names no task")),
  jumpToTask: (a, rt) => (typeof a.targetTaskRef === "string" ? { kind: "jumpToTask", ref: a.targetTaskRef } : rt.cannot("a jump that names no task")),
};
