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

/** Something that ran from `startMs` to `endMs` (ms since the epoch): a publish job, a provider call. */
export interface Interval {
  startMs: number;
  endMs: number;
}

/**
 * How many of `intervals` were open at once: the most at one instant, and the mean over the span
 * from the first start to the last end, time-weighted. Null for none.
 */
export function concurrency(intervals: readonly Interval[]): { max: number; mean: number } | null {
  if (intervals.length === 0) return null;
  const events = intervals.flatMap((j) => [
    { t: j.startMs, d: 1 },
    { t: j.endMs, d: -1 },
  ]);
  // Ends before starts at the same instant: one ending as another starts is not two at once.
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let open = 0;
  let max = 0;
  let area = 0;
  let last = events[0].t;
  for (const e of events) {
    area += open * (e.t - last);
    last = e.t;
    open += e.d;
    max = Math.max(max, open);
  }
  const span = events[events.length - 1].t - events[0].t;
  return { max, mean: span > 0 ? r2(area / span) : max };
}
