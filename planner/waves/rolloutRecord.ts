// What a module rollout in waves keeps between runs (docs/waves.md): each rollout in progress is
// recorded as a component's inputs (module, the revision rolled out, how many waves started;
// components/waveRollout.ts), written when the run registers it, before any publish, so a run that
// fails half-way still records it. What each caller runs is read from its Flow resource (its update
// trigger, written only when its publish succeeded). The record carries what people did to the
// rollout: a pause, a rollback that ended it, and the log of who did what when
// (planner/waves/rolloutControl.ts). org/stackExport.ts reads it back from the state. Pure data.

/** The type of the component recording a rollout in progress (its inputs are a WaveRolloutRecord). */
export const WAVE_ROLLOUT_TYPE = "genesys-flows:index:WaveRollout";

/** Who did something to a rollout, when, and why (`genesys-flows rollout`, a rollback). */
export interface RolloutAct {
  by: string;
  /** ISO-8601. */
  at: string;
  reason: string;
}

/** One line of a rollout's log: pause, resume, next (the wave it started, what the gate said), rollback. */
export interface RolloutLogEntry extends RolloutAct {
  action: "pause" | "resume" | "next" | "rollback";
  /** next: the wave it started. */
  wave?: number;
  /** next: why the gate between waves would have held that wave (empty: it would not). */
  past?: string[];
}

/** The entries a record keeps (the oldest dropped first). */
export const ROLLOUT_LOG_KEPT = 50;

/** A rollout in progress as a run records it (the WaveRollout component's inputs). */
export interface WaveRolloutRecord {
  /** The module's flow id. */
  module: string;
  modulePublishedName: string;
  /** The module revision being rolled out. */
  revision: string;
  /** The module revision the deployed callers ran when the rollout started. */
  from: string;
  /** Waves started so far (1 = the first wave has been published or attempted). */
  started: number;
  /** The waves as resolved by this run: caller flow ids, in order. */
  waves: string[][];
  /** Deployed callers this run left on the version they were published with (waves not started). */
  held: string[];
  /** A person paused the rollout (`genesys-flows rollout pause`): no run starts a wave until it is resumed. */
  paused?: RolloutAct;
  /** Why the last run did not start the next wave: the gate between waves (verify, the scenarios). */
  waitingFor?: string[];
  /**
   * A rollback ended the rollout (the release it went back to): this revision does not roll out
   * again until a new commit changes the module or a person resumes it (`rollout resume`).
   */
  rolledBack?: RolloutAct & { to: string };
  /** What people did to the rollout, oldest first. */
  log?: RolloutLogEntry[];
}
