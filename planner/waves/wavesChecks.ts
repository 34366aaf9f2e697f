// What a stack's waves refuse before anything publishes: settings that name no module, no caller
// or one caller twice (before planning), and a caller a rollout holds that the run would publish
// anyway, moving it onto the new module ahead of its wave (after the change set). Each names the
// stack file, the setting and the ways on. Pure.
import { cmp } from "../../archy/json";
import { listNames, suggestThen } from "../../archy/suggest";
import type { FlowIssue } from "../../model/errors";
import type { FlowRef } from "../flowRef";
import { ModuleGraph } from "../moduleGraph";
import { rolloutCommand } from "./rolloutControl";
import type { WaveSpec } from "../stackSettings";
import { callersOf } from "./waveSchedule";
import type { WavePlan } from "./wavePlan";

/**
 * What is wrong with the stack's `genesys-flows:waves` for these flows: a key that is no module of
 * the stack, a wave naming an unknown flow, a flow that does not call the module, a flow in two
 * waves. Each names the stack file and the setting; refused before anything publishes.
 */
export function wavesProblems(
  flows: readonly FlowRef[],
  waves: Readonly<Record<string, readonly WaveSpec[]>>,
  stackFile: string,
): FlowIssue[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const graph = new ModuleGraph(flows.map((f) => ({ id: f.id, calls: f.calls, isModule: f.isModule })));
  const ids = [...byId.keys()].sort(cmp);
  const modules = ids.filter((id) => byId.get(id)!.isModule);
  const issues: FlowIssue[] = [];
  for (const module of Object.keys(waves).sort(cmp)) {
    const field = `genesys-flows:waves.${module}`;
    const m = byId.get(module);
    if (!m) {
      issues.push({
        file: stackFile,
        field,
        message: `names no flow this stack deploys${suggestThen(module, modules, `its modules: ${listNames(modules)}`)}`,
      });
      continue;
    }
    if (!m.isModule) {
      issues.push({
        file: stackFile,
        field,
        message: `${m.file} is not a common module: waves roll out a module change to the flows calling it${suggestThen(module, modules, `the stack's modules: ${listNames(modules)}`)}`,
      });
      continue;
    }
    const callers = callersOf(graph, byId, module);
    const seen = new Map<string, number>();
    waves[module].forEach((spec, w) => {
      if (!("flows" in spec)) return;
      spec.flows.forEach((id, i) => {
        const at = `${field}[${w}].flows[${i}]`;
        const f = byId.get(id);
        if (!f)
          issues.push({
            file: stackFile,
            field: at,
            message: `names no flow this stack deploys: "${id}"${suggestThen(id, callers, `the callers of ${module}: ${listNames(callers)}`)}`,
          });
        else if (!callers.includes(id)) {
          const what = f.isModule
            ? `is a common module: it is republished with ${module} in every wave, never held`
            : `does not call module ${module} (directly or through modules)`;
          issues.push({
            file: stackFile,
            field: at,
            message: `"${id}" (${f.file}) ${what}; the callers of ${module}: ${listNames(callers)}`,
          });
        } else if (seen.has(id))
          issues.push({
            file: stackFile,
            field: at,
            message: `"${id}" is already in wave ${seen.get(id)! + 1}: waves must not overlap`,
          });
        else seen.set(id, w);
      });
    });
  }
  return issues;
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
export function heldCallerMoves(
  plan: WavePlan,
  changes: readonly PlannedChange[],
  stackFile: string,
  stack?: string,
): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const c of [...changes]
    .filter((x) => x.publishes && plan.held.has(x.flow))
    .sort((a, b) => cmp(a.flow, b.flow))) {
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
