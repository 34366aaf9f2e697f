import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { consumedResourcesAnswer, consumingResourcesAnswer, objectAnswer, type DependencyBuild } from "./dependencyTracking";
import { flowJson, pagedJson, PRODUCTS, versionJson } from "./flowJson";
import { API_FLOW_TYPES } from "./flowTypes";
import { ApiError, intParam, parseJsonBody, readBody } from "./http";
import { JobRecord, JobRunner } from "./jobs";
import { ExportJobs, readExportRequest, type ExportJob } from "./exportJobs";
import { readYaml } from "../model/yamlReader";
import { nameMatches, OrgObjects } from "./orgObjects";
import { OperationKind } from "./requestLog";
import { draftNumber, type FlowRecord } from "./store";
import { flowActionRoutes, flowWrites, liveFlow } from "./flowActions";
import { divisionRoutes } from "./divisionRoutes";
import { describeActor } from "./people";
import { routingRoutes } from "./routingRoutes";
import { unitOf } from "../model/routing/schema";

export type { ApiAnswer, ApiContext, ApiRequest, Handler, Route } from "./apiTypes";
import type { ApiAnswer, ApiContext, ApiRequest, Handler, Route } from "./apiTypes";

/**
 * Collections of orgObjects.ts, by path after /api/v2, with the list filters Genesys's spec defines
 * for each (others are ignored, as Genesys ignores a query parameter an operation does not take):
 * `name` (exact, or with * wildcards), `id` (one or more), `category` (data actions only).
 */
const ORG_PATHS: Readonly<Record<string, ReadonlyArray<"name" | "id" | "category">>> = {
  "routing/queues": ["name", "id"],
  "routing/skills": ["name", "id"],
  "routing/languages": ["name", "id"],
  "routing/wrapupcodes": ["name", "id"],
  "architect/prompts": ["name"],
  "integrations/actions": ["name", "category"],
  "outbound/contactlists": ["name", "id"],
  "flows/datatables": ["name"],
  users: ["id"],
  groups: ["id"],
};

const routes: Route[] = [
  { pattern: ["organizations", "me"], operation: "org.get", methods: { GET: (ctx) => ({ status: 200, body: ctx.organization }) } },
  {
    pattern: ["authorization", "products"],
    operation: "products.list",
    // OrganizationProductEntityListing: entities and counts, no page links.
    methods: { GET: () => ({ status: 200, body: { entities: PRODUCTS, pageSize: PRODUCTS.length, pageNumber: 1, total: PRODUCTS.length, pageCount: 1 } }) },
  },
  { pattern: ["flows", "jobs"], operation: "job.create", methods: { POST: createJob } },
  { pattern: ["flows", "jobs", ":id"], operation: "job.poll", methods: { GET: pollJob } },
  // Architect's own actions on a flow: checkout, checkin, unlock, revert, publish (flowActions.ts).
  ...flowActionRoutes(),
  ...divisionRoutes(),
  { pattern: ["flows", "export", "jobs"], operation: "export.create", methods: { POST: createExportJob } },
  { pattern: ["flows", "export", "jobs", ":id"], operation: "export.poll", methods: { GET: pollExportJob } },
  { pattern: ["flows"], operation: "flow.list", methods: { GET: listFlows } },
  { pattern: ["flows", ":id"], operation: "flow.get", operations: { PUT: "flow.update", DELETE: "flow.delete" }, methods: { GET: getFlow, PUT: flowWrites.updateFlow, DELETE: deleteFlow } },
  { pattern: ["flows", ":id", "versions"], operation: "flow.versions.list", operations: { POST: "flow.version.create" }, methods: { GET: listVersions, POST: flowWrites.saveDraft } },
  { pattern: ["flows", ":id", "versions", ":vid"], operation: "flow.version.get", methods: { GET: getVersion } },
  {
    pattern: ["flows", ":id", "versions", ":vid", "configuration"],
    operation: "flow.configuration.get",
    methods: { GET: getConfiguration },
  },
  { pattern: ["flows", ":id", "latestconfiguration"], operation: "flow.configuration.get", methods: { GET: getConfiguration } },
  // Architect dependency tracking (dependencyTracking.ts).
  {
    pattern: ["architect", "dependencytracking", "build"],
    operation: "dependencytracking.build",
    methods: {
      GET: (ctx) => ({ status: 200, body: ctx.dependencyBuild.json() }),
      POST: async (ctx, r) => {
        await readBody(r.req, ctx.maxBodyBytes);
        ctx.dependencyBuild.rebuild(ctx.now());
        return { status: 202 };
      },
    },
  },
  {
    pattern: ["architect", "dependencytracking", "consumingresources"],
    operation: "dependencytracking.consumers",
    methods: { GET: (ctx, r) => ({ status: ctx.dependencyBuild.answerStatus(), body: consumingResourcesAnswer(ctx.store, r.query, dependencyPage(r)) }) },
  },
  {
    pattern: ["architect", "dependencytracking", "consumedresources"],
    operation: "dependencytracking.consumed",
    methods: { GET: (ctx, r) => ({ status: ctx.dependencyBuild.answerStatus(), body: consumedResourcesAnswer(ctx.store, r.query, dependencyPage(r)) }) },
  },
  {
    pattern: ["architect", "dependencytracking", "object"],
    operation: "dependencytracking.object",
    methods: { GET: (ctx, r) => ({ status: ctx.dependencyBuild.answerStatus(), body: objectAnswer(ctx.store, ctx.org, r.query) }) },
  },
  // The org file's objects (queues, data actions, schedules, ...): one list and one get route per
  // collection of orgObjects.ts, e.g. GET /api/v2/routing/queues?name=Sales and /api/v2/routing/queues/<id>.
  // Schedules, schedule groups, IVR configs, emergency groups (routingRoutes.ts).
  ...routingRoutes(),
  ...Object.keys(ORG_PATHS).flatMap((path): Route[] => [
    { pattern: path.split("/"), operation: "org.objects.list", methods: { GET: (ctx, r) => listOrgObjects(ctx, r, path) } },
    { pattern: [...path.split("/"), ":id"], operation: "org.objects.get", methods: { GET: (ctx, r) => getOrgObject(ctx, r, path) } },
  ]),
];

// Literal routes win over captures: flows/datatables must be found before flows/:id.
routes.sort((a, b) => captureCount(a.pattern) - captureCount(b.pattern));

/** Every API route: its path pattern after /api/v2 and its methods (the conformance tier checks each is a spec operation). */
export function apiRouteTable(): ReadonlyArray<{ pattern: readonly string[]; methods: string[] }> {
  return routes.map((r) => ({ pattern: r.pattern, methods: Object.keys(r.methods) }));
}

function captureCount(pattern: string[]): number {
  return pattern.filter((p) => p.startsWith(":")).length;
}

function match(pattern: string[], segments: string[]): string[] | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(":")) params.push(segments[i]);
    else if (pattern[i] !== segments[i]) return undefined;
  }
  return params;
}

/** Find the route for /api/v2/<segments>; literal routes win over captures (they are listed first). */
export function resolveApiRoute(
  method: string,
  segments: string[],
): { operation: OperationKind; params: string[]; handler?: Handler; allowed: string[] } | undefined {
  for (const route of routes) {
    const params = match(route.pattern, segments);
    if (!params) continue;
    const operation: OperationKind = route.operations?.[method] ?? route.operation;
    return { operation, params, handler: route.methods[method], allowed: Object.keys(route.methods) };
  }
  return undefined;
}

function notFound(what: string, id: string): ApiError {
  return new ApiError(404, "not.found", `${what} ${id} not found`);
}


/** Paging of dependency tracking lists (pageSize default 25, like the API). */
function dependencyPage(r: ApiRequest) {
  const pageSize = intParam(r.query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(r.query, "pageNumber", 1, 1, 1_000_000);
  return <T>(all: T[], path: string) => pagedJson(all, pageNumber, pageSize, path);
}

function jobJson(job: JobRecord, withMessages: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: job.id,
    status: job.status,
    command: "Publish",
    selfUri: `/api/v2/flows/jobs/${job.id}`,
  };
  if (job.status === "Success" && job.flowId) {
    // AddressableEntityRef: id and selfUri (the provider reads flow.id).
    json.flow = { id: job.flowId, selfUri: `/api/v2/flows/${job.flowId}` };
  }
  json.messages = withMessages ? job.messages : [];
  return json;
}

async function createJob(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  await readBody(r.req, ctx.maxBodyBytes); // the provider sends no body; accept and ignore one
  const job = ctx.jobs.create(ctx.actor);
  return {
    status: 200,
    body: {
      id: job.id,
      // Like a real presigned URL, it carries its own credential (the upload has no Authorization header).
    presignedUrl: `${ctx.baseUrl()}/uploads/${job.id}?uploadToken=${job.uploadToken}`,
      headers: {},
      selfUri: `/api/v2/flows/jobs/${job.id}`,
    },
  };
}

function exportJobJson(ctx: ApiContext, job: ExportJob, withMessages: boolean): Record<string, unknown> {
  return {
    id: job.id,
    status: job.status,
    command: "Export",
    ...(job.status === "Success" ? { downloadUrl: `${ctx.baseUrl()}/downloads/${job.id}?downloadToken=${job.downloadToken}` } : {}),
    messages: withMessages ? job.messages : [],
    selfUri: `/api/v2/flows/export/jobs/${job.id}`,
  };
}

async function createExportJob(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const request = readExportRequest(parseJsonBody(await readBody(r.req, ctx.maxBodyBytes)));
  if (!request.ok) throw new ApiError(400, "bad.request", request.message);
  const job = ctx.exports.create(request);
  // Genesys answers the registration before the job runs; the first poll sees how it ended.
  return { status: 200, body: { id: job.id, status: "Started", totalFlows: 1, selfUri: `/api/v2/flows/export/jobs/${job.id}` } };
}

function pollExportJob(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const job = ctx.exports.get(r.params[0]);
  if (!job) throw notFound("Export job", r.params[0]);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: exportJobJson(ctx, job, expand.includes("messages")) };
}

function pollJob(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const job = ctx.jobs.get(r.params[0]);
  if (!job) throw notFound("Job", r.params[0]);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: jobJson(job, expand.includes("messages")) };
}

function getFlow(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  // ?deleted=true reads a deleted flow; without it a deleted flow is 410 Gone, as Genesys answers.
  if (r.query.get("deleted") === "true") {
    const flow = ctx.store.getFlow(r.params[0], true);
    if (!flow) throw notFound("Flow", r.params[0]);
    return { status: 200, body: flowJson(flow) };
  }
  return { status: 200, body: flowJson(liveFlow(ctx, r.params[0])) };
}

function listFlows(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const pageSize = intParam(r.query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(r.query, "pageNumber", 1, 1, 1_000_000);
  const types = r.query
    .getAll("type")
    .flatMap((t) => t.split(","))
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t !== "");
  for (const t of types) {
    if (!API_FLOW_TYPES.includes(t)) throw new ApiError(400, "bad.request", `Unknown flow type ${t.toLowerCase()}`);
  }
  const ids = r.query.getAll("id").flatMap((t) => t.split(",")).filter((t) => t !== "");
  const flows = ctx.store.listFlows({
    name: r.query.get("name") ?? undefined,
    types,
    ids,
    includeDeleted: r.query.get("deleted") === "true",
  });
  const needle = r.query.get("name")?.toLowerCase();
  // The flows the org file says are published outside the emulator (transfer targets, bot flows):
  // listed as the org lists them, after the emulator's own, so a reader sees the whole org.
  const outside = ctx.org
    .outsideFlows()
    .filter((f) => !needle || f.name.toLowerCase().includes(needle))
    .filter((f) => types.length === 0 || types.includes(f.type))
    .filter((f) => ids.length === 0 || ids.includes(f.id))
    .map((f) => ({ id: f.id, name: f.name, type: f.type, active: true, system: false, deleted: false, selfUri: `/api/v2/flows/${f.id}` }));
  return { status: 200, body: pagedJson([...flows.map(flowJson), ...outside], pageNumber, pageSize, "/api/v2/flows") };
}

function deleteFlow(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const result = ctx.store.deleteFlow(r.params[0], ctx.now(), ctx.actor);
  switch (result.kind) {
    case "not-found":
      // A flow deleted already is 404 here, not 410: the provider's delete counts only 404 as gone.
      throw notFound("Flow", r.params[0]);
    case "locked":
      throw new ApiError(
        409,
        "flow.locked",
        `Flow "${result.flow.name}" (${result.flow.id}) is locked by ${describeActor(result.by)}; unlock it before deleting`,
      );
    case "in-use":
      throw new ApiError(
        409,
        "flow.in.use",
        `Common module "${result.flow.name}" (${result.flow.id}) cannot be deleted: it is used by published flows ${result.users
          .map((u) => `"${u.name}" (${u.type}, ${u.id})`)
          .join(", ")}`,
      );
    case "routed":
      throw new ApiError(
        409,
        "flow.in.use",
        `Flow "${result.flow.name}" (${result.flow.id}) cannot be deleted: ${result.users.map((u) => `${unitOf(u.kind).label} "${u.name}" (${u.id})`).join(", ")} route${result.users.length === 1 ? "s" : ""} to it`,
      );
    case "deleted":
      return { status: 204 };
  }
}

function listVersions(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const flow = liveFlow(ctx, r.params[0]);
  const pageSize = intParam(r.query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(r.query, "pageNumber", 1, 1, 1_000_000);
  const versions = [...flow.versions].reverse().map((v) => versionJson(flow, v));
  return { status: 200, body: pagedJson(versions, pageNumber, pageSize, `/api/v2/flows/${flow.id}/versions`) };
}

function findVersion(ctx: ApiContext, flowId: string, versionId: string): { flow: FlowRecord; index: number } {
  const flow = liveFlow(ctx, flowId);
  const index = flow.versions.findIndex((v) => v.id === versionId);
  if (index < 0) throw notFound(`Version of flow ${flowId}:`, versionId);
  return { flow, index };
}

function getVersion(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const { flow, index } = findVersion(ctx, r.params[0], r.params[1]);
  return { status: 200, body: versionJson(flow, flow.versions[index]) };
}

function getConfiguration(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const { flow, index } =
    r.params.length > 1 ? findVersion(ctx, r.params[0], r.params[1]) : (() => {
      const f = liveFlow(ctx, r.params[0]);
      return { flow: f, index: f.versions.length - 1 };
    })();
  // The latest configuration is the lock holder's saved draft when there is one (Flow.savedVersion's configurationUri).
  const draft = r.params.length === 1 ? flow.draft : undefined;
  const latest = flow.versions[index];
  const version = draft ? { id: `${draftNumber(flow)}.0`, text: draft.text, sha256: createHash("sha256").update(draft.text).digest("hex") } : latest;
  const parsed = readYaml(version.text, { exactIntegers: false });
  return {
    status: 200,
    body: {
      flowId: flow.id,
      name: flow.name,
      type: flow.type,
      versionId: version.id,
      format: "archy-yaml",
      sha256: version.sha256,
      text: version.text,
      document: parsed.ok ? parsed.value : null,
    },
  };
}

function listOrgObjects(ctx: ApiContext, r: ApiRequest, path: string): ApiAnswer {
  const pageSize = intParam(r.query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(r.query, "pageNumber", 1, 1, 1_000_000);
  const filters = ORG_PATHS[path];
  const param = (f: "name" | "id" | "category") => (filters.includes(f) ? r.query.get(f) : null);
  const name = param("name");
  const category = param("category");
  const ids = filters.includes("id") ? r.query.getAll("id").flatMap((v) => v.split(",")).filter((v) => v !== "") : [];
  const entities = (ctx.org.collection(path)?.entities ?? [])
    .filter((e) => nameMatches(String(e.name), name))
    .filter((e) => category === null || category === "" || String(e.category ?? "").toLowerCase() === category.toLowerCase())
    .filter((e) => ids.length === 0 || ids.includes(String(e.id)))
    .map(withoutContract);
  return { status: 200, body: pagedJson(entities, pageNumber, pageSize, `/api/v2/${path}`) };
}

/** A data action's contract comes only with `expand=contract` on the action itself, as on Genesys. */
function withoutContract(entity: Record<string, unknown>): Record<string, unknown> {
  if (!("contract" in entity)) return entity;
  const { contract: _contract, ...rest } = entity;
  return rest;
}

function getOrgObject(ctx: ApiContext, r: ApiRequest, path: string): ApiAnswer {
  const entity = ctx.org.collection(path)?.entities.find((e) => e.id === r.params[0]);
  if (!entity) throw notFound(path, r.params[0]);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: expand.includes("contract") ? entity : withoutContract(entity) };
}
