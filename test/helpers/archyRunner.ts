// A small interpreter of the Archy the compiler emits, for tests: it walks a compiled flow's
// actions the way Architect runs them (nested output paths that fall through to the end of the
// enclosing list, tasks entered with callTask, bounded loops with loopExit, menus entered by
// startUpRef or jumpToMenu whose chosen choice runs its task, terminating actions) and records the
// names of the actions and menus it runs. A test compares that trace with a walk of the
// flow model taking the same choices, so the layout is checked for meaning, not only for shape.

/**
 * Chooses an outcome at a named point (e.g. "yes" or "no" at a decision). Points with positional
 * outcomes are asked by position: a menu's choices in order, its default choice last ("0", "1",
 * ...), a switch's cases in order then "default" ("case0", "case1", ..., "default").
 */
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
  const menus = new Map<string, Record<string, unknown>>();
  for (const m of (flow.menus as Array<{ menu: Record<string, unknown> }> | undefined) ?? []) menus.set(m.menu.refId as string, m.menu);
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

  /** Runs a menu: the caller's choice (or, last, the default choice after the repeats). Never returns. */
  function runMenu(ref: string): Signal {
    const refId = /menu\[(.*)\]$/.exec(ref)?.[1];
    const menu = refId !== undefined ? menus.get(refId) : undefined;
    if (!menu) throw new Error(`jump to a menu that does not exist: ${ref}`);
    record(menu.name);
    const choices = menu.choices as Array<Record<string, Record<string, unknown>>>;
    const fallback = /^\.\/choices\/(\w+)\[(.*)\]$/.exec(menu.defaultChildMenuRef as string);
    const fallbackIndex = choices.findIndex((c) => fallback !== null && Object.keys(c)[0] === fallback[1] && c[fallback[1]].refId === fallback[2]);
    if (fallbackIndex !== choices.length - 1) throw new Error(`menu ${ref}: its default choice is not its last choice`);
    const picked = Number(oracle(menu.name as string, choices.map((_, i) => String(i))));
    const [kind] = Object.keys(choices[picked]);
    const choice = choices[picked][kind];
    if (kind === "menuDisconnect") return "end";
    if (kind !== "menuTask") throw new Error(`the runner does not know the menu choice ${kind}`);
    const s = runList((choice.task as { actions: Action[] }).actions);
    if (s !== "end") throw new Error(`menu ${ref}: choice ${picked} ends without ending the call`);
    return "end";
  }

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
        case "getParticipantData":
        case "setParticipantData":
        case "sendAutoReply":
        case "sendResponse":
          break;
        case "switch": {
          const firstTrue = (body.evaluate as { firstTrue: { cases: Array<{ case: { actions?: Action[] } }>; default?: { actions?: Action[] } } }).firstTrue;
          const o = oracle(name, [...firstTrue.cases.map((_, i) => `case${i}`), "default"]);
          const actions = o === "default" ? firstTrue.default?.actions : firstTrue.cases[Number(o.slice("case".length))].case.actions;
          signal = actions ? runList(actions) : "next";
          break;
        }
        case "evaluateSchedule":
          signal = branch(body, oracle(name, ["active", "inactive"]));
          break;
        case "evaluateScheduleGroup": {
          const emergency = !("noValue" in (body.emergencyGroup as Record<string, unknown>));
          signal = branch(body, oracle(name, ["open", "closed", "holiday", ...(emergency ? ["emergency"] : [])]));
          break;
        }
        case "callData":
          signal = branch(body, oracle(name, ["success", "failure", "timeout"]));
          break;
        case "transferToFlow":
          // No output paths: when the transfer fails, the actions after it run.
          if (oracle(name, ["success", "failure"]) === "success") signal = "end";
          break;
        case "jumpToMenu":
          return runMenu(body.targetMenuRef as string);
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
        case "jumpToTask": {
          // A move for good: when the task's actions end, so does the flow.
          const ref = /task\[(.*)\]$/.exec(body.targetTaskRef as string)?.[1];
          const target = ref !== undefined ? tasks.get(ref) : undefined;
          if (!target) throw new Error(`jumpToTask to a task that does not exist: ${String(body.targetTaskRef)}`);
          runList(target);
          return "end";
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
  if (start !== undefined && /\/menus\//.test(start)) {
    runMenu(start);
    return { trace, ended: "terminated" };
  }
  let body: Action[];
  if (Array.isArray(flow.startUpTaskActions)) body = flow.startUpTaskActions as Action[];
  else if (start && /\/states\//.test(start)) body = ((flow.states as Array<{ state: { actions: Action[] } }>)[0]).state.actions;
  else body = tasks.get(/task\[(.*)\]$/.exec(start ?? "")?.[1] ?? "") ?? [];
  const signal = runList(body);
  return { trace, ended: signal === "end" ? "terminated" : "fell-through" };
}
