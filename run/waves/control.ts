// A person's pause or resume of a module rollout in waves, written into the stack's state: the
// rollout's record (the WaveRollout resource, planner/waves/rolloutRecord.ts) read from `pulumi stack export`,
// changed (planner/waves/rolloutControl.ts: the pause, who, when, why, the log) and written back with
// `pulumi stack import`. No run, nothing published, no sign-in: a pause works whatever git holds
// and whether the org answers (`status` signs in, to say what the org runs). Every later run reads
// it (plain pulumi too). A run in progress keeps what it read: pause between runs (cancel a running one).
import { controlled, describeControl, renderRolloutStatus, rolloutOf } from "../../planner/waves/rolloutControl";
import type { WaveRolloutRecord } from "../../planner/waves/rolloutRecord";
import { importStackExport, parseStackExport, readStackExport, withWaveRecord } from "../../org/stackExport";
import type { OrgConnection } from "../../org/signIn";
import { renderRolloutInOrg } from "../../planner/waves/rolloutInOrg";
import { lockText, stackLocks } from "../operationReports";
import { readRolloutsInOrg } from "./inOrg";

/** A pause or resume the state refuses (no such rollout, paused already, ...): nothing was written. */
export class RolloutRefused extends Error {}

export interface ControlRequest {
  stack: string;
  root: string;
  /** The module whose rollout it is (default: the stack's only one). */
  module?: string;
  action: "pause" | "resume";
  by: string;
  reason: string;
  now?: () => Date;
}

/** The rollouts the stack's state records (none before the first deploy). */
export async function recordedRollouts(
  stack: string,
  root: string,
): Promise<{ text: string; records: readonly WaveRolloutRecord[] }> {
  const text = (await readStackExport(stack, { root })) ?? "";
  return { text, records: text === "" ? [] : (parseStackExport(stack, text).deployment.waves ?? []) };
}

/** Pauses or resumes the rollout in the stack's state; what it did, in words. Throws RolloutRefused. */
export async function controlRollout(req: ControlRequest): Promise<string> {
  const { text, records } = await recordedRollouts(req.stack, req.root);
  const record = rolloutOf(req.stack, records, req.module);
  if ("refusal" in record) throw new RolloutRefused(record.refusal);
  const at = (req.now ?? (() => new Date()))().toISOString();
  const changed = controlled(req.stack, record, req.action, { by: req.by, at, reason: req.reason });
  if ("refusal" in changed) throw new RolloutRefused(changed.refusal);
  await importStackExport(req.stack, withWaveRecord(req.stack, text, changed), req.root);
  return describeControl(req.stack, changed, req.action);
}

/**
 * `genesys-flows rollout status`: the records, then what the org runs of each (`connect`: signs in
 * as verify does; where it cannot, it says why), and a lock a stopped run left on the stack.
 */
export async function rolloutStatus(
  stack: string,
  root: string,
  connect: () => Promise<OrgConnection>,
): Promise<string> {
  const { text, records } = await recordedRollouts(stack, root);
  const more = new Map<string, string[]>();
  if (records.length > 0) {
    const { deployment, releases } = parseStackExport(stack, text);
    try {
      for (const r of await readRolloutsInOrg((await connect()).api, deployment, releases.history))
        more.set(r.module, renderRolloutInOrg(r));
    } catch (e) {
      for (const r of records) more.set(r.module, [`    what the org runs could not be read: ${(e as Error).message}`]);
    }
  }
  const locks = await stackLocks(stack, root);
  return renderRolloutStatus(stack, records, more) + (locks?.length ? `${lockText(stack, locks)}\n` : "");
}
