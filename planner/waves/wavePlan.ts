// Waves: a module change rolled out to its callers over several `up`s instead of one (docs/waves.md).
// Genesys publishes a caller with the latest published version of every module it calls and keeps
// that snapshot until the caller is published again; so a caller that is not republished keeps
// running the module version it was published with. A rollout republishes the module and the
// callers of the current wave; every other deployed caller keeps the update trigger it was last
// published with (components/publishedFlow.ts), so the provider leaves it alone. A wave is complete
// when every deployed caller in it carries the trigger of the current modules; a run starts the
// next wave only then (and when the gate and no pause hold it), else it publishes the same waves
// again. What a run records is planner/waves/rolloutRecord.ts; who goes in which wave,
// planner/waves/waveSchedule.ts; a person's pause, resume and rollback, planner/waves/rolloutControl.ts. Pure.
import { cmp } from "../../archy/json";
import type { FlowIssue } from "../../model/errors";
import type { FlowRef } from "../flowRef";
import { ModuleGraph } from "../moduleGraph";
import { moduleTrigger } from "../revisions";
import { rolledBackRefusal, rolloutCommand } from "./rolloutControl";
import { ROLLOUT_LOG_KEPT, type RolloutAct, type RolloutLogEntry, type WaveRolloutRecord } from "./rolloutRecord";
import type { WaveSpec } from "../stackSettings";
import { callersOf, resolveWaves } from "./waveSchedule";

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

/** The update trigger a caller gets from the modules it calls now. */
export function currentTrigger(f: FlowRef, byId: ReadonlyMap<string, FlowRef>): string {
  return moduleTrigger(f.calls.map((c) => byId.get(c)!.revision));
}

/** What planning a module's rollout shares with the others: the input, the flows, the callers held so far. */
interface Planning {
  input: WavesInput;
  byId: ReadonlyMap<string, FlowRef>;
  graph: ModuleGraph;
  held: Map<string, HeldCaller>;
}

/** One module's part of the plan: its rollout, that it finished, and what a person asked that cannot be. */
interface ModulePart {
  rollout?: RolloutPlan;
  finished?: boolean;
  refusal?: FlowIssue;
}

/**
 * The rollouts of this run and the callers they hold, or the refusals: a revision a rollback took
 * back rolling out again, a paused rollout's module changing again, a `rollout next` that cannot
 * start a wave. Assumes wavesProblems found nothing. Whether a held caller would be republished
 * anyway is the change set's to say (heldCallerMoves).
 */
export function planWaves(input: WavesInput): { plan: WavePlan; refusals: FlowIssue[] } {
  const byId = new Map(input.flows.map((f) => [f.id, f]));
  const planning: Planning = {
    input,
    byId,
    graph: new ModuleGraph(input.flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule }))),
    held: new Map(),
  };
  const previous = new Map(input.previous.map((r) => [r.module, r]));
  const refusals: FlowIssue[] = [];
  if (input.next !== undefined && !Object.hasOwn(input.waves, input.next.module)) {
    refusals.push({
      file: input.stackFile,
      field: `genesys-flows:waves.${input.next.module}`,
      message: `rollout next: module ${input.next.module} rolls out in no waves on this stack`,
    });
  }
  // A rolled-back revision stays back whatever the waves say now (a stack file without them included);
  // its record stays while that revision is what the files still have.
  const ended = input.previous.filter((r) => {
    const m = byId.get(r.module);
    return (
      r.rolledBack !== undefined &&
      m?.isModule === true &&
      m.revision === r.revision &&
      input.deployed.get(r.module)?.revision !== m.revision
    );
  });
  refusals.push(...ended.map((r) => rolledBackRefusal(byId.get(r.module)!, r, input.stackFile, input.stack)));
  const rollouts: RolloutPlan[] = [];
  const finished: string[] = [];
  for (const module of Object.keys(input.waves).sort(cmp)) {
    const prev = previous.get(module);
    // A first deploy creates every caller with the module; a rolled-back revision is refused above.
    if (!byId.get(module)?.isModule || !input.deployed.has(module) || (prev !== undefined && ended.includes(prev)))
      continue;
    const part = planModule(planning, module, prev);
    if (part.refusal) refusals.push(part.refusal);
    if (part.finished) finished.push(module);
    if (part.rollout) rollouts.push(part.rollout);
  }
  // A caller two rollouts touch is held when either holds it: drop it from the other's released list.
  for (const r of rollouts) r.released = r.released.filter((id) => !planning.held.has(id));
  return { plan: { rollouts, ended, held: planning.held, finished }, refusals };
}

/** One module's rollout: finished, refused, or the waves this run (re)publishes and the callers it holds. */
function planModule(planning: Planning, module: string, prev: WaveRolloutRecord | undefined): ModulePart {
  const { input, byId } = planning;
  const m = byId.get(module)!;
  const deployedModule = input.deployed.get(module)!;
  const refuse = (message: string): FlowIssue => ({ file: m.file, field: "(the flow)", message });
  const continuing = prev !== undefined && prev.rolledBack === undefined && prev.revision === m.revision;
  const forced = input.next?.module === module;
  if (!continuing && deployedModule.revision === m.revision) {
    // The module does not change.
    return forced
      ? {
          refusal: refuse(
            `rollout next: module ${module} has no rollout in progress (it runs its current revision everywhere)`,
          ),
        }
      : {};
  }
  const callers = callersOf(planning.graph, byId, module);
  const waves = resolveWaves(module, input.waves[module], callers);
  const onTarget = (id: string): boolean => {
    const d = input.deployed.get(id);
    return d?.updateTriggerHash === undefined || d.updateTriggerHash === currentTrigger(byId.get(id)!, byId);
  };
  const complete = (n: number) => waves.slice(0, n).every((w) => w.every(onTarget));
  if (continuing && complete(waves.length)) {
    return {
      finished: true,
      ...(forced
        ? {
            refusal: refuse(
              `rollout next: every caller of module ${module} runs its new revision already; the rollout is finished`,
            ),
          }
        : {}),
    };
  }
  const paused = prev?.rolledBack === undefined ? prev?.paused : undefined;
  if (paused && !continuing && !forced) {
    return {
      refusal: refuse(
        `the rollout of module ${module} is paused (by ${paused.by} at ${paused.at}: ${paused.reason}); ${m.file} changed, and this up would start its wave 1. Resume it first (${rolloutCommand("resume", module, input.stack)}), or keep the module change for later`,
      ),
    };
  }
  let started = continuing ? Math.min(prev.started, waves.length) : 0;
  const mayStart = started === 0 || (complete(started) && started < waves.length);
  const startsWave = mayStart && (forced || (paused === undefined && ((input.advance ?? true) || started === 0)));
  if (startsWave) started += 1;
  const refusal = forced && !startsWave ? refuse(nextRefusal(module, started, waves, onTarget)) : undefined;
  const deployedCaller = (id: string) => input.deployed.get(id)?.updateTriggerHash !== undefined;
  const heldHere = waves
    .slice(started)
    .flat()
    .filter((id) => deployedCaller(id) && !onTarget(id));
  for (const id of heldHere) hold(planning.held, id, input.deployed.get(id)!, module);
  const waiting = mayStart && !startsWave;
  const gate = [...(input.gateReasons ?? [])];
  const next = input.next;
  const log = prev?.log ?? [];
  const rollout: RolloutPlan = {
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
    waitingFor: waiting && paused === undefined ? gate : [],
    ...(forced && startsWave && next
      ? {
          next: {
            action: "next" as const,
            by: next.by,
            at: next.at,
            reason: next.reason,
            wave: started,
            past: [...gate],
          },
        }
      : {}),
    released: callers.filter((id) => deployedCaller(id) && !heldHere.includes(id)),
    created: callers.filter((id) => !deployedCaller(id)),
  };
  return { rollout, ...(refusal ? { refusal } : {}) };
}

/** Why a `rollout next` starts no wave: every wave has started, or the one out is not complete. */
function nextRefusal(
  module: string,
  started: number,
  waves: readonly string[][],
  onTarget: (id: string) => boolean,
): string {
  if (started >= waves.length)
    return `rollout next: every wave of module ${module} has started (${waves.length}); an up publishes again what did not complete`;
  const out = waves
    .slice(0, started)
    .flat()
    .filter((id) => !onTarget(id));
  return `rollout next: wave ${started} of module ${module} is not complete (${out.join(", ")} did not publish): an up publishes it again; rollout next starts wave ${started + 1} once it is`;
}

/** Holds a deployed caller on what it was published with, for `module` (and any rollout holding it already). */
function hold(held: Map<string, HeldCaller>, id: string, d: WaveDeployedFlow, module: string): void {
  const h = held.get(id);
  if (h) h.heldBy.push(module);
  else
    held.set(id, {
      updateTriggerHash: d.updateTriggerHash!,
      revision: d.revision,
      ...(d.moduleRevisions ? { moduleRevisions: d.moduleRevisions } : {}),
      heldBy: [module],
    });
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
