// A person's acts on a module rollout in waves (docs/waves.md, "In an incident"): pause (no run
// starts a wave), resume (runs start waves again; after a rollback, the revision may roll out again
// from wave 1), and the status of every rollout the stack records, with who did what when. A pause
// or a resume changes the rollout's record in the stack's state and nothing else (no run, nothing
// published: tools/rollout.ts writes it); `rollout next` is a run (run/stackRun.ts). Pure.
import { rollbackCommand, rolloutCommand, ROLLOUT_LOG_KEPT, type RolloutAct, type WaveRolloutRecord } from "./waves";

export type ControlAction = "pause" | "resume" | "next";

/** The record a rollout is about: the one of `module`, or the only one when none is named. */
export function rolloutOf(stack: string, records: readonly WaveRolloutRecord[], module: string | undefined): WaveRolloutRecord | { refusal: string } {
  const known = records.map((r) => r.module);
  const have = known.length > 0 ? `it records ${known.join(", ")}` : "it records none";
  if (module === undefined) {
    if (records.length === 1) return records[0];
    return { refusal: records.length === 0 ? `stack "${stack}" has no rollout in waves in progress` : `stack "${stack}" has more than one rollout (${known.join(", ")}): name one with --module` };
  }
  return records.find((r) => r.module === module) ?? { refusal: `stack "${stack}" has no rollout of module ${module} (${have})` };
}

/** The record after a pause or a resume by `act`, or why it cannot be. */
export function controlled(stack: string, r: WaveRolloutRecord, action: "pause" | "resume", act: RolloutAct): WaveRolloutRecord | { refusal: string } {
  const log = [...(r.log ?? []), { action, ...act }].slice(-ROLLOUT_LOG_KEPT);
  if (action === "pause") {
    if (r.rolledBack) return { refusal: `the rollout of module ${r.module} was rolled back (to ${r.rolledBack.to}): nothing rolls out to pause` };
    if (r.paused) return { refusal: `the rollout of module ${r.module} is paused already (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason})` };
    return { ...r, paused: { ...act }, log };
  }
  if (r.rolledBack) {
    // Rolled out again from wave 1 by the next up: no wave has started for the revision since.
    const { rolledBack: _rolledBack, ...rest } = r;
    return { ...rest, started: 0, held: [], log };
  }
  if (!r.paused) return { refusal: `the rollout of module ${r.module} is not paused${r.waitingFor?.length ? ` (its next wave waits for the checks between waves: fix them, or ${rolloutCommand("next", r.module, stack)})` : ""}` };
  const { paused: _paused, ...rest } = r;
  return { ...rest, log };
}

/** What a pause or a resume did, in a person's words. */
export function describeControl(stack: string, r: WaveRolloutRecord, action: "pause" | "resume"): string {
  if (action === "pause") {
    return `The rollout of module ${r.module} on stack "${stack}" is paused: no up starts a wave (wave ${r.started} of ${r.waves.length} is out; an up still publishes again what did not complete). ${rolloutCommand("resume", r.module, stack)} lets ups go on; ${rolloutCommand("next", r.module, stack)} starts one wave; ${rollbackCommand(stack)} takes the module back.\n`;
  }
  if (r.started === 0) return `The rollout of module ${r.module} on stack "${stack}" goes out again: the next up starts wave 1 of ${r.waves.length}.\n`;
  return `The rollout of module ${r.module} on stack "${stack}" is resumed: the next up starts wave ${r.started + 1} of ${r.waves.length} once the checks between waves pass.\n`;
}

/** `genesys-flows rollout status`: every rollout the stack records, where it stands, and its log. */
export function renderRolloutStatus(stack: string, records: readonly WaveRolloutRecord[]): string {
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
    r.waves.forEach((w, i) => out.push(`    wave ${i + 1}: ${w.join(", ")}${i < r.started ? "" : " (not started)"}`));
    if (r.held.length > 0) out.push(`    held on the version they were published with: ${r.held.join(", ")}`);
    for (const w of r.waitingFor ?? []) out.push(`    waits for: ${w}`);
    for (const e of r.log ?? []) {
      const extra = e.action === "next" ? ` (started wave ${e.wave ?? "?"}${e.past?.length ? `, past: ${e.past.join("; ")}` : ""})` : "";
      out.push(`    ${e.at}  ${e.action.padEnd(8)} by ${e.by}: ${e.reason}${extra}`);
    }
  }
  return out.join("\n") + "\n";
}
