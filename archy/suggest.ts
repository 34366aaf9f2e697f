// "Did you mean" for names a person mistyped (node ids, keys, module names, Archy functions and
// members), the project's one engine: a flow file and an `archy` node get the same suggestion for
// the same typo. Pure. Case-insensitive edit distance where swapping two neighbours is one typo,
// with a cut-off scaled to the word's length, so short words only match near-identical candidates
// and nothing unrelated is ever suggested. It lives in archy/, the lowest folder, because the Archy
// catalogue and validator use it and everything else (model, checks, planner) sits above them.
import { cmp } from "./json";

/** Rows of the distance table, reused by every call (the function is synchronous and not re-entered). */
let rows = new Int32Array(0);

/**
 * Edits (insert, delete, substitute, swap two neighbours: cost 1 each) between two names, ignoring
 * case. With a `limit`, a distance above it comes back as `limit + 1` as soon as no alignment can
 * stay within it: a file with thousands of unknown keys costs each key a few rows, not the table.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 0;
  const n = y.length;
  if (Math.abs(x.length - n) > limit) return limit + 1;
  const width = n + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Three rows in turn: the one before the previous (for swaps), the previous and the current.
  let before = 0;
  let prev = width;
  let cur = 2 * width;
  for (let j = 0; j <= n; j++) rows[prev + j] = j;
  let prevMin = 0;
  for (let i = 1; i <= x.length; i++) {
    rows[cur] = i;
    let rowMin = i;
    const xi = x.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const yj = y.charCodeAt(j - 1);
      // Plain comparisons, not Math.min: a global read in this loop costs much more under jest's
      // module sandbox (a vm context), where the suites run the file loader on hostile files.
      let d = rows[prev + j - 1] + (xi === yj ? 0 : 1);
      const del = rows[prev + j] + 1;
      if (del < d) d = del;
      const ins = rows[cur + j - 1] + 1;
      if (ins < d) d = ins;
      // A swap of two neighbours ("lti" for "lit") is one typo.
      if (i > 1 && j > 1 && xi === y.charCodeAt(j - 2) && x.charCodeAt(i - 2) === yj && rows[before + j - 2] + 1 < d)
        d = rows[before + j - 2] + 1;
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell comes from this row or the previous one plus a swap: all above the limit.
    if (rowMin > limit && prevMin + 1 > limit) return limit + 1;
    prevMin = rowMin;
    const spare = before;
    before = prev;
    prev = cur;
    cur = spare;
  }
  const distance = rows[prev + n];
  return distance <= limit ? distance : limit + 1;
}

/**
 * How many edits a word may be from a candidate to be suggested: a third of its length, at least 1,
 * and 2 from five letters on (`Sails` for `Sales`).
 */
const limitFor = (word: string): number => Math.max(word.length >= 5 ? 2 : 1, Math.floor(word.length / 3));

/** How far `candidate` is from `word`: 0 for the same name in another case, 1 for a candidate it abbreviates (`str` for `string`). */
function score(word: string, candidate: string, limit: number): number {
  const lw = word.toLowerCase();
  const lc = candidate.toLowerCase();
  if (lc === lw) return 0;
  if (lw.length >= 3 && lc.startsWith(lw)) return 1;
  // Above the limit (a length apart by more, at once) it is never suggested.
  return editDistance(lw, lc, limit);
}

/**
 * The candidate closest to `word`, or undefined when none is close enough. Ties resolve to the
 * alphabetically first candidate so messages are deterministic.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = limitFor(word);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of [...new Set(candidates)].sort()) {
    if (c === word) continue;
    const s = score(word, c, limit);
    if (s <= limit && s < bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** `; did you mean "x"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? "" : `; did you mean "${c}"?`;
}

/** `a, b, c` (sorted, deduplicated) or `(none)`. */
export function listNames(names: Iterable<string>): string {
  const all = [...new Set(names)].sort();
  return all.length === 0 ? "(none)" : all.join(", ");
}

/**
 * A suggestion followed by more explanation, punctuated as sentences:
 * `; did you mean "x"? Valid keys: a, b` or, without a suggestion, `; valid keys: a, b`.
 */
export function suggestThen(word: string, candidates: Iterable<string>, rest: string): string {
  const dym = didYouMean(word, candidates);
  return dym === "" ? `; ${rest}` : `${dym} ${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/**
 * The nearest candidates (up to `max`), closest first, for naming what a name the catalogue lacks
 * is near: within a third of the name's length (at least 2 edits). Not a claim that it is a typo.
 */
export function nearest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.ceil(name.length / 3));
  const scored: Array<{ c: string; d: number }> = [];
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = editDistance(name, c, limit);
    if (d <= limit) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || cmp(a.c, b.c))
    .slice(0, max)
    .map((s) => s.c);
}

/**
 * Names of the org near a name it lacks (up to `max`): those that hold the name or that it holds
 * first (a queue renamed in the org usually keeps its old name in the new one: "Support" ->
 * "Support Tier 1"), then the `nearest` ones, then those sharing a word of three letters or more,
 * compared case-insensitively ("Sales" -> "Sales Team", "Sales VIP" -> "Sales test"). For
 * pointing at the object a person probably meant, where names are phrases rather than
 * identifiers. Holding comes first because in an org of hundreds of queues a few short names are
 * always within a few edits, and they would fill the list before the renamed one.
 */
export function nearestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const all = [...new Set(candidates)].sort();
  const lower = name.toLowerCase();
  const holding = all.filter((c) => c !== name && (c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase())));
  const words = (s: string) =>
    new Set(
      s
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 3),
    );
  const own = words(name);
  const sharing = all.filter((c) => c !== name && [...words(c)].some((w) => own.has(w)));
  return [...new Set([...holding, ...nearest(name, all, max), ...sharing])].slice(0, max);
}

/** ` (nearest known: a, b)` or "". */
export function nearestText(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n.length === 0 ? "" : ` (nearest known: ${n.join(", ")})`;
}
