// What a flow diagram draws, decided before any Mermaid is written: which section each node belongs
// to (the main path, error handling, unreachable), which transitions become short "→ target"
// references instead of long edges (into nodes many transitions share, and out of a partial
// view), which straight runs of simple nodes collapse into one box, and the neighbourhood of a
// diff's changed nodes. Pure and deterministic: everything follows the node order of the diagram.
import { descriptorOf, transitionsOf } from "../model/nodes";
import { offersGlobally } from "../model/nodes/menu";
import { reachableFrom } from "../model/graph";
import type { FlowModel } from "../model/schema";
import { cmp } from "../archy/json";

/** A node entered by this many transitions or more is a hub: its incoming edges become references. */
export const HUB_IN_DEGREE = 4;
/** A view of at least this many nodes is grouped into sections (smaller ones are drawn as they are). */
export const SECTION_MIN_NODES = 8;
/** Straight runs of at least this many simple nodes collapse into one box. */
export const MIN_RUN = 3;
/** Flows with more nodes than this get the changed neighbourhood, not the whole flow, in a pull request. */
export const NEIGHBOURHOOD_MIN_NODES = 20;
/** A pull request's diagram of a flow draws at most this many nodes (more: a link to the full one). */
export const MAX_REVIEW_NODES = 20;

export interface Edge {
  from: string;
  /** The transition's name (`next`, `failure`...). */
  name: string;
  to: string;
  failure: boolean;
}

export type Section = "main" | "errors" | "unreachable";

export interface DiagramPlan {
  /** Drawn nodes in display order (breadth-first from the start, unreachable ones last, sorted). */
  nodes: string[];
  sectionOf: Map<string, Section>;
  /** Drawn edges between drawn nodes, in display order. */
  edges: Edge[];
  /**
   * Transitions written as a line `name → target` in their node instead of an edge: into a hub,
   * from one section into another, or out of a partial view.
   */
  references: Edge[];
  /** Hubs: drawn nodes entered by at least HUB_IN_DEGREE transitions; value: how many. */
  hubs: Map<string, number>;
  /** Collapsed runs, each its members in order (at least MIN_RUN). */
  runs: string[][];
  /** For a partial view: per drawn node, the nodes outside the view that lead to it, sorted. */
  enteredFrom: Map<string, string[]>;
  /** Whether this is a partial view (some nodes of the flow are not drawn). */
  partial: boolean;
  /** Whether nodes are grouped by section (a view of SECTION_MIN_NODES or more, with more than one section). */
  grouped: boolean;
}

export interface PlanOptions {
  /** Draw only these nodes (a partial view); default every node. */
  only?: ReadonlySet<string>;
  /** Nodes that must stay boxes of their own (a diff's highlighted nodes). */
  keep?: ReadonlySet<string>;
  /** Collapse straight runs (default true). */
  collapseRuns?: boolean;
}

/** Node ids in display order: breadth-first from the start node, then unreachable ones sorted. */
export function nodeOrder(model: FlowModel): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const queue: string[] = model.start in model.nodes ? [model.start] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !(id in model.nodes)) continue;
    seen.add(id);
    order.push(id);
    for (const { target } of transitionsOf(model.nodes[id]))
      if (target !== undefined && !seen.has(target)) queue.push(target);
  }
  for (const id of Object.keys(model.nodes).sort(cmp)) if (!seen.has(id)) order.push(id);
  return order;
}

/** Every transition of the flow to an existing node, in display order. */
export function edgesOf(model: FlowModel, order: readonly string[] = nodeOrder(model)): Edge[] {
  const out: Edge[] = [];
  for (const from of order) {
    for (const { spec, target } of transitionsOf(model.nodes[from])) {
      if (target !== undefined && Object.hasOwn(model.nodes, target))
        out.push({ from, name: spec.name, to: target, failure: spec.failure });
    }
  }
  return out;
}

/** Nodes reachable from the start following only `follow` edges; a menu reaches the menus holding a choice global to the flow. */
function reachable(model: FlowModel, edges: readonly Edge[], follow: (e: Edge) => boolean): Set<string> {
  const globalMenus = Object.keys(model.nodes).filter((id) => offersGlobally(model.nodes[id]));
  const graph = new Map<string, string[]>(Object.keys(model.nodes).map((id) => [id, []]));
  for (const e of edges) if (follow(e)) graph.get(e.from)?.push(e.to);
  for (const [id, next] of graph) if (model.nodes[id].type === "menu") next.push(...globalMenus);
  return reachableFrom(graph, [model.start]);
}

/**
 * Each node's section: `main` when the start reaches it without taking an error or failure
 * transition, `errors` when only through one, `unreachable` otherwise.
 */
export function sectionsOf(model: FlowModel, edges: readonly Edge[] = edgesOf(model)): Map<string, Section> {
  const main = reachable(model, edges, (e) => !e.failure);
  const any = reachable(model, edges, () => true);
  const out = new Map<string, Section>();
  for (const id of Object.keys(model.nodes).sort(cmp))
    out.set(id, main.has(id) ? "main" : any.has(id) ? "errors" : "unreachable");
  return out;
}

/**
 * The changed neighbourhood of a diff: the `changed` nodes and every node one transition away from
 * one of them (before or after), except unchanged hubs: a transition into a hub is written in its
 * node (`failure → Sorry`) whether the hub is drawn or not.
 */
export function neighbourhood(
  model: FlowModel,
  changed: ReadonlySet<string>,
  edges: readonly Edge[] = edgesOf(model),
): Set<string> {
  const inDegree = new Map<string, number>();
  for (const e of edges) inDegree.set(e.to, (inDegree.get(e.to) ?? 0) + 1);
  const out = new Set<string>([...changed].filter((id) => Object.hasOwn(model.nodes, id)));
  const add = (id: string) => {
    if (changed.has(id) || (inDegree.get(id) ?? 0) < HUB_IN_DEGREE) out.add(id);
  };
  for (const e of edges) {
    if (changed.has(e.from)) add(e.to);
    if (changed.has(e.to)) add(e.from);
  }
  return out;
}

/** A node that may sit inside a collapsed run: no module call, no branch, not kept apart (hubs neither). */
function simple(model: FlowModel, id: string, keep: ReadonlySet<string>): boolean {
  const node = model.nodes[id];
  if (node.type === "subflow" || keep.has(id)) return false;
  return (
    descriptorOf(node)
      .transitions(node)
      .filter((t) => !t.failure).length <= 1
  );
}

export function planDiagram(model: FlowModel, opts: PlanOptions = {}): DiagramPlan {
  const order = nodeOrder(model);
  const all = edgesOf(model, order);
  const only = opts.only;
  const nodes = only ? order.filter((id) => only.has(id)) : order;
  const drawn = new Set(nodes);
  const sections = sectionsOf(model, all);
  const sectionOf = new Map(nodes.map((id) => [id, sections.get(id)!] as const));
  const grouped = nodes.length >= SECTION_MIN_NODES && new Set(sectionOf.values()).size > 1;

  const inDegree = new Map<string, number>();
  for (const e of all) inDegree.set(e.to, (inDegree.get(e.to) ?? 0) + 1);
  const hubs = new Map<string, number>();
  for (const id of nodes) if ((inDegree.get(id) ?? 0) >= HUB_IN_DEGREE) hubs.set(id, inDegree.get(id)!);

  const edges: Edge[] = [];
  const references: Edge[] = [];
  const enteredFrom = new Map<string, string[]>();
  for (const e of all) {
    if (!drawn.has(e.from)) {
      if (drawn.has(e.to) && !hubs.has(e.to)) enteredFrom.set(e.to, [...(enteredFrom.get(e.to) ?? []), e.from]);
      continue;
    }
    if (!drawn.has(e.to) || hubs.has(e.to) || (grouped && sections.get(e.from) !== sections.get(e.to)))
      references.push(e);
    else edges.push(e);
  }
  for (const [id, from] of enteredFrom) enteredFrom.set(id, [...new Set(from)].sort(cmp));

  // Straight runs: a -> b where a has no other drawn edge out, b no other edge in (drawn or not).
  const runs: string[][] = [];
  if (opts.collapseRuns !== false) {
    const keep = opts.keep ?? new Set<string>();
    const outs = new Map<string, Edge[]>();
    const ins = new Map<string, Edge[]>();
    for (const e of edges) {
      outs.set(e.from, [...(outs.get(e.from) ?? []), e]);
      ins.set(e.to, [...(ins.get(e.to) ?? []), e]);
    }
    const link = (a: string): string | undefined => {
      const out = outs.get(a) ?? [];
      if (out.length !== 1 || out[0].failure) return undefined;
      const b = out[0].to;
      const into = (ins.get(b) ?? []).length + (enteredFrom.get(b)?.length ?? 0);
      if (
        b === a ||
        into !== 1 ||
        b === model.start ||
        hubs.has(a) ||
        !simple(model, a, keep) ||
        !simple(model, b, keep)
      )
        return undefined;
      return !grouped || sectionOf.get(a) === sectionOf.get(b) ? b : undefined;
    };
    const hasPred = new Set<string>();
    for (const id of nodes) {
      const b = link(id);
      if (b !== undefined) hasPred.add(b);
    }
    for (const id of nodes) {
      if (hasPred.has(id) || link(id) === undefined) continue;
      const run = [id];
      for (let b = link(id); b !== undefined && !run.includes(b); b = link(b)) run.push(b);
      if (run.length >= MIN_RUN) runs.push(run);
    }
  }
  return {
    nodes,
    sectionOf,
    edges,
    references,
    hubs,
    runs,
    enteredFrom,
    partial: nodes.length < order.length,
    grouped,
  };
}

/** What a pull request draws of a changed flow. */
export type ReviewScope =
  /** The whole flow (small enough). */
  | { kind: "full"; nodes: number }
  /** Only the changed neighbourhood of a large flow. */
  | { kind: "neighbourhood"; only: Set<string>; nodes: number; total: number }
  /** Nothing: no node changed in a large flow, or too many to draw (`nodes`: the neighbourhood's size). */
  | { kind: "none"; nodes: number; total: number };

/**
 * The whole flow when it has at most NEIGHBOURHOOD_MIN_NODES nodes; otherwise the neighbourhood of
 * the changed nodes when it has at most MAX_REVIEW_NODES; otherwise nothing.
 */
export function reviewScope(model: FlowModel, changed: ReadonlySet<string>): ReviewScope {
  const total = Object.keys(model.nodes).length;
  if (total <= NEIGHBOURHOOD_MIN_NODES) return { kind: "full", nodes: total };
  const only = neighbourhood(model, changed);
  if (only.size === 0 || only.size > MAX_REVIEW_NODES) return { kind: "none", nodes: only.size, total };
  return { kind: "neighbourhood", only, nodes: only.size, total };
}
