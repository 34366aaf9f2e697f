// The org's recorded flow executions (historical flow execution data) and the runs analytics
// counts. Genesys keeps an execution's data only while storage is enabled, for flows published
// since ("Historical execution data overview", help.mypurecloud.com: "you must republish flows"),
// for 10 days, and finds at most 200 a query, "not guaranteed to be the most recent"; a query's
// groups are AND-ed, each of `and`, `or`, `not` items or one `criteria` (the v193 spec's
// CriteriaGroup); analytics counts every run (POST /api/v2/analytics/flowexecutions/aggregates/
// query). An execution downloads as the file Genesys's "Historical flow execution data overview"
// article shows: `{"flow": {"conversationId", "division": {"id"}, "endDateTime", "execution":
// [{"startedFlow": {...}}, {"actionDecision": {"actionId", "dateTime", "execution": [],
// "executionId", "outputPathId", "outputVariables": [], "trackingId"}}, ...], ...}}` (its items:
// traffic.ts). Download jobs are Registered, Running, then Success or Failed. In memory.
import { randomBytes } from "node:crypto";
import { safeEqual } from "./auth";
import { badRequest } from "./http";
import { newId } from "./ids";
import { isMap } from "../archy/json";
import { ExecutionSettings } from "./executionSettings";
import type { FaultInjector } from "./faults";

/** Kept 10 days, as Genesys keeps execution data. */
const RETENTION_MS = 10 * 24 * 3600 * 1000;
/** "Returns a list of matching flow histories up to 200 max" (the v193 spec, POST /api/v2/flows/instances/query). */
const QUERY_CAP = 200;
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
  /** Each action that ran: its id, item kind and the path it took, by id and by name (none: the default path). */
  actions: Array<{ actionId: string; type: string; outputPathId: string; outputPathName?: string }>;
  downloadToken: string;
}

/** A run analytics counts, recorded or not. */
export interface RunCount {
  flowId: string;
  flowVersion: string;
  divisionId: string;
  start: number;
}

type Test = (r: ExecutionRecord) => boolean;

/** An execution data job (GetFlowExecutionDataJobResult): the ids it prepares, its state, when it may complete. */
export interface Job {
  id: string;
  ids: string[];
  state: "Registered" | "Running" | "Success" | "Failed";
  completeAt: number;
}

interface Key {
  dataType: "string" | "guid" | "dateTime";
  description: string;
  values: (r: ExecutionRecord) => Array<string | number>;
}
type Action = ExecutionRecord["actions"][number];
const key = (dataType: Key["dataType"], description: string, values: Key["values"]): Key => ({
  dataType,
  description,
  values,
});
/** Each action's value of a field (none: the action has no such value). */
const per = (field: keyof Action) => (r: ExecutionRecord) => r.actions.flatMap((a) => a[field] ?? []);
/** A combined key's value: the action's two parts, joined by a colon. */
const pair = (first: keyof Action, second: keyof Action) => (r: ExecutionRecord) =>
  r.actions.flatMap((a) => (a[second] === undefined ? [] : `${a[first]}:${a[second]}`));
/** The ids of every item of the download (the objects that ran), nested ones too. */
const objectIds = (items: readonly unknown[]): string[] =>
  items.flatMap((item) =>
    Object.values(isMap(item) ? item : {}).flatMap((v) => {
      if (!isMap(v)) return [];
      const nested = objectIds(Array.isArray(v.execution) ? v.execution : []);
      return typeof v.executionId === "string" ? [v.executionId, ...nested] : nested;
    }),
  );
/** What the emulator never records (a workitem, warnings, an alternate execution, bots): no value, so no match. */
const none = () => [];
/**
 * The v193 spec's CriteriaItem keys, every one (querycapabilities lists them), each read from a record.
 * A combined key's value names both parts, joined by a colon ("<action id>:<output path id>"): the
 * spec does not say how one value names two (project/assumptions.yaml executionData).
 */
const KEYS: Readonly<Record<string, Key>> = {
  FlowStartDateTime: key("dateTime", "When the flow started", (r) => [r.start]),
  FlowEndDateTime: key("dateTime", "When the flow ended", (r) => [r.end]),
  ConversationId: key("guid", "The conversation that ran the flow", (r) => [r.conversationId]),
  WorkitemId: key("guid", "The workitem that ran the flow", none),
  FlowId: key("guid", "The flow that ran", (r) => [r.flowId]),
  FlowType: key("string", "The type of the flow that ran", (r) => [r.flowType]),
  FlowErrorReason: key("string", "Why the flow ended in error", (r) => (r.errorReason ? [r.errorReason] : [])),
  FlowWarningReason: key("string", "A warning the flow met", none),
  FlowAlternateExecutionId: key("guid", "An alternate id of the execution", none),
  FlowObjectExecutionId: key("guid", "An item of the execution", (r) => objectIds(r.execution)),
  FlowActionId: key("guid", "An action that ran", per("actionId")),
  FlowActionType: key("string", "The type of an action that ran", per("type")),
  FlowActionOutputPathId: key("string", "An output path an action took", per("outputPathId")),
  FlowActionOutputPathName: key("string", "The name of an output path an action took", per("outputPathName")),
  FlowActionIdOutputPathId: key("string", "An action and the path it took", pair("actionId", "outputPathId")),
  FlowActionIdOutputPathName: key("string", "An action and its path's name", pair("actionId", "outputPathName")),
  FlowActionTypeOutputPathId: key("string", "An action type and the path taken", pair("type", "outputPathId")),
  FlowActionTypeOutputPathName: key("string", "An action type and its path's name", pair("type", "outputPathName")),
  BotId: key("guid", "A bot that ran", none),
  BotErrorReason: key("string", "Why a bot ended in error", none),
  BotFlowExecutionId: key("guid", "A bot flow's execution", none),
  BotObjectExecutionId: key("guid", "An item of a bot's execution", none),
};
const OPERATORS = ["eq", "gt", "gte", "lt", "lte", "not", "begins", "not_null"];

export class ExecutionData {
  readonly settings = new ExecutionSettings();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly runs: RunCount[] = [];
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly now: () => number,
    private readonly faults: FaultInjector,
  ) {}

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

  /** POST /api/v2/flows/instances/query: the CriteriaQuery's matches (every group holds), oldest first, at most 200; the first `pageSize` of them. */
  query(body: Record<string, unknown>, pageSize: number): { entities: ExecutionRecord[]; total: number } {
    const tests = (body.query as unknown[]).map((g, i) => group(g, `query[${i}]`));
    const found = this.kept()
      .filter((r) => tests.every((t) => t(r)))
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
      .slice(0, QUERY_CAP);
    return { entities: found.slice(0, pageSize), total: found.length };
  }

  /** FlowsQueryCriteriaResponse: what the org may filter on. */
  capabilities(): Record<string, unknown> {
    return {
      criteria: Object.entries(KEYS).map(([criteriaKey, k], i) => ({
        criteriaKey,
        criteriaGroups: [criteriaKey.startsWith("Bot") ? "bot" : "flow"],
        description: k.description,
        operators:
          k.dataType === "dateTime"
            ? ["eq", "gt", "gte", "lt", "lte", "not_null"]
            : ["eq", "not", "begins", "not_null"],
        dataType: k.dataType,
        categoryInfo: { categoryId: criteriaKey.startsWith("FlowAction") ? "action" : "flow", displayOrder: i },
      })),
    };
  }

  /** POST /api/v2/flows/instances/jobs (ExecutionDataRequest) and GET .../{instanceId}: a job over the ids, Registered. */
  createJob(ids: string[]): Job {
    const job: Job = {
      id: newId(),
      ids,
      state: "Registered",
      completeAt: this.now() + this.faults.current.jobCompletionDelayMs,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > 1000) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }

  /** The job as of this poll: Running at its first, then Success (Failed under the executionDataJobsFail fault) once its completion time has come. */
  pollJob(jobId: string): Job | undefined {
    const job = this.jobs.get(jobId);
    if (job?.state === "Registered" || (job?.state === "Running" && this.now() < job.completeAt)) job.state = "Running";
    else if (job?.state === "Running") job.state = this.faults.current.executionDataJobsFail ? "Failed" : "Success";
    return job;
  }

  /** The file of one execution when the token matches. */
  download(
    id: string,
    token: string | null,
  ): { kind: "ok"; body: string } | { kind: "unknown" } | { kind: "forbidden" } {
    const r = this.get(id);
    if (!r) return { kind: "unknown" };
    return safeEqual(token ?? "", r.downloadToken)
      ? { kind: "ok", body: JSON.stringify(executionFile(r), null, 2) }
      : { kind: "forbidden" };
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
      division: { id: r.division.id },
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

/** A CriteriaGroup as a test of a record: its `and` items all hold, one of its `or` items holds, none of its `not` items holds, its `criteria` holds. */
function group(g: unknown, at: string): Test {
  if (!isMap(g)) throw badRequest(`Field '${at}' must be a CriteriaGroup`);
  const list = (field: string): Test[] | undefined => {
    if (g[field] === undefined) return undefined;
    if (!Array.isArray(g[field])) throw badRequest(`Field '${at}.${field}' must be a list of CriteriaItem`);
    return (g[field] as unknown[]).map((x, i) => criterion(x, `${at}.${field}[${i}]`));
  };
  const [and, or, not] = [list("and"), list("or"), list("not")];
  const one = g.criteria !== undefined ? criterion(g.criteria, `${at}.criteria`) : undefined;
  if (!and && !or && !not && !one) throw badRequest(`Field '${at}' must give and, or, not or criteria`);
  return (r) =>
    (and ?? []).every((t) => t(r)) &&
    (!or || or.some((t) => t(r))) &&
    !(not ?? []).some((t) => t(r)) &&
    (!one || one(r));
}

/** A CriteriaItem (key, operator, value) as a test of a record. */
function criterion(item: unknown, at: string): Test {
  if (!isMap(item)) throw badRequest(`Field '${at}' must be a CriteriaItem`);
  const key = KEYS[String(item.key)];
  if (!key)
    throw badRequest(
      `Field '${at}.key': ${String(item.key)} is not one the org may query on (GET /api/v2/flows/instances/querycapabilities lists them: ${Object.keys(KEYS).join(", ")})`,
    );
  const operator = String(item.operator ?? "eq");
  if (!OPERATORS.includes(operator)) throw badRequest(`Field '${at}.operator' must be one of ${OPERATORS.join(", ")}`);
  if (operator !== "not_null" && typeof item.value !== "string")
    throw badRequest(`Field '${at}.value' is required (a string) with operator ${operator}`);
  const value =
    key.dataType === "dateTime" && operator !== "not_null" ? Date.parse(String(item.value)) : String(item.value ?? "");
  if (typeof value === "number" && Number.isNaN(value))
    throw badRequest(`Field '${at}.value': ${String(item.value)} is not an ISO-8601 date and time`);
  return (r) => {
    const values = key.values(r);
    if (operator === "not_null") return values.length > 0;
    if (operator === "not") return !values.some((v) => v === value);
    return values.some((v) => compare(operator, v, value));
  };
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
