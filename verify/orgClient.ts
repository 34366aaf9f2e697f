// Reads the org over HTTP: flows and their versions (GET /api/v2/flows/{id}, .../versions), and
// Architect dependency tracking (GET /api/v2/architect/dependencytracking/build,
// .../consumingresources, .../consumedresources), paging through every list. The one place verify
// talks to Genesys; `fetch` is injectable. Retries 429 (honouring Retry-After), 502-504 and
// connection errors a few times, like the platform SDKs.
import { cmp, type OrgConsumer, type OrgFlow, type OrgVersion, type OrgView, type StackDeployment } from "./model";

export class OrgApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "OrgApiError";
  }
}

export interface OrgApiOptions {
  fetch?: typeof fetch;
  /** Per request. Default 15 s. */
  timeoutMs?: number;
  /** Attempts per request for retryable answers. Default 4. */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

interface Paged<T> {
  entities?: T[];
  pageCount?: number;
  pageNumber?: number;
}

/** Permission each route needs, for 403 messages (developer.genesys.cloud). */
const PERMISSIONS: ReadonlyArray<[string, string]> = [
  ["/api/v2/architect/dependencytracking", "architect:dependencyTracking:view"],
  ["/api/v2/flows", "architect:flow:view"],
];

export class OrgApi {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly apiBase: string,
    private readonly token: string,
    options: OrgApiOptions = {},
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.attempts = options.attempts ?? 4;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** GET a JSON answer; undefined for 404 when `allow404`. */
  async get<T>(path: string, query: Query = {}, allow404 = false): Promise<T | undefined> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    }
    const url = `${this.apiBase}${path}${params.size > 0 ? `?${params}` : ""}`;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${this.token}`, Accept: "application/json" }, signal: AbortSignal.timeout(this.timeoutMs), redirect: "manual" });
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        const why = err.name === "TimeoutError" ? `no answer within ${this.timeoutMs / 1000}s` : (err.cause?.code ?? err.message);
        if (attempt < this.attempts) {
          await this.sleep(500 * attempt);
          continue;
        }
        throw new OrgApiError(`GET ${path}: ${why}`);
      }
      const text = await res.text();
      if (res.status === 200) {
        try {
          return JSON.parse(text) as T;
        } catch {
          throw new OrgApiError(`GET ${path} answered 200 with something that is not JSON`, 200);
        }
      }
      if (res.status === 404 && allow404) return undefined;
      if ((res.status === 429 || res.status === 502 || res.status === 503 || res.status === 504) && attempt < this.attempts) {
        const retryAfter = Number(res.headers.get("retry-after"));
        await this.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 1000 * attempt);
        continue;
      }
      let detail = "";
      try {
        const body = JSON.parse(text) as { message?: unknown };
        if (typeof body.message === "string") detail = `: ${body.message}`;
      } catch {
        detail = "";
      }
      const permission = PERMISSIONS.find(([prefix]) => path.startsWith(prefix))?.[1];
      const hint = res.status === 401 ? " (the credentials were refused)" : res.status === 403 && permission ? ` (the OAuth client's role needs ${permission})` : "";
      throw new OrgApiError(`GET ${path} answered HTTP ${res.status}${detail}${hint}`, res.status);
    }
  }

  /** Every entity of a paged list (at most `maxPages` pages). */
  async all<T>(path: string, query: Query = {}, maxPages = 100): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const body = await this.get<Paged<T>>(path, { ...query, pageSize: 100, pageNumber: page });
      out.push(...(body?.entities ?? []));
      if (!body || (body.pageCount ?? 1) <= page) return out;
    }
    throw new OrgApiError(`GET ${path}: more than ${maxPages} pages`);
  }
}

const DT = "/api/v2/architect/dependencytracking";

interface VersionJson {
  id?: unknown;
  dateCreated?: unknown;
  createdBy?: { name?: unknown };
  createdByClient?: { name?: unknown };
}

function version(v: VersionJson | undefined): OrgVersion | undefined {
  if (!v || typeof v.id !== "string") return undefined;
  const created = typeof v.dateCreated === "number" ? v.dateCreated : typeof v.dateCreated === "string" ? Date.parse(v.dateCreated) : NaN;
  if (!Number.isFinite(created)) return undefined;
  return {
    id: v.id,
    dateCreated: created,
    ...(typeof v.createdBy?.name === "string" ? { createdBy: v.createdBy.name } : {}),
    ...(typeof v.createdByClient?.name === "string" ? { createdByClient: v.createdByClient.name } : {}),
  };
}

/** Dependency tracking's build status. */
export async function readBuildStatus(api: OrgApi): Promise<OrgView["dependencyTracking"]> {
  const b = await api.get<{ status?: unknown; dateCompleted?: unknown }>(`${DT}/build`);
  return { status: typeof b?.status === "string" ? b.status : "UNKNOWN", ...(typeof b?.dateCompleted === "string" ? { dateCompleted: b.dateCompleted } : {}) };
}

/** A flow and, when its published version is newer than `deployedAt`, the versions since then. */
export async function readFlow(api: OrgApi, flowId: string, deployedAt?: number): Promise<OrgFlow | undefined> {
  const f = await api.get<{ id?: unknown; name?: unknown; type?: unknown; deleted?: unknown; publishedVersion?: VersionJson }>(`/api/v2/flows/${encodeURIComponent(flowId)}`, { deleted: false }, true);
  if (!f || f.deleted === true) return undefined;
  const published = version(f.publishedVersion);
  const flow: OrgFlow = { flowId, name: String(f.name ?? ""), type: String(f.type ?? ""), ...(published ? { publishedVersion: published } : {}) };
  if (published && deployedAt !== undefined && published.dateCreated > deployedAt) {
    const all = (await api.all<VersionJson>(`/api/v2/flows/${encodeURIComponent(flowId)}/versions`)).map(version).filter((v): v is OrgVersion => v !== undefined);
    all.sort((a, b) => a.dateCreated - b.dateCreated || cmp(a.id, b.id));
    const before = all.filter((v) => v.dateCreated <= deployedAt).at(-1);
    flow.versionsSinceDeploy = [...(before ? [before] : []), ...all.filter((v) => v.dateCreated > deployedAt)];
  }
  return flow;
}

interface DependencyJson {
  id?: unknown;
  name?: unknown;
  version?: unknown;
  type?: unknown;
}

/**
 * Every flow whose published version calls each module, with the module version it was published
 * against: consuming resources of the module, then consumed resources of each consumer's version.
 */
export async function readConsumers(api: OrgApi, moduleFlowIds: readonly string[]): Promise<Record<string, OrgConsumer[]>> {
  const out: Record<string, OrgConsumer[]> = {};
  const consumedBy = new Map<string, Map<string, string>>();
  for (const moduleId of [...moduleFlowIds].sort(cmp)) {
    const consumers = await api.all<DependencyJson>(`${DT}/consumingresources`, { id: moduleId, objectType: "COMMONMODULEFLOW", flowFilter: "published" });
    const list: OrgConsumer[] = [];
    for (const c of consumers) {
      if (typeof c.id !== "string" || typeof c.type !== "string") continue;
      const v = typeof c.version === "string" ? c.version : undefined;
      let modules: Map<string, string> | undefined;
      if (v !== undefined) {
        const key = `${c.id}\u0000${v}`;
        modules = consumedBy.get(key);
        if (!modules) {
          const consumed = await api.all<DependencyJson>(`${DT}/consumedresources`, { id: c.id, version: v, objectType: c.type, resourceType: ["COMMONMODULEFLOW"] });
          modules = new Map(consumed.filter((d) => typeof d.id === "string" && typeof d.version === "string").map((d) => [d.id as string, d.version as string]));
          consumedBy.set(key, modules);
        }
      }
      const moduleVersion = modules?.get(moduleId);
      list.push({ flowId: c.id, name: String(c.name ?? ""), type: c.type, version: v ?? "", ...(moduleVersion !== undefined ? { moduleVersion } : {}) });
    }
    out[moduleId] = list.sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.flowId, b.flowId));
  }
  return out;
}

/** Everything verify compares: the build status, every stack flow, the consumers of every stack module. */
export async function readOrg(api: OrgApi, deployment: StackDeployment, target: string, clockSkewMs: number): Promise<OrgView> {
  const dependencyTracking = await readBuildStatus(api);
  const flows: OrgView["flows"] = {};
  for (const f of deployment.flows) {
    const deployedAt = f.modified !== undefined ? Date.parse(f.modified) + clockSkewMs : undefined;
    const o = await readFlow(api, f.flowId, deployedAt);
    if (o) flows[f.flowId] = o;
  }
  const consumers = await readConsumers(api, deployment.flows.filter((f) => f.isModule && flows[f.flowId]).map((f) => f.flowId));
  return { target, dependencyTracking, flows, consumers };
}

/**
 * The active flows of a name and API type (e.g. COMMONMODULE), every page: Genesys compares flow
 * names case-insensitively, so `Sales` also finds `sales`. Exact otherwise (the API's `name` filter
 * may match more).
 */
export async function findFlowsByName(api: OrgApi, name: string, apiType: string): Promise<OrgFlow[]> {
  const found = await api.all<{ id?: unknown; name?: unknown; type?: unknown; publishedVersion?: VersionJson }>("/api/v2/flows", { name, type: apiType.toLowerCase() });
  const out: OrgFlow[] = [];
  for (const f of found) {
    if (typeof f.id !== "string" || typeof f.name !== "string" || f.name.toLowerCase() !== name.toLowerCase() || String(f.type).toUpperCase() !== apiType) continue;
    const published = version(f.publishedVersion);
    out.push({ flowId: f.id, name: f.name, type: apiType, ...(published ? { publishedVersion: published } : {}) });
  }
  return out;
}

/** The active flow of a name (compared case-insensitively, as Genesys does) and API type, if any. */
export async function findFlowByName(api: OrgApi, name: string, apiType: string): Promise<OrgFlow | undefined> {
  return (await findFlowsByName(api, name, apiType))[0];
}

/** The org's IVR configs with the numbers they route (GET /api/v2/architect/ivrs, every page), deleted ones left out. */
export async function readIvrs(api: OrgApi): Promise<Array<{ id: string; name: string; numbers: string[] }>> {
  const found = await api.all<{ id?: unknown; name?: unknown; dnis?: unknown; state?: unknown }>("/api/v2/architect/ivrs", {});
  return found
    .filter((i) => typeof i.id === "string" && typeof i.name === "string" && i.state !== "deleted")
    .map((i) => ({ id: i.id as string, name: i.name as string, numbers: Array.isArray(i.dnis) ? i.dnis.filter((d): d is string => typeof d === "string") : [] }));
}
