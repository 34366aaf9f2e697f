import { createHash } from "node:crypto";
import { consumedResourcesAnswer, consumingResourcesAnswer, objectAnswer } from "./dependencyTracking";
import { claimJson, flowJson, pagedJson, PRODUCTS, versionJson } from "./flowJson";
import { claimHolder } from "./flowClaims";
import { plays } from "./behave";
import { API_FLOW_TYPES } from "./flowTypes";
import { ApiError, badRequest, intParam, notFound, parseJsonBody, readBody } from "./http";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import type { JobRecord } from "./jobs";
import { readExportRequest, type ExportJob } from "./exportJobs";
import { readValidateRequest } from "./validateJobs";
import { readYaml } from "../model/yamlReader";
import { pathOf } from "./orgObjects";
import type { OrgObjectKind } from "../archy/orgObjectKinds";
import {
  dateBound,
  eitherContains,
  listAnswer,
  listValues,
  oneOf,
  textFilter,
  type ListFilter,
  type ListSpec,
} from "./listQuery";
import type { OperationKind } from "./requestLog";
import { draftNumber, type FlowRecord, type VersionRecord } from "./store";
import { flowActionRoutes, flowName, flowWrites, liveFlow } from "./flowActions";
import { divisionRoutes } from "./divisionRoutes";
import { describeActor, sameActor } from "./people";
import { routingRoutes } from "./routingRoutes";
import { objectAnswer as orgObjectAnswer, ORG_OBJECT_PART_ROUTES, writeMethods } from "./orgObjectRoutes";
import { isWritable } from "./orgObjectStore";
import { INTEGRATION_ROUTES } from "./integrationRoutes";
import { unitOf } from "../model/routing/schema";
import * as q from "./queryParams";
import type { QueryParams } from "./queryParams";
import { DEPENDENCY_TYPES } from "./dependencyTracking";
import { queueObservationsAnswer } from "./queueObservations";
import { EXECUTION_SETTINGS_ROUTES } from "./executionSettingsRoutes";
import { executionRoutes } from "./executionRoutes";

import type { ApiAnswer, ApiContext, ApiRequest, Route } from "./apiTypes";

const exact = textFilter("name", "exact");
const byId = oneOf("id");
const byDivision = oneOf("division.id");

/** A user's `state` (active, inactive, deleted, any), `active` when absent, as the spec documents. */
const userState: ListFilter = (query, param) => {
  const wanted = query.get(param) || "active";
  return wanted === "any" ? undefined : (e) => e.state === wanted;
};

/** A data action's `secure` flag ("true" or "false"). */
const secureFlag: ListFilter = (query, param) => {
  const wanted = query.get(param);
  return wanted === "true" || wanted === "false" ? (e) => (e.secure === true) === (wanted === "true") : undefined;
};

/** A contact list's `name` as `filterType` says (Prefix when absent, as the spec's default). */
const contactListName: ListFilter = (query, param) => {
  const wanted = query.get(param);
  if (!wanted) return undefined;
  const how = query.get("filterType") || "Prefix";
  const w = wanted.toLowerCase();
  const test: Record<string, (name: string) => boolean> = {
    Equals: (n) => n === w,
    Contains: (n) => n.includes(w),
    Prefix: (n) => n.startsWith(w),
    BeginsWith: (n) => n.startsWith(w),
    EndsWith: (n) => n.endsWith(w),
    RegEx: (n) => new RegExp(wanted, "i").test(n),
    LessThan: (n) => n < w,
    LessThanEqualTo: (n) => n <= w,
    GreaterThan: (n) => n > w,
    GreaterThanEqualTo: (n) => n >= w,
  };
  const match = test[how];
  if (!match) throw badRequest(`Query parameter filterType must be one of ${Object.keys(test).join(", ")}`);
  return (e) => match(String(e.name ?? "").toLowerCase());
};

const PRESENCE_SOURCES = ["MicrosoftTeams", "ZoomPhone", "EightByEight"];
const CONTACT_LIST_FILTER_TYPES = [
  "Equals",
  "RegEx",
  "Contains",
  "Prefix",
  "LessThan",
  "LessThanEqualTo",
  "GreaterThan",
  "GreaterThanEqualTo",
  "BeginsWith",
  "EndsWith",
];
const EXPAND_MESSAGES: QueryParams = { expand: q.listOf(["messages"]) };
/** Genesys's flow types as GET /api/v2/flows?type= takes them: lower-case. */
const LIST_FLOW_TYPES = API_FLOW_TYPES.map((t) => t.toLowerCase());

/**
 * Collections of orgObjects.ts, by kind (their paths after /api/v2 from archy/orgObjectKinds.ts), with the list parameters Genesys's spec
 * documents for each that the emulator applies (listQuery.ts); the others are kept differences
 * (specDifferences.ts), and a parameter an operation does not take is ignored, as Genesys ignores it.
 * `query`: the parameters of its list, get, update (PUT) and delete operations.
 */
const ORG_LISTS: Readonly<
  Partial<
    Record<
      OrgObjectKind,
      Omit<ListSpec, "path"> & {
        query?: { list?: QueryParams; get?: QueryParams; put?: QueryParams; delete?: QueryParams };
        objectFilters?: Readonly<Record<string, ListFilter>>;
      }
    >
  >
> = {
  queue: {
    filters: { name: exact, id: byId, divisionId: byDivision },
    sortOrder: true,
    query: {
      list: { sortOrder: q.oneOf(["asc", "desc"]), hasPeer: q.BOOLEAN, expand: q.listOf(["identityresolution"]) },
      get: { expand: q.listOf(["identityresolution"]) },
      delete: { forceDelete: q.BOOLEAN },
    },
  },
  skill: { filters: { name: textFilter("name", "prefix"), id: byId } },
  languageSkill: {
    filters: { name: exact, id: byId },
    sortOrder: true,
    query: { list: { sortOrder: q.sortOrder("ASC") } },
  },
  wrapupCode: {
    filters: { name: exact, id: byId, divisionId: byDivision },
    sortBy: true,
    sortOrder: true,
    query: { list: { sortBy: q.oneOf(["name", "id"]), sortOrder: q.sortOrder() } },
  },
  prompt: {
    filters: {
      name: exact,
      description: textFilter("description", "contains"),
      nameOrDescription: eitherContains("name", "description"),
    },
    sortBy: true,
    sortOrder: true,
    query: {
      list: { includeMediaUris: q.BOOLEAN, includeResources: q.BOOLEAN },
      get: { includeMediaUris: q.BOOLEAN, includeResources: q.BOOLEAN },
      delete: { allResources: q.BOOLEAN },
    },
  },
  dataAction: {
    filters: {
      name: textFilter("name", "contains"),
      category: textFilter("category", "exact"),
      ids: byId,
      secure: secureFlag,
    },
    sortBy: true,
    sortOrder: true,
    query: {
      list: {
        sortOrder: q.oneOf(["ASC", "DESC", "asc"]),
        secure: q.oneOf(["true", "false"]),
        includeAuthActions: q.oneOf(["true", "false"]),
        includeConfig: q.oneOf(["true", "false"]),
      },
      get: {
        expand: q.oneOf(["contract"]),
        flatten: q.oneOf(["true", "false"]),
        includeConfig: q.oneOf(["true", "false"]),
      },
    },
  },
  contactList: {
    filters: { name: contactListName, id: byId, divisionId: byDivision },
    sortBy: true,
    sortOrder: true,
    query: {
      list: {
        includeImportStatus: q.BOOLEAN,
        includeSize: q.BOOLEAN,
        allowEmptyResult: q.BOOLEAN,
        filterType: q.oneOf(CONTACT_LIST_FILTER_TYPES),
        sortOrder: q.sortOrder("a"),
      },
      get: { includeImportStatus: q.BOOLEAN, includeSize: q.BOOLEAN },
    },
  },
  dataTable: {
    filters: { name: exact, divisionId: byDivision },
    sortBy: true,
    sortOrder: true,
    query: {
      list: { expand: q.oneOf(["schema"]), sortBy: q.oneOf(["id", "name"]) },
      get: { expand: q.oneOf(["schema"]) },
      put: { expand: q.oneOf(["schema"]) },
      delete: { force: q.BOOLEAN },
    },
  },
  user: {
    filters: { id: byId, state: userState },
    objectFilters: { state: userState },
    sortOrder: true,
    query: {
      list: {
        sortOrder: q.sortOrder("ASC"),
        expand: q.listOf(q.USER_EXPANSIONS),
        integrationPresenceSource: q.oneOf(PRESENCE_SOURCES),
        state: q.oneOf(["active", "inactive", "deleted", "any"]),
      },
      get: {
        expand: q.listOf(q.USER_EXPANSIONS),
        integrationPresenceSource: q.oneOf(PRESENCE_SOURCES),
        state: q.oneOf(["active", "deleted"]),
      },
    },
  },
  group: { filters: { id: byId }, sortOrder: true, query: { list: { sortOrder: q.sortOrder("ASC") } } },
};
const ORG_PATHS = Object.fromEntries(
  Object.entries(ORG_LISTS).map(([kind, list]) => [pathOf(kind as OrgObjectKind), list]),
);

const routes: Route[] = [
  {
    pattern: ["organizations", "me"],
    operation: "org.get",
    methods: { GET: (ctx) => ({ status: 200, body: ctx.organization }) },
  },
  // Who the token is (TokenInfo): the org, and the OAuth client it was issued to ("OAuthClient", as
  // the spec spells it: an OrgOAuthClient, whose name and authorizedGrantType are required, with its
  // organization, which the provider's genesyscloud_oauth_client reads unguarded). A person's token
  // through a client names the same client (the user is not part of TokenInfo), issued by the
  // password grant, the stack's by client credentials. The token never idles here, so
  // preserveIdleTTL changes nothing.
  {
    pattern: ["tokens", "me"],
    operation: "token.get",
    methods: {
      GET: (ctx) => {
        const org = { id: String(ctx.organization.id), name: String(ctx.organization.name) };
        const client = {
          ...ctx.actor.client,
          authorizedGrantType: ctx.actor.user ? "PASSWORD" : "CLIENT-CREDENTIALS",
          state: "active",
          organization: org,
        };
        return {
          status: 200,
          body: { organization: org, homeOrganization: org, authorizedScope: [], OAuthClient: client },
        };
      },
    },
    // Checked against the spec's values (a Boolean); it has no effect (specDifferences.ts).
    query: { GET: { preserveIdleTTL: q.BOOLEAN } },
  },
  {
    pattern: ["authorization", "products"],
    operation: "products.list",
    // OrganizationProductEntityListing: entities and counts, no page links.
    methods: {
      GET: () => ({
        status: 200,
        body: { entities: PRODUCTS, pageSize: PRODUCTS.length, pageNumber: 1, total: PRODUCTS.length, pageCount: 1 },
      }),
    },
  },
  { pattern: ["flows", "jobs"], operation: "job.create", methods: { POST: createJob } },
  {
    pattern: ["flows", "jobs", ":id"],
    operation: "job.poll",
    methods: { GET: pollJob },
    query: { GET: EXPAND_MESSAGES },
  },
  // Architect's own actions on a flow: checkout, checkin, unlock, revert, publish (flowActions.ts).
  ...flowActionRoutes(),
  ...divisionRoutes(),
  // Historical flow execution data: its settings and the recorded executions (executionSettingsRoutes.ts, executionRoutes.ts).
  ...EXECUTION_SETTINGS_ROUTES,
  ...executionRoutes(),
  { pattern: ["flows", "export", "jobs"], operation: "export.create", methods: { POST: createExportJob } },
  {
    pattern: ["flows", "export", "jobs", ":id"],
    operation: "export.poll",
    methods: { GET: pollExportJob },
    query: { GET: EXPAND_MESSAGES },
  },
  { pattern: ["flows", "validate", "jobs"], operation: "validate.create", methods: { POST: createValidateJob } },
  {
    pattern: ["flows", "validate", "jobs", ":id"],
    operation: "validate.poll",
    methods: { GET: pollValidateJob },
    query: { GET: EXPAND_MESSAGES },
  },
  {
    pattern: ["flows"],
    operation: "flow.list",
    operations: { POST: "flow.create" },
    methods: { GET: listFlows, POST: createFlow },
    query: {
      GET: {
        type: q.listOf(LIST_FLOW_TYPES),
        secure: q.oneOf(["any", "checkedin", "published"]),
        deleted: q.BOOLEAN,
        includeSchemas: q.BOOLEAN,
        virtualAgentEnabled: q.BOOLEAN,
      },
    },
  },
  {
    pattern: ["flows", ":id"],
    operation: "flow.get",
    operations: { PUT: "flow.update", DELETE: "flow.delete" },
    methods: { GET: getFlow, PUT: flowWrites.updateFlow, DELETE: deleteFlow },
    query: { GET: { deleted: q.BOOLEAN } },
  },
  {
    pattern: ["flows", ":id", "versions"],
    operation: "flow.versions.list",
    operations: { POST: "flow.version.create" },
    methods: { GET: listVersions, POST: flowWrites.saveDraft },
    query: { GET: { deleted: q.BOOLEAN } },
  },
  { pattern: ["flows", ":id", "versions", ":vid"], operation: "flow.version.get", methods: { GET: getVersion } },
  {
    pattern: ["flows", ":id", "versions", ":vid", "configuration"],
    operation: "flow.configuration.get",
    methods: { GET: getConfiguration },
  },
  {
    pattern: ["flows", ":id", "latestconfiguration"],
    operation: "flow.configuration.get",
    methods: { GET: getConfiguration },
    query: { GET: { deleted: q.BOOLEAN } },
  },
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
    methods: {
      GET: (ctx, r) => ({
        status: ctx.dependencyBuild.answerStatus(),
        body: consumingResourcesAnswer(ctx.store, r.query, dependencyPage(r)),
      }),
    },
    query: { GET: { objectType: q.oneOf(DEPENDENCY_TYPES), flowFilter: q.oneOf(["checkedIn", "published"]) } },
  },
  {
    pattern: ["architect", "dependencytracking", "consumedresources"],
    operation: "dependencytracking.consumed",
    methods: {
      GET: (ctx, r) => ({
        status: ctx.dependencyBuild.answerStatus(),
        body: consumedResourcesAnswer(ctx.store, r.query, dependencyPage(r)),
      }),
    },
    query: { GET: { objectType: q.oneOf(DEPENDENCY_TYPES) } },
  },
  {
    pattern: ["architect", "dependencytracking", "object"],
    operation: "dependencytracking.object",
    methods: {
      GET: (ctx, r) => ({
        status: ctx.dependencyBuild.answerStatus(),
        body: objectAnswer(ctx.store, ctx.org, r.query),
      }),
    },
    query: {
      GET: {
        objectType: q.oneOf(DEPENDENCY_TYPES),
        consumedResources: q.BOOLEAN,
        consumingResources: q.BOOLEAN,
        consumedResourceType: q.listOf(DEPENDENCY_TYPES),
        consumingResourceType: q.listOf(DEPENDENCY_TYPES),
        consumedResourceRequest: q.BOOLEAN,
      },
    },
  },
  // Analytics' queue observations (queueObservations.ts): the conversations waiting in each queue.
  {
    pattern: ["analytics", "queues", "observations", "query"],
    operation: "analytics.queues.observations",
    methods: {
      POST: async (ctx, r) => ({
        status: 200,
        body: queueObservationsAnswer(
          await readJsonObject(ctx, r, REQUEST_BODIES.QueueObservationQuery),
          ctx.org.conversations,
        ),
      }),
    },
  },
  // The org file's objects (queues, data actions, schedules, ...): one list and one get route per
  // collection of orgObjects.ts, e.g. GET /api/v2/routing/queues?name=Sales and /api/v2/routing/queues/<id>.
  // Schedules, schedule groups, IVR configs, emergency groups (routingRoutes.ts).
  ...routingRoutes(),
  // The kinds a flow names that the API writes (orgObjectRoutes.ts) take POST, PUT and DELETE too.
  ...(Object.keys(ORG_LISTS) as OrgObjectKind[]).flatMap((kind): Route[] => {
    const path = pathOf(kind);
    const writes = isWritable(kind) ? writeMethods(kind) : { list: {}, one: {} };
    return [
      {
        pattern: path.split("/"),
        operation: "org.objects.list",
        operations: { POST: "org.objects.create" },
        methods: { GET: (ctx, r) => listOrgObjects(ctx, r, path), ...writes.list },
        query: { GET: ORG_PATHS[path].query?.list },
      },
      {
        pattern: [...path.split("/"), ":id"],
        operation: "org.objects.get",
        // PUT, or PATCH for a data action and a user (orgObjectRoutes.ts updateMethod).
        operations: { PUT: "org.objects.update", PATCH: "org.objects.update", DELETE: "org.objects.delete" },
        methods: { GET: (ctx, r) => getOrgObject(ctx, r, path), ...writes.one },
        query: {
          GET: ORG_PATHS[path].query?.get,
          PUT: ORG_PATHS[path].query?.put,
          DELETE: ORG_PATHS[path].query?.delete,
        },
      },
    ];
  }),
  ...ORG_OBJECT_PART_ROUTES,
  ...INTEGRATION_ROUTES,
];

// Literal routes win over captures: flows/datatables must be found before flows/:id.
routes.sort((a, b) => captureCount(a.pattern) - captureCount(b.pattern));

/** Every API route: its path pattern after /api/v2 and its methods (the conformance tier checks each is a spec operation). */
export function apiRouteTable(): ReadonlyArray<{
  pattern: readonly string[];
  methods: string[];
  query: Partial<Record<string, QueryParams>>;
}> {
  return routes.map((r) => ({ pattern: r.pattern, methods: Object.keys(r.methods), query: r.query ?? {} }));
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
export function resolveApiRoute(method: string, segments: string[]) {
  for (const route of routes) {
    const params = match(route.pattern, segments);
    if (!params) continue;
    const operation: OperationKind = route.operations?.[method] ?? route.operation;
    return {
      pattern: route.pattern,
      operation,
      params,
      handler: route.methods[method],
      allowed: Object.keys(route.methods),
      query: route.query?.[method],
    };
  }
  return undefined;
}

/** Paging of dependency tracking lists (pageSize default 25, like the API). */
function dependencyPage(r: ApiRequest) {
  const pageSize = intParam(r.query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(r.query, "pageNumber", 1, 1, 1_000_000);
  return <T>(all: T[], path: string) => pagedJson(all, pageNumber, pageSize, path);
}

function jobJson(job: JobRecord, withMessages: boolean): Record<string, unknown> {
  // A successful job names its flow: an AddressableEntityRef, id and selfUri (the provider reads flow.id).
  const ref = job.flowId ? { id: job.flowId, selfUri: `/api/v2/flows/${job.flowId}` } : undefined;
  return {
    id: job.id,
    status: job.status,
    command: "Publish",
    selfUri: `/api/v2/flows/jobs/${job.id}`,
    ...(job.status === "Success" && ref ? { flow: ref } : {}),
    messages: withMessages ? job.messages : [],
  };
}

/**
 * POST /api/v2/flows/jobs takes an optional RegisterArchitectJobRequest, an object the spec gives no
 * property: no body, JSON `null` (what the provider's Go SDK sends for the absent body, which
 * Genesys takes) or `{}`; anything else is refused as Genesys documents (400 invalid.property), not
 * ignored.
 */
async function createJob(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const body = parseJsonBody(await readBody(r.req, ctx.maxBodyBytes));
  if (body !== undefined && body !== null) {
    ctx.bodyTap?.({ method: "POST", path: "/api/v2/flows/jobs", body });
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw badRequest("The request body must be a JSON object (RegisterArchitectJobRequest)");
    const [unexpected] = Object.keys(body);
    if (unexpected !== undefined)
      throw new ApiError(
        400,
        "invalid.property",
        `Value [${unexpected}] is not a valid property for object [RegisterArchitectJobRequest]`,
      );
  }
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
    ...(job.status === "Success"
      ? { downloadUrl: `${ctx.baseUrl()}/downloads/${job.id}?downloadToken=${job.downloadToken}` }
      : {}),
    messages: withMessages ? job.messages : [],
    selfUri: `/api/v2/flows/export/jobs/${job.id}`,
  };
}

async function createExportJob(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const requests = readExportRequest(await readJsonObject(ctx, r, REQUEST_BODIES.RegisterArchitectExportJob));
  const job = ctx.exports.create(requests);
  // Genesys answers the registration before the job runs; the first poll sees how it ended.
  return registration("export", job.id, "Started", requests.length);
}

function pollExportJob(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const job = ctx.exports.get(r.params[0]);
  if (!job) throw notFound(`Export job ${r.params[0]} not found`);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: exportJobJson(ctx, job, expand.includes("messages")) };
}

async function createValidateJob(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const flows = readValidateRequest(await readJsonObject(ctx, r, REQUEST_BODIES.RegisterArchitectValidateJob));
  const job = ctx.validations.create(flows);
  return registration("validate", job.id, job.status, flows.length);
}

/** An export or validate job's registration as its POST answers it: the job, its status and how many flows it takes. */
function registration(command: "export" | "validate", id: string, status: string, totalFlows: number): ApiAnswer {
  return { status: 200, body: { id, status, totalFlows, selfUri: `/api/v2/flows/${command}/jobs/${id}` } };
}

/** ArchitectValidateJobStateResponse: 202 while Registered or Started, 200 once it ended. */
function pollValidateJob(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const job = ctx.validations.get(r.params[0]);
  if (!job)
    throw new ApiError(404, "general.resource.not.found", `Unable to find a job with that jobId (${r.params[0]})`);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  const done = job.status === "Success" || job.status === "Failure";
  return {
    status: done ? 200 : 202,
    body: {
      id: job.id,
      status: job.status,
      command: "Validate",
      messages: expand.includes("messages") ? job.messages : [],
      selfUri: `/api/v2/flows/validate/jobs/${job.id}`,
    },
  };
}

function pollJob(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const job = ctx.jobs.get(r.params[0]);
  if (!job) throw notFound(`Job ${r.params[0]} not found`);
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: jobJson(job, expand.includes("messages")) };
}

function getFlow(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  // ?deleted=true reads a deleted flow (flowOf); without it a deleted flow is 410 Gone, as Genesys answers.
  const claim = r.query.get("deleted") === "true" ? undefined : ctx.store.claims.get(r.params[0]);
  return { status: 200, body: claim ? claimJson(claim, ctx.store.behave) : flowJson(flowOf(ctx, r)) };
}

/**
 * POST /api/v2/flows: a flow by name and type with no configuration, checked out by its creator
 * (flowClaims.ts); 409 when the org has a flow of that name and type.
 */
async function createFlow(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.Flow);
  const name = flowName(body);
  const type = String(body.type ?? "").toUpperCase();
  if (!API_FLOW_TYPES.includes(type))
    throw badRequest(`Field 'type': "${String(body.type ?? "")}" is not a flow type (${API_FLOW_TYPES.join(", ")})`);
  if (body.description !== undefined && typeof body.description !== "string")
    throw badRequest("Field 'description' must be a string");
  const held = ctx.store.findActive(type, name) ?? ctx.store.claims.of(type, name);
  // The v193 spec's code for this 409: "A flow of the specified type with the specified name already exists."
  if (held)
    throw new ApiError(
      409,
      "architect.flow.already.exists",
      `A ${type} flow named "${held.name}" already exists (${held.id})`,
    );
  const division = ctx.divisions.resolve(body.division);
  const description = typeof body.description === "string" ? body.description : "";
  const input = { name, type, description, divisionName: division.name, dateCreated: ctx.now() };
  const claim = ctx.store.claims.create(input, ctx.actor);
  return { status: 200, body: claimJson(claim, ctx.store.behave) };
}

/** The filters of GET /api/v2/flows (type and deleted select before: a wrong type is a 400). */
const FLOW_FILTERS: Readonly<Record<string, ListFilter>> = {
  id: byId,
  name: textFilter("name", "contains"),
  description: textFilter("description", "contains"),
  nameOrDescription: eitherContains("name", "description"),
  divisionId: byDivision,
  lockedBy: oneOf("lockedUser.id"),
  lockedByClientId: oneOf("lockedClient.id"),
  publishVersionId: oneOf("publishedVersion.id"),
  publishedAfter: dateBound("publishedVersion.datePublished", "after"),
  publishedBefore: dateBound("publishedVersion.datePublished", "before"),
};

function listFlows(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  // "If one or more IDs are specified, the search will fetch flows that match the given ID(s) and
  // not use any additional supplied query parameters in the search" (the v193 spec's description of
  // GET /api/v2/flows): the flows of those ids, deleted ones included (marked deleted), whatever
  // else the query says; paging, order and the schemas asked for are not the search's, so they still apply.
  const ids = listValues(r.query, "id");
  const query =
    ids.length > 0
      ? new URLSearchParams(
          [...r.query].filter(([k]) => ["pageSize", "pageNumber", "sortBy", "sortOrder", "includeSchemas"].includes(k)),
        )
      : r.query;
  // Genesys's lower-case types only (the route's declared values: INBOUNDCALL is refused, as the spec's enum has it).
  const types = listValues(query, "type").map((t) => t.toUpperCase());
  const flows = ctx.store.listFlows({ types, ids, includeDeleted: ids.length > 0 || query.get("deleted") === "true" });
  // The flows the org file says are published outside the emulator (transfer targets, bot flows):
  // listed as the org lists them, after the emulator's own, so a reader sees the whole org.
  const outside = ctx.org
    .outsideFlows()
    .filter((f) => (types.length === 0 || types.includes(f.type)) && (ids.length === 0 || ids.includes(f.id)))
    .map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      active: true,
      system: false,
      deleted: false,
      selfUri: `/api/v2/flows/${f.id}`,
    }));
  // A module's variable schemas come with includeSchemas=true only ("Include variable schemas").
  const withSchemas = query.get("includeSchemas") === "true";
  const claims = plays(ctx.store.behave, "claimListed", "hidden") ? [] : ctx.store.claims.list(types, ids);
  const listed = flows.map(flowJson).map((f) => (withSchemas ? f : withoutSchemas(f)));
  const entities = [...listed, ...claims.map((c) => claimJson(c, ctx.store.behave))];
  return listAnswer([...entities, ...outside], query, {
    path: "/api/v2/flows",
    filters: FLOW_FILTERS,
    sortBy: true,
    sortOrder: true,
  });
}

function withoutSchemas(flow: Record<string, unknown>): Record<string, unknown> {
  const { inputSchema: _in, outputSchema: _out, ...rest } = flow;
  return rest;
}

function deleteFlow(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const claim = ctx.store.claims.get(r.params[0]);
  if (claim) {
    const holder = claimHolder(claim);
    if (holder && (!sameActor(holder, ctx.actor) || plays(ctx.store.behave, "claimDelete", "needsUnlock")))
      throw new ApiError(
        409,
        "request.conflict",
        `Flow "${claim.name}" (${claim.id}) is locked by ${describeActor(holder)}; unlock it before deleting`,
      );
    ctx.store.claims.drop(claim.id);
    return { status: 204 };
  }
  const result = ctx.store.deleteFlow(r.params[0], ctx.now(), ctx.actor);
  switch (result.kind) {
    case "not-found":
      // A flow deleted already is 404 here, not 410: the provider's delete counts only 404 as gone.
      throw notFound(`Flow ${r.params[0]} not found`);
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
  // deleted=true ("Include Deleted flows") reads the versions of a deleted flow too.
  const flow = flowOf(ctx, r);
  const versions = [...flow.versions].reverse().map((v) => versionJson(flow, v));
  return listAnswer(versions, r.query, { path: `/api/v2/flows/${flow.id}/versions` });
}

/**
 * The flow of a flow, version or configuration route: a live one, or with `deleted=true` ("Deleted
 * flows", the spec's parameter of these routes) a deleted one too; otherwise a deleted flow is 410.
 */
function flowOf(ctx: ApiContext, r: ApiRequest): FlowRecord {
  const deleted = r.query.get("deleted") === "true" ? ctx.store.getFlow(r.params[0], true) : undefined;
  return deleted ?? liveFlow(ctx, r.params[0]);
}

/** The version the route names (.../versions/{versionId}), or the latest without one (.../latestconfiguration). */
function findVersion(ctx: ApiContext, r: ApiRequest): { flow: FlowRecord; version: VersionRecord } {
  const flow = flowOf(ctx, r);
  if (r.params.length === 1) return { flow, version: flow.versions[flow.versions.length - 1] };
  const version = flow.versions.find((v) => v.id === r.params[1]);
  if (!version) throw notFound(`Version of flow ${flow.id}: ${r.params[1]} not found`);
  return { flow, version };
}

function getVersion(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const { flow, version } = findVersion(ctx, r);
  return { status: 200, body: versionJson(flow, version) };
}

function getConfiguration(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const { flow, version: named } = findVersion(ctx, r);
  // The latest configuration is the lock holder's saved draft when there is one (Flow.savedVersion's configurationUri).
  const draft = r.params.length === 1 ? flow.draft : undefined;
  const version = draft
    ? { id: `${draftNumber(flow)}.0`, text: draft.text, sha256: createHash("sha256").update(draft.text).digest("hex") }
    : named;
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
  const entities = (ctx.org.collection(path)?.entities ?? []).map(withoutContract).map((e) => withoutSchema(e, r));
  const { query: _query, objectFilters: _objectFilters, ...list } = ORG_PATHS[path];
  return listAnswer(entities, r.query, { path: `/api/v2/${path}`, ...list });
}

/** A data table's schema comes only with `expand=schema`, as the spec's parameter says ("Expand instructions for the result"). */
function withoutSchema(entity: Record<string, unknown>, r: ApiRequest): Record<string, unknown> {
  if (!("schema" in entity) || r.query.get("expand") === "schema") return entity;
  const { schema: _schema, ...rest } = entity;
  return rest;
}

/** A data action's contract comes only with `expand=contract` on the action itself, as on Genesys. */
function withoutContract(entity: Record<string, unknown>): Record<string, unknown> {
  if (!("contract" in entity)) return entity;
  const { contract: _contract, ...rest } = entity;
  return rest;
}

function getOrgObject(ctx: ApiContext, r: ApiRequest, path: string): ApiAnswer {
  const kind = ctx.org.collection(path)?.kind;
  const entity =
    kind && isWritable(kind)
      ? withoutSchema(orgObjectAnswer(ctx, kind, r.params[0]), r)
      : ctx.org.collection(path)?.entities.find((e) => e.id === r.params[0]);
  if (!entity) throw notFound(`${path} ${r.params[0]} not found`);
  // The one object's filters (a user is found in the state asked for, active when absent).
  for (const [param, filter] of Object.entries(ORG_PATHS[path].objectFilters ?? {})) {
    if (filter(r.query, param)?.(entity) === false)
      throw notFound(`${path} (${param}=${r.query.get(param) ?? ""}) ${r.params[0]} not found`);
  }
  const expand = (r.query.get("expand") ?? "").split(",").map((s) => s.trim());
  return { status: 200, body: expand.includes("contract") ? entity : withoutContract(entity) };
}
