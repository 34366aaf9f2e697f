// The API's routes over recorded flow executions (executions.ts), as the v193 spec defines them:
// find them (POST /api/v2/flows/instances/query, a CriteriaQuery, at most 200 results: "Returns a
// list of matching flow histories up to 200 max"; GET .../querycapabilities), download them (POST
// .../jobs with ExecutionDataRequest ids, or GET .../{instanceId}, which "Start[s] a process (job)
// to prepare a download of a singular flow execution data instance"; then GET .../jobs/{jobId},
// Running at its first poll, Success (or Failed under the executionDataJobsFail fault) once the job
// completion delay has passed, its entities each carrying a downloadUri, or failed with statusCode
// 404 for an id it does not know), and count runs (POST /api/v2/analytics/flowexecutions/
// aggregates/query, metric nFlowExecutions). Each download URL carries its own token, like the
// export jobs' (exportJobs.ts).
import type { ApiContext, ApiRequest, Route } from "./apiTypes";
import { badRequest, intParam, notFound } from "./http";
import { queryResultJson, type Job } from "./executions";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import * as q from "./queryParams";

const EXPAND = { expand: q.oneOf(["bots", "dataActions"]) };
const DIMENSIONS = ["divisionId", "flowId", "flowVersion", "flowObjectId"] as const;

/** ExecutionDataEntity of one execution: its download URL, or failed with 404. */
function entityJson(ctx: ApiContext, id: string): Record<string, unknown> {
  const r = ctx.executions.get(id);
  if (!r) return { id, failed: true, statusCode: "404" };
  return { id, downloadUri: `${ctx.baseUrl()}/downloads/${r.id}?downloadToken=${r.downloadToken}`, failed: false };
}

/** FlowResultEntityListing: one page (the query takes no page number), the matches' total. */
async function query(ctx: ApiContext, r: ApiRequest) {
  const pageSize = intParam(r.query, "pageSize", 50, 1, 200);
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.CriteriaQuery);
  const { entities, total } = ctx.executions.query(body, pageSize);
  return {
    status: 200,
    body: {
      entities: entities.map(queryResultJson),
      pageSize,
      pageNumber: 1,
      total,
      pageCount: Math.ceil(total / pageSize),
    },
  };
}

/** GetFlowExecutionDataJobResult: the entities once the job succeeded. */
function jobJson(ctx: ApiContext, job: Job) {
  return {
    id: job.id,
    jobState: job.state,
    ...(job.state === "Success" ? { entities: job.ids.map((id) => entityJson(ctx, id)) } : {}),
    selfUri: `/api/v2/flows/instances/jobs/${job.id}`,
  };
}

async function createJob(ctx: ApiContext, r: ApiRequest) {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.ExecutionDataRequest);
  const ids = body.ids as unknown[];
  if (ids.length === 0 || ids.some((id) => typeof id !== "string"))
    throw badRequest("Field 'ids' must list the ids of executions (strings)");
  return { status: 200, body: jobJson(ctx, ctx.executions.createJob(ids as string[])) };
}

/** `interval` "<start>/<end>" in ISO-8601, as analytics queries take it. */
function intervalOf(text: unknown): [number, number] {
  const [from, to] = String(text)
    .split("/")
    .map((t) => Date.parse(t));
  if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to) || to <= from)
    throw badRequest(`Field 'interval' must be an ISO-8601 interval <start>/<end>, not ${JSON.stringify(text)}`);
  return [from, to];
}

/** A predicate of the query's filter (FlowExecutionAggregateQueryPredicate) on a dimension. */
function predicateTest(p: Record<string, unknown>): (run: Record<string, string>) => boolean {
  const dimension = String(p.dimension);
  if (!DIMENSIONS.includes(dimension as (typeof DIMENSIONS)[number]))
    throw badRequest(`A filter predicate's dimension must be one of ${DIMENSIONS.join(", ")}`);
  const operator = p.operator ?? "matches";
  return (run) =>
    operator === "exists"
      ? run[dimension] !== undefined
      : operator === "notExists"
        ? run[dimension] === undefined
        : run[dimension] === p.value;
}

async function aggregates(ctx: ApiContext, r: ApiRequest) {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.FlowExecutionAggregationQuery);
  const [from, to] = intervalOf(body.interval);
  const metrics = body.metrics as unknown[];
  if (metrics.some((m) => m !== "nFlowExecutions"))
    throw badRequest("Field 'metrics': the flow execution metric is nFlowExecutions");
  const groupBy = (body.groupBy ?? []) as unknown[];
  for (const g of groupBy)
    if (!DIMENSIONS.includes(g as (typeof DIMENSIONS)[number]))
      throw badRequest(`Field 'groupBy' must list dimensions of ${DIMENSIONS.join(", ")}`);
  const filter = body.filter as
    | {
        type?: string;
        predicates?: Array<Record<string, unknown>>;
        clauses?: Array<{ type?: string; predicates?: Array<Record<string, unknown>> }>;
      }
    | undefined;
  const tests = [
    ...(filter?.predicates ?? []).map(predicateTest),
    ...(filter?.clauses ?? []).map((c) => {
      const ps = (c.predicates ?? []).map(predicateTest);
      return (run: Record<string, string>) => (c.type === "or" ? ps.some((t) => t(run)) : ps.every((t) => t(run)));
    }),
  ];
  const keep = (run: Record<string, string>) =>
    tests.length === 0 || (filter?.type === "or" ? tests.some((t) => t(run)) : tests.every((t) => t(run)));
  const groups = new Map<string, { group: Record<string, string>; count: number }>();
  for (const run of ctx.executions.runsBetween(from, to)) {
    const dims: Record<string, string> = {
      divisionId: run.divisionId,
      flowId: run.flowId,
      flowVersion: run.flowVersion,
    };
    if (!keep(dims)) continue;
    const group = Object.fromEntries(
      groupBy.flatMap((g) => (dims[g as string] !== undefined ? [[g as string, dims[g as string]]] : [])),
    );
    const key = JSON.stringify(group);
    const entry = groups.get(key) ?? { group, count: 0 };
    entry.count++;
    groups.set(key, entry);
  }
  const interval = String(body.interval);
  const results = [...groups.values()]
    .sort((a, b) => JSON.stringify(a.group).localeCompare(JSON.stringify(b.group)))
    .map((g) => ({
      group: g.group,
      data: [{ interval, metrics: [{ metric: "nFlowExecutions", stats: { count: g.count } }] }],
    }));
  return { status: 200, body: { results } };
}

export function executionRoutes(): Route[] {
  return [
    {
      pattern: ["flows", "instances", "query"],
      operation: "executions.query",
      methods: { POST: query },
      query: { POST: { indexOnly: q.BOOLEAN } },
    },
    {
      pattern: ["flows", "instances", "querycapabilities"],
      operation: "executions.query",
      methods: { GET: (ctx) => ({ status: 200, body: ctx.executions.capabilities() }) },
      query: { GET: { expand: q.oneOf(["flow", "action"]) } },
    },
    {
      pattern: ["flows", "instances", "jobs"],
      operation: "executions.job",
      methods: { POST: createJob },
      query: { POST: EXPAND },
    },
    {
      pattern: ["flows", "instances", "jobs", ":id"],
      operation: "executions.job",
      methods: {
        GET: (ctx, r) => {
          const job = ctx.executions.pollJob(r.params[0]);
          if (!job) throw notFound(`Execution data job ${r.params[0]} not found`);
          // The spec's 202 "Request Accepted" while the job runs; 200 once it ended.
          return { status: job.state === "Success" || job.state === "Failed" ? 200 : 202, body: jobJson(ctx, job) };
        },
      },
    },
    {
      pattern: ["flows", "instances", ":id"],
      operation: "executions.get",
      methods: { GET: (ctx, r) => ({ status: 200, body: jobJson(ctx, ctx.executions.createJob([r.params[0]])) }) },
      query: { GET: EXPAND },
    },
    {
      pattern: ["analytics", "flowexecutions", "aggregates", "query"],
      operation: "executions.aggregates",
      methods: { POST: aggregates },
    },
  ];
}
