// One semantics per Archy action key: the node types' `run` (model/nodes, next to each node type's
// schema, emitter and importer) and the few actions no node type compiles to (actions/). An action
// key given twice is a programming error, refused when the module loads; an action no one gives
// cannot be simulated.
import { NODE_DESCRIPTORS, NODE_TYPES } from "../model/nodes";
import type { ActionRun, ActionRuns } from "../model/nodes/runContext";
import { ENDING_ACTIONS } from "./actions/endings";
import { INTERACTION_ACTIONS } from "./actions/interaction";
import { LOOP_ACTIONS } from "./actions/loops";
import { STATE_ACTIONS } from "./actions/states";
import { TASK_ACTIONS } from "./actions/tasks";

function registry(): ReadonlyMap<string, { run: ActionRun; by: string }> {
  const out = new Map<string, { run: ActionRun; by: string }>();
  const add = (runs: ActionRuns | undefined, by: string) => {
    for (const [key, run] of Object.entries(runs ?? {})) {
      const other = out.get(key);
      if (other) throw new Error(`Archy action ${key} has two semantics: ${other.by} and ${by}`);
      out.set(key, { run, by });
    }
  };
  for (const type of NODE_TYPES) add(NODE_DESCRIPTORS[type].run, `node type ${type}`);
  add(TASK_ACTIONS, "behaviour/actions/tasks.ts");
  add(LOOP_ACTIONS, "behaviour/actions/loops.ts");
  add(STATE_ACTIONS, "behaviour/actions/states.ts");
  add(ENDING_ACTIONS, "behaviour/actions/endings.ts");
  add(INTERACTION_ACTIONS, "behaviour/actions/interaction.ts");
  return out;
}

/** Archy action key -> its run-time semantics, and who gives it. */
export const SEMANTICS = registry();
