// The org's recorded flow executions (historical flow execution data) and the runs analytics
// counts. Genesys keeps an execution's data only while storage is enabled, for flows published
// since ("Historical execution data overview", help.mypurecloud.com: "you must republish flows"),
// for 10 days, and finds at most 200 a query, "not guaranteed to be the most recent"; analytics
// counts every run (POST /api/v2/analytics/flowexecutions/aggregates/query). An execution
// downloads as the file Genesys's "Historical flow execution data overview" article shows:
// `{"flow": {"conversationId", "division", "endDateTime", "execution": [{"startedFlow": {...}},
// {"actionDecision": {"actionId", "dateTime", "executionId", "outputPathId", "trackingId"}}, ...],
// ...}}` (https://help.mypurecloud.com/articles/historical-flow-execution-data-overview/). In memory.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "./http";
import { newId } from "./ids";
import { ExecutionSettings } from "./executionSettings";

/** Kept 10 days, as Genesys keeps execution data. */
const RETENTION_MS = 10 * 24 * 3600 * 1000;
/** At most this many executions held (the oldest dropped first), so a long simulation cannot exhaust memory. */
const MAX_RECORDS = 200_000;

export interface ExecutionRecord {
  id: string;
  conversationId: string;
  flowId: string;
  flowName: string;
  /** Lower-case, as the spec's flowType enum. */
  flowType: string;
  flowVersion: string;
  division: { id: string; name: string };
  start: number;
  end: number;
  errorReason?: string;
  /** The `execution` list of the downloaded file. */
  execution: Array<Record<string, Record<string, unknown>>>;
  /** Each action that ran: its id, Archy type and the path it took (for queries). */
  actions: Array<{ actionId: string; type: string; outputPathId: string }>;
  downloadToken: string;
}

/** A run analytics counts, recorded or not. */
export interface RunCount {
  flowId: string;
  flowVersion: string;
  divisionId: string;
  start: number;
}

type Criteria = Record<string, unknown>;

/** The CriteriaQuery keys the emulator can answer (querycapabilities lists them), each read from a record. */
const KEYS: Readonly<Record<string, { dataType: "string" | "guid" | "dateTime"; description: string; values: (r: ExecutionRecord) => Array<string | number> }>> = {
  FlowStartDateTime: { dataType: "dateTime", description: "When the flow started", values: (r) => [r.start] },
  FlowEndDateTime: { dataType: "dateTime", description: "When the flow ended", values: (r) => [r.end] },
  ConversationId: { dataType: "guid", description: "The conversation that ran the flow", values: (r) => [r.conversationId] },
  FlowId: { dataType: "guid", description: "The flow that ran", values: (r) => [r.flowId] },
  FlowType: { dataType: "string", description: "The type of the flow that ran", values: (r) => [r.flowType] },
  FlowErrorReason: { dataType: "string", description: "Why the flow ended in error", values: (r) => (r.errorReason ? [r.errorReason] : []) },
  FlowActionId: { dataType: "guid", description: "An action that ran", values: (r) => r.actions.map((a) => a.actionId) },
  FlowActionType: { dataType: "string", description: "The type of an action that ran", values: (r) => r.actions.map((a) => a.type) },
  FlowActionOutputPathId: { dataType: "string", description: "An output path an action took", values: (r) => r.actions.map((a) => a.outputPathId) },
};
const OPERATORS = ["eq", "gt", "gte", "lt", "lte", "not", "begins", "not_null"];

export class ExecutionData {
  readonly settings = new ExecutionSettings();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly runs: RunCount[] = [];
  private readonly jobs = new Map<string, string[]>();

  constructor(private readonly now: () => number) {}

  /** A run: counted always, its execution data kept only when the caller decided it is recorded. */
  add(run: RunCount, record?: Omit<ExecutionRecord, "downloadToken">): void {
    this.runs.push(run);
    if (this.runs.length > MAX_RECORDS) this.runs.shift();
    if (!record) return;
    this.records.set(record.id, { ...record, downloadToken: randomBytes(24).toString("hex") });
    if (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value as string);
  }

  clear(): void {
    this.records.clear();
    this.runs.length = 0;
    this.jobs.clear();
    this.settings.clear();
  }

  /** The executions kept now (within the 10 days). */
  private kept(): ExecutionRecord[] {
    const since = this.now() - RETENTION_MS;
    return [...this.records.values()].filter((r) => r.end >= since);
  }

  get(id: string): ExecutionRecord | undefined {
    const r = this.records.get(id);
    return r && r.end >= this.now() - RETENTION_MS ? r : undefined;
  }

  /** POST /api/v2/flows/instances/query: the CriteriaQuery's matches, oldest first, at most `pageSize`. */
  query(body: Record<string, unknown>, pageSize: number): ExecutionRecord[] {
    const groups = body.query as unknown[];
    const tests = groups.map((g, i) => {
      const and = (g as { and?: unknown }).and;
      if (and !== undefined && !Array.isArray(and)) throw new ApiError(400, "bad.request", `Field 'query[${i}].and' must be a list of CriteriaItem`);
      return ((and ?? []) as unknown[]).map((item, j) => criterion(item, `query[${i}].and[${j}]`));
    });
    return this.kept()
      .filter((r) => tests.every((group) => group.every((t) => t(r))))
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
      .slice(0, pageSize);
  }

  /** FlowsQueryCriteriaResponse: what the org may filter on. */
  capabilities(): Record<string, unknown> {
    return {
      criteria: Object.entries(KEYS).map(([criteriaKey, k], i) => ({
        criteriaKey,
        criteriaGroups: ["flow"],
        description: k.description,
        operators: k.dataType === "dateTime" ? ["eq", "gt", "gte", "lt", "lte", "not_null"] : ["eq", "not", "begins", "not_null"],
        dataType: k.dataType,
        categoryInfo: { categoryId: criteriaKey.startsWith("FlowAction") ? "action" : "flow", displayOrder: i },
      })),
    };
  }

  /** POST /api/v2/flows/instances/jobs: a job over the ids (ExecutionDataRequest). */
  createJob(ids: string[]): string {
    const id = newId();
    this.jobs.set(id, ids);
    while (this.jobs.size > 1000) this.jobs.delete(this.jobs.keys().next().value as string);
    return id;
  }

  jobIds(jobId: string): string[] | undefined {
    return this.jobs.get(jobId);
  }

  /** The file of one execution when the token matches. */
  download(id: string, token: string | null): { kind: "ok"; body: string } | { kind: "unknown" } | { kind: "forbidden" } {
    const r = this.get(id);
    if (!r) return { kind: "unknown" };
    const a = Buffer.from(token ?? "");
    const b = Buffer.from(r.downloadToken);
    return a.length === b.length && timingSafeEqual(a, b) ? { kind: "ok", body: JSON.stringify(executionFile(r), null, 2) } : { kind: "forbidden" };
  }

  /** The runs whose start is in [from, to). */
  runsBetween(from: number, to: number): RunCount[] {
    return this.runs.filter((r) => r.start >= from && r.start < to);
  }
}

/** The downloaded file, as the overview article shows it. */
export function executionFile(r: ExecutionRecord): Record<string, unknown> {
  return {
    flow: {
      conversationId: r.conversationId,
      division: r.division,
      endDateTime: new Date(r.end).toISOString(),
      execution: r.execution,
      flowId: r.flowId,
      flowName: r.flowName,
      flowType: r.flowType,
      flowVersion: r.flowVersion,
      ...(r.errorReason ? { flowErrorReason: r.errorReason } : {}),
      startDateTime: new Date(r.start).toISOString(),
    },
  };
}

/** FlowExecutionDataQueryResult. */
export function queryResultJson(r: ExecutionRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.flowName,
    startDateTime: new Date(r.start).toISOString(),
    endDateTime: new Date(r.end).toISOString(),
    flowId: r.flowId,
    flowVersion: r.flowVersion,
    conversationId: r.conversationId,
    flowType: r.flowType,
    ...(r.errorReason ? { flowErrorReason: r.errorReason } : {}),
    flowName: r.flowName,
    selfUri: `/api/v2/flows/instances/${r.id}`,
  };
}

/** A CriteriaItem as a test of a record: its own key (with operator and value), `or`, `not` and `criteria`, all of which must hold. */
function criterion(item: unknown, at: string): (r: ExecutionRecord) => boolean {
  if (typeof item !== "object" || item === null || Array.isArray(item)) throw new ApiError(400, "bad.request", `Field '${at}' must be a CriteriaItem`);
  const c = item as Criteria;
  const tests: Array<(r: ExecutionRecord) => boolean> = [];
  if (c.key !== undefined) {
    const key = KEYS[String(c.key)];
    if (!key) throw new ApiError(400, "bad.request", `Field '${at}.key': ${String(c.key)} is not one the org may query on (GET /api/v2/flows/instances/querycapabilities lists them: ${Object.keys(KEYS).join(", ")})`);
    const operator = String(c.operator ?? "eq");
    if (!OPERATORS.includes(operator)) throw new ApiError(400, "bad.request", `Field '${at}.operator' must be one of ${OPERATORS.join(", ")}`);
    if (operator !== "not_null" && typeof c.value !== "string") throw new ApiError(400, "bad.request", `Field '${at}.value' is required (a string) with operator ${operator}`);
    const value = key.dataType === "dateTime" && operator !== "not_null" ? Date.parse(String(c.value)) : String(c.value ?? "");
    if (typeof value === "number" && Number.isNaN(value)) throw new ApiError(400, "bad.request", `Field '${at}.value': ${String(c.value)} is not an ISO-8601 date and time`);
    tests.push((r) => {
      const values = key.values(r);
      if (operator === "not_null") return values.length > 0;
      if (operator === "not") return !values.some((v) => v === value);
      return values.some((v) => compare(operator, v, value));
    });
  }
  const list = (field: string): Array<(r: ExecutionRecord) => boolean> => {
    if (c[field] === undefined) return [];
    if (!Array.isArray(c[field])) throw new ApiError(400, "bad.request", `Field '${at}.${field}' must be a list of CriteriaItem`);
    return (c[field] as unknown[]).map((x, i) => criterion(x, `${at}.${field}[${i}]`));
  };
  const or = list("or");
  const not = list("not");
  if (or.length > 0) tests.push((r) => or.some((t) => t(r)));
  if (not.length > 0) tests.push((r) => !not.some((t) => t(r)));
  if (c.criteria !== undefined) tests.push(criterion(c.criteria, `${at}.criteria`));
  return (r) => tests.every((t) => t(r));
}

function compare(operator: string, actual: string | number, wanted: string | number): boolean {
  switch (operator) {
    case "eq":
      return actual === wanted;
    case "begins":
      return String(actual).startsWith(String(wanted));
    case "gt":
      return actual > wanted;
    case "gte":
      return actual >= wanted;
    case "lt":
      return actual < wanted;
    default:
      return actual <= wanted;
  }
}
