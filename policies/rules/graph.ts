// Graph helpers over a flow's nodes, shared by the reachability and termination rules.
// Transitions to nodes that do not exist are ignored here: `subflow-transitions` and the
// loader report those; these helpers only walk the edges that lead somewhere.
import { FlowModel, TERMINAL_NODE_TYPES, transitionsOf } from "../../components/model/schema";

/** Node id -> ids of the existing nodes it can go to, sorted and de-duplicated. */
export function successors(model: FlowModel): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const id of Object.keys(model.nodes).sort()) {
    const targets = transitionsOf(model.nodes[id])
      .map(([, target]) => target)
      .filter((t): t is string => t !== undefined && Object.prototype.hasOwnProperty.call(model.nodes, t));
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

export function terminalNodes(model: FlowModel): string[] {
  return Object.keys(model.nodes)
    .filter((id) => TERMINAL_NODE_TYPES.includes(model.nodes[id].type))
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
