// Which real journeys become scenarios, and how much real traffic the scenarios cover (issue 77
// item 3). A pulled file (journeys.ts) counts each flow's executions per version; the journeys a
// scenario can replay are those of a version the stack still compiles whose every step maps to a
// node now. The others are counted and named, never dropped unsaid: a scenario of a path the flow
// no longer has would fail for a reason nobody can act on. Shares are of all the flow's executions
// in the pull, so "the top 3 cover 91.2 %" means of everything callers did in that flow. Pure: the
// replay itself is the behaviour engine's (behaviour/replay.ts).
import { cmp } from "../archy/json";
import type { PulledTraffic } from "./journeys";

type Journey = PulledTraffic["flows"][number]["versions"][number]["journeys"][number];

export interface ChosenJourney {
  flow: string;
  file: string;
  version: string;
  journey: Journey;
  /** The flow's executions in the pull (every version): the share's denominator. */
  flowExecutions: number;
}

export interface Selection {
  chosen: ChosenJourney[];
  /** "<flow> <version>: <n> journeys, <m> executions" of versions the stack no longer compiles. */
  oldVersions: string[];
  /** "<flow> <version> journey <id>: <n> executions" with a step that maps to no node now. */
  unmapped: string[];
}

/** A journey whose steps all map to a node of the stack now (`? tracking <n>` is an action that does not). */
export const mapsNow = (j: Journey): boolean => !j.steps.some((s) => s.startsWith("? "));

/**
 * Per flow, the most frequent journeys a scenario can replay: the `top` first, or as many as it
 * takes to reach `share` percent of the flow's executions.
 */
export function selectJourneys(traffic: PulledTraffic, pick: { top: number } | { share: number }): Selection {
  const out: Selection = { chosen: [], oldVersions: [], unmapped: [] };
  for (const f of traffic.flows) {
    const flowExecutions = f.versions.reduce((n, v) => n + v.executions, 0);
    const candidates: ChosenJourney[] = [];
    for (const v of f.versions) {
      if (!v.inStack) {
        out.oldVersions.push(`${f.name} ${v.version}: ${v.journeys.length} journeys, ${v.executions} executions`);
        continue;
      }
      for (const j of v.journeys) {
        if (mapsNow(j)) candidates.push({ flow: f.name, file: f.file, version: v.version, journey: j, flowExecutions });
        else out.unmapped.push(`${f.name} ${v.version} journey ${j.id}: ${j.count} executions`);
      }
    }
    // The file sorts each version's journeys by count then id; across versions, the same order.
    candidates.sort((a, b) => b.journey.count - a.journey.count || cmp(a.journey.id, b.journey.id));
    let covered = 0;
    for (const c of candidates) {
      if (
        "top" in pick
          ? out.chosen.filter((x) => x.flow === f.name).length >= pick.top
          : covered * 100 >= pick.share * flowExecutions
      )
        break;
      out.chosen.push(c);
      covered += c.journey.count;
    }
  }
  return out;
}

/** What makes two journeys the same: their steps, and whether the flow ended in error. */
export const journeyKey = (steps: readonly string[], error: boolean): string => JSON.stringify([steps, error]);

/** The real executions whose journey some run took: `ran` holds, per flow file, the runs' journeyKeys. */
export function realCoverage(
  traffic: PulledTraffic,
  ran: ReadonlyMap<string, ReadonlySet<string>>,
): { covered: number; total: number; notMapped: number } {
  let covered = 0;
  let total = 0;
  let notMapped = 0;
  for (const f of traffic.flows) {
    for (const v of f.versions) {
      for (const j of v.journeys) {
        total += j.count;
        if (!mapsNow(j)) notMapped += j.count;
        else if (ran.get(f.file)?.has(journeyKey(j.steps, j.ending !== undefined))) covered += j.count;
      }
    }
  }
  return { covered, total, notMapped };
}
