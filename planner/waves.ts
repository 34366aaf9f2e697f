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
// same waves again (a failed caller is retried, the others are already current). Pure.
import type { FlowIssue } from "../model/errors";
import { listNames, suggestThen } from "../archy/suggest";
import { ModuleGraph } from "./moduleGraph";
import { flowRevision, moduleTrigger, sha256 } from "./revisions";
import type { WaveSpec } from "./stackSettings";

/** The type of the component recording a rollout in progress (its inputs are a WaveRolloutRecord). */
export const WAVE_ROLLOUT_TYPE = "genesys-flows:index:WaveRollout";

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
}

/** A flow of the portfolio as waves see it. */
export interface WaveFlow {
  id: string;
  file: string;
  isModule: boolean;
  publishedName: string;
  /** Modules it calls directly. */
  calls: readonly string[];
  contentRevision: string;
  revision: string;
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
  /** The waves out are complete, but the run may not start the next (the deploy's gate holds it). */
  waiting: boolean;
  /** Deployed callers already on the new revision, and those in started waves this run (re)publishes. */
  released: string[];
  /** Callers not deployed yet: created with the module's latest version. */
  created: string[];
}

export interface WavePlan {
  /** Rollouts in progress after this run is planned (finished ones are gone). */
  rollouts: RolloutPlan[];
  /** Deployed callers that keep the version they were published with, by flow id. */
  held: Map<string, HeldCaller>;
  /** Rollouts this run finds finished (every caller runs the module's revision). */
  finished: string[];
}

export interface WavesInput {
  flows: readonly WaveFlow[];
  /** The stack's `genesys-flows:waves`. */
  waves: Readonly<Record<string, readonly WaveSpec[]>>;
  /** What the stack last deployed, by flow id (empty for a first deploy). */
  deployed: ReadonlyMap<string, WaveDeployedFlow>;
  /** The rollouts the last run recorded. */
  previous: readonly WaveRolloutRecord[];
  stackFile: string;
  /** Whether the run may start a next wave (default true; the deploy's gate passes false to hold). */
  advance?: boolean;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The non-module flows reaching `module` (directly or through modules), sorted. */
export function callersOf(graph: ModuleGraph, flows: ReadonlyMap<string, WaveFlow>, module: string): string[] {
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
export function wavesProblems(flows: readonly WaveFlow[], waves: Readonly<Record<string, readonly WaveSpec[]>>, stackFile: string): FlowIssue[] {
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
function currentTrigger(f: WaveFlow, byId: ReadonlyMap<string, WaveFlow>): string {
  return moduleTrigger(f.calls.map((c) => byId.get(c)!.revision));
}

/** Whether a deployed caller's own content changed since its last publish; undefined when the state cannot tell. */
export function changedItself(f: WaveFlow, d: WaveDeployedFlow): boolean | undefined {
  if (d.contentRevision !== undefined) return d.contentRevision !== f.contentRevision;
  const recorded = d.moduleRevisions;
  if (recorded === undefined || f.calls.some((c) => recorded[c] === undefined)) return undefined;
  return flowRevision(f.contentRevision, f.calls.map((c) => ({ id: c, revision: recorded[c] }))) !== d.revision;
}

/**
 * The rollouts of this run and the callers they hold, or the refusals: a held caller that changed
 * itself (publishing it would give it the module's new version: Genesys publishes a caller with
 * the module's latest published version). Assumes wavesProblems found nothing.
 */
export function planWaves(input: WavesInput): { plan: WavePlan; refusals: FlowIssue[] } {
  const byId = new Map(input.flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(input.flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const previous = new Map(input.previous.map((r) => [r.module, r]));
  const advance = input.advance ?? true;
  const rollouts: RolloutPlan[] = [];
  const finished: string[] = [];
  const held = new Map<string, HeldCaller>();
  for (const module of Object.keys(input.waves).sort(cmp)) {
    const m = byId.get(module);
    const deployedModule = input.deployed.get(module);
    if (!m || !m.isModule || !deployedModule) continue; // a first deploy creates every caller with the module
    const prev = previous.get(module);
    const continuing = prev !== undefined && prev.revision === m.revision;
    if (!continuing && deployedModule.revision === m.revision) continue; // the module does not change
    const callers = callersOf(graph, byId, module);
    const waves = resolveWaves(module, input.waves[module], callers);
    const onTarget = (id: string): boolean => {
      const d = input.deployed.get(id);
      return d?.updateTriggerHash === undefined || d.updateTriggerHash === currentTrigger(byId.get(id)!, byId);
    };
    const complete = (n: number) => waves.slice(0, n).every((w) => w.every(onTarget));
    if (continuing && complete(waves.length)) {
      finished.push(module);
      continue;
    }
    let started = continuing ? Math.min(prev.started, waves.length) : 0;
    let startsWave = false;
    const mayStart = started === 0 || (complete(started) && started < waves.length);
    if (mayStart && (advance || started === 0)) {
      started += 1;
      startsWave = true;
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
    rollouts.push({
      module,
      moduleFile: m.file,
      modulePublishedName: m.publishedName,
      revision: m.revision,
      from: continuing ? prev.from : deployedModule.revision,
      started,
      waves,
      held: heldHere,
      current: started,
      startsWave,
      waiting,
      released: callers.filter((id) => deployedCaller(id) && !heldHere.includes(id)),
      created: callers.filter((id) => !deployedCaller(id)),
    });
  }
  // A caller two rollouts touch is held when either holds it: drop it from the other's released list.
  for (const r of rollouts) r.released = r.released.filter((id) => !held.has(id));
  const refusals: FlowIssue[] = [];
  for (const [id, h] of [...held].sort(([a], [b]) => cmp(a, b))) {
    const f = byId.get(id)!;
    if (changedItself(f, input.deployed.get(id)!) !== true) continue;
    const where = h.heldBy.map((module) => {
      const r = rollouts.find((x) => x.module === module)!;
      return `wave ${r.waves.findIndex((w) => w.includes(id)) + 1} of ${r.waves.length} of the rollout of module ${module} (genesys-flows:waves.${module} in ${input.stackFile}; wave ${r.current} goes out now)`;
    });
    refusals.push({
      file: f.file,
      field: "(the flow)",
      message:
        `${f.file} changed, but the flow waits for ${where.join(" and for ")}: publishing it now would give it the module's new version too, since Genesys publishes a caller with the latest published version of each module it calls. ` +
        `Name it in the current wave, or deploy the remaining waves first (one per up), or keep its change for after the rollout`,
    });
  }
  return { plan: { rollouts, held, finished }, refusals };
}

/** Whether a stack's recorded rollouts leave any caller on the previous module version (rollback and others refuse then). */
export function waveInProgress(records: readonly WaveRolloutRecord[]): boolean {
  return records.some((r) => r.held.length > 0 || r.started < r.waves.length);
}

/** The record a run registers for a rollout in progress. */
export function recordOf(r: RolloutPlan): WaveRolloutRecord {
  return { module: r.module, modulePublishedName: r.modulePublishedName, revision: r.revision, from: r.from, started: r.started, waves: r.waves.map((w) => [...w]), held: [...r.held] };
}

/** One line per rollout: the wave going out, who gets the module's new version, who keeps the previous one. */
export function describeRollout(r: RolloutPlan): string {
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(", ") : "none");
  const next = r.current < r.waves.length ? `wave ${r.current + 1} goes with the next up` : "the next up finishes the rollout when every caller runs it";
  return (
    `module ${r.module} (${r.moduleFile}) rolls out in waves: wave ${r.current} of ${r.waves.length} ${r.startsWave ? "starts" : r.waiting ? "stays out, the next one waits (the checks between waves did not pass)" : "is published again (it is not complete)"}; ` +
    `on the new version after this run: ${list([...r.released, ...r.created])}; keep the version they were published with: ${list(r.held)}; ${next}`
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
export function rolloutAccounts(flows: readonly WaveFlow[], deployed: ReadonlyMap<string, WaveDeployedFlow>, records: readonly WaveRolloutRecord[]): RolloutAccount[] {
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

/** The accounts as text: one block per rollout, one row per caller. */
export function renderRolloutAccounts(accounts: readonly RolloutAccount[]): string {
  if (accounts.length === 0) return "";
  const out = ["Rollouts in waves (which module version each caller runs, from the stack's state):"];
  for (const a of accounts) {
    const { record: r } = a;
    const next = r.started < r.waves.length ? `wave ${r.started + 1} ${a.complete ? "goes with the next up" : "does not start until it is"}` : a.complete ? "the next up records the rollout finished" : "the next up publishes it again";
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
export function waveSchedule(flows: readonly WaveFlow[], waves: Readonly<Record<string, readonly WaveSpec[]>>): Map<string, WavePlace[]> {
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
