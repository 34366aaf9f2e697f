// The org-reference check's read cost (issue 25) from a round's steps: ours' previews of a change reaching every flow, with and
// without the check, alternated, and the check alone. A measurement, not a target: reported in
// results.md. Pure: steps in, rows out.
import type { StepName } from "./steps";
import { median, r2 } from "./stats";
import type { StepFigures } from "./targets";

/** The org-reference check's read cost in one round (issue 25): ours' previews of a change reaching every flow, with and without it, alternated. */
export interface OrgReadCost {
  n: number;
  latencyMs: number;
  /** Wall seconds of the previews with the check, and with it skipped (genesys-flows:skipOrgReferenceCheck), in run order. */
  withS: number[];
  withoutS: number[];
  /** Median with minus median without: the seconds the check adds to such a preview. */
  addedS: number;
  /** The org's list requests (`org.objects.list`, every page of every kind read) of each preview with the check; none without. */
  listRequests: number[];
  /** 1-minute load average at each of these steps, in run order. */
  loadAvg1: number[];
  /**
   * The check alone, timed in the bench's own process against the round's emulator: sign-in, the
   * org's lists and the check's CPU, over every flow, as the program runs it on a preview that publishes them all (seconds per run).
   */
  checkAloneS: number[];
}

/** One in-process run of the org-reference check in a round. */
export interface OrgCheckTiming {
  n: number;
  latencyMs: number;
  seconds: number;
}

/** The read cost of every round that measured it (steps preview-change-org-check / preview-change-no-org-check that succeeded). */
export function orgReadCosts(
  steps: ReadonlyArray<StepFigures & { loadAvg1?: number }>,
  alone: readonly OrgCheckTiming[] = [],
): OrgReadCost[] {
  const out: OrgReadCost[] = [];
  const rounds = new Map<string, { n: number; latencyMs: number }>();
  for (const s of steps)
    if (s.step === "preview-change-org-check") rounds.set(`${s.n}/${s.latencyMs}`, { n: s.n, latencyMs: s.latencyMs });
  for (const { n, latencyMs } of rounds.values()) {
    const of = (step: StepName) =>
      steps.filter(
        (s) =>
          s.project === "ours" &&
          s.n === n &&
          s.latencyMs === latencyMs &&
          s.rateLimitPerMinute === null &&
          s.step === step &&
          s.code === 0,
      );
    const withCheck = of("preview-change-org-check");
    const without = of("preview-change-no-org-check");
    if (withCheck.length === 0 || without.length === 0) continue;
    out.push({
      n,
      latencyMs,
      withS: withCheck.map((s) => s.wallS),
      withoutS: without.map((s) => s.wallS),
      addedS: r2(median(withCheck.map((s) => s.wallS)) - median(without.map((s) => s.wallS))),
      listRequests: withCheck.map((s) => s.requests["org.objects.list"] ?? 0),
      loadAvg1: steps.filter((s) => withCheck.includes(s) || without.includes(s)).map((s) => s.loadAvg1 ?? NaN),
      checkAloneS: alone.filter((t) => t.n === n && t.latencyMs === latencyMs).map((t) => t.seconds),
    });
  }
  return out;
}
