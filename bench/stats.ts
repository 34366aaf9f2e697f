// The few statistics the benchmark reports, in one place: the median of repetitions and rounding
// for tables. Pure.

/** The median of `xs` (the mean of the two middle values for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rounded to two decimals, as the tables show seconds and ratios. */
export const r2 = (x: number): number => Math.round(x * 100) / 100;
