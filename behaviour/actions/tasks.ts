// The semantics of moving between reusable tasks, which no node type compiles to as its own action
// (the compiler writes them for shared nodes and cycles; imports keep them raw): Call Task runs the
// task and comes back, taking the branch its End Task names (sdk: ArchActionCallTask, outputs;
// ArchActionEndTask.targetBranch); Jump To Task moves to it for good (sdk: ArchActionJumpToTask;
// help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/). "sdk:" cites the Architect
// Scripting SDK's type documentation (archy/catalogue/sources.ts, sdk:architect-scripting-types).
// A call's `taskInputs` give the called task's input variables (its `isInput: true` Task
// variables) their values, each `- <type>: {name: Task.x, value: ...}` evaluated where the call
// is, before the task runs (export:andrewappleton/rjv-blueprint "RJV Menhir Direct
// Tables_v57-0.yaml" line 967; the called task's input variables at line 3398).
import type { RunValue } from "../../archy/expressions/values";
import type { ActionBody, ActionRuns, RunContext } from "../../model/nodes/runContext";

/** The values a callTask gives the task's input variables, by variable name. */
function taskInputs(a: ActionBody, rt: RunContext): Record<string, RunValue> {
  const out: Record<string, RunValue> = {};
  for (const item of Array.isArray(a.taskInputs) ? a.taskInputs : []) {
    const entry = item !== null && typeof item === "object" ? Object.entries(item as Record<string, unknown>) : [];
    const [type, body] = entry.length === 1 ? entry[0] : [];
    const input = body !== null && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
    if (type === undefined || typeof input?.name !== "string")
      return rt.cannot("a task input that is not `- <type>: {name, value}`");
    out[input.name] = rt.value(input.value, type);
  }
  return out;
}

export const TASK_ACTIONS: ActionRuns = {
  callTask: (a, rt) =>
    typeof a.targetTaskRef === "string"
      ? { kind: "callTask", ref: a.targetTaskRef, inputs: taskInputs(a, rt) }
      : rt.cannot("a task call that names no task"),
  jumpToTask: (a, rt) =>
    typeof a.targetTaskRef === "string"
      ? { kind: "jumpToTask", ref: a.targetTaskRef }
      : rt.cannot("a jump that names no task"),
};
