// WaveRollout: the record of a module change rolling out in waves (planner/waves/rolloutRecord.ts). It publishes
// nothing; its inputs are the record, which the engine writes to the state when the component is
// registered, before any flow publishes: a run that fails half-way still leaves the record, and
// the next run finds which callers run which module revision (org/stackExport.ts reads it back).
// Registered while the rollout is in progress (and after a rollback ended it, while its revision is
// still what the files say); the run that starts its last wave, or finds it finished, no longer
// registers it, and the engine deletes it.
import * as pulumi from "@pulumi/pulumi";
import { WAVE_ROLLOUT_TYPE, type WaveRolloutRecord } from "../planner/waves/rolloutRecord";
import { resourceNameOf } from "../planner/names";

/** Checks a record before it is registered. Exported for testing. */
export function validateWaveRolloutArgs(record: WaveRolloutRecord): void {
  if (!record?.module) throw new Error("WaveRollout: 'module' is required");
  if (!/^[0-9a-f]{64}$/.test(record.revision))
    throw new Error(`WaveRollout for ${record.module}: 'revision' must be a SHA-256 hex digest`);
  // 0: no wave started yet (a rollout resumed after a rollback, then paused before its wave 1).
  if (!Number.isInteger(record.started) || record.started < 0 || record.started > record.waves.length) {
    throw new Error(
      `WaveRollout for ${record.module}: 'started' (${record.started}) must be between 0 and the number of waves (${record.waves.length})`,
    );
  }
}

export class WaveRollout extends pulumi.ComponentResource {
  static readonly type = WAVE_ROLLOUT_TYPE;
  readonly record: WaveRolloutRecord;
  constructor(record: WaveRolloutRecord, opts?: pulumi.ComponentResourceOptions) {
    validateWaveRolloutArgs(record);
    // Named after the module's resource, so one rollout per module and a stable URN between runs.
    super(WAVE_ROLLOUT_TYPE, `waves-${resourceNameOf(record.module)}`, { ...record }, opts);
    this.record = record;
    // The same record as outputs: the policy pack's stack checks read registered outputs (policies/wiring.ts).
    this.registerOutputs({ ...record });
  }
}
