// The divisions routes as Genesys's spec defines them: GET /api/v2/authorization/divisions (paged,
// filtered by `id` and `name`, `objectCount`), GET .../divisions/home, GET/PUT/DELETE
// .../divisions/{divisionId} and POST to create one (divisions.ts keeps them).
import type { ApiAnswer, ApiContext, ApiRequest, Route } from "./apiTypes";
import { divisionJson, type DivisionRecord } from "./divisions";
import { notFound } from "./http";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import { listAnswer, oneOf, textFilter } from "./listQuery";
import { isArchitectObject } from "./routingStore";
import { BOOLEAN, oneOf as oneOfValues } from "./queryParams";

/** Objects per division, as `objectCount=true` reports them (flows and the routing objects the emulator stores). */
function objectCounts(ctx: ApiContext, d: DivisionRecord): Record<string, number> {
  const flows = ctx.store.listFlows().filter((f) => f.divisionName.toLowerCase() === d.name.toLowerCase()).length;
  const routing = ctx.store.routing
    .snapshot()
    .filter((r) => !r.deleted && isArchitectObject(r.kind) && ctx.store.routing.divisionOf(r).id === d.id).length;
  return { flow: flows, routing };
}

function json(ctx: ApiContext, d: DivisionRecord, withCounts: boolean): Record<string, unknown> {
  return divisionJson(d, ctx.divisions.home(), withCounts ? objectCounts(ctx, d) : undefined);
}

function list(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const withCounts = r.query.get("objectCount") === "true";
  return listAnswer(
    ctx.divisions.list().map((d) => json(ctx, d, withCounts)),
    r.query,
    {
      path: "/api/v2/authorization/divisions",
      filters: { id: oneOf("id"), name: textFilter("name", "exact") },
      sortBy: true,
    },
  );
}

function one(ctx: ApiContext, id: string): DivisionRecord {
  const d = ctx.divisions.get(id);
  if (!d) throw notFound(`Division ${id} not found`);
  return d;
}

export function divisionRoutes(): Route[] {
  return [
    {
      pattern: ["authorization", "divisions"],
      operation: "divisions.list",
      operations: { POST: "divisions.create" },
      methods: {
        GET: list,
        POST: async (ctx, r) => ({
          status: 200,
          body: json(ctx, ctx.divisions.create(await readJsonObject(ctx, r, REQUEST_BODIES.AuthzDivision)), false),
        }),
      },
      query: { GET: { objectCount: BOOLEAN } },
    },
    {
      pattern: ["authorization", "divisions", "home"],
      operation: "divisions.get",
      methods: { GET: (ctx) => ({ status: 200, body: json(ctx, ctx.divisions.home(), false) }) },
    },
    {
      pattern: ["authorization", "divisions", ":id"],
      operation: "divisions.get",
      operations: { PUT: "divisions.update", DELETE: "divisions.delete" },
      methods: {
        GET: (ctx, r) => ({
          status: 200,
          body: json(ctx, one(ctx, r.params[0]), r.query.get("objectCount") === "true"),
        }),
        PUT: async (ctx, r) => ({
          status: 200,
          body: json(
            ctx,
            ctx.divisions.update(r.params[0], await readJsonObject(ctx, r, REQUEST_BODIES.AuthzDivision)),
            false,
          ),
        }),
        DELETE: (ctx, r) => {
          const d = one(ctx, r.params[0]);
          const counts = objectCounts(ctx, d);
          ctx.divisions.delete(
            d.id,
            Object.values(counts).some((n) => n > 0),
          );
          return { status: 204 };
        },
      },
      query: { GET: { objectCount: oneOfValues(["true", "false"]) }, DELETE: { force: BOOLEAN } },
    },
  ];
}
