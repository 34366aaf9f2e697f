// Waves: a module change rolled out to its callers over several `up`s instead of one (docs/waves.md).
// Genesys publishes a caller with the latest published version of every module it calls and keeps
// that snapshot until the caller is published again; so a caller that is not republished keeps
// running the module version it was published with. A rollout republishes the module and the
// callers of the current wave; every other deployed caller keeps the update trigger it was last
// published with (components/publishedFlow.ts), so the provider leaves it alone.
//
// State between runs: each rollout in progress is recorded as a component's inputs (module, the
// revision rolled out, how many waves started; components/waveRollout.ts), written when the run
// registers it, before any publish, so a run that fails half-way still records it. What each caller
// runs is read from its Flow resource (its update trigger, written only when its publish succeeded):
// a wave is complete when every deployed caller in it carries the trigger of the current modules.
// A run starts the next wave only when the waves before it are complete; otherwise it publishes the
// same waves again (a failed caller is retried, the others are already current). A person may
// pause a rollout (no run starts a wave), start the next wave past the gate (`rollout next`) or
// roll back (the rollout ends; its revision does not roll out again until a new commit changes
// the module or a person resumes it): the record carries that and who did it when, and the run
// that starts the last wave records no rollout any more (every caller runs the new revision or is
// a failed publish the next up retries like any other). Pure.
import type { FlowIssue } from "../model/errors";
import { listNames, suggestThen } from "../archy/suggest";
import type { FlowRef } from "./flowRef";
import { ModuleGraph } from "./moduleGraph";
import { flowRevision, moduleTrigger, sha256 } from "./revisions";
import type { WaveSpec } from "./stackSettings";
import { cmp } from "../archy/json";

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

/** A flow as the stack last deployed it (org/model.ts DeployedFlow has these fields). */
export interface WaveDeployedFlow {
  id: string;
  revision: string;
  /** The update trigger its Flow was last published with (only a successful publish writes it). */
  updateTriggerHash?: string;
  /** The revisions of the modules it calls directly, as last registered, by module id. */
  moduleRevisions?: Readonly<Record<string, string>>;
  /** Its content revision as last registered. */
  contentRevision?: string;
}

/** What a held caller keeps: what its component registers instead of the current modules. */
export interface HeldCaller {
  updateTriggerHash: string;
  revision: string;
  moduleRevisions?: Readonly<Record<string, string>>;
  /** The rollouts holding it (module ids). */
  heldBy: string[];
}

/** One rollout as this run carries it out. */
export interface RolloutPlan extends WaveRolloutRecord {
  moduleFile: string;
  /** The wave this run publishes (1-based; waves before it are published again where incomplete). */
  current: number;
  /** Whether this run starts `current` (a new rollout, or the waves before it are complete). */
  startsWave: boolean;
  /** The waves out are complete, but the run may not start the next (the gate between waves holds it, or a pause). */
  waiting: boolean;
  /** Why the gate between waves holds the next wave (when `waiting` and not paused). */
  waitingFor: string[];
  /** This run starts the wave because a person said so (`rollout next`), past the gate and a pause. */
  next?: RolloutLogEntry;
  /** Deployed callers already on the new revision, and those in started waves this run (re)publishes. */
  released: string[];
  /** Callers not deployed yet: created with the module's latest version. */
  created: string[];
}

export interface WavePlan {
  /** Rollouts this run carries out (finished ones are gone). */
  rollouts: RolloutPlan[];
  /** Records kept that roll nothing out: rollouts a rollback ended, until their revision is gone from git or resumed. */
  ended: WaveRolloutRecord[];
  /** Deployed callers that keep the version they were published with, by flow id. */
  held: Map<string, HeldCaller>;
  /** Rollouts this run finds finished (every caller runs the module's revision). */
  finished: string[];
}

export interface WavesInput {
  flows: readonly FlowRef[];
  /** The stack's `genesys-flows:waves`. */
  waves: Readonly<Record<string, readonly WaveSpec[]>>;
  /** What the stack last deployed, by flow id (empty for a first deploy). */
  deployed: ReadonlyMap<string, WaveDeployedFlow>;
  /** The rollouts the last run recorded. */
  previous: readonly WaveRolloutRecord[];
  stackFile: string;
  /** The stack's name, for the commands messages print. */
  stack?: string;
  /** Whether the run may start a next wave (default true; the deploy's gate passes false to hold). */
  advance?: boolean;
  /** Why the gate holds (recorded with the rollouts that wait). */
  gateReasons?: readonly string[];
  /** A person's `rollout next`: that module's next wave starts past the gate and a pause. */
  next?: RolloutAct & { module: string };
}


/** The non-module flows reaching `module` (directly or through modules), sorted. */
export function callersOf(graph: ModuleGraph, flows: ReadonlyMap<string, FlowRef>, module: string): string[] {
  return graph.dependents(module).filter((id) => !flows.get(id)?.isModule);
}

/**
 * The waves of a module's rollout: the named callers in the order given, then each share (of all
 * the module's callers, rounded up, at least one) picked among the callers no wave names, in a
 * fixed pseudo-random order (SHA-256 of module and caller id: the same callers every run, not the
 * alphabet's first), then the callers left as the last wave. Empty waves are dropped. Assumes the
 * specs are valid (wavesProblems).
 */
export function resolveWaves(module: string, specs: readonly WaveSpec[], callers: readonly string[]): string[][] {
  const named = new Set(specs.flatMap((s) => ("flows" in s ? s.flows : [])));
  const pool = callers.filter((c) => !named.has(c)).sort((a, b) => cmp(sha256(`${module}\n${a}`), sha256(`${module}\n${b}`)) || cmp(a, b));
  const known = new Set(callers);
  const waves: string[][] = [];
  for (const s of specs) {
    if ("flows" in s) waves.push(s.flows.filter((f) => known.has(f)));
    else waves.push(pool.splice(0, Math.max(1, Math.ceil((s.share / 100) * callers.length))));
  }
  const placed = new Set(waves.flat());
  waves.push(callers.filter((c) => !placed.has(c)));
  return waves.filter((w) => w.length > 0);
}

/**
 * What is wrong with the stack's `genesys-flows:waves` for these flows: a key that is no module of
 * the stack, a wave naming an unknown flow, a flow that does not call the module, a flow in two
 * waves. Each names the stack file and the setting; refused before anything publishes.
 */
export function wavesProblems(flows: readonly FlowRef[], waves: Readonly<Record<string, readonly WaveSpec[]>>, stackFile: string): FlowIssue[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const ids = [...byId.keys()].sort(cmp);
  const modules = ids.filter((id) => byId.get(id)!.isModule);
  const issues: FlowIssue[] = [];
  for (const module of Object.keys(waves).sort(cmp)) {
    const field = `genesys-flows:waves.${module}`;
    const m = byId.get(module);
    if (!m) {
      issues.push({ file: stackFile, field, message: `names no flow this stack deploys${suggestThen(module, modules, `its modules: ${listNames(modules)}`)}` });
      continue;
    }
    if (!m.isModule) {
      issues.push({ file: stackFile, field, message: `${m.file} is not a common module: waves roll out a module change to the flows calling it${suggestThen(module, modules, `the stack's modules: ${listNames(modules)}`)}` });
      continue;
    }
    const callers = callersOf(graph, byId, module);
    const seen = new Map<string, number>();
    waves[module].forEach((spec, w) => {
      if (!("flows" in spec)) return;
      spec.flows.forEach((id, i) => {
        const at = `${field}[${w}].flows[${i}]`;
        const f = byId.get(id);
        if (!f) issues.push({ file: stackFile, field: at, message: `names no flow this stack deploys: "${id}"${suggestThen(id, callers, `the callers of ${module}: ${listNames(callers)}`)}` });
        else if (!callers.includes(id)) {
          const what = f.isModule ? `is a common module: it is republished with ${module} in every wave, never held` : `does not call module ${module} (directly or through modules)`;
          issues.push({ file: stackFile, field: at, message: `"${id}" (${f.file}) ${what}; the callers of ${module}: ${listNames(callers)}` });
        } else if (seen.has(id)) issues.push({ file: stackFile, field: at, message: `"${id}" is already in wave ${seen.get(id)! + 1}: waves must not overlap` });
        else seen.set(id, w);
      });
    });
  }
  return issues;
}

/** The update trigger a caller gets from the modules it calls now. */
function currentTrigger(f: FlowRef, byId: ReadonlyMap<string, FlowRef>): string {
  return moduleTrigger(f.calls.map((c) => byId.get(c)!.revision));
}

/** The command a person types to act on a rollout (tools/rollout.ts), as messages print it. */
export function rolloutCommand(action: "pause" | "resume" | "next" | "status", module: string, stack?: string): string {
  return `genesys-flows rollout ${action}${stack !== undefined ? ` --stack ${stack}` : ""} --module ${module}${action === "status" ? "" : ' --reason "<why>"'}`;
}

/** The command that takes a stack back to the release before a rollout (tools/rollback.ts). */
export function rollbackCommand(stack?: string): string {
  return `genesys-flows rollback${stack !== undefined ? ` --stack ${stack}` : ""} --to previous`;
}

/** The refusal of a run that would roll out again a revision a rollback took back. */
function rolledBackRefusal(m: FlowRef, r: WaveRolloutRecord, stackFile: string, stack?: string): FlowIssue {
  const rb = r.rolledBack!;
  return {
    file: m.file,
    field: "(the flow)",
    message:
      `this revision of module ${m.id} was rolled back (rollback --to ${rb.to} by ${rb.by} at ${rb.at}); this up would roll it out again from wave 1. ` +
      `Commit a change of ${m.file} (a fix, or a revert) and up, or say it goes out again: ${rolloutCommand("resume", m.id, stack)} (${stackFile} keeps its waves)`,
  };
}

/**
 * The rollouts of this run and the callers they hold, or the refusals: a revision a rollback took
 * back rolling out again, a paused rollout's module changing again, a `rollout next` that cannot
 * start a wave. Assumes wavesProblems found nothing. Whether a held caller would be republished
 * anyway is the change set's to say (heldCallerMoves).
 */
export function planWaves(input: WavesInput): { plan: WavePlan; refusals: FlowIssue[] } {
  const byId = new Map(input.flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(input.flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const previous = new Map(input.previous.map((r) => [r.module, r]));
  const advance = input.advance ?? true;
  const rollouts: RolloutPlan[] = [];
  const finished: string[] = [];
  const ended: WaveRolloutRecord[] = [];
  const held = new Map<string, HeldCaller>();
  const refusals: FlowIssue[] = [];
  const next = input.next;
  if (next !== undefined && !Object.hasOwn(input.waves, next.module)) {
    refusals.push({ file: input.stackFile, field: `genesys-flows:waves.${next.module}`, message: `rollout next: module ${next.module} rolls out in no waves on this stack` });
  }
  // A rolled-back revision stays back whatever the waves say now (a stack file without them included).
  for (const r of input.previous.filter((x) => x.rolledBack !== undefined)) {
    const m = byId.get(r.module);
    if (m?.isModule && m.revision === r.revision && input.deployed.get(r.module)?.revision !== m.revision) refusals.push(rolledBackRefusal(m, r, input.stackFile, input.stack));
  }
  for (const module of Object.keys(input.waves).sort(cmp)) {
    const m = byId.get(module);
    const deployedModule = input.deployed.get(module);
    if (!m || !m.isModule || !deployedModule) continue; // a first deploy creates every caller with the module
    const prev = previous.get(module);
    if (prev?.rolledBack !== undefined && prev.revision === m.revision && deployedModule.revision !== m.revision) continue; // refused above
    const continuing = prev !== undefined && prev.rolledBack === undefined && prev.revision === m.revision;
    const forced = next?.module === module;
    if (!continuing && deployedModule.revision === m.revision) {
      if (forced) refusals.push({ file: m.file, field: "(the flow)", message: `rollout next: module ${module} has no rollout in progress (it runs its current revision everywhere)` });
      continue; // the module does not change
    }
    const callers = callersOf(graph, byId, module);
    const waves = resolveWaves(module, input.waves[module], callers);
    const onTarget = (id: string): boolean => {
      const d = input.deployed.get(id);
      return d?.updateTriggerHash === undefined || d.updateTriggerHash === currentTrigger(byId.get(id)!, byId);
    };
    const complete = (n: number) => waves.slice(0, n).every((w) => w.every(onTarget));
    if (continuing && complete(waves.length)) {
      if (forced) refusals.push({ file: m.file, field: "(the flow)", message: `rollout next: every caller of module ${module} runs its new revision already; the rollout is finished` });
      finished.push(module);
      continue;
    }
    const paused = prev?.rolledBack === undefined ? prev?.paused : undefined;
    if (paused && !continuing && !forced) {
      refusals.push({
        file: m.file,
        field: "(the flow)",
        message: `the rollout of module ${module} is paused (by ${paused.by} at ${paused.at}: ${paused.reason}); ${m.file} changed, and this up would start its wave 1. Resume it first (${rolloutCommand("resume", module, input.stack)}), or keep the module change for later`,
      });
      continue;
    }
    let started = continuing ? Math.min(prev.started, waves.length) : 0;
    let startsWave = false;
    const mayStart = started === 0 || (complete(started) && started < waves.length);
    if (mayStart && (forced || (paused === undefined && (advance || started === 0)))) {
      started += 1;
      startsWave = true;
    }
    if (forced && !startsWave) {
      const out = waves.slice(0, started).flat().filter((id) => !onTarget(id));
      refusals.push({
        file: m.file,
        field: "(the flow)",
        message:
          started >= waves.length
            ? `rollout next: every wave of module ${module} has started (${waves.length}); an up publishes again what did not complete`
            : `rollout next: wave ${started} of module ${module} is not complete (${out.join(", ")} did not publish): an up publishes it again; rollout next starts wave ${started + 1} once it is`,
      });
    }
    const waiting = mayStart && !startsWave;
    const deployedCaller = (id: string) => input.deployed.get(id)?.updateTriggerHash !== undefined;
    const later = waves.slice(started).flat();
    const heldHere = later.filter((id) => deployedCaller(id) && !onTarget(id));
    for (const id of heldHere) {
      const d = input.deployed.get(id)!;
      const h = held.get(id);
      if (h) h.heldBy.push(module);
      else held.set(id, { updateTriggerHash: d.updateTriggerHash!, revision: d.revision, ...(d.moduleRevisions ? { moduleRevisions: d.moduleRevisions } : {}), heldBy: [module] });
    }
    const log = prev?.log ?? [];
    rollouts.push({
      module,
      moduleFile: m.file,
      modulePublishedName: m.publishedName,
      revision: m.revision,
      from: continuing ? prev.from : deployedModule.revision,
      started,
      waves,
      held: heldHere,
      ...(paused ? { paused } : {}),
      ...(log.length > 0 ? { log } : {}),
      current: started,
      startsWave,
      waiting,
      waitingFor: waiting && paused === undefined ? [...(input.gateReasons ?? [])] : [],
      ...(forced && startsWave ? { next: { action: "next" as const, by: next.by, at: next.at, reason: next.reason, wave: started, past: [...(input.gateReasons ?? [])] } } : {}),
      released: callers.filter((id) => deployedCaller(id) && !heldHere.includes(id)),
      created: callers.filter((id) => !deployedCaller(id)),
    });
  }
  // A caller two rollouts touch is held when either holds it: drop it from the other's released list.
  for (const r of rollouts) r.released = r.released.filter((id) => !held.has(id));
  // Records a rollback ended stay while their revision is what the files still have (the refusal above).
  for (const r of input.previous.filter((x) => x.rolledBack !== undefined)) {
    const m = byId.get(r.module);
    if (m?.isModule && m.revision === r.revision && input.deployed.get(r.module)?.revision !== m.revision) ended.push(r);
  }
  return { plan: { rollouts, ended, held, finished }, refusals };
}

/** What the engine does to a flow in this run, as the run's change set says (run/flowChanges.ts). */
export interface PlannedChange {
  flow: string;
  file: string;
  /** Whether it publishes (update, replace, import) or is created again. */
  publishes: boolean;
  /** What differs, for the message (`file`, `name`, ...). */
  differs: readonly string[];
}

/**
 * Held callers the run would publish anyway (their own file, a substitution, their name, any input
 * of their Flow): Genesys publishes a caller with the latest published version of each module it
 * calls, so that publish moves it onto the new module now, ahead of its wave. Refused before
 * anything publishes, naming the flow, its wave and the ways on.
 */
export function heldCallerMoves(plan: WavePlan, changes: readonly PlannedChange[], stackFile: string, stack?: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const c of [...changes].filter((x) => x.publishes && plan.held.has(x.flow)).sort((a, b) => cmp(a.flow, b.flow))) {
    const where = plan.held.get(c.flow)!.heldBy.map((module) => {
      const r = plan.rollouts.find((x) => x.module === module)!;
      return `wave ${r.waves.findIndex((w) => w.includes(c.flow)) + 1} of ${r.waves.length} of the rollout of module ${module} (genesys-flows:waves.${module} in ${stackFile}; wave ${r.current} is out)`;
    });
    issues.push({
      file: c.file,
      field: "(the flow)",
      message:
        `this up would publish ${c.flow} (${c.differs.length > 0 ? `its ${c.differs.join(", ")} changed` : "it changed"}), which moves ${c.flow} onto the new module now, ahead of ${where.join(" and of ")}: Genesys publishes a caller with the latest published version of each module it calls. ` +
        `Name it in the current wave, or start the remaining waves first (${rolloutCommand("next", plan.held.get(c.flow)!.heldBy[0], stack)}, or one up per wave), or keep its change for after the rollout`,
    });
  }
  return issues;
}

/** Whether a recorded rollout leaves any caller on the previous module version (a rollback ends it). */
export function waveInProgress(records: readonly WaveRolloutRecord[]): boolean {
  return records.some((r) => r.rolledBack === undefined && (r.held.length > 0 || r.started < r.waves.length));
}

/**
 * Whether the rollout stays in progress after this run, so the run records it: a run that starts
 * (or publishes again) the last wave holds no caller, and what did not publish is an ordinary
 * update of the next up (the module no longer changes then).
 */
export function staysInProgress(r: RolloutPlan): boolean {
  return r.started < r.waves.length || r.held.length > 0;
}

/** The record a run registers for a rollout in progress: the plan, the pause, why the gate holds, the log. */
export function recordOf(r: RolloutPlan): WaveRolloutRecord {
  const log = [...(r.log ?? []), ...(r.next ? [r.next] : [])].slice(-ROLLOUT_LOG_KEPT);
  return {
    module: r.module,
    modulePublishedName: r.modulePublishedName,
    revision: r.revision,
    from: r.from,
    started: r.started,
    waves: r.waves.map((w) => [...w]),
    held: [...r.held],
    ...(r.paused ? { paused: { ...r.paused } } : {}),
    ...(r.waitingFor.length > 0 ? { waitingFor: [...r.waitingFor] } : {}),
    ...(log.length > 0 ? { log: log.map((e) => ({ ...e })) } : {}),
  };
}

/** The records a rollback leaves: every rollout in progress ended (its callers go back with the release), the act logged. */
export function endedByRollback(records: readonly WaveRolloutRecord[], act: RolloutAct & { to: string }): WaveRolloutRecord[] {
  return records.map((r) => {
    if (r.rolledBack !== undefined) return r;
    const { paused: _paused, waitingFor: _waiting, ...rest } = r;
    const log = [...(r.log ?? []), { action: "rollback" as const, by: act.by, at: act.at, reason: act.reason }].slice(-ROLLOUT_LOG_KEPT);
    return { ...rest, held: [], rolledBack: { ...act }, log };
  });
}

/** What happens to the wave after `r.current`, in words (the run's line, the account after it). */
function nextWaveText(r: { current: number; waves: readonly unknown[]; paused?: RolloutAct; waiting: boolean }): string {
  if (r.current >= r.waves.length) return "every wave has started";
  const n = r.current + 1;
  if (r.paused) return `wave ${n} does not start: the rollout is paused (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason})`;
  if (r.waiting) return `wave ${n} waits: the checks between waves did not pass`;
  return `wave ${n} goes with the next up once the checks between waves pass`;
}

/** One line per rollout: the wave going out, who gets the module's new version, who keeps the previous one. */
export function describeRollout(r: RolloutPlan): string {
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(", ") : "none");
  const what = r.startsWave ? (r.next ? `starts (rollout next by ${r.next.by}: ${r.next.reason})` : "starts") : r.waiting ? "stays out" : "is published again (it is not complete)";
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
export function rolloutAccounts(flows: readonly FlowRef[], deployed: ReadonlyMap<string, WaveDeployedFlow>, records: readonly WaveRolloutRecord[]): RolloutAccount[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  return records.map((record) => {
    const callers = record.waves.flatMap((w, i) =>
      w.map((id): CallerVersion => {
        const d = deployed.get(id);
        const f = byId.get(id);
        const moduleRevision = d?.moduleRevisions?.[record.module];
        const revision = moduleRevision !== undefined ? { moduleRevision } : {};
        if (!d?.updateTriggerHash || !f || f.calls.some((c) => !byId.has(c))) return { id, wave: i + 1, runs: "not-deployed" };
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
      out.push(`  module ${r.module}: rolled back to ${r.rolledBack.to} (by ${r.rolledBack.by} at ${r.rolledBack.at}) during wave ${r.started} of ${r.waves.length}; its revision rolls out again only after a new commit changes the module, or ${rolloutCommand("resume", r.module, stack)}`);
      continue;
    }
    const next = !a.complete
      ? r.started < r.waves.length
        ? `wave ${r.started + 1} does not start until it is`
        : "the next up publishes it again"
      : nextWaveText({ current: r.started, waves: r.waves, ...(r.paused ? { paused: r.paused } : {}), waiting: (r.waitingFor?.length ?? 0) > 0 });
    out.push(`  module ${r.module}: wave ${r.started} of ${r.waves.length} is out${a.complete ? "" : ", not complete"}; ${next}`);
    const rows = a.callers.map((c) => [c.id, `wave ${c.wave}`, RUNS_TEXT[c.runs] + (c.moduleRevision && c.runs !== "new" ? `, module revision ${c.moduleRevision.slice(0, 12)}` : "")]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length)));
    for (const row of rows) out.push(`    ${row[0].padEnd(widths[0])}  ${row[1].padEnd(widths[1])}  ${row[2]}`);
  }
  return out.join("\n") + "\n";
}

/** A caller's place in each module rollout the stack declares: the module id, its wave, how many waves. */
export interface WavePlace {
  module: string;
  wave: number;
  of: number;
}

/** Where every caller of a module with waves goes when a change of that module rolls out (for the review, which has no state). Invalid waves are skipped (wavesProblems reports them). */
export function waveSchedule(flows: readonly FlowRef[], waves: Readonly<Record<string, readonly WaveSpec[]>>): Map<string, WavePlace[]> {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const out = new Map<string, WavePlace[]>();
  for (const module of Object.keys(waves).sort(cmp)) {
    if (!byId.get(module)?.isModule) continue;
    const resolved = resolveWaves(module, waves[module], callersOf(graph, byId, module));
    resolved.forEach((w, i) => w.forEach((id) => out.set(id, [...(out.get(id) ?? []), { module, wave: i + 1, of: resolved.length }])));
  }
  return out;
}
