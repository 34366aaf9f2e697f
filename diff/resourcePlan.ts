// What `up` does to each Pulumi resource of a stack that acts on the org, in the engine's own terms:
// the flows (from what up does to each flow, diff/deployPlan.ts), the routing objects and the
// providers. Routing objects and providers are compared by the inputs the program gives their
// resources, built by the same pure functions (planner/routingInputs.ts, planner/providers.ts):
// a routing object is updated when an input changes, replaced when an input its provider cannot
// change in place changes (a new Genesys id), and updated when an object or flow it refers to gets
// a new Genesys id (a flow replaced under a new name: the IVR config routing to it is re-pointed).
// Component resources (the flow and routing components, WaveRollout records) only record facts in
// the state and are not listed. test/agreement compares this list with `pulumi preview --json`.
// Pure.
import { ROUTING_KINDS, unitOf, type RoutingKind } from "../model/routing/schema";
import { rootOf } from "../model/routing/load";
import type { Json } from "../model/routing/kind";
import { resourceNameOf } from "../planner/names";
import { replacingInputs, routingResourceInputs } from "../planner/routingInputs";
import type { DeployChange, FlowPlan } from "./deployPlan";
import type { RoutingObjectView } from "./routingDiff";
import { cmp } from "../archy/json";

/** What the engine does to a resource: `import` reads an org object into the state (no write); `forget` drops it from the state and leaves it in the org. */
export type ResourceAction = "create" | "update" | "replace" | "delete" | "import" | "forget";

/** What a resource is: a flow, a routing object of a kind, or a provider (a process of the official provider, with its configuration). */
export type ResourceKind = "flow" | RoutingKind | "provider";

export interface ResourceChange {
  kind: ResourceKind;
  /** The Pulumi resource name (the last part of its URN): a flow's id, `routing/<routing id>`, `genesyscloud`, `genesyscloud-publisher-2`. */
  resource: string;
  action: ResourceAction;
  /** One line each: the inputs that change, or why. */
  why: string[];
}

/** A provider of one side: its resource name and arguments (planner/providers.ts stackProviders). */
export interface ProviderView {
  name: string;
  args: Json;
}

/** What `up` does to each flow (diff/deployPlan.ts), and to each resource acting on the org. */
export interface DeployPlan extends FlowPlan {
  /** Flows, routing objects and providers the engine creates, updates, replaces, deletes, imports or forgets, as it names them. */
  resources: ResourceChange[];
}

const FLOW_ACTIONS: Readonly<Record<DeployChange["action"], ResourceAction | undefined>> = {
  replace: "replace",
  delete: "delete",
  forget: "forget",
  create: "create",
  // A flow adopted as it runs is read (Pulumi's `get`): nothing is written.
  adopt: undefined,
  // Published in place; an adopted flow the stack only read is imported in place of the read first.
  publish: "update",
  republish: "update",
  held: undefined,
};

/** The flows' resources, from what up does to each flow. */
export function flowResources(plan: FlowPlan): ResourceChange[] {
  return plan.changes.flatMap((c) => {
    const action = FLOW_ACTIONS[c.action];
    return action === undefined
      ? []
      : [
          {
            kind: "flow" as const,
            resource: resourceNameOf(c.id),
            action,
            why:
              c.imports !== undefined
                ? [`imports org flow ${c.imports} in place of the read, then publishes it`]
                : [c.action === "republish" ? `republished for ${c.modules?.join(", ") ?? "its modules"}` : c.why[0]],
          },
        ];
  });
}

/** A reference to a flow or object that gets a new Genesys id in this up: `<to> <id>` then this mark. */
const RENEWED = " (a new Genesys id)";

/** Inputs as compared: references stand for the object referred to, and whether it keeps its Genesys id. */
function inputsOf(o: RoutingObjectView, renewed: ReadonlySet<string>): Json {
  const token = (to: string, id: string) => `${to} ${id}${renewed.has(`${to}:${id}`) ? RENEWED : ""}`;
  return routingResourceInputs(
    { kind: o.value.kind, value: o.value, publishedName: o.publishedName },
    { flow: (id) => token("flow", id), routing: (id) => token("routing", id) },
  );
}

const text = (v: unknown): string => (v === undefined ? "none" : typeof v === "string" ? v : JSON.stringify(v));

/** The inputs that differ, as `key: before → after`, or `key: re-pointed to ...` when only references get new Genesys ids. */
function changedInputs(before: Json, after: Json): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort(cmp)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const a = JSON.stringify(after[k]) ?? "";
      if (a.split(RENEWED).join("") !== JSON.stringify(before[k]))
        return `${k}: ${text(before[k])} → ${text(after[k])}`;
      const refs = [...a.matchAll(/"([^"]*?) \(a new Genesys id\)"/g)].map((m) => m[1]);
      return `${k}: re-pointed to the new ${[...new Set(refs)].join(", ")}`;
    });
}

/** A routing view's adoption facts (planner/routing.ts PlannedRouting; an org object's, planner/objects/decisions.ts). */
export interface RoutingResourceView extends RoutingObjectView {
  adopt?: string;
  retainOnDelete?: boolean;
  /** An org object adopted by name: what the org holds otherwise than the file, in words (the next up writes it). */
  differs?: readonly string[];
}

/** Its Pulumi resource name (planner/routing.ts `resourceName`): `routing/<id>`, `objects/<id>`. */
const resourceOf = (o: RoutingObjectView) => `${rootOf(o.file)}/${o.id}`;

/**
 * The routing objects' resources, base to head. `flowsRenewed`: flow ids that get a new Genesys id
 * in this up (replaced or created); objects referring to them are re-pointed.
 */
export function routingResources(
  base: ReadonlyMap<string, RoutingResourceView>,
  head: ReadonlyMap<string, RoutingResourceView>,
  flowsRenewed: ReadonlySet<string>,
): ResourceChange[] {
  const renewed = new Set([...flowsRenewed].map((id) => `flow:${id}`));
  const out: ResourceChange[] = [];
  const order = (o: RoutingResourceView) => ROUTING_KINDS.indexOf(o.value.kind);
  // Objects referred to come before those referring to them (the planner's order): a replaced schedule renews the group's reference.
  const heads = [...head.values()].sort((a, b) => order(a) - order(b) || cmp(a.id, b.id));
  for (const h of heads) {
    const b = base.get(h.id);
    const resource = resourceOf(h);
    if (!b || b.value.kind !== h.value.kind) {
      const differs = h.differs ?? [];
      const next = differs.length > 0 ? `; the next up writes what the file says otherwise: ${differs.join("; ")}` : "";
      const adopted = `takes over org object ${h.adopt ?? ""} as it is (Pulumi import, no write)${next}`;
      const why = h.adopt !== undefined ? adopted : `a new ${unitOf(h.value.kind).label}`;
      out.push({ kind: h.value.kind, resource, action: h.adopt !== undefined ? "import" : "create", why: [why] });
      renewed.add(`routing:${h.id}`);
      continue;
    }
    const before = inputsOf(b, new Set());
    const after = inputsOf(h, renewed);
    const changed = changedInputs(before, after);
    if (changed.length === 0) continue;
    const replacing = replacingInputs(h.value.kind).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
    );
    if (replacing.length > 0) renewed.add(`routing:${h.id}`);
    out.push({
      kind: h.value.kind,
      resource,
      action: replacing.length > 0 ? "replace" : "update",
      why: [
        ...changed,
        ...(replacing.length > 0
          ? [`the provider replaces it when ${replacing.join(", ")} changes: a new Genesys id`]
          : []),
      ],
    });
  }
  for (const b of [...base.values()].sort((x, y) => cmp(x.id, y.id))) {
    const h = head.get(b.id);
    if (h && h.value.kind === b.value.kind) continue;
    const kept = b.retainOnDelete === true;
    const why = kept
      ? "it stays in the org (adopted, or retainOnDelete): the stack forgets it"
      : "deleted from the org";
    out.push({ kind: b.value.kind, resource: resourceOf(b), action: kept ? "forget" : "delete", why: [why] });
  }
  return out;
}

/** The providers' resources, base to head: a publisher added or removed, or the configuration changed. */
export function providerResources(base: readonly ProviderView[], head: readonly ProviderView[]): ResourceChange[] {
  const out: ResourceChange[] = [];
  const was = new Map(base.map((p) => [p.name, p]));
  const now = new Map(head.map((p) => [p.name, p]));
  for (const p of head) {
    const b = was.get(p.name);
    if (!b)
      out.push({
        kind: "provider",
        resource: p.name,
        action: "create",
        why: ["a new provider process publishing part of the stack's flows (genesys-flows:provider.publishers)"],
      });
    else {
      const changed = changedInputs(b.args, p.args);
      if (changed.length > 0) out.push({ kind: "provider", resource: p.name, action: "update", why: changed });
    }
  }
  for (const b of base)
    if (!now.has(b.name))
      out.push({
        kind: "provider",
        resource: b.name,
        action: "delete",
        why: ["one provider process fewer (genesys-flows:provider.publishers)"],
      });
  return out;
}

const KIND_ORDER: readonly ResourceKind[] = ["provider", "flow", ...ROUTING_KINDS];

/** Every resource change, providers first, then flows, then routing objects in the planner's kind order, each by resource name. */
export function sortResources(changes: readonly ResourceChange[]): ResourceChange[] {
  return [...changes].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.resource, b.resource),
  );
}
