// The org's flows as the project reads them, each read a few requests of the one client
// (org/client.ts), parsed into the one OrgFlow type (org/model.ts):
// - verify, impact and the read of people's work: the stack's flows by id, 50 a request (GET
//   /api/v2/flows?id=...), a flow's versions (.../versions) only where they tell something, Architect
//   dependency tracking (GET /api/v2/architect/dependencytracking/build, .../consumingresources,
//   .../consumedresources);
// - the ownership check: the active flows of a name and type (GET /api/v2/flows?name=&type=), or,
//   for many names at once, every active flow of a type (GET /api/v2/flows?type=, every page);
// - import and adopt, the way the official provider makes these calls (terraform-provider-genesyscloud
//   v1.84, genesyscloud/architect_flow): flows by name (GET /api/v2/flows?name=&includeSchemas=true,
//   every page), and one flow's published version through an export job (POST
//   /api/v2/flows/export/jobs, poll GET .../export/jobs/{id}?expand=messages until Success, then GET
//   its downloadUrl without credentials).
import { inBatches, OrgApiError, PAGE_CONCURRENCY, type OrgApi } from "./client";
import type { OrgConsumer, OrgFlow, OrgIdentity, OrgVersion, OrgView, OrgWho, StackDeployment } from "./model";
import { cmp } from "../archy/json";

const DT = "/api/v2/architect/dependencytracking";

interface WhoJson {
  id?: unknown;
  name?: unknown;
}

interface VersionJson {
  id?: unknown;
  type?: unknown;
  dateCreated?: unknown;
  dateSaved?: unknown;
  dateCheckedIn?: unknown;
  createdBy?: WhoJson;
  createdByClient?: WhoJson;
}

interface FlowJson {
  id?: unknown;
  name?: unknown;
  type?: unknown;
  description?: unknown;
  deleted?: unknown;
  publishedVersion?: VersionJson;
  savedVersion?: VersionJson;
  checkedInVersion?: VersionJson;
  lockedUser?: WhoJson;
  lockedClient?: WhoJson;
}

const epochMs = (d: unknown): number => (typeof d === "number" ? d : typeof d === "string" ? Date.parse(d) : NaN);

/**
 * A version as the API describes it; undefined without an id or a date. A draft (SAVE, CHECKIN)
 * may carry only the date it was saved or checked in.
 */
function version(v: VersionJson | undefined): OrgVersion | undefined {
  if (!v || typeof v.id !== "string") return undefined;
  const created = [v.dateCreated, v.dateSaved, v.dateCheckedIn].map(epochMs).find(Number.isFinite);
  if (created === undefined) return undefined;
  return {
    id: v.id,
    dateCreated: created,
    ...(typeof v.createdBy?.name === "string" ? { createdBy: v.createdBy.name } : {}),
    ...(typeof v.createdByClient?.name === "string" ? { createdByClient: v.createdByClient.name } : {}),
    ...(typeof v.createdByClient?.id === "string" ? { createdByClientId: v.createdByClient.id } : {}),
    ...(typeof v.type === "string" ? { type: v.type } : {}),
  };
}

/** A user or client the API names (by name, or by id when it gives no name). */
function who(w: WhoJson | undefined): OrgWho | undefined {
  const id = typeof w?.id === "string" && w.id !== "" ? w.id : undefined;
  const name = typeof w?.name === "string" && w.name !== "" ? w.name : id;
  return name === undefined ? undefined : { name, ...(id ? { id } : {}) };
}

/** What a flow's JSON says of the people working on it: Architect's lock, its draft and checked-in versions. */
function peopleOf(f: FlowJson): Pick<OrgFlow, "lock" | "savedVersion" | "checkedInVersion"> {
  const user = who(f.lockedUser);
  const client = who(f.lockedClient);
  const saved = version(f.savedVersion);
  const checkedIn = version(f.checkedInVersion);
  return {
    ...(user || client ? { lock: { ...(user ? { user } : {}), ...(client ? { client } : {}) } } : {}),
    ...(saved ? { savedVersion: saved } : {}),
    ...(checkedIn ? { checkedInVersion: checkedIn } : {}),
  };
}

/** Dependency tracking's build status. */
export async function readBuildStatus(api: Pick<OrgApi, "get">): Promise<OrgView["dependencyTracking"]> {
  const b = await api.get<{ status?: unknown; dateCompleted?: unknown }>(`${DT}/build`);
  return {
    status: typeof b?.status === "string" ? b.status : "UNKNOWN",
    ...(typeof b?.dateCompleted === "string" ? { dateCompleted: b.dateCompleted } : {}),
  };
}

/** A flow as the API describes it (GET /api/v2/flows/{id}, or an entry of GET /api/v2/flows); undefined for a deleted one. */
function orgFlowOf(f: FlowJson, flowId: string): OrgFlow | undefined {
  if (f.deleted === true) return undefined;
  const published = version(f.publishedVersion);
  return {
    flowId,
    name: String(f.name ?? ""),
    type: String(f.type ?? ""),
    ...described(f),
    ...(published ? { publishedVersion: published } : {}),
    ...peopleOf(f),
  };
}

const described = (f: FlowJson): Pick<OrgFlow, "description"> =>
  typeof f.description === "string" && f.description !== "" ? { description: f.description } : {};

/**
 * Create a flow by name and type, with no configuration (POST /api/v2/flows): the org's atomic claim
 * on a name (ownership/claim.ts). Its id; undefined when the org answers 409: a flow of that name and type exists.
 */
export async function createFlowByName(
  api: OrgApi,
  flow: { name: string; type: string; description: string },
): Promise<string | undefined> {
  try {
    return (await api.post<{ id: string }>("/api/v2/flows", flow)).id;
  } catch (e) {
    if (e instanceof OrgApiError && e.status === 409) return undefined;
    throw e;
  }
}

/** The flow's published version is newer than `deployedAt` (Pulumi's record, clock skew added): published since the stack did. */
export const publishedSince = (flow: OrgFlow, deployedAt: number | undefined): boolean =>
  flow.publishedVersion !== undefined && deployedAt !== undefined && flow.publishedVersion.dateCreated > deployedAt;

/**
 * The flow with every version the org keeps (one paged read) and, when it was published since
 * `deployedAt`, the versions since then.
 */
export async function withVersions(api: OrgApi, flow: OrgFlow, deployedAt?: number): Promise<OrgFlow> {
  const versions = await readVersions(api, flow.flowId);
  if (!publishedSince(flow, deployedAt)) return { ...flow, versions };
  const before = versions.filter((v) => v.dateCreated <= deployedAt!).at(-1);
  return {
    ...flow,
    versions,
    versionsSinceDeploy: [...(before ? [before] : []), ...versions.filter((v) => v.dateCreated > deployedAt!)],
  };
}

/** A flow and, when its published version is newer than `deployedAt`, the versions since then. */
export async function readFlow(api: OrgApi, flowId: string, deployedAt?: number): Promise<OrgFlow | undefined> {
  const f = await api.get<FlowJson>(`/api/v2/flows/${encodeURIComponent(flowId)}`, { deleted: false }, true);
  const flow = f ? orgFlowOf(f, flowId) : undefined;
  return flow && publishedSince(flow, deployedAt) ? withVersions(api, flow, deployedAt) : flow;
}

/** Flow ids one request names: about 2 KB of query (`id=` and 36 characters each), one page. */
export const FLOWS_PER_READ = 50;

/**
 * The flows of `flowIds` as the org has them now, FLOWS_PER_READ a request, a few requests at once
 * (GET /api/v2/flows?id=..&pageSize=50: "If one or more IDs are specified, the search will fetch
 * flows that match the given ID(s) and not use any additional supplied query parameters", the v193
 * spec). A flow the org has no more (not listed, or listed deleted) is not in the map. No versions:
 * the caller reads them for the flows where they tell something (withVersions).
 */
export async function readFlows(api: OrgApi, flowIds: readonly string[]): Promise<Map<string, OrgFlow>> {
  const ids = [...new Set(flowIds)];
  const batches = Array.from({ length: Math.ceil(ids.length / FLOWS_PER_READ) }, (_, i) =>
    ids.slice(i * FLOWS_PER_READ, (i + 1) * FLOWS_PER_READ),
  );
  const pages = await inBatches(batches, PAGE_CONCURRENCY, (batch) =>
    api.get<{ entities?: FlowJson[] }>("/api/v2/flows", { id: batch, pageSize: FLOWS_PER_READ }),
  );
  const wanted = new Set(ids);
  const out = new Map<string, OrgFlow>();
  for (const f of pages.flatMap((p) => p?.entities ?? [])) {
    const flow = typeof f.id === "string" && wanted.has(f.id) ? orgFlowOf(f, f.id) : undefined;
    if (flow) out.set(flow.flowId, flow);
  }
  return out;
}

/**
 * Breaks Architect's lock on a flow (POST /api/v2/flows/actions/unlock, what the provider's
 * force_unlock does): made by the run's guard for a lock it may break (run/ decides: the stack's
 * own, or one the stack file acknowledges, with forceUnlock on), for the claim on a new name before
 * its delete, and by the probe.
 */
export async function unlockFlow(api: OrgApi, flowId: string): Promise<void> {
  await api.request("POST", "/api/v2/flows/actions/unlock", { query: { flow: flowId } });
}

/** Every version of a flow the org keeps, oldest first. */
export async function readVersions(api: OrgApi, flowId: string): Promise<OrgVersion[]> {
  const all = (await api.all<VersionJson>(`/api/v2/flows/${encodeURIComponent(flowId)}/versions`))
    .map(version)
    .filter((v): v is OrgVersion => v !== undefined);
  return all.sort((a, b) => a.dateCreated - b.dateCreated || cmp(a.id, b.id));
}

/**
 * The OAuth client the connection signed in as (GET /api/v2/tokens/me, OAuthClient): its publishes
 * and its locks are the stack's own. Undefined when the org does not say.
 */
export async function readOwnClient(api: OrgApi): Promise<OrgWho | undefined> {
  // TokenInfo names the client "OAuthClient" (Genesys's Platform API spec).
  const me = await api.get<{ OAuthClient?: WhoJson }>("/api/v2/tokens/me", {}, true);
  return who(me?.OAuthClient);
}

interface DependencyJson {
  id?: unknown;
  name?: unknown;
  version?: unknown;
  type?: unknown;
}

/** The flows whose published version names an org object (dependency tracking's consuming resources of it): id and name. */
export async function readFlowsNaming(
  api: Pick<OrgApi, "all">,
  objectId: string,
  objectType: string,
): Promise<Array<{ id: string; name: string }>> {
  const query = { id: objectId, objectType, flowFilter: "published" };
  const consumers = await api.all<DependencyJson>(`${DT}/consumingresources`, query);
  return consumers.flatMap((c) => (typeof c.id === "string" ? [{ id: c.id, name: String(c.name ?? "") }] : []));
}

/**
 * Every flow whose published version calls each module, with the module version it was published
 * against: consuming resources of the module, then, for a module whose published version
 * `publishedVersions` names, the consumers of that version (the same list filtered by `version`,
 * "Object version" in the spec): they run it. Only for any other consumer, consumed resources of its
 * version say which one it runs: a request per consumer that does not run the module's current
 * version, not one per consumer.
 */
export async function readConsumers(
  api: OrgApi,
  moduleFlowIds: readonly string[],
  publishedVersions: Readonly<Record<string, string>> = {},
): Promise<Record<string, OrgConsumer[]>> {
  const out: Record<string, OrgConsumer[]> = {};
  const consumedBy = new Map<string, Map<string, string>>();
  for (const moduleId of [...moduleFlowIds].sort(cmp)) {
    const query = { id: moduleId, objectType: "COMMONMODULEFLOW", flowFilter: "published" };
    const consumers = await api.all<DependencyJson>(`${DT}/consumingresources`, query);
    const current = publishedVersions[moduleId];
    const runCurrent = new Set(
      current === undefined
        ? []
        : (await api.all<DependencyJson>(`${DT}/consumingresources`, { ...query, version: current })).map(
            (c) => `${String(c.id)}\u0000${String(c.version)}`,
          ),
    );
    const list: OrgConsumer[] = [];
    for (const c of consumers) {
      if (typeof c.id !== "string" || typeof c.type !== "string") continue;
      const v = typeof c.version === "string" ? c.version : undefined;
      let modules: Map<string, string> | undefined;
      if (v !== undefined) {
        const key = `${c.id}\u0000${v}`;
        modules = runCurrent.has(key) ? new Map([[moduleId, current!]]) : consumedBy.get(key);
        if (!modules) {
          const consumed = await api.all<DependencyJson>(`${DT}/consumedresources`, {
            id: c.id,
            version: v,
            objectType: c.type,
            resourceType: ["COMMONMODULEFLOW"],
          });
          modules = new Map(
            consumed
              .filter((d) => typeof d.id === "string" && typeof d.version === "string")
              .map((d) => [d.id as string, d.version as string]),
          );
          consumedBy.set(key, modules);
        }
      }
      const moduleVersion = modules?.get(moduleId);
      list.push({
        flowId: c.id,
        name: String(c.name ?? ""),
        type: c.type,
        version: v ?? "",
        ...(moduleVersion !== undefined ? { moduleVersion } : {}),
      });
    }
    out[moduleId] = list.sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.flowId, b.flowId));
  }
  return out;
}

/**
 * Everything verify compares: the build status, every stack flow (50 a request: readFlows; a flow's
 * versions when it was published since the stack's record, drift's evidence), the consumers of every
 * stack module. `read`: the stack's flows as a caller read them already (verify's read of people's
 * work, org/peopleRead.ts), by Genesys flow id.
 */
export async function readOrg(
  api: OrgApi,
  deployment: StackDeployment,
  target: string,
  clockSkewMs: number,
  read?: ReadonlyMap<string, OrgFlow>,
): Promise<OrgView> {
  const dependencyTracking = await readBuildStatus(api);
  const known =
    read ??
    (await readFlows(
      api,
      deployment.flows.map((f) => f.flowId),
    ));
  const flows: OrgView["flows"] = {};
  for (const f of deployment.flows) {
    const o = known.get(f.flowId);
    if (!o) continue;
    const deployedAt = f.modified !== undefined ? Date.parse(f.modified) + clockSkewMs : undefined;
    flows[f.flowId] = read === undefined && publishedSince(o, deployedAt) ? await withVersions(api, o, deployedAt) : o;
  }
  const modules = deployment.flows.filter((f) => f.isModule && flows[f.flowId]).map((f) => f.flowId);
  const consumers = await readConsumers(
    api,
    modules,
    Object.fromEntries(
      modules.flatMap((id) => (flows[id].publishedVersion ? [[id, flows[id].publishedVersion!.id]] : [])),
    ),
  );
  return { target, dependencyTracking, flows, consumers };
}

/**
 * The active flows of a name and API type (e.g. COMMONMODULE), every page: Genesys compares flow
 * names case-insensitively, so `Sales` also finds `sales`. Exact otherwise (the API's `name` filter
 * may match more).
 */
export async function findFlowsByName(api: OrgApi, name: string, apiType: string): Promise<OrgFlow[]> {
  const found = await api.all<FlowJson>("/api/v2/flows", { name, type: apiType.toLowerCase() });
  return flowsOfType(found, apiType).filter((f) => f.name.toLowerCase() === name.toLowerCase());
}

/** Who the org is (GET /api/v2/organizations/me; no permission needed): the org a stack is bound to. */
export async function readOrganization(api: OrgApi): Promise<OrgIdentity> {
  const me = await api.get<{ id?: unknown; name?: unknown }>("/api/v2/organizations/me");
  if (typeof me?.id !== "string" || me.id === "")
    throw new Error("GET /api/v2/organizations/me answered without an org id");
  return { id: me.id, name: typeof me.name === "string" ? me.name : "" };
}

/** The listed flows of an API type (every type without one), as OrgFlows (entries without an id or a name left out). */
function flowsOfType(found: readonly FlowJson[], apiType?: string): OrgFlow[] {
  const out: OrgFlow[] = [];
  for (const f of found) {
    const type = String(f.type).toUpperCase();
    if (typeof f.id !== "string" || typeof f.name !== "string" || (apiType !== undefined && type !== apiType)) continue;
    const publishedVersion = version(f.publishedVersion);
    const checkedInVersion = version(f.checkedInVersion);
    const versions = { ...(publishedVersion && { publishedVersion }), ...(checkedInVersion && { checkedInVersion }) };
    out.push({ flowId: f.id, name: f.name, type, ...described(f), ...versions });
  }
  return out;
}

/**
 * Every active flow of an API type (e.g. INBOUNDCALL), every page of 500: one listing instead of a
 * lookup per name when many names are to be looked up. Refuses (OrgApiError) an org of more pages
 * than the client reads, rather than answering with part of it.
 */
export async function listFlowsOfType(api: OrgApi, apiType: string): Promise<OrgFlow[]> {
  return flowsOfType(
    await api.all<FlowJson>("/api/v2/flows", { type: apiType.toLowerCase() }, { pageSize: 500 }),
    apiType,
  );
}

/** Every active flow of the org, of every type, every page of 500 (refused beyond the pages read). */
export async function listAllFlows(api: OrgApi): Promise<OrgFlow[]> {
  return flowsOfType(await api.all<FlowJson>("/api/v2/flows", {}, { pageSize: 500 }));
}

/**
 * Every flow whose name contains `name` (the API's match; callers narrow it), deleted ones
 * flagged, all pages: the flow data source's listing, which adopt selects from.
 */
export async function listFlowsNamed(api: OrgApi, name: string): Promise<OrgFlow[]> {
  const found = await api.all<FlowJson>("/api/v2/flows", { includeSchemas: true, name }, { pageSize: 500 });
  return found.map((e) => {
    const published = version(e.publishedVersion);
    return {
      flowId: String(e.id),
      name: String(e.name),
      type: String(e.type),
      ...(published ? { publishedVersion: published } : {}),
      deleted: e.deleted === true,
    };
  });
}

export interface ExportOptions {
  /** Between polls of the export job. Default 1 s. */
  pollIntervalMs?: number;
  /** How long the job may take. Default 90 s. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** The Archy YAML of a flow's version (its published one by default), through an export job. */
export async function exportFlow(
  api: OrgApi,
  id: string,
  versionId?: string,
  options: ExportOptions = {},
): Promise<string> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const job = await api.post<{ id: string }>("/api/v2/flows/export/jobs", {
    flows: [{ flow: { id, ...(versionId ? { version: versionId } : {}) } }],
  });
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    const state = await api.get<{ status: string; downloadUrl?: string; messages?: Array<{ text?: string }> }>(
      `/api/v2/flows/export/jobs/${encodeURIComponent(job.id)}`,
      { expand: "messages" },
    );
    if (state?.status === "Failure")
      throw new OrgApiError(`exporting flow ${id} failed: ${(state.messages ?? []).map((m) => m.text).join("; ")}`);
    if (state?.status === "Success") {
      if (!state.downloadUrl)
        throw new OrgApiError(`export job ${job.id} for flow ${id} succeeded without a download URL`);
      return api.download(state.downloadUrl, `the export of flow ${id}`);
    }
    if (Date.now() > deadline)
      throw new OrgApiError(`export job ${job.id} for flow ${id} did not finish in time (status ${state?.status})`);
    await sleep(options.pollIntervalMs ?? 1000);
  }
}

/** The org's IVR configs with the numbers they route (GET /api/v2/architect/ivrs, every page), deleted ones left out. */
export async function readIvrs(
  api: Pick<OrgApi, "all">,
): Promise<Array<{ id: string; name: string; numbers: string[] }>> {
  const found = await api.all<{ id?: unknown; name?: unknown; dnis?: unknown; state?: unknown }>(
    "/api/v2/architect/ivrs",
    {},
  );
  return found
    .filter((i) => typeof i.id === "string" && typeof i.name === "string" && i.state !== "deleted")
    .map((i) => ({
      id: i.id as string,
      name: i.name as string,
      numbers: Array.isArray(i.dnis) ? i.dnis.filter((d): d is string => typeof d === "string") : [],
    }));
}
