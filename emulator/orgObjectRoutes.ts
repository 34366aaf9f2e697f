// The writes on the org objects a flow names (orgObjectStore.ts keeps them), as Genesys's spec
// defines them and the official provider (v1.84.2) calls them: POST on a kind's collection, PUT
// (PATCH for a user) and DELETE on one object (apiRoutes.ts adds them to the kind's list and get
// routes), and the parts an object has: a queue's wrap-up codes (GET, POST, DELETE) and members
// (GET, and POST adding or, with delete=true, removing users of the org), a prompt's resources (one per
// language: GET, POST, PUT, DELETE; text-to-speech and text, no audio file: an asset has no upload
// URL), a data table's rows (GET, POST, PUT, DELETE, each row checked against the table's schema),
// a group's members (GET individuals, POST, DELETE) and voicemail policy, a user's voicemail
// policy, utilization (the organization's) and the searches of users and groups.
import type { ApiAnswer, ApiContext, ApiRequest, Handler, Route } from "./apiTypes";
import { badRequest, conflict, notFound } from "./http";
import { listAnswer, textFilter } from "./listQuery";
import { BOOLEAN, listOf, oneOf as oneOfValues, USER_EXPANSIONS } from "./queryParams";
import { pathOf, promptResources } from "./orgObjects";
import {
  checkRow,
  notFound as noObject,
  updateMethod,
  writableShape,
  type Entity,
  type Lookups,
  type WritableKind,
} from "./orgObjectStore";
import { readJson, readJsonObject, REQUEST_BODIES } from "./requestBodies";

export const lookups = (ctx: ApiContext): Lookups => ({
  divisions: ctx.divisions,
  find: (kind, id) => ctx.org.collection(pathOf(kind))?.entities.find((e) => e.id === id),
  integration: (id) => ctx.org.integrations().find((i) => i.id === id),
});
const one = (ctx: ApiContext, kind: WritableKind, id: string) => ctx.org.writes.one(kind, id);

/** The object as GET answers it (the collection's entity: a prompt with its resources). */
export function objectAnswer(ctx: ApiContext, kind: Exclude<WritableKind, "integration">, id: string): Entity {
  const entity = ctx.org.collection(pathOf(kind))?.entities.find((e) => e.id === id);
  if (!entity) return noObject(kind, id);
  return entity;
}

/** The write methods of a kind's collection (POST) and of one object (its update when the spec has one, DELETE). */
export function writeMethods(kind: Exclude<WritableKind, "integration">): {
  list: Record<string, Handler>;
  one: Record<string, Handler>;
} {
  const update: Handler = async (ctx, r) => {
    ctx.org.writes.update(kind, r.params[0], await readJsonObject(ctx, r, writableShape(kind, "UPDATE")), lookups(ctx));
    return { status: 200, body: objectAnswer(ctx, kind, r.params[0]) };
  };
  return {
    list: {
      POST: async (ctx, r) => {
        const id = ctx.org.writes.create(kind, await readJsonObject(ctx, r, writableShape(kind, "POST")), lookups(ctx));
        return { status: 200, body: objectAnswer(ctx, kind, id) };
      },
    },
    one: {
      ...(writableShape(kind, "UPDATE") ? { [updateMethod(kind)]: update } : {}),
      DELETE: (ctx, r) => {
        ctx.org.writes.delete(kind, r.params[0]);
        // deleteFlowsDatatable and deleteIntegrationsAction document 204, deleteUser 200 with an Empty
        // object; the others 200 (or only a default answer).
        if (kind === "dataTable" || kind === "dataAction") return { status: 204 };
        return kind === "user" ? { status: 200, body: {} } : { status: 200 };
      },
    },
  };
}

function promptAssets(ctx: ApiContext, promptId: string): Entity[] {
  return promptResources(promptId, one(ctx, "prompt", promptId).children);
}

function promptAsset(ctx: ApiContext, r: ApiRequest): Entity {
  const asset = promptAssets(ctx, r.params[0]).find((a) => a.language === r.params[1]);
  if (!asset) throw notFound(`Prompt ${r.params[0]} has no resource for ${r.params[1]}`);
  return asset;
}

/** A prompt asset's fields as written (the spec's PromptAsset, its language from the path or the body). */
async function writeAsset(ctx: ApiContext, r: ApiRequest, language: string | undefined): Promise<ApiAnswer> {
  const body = await readJsonObject(
    ctx,
    r,
    language === undefined ? REQUEST_BODIES.PromptAssetCreate : REQUEST_BODIES.PromptAsset,
  );
  const lang = language ?? String(body.language);
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(lang))
    throw badRequest(`Field 'language': "${lang}" is not a language code such as en-us`);
  const taken = promptAssets(ctx, r.params[0]).some((a) => a.language === lang);
  if (language === undefined && taken) throw conflict(`Prompt ${r.params[0]} already has a resource for ${lang}`);
  if (language !== undefined && !taken) throw notFound(`Prompt ${r.params[0]} has no resource for ${lang}`);
  const fields = Object.fromEntries(
    ["name", "ttsString", "text", "tags", "durationSeconds"]
      .filter((f) => body[f] !== undefined && body[f] !== null)
      .map((f) => [f, body[f]]),
  );
  ctx.org.writes.setChild("prompt", r.params[0], lang, fields);
  return { status: 200, body: promptAsset(ctx, { ...r, params: [r.params[0], lang] }) };
}

/** A table's rows by key; `showbrief` (the spec's default: true) gives "just the key value of the row". */
function rows(ctx: ApiContext, tableId: string, r: ApiRequest): Entity[] {
  const brief = r.query.get("showbrief") !== "false";
  return Object.values(one(ctx, "dataTable", tableId).children)
    .map((row) => row as Entity)
    .sort((a, b) => String(a.key).localeCompare(String(b.key)))
    .map((row) => (brief ? { key: row.key } : row));
}

async function writeRow(ctx: ApiContext, r: ApiRequest, key: string | undefined): Promise<ApiAnswer> {
  const table = one(ctx, "dataTable", r.params[0]);
  const row = await readJsonObject(ctx, r);
  checkRow(table.fields.schema, row);
  if (key !== undefined && row.key !== key)
    throw badRequest(`Field 'key': the row's key is ${key}; it cannot be changed`);
  const exists = String(row.key) in table.children;
  if (key === undefined && exists) throw conflict(`Data table ${r.params[0]} already has a row ${String(row.key)}`);
  if (key !== undefined && !exists) throw notFound(`Data table ${r.params[0]} has no row ${key}`);
  ctx.org.writes.setChild("dataTable", r.params[0], String(row.key), row);
  return { status: 200, body: row };
}

/** One row; `showbrief` (the spec's default: true) gives "just the key field for the row". */
function row(ctx: ApiContext, r: ApiRequest): Entity {
  const found = one(ctx, "dataTable", r.params[0]).children[r.params[1]] as Entity | undefined;
  if (found === undefined) throw notFound(`Data table ${r.params[0]} has no row ${r.params[1]}`);
  return r.query.get("showbrief") !== "false" ? { key: found.key } : found;
}

/** DELETE of an object's part (a prompt's resource, a table's row): 404 when it has none, else 204. */
function deleteChild(kind: WritableKind, find: (ctx: ApiContext, r: ApiRequest) => Entity): Handler {
  return (ctx, r) => {
    find(ctx, r);
    ctx.org.writes.setChild(kind, r.params[0], r.params[1], undefined);
    return { status: 204 };
  };
}

function queueCodes(ctx: ApiContext, queueId: string): Entity[] {
  const codes = ctx.org.collection(pathOf("wrapupCode"))?.entities ?? [];
  return Object.keys(one(ctx, "queue", queueId).children).flatMap((id) => codes.filter((c) => c.id === id));
}

async function addQueueCodes(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const body = await readJson(ctx, r);
  if (!Array.isArray(body)) throw badRequest("The request body must be a list of wrap-up code references ({id})");
  const codes = ctx.org.collection(pathOf("wrapupCode"))?.entities ?? [];
  const ids = body.map((ref, i) => {
    const id = (ref as { id?: unknown } | null)?.id;
    if (typeof id !== "string" || !codes.some((c) => c.id === id))
      throw badRequest(`Field '[${i}].id': wrap-up code ${JSON.stringify(id ?? null)} does not exist`);
    return id;
  });
  for (const id of ids) ctx.org.writes.setChild("queue", r.params[0], id, true);
  return { status: 200, body: queueCodes(ctx, r.params[0]).filter((c) => ids.includes(String(c.id))) };
}

/** A group's or a queue's members: users of the org (the part's keys are `member/<user id>`). */
function groupMembers(ctx: ApiContext, groupId: string, kind: "group" | "queue" = "group"): Entity[] {
  const keys = Object.keys(one(ctx, kind, groupId).children);
  const ids = keys.flatMap((k) => (k.startsWith("member/") ? [k.slice("member/".length)] : []));
  return (ctx.org.collection(pathOf("user"))?.entities ?? []).filter((u) => ids.includes(String(u.id)));
}

/** POST /api/v2/routing/queues/{id}/members: users of the org added, or removed with delete=true (a list of ids). */
async function writeQueueMembers(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const body = await readJson(ctx, r);
  if (!Array.isArray(body)) throw badRequest("The request body must be a list of users ({id})");
  const ids = body.map((u, i) => {
    const id = (u as { id?: unknown } | null)?.id;
    if (typeof id === "string" && lookups(ctx).find("user", id)) return id;
    throw badRequest(`Field '[${i}].id': user ${JSON.stringify(id ?? null)} does not exist`);
  });
  const member = r.query.get("delete") === "true" ? undefined : true;
  for (const id of ids) ctx.org.writes.setChild("queue", r.params[0], `member/${id}`, member);
  return { status: 204 };
}

async function addGroupMembers(ctx: ApiContext, r: ApiRequest): Promise<ApiAnswer> {
  const body = await readJsonObject(ctx, r, REQUEST_BODIES.GroupMembersUpdate);
  const ids = (body.memberIds as unknown[]).map(String);
  const unknown = ids.find((id) => !lookups(ctx).find("user", id));
  if (unknown !== undefined) throw badRequest(`Field 'memberIds': user ${unknown} does not exist`);
  for (const id of ids) ctx.org.writes.setChild("group", r.params[0], `member/${id}`, true);
  return { status: 202, body: {} };
}

/** A group's or user's voicemail policy (VoicemailGroupPolicy, VoicemailUserPolicy): off until written; a group's names the group. */
function policy(ctx: ApiContext, kind: "group" | "user", id: string): Entity {
  const written = (one(ctx, kind, id).children.voicemailPolicy ?? { enabled: false }) as Entity;
  return kind === "group" ? { ...written, group: objectAnswer(ctx, kind, id) } : written;
}

function policyRoute(kind: "group" | "user", pattern: string[]): Route {
  return {
    pattern,
    operation: "org.objects.get",
    operations: { PATCH: "org.objects.update" },
    methods: {
      GET: (ctx, r) => ({ status: 200, body: policy(ctx, kind, r.params[0]) }),
      PATCH: async (ctx, r) => {
        const { group: _group, ...body } = await readJsonObject(
          ctx,
          r,
          kind === "group" ? REQUEST_BODIES.VoicemailGroupPolicy : REQUEST_BODIES.VoicemailUserPolicy,
        );
        const { group: _g, ...before } = policy(ctx, kind, r.params[0]);
        ctx.org.writes.setChild(kind, r.params[0], "voicemailPolicy", { ...before, ...body });
        return { status: 200, body: policy(ctx, kind, r.params[0]) };
      },
    },
  };
}

/** The users or groups a search finds: every criterion holds (EXACT, CONTAINS or STARTS_WITH on any of its fields, any of its values). */
async function search(ctx: ApiContext, r: ApiRequest, kind: "user" | "group"): Promise<ApiAnswer> {
  const body = await readJsonObject(
    ctx,
    r,
    kind === "user" ? REQUEST_BODIES.UserSearchRequest : REQUEST_BODIES.GroupSearchRequest,
  );
  const users = ctx.org.collection(pathOf(kind))?.entities ?? [];
  const tests = ((body.query ?? []) as Entity[]).map((c, i) => {
    const how = {
      EXACT: (a: string, b: string) => a === b,
      CONTAINS: (a: string, b: string) => a.includes(b),
      STARTS_WITH: (a: string, b: string) => a.startsWith(b),
    }[String(c.type)];
    if (!how)
      throw badRequest(
        `Field 'query[${i}].type': the emulator searches ${kind}s with EXACT, CONTAINS or STARTS_WITH only, not ${JSON.stringify(c.type)}`,
      );
    const values = [...(Array.isArray(c.values) ? c.values : []), ...(c.value !== undefined ? [c.value] : [])].map(
      (v) => String(v).toLowerCase(),
    );
    const fields = Array.isArray(c.fields) ? c.fields.map(String) : [];
    return (u: Entity) => fields.some((f) => values.some((v) => how(String(u[f] ?? "").toLowerCase(), v)));
  });
  const found = users.filter((u) => tests.every((t) => t(u)));
  const pageSize = Number(body.pageSize ?? 25);
  const pageNumber = Number(body.pageNumber ?? 1);
  return {
    status: 200,
    body: {
      total: found.length,
      pageCount: Math.ceil(found.length / pageSize),
      pageSize,
      pageNumber,
      types: [`${kind}s`],
      results: found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    },
  };
}

const list = (path: string, entities: Entity[], r: ApiRequest) => listAnswer(entities, r.query, { path });

/**
 * A data action's request or success template (requesttemplate.vm, successtemplate.vm) as text: its
 * config's, or Genesys's default (the raw request, the raw result) where it gives none.
 */
function actionTemplate(ctx: ApiContext, r: ApiRequest): ApiAnswer {
  const config = one(ctx, "dataAction", r.params[0]).fields.config as
    | { request?: { requestTemplate?: string }; response?: { successTemplate?: string } }
    | undefined;
  const templates: Record<string, string> = {
    "requesttemplate.vm": config?.request?.requestTemplate ?? "${input.rawRequest}",
    "successtemplate.vm": config?.response?.successTemplate ?? "${rawResult}",
  };
  const text = templates[r.params[1]];
  if (text === undefined) throw notFound(`Data action ${r.params[0]} has no template ${r.params[1]}`);
  return { status: 200, text };
}

/** The routes of an org object's parts (a queue's wrap-up codes and members, a group's members, a prompt's resources, a data table's rows, a data action's templates), a table. */
export const ORG_OBJECT_PART_ROUTES: readonly Route[] = [
  {
    pattern: ["integrations", "actions", ":id", "templates", ":fileName"],
    operation: "org.objects.get",
    methods: { GET: actionTemplate },
  },
  {
    pattern: ["routing", "queues", ":id", "wrapupcodes"],
    operation: "org.objects.get",
    operations: { POST: "org.objects.update" },
    methods: {
      GET: (ctx, r) =>
        listAnswer(queueCodes(ctx, r.params[0]), r.query, {
          path: `/api/v2/routing/queues/${r.params[0]}/wrapupcodes`,
          filters: { name: textFilter("name", "exact") },
        }),
      POST: addQueueCodes,
    },
  },
  {
    pattern: ["routing", "queues", ":id", "wrapupcodes", ":codeId"],
    operation: "org.objects.update",
    methods: {
      DELETE: (ctx, r) => {
        if (!queueCodes(ctx, r.params[0]).some((c) => c.id === r.params[1]))
          throw notFound(`Queue ${r.params[0]} has no wrap-up code ${r.params[1]}`);
        ctx.org.writes.setChild("queue", r.params[0], r.params[1], undefined);
        return { status: 200 };
      },
    },
  },
  // QueueMemberEntityListing has no total, pageCount or lastUri.
  {
    pattern: ["routing", "queues", ":id", "members"],
    operation: "org.objects.get",
    query: {
      GET: {
        expand: listOf(USER_EXPANSIONS),
        joined: BOOLEAN,
        memberBy: oneOfValues(["group", "user"]),
        sortOrder: oneOfValues(["asc", "desc"]),
      },
      POST: { delete: BOOLEAN },
    },
    operations: { POST: "org.objects.update" },
    methods: {
      GET: (ctx, r) => {
        // Genesys answers every member's ring number (1 unless one was set); the provider reads it unchecked.
        const member = (u: Entity) => ({
          id: u.id,
          name: u.name,
          user: u,
          ringNumber: 1,
          memberBy: "user",
          joined: false,
        });
        const members = groupMembers(ctx, r.params[0], "queue").map(member);
        const path = `/api/v2/routing/queues/${r.params[0]}/members`;
        const { total: _t, pageCount: _p, lastUri: _l, ...page } = list(path, members, r).body as Entity;
        return { status: 200, body: page };
      },
      POST: writeQueueMembers,
    },
  },
  {
    pattern: ["groups", ":id", "individuals"],
    operation: "org.objects.get",
    methods: { GET: (ctx, r) => list(`/api/v2/groups/${r.params[0]}/individuals`, groupMembers(ctx, r.params[0]), r) },
  },
  {
    pattern: ["groups", ":id", "members"],
    operation: "org.objects.update",
    methods: {
      POST: addGroupMembers,
      DELETE: (ctx, r) => {
        const members = groupMembers(ctx, r.params[0]);
        for (const id of (r.query.get("ids") ?? "").split(",").filter((x) => members.some((m) => m.id === x)))
          ctx.org.writes.setChild("group", r.params[0], `member/${id}`, undefined);
        return { status: 202, body: {} };
      },
    },
  },
  policyRoute("group", ["voicemail", "groups", ":id", "policy"]),
  policyRoute("user", ["voicemail", "userpolicies", ":id"]),
  {
    pattern: ["users", "search"],
    operation: "org.objects.list",
    methods: { POST: (ctx, r) => search(ctx, r, "user") },
  },
  {
    pattern: ["groups", "search"],
    operation: "org.objects.list",
    methods: { POST: (ctx, r) => search(ctx, r, "group") },
  },
  // A user's utilization: the organization's (the emulator keeps no user's own).
  {
    pattern: ["routing", "users", ":id", "utilization"],
    operation: "org.objects.get",
    methods: {
      GET: (ctx, r) => (
        one(ctx, "user", r.params[0]), { status: 200, body: { utilization: {}, level: "Organization" } }
      ),
    },
  },
  {
    pattern: ["architect", "prompts", ":id", "resources"],
    operation: "org.objects.get",
    operations: { POST: "org.objects.update" },
    methods: {
      GET: (ctx, r) => list(`/api/v2/architect/prompts/${r.params[0]}/resources`, promptAssets(ctx, r.params[0]), r),
      POST: (ctx, r) => writeAsset(ctx, r, undefined),
    },
  },
  {
    pattern: ["architect", "prompts", ":id", "resources", ":language"],
    operation: "org.objects.get",
    operations: { PUT: "org.objects.update", DELETE: "org.objects.update" },
    methods: {
      GET: (ctx, r) => ({ status: 200, body: promptAsset(ctx, r) }),
      PUT: (ctx, r) => writeAsset(ctx, r, r.params[1]),
      DELETE: deleteChild("prompt", promptAsset),
    },
  },
  {
    pattern: ["flows", "datatables", ":id", "rows"],
    operation: "org.objects.get",
    operations: { POST: "org.objects.update" },
    methods: {
      GET: (ctx, r) =>
        listAnswer(rows(ctx, r.params[0], r), r.query, {
          path: `/api/v2/flows/datatables/${r.params[0]}/rows`,
          sortOrder: true,
        }),
      POST: (ctx, r) => writeRow(ctx, r, undefined),
    },
    query: { GET: { showbrief: BOOLEAN, sortOrder: oneOfValues(["ascending", "descending"]) } },
  },
  {
    pattern: ["flows", "datatables", ":id", "rows", ":key"],
    operation: "org.objects.get",
    operations: { PUT: "org.objects.update", DELETE: "org.objects.update" },
    query: { GET: { showbrief: BOOLEAN } },
    methods: {
      GET: (ctx, r) => ({ status: 200, body: row(ctx, r) }),
      PUT: (ctx, r) => writeRow(ctx, r, r.params[1]),
      DELETE: deleteChild("dataTable", row),
    },
  },
];
