// The interpreter's state, explicit so that it can be copied: a journey forks it where the world
// has several answers, and compares states to merge journeys that have become the same. A run is a
// stack of frames (action lists being run) over activations (the flow, and each module called, with
// its own variables), plus the participant data, what was observed so far, and how it ended. Pure.
import type { ArchyType } from "../archy/catalogue/types";
import { valueKey, type RunValue } from "../archy/expressions/values";
import type { ActionSource } from "../compiler";
import type { Ending } from "../model/nodes/runContext";
import type { CompiledFlow } from "./program";
import type { TraceEvent } from "./trace";
import { cmp } from "../archy/json";

export interface Variable {
  /** The name as declared (`Flow.choice`). */
  name: string;
  type: ArchyType;
  value: RunValue;
}

/** The flow, or a module it called: its variables, and where its outputs go. */
export interface Activation {
  flow: CompiledFlow;
  /** Variables by lower-case name (Architect names are not case-sensitive). */
  vars: Map<string, Variable>;
  /** For a module: its output variable -> the caller's variable. */
  outputs?: Readonly<Record<string, string>>;
  /** The activation that called this one. */
  caller?: number;
  /** The node last entered, in which flow (for the transition a path that falls through takes). */
  lastVisit?: { flow: string; node: string };
  /** A transition already reported leads to this node: its entry adds no transition. */
  arriving?: { flow: string; node: string };
  /** The output path the last branching action took (`yes`, `case2`, `failure`). */
  lastPath?: string;
  /** A module that has returned: it never runs again, so its variables no longer tell states apart. */
  returned?: boolean;
  /** The menus entered, the current one last (refIds): where a previous-menu choice goes back to. */
  menuTrail?: readonly string[];
}

export type FrameKind = "body" | "branch" | "loop" | "task" | "module";

export interface Frame {
  act: number;
  kind: FrameKind;
  actions: readonly unknown[];
  index: number;
  /** A loop: its count, iteration, index variable, and the node of its action. */
  loop?: { count: number; iteration: number; index?: string; owner?: ActionSource };
  /** A task run by callTask: the callTask action (its output paths, for an endTask's branch). */
  call?: Readonly<Record<string, unknown>>;
}

export interface State {
  frames: Frame[];
  acts: Activation[];
  attributes: Map<string, RunValue>;
  /** Observations since the state was created (or, in a journey, since its last fork). */
  events: TraceEvent[];
  ending?: Ending;
  steps: number;
  /** Journeys: answers chosen for the action being run, consumed in order. */
  forced: string[];
  /** Journeys: what a condition over unknown inputs was taken to be, by its term. */
  assumptions: Map<string, boolean>;
  /** Journeys: how often each task or menu was entered by a jump (cycles are bounded). */
  jumps: Map<string, number>;
}

const listIds = new WeakMap<object, number>();
let nextListId = 1;

function listId(list: readonly unknown[]): number {
  let id = listIds.get(list);
  if (id === undefined) {
    id = nextListId++;
    listIds.set(list, id);
  }
  return id;
}

/** Every input symbol a value depends on. */
function symbolsOf(v: RunValue, out: Set<string>): void {
  if (v.kind === "unknown") for (const s of v.symbols) out.add(s);
  else if (v.kind === "list") for (const i of v.items) symbolsOf(i, out);
}

/**
 * A key that is equal for two states from which every continuation is the same: where they are,
 * every variable, the participant data, and the assumptions still about live inputs.
 */
export function stateKey(s: State, liveBuiltins: ReadonlySet<string>): string {
  const parts: string[] = [];
  // A branch whose actions have all run only falls through to the frame below: it tells nothing apart.
  for (const f of s.frames)
    if (!(f.kind === "branch" && f.index >= f.actions.length))
      parts.push(`${f.act}/${f.kind}/${listId(f.actions)}@${f.index}${f.loop ? `#${f.loop.iteration}` : ""}`);
  const live = new Set(liveBuiltins);
  for (const a of s.acts) {
    if (a.returned) {
      parts.push(`|${a.flow.id} returned`);
      continue;
    }
    parts.push(
      `|${a.flow.id}>${a.caller ?? ""}:${a.lastVisit ? `${a.lastVisit.flow}.${a.lastVisit.node}` : ""}:${a.arriving ? `${a.arriving.flow}.${a.arriving.node}` : ""}:${a.lastPath ?? ""}:${(a.menuTrail ?? []).join(">")}`,
    );
    for (const k of [...a.vars.keys()].sort()) {
      const v = a.vars.get(k)!;
      symbolsOf(v.value, live);
      parts.push(`${k}=${valueKey(v.value)}`);
    }
  }
  for (const k of [...s.attributes.keys()].sort()) {
    symbolsOf(s.attributes.get(k)!, live);
    parts.push(`@${k}=${valueKey(s.attributes.get(k)!)}`);
  }
  for (const [term, value] of [...s.assumptions].sort(([a], [b]) => cmp(a, b))) {
    const symbols = [...term.matchAll(/⟨([^⟩]*)⟩/g)].map((m) => m[1]);
    if (symbols.some((x) => live.has(x))) parts.push(`?${term}=${value}`);
  }
  for (const [k, n] of [...s.jumps].sort(([a], [b]) => cmp(a, b))) parts.push(`^${k}=${n}`);
  parts.push(`!${s.forced.join(",")}`);
  return parts.join("\n");
}
