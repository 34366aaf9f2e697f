// The closing account of an `up` that failed part-way: which flows of the plan the org now runs at
// the planned revision (published by this run, or already current), which it does not, which
// callers of a changed module run its new version and which still its previous one, and what the
// next `up` will do. Genesys publishes flow by flow, so a refusal the checks could not foresee can
// leave a module change half rolled out; this says exactly where. Pure: the plan and the state
// come in, text goes out.
import type { StackDeployment } from "../org/model";
import type { FlowRef } from "../planner/flowRef";

/** A planned flow as the account needs it; a held caller's `revision` is the one it runs. */
export interface AccountFlow extends Omit<FlowRef, "contentRevision"> {
  /** A caller a rollout in waves keeps on the module version it was published with (planner/waves/wavePlan.ts). */
  held?: boolean;
}

export interface RunAccount {
  /** Published by this run (the state changed them after it started). */
  published: string[];
  /** Already at the planned revision before this run. */
  current: string[];
  /** Not at the planned revision: the next `up` publishes them. */
  pending: string[];
  /**
   * Published in the org during the run by the org's account, though the state does not record it
   * (the run stopped between the publish and the provider reading it back); see withOrgPublishes.
   */
  unrecorded: string[];
  /** Modules this run published, with their direct callers split by the version they run (held: kept on the previous one by a rollout in waves, on purpose). */
  modules: Array<{ module: string; onNew: string[]; onPrevious: string[]; held?: string[] }>;
}

/** The account of a run that started at `startedAt` (ms), from the plan and the state after it. */
export function runAccount(plan: readonly AccountFlow[], after: StackDeployment, startedAt: number): RunAccount {
  const deployed = new Map(after.flows.map((f) => [f.id, f]));
  const atPlan = (f: AccountFlow) => deployed.get(f.id)?.revision === f.revision;
  const publishedNow = (f: AccountFlow) => {
    const m = deployed.get(f.id)?.modified;
    return atPlan(f) && m !== undefined && Date.parse(m) >= startedAt;
  };
  const out: RunAccount = { published: [], current: [], pending: [], unrecorded: [], modules: [] };
  for (const f of plan) {
    if (!atPlan(f)) out.pending.push(f.publishedName);
    else if (publishedNow(f)) out.published.push(f.publishedName);
    else out.current.push(f.publishedName);
  }
  for (const m of plan.filter((f) => f.isModule && publishedNow(f))) {
    const callers = plan.filter((f) => f.calls.includes(m.id));
    const held = callers.filter((c) => c.held === true && atPlan(c)).map((c) => c.publishedName);
    out.modules.push({
      module: m.publishedName,
      onNew: callers.filter((c) => atPlan(c) && c.held !== true).map((c) => c.publishedName),
      onPrevious: callers.filter((c) => !atPlan(c)).map((c) => c.publishedName),
      ...(held.length > 0 ? { held } : {}),
    });
  }
  return out;
}

/**
 * The account corrected by the org: a flow the state does not record at the plan's revision, but
 * whose published version the org dated after the run started (`publishedAt`: epoch ms by
 * published name, as read after the failure), was published by this run; listing it as "not
 * recorded" alone would say the org runs its previous version, which it does not.
 */
export function withOrgPublishes(
  a: RunAccount,
  publishedAt: ReadonlyMap<string, number>,
  startedAt: number,
): RunAccount {
  const byRun = (name: string) => (publishedAt.get(name) ?? -Infinity) >= startedAt;
  const modules = a.modules.map((m) => ({
    ...m,
    onNew: [...m.onNew, ...m.onPrevious.filter(byRun)],
    onPrevious: m.onPrevious.filter((n) => !byRun(n)),
  }));
  return {
    ...a,
    pending: a.pending.filter((n) => !byRun(n)),
    unrecorded: [...a.unrecorded, ...a.pending.filter(byRun)],
    modules,
  };
}

const list = (names: readonly string[]) => (names.length === 0 ? "none" : names.join(", "));

/** The account as the `up` output ends with it. */
export function renderRunAccount(a: RunAccount, upCommand: string): string {
  // From the stack's state: a publish in flight when the run stopped may have reached the org
  // without being recorded; the next up publishes it again.
  const lines = [
    "The run stopped part-way. What the stack's state records now (what the next up starts from), corrected by the org where it says more:",
  ];
  lines.push(`  published by this run: ${list(a.published)}`);
  if (a.current.length > 0) lines.push(`  already current: ${list(a.current)}`);
  if (a.unrecorded.length > 0)
    lines.push(
      `  published in the org by this run, but not recorded in the state (the run stopped before the provider read them back): ${list(a.unrecorded)}`,
    );
  lines.push(`  not recorded as published (the previous version, or not in the org): ${list(a.pending)}`);
  for (const m of a.modules) {
    lines.push(
      `  module ${m.module} is new in the org; callers on the new version: ${list(m.onNew)}; not yet: ${list(m.onPrevious)}${m.held ? `; held on the previous one by its rollout in waves: ${list(m.held)}` : ""}`,
    );
  }
  const unrecorded = [...a.unrecorded, ...a.pending];
  lines.push(
    unrecorded.length > 0
      ? `  the next \`${upCommand}\` publishes what is not recorded (${list(unrecorded)}) once the cause above is fixed; nothing else is republished.`
      : `  every flow of the plan is published; the next \`${upCommand}\` changes nothing.`,
  );
  return `${lines.join("\n")}\n`;
}
