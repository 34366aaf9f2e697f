// Whether a flow compiled back from an export keeps the export's actions: the multiset of action
// kinds (its loops, `loop` and `loopNext`, among them) and of the data actions it calls (`callData
// <category>/<action>`), counted over every action (an item of an `actions` or `startUpTaskActions` list)
// reachable from the flow's start: its start task, state or bot, the tasks, states and bots
// entered from there (callTask, jumpToTask, changeState, menu choices) and the menus. And its menus'
// choices: the multiset of choice kinds (menuTask, menuJumpToTask, menuDisconnect, ...) and of
// default choices (`defaultChildMenuRef`), so a choice that changes kind, one added and a default
// choice added are each a difference. A task, state, bot or menu nothing enters is dead code: not
// imported (the import's report names it), not counted; the compiled flow has no more of it than the export.
// Structural actions are left out on both sides, since the compiler lays the graph out in tasks of
// its own: callTask, endTask and jumpToMenu (a flow starting at a menu starts with a task that
// jumps to it), and loopExit (a loop the export leaves by a jump may be left by loopExit). The
// compiled flow may also hold MORE of its kind's terminator (disconnect, endWorkflow,
// exitWorkitemFlow, exitBotFlow), where a path that fell through now ends explicitly, and, in a
// module, updateData actions that only set Common.outcome (the module's outcome its return nodes
// report). Every other action kind, choice kind and data action called has exactly the original
// count. The one comparison: check-exports' compile step and the exports tier use it. Pure.
import { isMap, single, type Json } from "../archy/json";
import { countActions } from "../import/graph";
import { parseRef } from "../import/refs";
import { kindByArchyKey } from "../model/kinds";

/** A parsed Archy document: the flow type's key and its body. */
export type Doc = Record<string, Record<string, Json>>;

/**
 * Calls `at` with each key and value of every map in `v` (through arrays and maps), then walks
 * into the value unless `at` says false.
 */
function eachEntry(v: Json, at: (key: string, value: Json) => unknown): void {
  if (Array.isArray(v)) for (const x of v) eachEntry(x, at);
  else if (isMap(v)) for (const [k, x] of Object.entries(v)) if (at(k, x) !== false) eachEntry(x, at);
}

/**
 * The action lists reachable from a flow's start (see the header): the start-up actions, and the
 * tasks, states, bots and menus a reachable list moves to; a menu with a global choice (offered in
 * every menu) is reachable too.
 */
export function reachableLists(doc: Doc): Json[] & { dead: number } {
  const key = Object.keys(doc)[0];
  const body = doc[key];
  const elements = new Map<string, Json>();
  for (const [listKey, kind] of [
    ["tasks", "task"],
    ["states", "state"],
    ["bots", "bot"],
    ["menus", "menu"],
  ] as const) {
    for (const item of (body[listKey] as Array<Record<string, Record<string, Json>>>) ?? []) {
      const el = item[kind];
      elements.set(`${kind}:${el.refId as string}`, kind === "menu" ? { menu: el } : el.actions);
    }
  }
  const lists: Json[] = [body.startUpTaskActions ?? [], body.startUpState ?? [], body.periodicState ?? []];
  const entered = new Set<string>();
  const enter = (id: string): void => {
    if (!elements.has(id) || entered.has(id)) return;
    entered.add(id);
    lists.push(elements.get(id)!);
    visit(elements.get(id)!);
  };
  const visit = (v: Json): void =>
    eachEntry(v, (k, x) => {
      const ref = /Ref$/.test(k) && k !== "defaultChildMenuRef" ? parseRef(x) : undefined;
      if (ref) enter(`${ref.kind}:${ref.refId}`);
      return ref === undefined;
    });
  const isGlobal = (menu: Json): boolean =>
    JSON.stringify(menu).includes('"globalDtmf":true') || JSON.stringify(menu).includes('"globalSpeechRecTerms":true');
  for (const [id, el] of elements) if (id.startsWith("menu:") && isGlobal(el)) enter(id);
  visit({
    startUpRef: body.startUpRef ?? null,
    startUpTaskActions: body.startUpTaskActions ?? [],
    startUpState: body.startUpState ?? null,
    periodicState: body.periodicState ?? null,
  });
  return Object.assign(lists, { dead: elements.size - entered.size });
}

/** `callData <category>/<action>` for each data action called in `v` (its action lists), by the name the export gives it. */
function countDataActionCalls(v: Json, into: Record<string, number>): void {
  eachEntry(v, (k, x) => {
    const category = (k === "callData" || k === "callDataSecure") && isMap(x) ? single(x.category) : undefined;
    const action =
      category && isMap(category[1]) && isMap(category[1].dataAction) ? single(category[1].dataAction)?.[0] : undefined;
    if (category && action !== undefined)
      into[`${k} ${category[0]}/${action}`] = (into[`${k} ${category[0]}/${action}`] ?? 0) + 1;
  });
}

/** The counts the comparison makes of a document: each action kind, and `callData <category>/<action>` per data action called. */
export function actionCounts(doc: Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const list of reachableLists(doc)) {
    countActions(list, counts);
    countDataActionCalls(list, counts);
  }
  return counts;
}

/** The name of the count of elements nothing enters. */
const DEAD = "dead code (tasks, states, bots, menus nothing enters)";

/** Each choice kind of the reachable menus (sub-menus' too), their default choices (`defaultChildMenuRef`), and the dead code. */
export function choiceCounts(doc: Doc): Record<string, number> {
  const lists = reachableLists(doc);
  const counts: Record<string, number> = lists.dead > 0 ? { [DEAD]: lists.dead } : {};
  const add = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  eachEntry(lists, (k, menu) => {
    if (k !== "menu" || !isMap(menu)) return;
    if (Array.isArray(menu.choices))
      for (const kind of menu.choices.map((c) => single(c)?.[0])) if (kind !== undefined) add(kind);
    if (menu.defaultChildMenuRef !== undefined) add("defaultChildMenuRef");
  });
  return counts;
}

/** updateData actions that only set Common.outcome. */
function outcomeUpdates(doc: Doc): number {
  let n = 0;
  eachEntry(doc, (k, x) => {
    const statements =
      k === "updateData" && isMap(x) ? (x.statements as Array<Record<string, { variable?: string }>>) : undefined;
    if (statements?.length === 1 && Object.values(statements[0])[0]?.variable === "Common.outcome") n++;
  });
  return n;
}

// Moves between elements: the compiler lays out elements of its own (and an element kept raw is
// entered with the move the export used, where the typed graph had an edge); a loop left by a jump
// in the export may be left by loopExit in the compiled flow, the same move as the compiler lays it out.
const STRUCTURAL = ["callTask", "endTask", "jumpToMenu", "jumpToTask", "changeState", "loopExit"];

/** Differences that break the rule of the header, as `kind: original -> compiled`. */
export function multisetDifferences(original: Doc, compiled: Doc): string[] {
  const archyKey = Object.keys(original)[0];
  const kind = kindByArchyKey(archyKey)!;
  const a = { ...actionCounts(original), ...choiceCounts(original) };
  const b = { ...actionCounts(compiled), ...choiceCounts(compiled) };
  if (kind.isModule) b.updateData = (b.updateData ?? 0) - outcomeUpdates(compiled);
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (STRUCTURAL.includes(k)) continue;
    const [x, y] = [a[k] ?? 0, b[k] ?? 0];
    if (x === y || (k === kind.fallthrough && y > x) || (k === DEAD && y < x)) continue;
    out.push(`${k}: ${x} -> ${y}`);
  }
  return out;
}
