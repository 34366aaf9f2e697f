// The org's integrations, which its data actions belong to (GET /api/v2/integrations: the org
// file's and each of its data actions', orgObjects.ts), written as the official provider (v1.84.2,
// genesyscloud/integration) writes one: POST by its type only (named as its type until its
// configuration names it), PATCH of its intended state, its current configuration (GET, PUT naming
// the version it changes: a stale one is 409; its name is the integration's), DELETE. A stack
// never writes one (a data action declared under objects/ names its integration): these routes are
// for the provider's own acceptance tests and a team's own resources. Not modelled: integration
// types, credentials' contents, the reported state following the intended one.
import type { ApiContext, ApiRequest, Handler, Route } from "./apiTypes";
import { notFound, staleVersion } from "./http";
import { listAnswer } from "./listQuery";
import { oneOf } from "./queryParams";
import { lookups } from "./orgObjectRoutes";
import type { Entity } from "./orgObjectStore";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";

function integration(ctx: ApiContext, id: string): Entity {
  const found = ctx.org.integrations().find((i) => i.id === id);
  if (!found) throw notFound(`Integration ${id} not found`);
  return found;
}

/** Its current configuration: as last written, or its name and nothing else (version 1). */
function config(ctx: ApiContext, id: string): Entity {
  const written = ctx.org.writes.one("integration", id).children.config as Entity | undefined;
  const base = {
    name: integration(ctx, id).name,
    notes: "",
    properties: {},
    advanced: {},
    credentials: {},
    version: 1,
  };
  return { ...(written ?? base), id, selfUri: `/api/v2/integrations/${id}/config/current` };
}

const putConfig: Handler = async (ctx, r) => {
  const id = r.params[0];
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.IntegrationConfiguration);
  const current = config(ctx, id);
  if (body.version !== current.version)
    throw staleVersion("integration's configuration", body.version, current.version);
  const { id: _id, selfUri: _selfUri, ...fields } = body;
  ctx.org.writes.setChild("integration", id, "config", { ...fields, version: Number(current.version) + 1 });
  ctx.org.writes.update("integration", id, { name: body.name }, lookups(ctx));
  return { status: 200, body: config(ctx, id) };
};

const one = (r: ApiRequest) => r.params[0];

export const INTEGRATION_ROUTES: readonly Route[] = [
  {
    pattern: ["integrations"],
    operation: "org.objects.list",
    operations: { POST: "org.objects.create" },
    methods: {
      GET: (ctx, r) => listAnswer(ctx.org.integrations(), r.query, { path: "/api/v2/integrations", sortBy: true }),
      POST: async (ctx, r) => {
        const body = await readJsonObject(ctx, r, REQUEST_BODIES.CreateIntegrationRequest);
        const id = ctx.org.writes.create("integration", body, lookups(ctx));
        return { status: 200, body: integration(ctx, id) };
      },
    },
    query: { GET: { reportedState: oneOf(["ACTIVATING", "ACTIVE", "DEACTIVATING", "ERROR", "INACTIVE"]) } },
  },
  {
    pattern: ["integrations", ":id"],
    operation: "org.objects.get",
    operations: { PATCH: "org.objects.update", DELETE: "org.objects.delete" },
    methods: {
      GET: (ctx, r) => ({ status: 200, body: integration(ctx, one(r)) }),
      PATCH: async (ctx, r) => {
        const body = await readJsonObject(ctx, r, REQUEST_BODIES.Integration);
        ctx.org.writes.update("integration", one(r), body, lookups(ctx));
        return { status: 200, body: integration(ctx, one(r)) };
      },
      DELETE: (ctx, r) => {
        const gone = integration(ctx, one(r));
        ctx.org.writes.delete("integration", one(r));
        return { status: 200, body: gone };
      },
    },
  },
  {
    pattern: ["integrations", ":id", "config", "current"],
    operation: "org.objects.get",
    operations: { PUT: "org.objects.update" },
    methods: { GET: (ctx, r) => ({ status: 200, body: config(ctx, one(r)) }), PUT: putConfig },
  },
];
