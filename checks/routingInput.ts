// What the routing checks are given (a stack's routing objects, stack values applied, its flows,
// and what is known of the org) and what each routing rule's check runs with. Types and the run's
// helpers only; the checks are checks/routingChecks.ts, one function per rule. Pure.
import type { LoadedRouting } from "../model/routing/load";
import { issueAt } from "../model/routing/load";
import { routingName, type RoutingKind } from "../model/routing/schema";
import type { Finding } from "./finding";

/** Genesys routes IVR numbers only to inbound call flows (API type INBOUNDCALL). */
export const IVR_FLOW_API_TYPE = "INBOUNDCALL";

export interface RoutingFlowFacts {
  /** Flow id (path under flows/ without .yaml). */
  id: string;
  /** The kind's Genesys API type, e.g. INBOUNDCALL (model/kinds descriptors); absent: the flow is the stack's but did not load (its own error says why). */
  apiType?: string;
}

/** A schedule group or emergency group a flow's node names (a scheduleGroup node), as the stack publishes the flow. */
export interface FlowGroupReference {
  /** A routing kind a flow node may name (its unit's `flowNodeField`). */
  kind: RoutingKind;
  /** The name in the org, substitutions applied. */
  name: string;
  file: string;
  flow: string;
  node: string;
  field: string;
}

/** An IVR config in the org that the stack does not manage, with the numbers it routes. */
export interface OrgIvr {
  id: string;
  name: string;
  numbers: readonly string[];
}

/** A DID pool of the org: the range of numbers it holds, both ends included. */
export interface OrgDidPool {
  id: string;
  from: string;
  to: string;
}

export interface RoutingCheckInput {
  objects: readonly LoadedRouting[];
  flows: readonly RoutingFlowFacts[];
  /** The org's IVR configs the stack does not manage (ownership check); absent: not checked. */
  unmanagedIvrs?: readonly OrgIvr[];
  /**
   * The org's DID pools, when read: a number the stack routes that neither they nor the stack's
   * DID pools hold is reported (routing-unheld-numbers). Absent: not checked (nothing known of the org).
   */
  orgDidPools?: readonly OrgDidPool[];
  /** Published name of an object (the stack's prefix + its name); default: its name. */
  publishedName?: (o: LoadedRouting) => string;
  /**
   * The groups the stack's flows name, when the org is not read (rule routing-flow-groups: one the
   * stack's routing does not define must be in the org, which only the org-reference check sees).
   */
  flowGroups?: readonly FlowGroupReference[];
}

/** What a routing rule's check runs with: the input and the lookups every rule needs. */
export interface RoutingRun {
  input: RoutingCheckInput;
  byId: ReadonlyMap<string, LoadedRouting>;
  flowsById: ReadonlyMap<string, RoutingFlowFacts>;
  /** An object's published name (the stack's prefix and its name). */
  publishedName(o: LoadedRouting): string;
  /** A finding of `ruleId` at `path` of the object's file. */
  find(ruleId: string, o: LoadedRouting, path: Array<string | number>, message: string): Finding;
  /** The findings of one check under `ruleId`, in the order found: `add` adds one as `find` makes it. */
  findings(ruleId: string): {
    list: Finding[];
    add(o: LoadedRouting, path: Array<string | number>, message: string): void;
  };
}

/** A routing rule's one check. */
export type RoutingCheck = (run: RoutingRun) => Finding[];

export function routingRunOf(input: RoutingCheckInput): RoutingRun {
  return {
    input,
    byId: new Map(input.objects.map((o) => [o.id, o])),
    flowsById: new Map(input.flows.map((f) => [f.id, f])),
    publishedName: input.publishedName ?? ((o: LoadedRouting) => routingName(o.value)),
    find: (ruleId, o, path, message) => ({ ruleId, ...issueAt(o.file, o.locator, path, message) }),
    findings(ruleId) {
      const list: Finding[] = [];
      return { list, add: (o, path, message) => list.push(this.find(ruleId, o, path, message)) };
    },
  };
}
