// The largest block of a shared subgraph that a module can be made of, for a subgraph that cannot
// be one whole: copies that end the interaction (a transfer, then a hang-up) have no way out for
// the call to continue at, copies whose transfers name each stack's own queue cannot share one
// node, and a way out more than a module's outcomes allow has none; the steps before them often
// can. A block is entered at one node of the subgraph (every other node of it reached only from
// inside it in every copy), and it is extractable when a module can be made of it (subgraph.ts
// says why not: two ways on and one on failure at most, nodes a module can hold, what it reads
// given). Blocks are tried largest first: from each entry, the nodes it reaches, then the same
// with one node (and what only it leads to) dropped, and so on, so the first extractable one is
// the largest (ties: the earlier entry). Pure and deterministic.
import { reverse, successors } from "../model/graph";
import { canonicalOrder } from "./match";
import { analyseShared, type Occurrence, type SharedSubgraph } from "./subgraph";
import { cmp } from "../archy/json";

/** Blocks analysed at most per subgraph: a bound on the search, far above what a copied block needs. */
const MAX_TRIED = 500;

interface Candidate {
  entry: number;
  /** Positions in the subgraph, sorted. */
  positions: number[];
}

/** The largest extractable block of `shared` of at least `minNodes` nodes (undefined: none). */
export function largestBlock(shared: SharedSubgraph, minNodes = 2): SharedSubgraph | undefined {
  const copies = shared.occurrences;
  const size = copies[0].order.length;
  const preds = copies.map((o) => reverse(successors(o.flow.model)));
  const positionOf = copies.map((o) => new Map(o.order.map((n, i) => [n, i])));
  // Every other node of the block is reached only from inside it, and is no flow's start, in every copy.
  const closed = (entry: number, positions: ReadonlySet<number>): number[] => {
    const kept = new Set(positions);
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of [...kept]) {
        const outside = copies.some(
          (o, c) =>
            o.order[p] === o.flow.model.start ||
            (preds[c].get(o.order[p]) ?? []).some((q) => !kept.has(positionOf[c].get(q) ?? -1)),
        );
        if (p !== entry && outside) {
          kept.delete(p);
          changed = true;
        }
      }
      const reached = new Set(
        canonicalOrder(
          copies[0].flow.model,
          copies[0].order[entry],
          new Set([...kept].map((p) => copies[0].order[p])),
        ).map((n) => positionOf[0].get(n)!),
      );
      for (const p of [...kept]) {
        if (!reached.has(p)) {
          kept.delete(p);
          changed = true;
        }
      }
    }
    return [...kept].sort((a, b) => a - b);
  };
  const keyOf = (c: Candidate) => `${c.entry}:${c.positions.join(",")}`;
  const all = new Set(Array.from({ length: size }, (_, i) => i));
  const frontier: Candidate[] = Array.from({ length: size }, (_, entry) => ({ entry, positions: closed(entry, all) }));
  const seen = new Set(frontier.map(keyOf));
  for (let tried = 0; frontier.length > 0 && tried < MAX_TRIED; tried++) {
    frontier.sort((a, b) => b.positions.length - a.positions.length || a.entry - b.entry || cmp(keyOf(a), keyOf(b)));
    const next = frontier.shift()!;
    if (next.positions.length < minNodes) break;
    const block = analyseShared(
      copies.map(
        (o): Occurrence => ({
          flow: o.flow,
          order: canonicalOrder(o.flow.model, o.order[next.entry], new Set(next.positions.map((p) => o.order[p]))),
        }),
      ),
    );
    if (block.refusals.length === 0) return block;
    for (const drop of next.positions) {
      if (drop === next.entry) continue;
      const smaller = {
        entry: next.entry,
        positions: closed(next.entry, new Set(next.positions.filter((p) => p !== drop))),
      };
      if (seen.has(keyOf(smaller))) continue;
      seen.add(keyOf(smaller));
      frontier.push(smaller);
    }
  }
  return undefined;
}
