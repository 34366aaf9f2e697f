// Graph helpers over a flow's nodes, shared by the checks and the compiler. Transitions to
// nodes that do not exist are ignored here (the flow-references check reports them); these
// helpers only walk the edges that lead somewhere. Pure and deterministic.
import { descriptorOf, targetsOf } from "./nodes";
import type { FlowModel } from "./schema";

/** Node id -> ids of the existing nodes it can go to, sorted and de-duplicated. */
export function successors(model: FlowModel): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const id of Object.keys(model.nodes).sort()) {
    const targets = targetsOf(model.nodes[id]).filter((t) => Object.hasOwn(model.nodes, t));
    graph.set(id, [...new Set(targets)].sort());
  }
  return graph;
}

/** Ids reachable from `from` (inclusive) following edges of `graph`. */
export function reachableFrom(graph: Map<string, string[]>, from: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...from].filter((id) => graph.has(id));
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

export function reverse(graph: Map<string, string[]>): Map<string, string[]> {
  const rev = new Map<string, string[]>();
  for (const id of graph.keys()) rev.set(id, []);
  for (const [id, targets] of graph) for (const t of targets) rev.get(t)?.push(id);
  for (const list of rev.values()) list.sort();
  return rev;
}

/** Nodes a path may end at (their descriptor says so). */
export function terminalNodes(model: FlowModel): string[] {
  return Object.keys(model.nodes)
    .filter((id) => descriptorOf(model.nodes[id]).terminal)
    .sort();
}

/**
 * The cycles of a graph, one per strongly connected component that loops: each given as the
 * shortest loop through the component's smallest node id, e.g. ["A", "B", "A"]. Deterministic.
 */
export function cycles(graph: Map<string, string[]>): string[][] {
  const result: string[][] = [];
  for (const component of stronglyConnected(graph)) {
    const start = component[0];
    const selfLoop = (graph.get(start) ?? []).includes(start);
    if (component.length === 1 && !selfLoop) continue;
    result.push(shortestLoop(graph, start, new Set(component)));
  }
  return result.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Tarjan's algorithm (iterative); each component's ids sorted. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = graph.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const t = targets[frame.next++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(t) as number));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent) as number, low.get(frame.id) as number));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        components.push(component.sort());
      }
    }
  }
  return components;
}

/** Breadth-first: the shortest path from `start` back to itself inside `within`. */
function shortestLoop(graph: Map<string, string[]>, start: string, within: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const next of graph.get(id) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(previous.get(path[0]) as string);
        return [...path, start];
      }
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, id);
      queue.push(next);
    }
  }
  return [start, start];
}

// ---------------------------------------------------------------------------------------------
// Loops. A flow's graph may loop only through a `loop` node: a transition back to the loop node
// from its body starts the next iteration. Everything else must be acyclic, so the compiler can
// lay the graph out as nested Archy paths.

export interface LoopStructure {
  /** Loop node id -> the nodes of its body: on a path from the body's first node back to the loop. */
  bodies: Map<string, Set<string>>;
  /** `from\u0000to` for every transition from a loop's body back to the loop node. */
  backEdges: Set<string>;
}

export function edgeKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** The loop nodes of a flow: id -> its `body` and `done` targets. */
export function loopNodes(model: FlowModel): Map<string, { body: string; done: string }> {
  const out = new Map<string, { body: string; done: string }>();
  for (const id of Object.keys(model.nodes).sort()) {
    const node = model.nodes[id];
    if (node.type === "loop") out.set(id, { body: node.transitions.body, done: node.transitions.done });
  }
  return out;
}

export function loopStructure(model: FlowModel): LoopStructure {
  const graph = successors(model);
  const rev = reverse(graph);
  const bodies = new Map<string, Set<string>>();
  const backEdges = new Set<string>();
  for (const [loop, { body }] of loopNodes(model)) {
    if (!graph.has(body)) {
      bodies.set(loop, new Set());
      continue;
    }
    // Forward from the body's first node without passing through the loop node...
    const without = new Map(graph);
    without.set(loop, []);
    const forward = reachableFrom(without, [body]);
    // ...and backward from the loop node: the nodes on a path that comes back.
    const revWithout = new Map(rev);
    const backward = reachableFrom(revWithout, [loop]);
    const members = new Set([...forward].filter((id) => id !== loop && backward.has(id)));
    bodies.set(loop, members);
    for (const id of members) if ((graph.get(id) ?? []).includes(loop)) backEdges.add(edgeKey(id, loop));
  }
  return { bodies, backEdges };
}

/** The graph without the loops' back edges: acyclic in a well-formed flow. */
export function forwardGraph(model: FlowModel, structure: LoopStructure = loopStructure(model)): Map<string, string[]> {
  const graph = successors(model);
  const out = new Map<string, string[]>();
  for (const [id, targets] of graph) out.set(id, targets.filter((t) => !structure.backEdges.has(edgeKey(id, t))));
  return out;
}

/**
 * How many transitions lead to each existing node, loops' back edges left out. A node two
 * transitions of one node lead to counts twice: a layout that nests it would write it twice.
 */
export function inDegrees(model: FlowModel, structure: LoopStructure = loopStructure(model)): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of Object.keys(model.nodes).sort()) {
    for (const t of targetsOf(model.nodes[id])) {
      if (!Object.hasOwn(model.nodes, t) || structure.backEdges.has(edgeKey(id, t))) continue;
      out.set(t, (out.get(t) ?? 0) + 1);
    }
  }
  return out;
}
