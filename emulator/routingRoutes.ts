// The API routes of the routing objects, as the official provider calls them (v1.84,
// genesyscloud/architect_schedules, architect_schedulegroups, architect_ivr,
// architect_emergencygroup): POST and paged GET on the collection, GET, PUT and DELETE on one
// object. The org file's schedules, schedule groups and emergency groups are listed with the
// stored ones, read-only (the Archy validator knows them by name).
import type { ApiAnswer, ApiContext, ApiRequest, Route } from "./apiTypes";
import { conflict, notFound } from "./http";
import { readJsonObject, REQUEST_BODIES, type BodyShape } from "./requestBodies";
import { anyOf, holds, listAnswer, oneOf, textFilter, type ListSpec } from "./listQuery";
import { ROUTING_COLLECTIONS, ROUTING_KINDS, routingJson, type RoutingKind, type RoutingRecord } from "./routingStore";
import { listOf, type QueryParams } from "./queryParams";

/** The org file's read-only entities of this collection (none for IVR configs). */
function fileEntities(ctx: ApiContext, kind: RoutingKind): Array<Record<string, unknown>> {
  return ctx.org.collection(ROUTING_COLLECTIONS[kind].path)?.entities ?? [];
}

/** The list parameters the spec documents for each kind's collection that the emulator applies (listQuery.ts). */
const LIST_SPECS: Readonly<Record<RoutingKind, Omit<ListSpec, "path">>> = {
  schedule: {
    filters: { name: textFilter("name", "exact"), divisionId: oneOf("division.id") },
    sortBy: true,
    sortOrder: true,
  },
  scheduleGroup: {
    filters: {
      name: textFilter("name", "exact"),
      divisionId: oneOf("division.id"),
      scheduleIds: anyOf(holds("openSchedules", "id"), holds("closedSchedules", "id"), holds("holidaySchedules", "id")),
    },
    sortBy: true,
    sortOrder: true,
  },
  ivr: {
    filters: { name: textFilter("name", "exact"), dnis: holds("dnis"), scheduleGroup: oneOf("scheduleGroup.id") },
    sortBy: true,
    sortOrder: true,
  },
  emergencyGroup: { filters: { name: textFilter("name", "exact") }, sortBy: true, sortOrder: true },
  didPool: { filters: { id: oneOf("id") }, sortBy: true },
};

/** The closed list parameters of each kind's collection (queryParams.ts). */
const LIST_QUERY: Partial<Record<RoutingKind, QueryParams>> = { ivr: { expand: listOf(["identityresolution"]) } };

function list(ctx: ApiContext, r: ApiRequest, kind: RoutingKind): ApiAnswer {
  const stored = ctx.store.routing.listed(kind).map((rec) => routingJson(ctx.store.routing, rec));
  const all = [...stored, ...fileEntities(ctx, kind)].sort(
    (a, b) =>
      String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()) ||
      String(a.id).localeCompare(String(b.id)),
  );
  return listAnswer(all, r.query, { path: `/api/v2/${ROUTING_COLLECTIONS[kind].path}`, ...LIST_SPECS[kind] });
}

/** A stored record as the API answers it (200). */
function answer(ctx: ApiContext, rec: RoutingRecord): ApiAnswer {
  return { status: 200, body: routingJson(ctx.store.routing, rec) };
}

function get(ctx: ApiContext, r: ApiRequest, kind: RoutingKind): ApiAnswer {
  const rec = ctx.store.routing.get(kind, r.params[0]);
  if (rec) return answer(ctx, rec);
  const entity = fileEntities(ctx, kind).find((e) => e.id === r.params[0]);
  if (entity) return { status: 200, body: entity };
  throw notFound(`${ROUTING_COLLECTIONS[kind].label} ${r.params[0]} not found`);
}

/** The spec's request schema of each kind's writes (requestBodies.ts). */
const BODY_SHAPES: Readonly<Record<RoutingKind, BodyShape>> = {
  schedule: REQUEST_BODIES.Schedule,
  scheduleGroup: REQUEST_BODIES.ScheduleGroup,
  ivr: REQUEST_BODIES.IVR,
  emergencyGroup: REQUEST_BODIES.EmergencyGroup,
  didPool: REQUEST_BODIES.DIDPool,
};

function refuseFileEntity(ctx: ApiContext, kind: RoutingKind, id: string): void {
  if (fileEntities(ctx, kind).some((e) => e.id === id)) {
    throw conflict(`${ROUTING_COLLECTIONS[kind].label} ${id} comes from the emulator's org file and is read-only`);
  }
}

export function routingRoutes(): Route[] {
  return ROUTING_KINDS.flatMap((kind): Route[] => {
    const pattern = ROUTING_COLLECTIONS[kind].path.split("/");
    return [
      {
        pattern,
        operation: "routing.list",
        operations: { POST: "routing.create" },
        methods: {
          GET: (ctx, r) => list(ctx, r, kind),
          POST: async (ctx, r) => {
            const body = await readJsonObject(ctx, r, BODY_SHAPES[kind]);
            return answer(ctx, ctx.store.routing.create(kind, body, ctx.now(), ctx.actor));
          },
        },
        query: { GET: LIST_QUERY[kind] },
      },
      {
        pattern: [...pattern, ":id"],
        operation: "routing.get",
        operations: { PUT: "routing.update", DELETE: "routing.delete" },
        methods: {
          GET: (ctx, r) => get(ctx, r, kind),
          PUT: async (ctx, r) => {
            refuseFileEntity(ctx, kind, r.params[0]);
            const body = await readJsonObject(ctx, r, BODY_SHAPES[kind]);
            return answer(ctx, ctx.store.routing.update(kind, r.params[0], body, ctx.now(), ctx.actor));
          },
          DELETE: (ctx, r) => {
            refuseFileEntity(ctx, kind, r.params[0]);
            ctx.store.routing.delete(kind, r.params[0], ctx.now());
            // Operation was successful: 200 without a body (the spec documents no 204 for these deletes).
            return { status: 200 };
          },
        },
      },
    ];
  });
}
