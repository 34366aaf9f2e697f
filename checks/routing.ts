// The routing checks: ONE implementation of each routing rule (checks/routingRules.ts carries it,
// checks/routingChecks.ts holds them, one function per rule), run over a
// stack's routing objects (stack values applied) and its flows, used by the routing planner (core
// rules stop the program), lint (policies/lint/routing.ts), the policy pack (policies/routing.ts),
// flows:diff (a deploy's refusals) and the ownership check (org numbers). Every finding points at
// the line of the user's routing file (or the flow's node). Pure and deterministic.
import { ROUTING_KIND_UNITS } from "../model/routing/schema";
import { compareFindings, uniqueFindings, type Finding } from "./finding";
import type { CheckFlow } from "./input";
import { routingRunOf, type FlowGroupReference, type RoutingCheckInput } from "./routingInput";
import { ROUTING_RULES } from "./routingRules";
import { cmp } from "../archy/json";

export type {
  FlowGroupReference,
  OrgDidPool,
  OrgIvr,
  RoutingCheckInput,
  RoutingFlowFacts,
} from "./routingInput";

/** The routing groups the flows' scheduleGroup nodes name (each kind a flow node may name, by its field), in flow and node order. */
export function flowGroupReferencesOf(flows: readonly CheckFlow[]): FlowGroupReference[] {
  const out: FlowGroupReference[] = [];
  for (const f of flows) {
    for (const [node, n] of Object.entries(f.model.nodes).sort(([a], [b]) => cmp(a, b))) {
      if (n.type !== "scheduleGroup") continue;
      const at = { file: f.file, flow: f.displayName, node };
      for (const unit of ROUTING_KIND_UNITS) {
        const field = unit.flowNodeField;
        const name = field !== undefined ? (n as unknown as Record<string, unknown>)[field] : undefined;
        if (field !== undefined && typeof name === "string") out.push({ kind: unit.kind, name, ...at, field });
      }
    }
  }
  return out;
}

/** Every routing rule's check over the stack's routing, in file order (by file, then line and column, as a compiler lists them). */
export function runRoutingChecks(input: RoutingCheckInput): Finding[] {
  const run = routingRunOf(input);
  const out = ROUTING_RULES.flatMap((rule) => rule.routingCheck?.(run) ?? []);
  return uniqueFindings(out).sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareFindings(a, b),
  );
}
