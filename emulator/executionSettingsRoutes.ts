// The routes of historical flow execution data's settings (executionSettings.ts), as the v193 spec
// defines them: /api/v2/flows/instances/settings/executiondata (GET, PATCH), .../settings/loglevels
// (GET: the flows with a level of their own), .../loglevels/default (GET, PUT, DELETE),
// .../loglevels/characteristics (GET) and /api/v2/flows/{flowId}/instances/settings/loglevels
// (GET, POST, PUT, DELETE).
import type { ApiContext, ApiRequest, Route } from "./apiTypes";
import { badRequest, conflict, intParam, notFound } from "./http";
import { pagedJson } from "./flowJson";
import { readJsonObject, REQUEST_BODIES } from "./requestBodies";
import * as q from "./queryParams";
import { liveFlow } from "./flowActions";
import { characteristicsOf, LOG_LEVELS, MINIMUM, type ExecutionSettings, type LogLevel } from "./executionSettings";

const s = (ctx: ApiContext): ExecutionSettings => ctx.executions.settings;

/** The settings routes, a table; each acts on the org's settings (ctx.executions.settings). */
export const EXECUTION_SETTINGS_ROUTES: readonly Route[] = [
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
          return flow
            ? [s(ctx).levelJson(s(ctx).flows.get(id)!, { id, name: flow.name, type: flow.type.toLowerCase() })]
            : [];
        });
        return {
          status: 200,
          body: pagedJson(
            entities,
            intParam(r.query, "pageNumber", 1, 1, 1_000_000),
            intParam(r.query, "pageSize", 25, 1, 200),
            "/api/v2/flows/instances/settings/loglevels",
          ),
        };
      },
    },
    query: { GET: { expand: q.listOf(["name", "type", "logLevelCharacteristics.characteristics"]) } },
  },
  {
    pattern: ["flows", "instances", "settings", "loglevels", "default"],
    operation: "executions.settings",
    methods: {
      GET: (ctx) => ({ status: 200, body: s(ctx).defaultJson(String(ctx.organization.id)) }),
      PUT: async (ctx, r) => {
        s(ctx).orgDefault = { level: await readLevel(ctx, r), by: ctx.actor, at: ctx.now() };
        return { status: 200, body: s(ctx).defaultJson(String(ctx.organization.id)) };
      },
      DELETE: (ctx) => {
        s(ctx).orgDefault = undefined;
        return { status: 204 };
      },
    },
    query: {
      GET: { expand: q.listOf(["logLevelCharacteristics.characteristics"]) },
      PUT: { expand: q.listOf(["logLevelCharacteristics.characteristics"]) },
    },
  },
  {
    pattern: ["flows", "instances", "settings", "loglevels", "characteristics"],
    operation: "executions.settings",
    methods: {
      GET: () => ({
        status: 200,
        body: {
          logLevels: LOG_LEVELS.filter((l) => l !== "Unknown").map((level) => ({
            level,
            characteristics: characteristicsOf(level),
          })),
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
        if (!own) throw notFound(`Flow ${flow.id} has no log level of its own (it records at the org's default)`);
        return { status: 200, body: s(ctx).flowJson(flow) };
      },
      POST: async (ctx, r) => {
        const flow = liveFlow(ctx, r.params[0]);
        const level = await readLevel(ctx, r);
        if (s(ctx).flows.has(flow.id)) throw conflict(`Flow ${flow.id} already has a log level: change it with PUT`);
        s(ctx).flows.set(flow.id, { level, by: ctx.actor, at: ctx.now() });
        return { status: 200, body: s(ctx).flowJson(flow) };
      },
      PUT: async (ctx, r) => {
        const flow = liveFlow(ctx, r.params[0]);
        const level = await readLevel(ctx, r);
        if (!s(ctx).flows.has(flow.id))
          throw notFound(`Flow ${flow.id} has no log level of its own: set one with POST`);
        s(ctx).flows.set(flow.id, { level, by: ctx.actor, at: ctx.now() });
        return { status: 200, body: s(ctx).flowJson(flow) };
      },
      DELETE: (ctx, r) => {
        const flow = liveFlow(ctx, r.params[0]);
        if (!s(ctx).flows.delete(flow.id)) throw notFound(`Flow ${flow.id} has no log level of its own`);
        return { status: 204 };
      },
    },
    query: Object.fromEntries(
      ["GET", "POST", "PUT"].map((m) => [
        m,
        { expand: q.listOf(["name", "type", "logLevelCharacteristics.characteristics"]) },
      ]),
    ),
  },
];

/** A FlowLogLevelRequest's level (Unknown is what Genesys reports, not a level one sets). */
async function readLevel(ctx: ApiContext, r: ApiRequest): Promise<LogLevel> {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.FlowLogLevelRequest);
  const level = (body.logLevelCharacteristics as { level?: unknown }).level;
  if (typeof level !== "string" || !LOG_LEVELS.includes(level as LogLevel) || level === "Unknown") {
    throw badRequest(
      `Field 'logLevelCharacteristics.level' must be one of ${LOG_LEVELS.filter((l) => l !== "Unknown").join(", ")}`,
    );
  }
  return level as LogLevel;
}
