// How much of what real callers did a change touches (issue 77 item 4, counted since issue 89
// item 2): each journey of a pulled file (journeys.ts: the steps an execution recorded, with how
// many executions took them, per flow version) is run again on the old and the new version of its
// flow by the caller (behaviour/retrace.ts, a layer above), which says whether it changes, in
// words, or why it cannot be weighed. Here the journeys are added up: those that change, per old
// run they took and what changes; those not weighed, per reason, never mixed with those alike.
// A version the stack did not compile when pulled is not run at all. Pure: the file is read at the
// edge (diff/projectReview.ts, through journeys.ts parseTraffic).
import { cmp } from "../archy/json";
import type { PulledTraffic } from "./journeys";

type PulledFlow = PulledTraffic["flows"][number];
type PulledJourney = PulledFlow["versions"][number]["journeys"][number];

/** What a pulled journey becomes: changed (in words, with the old run it took), not weighed (why), or alike (undefined). */
export type Becomes<J> = { changes: string; journey: J } | { notWeighed: string } | undefined;

export interface FlowWeight<J> {
  /** Executions pulled for the flow, every version. */
  journeys: number;
  /** Those that change, per old run they took and what changes, most first. */
  changed: Array<{ what: string; journey: J; journeys: number }>;
  /** Those not weighed, per reason, most first; `example`: the steps of the most frequent. */
  notWeighed: Array<{ why: string; journeys: number; example?: string[] }>;
}

/** The pulled journeys of one flow added up by what each becomes. */
export function weighFlow<J>(pulled: PulledFlow, becomes: (real: PulledJourney) => Becomes<J>): FlowWeight<J> {
  const changed = new Map<string, { what: string; journey: J; journeys: number }>();
  const notWeighed = new Map<string, { why: string; journeys: number; example?: string[] }>();
  const skip = (why: string, n: number, example?: string[]) => {
    const e = notWeighed.get(why) ?? { why, journeys: 0, ...(example ? { example } : {}) };
    e.journeys += n;
    notWeighed.set(why, e);
  };
  for (const v of pulled.versions) {
    if (!v.inStack) {
      skip(`version ${v.version}, not what the stack compiled when pulled`, v.executions);
      continue;
    }
    for (const real of v.journeys) {
      const b = becomes(real);
      if (b === undefined) continue;
      if ("notWeighed" in b) {
        skip(b.notWeighed, real.count, real.steps);
        continue;
      }
      // Keyed by what was recorded: the same whatever order the file lists its versions in.
      const key = JSON.stringify([real.steps, real.ending ?? null, b.changes]);
      const e = changed.get(key) ?? { what: b.changes, journey: b.journey, journeys: 0 };
      e.journeys += real.count;
      changed.set(key, e);
    }
  }
  const most = <T extends { journeys: number }>(m: Map<string, T>) =>
    [...m].sort(([a, x], [b, y]) => y.journeys - x.journeys || cmp(a, b)).map(([, e]) => e);
  return {
    journeys: pulled.versions.reduce((n, v) => n + v.executions, 0),
    changed: most(changed),
    notWeighed: most(notWeighed),
  };
}

/** `1,243`: a count as the review prints it. */
export const count = (n: number): string => n.toLocaleString("en-US");

/** `38 of 1,243 journeys (3.1 %)`. */
export function shareText(n: number, total: number): string {
  const pct = total === 0 ? 0 : (100 * n) / total;
  return `${count(n)} of ${count(total)} ${total === 1 ? "journey" : "journeys"} (${pct > 0 && pct < 0.05 ? "< 0.1" : pct.toFixed(1)} %)`;
}
