// Whether a task of an Archy flow can come back to the task that calls it: it holds an `endTask`,
// or a path of it falls off the end of its actions. A path stops at an action that ends it
// (disconnect, jumpToTask, changeState, endTask, ...), at a decision or switch all of whose paths
// stop, and at a callTask whose task never comes back, or comes back only by output paths whose
// actions stop. Anything else may go on after it. A task that calls itself (directly or through
// others) is assumed not to come back by that call: the least answer, which only paths that
// come back without it can change. Pure.
import { ACTIONS } from "../archy/catalogue/actions";
import { isMap, single, type Json } from "../archy/json";
import { parseRef } from "./refs";

/** The element's actions, by `task\u0000<refId>` (import/graph.ts elementKey). */
export type TaskActions = ReadonlyMap<string, { actions: Json[] }>;

export class Returns {
  private readonly memo = new Map<string, boolean>();
  private readonly reading = new Set<string>();
  /** Set when an answer relied on a task still being read (not memoised then). */
  private assumed = false;

  constructor(private readonly tasks: TaskActions) {}

  /** Whether these actions (a task's) can come back to a caller. */
  canReturn(actions: Json[]): boolean {
    return hasEndTask(actions) || this.fallsOff(actions);
  }

  /** Whether the task with this key can come back to a caller (unknown tasks: yes). */
  task(key: string): boolean {
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    if (this.reading.has(key)) {
      this.assumed = true;
      return false;
    }
    const el = this.tasks.get(key);
    if (el === undefined) return true;
    const outer = this.assumed;
    this.assumed = false;
    this.reading.add(key);
    try {
      const r = this.canReturn(el.actions);
      if (!this.assumed || r) this.memo.set(key, r);
      return r;
    } finally {
      this.reading.delete(key);
      this.assumed = this.assumed || outer;
    }
  }

  /** Whether a path through the list can reach its end. */
  fallsOff(list: Json): boolean {
    return !Array.isArray(list) || list.every((a) => this.goesOn(a));
  }

  /** Whether a path can go on after the action. */
  goesOn(action: Json): boolean {
    const entry = single(action);
    if (!entry || !isMap(entry[1])) return true;
    const [key, body] = entry as [string, Record<string, Json>];
    if (Object.hasOwn(ACTIONS, key) && ACTIONS[key].terminates === true) return false;
    const lists = (...paths: Array<Array<string | number>>): Json[] =>
      paths.map((p) =>
        p.reduce<Json>(
          (v, seg) => (isMap(v) || Array.isArray(v) ? (v as Record<string | number, Json>)[seg] : undefined),
          body,
        ),
      );
    const stops = (list: Json): boolean => Array.isArray(list) && list.length > 0 && !this.fallsOff(list);
    switch (key) {
      case "decision":
        return !lists(["outputs", "yes", "actions"], ["outputs", "no", "actions"]).every(stops);
      case "switch": {
        const cases = lists(["evaluate", "firstTrue", "cases"])[0];
        const caseLists = Array.isArray(cases)
          ? cases.map((c) => (isMap(c) && isMap(c.case) ? c.case.actions : undefined))
          : [];
        return !(stops(lists(["evaluate", "firstTrue", "default", "actions"])[0]) && caseLists.every(stops));
      }
      case "callTask": {
        const ref = parseRef(body.targetTaskRef);
        if (ref?.kind !== "task") return true;
        const taskKey = `task\u0000${ref.refId}`;
        if (!this.task(taskKey)) return false;
        // It comes back: by the end of its actions (no output path), or by its endTasks' output paths.
        const el = this.tasks.get(taskKey);
        if (el === undefined || this.fallsOff(el.actions)) return true;
        const outputs = isMap(body.outputs) ? body.outputs : {};
        return outputPaths(el.actions).some((name) => {
          const p = name === undefined ? undefined : outputs[name];
          return !(isMap(p) && stops(p.actions));
        });
      }
    }
    return true;
  }
}

/** Whether a piece of Archy holds an endTask (at any depth). */
function hasEndTask(v: Json): boolean {
  if (Array.isArray(v)) return v.some(hasEndTask);
  if (isMap(v)) return Object.entries(v).some(([k, x]) => k === "endTask" || hasEndTask(x));
  return false;
}

/** The output path names of a task's endTasks (undefined for one that names none). */
function outputPaths(v: Json, into: Array<string | undefined> = []): Array<string | undefined> {
  if (Array.isArray(v)) for (const x of v) outputPaths(x, into);
  else if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === "endTask")
        into.push(
          isMap(x) && isMap(x.outputPath) && typeof x.outputPath.name === "string" ? x.outputPath.name : undefined,
        );
      else outputPaths(x, into);
    }
  }
  return into;
}
