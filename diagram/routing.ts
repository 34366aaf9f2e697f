// The routing part of the stack diagram (renderStackDiagram): numbers -> IVR configs -> the flows
// they route to (open, closed, holiday), each IVR config's schedule group, and emergency groups
// with the IVR configs they take over and the flow they run (drawn red while switched on). Pure
// and deterministic: objects in routing id order, Mermaid ids numbered in that order.
import { numberRuns, expandNumbers, isKind, type RoutingFile } from "../model/routing/schema";
import { cmp } from "../archy/json";

/** A routing object as the diagram draws it (planner/routing.ts PlannedRouting is one). */
export interface RoutingEntry {
  id: string;
  publishedName: string;
  value: RoutingFile;
}

/** Number runs shown in one numbers box at most; the rest is counted. */
export const MAX_NUMBER_RUNS = 6;

/** What the stack diagram lends the routing lines: its label writer and its class collector. */
export interface RoutingDrawing {
  /** A quoted, escaped, wrapped Mermaid label of these lines (mermaid.ts label). */
  label: (texts: ReadonlyArray<string>) => string;
  /** Puts a Mermaid id in a class (the caller writes the class lines). */
  classOf: (name: string, id: string) => void;
}

/** The diagram lines of the routing, given the Mermaid id of each flow of the stack by flow id. */
export function routingLines(
  routing: readonly RoutingEntry[],
  flowNode: ReadonlyMap<string, string>,
  { label, classOf }: RoutingDrawing,
): string[] {
  const sorted = [...routing].sort((a, b) => cmp(a.id, b.id));
  const lines: string[] = [];
  const ids = new Map<string, string>();
  const count = new Map<string, number>();
  const idFor = (prefix: string, key: string) => {
    const n = (count.get(prefix) ?? 0) + 1;
    count.set(prefix, n);
    ids.set(key, `${prefix}_${n}`);
    return `${prefix}_${n}`;
  };
  const missing = new Map<string, string>();
  const flowTarget = (flowId: string) => {
    const known = flowNode.get(flowId) ?? missing.get(flowId);
    if (known !== undefined) return known;
    const id = `missingflow_${missing.size + 1}`;
    missing.set(flowId, id);
    lines.push(`  ${id}[${label([flowId, "flow not in this stack"])}]`);
    classOf("removed", id);
    return id;
  };
  // Schedule groups first: IVR configs point to them.
  for (const o of sorted) {
    const v = o.value;
    if (!isKind(v, "scheduleGroup")) continue;
    const id = idFor("schedulegroup", o.id);
    const lists = (["open", "closed", "holiday"] as const)
      .filter((k) => v[k].length > 0)
      .map((k) => `${k}: ${v[k].join(", ")}`);
    lines.push(`  ${id}[(${label([`schedule group ${o.publishedName}`, v.timeZone, ...lists])})]`);
    classOf("routing", id);
  }
  for (const o of sorted) {
    const v = o.value;
    if (!isKind(v, "ivr")) continue;
    const ivr = idFor("ivr", o.id);
    lines.push(`  ${ivr}{{${label([`IVR config ${o.publishedName}`, `routing/${o.id}`])}}}`);
    classOf("routing", ivr);
    const numbers = expandNumbers(v.numbers)
      .map((n) => n.number)
      .sort(cmp);
    if (numbers.length > 0) {
      const runs = numberRuns(numbers);
      const shown = runs.slice(0, MAX_NUMBER_RUNS);
      const more = runs.length > shown.length ? [`+${runs.length - shown.length} more`] : [];
      const box = `${ivr}_numbers`;
      lines.push(`  ${box}>${label([...shown, ...more])}]`);
      lines.push(`  ${box} --> ${ivr}`);
    }
    // One edge per flow, labelled with the schedule states that route to it.
    const byFlow = new Map<string, string[]>();
    for (const key of ["open", "closed", "holiday"] as const) {
      const flowId = v.flows[key];
      if (flowId !== undefined) byFlow.set(flowId, [...(byFlow.get(flowId) ?? []), key]);
    }
    for (const [flowId, states] of byFlow)
      lines.push(`  ${ivr} -->|${label([states.join(", ")])}| ${flowTarget(flowId)}`);
    const group = v.scheduleGroup !== undefined ? ids.get(v.scheduleGroup) : undefined;
    if (group !== undefined) lines.push(`  ${ivr} -.->|${label(["schedule"])}| ${group}`);
  }
  for (const o of sorted) {
    const v = o.value;
    if (!isKind(v, "emergencyGroup")) continue;
    const id = idFor("emergency", o.id);
    lines.push(`  ${id}((${label([`emergency group ${o.publishedName}`, v.enabled ? "ON" : "off"])}))`);
    classOf(v.enabled ? "removed" : "routing", id);
    for (const ivrId of v.ivrs) {
      const ivr = ids.get(ivrId);
      if (ivr !== undefined) lines.push(`  ${id} -.->|${label(["takes over"])}| ${ivr}`);
    }
    lines.push(`  ${id} -->|${label(["emergency"])}| ${flowTarget(v.flow)}`);
  }
  return lines;
}
