// Who goes in which wave of a module rollout (docs/waves.md): the callers of a module, the stack's
// waves resolved to them (named callers, shares picked in a fixed pseudo-random order, the rest
// last), and each caller's place for the review, which has no state. The same for the settings'
// check (planner/waves/wavesChecks.ts), the run's plan (planner/waves/wavePlan.ts) and the review. Pure.
import { cmp } from "../../archy/json";
import type { FlowRef } from "../flowRef";
import { ModuleGraph } from "../moduleGraph";
import { sha256 } from "../revisions";
import type { WaveSpec } from "../stackSettings";

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
  const pool = callers
    .filter((c) => !named.has(c))
    .sort((a, b) => cmp(sha256(`${module}\n${a}`), sha256(`${module}\n${b}`)) || cmp(a, b));
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

/** A caller's place in each module rollout the stack declares: the module id, its wave, how many waves. */
export interface WavePlace {
  module: string;
  wave: number;
  of: number;
}

/** Where every caller of a module with waves goes when a change of that module rolls out (for the review, which has no state). Invalid waves are skipped (wavesProblems reports them). */
export function waveSchedule(
  flows: readonly FlowRef[],
  waves: Readonly<Record<string, readonly WaveSpec[]>>,
): Map<string, WavePlace[]> {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const out = new Map<string, WavePlace[]>();
  for (const module of Object.keys(waves).sort(cmp)) {
    if (!byId.get(module)?.isModule) continue;
    const resolved = resolveWaves(module, waves[module], callersOf(graph, byId, module));
    resolved.forEach((w, i) => {
      for (const id of w) out.set(id, [...(out.get(id) ?? []), { module, wave: i + 1, of: resolved.length }]);
    });
  }
  return out;
}
