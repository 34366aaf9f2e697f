// "Did you mean" suggestions for names a person mistyped (node ids, keys, module names).
// Pure. Levenshtein distance with a cut-off scaled to the word's length, so short words
// only match near-identical candidates and nothing unrelated is ever suggested.

/** Edit distance (insert, delete, substitute: cost 1 each). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word`, or undefined when none is close enough.
 * Case-insensitive equality always matches; ties resolve to the alphabetically first candidate
 * so messages are deterministic.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of [...new Set(candidates)].sort()) {
    if (c === word) continue;
    const lw = word.toLowerCase();
    const lc = c.toLowerCase();
    // A candidate the word abbreviates (`str` for `string`) counts as one edit away.
    const score = lc === lw ? 0 : lw.length >= 3 && lc.startsWith(lw) ? 1 : editDistance(lw, lc);
    if (score <= limit && score < bestScore) {
      best = c;
      bestScore = score;
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
