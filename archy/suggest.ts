// "Did you mean" for names: the closest candidate by edit distance (case-insensitive), if close.

/** Edits (insert, delete, substitute, swap two neighbours) between two names, ignoring case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      // A swap of two neighbours ("lti" for "lit") is one typo.
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[y.length];
}

/** The closest candidate within 2 edits (and less than half the name), or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // Only candidates within 2 edits can be suggested: skip the others without computing the distance.
    if (c === name || Math.abs(c.length - name.length) > 2) continue;
    const d = editDistance(name, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= 2 && bestDistance * 2 < name.length ? best : undefined;
}

/** `; did you mean "x"?` or "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c === undefined ? "" : `; did you mean "${c}"?`;
}

/**
 * The nearest candidates (up to `max`), closest first, for naming what a name the catalogue lacks
 * is near: within a third of the name's length (at least 2 edits). Not a claim that it is a typo.
 */
export function nearest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.ceil(name.length / 3));
  const scored: Array<{ c: string; d: number }> = [];
  for (const c of new Set(candidates)) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0)).slice(0, max).map((s) => s.c);
}

/**
 * Names of the org near a name it lacks (up to `max`): the `nearest` ones, then those that hold the
 * name or that it holds, then those sharing a word of three letters or more, compared
 * case-insensitively ("Sales" -> "Sales Team", "Sales VIP" -> "Sales test"). For pointing at
 * the object a person probably meant, where names are phrases rather than identifiers.
 */
export function nearestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const all = [...new Set(candidates)].sort();
  const lower = name.toLowerCase();
  const holding = all.filter((c) => c !== name && (c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase())));
  const words = (s: string) => new Set(s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
  const own = words(name);
  const sharing = all.filter((c) => c !== name && [...words(c)].some((w) => own.has(w)));
  return [...new Set([...nearest(name, all, max), ...holding, ...sharing])].slice(0, max);
}

/** ` (nearest known: a, b)` or "". */
export function nearestText(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n.length === 0 ? "" : ` (nearest known: ${n.join(", ")})`;
}
