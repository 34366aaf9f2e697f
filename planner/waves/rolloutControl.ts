// A person's acts on a module rollout in waves (docs/waves.md, "In an incident"): pause (no run
// starts a wave), resume (runs start waves again; after a rollback, the revision may roll out again
// from wave 1), a rollback's end of every rollout in progress, and the status of every rollout the
// stack records, with who did what when; and the commands for them as every message prints them
// (tools/rollout.ts and tools/rollback.ts take them; test/unit/rolloutControl.test.ts checks that
// they parse). A pause or a resume changes the rollout's record in the stack's state and nothing
// else (no run, nothing published: tools/rollout.ts writes it); `rollout next` is a run
// (run/stackRun.ts). Pure.
import type { FlowIssue } from "../../model/errors";
import type { FlowRef } from "../flowRef";
import { ROLLOUT_LOG_KEPT, type RolloutAct, type WaveRolloutRecord } from "./rolloutRecord";

/** The command a person types to act on a rollout (tools/rollout.ts), as messages print it. */
export function rolloutCommand(action: "pause" | "resume" | "next" | "status", module: string, stack?: string): string {
  return `genesys-flows rollout ${action}${stack !== undefined ? ` --stack ${stack}` : ""} --module ${module}${action === "status" ? "" : ' --reason "<why>"'}`;
}

/** The command that takes a stack back to the release before a rollout (tools/rollback.ts). */
export function rollbackCommand(stack?: string): string {
  return `genesys-flows rollback${stack !== undefined ? ` --stack ${stack}` : ""} --to previous`;
}

/** The record a rollout is about: the one of `module`, or the only one when none is named. */
export function rolloutOf(
  stack: string,
  records: readonly WaveRolloutRecord[],
  module: string | undefined,
): WaveRolloutRecord | { refusal: string } {
  const known = records.map((r) => r.module);
  const have = known.length > 0 ? `it records ${known.join(", ")}` : "it records none";
  if (module === undefined) {
    if (records.length === 1) return records[0];
    return {
      refusal:
        records.length === 0
          ? `stack "${stack}" has no rollout in waves in progress`
          : `stack "${stack}" has more than one rollout (${known.join(", ")}): name one with --module`,
    };
  }
  return (
    records.find((r) => r.module === module) ?? {
      refusal: `stack "${stack}" has no rollout of module ${module} (${have})`,
    }
  );
}

/** The record after a pause or a resume by `act`, or why it cannot be. */
export function controlled(
  stack: string,
  r: WaveRolloutRecord,
  action: "pause" | "resume",
  act: RolloutAct,
): WaveRolloutRecord | { refusal: string } {
  const log = [...(r.log ?? []), { action, ...act }].slice(-ROLLOUT_LOG_KEPT);
  if (action === "pause") {
    if (r.rolledBack)
      return {
        refusal: `the rollout of module ${r.module} was rolled back (to ${r.rolledBack.to}): nothing rolls out to pause`,
      };
    if (r.paused)
      return {
        refusal: `the rollout of module ${r.module} is paused already (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason})`,
      };
    return { ...r, paused: { ...act }, log };
  }
  if (r.rolledBack) {
    // Rolled out again from wave 1 by the next up: no wave has started for the revision since.
    const { rolledBack: _rolledBack, ...rest } = r;
    return { ...rest, started: 0, held: [], log };
  }
  if (!r.paused)
    return {
      refusal: `the rollout of module ${r.module} is not paused${r.waitingFor?.length ? ` (its next wave waits for the checks between waves: fix them, or ${rolloutCommand("next", r.module, stack)})` : ""}`,
    };
  const { paused: _paused, ...rest } = r;
  return { ...rest, log };
}

/** What a pause or a resume did, in a person's words. */
export function describeControl(stack: string, r: WaveRolloutRecord, action: "pause" | "resume"): string {
  if (action === "pause") {
    return `The rollout of module ${r.module} on stack "${stack}" is paused: no up starts a wave (wave ${r.started} of ${r.waves.length} is out; an up still publishes again what did not complete). ${rolloutCommand("resume", r.module, stack)} lets ups go on; ${rolloutCommand("next", r.module, stack)} starts one wave; ${rollbackCommand(stack)} takes the module back.\n`;
  }
  if (r.started === 0)
    return `The rollout of module ${r.module} on stack "${stack}" goes out again: the next up starts wave 1 of ${r.waves.length}.\n`;
  return `The rollout of module ${r.module} on stack "${stack}" is resumed: the next up starts wave ${r.started + 1} of ${r.waves.length} once the checks between waves pass.\n`;
}

/** `genesys-flows rollout status`: every rollout the stack records, where it stands, its log, and `more` lines of it (what the org runs). */
export function renderRolloutStatus(
  stack: string,
  records: readonly WaveRolloutRecord[],
  more: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  if (records.length === 0) return `Stack "${stack}" has no rollout in waves in progress.\n`;
  const out = [`Rollouts in waves of stack "${stack}":`];
  for (const r of records) {
    const state = r.rolledBack
      ? `rolled back to ${r.rolledBack.to} (by ${r.rolledBack.by} at ${r.rolledBack.at}) during wave ${r.started} of ${r.waves.length}`
      : r.paused
        ? `paused (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason}); wave ${r.started} of ${r.waves.length} is out`
        : r.waitingFor?.length
          ? `wave ${r.started} of ${r.waves.length} is out; wave ${r.started + 1} waits for the checks between waves`
          : r.started === 0
            ? `resumed after a rollback: the next up starts wave 1 of ${r.waves.length}`
            : `wave ${r.started} of ${r.waves.length} is out`;
    out.push(`  module ${r.module} (${r.modulePublishedName}): ${state}`);
    r.waves.forEach((w, i) => {
      out.push(`    wave ${i + 1}: ${w.join(", ")}${i < r.started ? "" : " (not started)"}`);
    });
    if (r.held.length > 0) out.push(`    held on the version they were published with: ${r.held.join(", ")}`);
    for (const w of r.waitingFor ?? []) out.push(`    waits for: ${w}`);
    for (const e of r.log ?? []) {
      const extra =
        e.action === "next"
          ? ` (started wave ${e.wave ?? "?"}${e.past?.length ? `, past: ${e.past.join("; ")}` : ""})`
          : "";
      out.push(`    ${e.at}  ${e.action.padEnd(8)} by ${e.by}: ${e.reason}${extra}`);
    }
    out.push(...(more.get(r.module) ?? []));
  }
  return `${out.join("\n")}\n`;
}

/** Whether a recorded rollout leaves any caller on the previous module version (a rollback ends it). */
export function waveInProgress(records: readonly WaveRolloutRecord[]): boolean {
  return records.some((r) => r.rolledBack === undefined && (r.held.length > 0 || r.started < r.waves.length));
}

/** The records a rollback leaves: every rollout in progress ended (its callers go back with the release), the act logged. */
export function endedByRollback(
  records: readonly WaveRolloutRecord[],
  act: RolloutAct & { to: string },
): WaveRolloutRecord[] {
  return records.map((r) => {
    if (r.rolledBack !== undefined) return r;
    const { paused: _paused, waitingFor: _waiting, ...rest } = r;
    const log = [...(r.log ?? []), { action: "rollback" as const, by: act.by, at: act.at, reason: act.reason }].slice(
      -ROLLOUT_LOG_KEPT,
    );
    return { ...rest, held: [], rolledBack: { ...act }, log };
  });
}

/** The refusal of a run that would roll out again a revision a rollback took back. */
export function rolledBackRefusal(m: FlowRef, r: WaveRolloutRecord, stackFile: string, stack?: string): FlowIssue {
  const rb = r.rolledBack!;
  return {
    file: m.file,
    field: "(the flow)",
    message:
      `this revision of module ${m.id} was rolled back (rollback --to ${rb.to} by ${rb.by} at ${rb.at}); this up would roll it out again from wave 1. ` +
      `Commit a change of ${m.file} (a fix, or a revert) and up, or say it goes out again: ${rolloutCommand("resume", m.id, stack)} (${stackFile} keeps its waves)`,
  };
}
