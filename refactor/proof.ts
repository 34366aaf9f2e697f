// The proof every refactoring carries: for each flow it changes (and each flow calling a module it
// changes), the journeys (journeyProof.ts), the flow's scenarios (scenarioProof.ts) and lint on
// every stack (lintProof.ts), computed on the project before and after the files it would write.
// It holds when all of them hold; otherwise nothing may be written, and the proof shows where the
// two sides part. Pure: snapshots in, the proof out.
import { compileProgram, type Program } from "../behaviour/program";
import { isModuleModel } from "../model/schema";
import { flowIdOf } from "../planner/names";
import {
  journeysWithCall,
  sameJourneys,
  type InjectedCall,
  type JourneyBounds,
  type JourneyProof,
} from "./journeyProof";
import { lintProofs, type LintProof } from "./lintProof";
import { loadableFlows, type FileChange, type ProjectSnapshot, type RefactorFlow } from "./project";
import { scenarioProofs, type ScenarioProof } from "./scenarioProof";
import { cmp } from "../archy/json";

export interface Proof {
  holds: boolean;
  journeys: JourneyProof[];
  scenarios: ScenarioProof[];
  lint: LintProof[];
  /** What kept a part of the proof from running (a flow that does not compile). */
  problems: string[];
}

/** The project as it would be with `files` written. */
export function applyFiles(snapshot: ProjectSnapshot, files: readonly FileChange[]): ProjectSnapshot {
  const byFile = new Map(files.map((f) => [f.file, f.after]));
  const flows = snapshot.flows.map((s) => (byFile.has(s.file) ? { ...s, text: byFile.get(s.file)! } : s));
  for (const f of files)
    if (f.file.startsWith("flows/") && !snapshot.flows.some((s) => s.file === f.file))
      flows.push({ id: flowIdOf(f.file) ?? f.file, file: f.file, text: f.after });
  const scenarios = snapshot.scenarios.map((s) => (byFile.has(s.file) ? { ...s, text: byFile.get(s.file)! } : s));
  return { ...snapshot, flows: flows.sort((a, b) => cmp(a.file, b.file)), scenarios };
}

/** `flows` and every flow calling one of them that is a module, transitively. */
export function withCallers(all: readonly RefactorFlow[], flows: ReadonlySet<string>): Set<string> {
  const out = new Set(flows);
  let grew = true;
  while (grew) {
    grew = false;
    const modules = new Set(all.filter((f) => out.has(f.id) && isModuleModel(f.model)).map((f) => f.model.name));
    for (const f of all) {
      if (out.has(f.id)) continue;
      if (
        Object.values(f.model.nodes).some((n) => n.type === "subflow" && modules.has((n as { module: string }).module))
      ) {
        out.add(f.id);
        grew = true;
      }
    }
  }
  return out;
}

/** The flows `ids` and every module, compiled as written (placeholders kept), for their journeys. */
function programOf(flows: readonly RefactorFlow[], ids: ReadonlySet<string>): Program {
  return compileProgram(
    flows
      .filter((f) => ids.has(f.id) || isModuleModel(f.model))
      .map((f) => ({ id: f.id, file: f.file, model: f.model, publishedName: f.model.name })),
  );
}

export interface ProofRequest {
  /** The flows the refactoring rewrote. */
  changed: readonly string[];
  /** An injection: the call added to each flow (absent: an extraction, whose journeys must be equal). */
  injected?: ReadonlyMap<string, InjectedCall>;
  /** An extraction: the module made, whose outcomes the journeys show. */
  module?: string;
  bounds?: JourneyBounds;
}

export function prove(before: ProjectSnapshot, files: readonly FileChange[], req: ProofRequest): Proof {
  const after = applyFiles(before, files);
  const flowsBefore = loadableFlows(before);
  const flowsAfter = loadableFlows(after);
  const compared = [...withCallers(flowsAfter, new Set(req.changed))]
    .filter((id) => flowsBefore.some((f) => f.id === id))
    .sort();
  const problems: string[] = [];
  for (const f of after.flows)
    if (!flowsAfter.some((x) => x.file === f.file) && files.some((c) => c.file === f.file))
      problems.push(`${f.file} does not load after the change`);
  const journeys: JourneyProof[] = [];
  try {
    const p0 = programOf(flowsBefore, new Set(compared));
    const p1 = programOf(flowsAfter, new Set(compared));
    for (const id of compared) {
      const call = req.injected?.get(id);
      journeys.push(
        call ? journeysWithCall(p0, p1, id, call, req.bounds) : sameJourneys(p0, p1, id, req.bounds, req.module),
      );
    }
  } catch (e) {
    problems.push(`journeys not computed: ${(e as Error).message.split("\n")[0]}`);
  }
  const injectedCalls = new Map(
    [...(req.injected ?? new Map<string, InjectedCall>())].map(([id, c]) => [id, new Set([c.call])]),
  );
  const scenarios = scenarioProofs(before, after, new Set(compared), injectedCalls);
  const lint = lintProofs(before, after);
  const holds =
    problems.length === 0 &&
    journeys.every((j) => j.holds) &&
    scenarios.every((s) => s.holds) &&
    lint.every((l) => l.holds);
  return { holds, journeys, scenarios, lint, problems };
}
