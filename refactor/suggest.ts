// genesys-flows refactor suggest: the subgraphs two or more flows hold alike (the same node types,
// fields and transitions up to node, variable and placeholder names and labels), largest first,
// each with where it occurs and what a module made of it would take and return, and, when no
// module can be made of it whole, the largest block inside it one can (block.ts). Every pair of
// flows is matched from every pair of nodes that are the same (match.ts), and the subgraphs found
// are grouped by their shape with node names aside, so one held by three flows is one suggestion.
// Nodes no module can hold are left out. Pure and deterministic: the same flows give the same list
// in the same order.
import { largestBlock } from "./block";
import { canonicalForm, matchFrom } from "./match";
import { nodeSignature } from "./nodeSignature";
import type { RefactorFlow } from "./project";
import { analyseShared, whyNotInModule, type Occurrence, type SharedSubgraph } from "./subgraph";
import { cmp } from "../archy/json";

export interface SuggestOptions {
  /** The smallest subgraph listed, in nodes (default 2). */
  minNodes?: number;
}

export interface Suggestion extends SharedSubgraph {
  /** Its shape with node names aside (what groups the copies). */
  shape: string;
  /** When no module can be made of it whole: the largest block inside it one can be made of (block.ts). */
  block?: SharedSubgraph;
}

/** The copies found, by shape; a copy is its flow and its node set. */
type Groups = Map<string, Map<string, Occurrence>>;

function addCopy(groups: Groups, shape: string, o: Occurrence): void {
  const copies = groups.get(shape) ?? new Map<string, Occurrence>();
  const key = `${o.flow.id}\n${[...o.order].sort().join(",")}`;
  if (!copies.has(key)) copies.set(key, o);
  groups.set(shape, copies);
}

/** Every subgraph of at least `minNodes` nodes that two or more of `flows` hold, largest first. */
export function suggest(flows: readonly RefactorFlow[], opts: SuggestOptions = {}): Suggestion[] {
  const minNodes = opts.minNodes ?? 2;
  const groups: Groups = new Map();
  const ordered = [...flows].sort((a, b) => cmp(a.id, b.id));
  for (const [i, f] of ordered.entries()) {
    for (const g of ordered.slice(i + 1)) {
      // Pairs already inside a subgraph found from an earlier pair give a part of it: skipped.
      const covered = new Set<string>();
      const bySignature = new Map<string, string[]>();
      for (const b of Object.keys(g.model.nodes).sort()) {
        const s = nodeSignature(g.model, g.model.nodes[b]);
        bySignature.set(s, [...(bySignature.get(s) ?? []), b]);
      }
      // Nodes no module can hold (a menu, a return, raw Archy bound to the flow) are never part of a suggestion.
      const movable = (n: string) => whyNotInModule(f.model, f.model.nodes[n]) === undefined;
      for (const a of Object.keys(f.model.nodes).sort()) {
        if (!movable(a)) continue;
        for (const b of bySignature.get(nodeSignature(f.model, f.model.nodes[a])) ?? []) {
          if (covered.has(`${a}\n${b}`)) continue;
          const m = matchFrom(f.model, g.model, a, b, movable);
          if (m.pairs.length < minNodes) continue;
          for (const [x, y] of m.pairs.slice(1)) covered.add(`${x}\n${y}`);
          const shape = canonicalForm(f.model, a, new Set(m.pairs.map(([x]) => x)));
          addCopy(groups, shape, { flow: f, order: m.pairs.map(([x]) => x) });
          addCopy(groups, shape, { flow: g, order: m.pairs.map(([, y]) => y) });
        }
      }
    }
  }
  // Every copy of each shape, not only those found where it was the largest the two flows share.
  for (const [shape, copies] of groups) {
    const pattern = [...copies.values()][0];
    for (const g of ordered) {
      for (const b of Object.keys(g.model.nodes).sort()) {
        const m = matchFrom(pattern.flow.model, g.model, pattern.order[0], b, new Set(pattern.order));
        if (m.pairs.length !== pattern.order.length) continue;
        const byPosition = new Map(m.pairs);
        const order = pattern.order.map((n) => byPosition.get(n)!);
        const overlaps = [...copies.values()].some(
          (c) =>
            c.flow.id === g.id &&
            c.order.some((n) => order.includes(n)) &&
            [...c.order].sort().join() !== [...order].sort().join(),
        );
        if (!overlaps) addCopy(groups, shape, { flow: g, order });
      }
    }
  }
  const found = [...groups.entries()].map(([shape, copies]) => ({
    shape,
    copies: [...copies.values()].sort(byFlowThenEntry),
  }));
  // A subgraph that is part of a larger one held by the same flows (and no other) is not listed.
  const kept = found.filter(
    (small) =>
      !found.some(
        (big) =>
          big !== small &&
          big.copies[0].order.length > small.copies[0].order.length &&
          small.copies.every((c) =>
            big.copies.some((b) => b.flow.id === c.flow.id && c.order.every((n) => b.order.includes(n))),
          ),
      ),
  );
  return kept
    .filter((g) => new Set(g.copies.map((c) => c.flow.id)).size >= 2)
    .map((g) => {
      const shared = analyseShared(g.copies);
      const block = shared.refusals.length > 0 ? largestBlock(shared, minNodes) : undefined;
      return { shape: g.shape, ...shared, ...(block ? { block } : {}) };
    })
    .sort(
      (a, b) =>
        b.names.length - a.names.length ||
        b.occurrences.length - a.occurrences.length ||
        cmp(a.names.join(","), b.names.join(",")) ||
        cmp(a.shape, b.shape),
    );
}

function byFlowThenEntry(a: Occurrence, b: Occurrence): number {
  return cmp(a.flow.id, b.flow.id) || cmp(a.order[0], b.order[0]);
}
