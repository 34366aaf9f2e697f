// "The documented filters work": for every list route the emulator serves (a GET whose answer is
// one of the spec's *EntityListing, found in the spec, not by hand), every query parameter the spec
// documents for it is either honoured, shown here by its behaviour against the emulator, or a kept
// difference in emulator/specDifferences.ts with its reason. A parameter that is neither fails, as
// does a probe that sees the parameter ignored, and a kept difference that no route has any more.
// The same holds for the query parameters of every other operation the emulator serves (one
// object, a job, an action: `deleted`, `expand`, `objectCount`, `state`, `flow`, ...). And no list
// applies a filter its operation does not document: every parameter some list documents is sent to
// each list that does not, which must answer as if it were absent (`name` on users, `category` on
// queues, `dnis` on schedules).
import { apiRouteTable } from "../../emulator/apiRoutes";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { SPEC_DIFFERENCES, differenceFor } from "../../emulator/specDifferences";
import { CONFORMANCE_ORG } from "../../testkit/conformanceOrg";
import { genesysSpec, type Operation } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, greetingCallYaml, inboundCallYaml } from "../../testkit/archyFlows";

type Entity = Record<string, unknown>;

interface ListRoute {
  op: Operation;
  /** The concrete path asked (ids filled in) and the query every request of it needs. */
  path: string;
  base: string;
}

/** What a probe may ask of one list route. */
interface Lister {
  route: ListRoute;
  /** Every entity, in the route's default order. */
  all: Entity[];
  get(query: string): Promise<Entity[]>;
  status(query: string): Promise<number>;
  /** The status of a request without the route's base query. */
  bare(query: string): Promise<number>;
  /** The values the spec allows for a parameter (its enum), if it has a closed list. */
  values(param: string): string[] | undefined;
}

type Probe = (l: Lister) => Promise<void>;

/** Entities by identity: their id, or a data table row's key (rows have no id). */
const ids = (list: Entity[]): string[] => list.map((e) => String(e.id ?? e.key));
const lower = (v: unknown): string => String(v ?? "").toLowerCase();
const NOBODY = "00000000-0000-4000-8000-000000000000";

function sortedBy(list: Entity[], field: string): string[] {
  return ids(
    [...list].sort(
      (a, b) => lower(a[field]).localeCompare(lower(b[field])) || String(a.id).localeCompare(String(b.id)),
    ),
  );
}

/** Two entities at least, or a probe proves nothing. */
function some(l: Lister): Entity[] {
  expect({ route: l.route.op.template, entities: l.all.length >= 2 }).toEqual({
    route: l.route.op.template,
    entities: true,
  });
  return l.all;
}

/** Probes by parameter name, for any route that documents it. */
const PROBES: Readonly<Record<string, Probe>> = {
  pageSize: async (l) => {
    const all = some(l);
    expect(ids(await l.get("pageSize=1"))).toEqual(ids([all[0]]));
  },
  pageNumber: async (l) => {
    const all = some(l);
    expect(ids(await l.get("pageSize=1&pageNumber=2"))).toEqual(ids([all[1]]));
  },
  sortOrder: async (l) => {
    some(l);
    const allowed = l.values("sortOrder") ?? ["asc", "desc"];
    const asc = allowed.find((v) => lower(v).startsWith("asc"))!;
    const desc = allowed.find((v) => lower(v).startsWith("desc"))!;
    const up = ids(await l.get(`sortOrder=${asc}`));
    expect(ids(await l.get(`sortOrder=${desc}`))).toEqual([...up].reverse());
  },
  sortBy: async (l) => {
    const all = some(l);
    for (const field of l.values("sortBy") ?? ["name", "id"])
      expect(ids(await l.get(`sortBy=${field}`))).toEqual(sortedBy(all, field));
  },
  name: async (l) => {
    const all = some(l);
    const target = all[all.length - 1];
    const found = await l.get(`name=${encodeURIComponent(String(target.name))}`);
    expect(ids(found)).toContain(target.id);
    expect(found.every((e) => lower(e.name).includes(lower(target.name)))).toBe(true);
    expect(found.length).toBeLessThan(all.length);
  },
  id: async (l) => {
    const all = some(l);
    expect(ids(await l.get(`id=${String(all[1].id)}`))).toEqual([all[1].id]);
    expect(ids(await l.get(`id=${String(all[0].id)},${String(all[1].id)}`)).sort()).toEqual(
      [all[0].id, all[1].id].map(String).sort(),
    );
  },
  ids: async (l) => {
    const all = some(l);
    expect(ids(await l.get(`ids=${String(all[1].id)}`))).toEqual([all[1].id]);
  },
  divisionId: async (l) => {
    const all = some(l);
    const division = (all[0].division as { id: string }).id;
    expect(ids(await l.get(`divisionId=${division}`))).toEqual(
      ids(all.filter((e) => (e.division as { id: string }).id === division)),
    );
    expect(await l.get(`divisionId=${NOBODY}`)).toEqual([]);
  },
  description: async (l) => {
    const all = some(l);
    const target = all.find((e) => typeof e.description === "string" && e.description !== "")!;
    const word = String(target.description).split(" ")[0];
    const found = await l.get(`description=${encodeURIComponent(word)}`);
    expect(ids(found)).toContain(target.id);
    expect(found.every((e) => lower(e.description).includes(lower(word)))).toBe(true);
    expect(found.length).toBeLessThan(all.length);
  },
  nameOrDescription: async (l) => {
    const all = some(l);
    const target = all.find((e) => typeof e.description === "string" && e.description !== "")!;
    expect(ids(await l.get(`nameOrDescription=${encodeURIComponent(String(target.description))}`))).toEqual([
      target.id,
    ]);
    expect(ids(await l.get(`nameOrDescription=${encodeURIComponent(String(target.name))}`))).toContain(target.id);
  },
  category: async (l) => {
    const all = some(l);
    const category = String(all[0].category);
    const found = await l.get(`category=${encodeURIComponent(category)}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(all.length);
    expect(found.every((e) => e.category === category)).toBe(true);
  },
  secure: async (l) => {
    const all = some(l);
    const secure = await l.get("secure=true");
    expect(secure.length).toBeGreaterThan(0);
    expect(secure.every((e) => e.secure === true)).toBe(true);
    expect((await l.get("secure=false")).length).toBe(all.length - secure.length);
  },
  state: async (l) => {
    const all = some(l);
    expect(await l.get("state=active")).toHaveLength(all.length);
    expect(await l.get("state=any")).toHaveLength(all.length);
    expect(await l.get("state=inactive")).toEqual([]);
  },
  filterType: async (l) => {
    const all = some(l);
    const name = String(all[0].name);
    const prefix = name.slice(0, 3);
    expect(ids(await l.get(`name=${encodeURIComponent(prefix)}`))).toContain(all[0].id);
    expect(ids(await l.get(`name=${encodeURIComponent(prefix)}&filterType=Prefix`))).toContain(all[0].id);
    expect(ids(await l.get(`name=${encodeURIComponent(prefix)}&filterType=Equals`))).toEqual([]);
    expect(ids(await l.get(`name=${encodeURIComponent(name.slice(-3))}&filterType=EndsWith`))).toContain(all[0].id);
  },
  type: async (l) => {
    const all = some(l);
    const modules = await l.get("type=commonmodule");
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.length).toBeLessThan(all.length);
    expect(modules.every((e) => e.type === "COMMONMODULE")).toBe(true);
    expect(await l.status("type=notaflowtype")).toBe(400);
  },
  includeSchemas: async (l) => {
    const module = (await l.get("type=commonmodule"))[0];
    expect(module.inputSchema).toBeUndefined();
    expect((await l.get("type=commonmodule&includeSchemas=true"))[0].inputSchema).toBeDefined();
  },
  lockedBy: async (l) => {
    const locked = l.all.find((e) => e.lockedUser !== undefined)!;
    const user = (locked.lockedUser as { id: string }).id;
    expect(ids(await l.get(`lockedBy=${user}`))).toEqual([locked.id]);
    expect(await l.get(`lockedBy=${NOBODY}`)).toEqual([]);
  },
  lockedByClientId: async (l) => {
    const locked = l.all.filter((e) => e.lockedClient !== undefined);
    const client = (locked[0].lockedClient as { id: string }).id;
    const found = await l.get(`lockedByClientId=${client}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(l.all.length);
    expect(found.every((e) => (e.lockedClient as { id?: string } | undefined)?.id === client)).toBe(true);
  },
  publishVersionId: async (l) => {
    const version = (e: Entity) => (e.publishedVersion as { id?: string } | undefined)?.id;
    const target = l.all.find((e) => l.all.filter((x) => version(x) === version(e)).length === 1)!;
    expect(ids(await l.get(`publishVersionId=${version(target)!}`))).toEqual([target.id]);
  },
  publishedAfter: async (l) => {
    const published = some(l).filter((e) => e.publishedVersion !== undefined);
    expect(await l.get("publishedAfter=2100-01-01T00:00:00Z")).toEqual([]);
    expect(ids(await l.get("publishedAfter=2000-01-01T00:00:00Z"))).toEqual(ids(published));
    expect(await l.status("publishedAfter=yesterday")).toBe(400);
  },
  publishedBefore: async (l) => {
    const published = some(l).filter((e) => e.publishedVersion !== undefined);
    expect(await l.get("publishedBefore=2000-01-01T00:00:00Z")).toEqual([]);
    expect(ids(await l.get("publishedBefore=2100-01-01T00:00:00Z"))).toEqual(ids(published));
  },
  deleted: async (l) => {
    // A deleted flow is listed (flows) or readable (its versions) only with deleted=true.
    expect(await l.status("deleted=true")).toBe(200);
    if (l.route.op.template === "/api/v2/flows") {
      const all = await l.get("deleted=true");
      expect(all.filter((e) => e.deleted === true).length).toBeGreaterThan(0);
      expect(l.all.some((e) => e.deleted === true)).toBe(false);
    } else {
      expect(await l.bare("")).toBe(410);
      expect((await l.get("deleted=true")).length).toBeGreaterThan(0);
    }
  },
  objectCount: async (l) => {
    expect(some(l).every((e) => e.objectCounts === undefined)).toBe(true);
    expect((await l.get("objectCount=true")).every((e) => typeof e.objectCounts === "object")).toBe(true);
  },
  dnis: async (l) => {
    const target = some(l).find((e) => Array.isArray(e.dnis) && e.dnis.length > 0)!;
    expect(ids(await l.get(`dnis=${encodeURIComponent(String((target.dnis as string[])[0]))}`))).toEqual([target.id]);
  },
  scheduleGroup: async (l) => {
    const target = some(l).find((e) => e.scheduleGroup !== undefined)!;
    const group = (target.scheduleGroup as { id: string }).id;
    const found = await l.get(`scheduleGroup=${group}`);
    expect(ids(found)).toContain(target.id);
    expect(found.length).toBeLessThan(l.all.length);
  },
  scheduleIds: async (l) => {
    const target = some(l).find((e) => Array.isArray(e.openSchedules) && e.openSchedules.length > 0)!;
    const schedule = (target.openSchedules as Array<{ id: string }>)[0].id;
    expect(ids(await l.get(`scheduleIds=${schedule}`))).toEqual([target.id]);
    expect(await l.get(`scheduleIds=${NOBODY}`)).toEqual([]);
  },
  version: async (l) => {
    expect((await l.get("")).length).toBeGreaterThan(0);
    expect(await l.get("version=999.0")).toEqual([]);
  },
  expand: async (l) => {
    // A data table's schema, only with expand=schema.
    expect(l.values("expand")).toEqual(["schema"]);
    expect(some(l).every((e) => e.schema === undefined)).toBe(true);
    expect((await l.get("expand=schema")).every((e) => typeof e.schema === "object")).toBe(true);
  },
  showbrief: async (l) => {
    // A row's key only, unless showbrief=false (the spec's default is true).
    expect(some(l).every((e) => Object.keys(e).join() === "key")).toBe(true);
    expect((await l.get("showbrief=false")).every((e) => Object.keys(e).length > 1)).toBe(true);
  },
  resourceType: async (l) => {
    const all = await l.get("");
    expect(all.length).toBeGreaterThan(0);
    const type = String(all[0].type);
    expect(ids(await l.get(`resourceType=${type}`))).toEqual(ids(all.filter((e) => e.type === type)));
    expect(await l.get(`resourceType=${type === "INBOUNDEMAILFLOW" ? "INBOUNDCHATFLOW" : "INBOUNDEMAILFLOW"}`)).toEqual(
      [],
    );
  },
};

/** Parameters a route needs to list at all: shown honoured by asking for another object. */
const REQUIRED_PROBES: Readonly<Record<string, Probe>> = {
  id: async (l) => {
    expect((await l.get("")).length).toBeGreaterThan(0);
    const other = new URLSearchParams(l.route.base);
    other.set("id", NOBODY);
    expect(await statusOrEmpty(l, other)).toBe("nothing");
  },
  objectType: async (l) => {
    const other = new URLSearchParams(l.route.base);
    other.set("objectType", "INBOUNDEMAILFLOW");
    expect(await statusOrEmpty(l, other)).toBe("nothing");
  },
  version: async (l) => {
    const other = new URLSearchParams(l.route.base);
    other.set("version", "999.0");
    expect(await statusOrEmpty(l, other)).toBe("nothing");
  },
};

/** Whether a request with the given query (replacing the base) finds nothing: an empty list or a 404. */
async function statusOrEmpty(l: Lister, query: URLSearchParams): Promise<"nothing" | "something"> {
  const res = await fetchList(l.route.path, query.toString());
  if (res.status === 404) return "nothing";
  expect(res.status).toBe(200);
  return res.entities.length === 0 ? "nothing" : "something";
}

/** What a probe of one operation that is not a list may ask. */
interface ObjectAsker {
  /** The answer to the operation's concrete path with this query (the operation's base query first), and a JSON body when given. */
  ask(query: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The ids the setup made: flows (a deleted one), jobs, a division. */
  ids: Readonly<Record<string, string>>;
}

type ObjectProbe = (o: ObjectAsker) => Promise<void>;

const messagesOnlyExpanded: ObjectProbe = async (o) => {
  expect((await o.ask("")).body.messages).toEqual([]);
  expect(((await o.ask("expand=messages")).body.messages as unknown[]).length).toBeGreaterThan(0);
};

const readsDeleted: ObjectProbe = async (o) => {
  expect((await o.ask("")).status).toBe(410);
  expect((await o.ask("deleted=true")).status).toBe(200);
};

const actsOnTheFlowNamed: ObjectProbe = async (o) => {
  expect((await o.ask(`flow=${NOBODY}`)).status).toBe(404);
};

/** Probes of the query parameters of operations that are not lists, by "<METHOD> <template> ?<name>". */
const OBJECT_PROBES: Readonly<Record<string, ObjectProbe>> = {
  "POST /api/v2/flows/instances/query ?pageSize": async (o) => {
    // The setup recorded three executions; a query of everything answers them, or as many as pageSize says.
    const everything = { query: [] };
    expect(((await o.ask("", everything)).body.entities as unknown[]).length).toBe(3);
    expect(((await o.ask("pageSize=2", everything)).body.entities as unknown[]).length).toBe(2);
    expect((await o.ask("pageSize=201", everything)).status).toBe(400);
  },
  "GET /api/v2/flows/{flowId} ?deleted": readsDeleted,
  "GET /api/v2/flows/{flowId}/latestconfiguration ?deleted": readsDeleted,
  "GET /api/v2/flows/{flowId}/versions/{versionId} ?deleted": readsDeleted,
  "GET /api/v2/flows/{flowId}/versions/{versionId}/configuration ?deleted": readsDeleted,
  "GET /api/v2/flows/jobs/{jobId} ?expand": messagesOnlyExpanded,
  "GET /api/v2/flows/export/jobs/{jobId} ?expand": messagesOnlyExpanded,
  "GET /api/v2/flows/validate/jobs/{jobId} ?expand": messagesOnlyExpanded,
  "GET /api/v2/authorization/divisions/{divisionId} ?objectCount": async (o) => {
    expect((await o.ask("")).body.objectCounts).toBeUndefined();
    expect(typeof (await o.ask("objectCount=true")).body.objectCounts).toBe("object");
  },
  "GET /api/v2/flows/datatables/{datatableId} ?expand": async (o) => {
    expect((await o.ask("")).body.schema).toBeUndefined();
    expect(typeof (await o.ask("expand=schema")).body.schema).toBe("object");
  },
  "GET /api/v2/flows/datatables/{datatableId}/rows/{rowId} ?showbrief": async (o) => {
    expect(Object.keys((await o.ask("")).body)).toEqual(["key"]);
    expect((await o.ask("showbrief=false")).body).toEqual({ key: "Harbour", open: true });
  },
  "GET /api/v2/integrations/actions/{actionId} ?expand": async (o) => {
    expect((await o.ask("")).body.contract).toBeUndefined();
    expect(typeof (await o.ask("expand=contract")).body.contract).toBe("object");
  },
  "GET /api/v2/users/{userId} ?state": async (o) => {
    expect((await o.ask("state=active")).status).toBe(200);
    expect((await o.ask("state=deleted")).status).toBe(404);
  },
  "GET /api/v2/architect/dependencytracking/object ?id": async (o) => {
    expect((await o.ask(`id=${o.ids.sales}`)).body.id).toBe(o.ids.sales);
    expect((await o.ask(`id=${NOBODY}`)).status).toBe(404);
  },
  "GET /api/v2/architect/dependencytracking/object ?version": async (o) => {
    expect((await o.ask(`id=${o.ids.sales}&version=1.0`)).body.version).toBe("1.0");
    expect((await o.ask(`id=${o.ids.sales}&version=999.0`)).status).toBe(404);
  },
  "GET /api/v2/architect/dependencytracking/object ?objectType": async (o) => {
    expect((await o.ask(`id=${o.ids.sales}&objectType=INBOUNDCALLFLOW`)).status).toBe(200);
    expect((await o.ask(`id=${o.ids.sales}&objectType=INBOUNDEMAILFLOW`)).status).toBe(404);
  },
  "GET /api/v2/architect/dependencytracking/object ?consumedResources": async (o) => {
    expect((await o.ask(`id=${o.ids.sales}`)).body.consumedResources).toBeUndefined();
    expect(
      ((await o.ask(`id=${o.ids.sales}&consumedResources=true`)).body.consumedResources as unknown[]).length,
    ).toBeGreaterThan(1);
  },
  "GET /api/v2/architect/dependencytracking/object ?consumingResources": async (o) => {
    expect((await o.ask(`id=${o.ids.module}`)).body.consumingResources).toBeUndefined();
    expect(
      ((await o.ask(`id=${o.ids.module}&consumingResources=true`)).body.consumingResources as Entity[]).map(
        (e) => e.id,
      ),
    ).toContain(o.ids.sales);
  },
  "GET /api/v2/architect/dependencytracking/object ?consumedResourceType": async (o) => {
    const all = (await o.ask(`id=${o.ids.sales}&consumedResources=true`)).body.consumedResources as Entity[];
    const queues = (await o.ask(`id=${o.ids.sales}&consumedResources=true&consumedResourceType=QUEUE`)).body
      .consumedResources as Entity[];
    expect(queues.length).toBeGreaterThan(0);
    expect(queues.length).toBeLessThan(all.length);
    expect(queues.every((e) => e.type === "QUEUE")).toBe(true);
  },
  "GET /api/v2/architect/dependencytracking/object ?consumingResourceType": async (o) => {
    expect(
      (
        (await o.ask(`id=${o.ids.module}&consumingResources=true&consumingResourceType=INBOUNDCALLFLOW`)).body
          .consumingResources as Entity[]
      ).length,
    ).toBeGreaterThan(0);
    expect(
      (await o.ask(`id=${o.ids.module}&consumingResources=true&consumingResourceType=INBOUNDEMAILFLOW`)).body
        .consumingResources,
    ).toEqual([]);
  },
  "DELETE /api/v2/groups/{groupId}/members ?ids": async (o) => {
    const members = async () => ids((await fetchList(`/api/v2/groups/${o.ids.group}/individuals`, "")).entities);
    expect(await members()).toContain(o.ids.member);
    expect((await o.ask(`ids=${o.ids.member}`)).status).toBe(202);
    expect(await members()).not.toContain(o.ids.member);
  },
  "POST /api/v2/routing/queues/{queueId}/members ?delete": async (o) => {
    const members = async () => ids((await fetchList(`/api/v2/routing/queues/${o.ids.queue}/members`, "")).entities);
    expect((await o.ask("", [{ id: o.ids.member }])).status).toBe(204);
    expect(await members()).toContain(o.ids.member);
    expect((await o.ask("delete=true", [{ id: o.ids.member }])).status).toBe(204);
    expect(await members()).not.toContain(o.ids.member);
  },
  "POST /api/v2/flows/actions/checkout ?flow": actsOnTheFlowNamed,
  "POST /api/v2/flows/actions/checkin ?flow": actsOnTheFlowNamed,
  "POST /api/v2/flows/actions/unlock ?flow": actsOnTheFlowNamed,
  "POST /api/v2/flows/actions/revert ?flow": actsOnTheFlowNamed,
  "POST /api/v2/flows/actions/publish ?flow": actsOnTheFlowNamed,
  "POST /api/v2/flows/actions/publish ?version": async (o) => {
    expect((await o.ask(`flow=${o.ids.sales}&version=999.0`)).status).toBe(404);
    expect((await o.ask(`flow=${o.ids.sales}&version=1.0`)).status).toBe(200);
  },
};

let emu: RunningEmulator;

async function fetchList(path: string, query: string): Promise<{ status: number; entities: Entity[] }> {
  const res = await fetch(`${emu.url}${path}${query ? `?${query}` : ""}`, {
    headers: { authorization: `Bearer ${emu.accessToken}` },
  });
  const body = (await res.json()) as { entities?: Entity[] };
  return { status: res.status, entities: body.entities ?? [] };
}

async function post(path: string, body: unknown): Promise<Entity> {
  return postStatus(path, body, 200);
}

async function postStatus(path: string, body: unknown, status: number): Promise<Entity> {
  const res = await fetch(`${emu.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(status);
  return (await res.json()) as Entity;
}

/** The emulator's list routes, as the spec defines them: GETs answering an entity listing. */
function listRoutes(concrete: Readonly<Record<string, { path: string; base?: string }>>): ListRoute[] {
  const spec = genesysSpec();
  const definitions = spec.swagger.definitions as Record<string, { properties?: Record<string, unknown> }>;
  return apiRouteTable()
    .filter((r) => r.methods.includes("GET"))
    .flatMap((r) => {
      const op = spec.operation("GET", `/api/v2/${r.pattern.map((s) => (s.startsWith(":") ? "x-id" : s)).join("/")}`);
      const ref = (op?.spec.responses["200"]?.schema as { $ref?: string } | undefined)?.$ref;
      const listing = ref ? definitions[ref.replace("#/definitions/", "")] : undefined;
      if (!op || !listing?.properties?.entities || !listing.properties.pageCount) return [];
      const at = concrete[op.template] ?? { path: op.template };
      return [{ op, path: at.path, base: at.base ?? "" }];
    });
}

describe("the query parameters the spec documents", () => {
  let routes: ListRoute[];
  let objectPaths: Record<string, string> = {};
  let objectIds: Record<string, string> = {};
  beforeAll(async () => {
    emu = await startEmulator({ org: CONFORMANCE_ORG, simulator: simulateCalls });
    const module = (await publish(emu, commonModuleYaml("Lookup"))).flow!.id;
    // Sales consumes the module and a queue (two resources for the consumed list's paging).
    const toQueue =
      "\n          - transferToAcd:\n              name: To sales\n              targetQueue:\n                lit:\n                  name: Sales";
    const sales = (await publish(emu, inboundCallYaml("Sales", toQueue, "Lookup"))).flow!.id;
    const support = (await publish(emu, inboundCallYaml("Support"))).flow!.id;
    await publish(emu, inboundCallYaml("Support", "\n          - disconnect:\n              name: Early"));
    await publish(
      emu,
      inboundCallYaml("Billing", "", "Lookup").replace(
        "  name: Billing\n",
        "  name: Billing\n  description: Invoices and refunds\n",
      ),
    );
    const obsolete = (await publish(emu, inboundCallYaml("Obsolete"))).flow!.id;
    await publish(emu, inboundCallYaml("Obsolete", "\n          - disconnect:\n              name: Early"));
    expect(
      (
        await fetch(`${emu.url}/api/v2/flows/${obsolete}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${emu.accessToken}` },
        })
      ).status,
    ).toBe(204);
    // Locks: one by a person (lockedUser and lockedClient), one by the emulator's own client.
    emu.setFaults({
      locks: [{ flowName: "Billing", userName: "Ada", userId: "00000000-0000-4000-8000-0000000000ad" }],
    });
    await fetch(`${emu.url}/api/v2/flows/actions/checkout?flow=${support}`, {
      method: "POST",
      headers: { authorization: `Bearer ${emu.accessToken}` },
    });
    const weekdays = await post("/api/v2/architect/schedules", {
      name: "Weekdays",
      start: "2026-01-05T08:00:00.000000",
      end: "2026-01-05T18:00:00.000000",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    });
    const weekend = await post("/api/v2/architect/schedules", {
      name: "Weekend",
      start: "2026-01-10T10:00:00.000000",
      end: "2026-01-10T14:00:00.000000",
      rrule: "FREQ=WEEKLY;BYDAY=SA,SU",
    });
    const office = await post("/api/v2/architect/schedulegroups", {
      name: "Office",
      timeZone: "America/New_York",
      openSchedules: [{ id: weekdays.id }],
    });
    await post("/api/v2/architect/schedulegroups", {
      name: "Shop",
      timeZone: "America/New_York",
      openSchedules: [{ id: weekend.id }],
    });
    await post("/api/v2/telephony/providers/edges/didpools", {
      startPhoneNumber: "+13175550100",
      endPhoneNumber: "+13175550199",
    });
    await post("/api/v2/telephony/providers/edges/didpools", {
      startPhoneNumber: "+13175550200",
      endPhoneNumber: "+13175550299",
    });
    const line = await post("/api/v2/architect/ivrs", {
      name: "Sales line",
      dnis: ["+13175550100"],
      openHoursFlow: { id: sales },
      scheduleGroup: { id: office.id },
    });
    await post("/api/v2/architect/ivrs", {
      name: "Support line",
      dnis: ["+13175550200"],
      openHoursFlow: { id: support },
    });
    await post("/api/v2/architect/emergencygroups", {
      name: "Storm",
      enabled: false,
      emergencyCallFlows: [{ emergencyFlow: { id: support }, ivrs: [{ id: line.id }] }],
    });
    await post("/api/v2/architect/emergencygroups", {
      name: "Fire",
      enabled: false,
      emergencyCallFlows: [{ emergencyFlow: { id: sales } }],
    });
    const versions = await fetchList(`/api/v2/flows/${sales}/versions`, "");
    // Execution data: two flows with a log level of their own; three executions of a flow published once storage was on.
    for (const id of [sales, support])
      await post(`/api/v2/flows/${id}/instances/settings/loglevels`, { logLevelCharacteristics: { level: "Notes" } });
    await fetch(`${emu.url}/api/v2/flows/instances/settings/executiondata`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ enabled: true }),
    });
    await publish(emu, greetingCallYaml("Traced"));
    await post("/__emulator/traffic", { interactions: 3, flows: ["Traced"] });
    // Jobs whose messages say something: a publish that fails, an export and a validation of a flow the org does not have.
    const failedPublish = (await publish(emu, "inboundCall:\n  name: Broken\n")).id;
    const failedExport = await post("/api/v2/flows/export/jobs", { flows: [{ flow: { id: NOBODY } }] });
    const failedValidation = await post("/api/v2/flows/validate/jobs", { flows: [{ flow: { id: NOBODY } }] });
    const europe = (await fetchList("/api/v2/authorization/divisions", "")).entities.find(
      (d) => d.homeDivision === true,
    )!;
    const [action] = (await fetchList("/api/v2/integrations/actions", "")).entities;
    const [user] = (await fetchList("/api/v2/users", "")).entities;
    // The parts of written org objects, two of each: a queue's wrap-up codes, a prompt's resources, a table's rows.
    const queue = await post("/api/v2/routing/queues", { name: "Billing" });
    const codes = (await fetchList("/api/v2/routing/wrapupcodes", "")).entities;
    await post(
      `/api/v2/routing/queues/${String(queue.id)}/wrapupcodes`,
      codes.map((c) => ({ id: c.id })),
    );
    const prompt = await post("/api/v2/architect/prompts", { name: "Closed_prompt" });
    for (const language of ["en-us", "es-us"])
      await post(`/api/v2/architect/prompts/${String(prompt.id)}/resources`, { language, ttsString: "Closed." });
    const table = await post("/api/v2/flows/datatables", {
      name: "Openings",
      schema: { type: "object", properties: { key: { type: "string" }, open: { type: "boolean" } } },
    });
    for (const key of ["Harbour", "Main street"])
      await post(`/api/v2/flows/datatables/${String(table.id)}/rows`, { key, open: true });
    // A group with the org's two users as members.
    const group = await post("/api/v2/groups", {
      name: "Leads",
      type: "official",
      visibility: "public",
      rulesVisible: true,
    });
    const users = (await fetchList("/api/v2/users", "")).entities;
    await postStatus(
      `/api/v2/groups/${String(group.id)}/members`,
      { memberIds: users.map((u) => u.id), version: 1 },
      202,
    );
    objectPaths = {
      "/api/v2/flows/{flowId}": `/api/v2/flows/${obsolete}`,
      "/api/v2/flows/{flowId}/latestconfiguration": `/api/v2/flows/${obsolete}/latestconfiguration`,
      "/api/v2/flows/{flowId}/versions/{versionId}": `/api/v2/flows/${obsolete}/versions/1.0`,
      "/api/v2/flows/{flowId}/versions/{versionId}/configuration": `/api/v2/flows/${obsolete}/versions/1.0/configuration`,
      "/api/v2/flows/jobs/{jobId}": `/api/v2/flows/jobs/${failedPublish}`,
      "/api/v2/flows/export/jobs/{jobId}": `/api/v2/flows/export/jobs/${String(failedExport.id)}`,
      "/api/v2/flows/validate/jobs/{jobId}": `/api/v2/flows/validate/jobs/${String(failedValidation.id)}`,
      "/api/v2/authorization/divisions/{divisionId}": `/api/v2/authorization/divisions/${String(europe.id)}`,
      "/api/v2/integrations/actions/{actionId}": `/api/v2/integrations/actions/${String(action.id)}`,
      "/api/v2/users/{userId}": `/api/v2/users/${String(user.id)}`,
      "/api/v2/flows/datatables/{datatableId}": `/api/v2/flows/datatables/${String(table.id)}`,
      "/api/v2/flows/datatables/{datatableId}/rows/{rowId}": `/api/v2/flows/datatables/${String(table.id)}/rows/Harbour`,
      "/api/v2/groups/{groupId}/members": `/api/v2/groups/${String(group.id)}/members`,
      "/api/v2/routing/queues/{queueId}/members": `/api/v2/routing/queues/${String(queue.id)}/members`,
    };
    objectIds = { group: String(group.id), member: String(users[0].id), queue: String(queue.id) };
    objectIds = { ...objectIds, sales, obsolete, module };
    routes = listRoutes({
      "/api/v2/routing/queues/{queueId}/wrapupcodes": {
        path: `/api/v2/routing/queues/${String(queue.id)}/wrapupcodes`,
      },
      "/api/v2/routing/queues/{queueId}/members": { path: `/api/v2/routing/queues/${String(queue.id)}/members` },
      "/api/v2/architect/prompts/{promptId}/resources": {
        path: `/api/v2/architect/prompts/${String(prompt.id)}/resources`,
      },
      "/api/v2/flows/datatables/{datatableId}/rows": { path: `/api/v2/flows/datatables/${String(table.id)}/rows` },
      "/api/v2/groups/{groupId}/individuals": { path: `/api/v2/groups/${String(group.id)}/individuals` },
      "/api/v2/flows/{flowId}/versions": { path: `/api/v2/flows/${obsolete}/versions`, base: "deleted=true" },
      "/api/v2/architect/dependencytracking/consumingresources": {
        path: "/api/v2/architect/dependencytracking/consumingresources",
        base: `id=${module}&objectType=COMMONMODULEFLOW`,
      },
      "/api/v2/architect/dependencytracking/consumedresources": {
        path: "/api/v2/architect/dependencytracking/consumedresources",
        base: `id=${sales}&version=${String(versions.entities[0].id)}&objectType=INBOUNDCALLFLOW`,
      },
    });
  }, 120_000);
  afterAll(async () => {
    await emu?.stop();
  });

  const key = (route: ListRoute, param: string): string => `GET ${route.op.template} ?${param}`;
  const queryParams = (route: ListRoute) => (route.op.spec.parameters ?? []).filter((p) => p.in === "query");

  it("finds the list routes in the spec: every collection the emulator serves", () => {
    const templates = routes.map((r) => r.op.template);
    process.stdout.write(
      `list parameters: ${routes.length} list routes, ${routes.reduce((n, r) => n + queryParams(r).length, 0)} documented query parameters\n`,
    );
    for (const t of [
      "/api/v2/flows",
      "/api/v2/flows/{flowId}/versions",
      "/api/v2/routing/queues",
      "/api/v2/architect/ivrs",
      "/api/v2/telephony/providers/edges/didpools",
      "/api/v2/authorization/divisions",
      "/api/v2/users",
    ])
      expect(templates).toContain(t);
  });

  it("every documented parameter is honoured (its behaviour shown) or a kept difference with its reason", async () => {
    const unexplained: string[] = [];
    let kept = 0;
    for (const route of routes) {
      const base = await fetchList(route.path, route.base);
      expect({ route: route.path, status: base.status }).toEqual({ route: route.path, status: 200 });
      const lister: Lister = {
        route,
        all: base.entities,
        get: async (query) => {
          const res = await fetchList(route.path, [route.base, query].filter((q) => q !== "").join("&"));
          expect({ route: route.op.template, query, status: res.status }).toEqual({
            route: route.op.template,
            query,
            status: 200,
          });
          return res.entities;
        },
        status: async (query) =>
          (await fetchList(route.path, [route.base, query].filter((q) => q !== "").join("&"))).status,
        bare: async (query) => (await fetchList(route.path, query)).status,
        values: (param) => queryParams(route).find((p) => p.name === param)?.enum,
      };
      for (const p of queryParams(route)) {
        const difference = differenceFor(key(route, p.name));
        const probe = p.required ? REQUIRED_PROBES[p.name] : PROBES[p.name];
        if (difference) {
          expect({ parameter: key(route, p.name), kind: difference.kind }).toEqual({
            parameter: key(route, p.name),
            kind: "parameter",
          });
          kept++;
          continue;
        }
        if (!probe) {
          unexplained.push(key(route, p.name));
          continue;
        }
        try {
          await probe(lister);
        } catch (err) {
          throw new Error(`${key(route, p.name)} is not honoured: ${(err as Error).message}`);
        }
      }
    }
    const total = routes.reduce((n, r) => n + queryParams(r).length, 0);
    process.stdout.write(`list parameters: ${total - kept - unexplained.length} honoured, ${kept} kept differences\n`);
    expect(unexplained).toEqual([]);
  }, 120_000);

  /** Every operation the emulator serves that is not a list route, with the query parameters the spec documents for it. */
  function objectOperations(): Array<{ op: Operation; params: string[] }> {
    const spec = genesysSpec();
    const lists = new Set(routes.map((r) => `GET ${r.op.template}`));
    return apiRouteTable().flatMap((r) =>
      r.methods.flatMap((m) => {
        const op = spec.operation(m, `/api/v2/${r.pattern.map((x) => (x.startsWith(":") ? "x-id" : x)).join("/")}`);
        if (!op || lists.has(`${op.method} ${op.template}`)) return [];
        const params = (op.spec.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        return params.length > 0 ? [{ op, params }] : [];
      }),
    );
  }

  it("every query parameter the spec documents for an operation that is not a list is honoured (its behaviour shown) or a kept difference with its reason", async () => {
    const unexplained: string[] = [];
    const operations = objectOperations();
    let kept = 0;
    for (const { op, params } of operations) {
      for (const name of params) {
        const k = `${op.method} ${op.template} ?${name}`;
        const difference = differenceFor(k);
        if (difference) {
          expect({ parameter: k, kind: difference.kind }).toEqual({ parameter: k, kind: "parameter" });
          kept++;
          continue;
        }
        const probe = OBJECT_PROBES[k];
        if (!probe) {
          unexplained.push(k);
          continue;
        }
        const path = objectPaths[op.template] ?? op.template;
        const asker: ObjectAsker = {
          ids: objectIds,
          ask: async (query, body) => {
            const res = await fetch(`${emu.url}${path}${query ? `?${query}` : ""}`, {
              method: op.method,
              headers: {
                authorization: `Bearer ${emu.accessToken}`,
                ...(body !== undefined ? { "content-type": "application/json" } : {}),
              },
              ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            });
            const text = await res.text();
            return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
          },
        };
        try {
          await probe(asker);
        } catch (err) {
          throw new Error(`${k} is not honoured: ${(err as Error).message}`);
        }
      }
    }
    const total = operations.reduce((n, o) => n + o.params.length, 0);
    process.stdout.write(
      `object parameters: ${operations.length} operations, ${total} documented query parameters: ${total - kept - unexplained.length} honoured, ${kept} kept differences\n`,
    );
    expect(unexplained).toEqual([]);
  }, 120_000);

  it("no list applies a filter its operation does not document: such a parameter answers as if absent", async () => {
    const documented = (r: ListRoute) => new Set(queryParams(r).map((p) => p.name));
    const everyName = [...new Set(routes.flatMap((r) => [...documented(r)]))];
    const applied: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const own = documented(route);
      const base = await fetchList(route.path, route.base);
      if (base.entities.length < 2) continue;
      const first = base.entities[0];
      for (const name of everyName.filter((n) => !own.has(n))) {
        const value =
          typeof first[name] === "string" || typeof first[name] === "number"
            ? String(first[name])
            : name.toLowerCase().endsWith("id") || name === "ids"
              ? String(first.id)
              : "x";
        const q = new URLSearchParams(route.base);
        q.set(name, value);
        const answer = await fetchList(route.path, q.toString());
        sent++;
        if (answer.status !== 200 || JSON.stringify(ids(answer.entities)) !== JSON.stringify(ids(base.entities)))
          applied.push(
            `GET ${route.op.template} ?${name}=${value}: ${answer.status}, ${answer.entities.length} of ${base.entities.length}`,
          );
      }
    }
    process.stdout.write(`undocumented filters: ${sent} requests, each answered as without the parameter\n`);
    expect(sent).toBeGreaterThan(200);
    expect(applied).toEqual([]);
  }, 120_000);

  it("keeps no parameter difference that no route documents", () => {
    const documented = [
      ...routes.flatMap((r) => queryParams(r).map((p) => key(r, p.name))),
      ...objectOperations().flatMap((o) => o.params.map((p) => `${o.op.method} ${o.op.template} ?${p}`)),
    ];
    const unused = SPEC_DIFFERENCES.filter(
      (d) => d.kind === "parameter" && !documented.some((k) => d.matches.test(k)),
    ).map((d) => d.matches.source);
    expect(unused).toEqual([]);
  });
});
