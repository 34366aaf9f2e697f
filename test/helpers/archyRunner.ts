// A small interpreter of the Archy the compiler emits, for tests: it walks a compiled flow's
// actions the way Architect runs them (nested output paths that fall through to the end of the
// enclosing list, tasks entered with callTask, bounded loops with loopExit, terminating actions)
// and records the names of the actions it runs. A test compares that trace with a walk of the
// flow model taking the same choices, so the layout is checked for meaning, not only for shape.

/** Chooses an outcome at a named point (e.g. "yes" or "no" at a decision). */
export type Oracle = (name: string, options: readonly string[]) => string;

type Action = Record<string, Record<string, unknown>>;
type Signal = "next" | "end" | "exitLoop";

/** Names of actions the compiler adds that do not stand for a model node. */
export function isGenerated(name: string): boolean {
  return name.endsWith(": module outcome") || name.startsWith("Go to ") || name.startsWith("Leave ") || name === "Disconnect" || name === "Exit Common Module";
}

export interface RunResult {
  trace: string[];
  /** How the run ended: a terminating action, or running off the end of the body. */
  ended: "terminated" | "fell-through";
}

const MAX_STEPS = 10000;

export function runArchy(doc: Record<string, unknown>, oracle: Oracle): RunResult {
  const key = Object.keys(doc)[0];
  const flow = doc[key] as Record<string, unknown>;
  const tasks = new Map<string, Action[]>();
  for (const t of (flow.tasks as Array<{ task: { refId: string; actions: Action[] } }> | undefined) ?? []) tasks.set(t.task.refId, t.task.actions);
  const trace: string[] = [];
  let steps = 0;
  let pendingOutcome: string | undefined;

  const paths = (body: Record<string, unknown>): Record<string, { actions: Action[] }> => (body.outputs as Record<string, { actions: Action[] }>) ?? {};
  const record = (name: unknown) => {
    if (++steps > MAX_STEPS) throw new Error("more than 10000 actions: the compiled flow does not end");
    if (typeof name === "string" && !isGenerated(name)) trace.push(name);
  };
  const branch = (body: Record<string, unknown>, path: string): Signal => {
    const p = paths(body)[path];
    return p ? runList(p.actions) : "next";
  };

  function runList(actions: Action[]): Signal {
    for (const action of actions) {
      const [type] = Object.keys(action);
      const body = action[type];
      const name = body.name as string;
      record(name);
      let signal: Signal = "next";
      switch (type) {
        case "playAudio":
        case "updateData":
          break;
        case "decision":
          if (name.endsWith(": module outcome")) signal = branch(body, pendingOutcome === "completed" ? "yes" : "no");
          else signal = branch(body, oracle(name, ["yes", "no"]));
          break;
        case "collectInput":
          signal = branch(body, oracle(name, ["success", "failure"]));
          break;
        case "transferToAcd": {
          const o = oracle(name, ["success", "failure"]);
          signal = o === "success" ? "end" : branch(body, "failure");
          break;
        }
        case "callCommonModule":
          pendingOutcome = oracle(name, ["completed", "error"]);
          break;
        case "callTask": {
          const ref = /task\[(.*)\]$/.exec(body.targetTaskRef as string)?.[1];
          const target = ref !== undefined ? tasks.get(ref) : undefined;
          if (!target) throw new Error(`callTask to a task that does not exist: ${String(body.targetTaskRef)}`);
          signal = runList(target);
          break;
        }
        case "loop": {
          const count = (body.loopCount as { lit: number }).lit;
          const actionsOf = paths(body).loop?.actions ?? [];
          signal = "next";
          for (let i = 0; i < count; i++) {
            const s = runList(actionsOf);
            if (s === "end") {
              signal = "end";
              break;
            }
            if (s === "exitLoop") break;
          }
          break;
        }
        case "loopExit":
          return "exitLoop";
        case "disconnect":
        case "endTask":
          return "end";
        default:
          throw new Error(`the runner does not know the action ${type}`);
      }
      if (signal !== "next") return signal;
    }
    return "next";
  }

  const start = flow.startUpRef as string | undefined;
  let body: Action[];
  if (Array.isArray(flow.startUpTaskActions)) body = flow.startUpTaskActions as Action[];
  else if (start && /\/states\//.test(start)) body = ((flow.states as Array<{ state: { actions: Action[] } }>)[0]).state.actions;
  else body = tasks.get(/task\[(.*)\]$/.exec(start ?? "")?.[1] ?? "") ?? [];
  const signal = runList(body);
  return { trace, ended: signal === "end" ? "terminated" : "fell-through" };
}
