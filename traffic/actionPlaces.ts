// Which compiled action each item of a downloaded execution is, by its action id. Genesys gives each
// action item its action's id (`actionId`, an id of the version that ran), its kind (`actionDecision`,
// `menuJumpToTask`: the spec's actionTypes), the path it took (`outputPathId`) and, from Notes up, its
// name; it does not document how it numbers tracking ids (its own sample starts at 11), so they are
// only a label here. An id is placed among the actions of the flow document as the stack compiles it
// by what every item carrying it in that version says: its kind, its name where recorded, and where
// the items before and after it can lead in the document (over-approximated: a task's end, a jump out
// of a loop, a menu may be followed by anything). An id left on exactly one action maps to it; any
// other is unmapped, never guessed. Pure.
import { actionBranches } from "../archy/branches";
import { isMap } from "../archy/json";
import { parseRef } from "../archy/refs";
import { ACTIONS } from "../archy/catalogue/actions";
import { builtInPathId, DEFAULT_PATH, itemKind, trackedActions, type TrackedAction } from "../archy/trackingIds";

/** What may come next: some actions, or any. */
type Next = ReadonlySet<TrackedAction> | "any";
type Body = Record<string, unknown>;

/** A document's actions and where each may lead. */
export interface ActionGraph {
  actions: readonly TrackedAction[];
  /** Where the flow starts (its start-up task's first action, or the module's first). */
  start: Next;
  next(t: TrackedAction, pathId: string): Next;
}

const union = (sets: readonly Next[]): Next =>
  sets.includes("any") ? "any" : new Set(sets.flatMap((s) => [...(s as ReadonlySet<TrackedAction>)]));

/** The value at `path` under `at` (a branch's action list in an action's body). */
const at = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((v, k) => (isMap(v) || Array.isArray(v) ? (v as Body)[k as string] : undefined), value);

/** The control flow of a parsed Archy document, as far as an execution's order needs it. */
export function actionGraph(doc: unknown): ActionGraph {
  const actions = trackedActions(doc);
  const byObject = new Map(actions.map((t) => [t.action, t]));
  // Each action's list, its place in it, and the action whose body holds the list (none: a task's or state's).
  const places = new Map<object, { list: unknown[]; index: number; owner?: TrackedAction }>();
  const walk = (value: unknown, owner: TrackedAction | undefined): void => {
    if (!Array.isArray(value)) {
      if (isMap(value)) for (const v of Object.values(value)) walk(v, owner);
      return;
    }
    value.forEach((item, index) => {
      const t = isMap(item) ? byObject.get(item) : undefined;
      if (t) places.set(t.action, { list: value, index, ...(owner ? { owner } : {}) });
      walk(item, t ?? owner);
    });
  };
  walk(doc, undefined);
  const first = (list: unknown): TrackedAction | undefined =>
    Array.isArray(list) ? list.map((x) => (isMap(x) ? byObject.get(x) : undefined)).find((t) => t) : undefined;
  const root = isMap(doc) ? Object.values(doc)[0] : undefined;
  /** What a reference leads to: a task's or state's first action, or a menu. */
  const target = (ref: unknown): TrackedAction | undefined => {
    const r = parseRef(ref as never);
    if (!r || !isMap(root)) return undefined;
    const elements = Array.isArray(root[`${r.kind}s`]) ? (root[`${r.kind}s`] as unknown[]) : [];
    const found = elements.find((e) => isMap(e) && isMap(e[r.kind]) && (e[r.kind] as Body).refId === r.refId);
    if (!isMap(found)) return undefined;
    return r.kind === "menu" ? byObject.get(found) : first((found[r.kind] as Body).actions);
  };
  const after = (t: TrackedAction): Next => {
    // A menu's choices are no sequence: what follows the end of one is not documented.
    if (/\.choices\[\d+\]$/.test(t.path)) return "any";
    const p = places.get(t.action);
    const next = p && first(p.list.slice(p.index + 1));
    if (next) return new Set([next]);
    if (!p?.owner) return "any"; // a task's or state's end: back to its caller, or the flow ends
    if (p.owner.type !== "loop") return after(p.owner);
    return union([new Set([p.owner, first(p.list)!]), after(p.owner)]);
  };
  const leads = (t: TrackedAction, pathId: string): Next => {
    const body = (t.action as Record<string, Body>)[t.type];
    const refs = Object.entries(body).flatMap(([k, v]) => (k.endsWith("Ref") ? [target(v)] : []));
    const moves = refs.filter((x) => x !== undefined);
    if (ACTIONS[t.type]?.terminates) return moves.length > 0 ? new Set(moves) : "any";
    if (moves.length > 0) return new Set(moves);
    if (t.type === "menu") return "any"; // its choice, or whatever its no-input does
    const known = ACTIONS[t.type]?.outputs;
    const isPath = (name: string) => Array.isArray(known) && known.includes(name);
    const guid = pathId !== DEFAULT_PATH && !/^__.+__$/.test(pathId);
    const taken = (name: string) => guid || (pathId === DEFAULT_PATH ? !isPath(name) : builtInPathId(name) === pathId);
    const loop = t.type === "loop" ? first(at(body, ["outputs", "loop", "actions"])) : undefined;
    const firsts = [
      ...actionBranches(t.action)
        .filter((b) => taken(b.name))
        .map((b) => first(at(body, b.path))),
    ];
    const starts = new Set([...firsts, loop].filter((x) => x !== undefined));
    // A branch taken (or a choice's own actions) starts with its first action; a loop, its body or what follows.
    return starts.size > 0 && !guid && !loop ? starts : union([starts, after(t)]);
  };
  const memo = new Map<string, Next>();
  const next = (t: TrackedAction, pathId: string): Next => {
    const key = `${t.path} ${pathId}`;
    return memo.get(key) ?? memo.set(key, leads(t, pathId)).get(key)!;
  };
  const startUp = isMap(root) ? root : {};
  const start = startUp.startUpRef !== undefined ? target(startUp.startUpRef) : first(startUp.startUpTaskActions);
  return { actions, start: start ? new Set([start]) : "any", next };
}

/** An action item of an execution list: its kind, action id, recorded name, the path it took, its own body. */
export interface ActionItem {
  kind: string;
  id: string;
  name?: string;
  pathId: string;
  body: Body;
}

/** The action items of an execution list, in order (items without an action id are not actions). */
export function actionItems(list: readonly unknown[]): ActionItem[] {
  return list.flatMap((entry) => {
    const [kind, body] = isMap(entry) ? (Object.entries(entry)[0] ?? []) : [];
    if (typeof kind !== "string" || !isMap(body) || typeof body.actionId !== "string") return [];
    const name = body.actionName ?? body.menuName;
    const pathId = String(body.outputPathId ?? DEFAULT_PATH);
    return [{ kind, id: body.actionId, pathId, body, ...(typeof name === "string" ? { name } : {}) }];
  });
}

/** A flow document's actions as one version's executions name them: each action id -> the actions it may be. */
export class ActionPlaces {
  private readonly ids = new Map<string, ReadonlySet<TrackedAction>>();

  constructor(readonly graph: ActionGraph) {}

  /** The action an id is, when every item carrying it left one. */
  of(id: string): TrackedAction | undefined {
    const set = this.ids.get(id);
    return set?.size === 1 ? [...set][0] : undefined;
  }

  /** Narrows the ids of one execution list (its items in the order they ran, from `start`); whether any changed. */
  place(items: readonly ActionItem[], start: Next = this.graph.start): boolean {
    const { actions, next } = this.graph;
    const may = items.map((it) => {
      const known = this.ids.get(it.id);
      const fits = (t: TrackedAction) => itemKind(t.type) === it.kind && (it.name === undefined || it.name === t.name);
      return actions.filter((t) => fits(t) && (!known || known.has(t)));
    });
    // Forward: where the item before can lead (one nothing is known of says nothing); backward: what can lead on.
    for (let k = 0; k < items.length; k++) {
      const led = k === 0 ? [] : may[k - 1].map((t) => next(t, items[k - 1].pathId));
      const before = k === 0 ? start : may[k - 1].length === 0 ? "any" : union(led);
      if (before !== "any") may[k] = may[k].filter((t) => before.has(t));
    }
    for (let k = items.length - 2; k >= 0; k--) {
      if (may[k + 1].length === 0) continue;
      may[k] = may[k].filter((t) => {
        const leads = next(t, items[k].pathId);
        return leads === "any" || may[k + 1].some((u) => leads.has(u));
      });
    }
    let changed = false;
    items.forEach((it, k) => {
      const known = this.ids.get(it.id);
      const left = may[k].filter((t) => !known || known.has(t));
      if (known?.size !== left.length) changed = true;
      this.ids.set(it.id, new Set(left));
    });
    return changed;
  }
}
