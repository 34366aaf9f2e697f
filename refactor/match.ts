// Where two flows hold the same subgraph. From a pair of nodes that are the same (nodeSignature.ts)
// the match follows their transitions in step, name by name, pairing the nodes they lead to while
// those are the same too and name the flows' variables alike (a variable of one flow is always the
// same variable of the other: `pin` may be `code` there, but throughout); then it keeps only what
// a module can be made of: a subgraph entered at one node (every other node reached only from
// inside it, neither being a flow's start), whose transitions lead, in both flows alike, either to
// paired nodes or out of it. Transitions are named, so the match from a pair is unique and the
// result does not depend on the order of anything but the flows' own. Pure and deterministic.
import { reverse, successors } from "../model/graph";
import { transitionsOf } from "../model/nodes";
import type { FlowModel } from "../model/schema";
import { fieldDifferences, nodeSignature, numberedFields } from "./nodeSignature";

/** Two nodes that were reached in step but are not the same: where copies of a subgraph part. */
export interface Mismatch {
  a: string;
  b: string;
  /** The fields that differ (`prompt`, `inputs.callerNumber`, `type`, `transitions`). */
  fields: string[];
}

export interface RegionMatch {
  /** Pairs of nodes (node of `f`, node of `g`), the entry first, in canonical order (canonicalOrder). */
  pairs: Array<[string, string]>;
  /** Where the copies parted while the match grew. */
  mismatches: Mismatch[];
}

/** The existing target of a node's transition `name`. */
function target(model: FlowModel, node: string, name: string): string | undefined {
  const t = (model.nodes[node].transitions as Record<string, string | undefined>)[name];
  return t !== undefined && Object.hasOwn(model.nodes, t) ? t : undefined;
}

/**
 * The largest subgraph entered at `a0` in `f` and at `b0` in `g` that the two hold alike. With
 * `within`, only nodes of `f` in it are taken (extracting a subgraph a person named).
 */
export function matchFrom(
  f: FlowModel,
  g: FlowModel,
  a0: string,
  b0: string,
  within?: ReadonlySet<string> | ((node: string) => boolean),
): RegionMatch {
  const allowed =
    within === undefined ? () => true : typeof within === "function" ? within : (n: string) => within.has(n);
  const mismatches: Mismatch[] = [];
  const map = new Map<string, string>();
  const rev = new Map<string, string>();
  // The variables of f as g names them, and back.
  const vars = new Map<string, string>();
  const varsBack = new Map<string, string>();
  const differences = (a: string, b: string): string[] => {
    if (nodeSignature(f, f.nodes[a]) !== nodeSignature(g, g.nodes[b]))
      return fieldDifferences(f, f.nodes[a], g, g.nodes[b]);
    const va = numberedFields(f, f.nodes[a]).variables.map((v) => v.toLowerCase());
    const vb = numberedFields(g, g.nodes[b]).variables.map((v) => v.toLowerCase());
    if (va.some((v, i) => (vars.get(v) ?? vb[i]) !== vb[i] || (varsBack.get(vb[i]) ?? v) !== v)) return ["variables"];
    va.forEach((v, i) => {
      vars.set(v, vb[i]);
      varsBack.set(vb[i], v);
    });
    return [];
  };
  const first = differences(a0, b0);
  if (first.length > 0) return { pairs: [], mismatches: [{ a: a0, b: b0, fields: first }] };
  map.set(a0, b0);
  rev.set(b0, a0);
  const queue = [a0];
  while (queue.length > 0) {
    const a = queue.shift()!;
    const b = map.get(a)!;
    for (const t of transitionsOf(f.nodes[a])) {
      const ta = target(f, a, t.spec.name);
      const tb = target(g, b, t.spec.name);
      if (ta === undefined || tb === undefined || map.has(ta) || rev.has(tb)) continue;
      if (!allowed(ta)) continue;
      const fields = differences(ta, tb);
      if (fields.length > 0) {
        mismatches.push({ a: ta, b: tb, fields });
        continue;
      }
      map.set(ta, tb);
      rev.set(tb, ta);
      queue.push(ta);
    }
  }
  trim(f, g, a0, map, rev);
  const order = canonicalOrder(f, a0, new Set(map.keys()));
  return { pairs: order.map((a) => [a, map.get(a)!]), mismatches };
}

/** Drops pairs until the subgraph is single-entry and its transitions agree in both flows. */
function trim(f: FlowModel, g: FlowModel, a0: string, map: Map<string, string>, rev: Map<string, string>): void {
  const predF = reverse(successors(f));
  const predG = reverse(successors(g));
  const drop = (a: string) => {
    if (a === a0) return;
    const b = map.get(a);
    map.delete(a);
    if (b !== undefined) rev.delete(b);
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const [a, b] of [...map]) {
      if (!map.has(a)) continue;
      // Reached from outside, or a flow's start: a second way in.
      if (
        a !== a0 &&
        (a === f.start ||
          b === g.start ||
          (predF.get(a) ?? []).some((p) => !map.has(p)) ||
          (predG.get(b) ?? []).some((p) => !rev.has(p)))
      ) {
        drop(a);
        changed = true;
        continue;
      }
      for (const t of transitionsOf(f.nodes[a])) {
        const ta = target(f, a, t.spec.name);
        const tb = target(g, b, t.spec.name);
        const inF = ta !== undefined && map.has(ta);
        const inG = tb !== undefined && rev.has(tb);
        if (inF && inG && map.get(ta!) === tb) continue;
        if (!inF && !inG) continue;
        // Inside in one flow and outside (or elsewhere) in the other: not the same subgraph there.
        const victims = [inF ? ta! : undefined, inG ? rev.get(tb!)! : undefined].filter(
          (x): x is string => x !== undefined,
        );
        if (victims.includes(a0)) drop(a);
        else victims.forEach(drop);
        changed = true;
        break;
      }
    }
    // What is no longer reached from the entry inside the subgraph is not part of it.
    const reached = new Set(canonicalOrder(f, a0, new Set(map.keys())));
    for (const a of [...map.keys()]) {
      if (!reached.has(a)) {
        drop(a);
        changed = true;
      }
    }
  }
}

/** The nodes of `nodes` reached from `entry` inside them, breadth first, transitions in their type's order. */
export function canonicalOrder(model: FlowModel, entry: string, nodes: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const n = queue.shift()!;
    out.push(n);
    for (const t of transitionsOf(model.nodes[n])) {
      const to = target(model, n, t.spec.name);
      if (to !== undefined && nodes.has(to) && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return out;
}

/** A subgraph's shape with its node names aside: equal for the same subgraph in any flow. */
export function canonicalForm(model: FlowModel, entry: string, nodes: ReadonlySet<string>): string {
  const order = canonicalOrder(model, entry, nodes);
  const index = new Map(order.map((n, i) => [n, i]));
  // Variables numbered across the subgraph: which nodes name the same one is part of its shape.
  const numbering = new Map<string, number>();
  return order
    .map((n) => {
      const moves = transitionsOf(model.nodes[n]).map((t) => {
        const to = target(model, n, t.spec.name);
        return `${t.spec.name}>${to === undefined ? "-" : index.has(to) ? index.get(to) : "out"}`;
      });
      return `${nodeSignature(model, model.nodes[n], numbering)}|${moves.join(",")}`;
    })
    .join("\n");
}

/** The transitions from a subgraph to the rest of its flow: (node, transition, target), in canonical order. */
export function exitsOf(
  model: FlowModel,
  order: readonly string[],
): Array<{ node: string; transition: string; target: string; failure: boolean }> {
  const inside = new Set(order);
  const out: Array<{ node: string; transition: string; target: string; failure: boolean }> = [];
  for (const n of order) {
    for (const t of transitionsOf(model.nodes[n])) {
      const to = target(model, n, t.spec.name);
      if (to !== undefined && !inside.has(to))
        out.push({ node: n, transition: t.spec.name, target: to, failure: t.spec.failure });
    }
  }
  return out;
}
