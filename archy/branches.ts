// The branches of an Archy action: the nested action lists where execution goes on inside the
// action (a decision's `yes`/`no` paths, a data action's `success`/`failure`/`timeout`, a switch's
// cases and default, a digital menu's paths), named for transitions. When a branch's actions end
// without a terminating action, execution continues after the action. Pure, driven by the actions
// table (known output paths) and the action itself (any nested `actions` list).
import { ACTIONS } from "./catalogue/actions";
import { isMap } from "./json";

export interface ActionBranch {
  /** A transition name: `yes`, `success`, `case2`, `default`, `path1`. */
  name: string;
  /** Where the branch's action list sits in the action's body, e.g. ["outputs", "yes", "actions"]. */
  path: Array<string | number>;
}

/**
 * Branches whose end does not continue after the action, so they cannot be laid out as
 * transitions: the body of a `loop` repeats.
 */
const NOT_BRANCHES: Readonly<Record<string, readonly string[]>> = { loop: ["loop"] };

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * A branch's transition name. A branch in a list item that carries a literal `name` (a bot's
 * intents: `intents[2].intent.name: Cancel my order`) is named for it (`intent_Cancel_my_order`),
 * so reordering the list does not rewire the flow; an unnamed item is named by position
 * (`cases[1].case` -> `case2`: a switch's cases are tried in order, so their order is their meaning).
 */
function nameOf(path: ReadonlyArray<string | number>, holder: unknown): string {
  const segs = path.slice(0, -1); // without the final "actions"
  const last = segs[segs.length - 1];
  const before = segs[segs.length - 2];
  const itemName =
    isMap(holder) && typeof holder.name === "string" && holder.name.trim() !== "" ? holder.name.trim() : undefined;
  let name: string;
  if (typeof last === "string" && typeof before === "number" && itemName !== undefined) name = `${last}_${itemName}`;
  else if (typeof last === "string" && typeof before === "number")
    name = `${last}${before + 1}`; // cases[1].case -> case2
  else if (typeof last === "string") name = last;
  else name = `branch${(last ?? 0) + 1}`;
  name = name.replace(/[^A-Za-z0-9_]/g, "_");
  return NAME.test(name) ? name : `b_${name}`;
}

/** The branches of `action` (a one-key mapping `{<key>: {...}}`), in document order, uniquely named. */
export function actionBranches(action: unknown): ActionBranch[] {
  if (!isMap(action) || Object.keys(action).length !== 1) return [];
  const [key, body] = Object.entries(action)[0];
  const excluded = NOT_BRANCHES[key] ?? [];
  const found: Array<Array<string | number>> = [];
  /** The mapping holding each found `actions` list (its `name` names a list item's branch). */
  const holders = new Map<string, unknown>();
  const known = Object.hasOwn(ACTIONS, key) ? ACTIONS[key].outputs : undefined;
  if (Array.isArray(known)) for (const o of known) if (!excluded.includes(o)) found.push(["outputs", o, "actions"]);
  const seen = new Set(found.map((p) => JSON.stringify(p)));
  const walk = (v: unknown, path: Array<string | number>) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, [...path, i]);
      });
      return;
    }
    if (!isMap(v)) return;
    for (const [k, c] of Object.entries(v)) {
      const p = [...path, k];
      if (k === "actions" && Array.isArray(c)) {
        if (path[0] === "outputs" && typeof path[1] === "string" && excluded.includes(path[1])) continue;
        if (!seen.has(JSON.stringify(p))) {
          seen.add(JSON.stringify(p));
          found.push(p);
          holders.set(JSON.stringify(p), v);
        }
        continue; // a nested action list holds actions of its own, not branches of this one
      }
      walk(c, p);
    }
  };
  walk(body, []);
  const used = new Set<string>(["next"]);
  return found.map((path) => {
    const base = nameOf(path, holders.get(JSON.stringify(path)));
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return { name, path };
  });
}

/** A copy of `action` with the branch at `path` replaced by `actions` (a known output path with no action is left out, as exports do). */
export function withBranch(
  action: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  actions: unknown[],
): Record<string, unknown> {
  const [key, body] = Object.entries(action)[0];
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const seg of path.slice(0, -1)) {
    if (!isMap(at[seg]) && !Array.isArray(at[seg])) at[seg] = {};
    at = at[seg] as Record<string | number, unknown>;
  }
  at[path[path.length - 1]] = actions;
  const known = Object.hasOwn(ACTIONS, key) ? ACTIONS[key].outputs : undefined;
  if (
    path[0] === "outputs" &&
    path.length === 3 &&
    actions.length === 0 &&
    Array.isArray(known) &&
    known.includes(path[1] as string)
  ) {
    const outputs = copy.outputs as Record<string, unknown>;
    delete outputs[path[1] as string];
    if (Object.keys(outputs).length === 0) delete copy.outputs;
  }
  return { [key]: copy };
}
