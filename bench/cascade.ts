// The cascade round (issue 54.3): what a module change costs in wall time when publish jobs take the
// time Genesys's take. Pure: the job duration and its source, the rows of a round's module changes
// and the publishes in flight over a step. The target is a rule (bench/targets.ts CASCADE_RULE);
// bench/config.ts plans the round, bench/run.ts runs it.
//
// Why the job's duration matters less than it seems: the official provider (v1.84.2,
// genesyscloud/architect_flow/resource_genesyscloud_flow.go, updateFlow) polls a publish job once
// right after the upload and, on any status but Success or Failure, sleeps 15 s
// (`time.Sleep(15 * time.Second)`) before the next poll, inside the plugin SDK's retry loop
// (`util.WithRetries(ctx, 16*time.Minute, ...)`, helper/retry's StateChangeConf, which adds its own
// short backoff between attempts). A job that is not final at the first poll therefore costs one
// 15 s sleep, or two when it takes more than about 15 s: every duration between a few hundred ms and
// 15 s costs the same ~16 s per publish. The figure below only has to fall inside that band.
import { CASCADE_RULE } from "./targets";
import { r2 } from "./stats";

/**
 * The publish job's duration in the cascade round, ms (`--job-ms`; the rule's figure is
 * CASCADE_RULE.jobMs in bench/targets.ts). Genesys documents no figure for an Architect publish job.
 * What is on record: the provider never expects one to be final at once (it polls, then sleeps 15 s;
 * it allows 16 minutes); Architect's own export jobs are polled every 2 s for up to 90 s by the same
 * provider (resource_genesyscloud_architect_flow_proxy.go, pollExportJobForDownloadUrlFn), a service
 * whose jobs take seconds. 5 s is a choice inside the 0.5-15 s band where every job costs the same
 * one poll sleep, so the round's figures hold for any job in that band; `--job-ms 0` gives the
 * emulator's instant jobs, `--job-ms 20000` a job slow enough for a second sleep.
 */
export const DEFAULT_PUBLISH_JOB_MS = CASCADE_RULE.jobMs;
/** How long the provider polls one publish job before it gives up (`util.WithRetries(ctx, 16*time.Minute, ...)`). */
export const PROVIDER_JOB_LIMIT_S = 16 * 60;
/** The longest job the round accepts (the provider gives up on a job after 16 minutes). */
export const MAX_PUBLISH_JOB_MS = 15 * 60_000;
/** The provider's sleep between two polls of a publish job that is not final (resource_genesyscloud_flow.go). */
export const PROVIDER_POLL_SLEEP_S = 15;

/** What the judgement reads of a cascade step (bench/run.ts StepResult has more). */
export interface CascadeFigures {
  /** Ours unless said (OpenTofu in the cascade round, issue 90.1). */
  project?: string;
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
  /** The round's run of this N (1-based; the no-op it is compared with is the same run's). */
  run?: number;
  /** Publishes in flight as the emulator saw them (bench/stats.ts concurrency), when measured. */
  inFlight?: { max: number; mean: number };
}

export interface CascadeRow {
  project: string;
  n: number;
  run: number;
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
  /** Publishes in flight, measured from the emulator's log: the most at once and the mean over the window (null when not measured). */
  inFlightMax: number | null;
  inFlightMean: number | null;
}

/** The cascade steps of a run (those with slow jobs and a module change), one row each. */
export function cascadeRows(steps: readonly CascadeFigures[]): CascadeRow[] {
  const noop = (s: CascadeFigures, run: number) =>
    steps.find(
      (x) => x.project === s.project && x.n === s.n && (x.run ?? 1) === run && x.step === "up-noop" && x.code === 0,
    );
  return steps
    .filter((s) => s.code === 0 && s.jobMs > 0 && s.republished.length > 0)
    .map((s) => {
      const window = s.publishWindowS ?? s.wallS;
      const run = s.run ?? 1;
      const base = noop(s, run);
      return {
        project: s.project ?? "ours",
        n: s.n,
        run,
        step: s.step,
        flows: s.republished.length,
        wallS: s.wallS,
        windowS: s.publishWindowS,
        aboveNoopS: base ? r2(s.wallS - base.wallS) : null,
        perFlowS: r2(window / s.republished.length),
        impliedConcurrency: r2((s.republished.length * PROVIDER_POLL_SLEEP_S) / Math.max(window, 0.1)),
        inFlightMax: s.inFlight?.max ?? null,
        inFlightMean: s.inFlight?.mean ?? null,
      };
    });
}
