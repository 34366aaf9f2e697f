// The routing checks: ONE implementation of each routing rule (checks/routingRules.ts), run over a
// stack's routing objects (stack values applied) and its flows, used by the routing planner (core
// rules stop the program), lint (policies/lint/routing.ts), the policy pack (policies/routing.ts),
// flows:diff (a deploy's refusals) and the ownership check (org numbers). Every finding points at
// the line of the user's routing file (or the flow's node). Pure and deterministic.
import type { LoadedRouting } from "../model/routing/load";
import { issueAt } from "../model/routing/load";
import { expandNumbers, localDateTimeProblem, rangeHolds, rangesOverlap, routingName, type RoutingKind } from "../model/routing/schema";
import { rruleWeekDays } from "../model/routing/rrule";
import { didYouMean } from "../archy/suggest";
import { compareFindings, uniqueFindings, type Finding } from "./finding";
import type { CheckFlow } from "./input";

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
  kind: "scheduleGroup" | "emergencyGroup";
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

/** The schedule groups and emergency groups the flows' scheduleGroup nodes name, in flow and node order. */
export function flowGroupReferencesOf(flows: readonly CheckFlow[]): FlowGroupReference[] {
  const out: FlowGroupReference[] = [];
  for (const f of flows) {
    for (const [node, n] of Object.entries(f.model.nodes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n.type !== "scheduleGroup") continue;
      const at = { file: f.file, flow: f.displayName, node };
      out.push({ kind: "scheduleGroup", name: n.scheduleGroup, ...at, field: "scheduleGroup" });
      if (n.emergencyGroup !== undefined) out.push({ kind: "emergencyGroup", name: n.emergencyGroup, ...at, field: "emergencyGroup" });
    }
  }
  return out;
}

const REF_KIND: Readonly<Record<string, RoutingKind>> = { open: "schedule", closed: "schedule", holiday: "schedule", scheduleGroup: "scheduleGroup", ivrs: "ivr" };
const DAY_NAMES: Readonly<Record<string, string>> = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };
const DAY_OF_WEEK = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

export function runRoutingChecks(input: RoutingCheckInput): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(input.objects.map((o) => [o.id, o]));
  const find = (ruleId: string, o: LoadedRouting, path: Array<string | number>, message: string): Finding => ({ ruleId, ...issueAt(o.file, o.locator, path, message) });
  const flowsById = new Map(input.flows.map((f) => [f.id, f]));
  const reached = new Set<string>();

  for (const o of input.objects) {
    const v = o.value;
    const ref = (path: Array<string | number>, id: string, key: string) => {
      const kind = REF_KIND[key];
      const target = byId.get(id);
      if (!target) {
        const sameKind = input.objects.filter((x) => x.value.kind === kind).map((x) => x.id);
        out.push(find("routing-references", o, path, `no ${kind} routing/${id}.yaml${didYouMean(id, sameKind)}`));
      } else if (target.value.kind !== kind) {
        out.push(find("routing-references", o, path, `routing/${id}.yaml is a ${target.value.kind}, not a ${kind}`));
      }
    };
    const flow = (path: Array<string | number>, id: string) => {
      reached.add(id);
      const f = flowsById.get(id);
      if (!f) out.push(find("routing-flows", o, path, `no flow flows/${id}.yaml in this stack${didYouMean(id, [...flowsById.keys()])}`));
      else if (f.apiType !== undefined && f.apiType !== IVR_FLOW_API_TYPE) out.push(find("routing-flows", o, path, `flows/${id}.yaml is not an inbound call flow (${f.apiType}); Genesys routes numbers to inbound call flows only`));
    };
    switch (v.kind) {
      case "schedule": {
        if (localDateTimeProblem(v.start) === undefined && localDateTimeProblem(v.end) === undefined && v.end <= v.start) {
          out.push(find("routing-schedules", o, ["end"], `ends (${v.end}) before it starts (${v.start})`));
        }
        const days = v.rrule ? rruleWeekDays(v.rrule) : [];
        const startDay = DAY_OF_WEEK[new Date(`${v.start.slice(0, 10)}T00:00:00Z`).getUTCDay()];
        if (days.length > 0 && !days.includes(startDay)) {
          out.push(find("routing-schedules", o, ["start"], `starts on a ${DAY_NAMES[startDay]}, a day the rrule's BYDAY (${days.join(",")}) does not list; the provider refuses it: start on a listed day`));
        }
        break;
      }
      case "scheduleGroup":
        if (v.open.length === 0) out.push(find("routing-open-schedule", o, ["open"], "a schedule group needs at least one open schedule (Genesys requires one)"));
        for (const key of ["open", "closed", "holiday"] as const) v[key].forEach((id, i) => ref([key, i], id, key));
        break;
      case "ivr":
        if (v.scheduleGroup !== undefined) ref(["scheduleGroup"], v.scheduleGroup, "scheduleGroup");
        for (const key of ["open", "closed", "holiday"] as const) {
          const id = v.flows[key];
          if (id !== undefined) flow(["flows", key], id);
        }
        if ((v.flows.closed !== undefined || v.flows.holiday !== undefined) && v.scheduleGroup === undefined) {
          out.push(find("routing-references", o, ["flows"], "closed and holiday flows need a scheduleGroup that says when the IVR config is closed"));
        }
        break;
      case "emergencyGroup":
        flow(["flow"], v.flow);
        v.ivrs.forEach((id, i) => ref(["ivrs", i], id, "ivrs"));
        break;
    }
  }

  // A number routed twice: within the stack, then against the org's unmanaged IVR configs.
  const routedBy = new Map<string, { o: LoadedRouting; entry: number }>();
  for (const o of input.objects) {
    if (o.value.kind !== "ivr") continue;
    for (const { number, entry } of expandNumbers(o.value.numbers)) {
      const first = routedBy.get(number);
      if (first) {
        const where = first.o === o ? "earlier in this IVR config" : `by ${first.o.file} (line ${first.o.locator.locate(["numbers", first.entry]).line})`;
        out.push(find("routing-numbers", o, ["numbers", entry], `${number} is already routed ${where}; a number goes to one IVR config`));
        continue;
      }
      routedBy.set(number, { o, entry });
    }
  }
  for (const ivr of input.unmanagedIvrs ?? []) {
    for (const number of ivr.numbers) {
      const mine = routedBy.get(number);
      if (mine) {
        out.push(find("routing-numbers", mine.o, ["numbers", mine.entry], `${number} is routed in the org by IVR config "${ivr.name}" (${ivr.id}), which this stack does not manage; remove it there first, or adopt that IVR config (flows:import)`));
      }
    }
  }

  out.push(...didPoolFindings(input, find));

  // Names: Genesys names objects of one kind uniquely (case-insensitively). DID pools have none.
  const names = new Map<string, LoadedRouting>();
  const publishedName = input.publishedName ?? ((o: LoadedRouting) => routingName(o.value));
  for (const o of input.objects) {
    if (o.value.kind === "didPool") continue;
    const key = `${o.value.kind}\u0000${publishedName(o).toLowerCase()}`;
    const first = names.get(key);
    if (first) out.push(find("routing-unique-names", o, ["name"], `${o.value.kind} name "${publishedName(o)}" is also used by ${first.file}`));
    else names.set(key, o);
  }

  // Advisory: a group a flow names that the stack's routing does not define lives in the org or nowhere.
  const groupKinds = new Set(input.flowGroups?.map((r) => r.kind));
  for (const kind of groupKinds) {
    const defined = input.objects.filter((o) => o.value.kind === kind);
    // A stack that routes nothing of this kind leaves it to the org; nothing to compare with.
    if (defined.length === 0) continue;
    const names = defined.map(publishedName);
    const label = kind === "scheduleGroup" ? "schedule group" : "emergency group";
    // A name still holding a {{placeholder}} (lint without a stack) is the stack's to fill in.
    for (const r of input.flowGroups!.filter((x) => x.kind === kind && !x.name.includes("{{") && !names.some((n) => n.toLowerCase() === x.name.toLowerCase()))) {
      out.push({
        ruleId: "routing-flow-groups",
        file: r.file,
        flow: r.flow,
        node: r.node,
        field: r.field,
        message: `${label} "${r.name}" is not one of the stack's routing (${names.map((n) => `"${n}"`).join(", ")})${didYouMean(r.name, names)}; unless the org has it, the publish fails`,
        fix: "name a group of routing/, or check the org has it with `lint --stack <s> --org`",
      });
    }
  }

  // Advisory: an inbound call flow that no number reaches is dead code.
  const hasIvr = input.objects.some((o) => o.value.kind === "ivr");
  if (hasIvr) {
    for (const f of input.flows) {
      if (f.apiType === IVR_FLOW_API_TYPE && !reached.has(f.id)) {
        out.push({ ruleId: "routing-unreached-flows", file: `flows/${f.id}.yaml`, message: "no IVR config of the stack routes to this inbound call flow; no number reaches it" });
      }
    }
  }
  // In file order: by file, then line and column, as a compiler lists them.
  return uniqueFindings(out).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareFindings(a, b));
}


/**
 * DID pools: two of the stack's overlapping (Genesys refuses a range that overlaps another pool's),
 * and, when the org's pools are known, the numbers the stack's IVR configs route that no pool of
 * the stack or the org holds (Genesys routes a number only when a DID pool holds it), one finding
 * per number entry.
 */
function didPoolFindings(input: RoutingCheckInput, find: (ruleId: string, o: LoadedRouting, path: Array<string | number>, message: string) => Finding): Finding[] {
  const out: Finding[] = [];
  const pools = input.objects.filter((o) => o.value.kind === "didPool") as Array<LoadedRouting<Extract<LoadedRouting["value"], { kind: "didPool" }>>>;
  pools.forEach((p, i) => {
    const r = p.value.numbers;
    for (const q of pools.slice(0, i)) {
      const s = q.value.numbers;
      if (rangesOverlap(r, s)) {
        out.push(find("routing-did-pools", p, ["numbers"], `range ${r.from}..${r.to} overlaps DID pool ${q.file} (${s.from}..${s.to}); Genesys refuses a DID pool that overlaps another`));
      }
    }
  });
  if (input.orgDidPools === undefined) return out;
  const ranges = [...pools.map((p) => p.value.numbers), ...input.orgDidPools];
  for (const o of input.objects) {
    if (o.value.kind !== "ivr") continue;
    const unheld = new Map<number, string[]>();
    for (const { number, entry } of expandNumbers(o.value.numbers)) {
      if (!ranges.some((r) => rangeHolds(r, number))) unheld.set(entry, [...(unheld.get(entry) ?? []), number]);
    }
    for (const [entry, numbers] of unheld) {
      const which = numbers.length === 1 ? numbers[0] : `${numbers.length} numbers of this range (${numbers[0]}, ...)`;
      out.push(find("routing-unheld-numbers", o, ["numbers", entry], `${which} ${numbers.length === 1 ? "is" : "are"} in no DID pool of the stack or the org; Genesys routes a number only when a DID pool holds it: declare a DID pool (kind: didPool) that holds ${numbers.length === 1 ? "it" : "them"}`));
    }
  }
  return out;
}
