// Whether the org keeps historical flow execution data, and at which log level: off until an admin
// enables it, as in Genesys ("Historical execution data overview", help.mypurecloud.com: storage is
// disabled by default), and recorded at the flow's own log level, else the org's default (Base
// until changed; DELETE of the default "Resets the org log level to default, base", the v193
// spec). The routes are the spec's /api/v2/flows/instances/settings/executiondata (GET, PATCH),
// .../settings/loglevels (GET: the flows with their own level), .../loglevels/default (GET, PUT,
// DELETE), .../loglevels/characteristics (GET) and /api/v2/flows/{flowId}/instances/settings/
// loglevels (GET, POST, PUT, DELETE). In memory, like jobs.
import type { ApiContext, ApiRequest, Route } from "./apiTypes";
import { ApiError, intParam } from "./http";
import { pagedJson } from "./flowJson";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import * as q from "./queryParams";
import type { Actor } from "./people";
import { liveFlow } from "./flowActions";

export const LOG_LEVELS = ["Unknown", "Disabled", "Base", "Notes", "VerboseNotes", "All"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The least level at which each of the spec's FlowCharacteristics is reported, as the overview
 * article describes the levels: Base has the actions taken, the menus navigated, errors, warnings
 * and other events; Notes adds variable values (and names); Verbose Notes the conversation's
 * communications; All the actions' inputs and outputs.
 */
const MINIMUM: Readonly<Record<string, LogLevel>> = {
  executionItems: "Base",
  eventError: "Base",
  eventWarning: "Base",
  eventOther: "Base",
  variables: "Notes",
  names: "Notes",
  communications: "VerboseNotes",
  executionInputOutputs: "All",
};

export function reports(level: LogLevel, characteristic: keyof typeof MINIMUM): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(MINIMUM[characteristic]);
}

function characteristicsOf(level: LogLevel): Record<string, boolean> {
  return Object.fromEntries(Object.keys(MINIMUM).map((c) => [c, reports(level, c)]));
}

interface LevelSetting {
  level: LogLevel;
  by: Actor;
  at: number;
}

export class ExecutionSettings {
  enabled = false;
  /** When storage was last turned on: only versions published since record (flows must be republished to start capturing). */
  enabledSince?: number;
  storageChange?: { by: Actor; at: number };
  orgDefault?: LevelSetting;
  readonly flows = new Map<string, LevelSetting>();

  /** The level a flow records at: its own, else the org's (Base). */
  levelOf(flowId: string): LogLevel {
    return this.flows.get(flowId)?.level ?? this.orgDefault?.level ?? "Base";
  }

  clear(): void {
    this.enabled = false;
    this.enabledSince = undefined;
    this.storageChange = undefined;
    this.orgDefault = undefined;
    this.flows.clear();
  }

  /** ExecutionDataFlowSettingsResponse. */
  storageJson(): Record<string, unknown> {
    const change = this.storageChange;
    return {
      id: "executiondata",
      name: "Historical flow execution data",
      enabled: this.enabled,
      ...(change?.by.user ? { modifiedBy: { id: change.by.user.id, selfUri: `/api/v2/users/${change.by.user.id}` } } : {}),
      ...(change ? { modifiedByClient: { id: change.by.client.id, name: change.by.client.name }, dateModified: new Date(change.at).toISOString() } : {}),
      selfUri: "/api/v2/flows/instances/settings/executiondata",
    };
  }

  defaultJson(ctx: ApiContext): Record<string, unknown> {
    const setting = this.orgDefault;
    const json = this.levelJson(setting ?? { level: "Base" }, { id: String(ctx.organization.id) });
    return { ...json, selfUri: "/api/v2/flows/instances/settings/loglevels/default" };
  }

  flowJson(ctx: ApiContext, flowId: string): Record<string, unknown> {
    const flow = ctx.store.getFlow(flowId)!;
    return this.levelJson(this.flows.get(flowId)!, { id: flow.id, name: flow.name, type: flow.type.toLowerCase() });
  }

  /** FlowSettingsResponse. */
  levelJson(setting: Partial<LevelSetting> & { level: LogLevel }, who: { id: string; name?: string; type?: string }): Record<string, unknown> {
    return {
      ...who,
      ...(setting.by?.user ? { modifiedBy: { id: setting.by.user.id, selfUri: `/api/v2/users/${setting.by.user.id}` } } : {}),
      ...(setting.by ? { modifiedByClient: { id: setting.by.client.id, name: setting.by.client.name } } : {}),
      ...(setting.at !== undefined ? { dateModified: new Date(setting.at).toISOString() } : {}),
      logLevelCharacteristics: { level: setting.level, characteristics: characteristicsOf(setting.level) },
      ...(who.name !== undefined ? { selfUri: `/api/v2/flows/${who.id}/instances/settings/loglevels` } : {}),
    };
  }
}

/** A FlowLogLevelRequest's level (Unknown is what Genesys reports, not a level one sets). */
async function readLevel(ctx: ApiContext, r: ApiRequest): Promise<LogLevel> {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.FlowLogLevelRequest);
  const level = (body.logLevelCharacteristics as { level?: unknown }).level;
  if (typeof level !== "string" || !LOG_LEVELS.includes(level as LogLevel) || level === "Unknown") {
    throw new ApiError(400, "bad.request", `Field 'logLevelCharacteristics.level' must be one of ${LOG_LEVELS.filter((l) => l !== "Unknown").join(", ")}`);
  }
  return level as LogLevel;
}

/** The settings routes; each acts on the org's settings (ctx.executions.settings). */
export function executionSettingsRoutes(): Route[] {
const s = (ctx: ApiContext): ExecutionSettings => ctx.executions.settings;
return [
    {
      pattern: ["flows", "instances", "settings", "executiondata"],
      operation: "executions.settings",
      methods: {
        GET: (ctx) => ({ status: 200, body: s(ctx).storageJson() }),
        PATCH: async (ctx, r) => {
          const body = await readJsonObject(ctx, r, REQUEST_BODIES.ExecutionDataSettingsRequest);
          if (body.enabled === true && !s(ctx).enabled) s(ctx).enabledSince = ctx.now();
          s(ctx).enabled = body.enabled as boolean;
          s(ctx).storageChange = { by: ctx.actor, at: ctx.now() };
          return { status: 200, body: s(ctx).storageJson() };
        },
      },
    },
    {
      pattern: ["flows", "instances", "settings", "loglevels"],
      operation: "executions.settings",
      methods: {
        GET: (ctx, r) => {
          const entities = [...s(ctx).flows.keys()].flatMap((id) => {
            const flow = ctx.store.getFlow(id);
            return flow ? [s(ctx).levelJson(s(ctx).flows.get(id)!, { id, name: flow.name, type: flow.type.toLowerCase() })] : [];
          });
          return { status: 200, body: pagedJson(entities, intParam(r.query, "pageNumber", 1, 1, 1_000_000), intParam(r.query, "pageSize", 25, 1, 200), "/api/v2/flows/instances/settings/loglevels") };
        },
      },
      query: { GET: { expand: q.listOf(["name", "type", "logLevelCharacteristics.characteristics"]) } },
    },
    {
      pattern: ["flows", "instances", "settings", "loglevels", "default"],
      operation: "executions.settings",
      methods: {
        GET: (ctx) => ({ status: 200, body: s(ctx).defaultJson(ctx) }),
        PUT: async (ctx, r) => {
          s(ctx).orgDefault = { level: await readLevel(ctx, r), by: ctx.actor, at: ctx.now() };
          return { status: 200, body: s(ctx).defaultJson(ctx) };
        },
        DELETE: (ctx) => {
          s(ctx).orgDefault = undefined;
          return { status: 204 };
        },
      },
      query: { GET: { expand: q.listOf(["logLevelCharacteristics.characteristics"]) }, PUT: { expand: q.listOf(["logLevelCharacteristics.characteristics"]) } },
    },
    {
      pattern: ["flows", "instances", "settings", "loglevels", "characteristics"],
      operation: "executions.settings",
      methods: {
        GET: () => ({
          status: 200,
          body: {
            logLevels: LOG_LEVELS.filter((l) => l !== "Unknown").map((level) => ({ level, characteristics: characteristicsOf(level) })),
            characteristics: Object.entries(MINIMUM).map(([id, minimumLevel]) => ({ id, minimumLevel })),
          },
        }),
      },
    },
    {
      pattern: ["flows", ":id", "instances", "settings", "loglevels"],
      operation: "executions.settings",
      methods: {
        GET: (ctx, r) => {
          const flow = liveFlow(ctx, r.params[0]);
          const own = s(ctx).flows.get(flow.id);
          if (!own) throw new ApiError(404, "not.found", `Flow ${flow.id} has no log level of its own (it records at the org's default)`);
          return { status: 200, body: s(ctx).flowJson(ctx, flow.id) };
        },
        POST: async (ctx, r) => {
          const flow = liveFlow(ctx, r.params[0]);
          const level = await readLevel(ctx, r);
          if (s(ctx).flows.has(flow.id)) throw new ApiError(409, "general.conflict", `Flow ${flow.id} already has a log level: change it with PUT`);
          s(ctx).flows.set(flow.id, { level, by: ctx.actor, at: ctx.now() });
          return { status: 200, body: s(ctx).flowJson(ctx, flow.id) };
        },
        PUT: async (ctx, r) => {
          const flow = liveFlow(ctx, r.params[0]);
          const level = await readLevel(ctx, r);
          if (!s(ctx).flows.has(flow.id)) throw new ApiError(404, "not.found", `Flow ${flow.id} has no log level of its own: set one with POST`);
          s(ctx).flows.set(flow.id, { level, by: ctx.actor, at: ctx.now() });
          return { status: 200, body: s(ctx).flowJson(ctx, flow.id) };
        },
        DELETE: (ctx, r) => {
          const flow = liveFlow(ctx, r.params[0]);
          if (!s(ctx).flows.delete(flow.id)) throw new ApiError(404, "not.found", `Flow ${flow.id} has no log level of its own`);
          return { status: 204 };
        },
      },
      query: Object.fromEntries(["GET", "POST", "PUT"].map((m) => [m, { expand: q.listOf(["name", "type", "logLevelCharacteristics.characteristics"]) }])),
    },
  ];
}
