// Graph helpers over a flow's nodes, shared by the checks and the compiler. Transitions to
// nodes that do not exist are ignored here (the flow-references check reports them); these
// helpers only walk the edges that lead somewhere. Pure and deterministic.
import { ACTIONS } from "../archy/catalogue/actions";
import { descriptorOf, targetsOf } from "./nodes";
import { offersGlobally } from "./nodes/menu";
import type { FlowModel } from "./schema";
import { rawEntryEdges, rawEntryNodes } from "./rawEntries";
import { cmp } from "../archy/json";

/**
 * Node id -> ids of the existing nodes it can go to, sorted and de-duplicated. With `globalChoices`
 * (for what is reachable), a menu also leads to every other menu holding a choice global to the
 * flow, which the caller may make in any menu; the structure (loops, joins, layout) follows the
 * transitions only.
 */
export function successors(model: FlowModel, options: { globalChoices?: boolean } = {}): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const globalMenus = options.globalChoices
    ? Object.keys(model.nodes).filter((id) => offersGlobally(model.nodes[id]))
    : [];
  for (const id of Object.keys(model.nodes).sort()) {
    const own = targetsOf(model.nodes[id]);
    const targets = [...own, ...(model.nodes[id].type === "menu" ? globalMenus.filter((g) => g !== id) : [])].filter(
      (t) => Object.hasOwn(model.nodes, t),
    );
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

/**
 * The nodes a run of the flow can reach: from the start node, following transitions, a menu's
 * choices global to the flow (made in any menu), and the moves raw Archy makes to a node's task.
 * The rule reachable-nodes reports the others; the compiler lays out none of them.
 */
export function reachableNodes(model: FlowModel): Set<string> {
  const graph = successors(model, { globalChoices: true });
  const raw = rawEntryEdges(model);
  return reachableFrom(new Map([...graph].map(([id, targets]) => [id, [...targets, ...(raw.get(id) ?? [])]])), [
    model.start,
  ]);
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
    .filter(
      (id) =>
        descriptorOf(model.nodes[id]).terminal || descriptorOf(model.nodes[id]).endsHere?.(model.nodes[id]) === true,
    )
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
  return result.sort((a, b) => cmp(a[0], b[0]));
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
  // The checks and the compiler both ask for it, of the same model: worked out once per model
  // (models are values, never changed once made; the structure is only read).
  let structure = loopStructures.get(model);
  if (!structure) loopStructures.set(model, (structure = computeLoopStructure(model)));
  return structure;
}

const loopStructures = new WeakMap<FlowModel, LoopStructure>();

function computeLoopStructure(model: FlowModel): LoopStructure {
  const graph = successors(model);
  // A path that enters a menu jumps there (jumpToMenu), which leaves any loop, as real exports jump
  // to menus from loop bodies (export:DoctorHCode333/CI_CD2 .../architect_flows/
  // BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.yaml line 4808): a body stops at a
  // menu, and coming back to the loop node from a menu enters the loop again, from its start.
  const cut = new Map(graph);
  for (const id of graph.keys()) if (descriptorOf(model.nodes[id]).compiledOnce === true) cut.set(id, []);
  const rev = reverse(cut);
  const bodies = new Map<string, Set<string>>();
  const backEdges = new Set<string>();
  for (const [loop, { body, done }] of loopNodes(model)) {
    if (!graph.has(body)) {
      bodies.set(loop, new Set());
      continue;
    }
    // Forward from the body's first node without passing through the loop node or past its done
    // node (going there leaves the loop: an outer loop that comes round again is not this body)...
    const without = new Map(cut);
    without.set(loop, []);
    if (done !== body) without.set(done, []);
    const forward = reachableFrom(without, [body]);
    // ...and backward from the loop node: the nodes on a path that comes back.
    const revWithout = new Map(rev);
    const backward = reachableFrom(revWithout, [loop]);
    const members = new Set(
      [...forward].filter((id) => id !== loop && (id !== done || done === body) && backward.has(id)),
    );
    bodies.set(loop, members);
    for (const id of members) if ((graph.get(id) ?? []).includes(loop)) backEdges.add(edgeKey(id, loop));
  }
  return { bodies, backEdges };
}

/** The graph without the loops' back edges: acyclic in a well-formed flow. */
export function forwardGraph(model: FlowModel, structure: LoopStructure = loopStructure(model)): Map<string, string[]> {
  const graph = successors(model);
  const out = new Map<string, string[]>();
  for (const [id, targets] of graph)
    out.set(
      id,
      targets.filter((t) => !structure.backEdges.has(edgeKey(id, t))),
    );
  return out;
}

/**
 * The cycles a flow may not have. A menu is entered by a jump wherever it is reached
 * (jumpToMenu), so a path may come back to it, as "back to the main menu" choices do: edges into
 * menus close no cycle here. In a kind whose exports hold reusable tasks (`jumpsBetweenTasks`),
 * the node a path comes back to is a task of its own, entered with jumpToTask from inside the
 * cycle, so a cycle is fine there unless it holds a loop node or a node of a loop's body (a loop
 * repeats only through its own back edges); a module is compiled in place into its callers, so
 * it has none. One cycle per strongly connected component that is not allowed, as `cycles`.
 */
export function cyclesWithoutJump(
  model: FlowModel,
  options: { jumpsBetweenTasks: boolean },
  structure: LoopStructure = loopStructure(model),
): string[][] {
  const graph = new Map<string, string[]>();
  for (const [id, targets] of forwardGraph(model, structure))
    graph.set(
      id,
      targets.filter((t) => descriptorOf(model.nodes[t]).compiledOnce !== true),
    );
  // Loop nodes, their bodies, and each body's first node (compiled inside the loop action).
  const inLoops = new Set<string>(structure.bodies.keys());
  for (const members of structure.bodies.values()) for (const id of members) inLoops.add(id);
  for (const { body } of loopNodes(model).values()) inLoops.add(body);
  return cycles(graph).filter(
    (cycle) => !options.jumpsBetweenTasks || componentOf(graph, cycle[0]).some((id) => inLoops.has(id)),
  );
}

/**
 * The cycles of the forward graph (loops' back edges left out, so a loop's own repetition is not
 * one) that no path leaves for a node that ends the flow (model/nodes: terminal). One per strongly
 * connected component, as `cycles`.
 */
export function cyclesWithNoWayOut(model: FlowModel, structure: LoopStructure = loopStructure(model)): string[][] {
  const graph = forwardGraph(model, structure);
  const canFinish = reachableFrom(reverse(successors(model)), terminalNodes(model));
  return cycles(graph).filter((cycle) => componentOf(graph, cycle[0]).every((id) => !canFinish.has(id)));
}

/** The strongly connected component of `id`: the nodes it reaches that reach it back. */
function componentOf(graph: Map<string, string[]>, id: string): string[] {
  const forward = reachableFrom(graph, [id]);
  const backward = reachableFrom(reverse(graph), [id]);
  return [...forward].filter((x) => backward.has(x)).sort();
}

/**
 * The edges that close a cycle of the forward graph: from a node to one on the path of a
 * depth-first walk from `start` that reached it (`from\u0000to`, as edgeKey). Every cycle
 * reachable from the start holds one. Deterministic: successors are walked in sorted order.
 */
export function cycleClosingEdges(
  model: FlowModel,
  start: string,
  structure: LoopStructure = loopStructure(model),
): Set<string> {
  const graph = forwardGraph(model, structure);
  const out = new Set<string>();
  if (!graph.has(start)) return out;
  const onPath = new Set<string>([start]);
  const done = new Set<string>();
  const stack: Array<{ id: string; i: number }> = [{ id: start, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const next = graph.get(top.id) ?? [];
    if (top.i < next.length) {
      const t = next[top.i++];
      if (onPath.has(t)) out.add(edgeKey(top.id, t));
      else if (!done.has(t)) {
        onPath.add(t);
        stack.push({ id: t, i: 0 });
      }
      continue;
    }
    stack.pop();
    onPath.delete(top.id);
    done.add(top.id);
  }
  return out;
}

/**
 * How many transitions lead to each existing node, loops' back edges left out. A node two
 * transitions of one node lead to counts twice: a layout that nests it would write it twice. With
 * `from`, only the transitions of those nodes count.
 */
export function inDegrees(
  model: FlowModel,
  structure: LoopStructure = loopStructure(model),
  from?: ReadonlySet<string>,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of Object.keys(model.nodes).sort()) {
    if (from !== undefined && !from.has(id)) continue;
    for (const t of targetsOf(model.nodes[id])) {
      if (!Object.hasOwn(model.nodes, t) || structure.backEdges.has(edgeKey(id, t))) continue;
      out.set(t, (out.get(t) ?? 0) + 1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Joins. Where the paths of a branching node meet again, Archy writes the branches nested inside
// the branching action and the node where they meet after it, in the same list: a branch whose
// actions end without a terminating action continues after the action (facts: Archy branching).
// The compiler lays such a join out that way instead of repeating the meeting node in each branch,
// and the importer keeps it typed: the structure every nested Archy path has.

/** Whether a node only ends the path: a disconnect or return, or raw Archy of one terminating action. */
function endsHere(node: FlowModel["nodes"][string]): boolean {
  if (targetsOf(node).length > 0) return false;
  if (node.type === "disconnect" || node.type === "return") return true;
  if (node.type !== "archy" || node.actions.length !== 1) return false;
  const key = Object.keys(node.actions[0] as Record<string, unknown>)[0];
  return key !== undefined && Object.hasOwn(ACTIONS, key) && ACTIONS[key].terminates === true;
}

/**
 * Branching node -> the node its paths meet at, where the meeting can be written after the
 * branching action: the nearest node (fewest transitions away, then by id) that two or more of
 * its transitions lead to, such that nothing else enters the paths in between (a node that only
 * ends the path aside; nor raw Archy, model/rawEntries.ts), both sit in the same loops, neither is
 * entered by a jump, and the meeting node does not lead back to the branching node (written after
 * it, it would write the branching node again after itself, round the cycle); a path ends at a
 * menu (entered by a jump). Raw Archy (an archy node) writes its `next` after its action, where
 * its branches fall through: its own meeting node can only be its `next`, and a meeting node its
 * branches reach other than through its `next` is none. Paths that do not reach it end on their way (the compiler ends them
 * explicitly). A transition back to a
 * loop node ends the iteration: it leads nowhere here. Deterministic.
 */
export function structuredJoins(
  model: FlowModel,
  structure: LoopStructure = loopStructure(model),
): Map<string, string> {
  const graph = new Map<string, string[]>();
  // A path that enters a menu jumps there: what the menu's choices lead to is written in the menu,
  // never after the branching action, so the walk for a meeting node stops at a menu.
  const compiledOnce = (id: string) => descriptorOf(model.nodes[id]).compiledOnce === true;
  for (const [id, targets] of successors(model))
    graph.set(id, compiledOnce(id) ? [] : targets.filter((t) => !structure.backEdges.has(edgeKey(id, t))));
  const rev = reverse(graph);
  // Memoised: asked once per candidate of every branching node, it scanned every loop body each time.
  const loopKeys = new Map<string, string>();
  const loopsOf = (id: string): string => {
    let key = loopKeys.get(id);
    if (key === undefined) {
      key = [...structure.bodies]
        .filter(([, members]) => members.has(id))
        .map(([loop]) => loop)
        .join("\u0000");
      loopKeys.set(id, key);
    }
    return key;
  };
  const rawEntered = new Set(rawEntryNodes(model));
  const jumped = new Map<string, boolean>();
  const jumpedTo = (id: string): boolean => {
    let j = jumped.get(id);
    if (j === undefined)
      jumped.set(id, (j = descriptorOf(model.nodes[id]).compiledOnce === true || rawEntered.has(id)));
    return j;
  };
  // Raw Archy whose branch reaches the meeting node other than through its `next`: the branch
  // would fall through to the `next` written after its action, not to the meeting node.
  const skipsNext = (r: string, join: string): boolean => {
    const n = model.nodes[r];
    if (n.type !== "archy" || n.transitions.next === join) return false;
    const seen = new Set<string>([n.transitions.next ?? ""]);
    const stack = Object.entries(n.transitions)
      .filter(([name]) => name !== "next")
      .map(([, t]) => t);
    for (let x = stack.pop(); x !== undefined; x = stack.pop()) {
      if (x === join) return true;
      if (!seen.has(x)) stack.push(...(graph.get(x) ?? []));
      seen.add(x);
    }
    return false;
  };
  const out = new Map<string, string>();
  for (const id of [...graph.keys()]) {
    const node = model.nodes[id];
    if (node.type === "loop" || jumpedTo(id)) continue;
    const targets = targetsOf(node).filter((t) => graph.has(t) && !structure.backEdges.has(edgeKey(id, t)));
    if (targets.length < 2) continue;
    // A path that goes back to a loop holding this node continues that loop by reaching the end of
    // its body: it cannot end before a join, so none is placed.
    const continues = (from: string) =>
      targetsOf(model.nodes[from]).some(
        (t) => structure.backEdges.has(edgeKey(from, t)) && structure.bodies.get(t)?.has(id) === true,
      );
    if (continues(id)) continue;
    // How many of the node's transitions lead to each node (transitions to the same node walked once).
    const leadsTo = new Map<string, number>();
    const multiplicity = new Map<string, number>();
    for (const t of targets) multiplicity.set(t, (multiplicity.get(t) ?? 0) + 1);
    for (const [t, k] of multiplicity)
      for (const x of reachableFrom(graph, [t])) leadsTo.set(x, (leadsTo.get(x) ?? 0) + k);
    // Raw Archy writes its `next` after its last action, where a branch that ends falls through (or
    // the path ends there, with no `next`): only its `next` can be the meeting node.
    const next = node.type === "archy" ? (node.transitions.next ?? null) : undefined;
    const isCandidate = (x: string) =>
      (leadsTo.get(x) ?? 0) >= 2 &&
      x !== id &&
      !jumpedTo(x) &&
      loopsOf(x) === loopsOf(id) &&
      (next === undefined || x === next);
    for (const join of byDistanceThenId(distancesFrom(graph, id), isCandidate)) {
      // The paths between: entered only from the branching node or each other.
      const region = new Set<string>();
      const stack = targets.filter((t) => t !== join);
      let entered = true;
      while (stack.length > 0 && entered) {
        const r = stack.pop()!;
        if (region.has(r)) continue;
        region.add(r);
        if (r === id) entered = false;
        for (const t of graph.get(r) ?? []) if (t !== join && !region.has(t)) stack.push(t);
      }
      const singleEntry =
        entered &&
        ![...region].some(continues) &&
        ![...region].some((r) => skipsNext(r, join)) &&
        [...region].every(
          (r) =>
            !rawEntered.has(r) &&
            (endsHere(model.nodes[r]) || (rev.get(r) ?? []).every((p) => p === id || region.has(p))),
        );
      if (singleEntry && !reachableFrom(graph, [join]).has(id)) {
        out.set(id, join);
        break;
      }
    }
  }
  return out;
}

/**
 * The nodes between each branching node of `joins` and its meeting node (neither included): those
 * its transitions lead to before the meeting node, loops' back edges left out. A path inside that
 * reaches the meeting node falls through to it, unless a node nested in between has a meeting
 * node of its own (model/graph.ts structuredJoins; compiler/emit.ts joinStops).
 */
export function joinRegions(
  model: FlowModel,
  joins: ReadonlyMap<string, string>,
  structure: LoopStructure = loopStructure(model),
): Map<string, Set<string>> {
  const graph = forwardGraph(model, structure);
  const out = new Map<string, Set<string>>();
  for (const [id, join] of joins) {
    const region = new Set<string>();
    const stack = (graph.get(id) ?? []).filter((t) => t !== join);
    while (stack.length > 0) {
      const r = stack.pop()!;
      if (region.has(r) || r === id) continue;
      region.add(r);
      // A menu is entered by a jump: what follows it is written in the menu, not in the branch.
      if (descriptorOf(model.nodes[r]).compiledOnce === true) continue;
      for (const t of graph.get(r) ?? []) if (t !== join && !region.has(t)) stack.push(t);
    }
    out.set(id, region);
  }
  return out;
}

/**
 * The nodes of `distance` (a breadth-first map, so in order of distance) that pass `keep`, nearest
 * first, ties by id; lazily, one distance at a time: the first join tried usually succeeds, and
 * sorting every candidate of every branching node made long flows quadratic in their length twice over.
 */
function* byDistanceThenId(distance: Map<string, number>, keep: (id: string) => boolean): Generator<string> {
  let layer: string[] = [];
  let at = -1;
  for (const [x, d] of distance) {
    if (d !== at) {
      yield* layer.sort(cmp);
      layer = [];
      at = d;
    }
    if (keep(x)) layer.push(x);
  }
  yield* layer.sort(cmp);
}

/** Fewest edges from `from` to each node it reaches (breadth first). */
function distancesFrom(graph: Map<string, string[]>, from: string): Map<string, number> {
  const out = new Map<string, number>([[from, 0]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    for (const t of graph.get(queue[i]) ?? []) {
      if (!out.has(t)) {
        out.set(t, out.get(queue[i])! + 1);
        queue.push(t);
      }
    }
  }
  return out;
}
