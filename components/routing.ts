// The routing components: one per routing object (schedule, schedule group, IVR config, emergency
// group), each registering one resource of the official provider. They only wire: the routing
// planner (planner/routing.ts) has loaded, checked and ordered everything before any of them exists.
//
// Why outputs and not names: a schedule group takes its schedules' ids, an IVR config its flows'
// and its schedule group's ids, an emergency group its flow's and its IVR configs' ids. The engine
// then creates in that order, deletes in reverse (an IVR config before the schedule group and the
// flows it points to, which Genesys refuses to delete while in use), and re-points an IVR config
// when a flow is replaced (new id, same output). Nothing else orders them.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { expandNumbers, rangeHolds, unitOf, type RoutingFile } from "../model/routing/schema";
import type { PlannedRouting } from "../planner/routing";
import { routingResourceInputs } from "../planner/routingInputs";
import { ROUTING_TYPES, type RoutingFacts } from "../model/facts";
import { fieldDigests, type OverwriteEvidence, type RoutingRecordEntry } from "../planner/routingRecord";
import { declaredObjects, withDecision, type ObjectDecision } from "../planner/objects/decisions";

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
  updatedFirst?: readonly RoutingComponent[];
  /** The run's guards (components/flowGuard.ts): a routing object's delete waits for destroy's decision. */
  hooks?: pulumi.ResourceHookBinding;
  /** The digest of a file of the repository an object names (a prompt's audio), by its path from the project root. */
  digest?: (path: string) => unknown;
}

/** Checks args before anything is registered; throws naming the routing file and the missing reference. Exported for testing. */
export function validateRoutingArgs(args: RoutingArgs<RoutingFile>): void {
  const where = `${ROUTING_TYPES[args.plan.kind]} for ${args.plan.file}`;
  for (const r of unitOf(args.plan.kind).references(args.plan.value)) {
    const field = r.path.filter((p) => typeof p === "string").join(".");
    if (r.to === "flow" && !args.refs.flows.has(r.id))
      throw new Error(`${where}: '${field}' names flow ${r.id}, which has no component in this stack`);
    if (r.to !== "flow" && !args.refs.routing.has(r.id))
      throw new Error(`${where}: '${field}' names routing/${r.id}, which has no component (create it first)`);
  }
}

/** One routing object in the org: its resource, id and published name. */
export class RoutingComponent extends pulumi.ComponentResource {
  readonly resource: pulumi.CustomResource;
  /** The Genesys id of the object. */
  readonly objectId: pulumi.Output<string>;
  readonly objectName: pulumi.Output<string>;
  readonly plan: PlannedRouting;
  /** What its resource is given, references resolved: what the stack writes (planner/routingRecord.ts). */
  readonly inputs: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: RoutingArgs<RoutingFile>, opts?: pulumi.ComponentResourceOptions) {
    validateRoutingArgs(args);
    const { plan } = args;
    // Plain, known inputs: what the object is and where it is declared (the policy pack's facts).
    const facts: RoutingFacts = {
      routingId: plan.id,
      file: plan.file,
      kind: plan.kind,
      publishedName: plan.publishedName,
      value: plan.value,
      source: plan.source,
    };
    super(ROUTING_TYPES[plan.kind], name, { ...facts }, opts);
    this.plan = plan;
    const differs = plan.adopted?.differs ?? [];
    const childOpts: pulumi.CustomResourceOptions = {
      parent: this,
      ...(args.updatedFirst?.length ? { dependsOn: args.updatedFirst.map((a) => a.resource) } : {}),
      ...(plan.adopt !== undefined ? { import: plan.adopt } : {}),
      // An org object adopted by name: what the org holds otherwise than the file is imported as it
      // is (Pulumi refuses an import whose inputs differ); the next up writes it (planner/objects/decisions.ts).
      ...(plan.adopt !== undefined && differs.length > 0 ? { ignoreChanges: [...differs] } : {}),
      // An adopted object was in the org before the stack: `down` or removing its file leaves it there.
      ...(plan.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(args.hooks ? { hooks: args.hooks } : {}),
    };
    const refs = {
      routing: (id: string) => args.refs.routing.get(id)!.objectId,
      flow: (id: string) => args.refs.flows.get(id)!.flowId,
    };
    // The org's integration a data action belongs to, by name (the provider's data source): never created.
    const integration = (name: string) => genesyscloud.getIntegrationOutput({ name }, { parent: this }).id;
    const inputs = routingResourceInputs(plan, {
      ...refs,
      ...(args.digest ? { digest: args.digest } : {}),
      integration,
    });
    // What the run leaves it with (without a file's digest or an integration's id, which the org's
    // list answers otherwise): an org object imported as it is keeps the org's values where they differ.
    const left = plan.adopt !== undefined ? plan.adopted?.org : {};
    this.inputs = pulumi.output({ ...routingResourceInputs(plan, refs), ...left }) as unknown as pulumi.Output<
      Record<string, unknown>
    >;
    const unit = unitOf(plan.kind);
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a kind names its provider resource (model/ stays free of the SDK); nothing is bundled
    const Resource = genesyscloud[unit.provider.resource] as unknown as ResourceClass;
    this.resource = new Resource(name, inputs, childOpts);
    // Its parts (a data table's rows): children of its resource (the component's one resource stays
    // the object: org/stackExport.ts), with its id, kept in the org when it is; the guards judge the object.
    for (const part of unit.provider.parts?.(plan.value) ?? []) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: as the object's own resource above
      const Part = genesyscloud[part.resource] as unknown as ResourceClass;
      new Part(`${name}/${part.key}`, part.args(this.resource.id), {
        parent: this.resource,
        ...(plan.retainOnDelete ? { retainOnDelete: true } : {}),
      });
    }
    this.objectId = this.resource.id;
    // A DID pool has no name in Genesys: its range names it.
    this.objectName = unitOf(plan.kind).named
      ? (this.resource as unknown as { name: pulumi.Output<string> }).name
      : pulumi.output(plan.publishedName);
    // Stack policies see registered outputs: the facts let the pack run the routing checks.
    this.registerOutputs({ ...facts, objectId: this.objectId, objectName: this.objectName });
  }
}

/** A provider resource class: what the kind's `provider.resource` names in the SDK. */
type ResourceClass = new (
  name: string,
  args: Record<string, unknown>,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/**
 * The stack output `routing` (planner/routingRecord.ts): each object's Genesys id and the digest of
 * each field this run leaves it with, known once every object is written (a run that fails records
 * nothing: the engine keeps the last run's), with what runs overwrote of people's changes.
 */
export function routingRecord(
  objects: ReadonlyMap<string, RoutingComponent>,
  evidence: () => Promise<ReadonlyMap<string, OverwriteEvidence>>,
): pulumi.Output<Record<string, RoutingRecordEntry>> {
  const entries = [...objects.values()].map((c) =>
    pulumi.all([c.objectId, c.inputs]).apply(([id, inputs]) => {
      const fields = fieldDigests(c.plan.kind, inputs);
      return [c.plan.id, { id, fields, ...(c.plan.adopted ? { adopted: true as const } : {}) }] as const;
    }),
  );
  return pulumi.all(entries).apply(async (list) => {
    const kept = await evidence();
    return Object.fromEntries(
      list.map(([routing, e]) => [
        routing,
        { ...e, ...(kept.has(routing) ? { overwritten: kept.get(routing)! } : {}) },
      ]),
    );
  });
}

/**
 * Registers the stack's routing in plan order (schedules, schedule groups, IVR configs, emergency
 * groups). `releases` maps an IVR config's routing id to those whose numbers it takes over in the
 * org now: they update first, so a moved number is never in two IVR configs at once.
 */
export function deployRouting(
  objects: readonly PlannedRouting[],
  flows: ReadonlyMap<string, RoutedFlow>,
  opts: pulumi.ComponentResourceOptions = {},
  releases: ReadonlyMap<string, readonly string[]> = new Map(),
  hooks?: pulumi.ResourceHookBinding,
  digest?: (path: string) => unknown,
): Map<string, RoutingComponent> {
  const routing = new Map<string, RoutingComponent>();
  const refs: RoutingRefs = { flows, routing };
  for (const plan of releaseOrder(objects, releases)) {
    const updatedFirst = [...(releases.get(plan.id) ?? []), ...poolsHolding(objects, plan)]
      .map((id) => routing.get(id))
      .filter((c): c is RoutingComponent => c !== undefined);
    routing.set(
      plan.id,
      new RoutingComponent(
        plan.resourceName,
        { plan, refs, updatedFirst, ...(hooks ? { hooks } : {}), ...(digest ? { digest } : {}) },
        opts,
      ),
    );
  }
  return routing;
}

/**
 * The stack's org objects (planner/objects/decisions.ts: adopted by name, or created), before the flows naming
 * them; `root`: the project's folder, where the files they name are (a prompt's audio).
 */
export function deployObjects(
  objects: readonly PlannedRouting[],
  decisions: ReadonlyMap<string, ObjectDecision>,
  opts: pulumi.ComponentResourceOptions,
  hooks?: pulumi.ResourceHookBinding,
  root?: string,
): Map<string, RoutingComponent> {
  const planned = declaredObjects(objects).map((o) => withDecision(o, decisions.get(o.id)));
  const digest = root === undefined ? undefined : (path: string) => fileDigest(root, path);
  return deployRouting(planned, new Map(), opts, new Map(), hooks, digest);
}

/** The SHA-256 of a file an object names (a prompt's audio), by its path from the project root `root`. */
function fileDigest(root: string, path: string): string {
  let content: Buffer;
  try {
    content = readFileSync(join(root, path));
  } catch (e) {
    throw new Error(`${path}: cannot read the file an org object names (${(e as Error).message})`);
  }
  return createHash("sha256").update(content).digest("hex");
}

/** The org object components a flow's references name (by kind and published name): its publish waits for them. */
export function namedObjects(
  refs: ReadonlyArray<{ kinds: readonly string[]; name: string }>,
  objects: ReadonlyMap<string, RoutingComponent>,
): pulumi.Resource[] {
  const named = new Set(refs.flatMap((r) => r.kinds.map((k) => `${k}\u0000${r.name}`)));
  const by = (c: RoutingComponent) => named.has(`${c.plan.kind}\u0000${c.plan.publishedName}`);
  return [...objects.values()].filter(by).map((c) => c.resource);
}

/**
 * The DID pools of the stack that hold a number an IVR config routes (routing ids): the IVR config
 * is created after them and deleted before them, as Genesys assigns a number only a DID pool holds.
 */
export function poolsHolding(objects: readonly PlannedRouting[], plan: PlannedRouting): string[] {
  const routed = unitOf(plan.kind).routes?.(plan.value);
  if (routed === undefined) return [];
  const numbers = expandNumbers(routed).map((n) => n.number);
  return objects
    .filter((o) => {
      const range = unitOf(o.kind).holds?.(o.value);
      return range !== undefined && numbers.some((n) => rangeHolds(range, n));
    })
    .map((o) => o.id);
}

/**
 * Plan order, except that an IVR config comes after those it takes numbers from (depth first; in
 * a cycle, two configs swapping numbers, the one met first waits for nothing: Genesys then refuses
 * one update until the other is done, and the provider retries it).
 */
export function releaseOrder(
  objects: readonly PlannedRouting[],
  releases: ReadonlyMap<string, readonly string[]>,
): PlannedRouting[] {
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
