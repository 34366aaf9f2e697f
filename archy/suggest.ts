// "Did you mean" for names a person mistyped (node ids, keys, module names, Archy functions and
// members), the project's one engine: a flow file and an `archy` node get the same suggestion for
// the same typo. Pure. Case-insensitive edit distance where swapping two neighbours is one typo,
// with a cut-off scaled to the word's length, so short words only match near-identical candidates
// and nothing unrelated is ever suggested. It lives in archy/, the lowest folder, because the Archy
// catalogue and validator use it and everything else (model, checks, planner) sits above them.

/** Edits (insert, delete, substitute, swap two neighbours: cost 1 each) between two names, ignoring case. */
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
  // Only candidates within the limit can be suggested: skip the others without computing the distance.
  if (Math.abs(lc.length - lw.length) > limit) return Infinity;
  return editDistance(lw, lc);
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
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    if (d <= limit) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0)).slice(0, max).map((s) => s.c);
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
  const words = (s: string) => new Set(s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
  const own = words(name);
  const sharing = all.filter((c) => c !== name && [...words(c)].some((w) => own.has(w)));
  return [...new Set([...holding, ...nearest(name, all, max), ...sharing])].slice(0, max);
}

/** ` (nearest known: a, b)` or "". */
export function nearestText(name: string, candidates: Iterable<string>): string {
  const n = nearest(name, candidates);
  return n.length === 0 ? "" : ` (nearest known: ${n.join(", ")})`;
}
