// Nodes that raw Archy enters: an `archy` node's actions, or an element or menu kept as exported
// (archySettings.tasks/states/bots/menus), may move with `jumpToTask` or `callTask` to a task named
// by a node id; the compiler writes such a node as a reusable task of that refId (compiler/emit.ts),
// and the reachability check follows the move. An import keeps a task typed this way when the raw
// Archy that moves to it cannot be typed (import/graph.ts). Pure.
import { parseRef } from "../archy/refs";
import { RAW_ELEMENT_LISTS, rawElements, rawMenus } from "./archySettings";
import { FLOW_KINDS } from "./kinds";
import type { FlowModel } from "./schema";

const MOVE_REFS = new Set(["targetTaskRef", "targetStateRef", "targetMenuRef"]);

/** `kind\u0000refId` of every element a piece of raw Archy moves to (tasks, states, menus). */
function movesIn(v: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(v)) for (const x of v) movesIn(x, into);
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const ref = MOVE_REFS.has(k) && typeof x === "string" ? parseRef(x) : undefined;
      if (ref) into.add(`${ref.kind}\u0000${ref.refId}`);
      else movesIn(x, into);
    }
  }
  return into;
}

/** The raw elements and menus of a flow, by `kind\u0000refId`: what each moves to. */
function rawElementMoves(model: Pick<FlowModel, "archySettings">): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (kind: string, item: Record<string, unknown>) => {
    const el = item[kind] as Record<string, unknown> | undefined;
    if (el && typeof el.refId === "string") out.set(`${kind}\u0000${el.refId}`, movesIn(el));
  };
  const elements = rawElements(model);
  for (const [listKey, kind] of RAW_ELEMENT_LISTS) for (const item of elements[listKey]) add(kind, item);
  for (const item of rawMenus(model)) add("menu", item);
  return out;
}

/**
 * The nodes each `archy` node's raw Archy enters, directly or through the raw elements it moves
 * to (and those they move to), by archy node id. Only archy nodes that enter a node are listed.
 */
export function rawEntryEdges(model: Pick<FlowModel, "nodes" | "archySettings">): Map<string, string[]> {
  const elements = rawElementMoves(model);
  const out = new Map<string, string[]>();
  for (const id of Object.keys(model.nodes).sort()) {
    const node = model.nodes[id];
    if (node.type !== "archy") continue;
    const seen = new Set<string>();
    const todo = [...movesIn(node.actions)];
    const entered = new Set<string>();
    while (todo.length > 0) {
      const key = todo.pop()!;
      if (seen.has(key)) continue;
      seen.add(key);
      const moves = elements.get(key);
      if (moves) todo.push(...moves);
      else if (key.startsWith("task\u0000") && Object.hasOwn(model.nodes, key.slice(5))) entered.add(key.slice(5));
    }
    if (entered.size > 0) out.set(id, [...entered].sort());
  }
  return out;
}

/** Every node raw Archy enters (from an archy node or from an element or menu kept as exported), sorted. */
export function rawEntryNodes(model: Pick<FlowModel, "nodes" | "archySettings">): string[] {
  const moves = new Set<string>();
  for (const node of Object.values(model.nodes)) if (node.type === "archy") movesIn(node.actions, moves);
  for (const m of rawElementMoves(model).values()) for (const k of m) moves.add(k);
  return [...moves]
    .filter((k) => k.startsWith("task\u0000") && Object.hasOwn(model.nodes, k.slice(5)))
    .map((k) => k.slice(5))
    .sort();
}

/**
 * The refIds of the elements the compiler writes from the nodes, which raw Archy may move to, by
 * element kind: every node id as a menu, and as a task in a kind with reusable tasks (where the
 * compiler makes a node raw Archy enters a task of its own).
 */
export function compiledRefIds(model: Pick<FlowModel, "kind" | "nodes">): Map<string, Set<string>> {
  const ids = Object.keys(model.nodes);
  return new Map(
    FLOW_KINDS[model.kind].reusableTasks
      ? [
          ["task", new Set(ids)],
          ["menu", new Set(ids)],
        ]
      : [["menu", new Set(ids)]],
  );
}
