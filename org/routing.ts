// The org's routing objects, read for adoption (flows:import --stack): every object of each kind
// that is adopted (model/routing/kinds/), each collection through the endpoint the official
// provider's resource reads (v1.84.2: GET /api/v2/architect/<collection>, every page), parsed by
// the kind into OrgRoutingObject. Objects whose state is "deleted" and entries without an id
// or a name are left out. The client is the one of org/client.ts.
import { inBatches, PAGE_CONCURRENCY, READS_IN_FLIGHT, type OrgApi } from "./client";
import type { OrgRoutingObject } from "./model";
import { orgJson, type Json } from "../model/routing/kind";
import { ROUTING_KIND_UNITS, unitOf, type RoutingKind } from "../model/routing/kinds";
import { cmp } from "../archy/json";

/** The kinds flows:import adopts, in creation order. */
const ADOPTED = ROUTING_KIND_UNITS.filter((u) => u.adopt !== undefined);

/** Each adopted kind's collection, as the provider's resource reads it. */
export const ROUTING_ENDPOINTS: Readonly<Record<string, string>> = Object.fromEntries(
  ADOPTED.map((u) => [u.kind, u.org.endpoint]),
);

/** One API entity as an OrgRoutingObject of `kind`; undefined when it lacks an id or a name, or is deleted. */
export function orgRoutingObject(kind: OrgRoutingObject["kind"], e: Json): OrgRoutingObject | undefined {
  const id = orgJson.str(e.id);
  const name = orgJson.str(e.name);
  if (id === undefined || name === undefined || e.state === "deleted") return undefined;
  return unitOf(kind).adopt!.read(e, {
    kind,
    id,
    name,
    ...orgJson.opt("description", orgJson.str(e.description)),
  }) as OrgRoutingObject;
}

/** Every routing object of the org, by kind in creation order, each kind sorted by name then id. */
export async function readOrgRouting(api: OrgApi): Promise<OrgRoutingObject[]> {
  // One list a kind, a few at once; each kind's in order whatever answers first.
  const kinds = await inBatches(ADOPTED, PAGE_CONCURRENCY, async (unit) => {
    const kind = unit.kind as OrgRoutingObject["kind"];
    const found = (await api.all<Json>(unit.org.endpoint, {}))
      .map((e) => orgRoutingObject(kind, e))
      .filter((o): o is OrgRoutingObject => o !== undefined);
    return found.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  });
  return kinds.flat();
}

/**
 * The org's objects of `kinds`, as the API answers them (a deleted one in its deleted state, where
 * the kind keeps it): one paged list per kind, every page (what people changed,
 * planner/routingRecord.ts; the org objects a stack adopts by name, planner/objects/decisions.ts).
 */
export async function readObjectsByKind(
  api: Pick<OrgApi, "all">,
  kinds: Iterable<RoutingKind>,
): Promise<Map<RoutingKind, Json[]>> {
  const sorted = [...new Set(kinds)].sort();
  const lists = await inBatches(sorted, PAGE_CONCURRENCY, (kind) =>
    api.all<Json>(unitOf(kind).org.endpoint, { ...unitOf(kind).org.query }),
  );
  return new Map(sorted.map((kind, i) => [kind, lists[i]]));
}

/** The org's objects of each org-object kind (objects/) among `planned`: one list a kind. */
export function readDeclaredKinds(
  api: Pick<OrgApi, "all">,
  planned: readonly { kind: RoutingKind }[],
): Promise<Map<RoutingKind, Json[]>> {
  return readObjectsByKind(
    api,
    planned.filter((o) => unitOf(o.kind).object !== undefined).map((o) => o.kind),
  );
}

/**
 * The org's objects `wanted` of `org` (readObjectsByKind's lists) read again one by one where their
 * kind's list does not answer all a file declares (model/routing/kind.ts `org.detail`: a data
 * action's contract and config), with the names of the org objects they name by id added (`names`:
 * a data action's integration). The others as listed.
 */
export async function readObjectDetails(
  api: Pick<OrgApi, "all" | "get">,
  org: ReadonlyMap<RoutingKind, readonly Json[]>,
  wanted: ReadonlyArray<{ kind: RoutingKind; name: string }>,
): Promise<Map<RoutingKind, Json[]>> {
  const out = new Map<RoutingKind, Json[]>();
  // Each list of names read once, however many reads in flight want it.
  const lists = new Map<string, Promise<Json[]>>();
  for (const [kind, entities] of org) {
    const detail = unitOf(kind).org.detail;
    const names = new Set(wanted.filter((w) => w.kind === kind).map((w) => w.name.toLowerCase()));
    const read = async (e: Json): Promise<Json> => {
      if (detail === undefined || !names.has(String(e.name).toLowerCase())) return e;
      const path = `${unitOf(kind).org.endpoint}/${encodeURIComponent(String(e.id))}`;
      const one = (await api.get<Json>(path, { ...detail.query })) ?? e;
      const named: Json = {};
      for (const [field, route] of Object.entries(detail.names ?? {})) {
        if (!lists.has(route)) lists.set(route, api.all<Json>(route, {}));
        named[field] = (await lists.get(route)!).find((x) => x.id === one[field])?.name;
      }
      return { ...one, names: named };
    };
    out.set(kind, await inBatches(entities, READS_IN_FLIGHT, read));
  }
  return out;
}

/** The same by Genesys id. */
export async function readRoutingObjects(
  api: Pick<OrgApi, "all">,
  kinds: Iterable<RoutingKind>,
): Promise<Map<string, Json>> {
  const lists = [...(await readObjectsByKind(api, kinds)).values()].flat();
  return new Map(lists.flatMap((e) => (typeof e.id === "string" ? [[e.id, e] as const] : [])));
}

/** The org's DID pools (GET /api/v2/telephony/providers/edges/didpools, every page), deleted ones left out. */
export async function readDidPools(api: Pick<OrgApi, "all">): Promise<Array<{ id: string; from: string; to: string }>> {
  const found = await api.all<Json>(unitOf("didPool").org.endpoint, {});
  return found
    .filter(
      (p) =>
        typeof p.id === "string" &&
        typeof p.startPhoneNumber === "string" &&
        typeof p.endPhoneNumber === "string" &&
        p.state !== "deleted",
    )
    .map((p) => ({ id: p.id as string, from: p.startPhoneNumber as string, to: p.endPhoneNumber as string }));
}

/** A routing object the stack would create, as its holder in the org is looked up by. */
type NamedObject = { id: string; kind: RoutingKind; publishedName: string };

/**
 * The org objects that hold what `objects` would create, by routing id: each kind's object of the
 * same published name, any case (an unnamed kind's: of the same identity, a DID pool's range), from
 * one paged list per kind involved; deleted ones left out.
 */
export async function routingHolders(api: Pick<OrgApi, "all">, objects: readonly NamedObject[]) {
  const listed = new Map<RoutingKind, Json[]>();
  for (const kind of [...new Set(objects.map((o) => o.kind))].sort()) {
    const all = await api.all<Json>(unitOf(kind).org.endpoint, {});
    listed.set(
      kind,
      all.filter((e) => e.state !== "deleted" && typeof e.id === "string"),
    );
  }
  const out = new Map<string, { id: string; name: string }>();
  for (const o of objects) {
    const identity = unitOf(o.kind).org.identity ?? ((e: Json) => String(e.name ?? ""));
    const holder = listed.get(o.kind)!.find((e) => identity(e).toLowerCase() === o.publishedName.toLowerCase());
    if (holder) out.set(o.id, { id: holder.id as string, name: identity(holder) });
  }
  return out;
}
