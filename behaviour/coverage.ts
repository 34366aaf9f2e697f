// Coverage of a flow by behaviour runs: which of its nodes the runs entered and which of its
// transitions they took, read from the runs' observations (trace.ts). A transition counts only
// when it leads somewhere (a transition left out has no edge to cover). Nodes of a module count
// for the module, whichever flow's run entered them. Sorted and deterministic; drawn on the flow's
// Mermaid diagram, covered parts apart from the rest. And the share of a pull's real journeys the
// runs take (traffic/scenarios.ts realCoverage): a run takes a journey when its steps, in the terms
// execution data records (replay.ts realSteps), are the journey's. Pure.
import { renderFlowDiagram } from "../diagram/mermaid";
import type { FlowModel } from "../model/schema";
import type { Program } from "./program";
import type { Ending } from "../model/nodes/runContext";
import { realCoverage } from "../traffic/scenarios";
import { count, shareText } from "../traffic/weigh";
import type { PulledTraffic } from "../traffic/journeys";
import { runKey } from "./replay";
import type { TraceEvent } from "./trace";
import { cmp } from "../archy/json";

export interface FlowCoverage {
  flow: string;
  file: string;
  nodes: Array<{ node: string; covered: boolean }>;
  transitions: Array<{ from: string; transition: string; to: string; covered: boolean }>;
  /** Covered nodes and transitions over all of them, in percent (100 for a flow with none). */
  percent: number;
}

function transitionsOf(model: FlowModel): Array<{ from: string; transition: string; to: string }> {
  const out: Array<{ from: string; transition: string; to: string }> = [];
  for (const [id, node] of Object.entries(model.nodes)) {
    const transitions = (node as { transitions?: Record<string, string | undefined> }).transitions ?? {};
    for (const [name, to] of Object.entries(transitions))
      if (typeof to === "string") out.push({ from: id, transition: name, to });
  }
  return out;
}

/** Coverage of every flow of the program (sorted by flow id) by the runs whose observations are given. */
export function coverageOf(program: Program, runs: ReadonlyArray<readonly TraceEvent[]>): FlowCoverage[] {
  const visited = new Set<string>();
  const taken = new Set<string>();
  for (const events of runs) {
    for (const e of events) {
      if (e.kind === "visit") visited.add(`${e.flow}\n${e.node}`);
      else if (e.kind === "transition") taken.add(`${e.flow}\n${e.from}\n${e.transition}`);
    }
  }
  return [...program.flows.values()]
    .sort((a, b) => cmp(a.id, b.id))
    .map((f) => {
      const nodes = Object.keys(f.model.nodes)
        .sort(cmp)
        .map((node) => ({ node, covered: visited.has(`${f.id}\n${node}`) }));
      const transitions = transitionsOf(f.model)
        .sort((a, b) => cmp(a.from, b.from) || cmp(a.transition, b.transition))
        .map((t) => ({ ...t, covered: taken.has(`${f.id}\n${t.from}\n${t.transition}`) }));
      const total = nodes.length + transitions.length;
      const covered = nodes.filter((n) => n.covered).length + transitions.filter((t) => t.covered).length;
      return {
        flow: f.id,
        file: f.file,
        nodes,
        transitions,
        percent: total === 0 ? 100 : Math.floor((covered * 1000) / total) / 10,
      };
    });
}

/** Covered and total nodes and transitions over several flows, in percent (rounded down to 0.1). */
export function totalPercent(flows: readonly FlowCoverage[]): number {
  let covered = 0;
  let total = 0;
  for (const f of flows) {
    covered += f.nodes.filter((n) => n.covered).length + f.transitions.filter((t) => t.covered).length;
    total += f.nodes.length + f.transitions.length;
  }
  return total === 0 ? 100 : Math.floor((covered * 1000) / total) / 10;
}

/** The flow's Mermaid diagram with what the scenarios covered green and the rest red and dashed. */
export function coverageDiagram(model: FlowModel, coverage: FlowCoverage): string {
  return renderFlowDiagram(model, {
    coverage: {
      nodes: new Set(coverage.nodes.filter((n) => n.covered).map((n) => n.node)),
      transitions: new Set(coverage.transitions.filter((t) => t.covered).map((t) => `${t.from} ${t.transition}`)),
    },
  });
}

/** `scenarios cover 1,180 of 1,243 journeys (94.9 %) of the last pull`, from runs of the flows `flows` gives (by id, their file and name) (a run that stopped takes none). */
export function realTrafficLine(
  traffic: PulledTraffic,
  runs: ReadonlyArray<{ flow: string; status: string; events: readonly TraceEvent[]; actual: { ending?: Ending } }>,
  flows: ReadonlyMap<string, { file: string; name: string }>,
): string {
  const ran = new Map<string, Set<string>>();
  for (const r of runs) {
    const file = flows.get(r.flow)?.file;
    if (r.status !== "stopped" && file !== undefined)
      ran.set(
        file,
        (ran.get(file) ?? new Set()).add(runKey(r.events, r.flow, r.actual.ending, (id) => flows.get(id)?.name)),
      );
  }
  const c = realCoverage(traffic, ran);
  const unmapped = c.notMapped > 0 ? `; ${count(c.notMapped)} map to no node now and cannot be covered` : "";
  return `scenarios cover ${shareText(c.covered, c.total)} of the last pull${unmapped}`;
}
