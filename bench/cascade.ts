// The cascade round (issue 54.3): what a module change costs in wall time when publish jobs take the
// time Genesys's take. Pure: the job duration and its source, and the judgement of a run's cascade
// steps (the 250-caller target). bench/config.ts plans the round, bench/run.ts runs it.
//
// Why the job's duration matters less than it seems: the official provider (v1.84.2,
// genesyscloud/architect_flow/resource_genesyscloud_flow.go, updateFlow) polls a publish job once
// right after the upload and, on any status but Success or Failure, sleeps 15 s
// (`time.Sleep(15 * time.Second)`) before the next poll, inside the plugin SDK's retry loop
// (`util.WithRetries(ctx, 16*time.Minute, ...)`, helper/retry's StateChangeConf, which adds its own
// short backoff between attempts). A job that is not final at the first poll therefore costs one
// 15 s sleep, or two when it takes more than about 15 s: every duration between a few hundred ms and
// 15 s costs the same ~16 s per publish. The figure below only has to fall inside that band.

/**
 * The publish job's duration in the cascade round, ms (`--job-ms`). Genesys documents no figure for
 * an Architect publish job. What is on record: the provider never expects one to be final at once
 * (it polls, then sleeps 15 s; it allows 16 minutes); Architect's own export jobs are polled every
 * 2 s for up to 90 s by the same provider (resource_genesyscloud_architect_flow_proxy.go,
 * pollExportJobForDownloadUrlFn), a service whose jobs take seconds. 5 s is a choice inside the
 * 0.5-15 s band where every job costs the same one poll sleep, so the round's figures hold for any
 * job in that band; `--job-ms 0` gives the emulator's instant jobs (every earlier round), `--job-ms
 * 20000` a job slow enough for a second sleep.
 */
export const DEFAULT_PUBLISH_JOB_MS = 5_000;
/** The longest job the round accepts (the provider gives up on a job after 16 minutes). */
export const MAX_PUBLISH_JOB_MS = 15 * 60_000;
/** The provider's sleep between two polls of a publish job that is not final (resource_genesyscloud_flow.go). */
export const PROVIDER_POLL_SLEEP_S = 15;
/** The N of the cascade rounds unless --cascade-n says otherwise (issue 54.3). */
export const CASCADE_NS = [100, 500];
/** The target of issue 54.3: a cascade reaching this many callers, under this many seconds. */
export const TARGET_CALLERS = 250;
export const TARGET_WALL_S = 300;

/** What the judgement reads of a cascade step (bench/run.ts StepResult has more). */
export interface CascadeFigures {
  n: number;
  step: string;
  code: number;
  wallS: number;
  /** The publish job's duration in the step (ms); 0 for instant jobs. */
  jobMs: number;
  /** Flows given a new published version by the step. */
  republished: readonly string[];
  /** The emulator's publish window: first job registered to the last poll (s), null without publishes. */
  publishWindowS: number | null;
}

export interface CascadeRow {
  n: number;
  step: string;
  flows: number;
  wallS: number;
  /** First publish job to last poll (s): the part of the wall time the machine's load barely moves. */
  windowS: number | null;
  /** The wall time less the no-op up of the same N in the run: what the publishes added to a run's fixed cost. */
  aboveNoopS: number | null;
  /** Seconds of publish window per republished flow. */
  perFlowS: number;
  /** Publishes in flight on average, if each took one poll sleep: flows × 15 s ÷ window. */
  impliedConcurrency: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The cascade steps of a run (those with slow jobs and a module change), one row each. */
export function cascadeRows(steps: readonly CascadeFigures[]): CascadeRow[] {
  const noop = (n: number) => steps.find((s) => s.n === n && s.step === "up-noop" && s.code === 0);
  return steps
    .filter((s) => s.code === 0 && s.jobMs > 0 && s.republished.length > 0)
    .map((s) => {
      const window = s.publishWindowS ?? s.wallS;
      const base = noop(s.n);
      return {
        n: s.n,
        step: s.step,
        flows: s.republished.length,
        wallS: s.wallS,
        windowS: s.publishWindowS,
        aboveNoopS: base ? r2(s.wallS - base.wallS) : null,
        perFlowS: r2(window / s.republished.length),
        impliedConcurrency: r2((s.republished.length * PROVIDER_POLL_SLEEP_S) / Math.max(window, 0.1)),
      };
    });
}

/**
 * The 250-caller target, from the run's cascade steps: a step that republished exactly the target's
 * flows (250 callers and the modules) is read as measured; otherwise the wall time is interpolated
 * linearly between the two steps of one N that bracket it (a cascade's wall time is a fixed cost plus
 * one poll sleep per batch of concurrent publishes, so linear between two points of one round is
 * what the rows show). Undefined when no step reaches that far.
 */
export function judgeCascadeTarget(all: readonly CascadeRow[], modules = 2): { what: string; value: string; met: boolean } | undefined {
  const flows = TARGET_CALLERS + modules;
  // Module changes only: a first deploy publishes as many flows but is no cascade.
  const rows = all.filter((r) => r.step !== "up-first");
  const what = `a ${TARGET_CALLERS}-caller cascade (${flows} publishes) under ${TARGET_WALL_S / 60} minutes with slow publish jobs (issue 54.3)`;
  const exact = rows.find((r) => r.flows === flows);
  if (exact) return { what, value: `${exact.wallS} s measured (N = ${exact.n}, ${exact.step})`, met: exact.wallS <= TARGET_WALL_S };
  for (const n of [...new Set(rows.map((r) => r.n))]) {
    const of = rows.filter((r) => r.n === n);
    const below = of.filter((r) => r.flows < flows).sort((a, b) => b.flows - a.flows)[0];
    const above = of.filter((r) => r.flows > flows).sort((a, b) => a.flows - b.flows)[0];
    if (!below || !above) continue;
    const est = r2(below.wallS + ((above.wallS - below.wallS) * (flows - below.flows)) / (above.flows - below.flows));
    return { what, value: `${est} s interpolated between ${below.flows} flows in ${below.wallS} s and ${above.flows} in ${above.wallS} s (N = ${n})`, met: est <= TARGET_WALL_S };
  }
  const largest = [...rows].sort((a, b) => b.flows - a.flows)[0];
  if (largest && largest.flows > flows) {
    // Only larger cascades: the largest one's seconds per flow, scaled down (an upper bound: the fixed cost is counted per flow).
    const est = r2(largest.perFlowS * flows);
    return { what, value: `≤ ${est} s scaled from ${largest.flows} flows in ${largest.wallS} s (N = ${largest.n})`, met: est <= TARGET_WALL_S };
  }
  return undefined;
}
