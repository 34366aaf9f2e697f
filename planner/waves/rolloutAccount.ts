// Where each module rollout in waves stands, in words: the run's line for each rollout it carries
// out (the wave going out, who gets the module's new version, who keeps the previous one), and after
// a run, which module version each caller of every recorded rollout runs, read from the stack's
// state (verify/account.ts is the same account for the flows of a run that failed part-way). Pure.
import type { FlowRef } from "../flowRef";
import { rolloutCommand } from "./rolloutControl";
import type { RolloutAct, WaveRolloutRecord } from "./rolloutRecord";
import { currentTrigger, staysInProgress, type RolloutPlan, type WaveDeployedFlow } from "./wavePlan";

/** What happens to the wave after `r.current`, in words (the run's line, the account after it). */
function nextWaveText(r: {
  current: number;
  waves: readonly unknown[];
  paused?: RolloutAct;
  waiting: boolean;
}): string {
  if (r.current >= r.waves.length) return "every wave has started";
  const n = r.current + 1;
  if (r.paused)
    return `wave ${n} does not start: the rollout is paused (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason})`;
  if (r.waiting) return `wave ${n} waits: the checks between waves did not pass`;
  return `wave ${n} goes with the next up once the checks between waves pass`;
}

/** One line per rollout: the wave going out, who gets the module's new version, who keeps the previous one. */
export function describeRollout(r: RolloutPlan): string {
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(", ") : "none");
  const what = r.startsWave
    ? r.next
      ? `starts (rollout next by ${r.next.by}: ${r.next.reason})`
      : "starts"
    : r.waiting
      ? "stays out"
      : "is published again (it is not complete)";
  const end = !staysInProgress(r) ? "; the rollout ends with this run" : `; ${nextWaveText(r)}`;
  return (
    `module ${r.module} (${r.moduleFile}) rolls out in waves: wave ${r.current} of ${r.waves.length} ${what}; ` +
    `on the new version after this run: ${list([...r.released, ...r.created])}; keep the version they were published with: ${list(r.held)}${end}`
  );
}

/** What one caller of a rollout runs, as the stack's state says. */
export interface CallerVersion {
  id: string;
  /** 1-based wave. */
  wave: number;
  runs: "new" | "held" | "not-published" | "not-deployed";
  /** The revision of the module it was published with, when the state records it. */
  moduleRevision?: string;
}

export interface RolloutAccount {
  record: WaveRolloutRecord;
  /** Every caller in the started waves runs the rolled-out revision. */
  complete: boolean;
  callers: CallerVersion[];
}

/**
 * Which module version each caller of every recorded rollout runs (the stack's state after a run):
 * the new one, the one it was published with because its wave has not started (held), or the one
 * it was published with because its publish in a started wave did not happen or failed. Pure.
 */
export function rolloutAccounts(
  flows: readonly FlowRef[],
  deployed: ReadonlyMap<string, WaveDeployedFlow>,
  records: readonly WaveRolloutRecord[],
): RolloutAccount[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  return records.map((record) => {
    const callers = record.waves.flatMap((w, i) =>
      w.map((id): CallerVersion => {
        const d = deployed.get(id);
        const f = byId.get(id);
        const moduleRevision = d?.moduleRevisions?.[record.module];
        const revision = moduleRevision !== undefined ? { moduleRevision } : {};
        if (!d?.updateTriggerHash || !f || f.calls.some((c) => !byId.has(c)))
          return { id, wave: i + 1, runs: "not-deployed" };
        if (d.updateTriggerHash === currentTrigger(f, byId)) return { id, wave: i + 1, runs: "new", ...revision };
        return { id, wave: i + 1, runs: i + 1 > record.started ? "held" : "not-published", ...revision };
      }),
    );
    return { record, complete: callers.every((c) => c.wave > record.started || c.runs !== "not-published"), callers };
  });
}

const RUNS_TEXT: Record<CallerVersion["runs"], string> = {
  new: "the new version",
  held: "the version it was published with (held until its wave)",
  "not-published": "the version it was published with (its publish in this wave did not happen or failed)",
  "not-deployed": "not deployed",
};

/** The accounts as text: one block per rollout, one row per caller (`stack`: for the commands it names). */
export function renderRolloutAccounts(accounts: readonly RolloutAccount[], stack?: string): string {
  if (accounts.length === 0) return "";
  const out = ["Rollouts in waves (which module version each caller runs, from the stack's state):"];
  for (const a of accounts) {
    const { record: r } = a;
    if (r.rolledBack) {
      out.push(
        `  module ${r.module}: rolled back to ${r.rolledBack.to} (by ${r.rolledBack.by} at ${r.rolledBack.at}) during wave ${r.started} of ${r.waves.length}; its revision rolls out again only after a new commit changes the module, or ${rolloutCommand("resume", r.module, stack)}`,
      );
      continue;
    }
    const next = !a.complete
      ? r.started < r.waves.length
        ? `wave ${r.started + 1} does not start until it is`
        : "the next up publishes it again"
      : nextWaveText({
          current: r.started,
          waves: r.waves,
          ...(r.paused ? { paused: r.paused } : {}),
          waiting: (r.waitingFor?.length ?? 0) > 0,
        });
    out.push(
      `  module ${r.module}: wave ${r.started} of ${r.waves.length} is out${a.complete ? "" : ", not complete"}; ${next}`,
    );
    const rows = a.callers.map((c) => [
      c.id,
      `wave ${c.wave}`,
      RUNS_TEXT[c.runs] +
        (c.moduleRevision && c.runs !== "new" ? `, module revision ${c.moduleRevision.slice(0, 12)}` : ""),
    ]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
    for (const row of rows) out.push(`    ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`);
  }
  return `${out.join("\n")}\n`;
}
