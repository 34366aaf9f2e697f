// The routing components: one per routing object (schedule, schedule group, IVR config, emergency
// group), each registering one resource of the official provider. They only wire: the routing
// planner (planner/routing.ts) has loaded, checked and ordered everything before any of them exists.
//
// Why outputs and not names: a schedule group takes its schedules' ids, an IVR config its flows'
// and its schedule group's ids, an emergency group its flow's and its IVR configs' ids. The engine
// then creates in that order, deletes in reverse (an IVR config before the schedule group and the
// flows it points to, which Genesys refuses to delete while in use), and re-points an IVR config
// when a flow is replaced (new id, same output). Nothing else orders them.
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { expandNumbers, providerDateTime, rangeHolds, type DidPoolFile, type EmergencyGroupFile, type IvrFile, type RoutingFile, type ScheduleFile, type ScheduleGroupFile } from "../model/routing/schema";
import type { PlannedRouting } from "../planner/routing";
import { ROUTING_TYPES, type RoutingFacts } from "../model/facts";

export { ROUTING_TYPES } from "../model/facts";

/** What an IVR config or emergency group needs from a flow component. */
export interface RoutedFlow {
  readonly flowId: pulumi.Output<string>;
}

/** What a routing component needs from the components it refers to, by routing id or flow id. */
export interface RoutingRefs {
  flows: ReadonlyMap<string, RoutedFlow>;
  routing: ReadonlyMap<string, RoutingComponent>;
}

export interface RoutingArgs<T extends RoutingFile> {
  plan: PlannedRouting<T>;
  refs: RoutingRefs;
  /** Other routing components to update first (an IVR config giving up a number this one takes). */
  after?: readonly RoutingComponent[];
}

/** Checks args before anything is registered; throws naming the routing file and the missing reference. Exported for testing. */
export function validateRoutingArgs(args: RoutingArgs<RoutingFile>): void {
  const where = `${ROUTING_TYPES[args.plan.kind]} for ${args.plan.file}`;
  const v = args.plan.value;
  const needRouting = (ids: readonly string[], field: string) => {
    for (const id of ids) if (!args.refs.routing.has(id)) throw new Error(`${where}: '${field}' names routing/${id}, which has no component (create it first)`);
  };
  const needFlow = (id: string | undefined, field: string) => {
    if (id !== undefined && !args.refs.flows.has(id)) throw new Error(`${where}: '${field}' names flow ${id}, which has no component in this stack`);
  };
  if (v.kind === "scheduleGroup") needRouting([...v.open, ...v.closed, ...v.holiday], "open/closed/holiday");
  if (v.kind === "ivr") {
    needRouting(v.scheduleGroup !== undefined ? [v.scheduleGroup] : [], "scheduleGroup");
    for (const key of ["open", "closed", "holiday"] as const) needFlow(v.flows[key], `flows.${key}`);
  }
  if (v.kind === "emergencyGroup") {
    needRouting(v.ivrs, "ivrs");
    needFlow(v.flow, "flow");
  }
}

/** One routing object in the org: its resource, id and published name. */
export class RoutingComponent extends pulumi.ComponentResource {
  readonly resource: pulumi.CustomResource;
  /** The Genesys id of the object. */
  readonly objectId: pulumi.Output<string>;
  readonly objectName: pulumi.Output<string>;
  readonly plan: PlannedRouting;

  constructor(name: string, args: RoutingArgs<RoutingFile>, opts?: pulumi.ComponentResourceOptions) {
    validateRoutingArgs(args);
    const { plan } = args;
    // Plain, known inputs: what the object is and where it is declared (the policy pack's facts).
    const facts: RoutingFacts = { routingId: plan.id, file: plan.file, kind: plan.kind, publishedName: plan.publishedName, value: plan.value, source: plan.source };
    super(ROUTING_TYPES[plan.kind], name, { ...facts }, opts);
    this.plan = plan;
    const childOpts: pulumi.CustomResourceOptions = {
      parent: this,
      ...(args.after && args.after.length > 0 ? { dependsOn: args.after.map((a) => a.resource) } : {}),
      ...(plan.adopt !== undefined ? { import: plan.adopt } : {}),
      // An adopted object was in the org before the stack: `down` or removing its file leaves it there.
      ...(plan.retainOnDelete ? { retainOnDelete: true } : {}),
    };
    this.resource = createResource(name, plan, args.refs, childOpts);
    this.objectId = this.resource.id;
    // A DID pool has no name in Genesys: its range names it.
    this.objectName = plan.value.kind === "didPool" ? pulumi.output(plan.publishedName) : (this.resource as unknown as { name: pulumi.Output<string> }).name;
    // Stack policies see registered outputs: the facts let the pack run the routing checks.
    this.registerOutputs({ ...facts, objectId: this.objectId, objectName: this.objectName });
  }
}

const idOf = (refs: RoutingRefs, id: string) => refs.routing.get(id)!.objectId;
const flowIdOf = (refs: RoutingRefs, id: string | undefined) => (id === undefined ? undefined : refs.flows.get(id)!.flowId);

/** The provider resource of one object. Descriptions are always explicit (the provider reads them back). */
function createResource(name: string, plan: PlannedRouting, refs: RoutingRefs, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const description = plan.value.description !== undefined ? { description: plan.value.description } : {};
  const common = { name: plan.publishedName, ...description };
  switch (plan.value.kind) {
    case "didPool": {
      const v: DidPoolFile = plan.value;
      return new genesyscloud.TelephonyProvidersEdgesDidPool(
        name,
        { startPhoneNumber: v.numbers.from, endPhoneNumber: v.numbers.to, ...description, ...(v.comments !== undefined ? { comments: v.comments } : {}), ...(v.provider !== undefined ? { poolProvider: v.provider } : {}) },
        opts,
      );
    }
    case "schedule": {
      const v: ScheduleFile = plan.value;
      return new genesyscloud.ArchitectSchedules(name, { ...common, start: providerDateTime(v.start), end: providerDateTime(v.end), ...(v.rrule !== undefined ? { rrule: v.rrule } : {}) }, opts);
    }
    case "scheduleGroup": {
      const v: ScheduleGroupFile = plan.value;
      return new genesyscloud.ArchitectSchedulegroups(
        name,
        {
          ...common,
          timeZone: v.timeZone,
          openSchedulesIds: v.open.map((id) => idOf(refs, id)),
          ...(v.closed.length > 0 ? { closedSchedulesIds: v.closed.map((id) => idOf(refs, id)) } : {}),
          ...(v.holiday.length > 0 ? { holidaySchedulesIds: v.holiday.map((id) => idOf(refs, id)) } : {}),
        },
        opts,
      );
    }
    case "ivr": {
      const v: IvrFile = plan.value;
      const numbers = expandNumbers(v.numbers).map((n) => n.number);
      return new genesyscloud.ArchitectIvr(
        name,
        {
          ...common,
          ...(numbers.length > 0 ? { dnis: numbers } : {}),
          openHoursFlowId: flowIdOf(refs, v.flows.open),
          ...(v.flows.closed !== undefined ? { closedHoursFlowId: flowIdOf(refs, v.flows.closed) } : {}),
          ...(v.flows.holiday !== undefined ? { holidayHoursFlowId: flowIdOf(refs, v.flows.holiday) } : {}),
          ...(v.scheduleGroup !== undefined ? { scheduleGroupId: idOf(refs, v.scheduleGroup) } : {}),
        },
        opts,
      );
    }
    case "emergencyGroup": {
      const v: EmergencyGroupFile = plan.value;
      return new genesyscloud.ArchitectEmergencygroup(
        name,
        { ...common, enabled: v.enabled, emergencyCallFlows: [{ emergencyFlowId: flowIdOf(refs, v.flow)!, ivrIds: v.ivrs.map((id) => idOf(refs, id)) }] },
        opts,
      );
    }
  }
}

/**
 * Registers the stack's routing in plan order (schedules, schedule groups, IVR configs, emergency
 * groups). `releases` maps an IVR config's routing id to those whose numbers it takes over in the
 * org now: they update first, so a moved number is never in two IVR configs at once.
 */
export function deployRouting(objects: readonly PlannedRouting[], flows: ReadonlyMap<string, RoutedFlow>, opts: pulumi.ComponentResourceOptions = {}, releases: ReadonlyMap<string, readonly string[]> = new Map()): Map<string, RoutingComponent> {
  const routing = new Map<string, RoutingComponent>();
  const refs: RoutingRefs = { flows, routing };
  for (const plan of releaseOrder(objects, releases)) {
    const after = [...(releases.get(plan.id) ?? []), ...poolsHolding(objects, plan)].map((id) => routing.get(id)).filter((c): c is RoutingComponent => c !== undefined);
    routing.set(plan.id, new RoutingComponent(plan.resourceName, { plan, refs, after }, opts));
  }
  return routing;
}

/**
 * The DID pools of the stack that hold a number an IVR config routes (routing ids): the IVR config
 * is created after them and deleted before them, as Genesys assigns a number only a DID pool holds.
 */
export function poolsHolding(objects: readonly PlannedRouting[], plan: PlannedRouting): string[] {
  if (plan.value.kind !== "ivr") return [];
  const numbers = expandNumbers(plan.value.numbers).map((n) => n.number);
  return objects
    .filter((o) => {
      const v = o.value;
      return v.kind === "didPool" && numbers.some((n) => rangeHolds(v.numbers, n));
    })
    .map((o) => o.id);
}

/**
 * Plan order, except that an IVR config comes after those it takes numbers from (depth first; in
 * a cycle, two configs swapping numbers, the one met first waits for nothing: Genesys then refuses
 * one update until the other is done, and the provider retries it).
 */
export function releaseOrder(objects: readonly PlannedRouting[], releases: ReadonlyMap<string, readonly string[]>): PlannedRouting[] {
  const byId = new Map(objects.map((o) => [o.id, o]));
  const out: PlannedRouting[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (o: PlannedRouting) => {
    if (state.has(o.id)) return;
    state.set(o.id, "visiting");
    for (const id of releases.get(o.id) ?? []) {
      const r = byId.get(id);
      if (r && !state.has(id)) visit(r);
    }
    state.set(o.id, "done");
    out.push(o);
  };
  objects.forEach(visit);
  return out;
}
