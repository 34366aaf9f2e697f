// The one Genesys Cloud API client: every request the project makes to an org (import and adopt,
// verify and impact, the ownership check) goes through it, with one policy: a per-request
// timeout; requests paced within each token's budget as the org announces it (org/requestBudget.ts), over
// the tokens its sign-in holds (org/tokenPool.ts);
// 429 retried after its Retry-After, 500 and 502-504 and connection errors retried with
// a growing back-off, a few times, like the platform SDKs; errors that name the request (never
// the token) and, on 403, the permission the OAuth client's role lacks. Lists are read every page,
// a few pages at a time. The transport is injectable (org/http.ts).
import { httpOver, type Http, type HttpResponse } from "./http";
import { permissionFor } from "./permissions";
import type { RequestBudget } from "./requestBudget";
import { TokenPool } from "./tokenPool";

export class OrgApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** No answer at all (connection refused, timed out), after every attempt. */
    readonly unreachable = false,
    /** The error's code in the answer (e.g. architect.flow.already.exists). */
    readonly code?: string,
  ) {
    super(message);
    this.name = "OrgApiError";
  }
}

export interface OrgApiOptions {
  /** The transport (default: Node's fetch). */
  http?: Http;
  /** A fetch to build the transport over, when no `http` is given. */
  fetch?: typeof fetch;
  /** Per request. Default ORG_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Attempts per request for retryable answers. Default ORG_ATTEMPTS. */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Pages of a list read at once. Default PAGE_CONCURRENCY. */
  pageConcurrency?: number;
  /** The token's request budget (default: the one this process keeps for the token, org/requestBudget.ts). */
  budget?: RequestBudget;
  /** Grants another token of the same OAuth client (org/tokenPool.ts); absent: every request goes with `token`. */
  grant?: () => Promise<string>;
  /** The most tokens the client holds with `grant` (default 1). */
  maxTokens?: number;
}

/** Each request waits at most this long for an answer. */
export const ORG_TIMEOUT_MS = 15_000;
/** Attempts per request when the answer is a rate limit, an outage or no answer. */
export const ORG_ATTEMPTS = 4;
/** Pages of one list in flight at once (after the first, which tells how many there are). */
export const PAGE_CONCURRENCY = 4;
/**
 * The Genesys provider's default `token_pool_size`: its exporter (`genesyscloud_tf_export`) reads an
 * org with that many tokens, that many requests at once. An adoption's reads (`import --from-org`)
 * hold as many tokens of the OAuth client (org/tokenPool.ts grants each once the held ones' budgets
 * are spent) unless the stack sets `provider.tokenPoolSize`.
 */
export const PROVIDER_TOKEN_POOL = 10;
/** Reads of one flow each (its versions, the holder of its name, its export) in flight at once: as many as the provider's pool. */
export const READS_IN_FLIGHT = PROVIDER_TOKEN_POOL;
/**
 * Waits a rate limit may ask for (a 429 with Retry-After) per request, besides the attempts: the
 * server says when to come back, so it is no outage. Under a burst of 429s (the per-client budget
 * of a large deploy, then its verify), giving up after ORG_ATTEMPTS would fail a good deploy.
 */
export const RATE_LIMIT_WAITS = 20;
/** The longest Retry-After honoured, in seconds. */
const MAX_RETRY_AFTER_S = 60;

/** Statuses worth another attempt: rate limited, or the service briefly failing. */
const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** The wait before attempt `attempt + 1` when the answer says nothing: 1 s, 2 s, 4 s, then 8 s. */
export function backoffMs(attempt: number): number {
  return Math.min(8000, 1000 * 2 ** (attempt - 1));
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

interface Paged<T> {
  entities?: T[];
  pageCount?: number;
}

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  return params.size > 0 ? `?${params}` : "";
}

function retryAfterMs(res: HttpResponse): number | undefined {
  const seconds = Number(res.headers?.["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_RETRY_AFTER_S) * 1000 : undefined;
}

function failure(method: "GET" | "POST" | "DELETE", path: string, res: HttpResponse): OrgApiError {
  let detail = "";
  let code: string | undefined;
  try {
    const body = JSON.parse(res.body) as { message?: unknown; code?: unknown };
    if (typeof body.message === "string") detail = `: ${body.message}`;
    if (typeof body.code === "string") code = body.code;
  } catch {
    detail = "";
  }
  const permission = permissionFor(path, method);
  const hint =
    res.status === 401
      ? " (the credentials were refused)"
      : res.status === 403 && permission
        ? ` (the OAuth client's role needs ${permission})`
        : "";
  return new OrgApiError(`${method} ${path} answered HTTP ${res.status}${detail}${hint}`, res.status, false, code);
}

export class OrgApi {
  private readonly http: Http;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly pageConcurrency: number;
  private readonly tokens: TokenPool;

  constructor(
    /** `https://api.mypurecloud.com`, or the gateway (`http://127.0.0.1:8787`). */
    readonly apiBase: string,
    token: string,
    options: OrgApiOptions = {},
  ) {
    this.http = options.http ?? httpOver(options.fetch);
    this.timeoutMs = options.timeoutMs ?? ORG_TIMEOUT_MS;
    this.attempts = options.attempts ?? ORG_ATTEMPTS;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.pageConcurrency = Math.max(1, options.pageConcurrency ?? PAGE_CONCURRENCY);
    this.tokens = new TokenPool(apiBase, token, {
      ...(options.budget ? { budget: options.budget } : {}),
      ...(options.grant ? { grant: options.grant } : {}),
      max: options.maxTokens ?? 1,
    });
  }

  /** The tokens the client holds now (more than one only when its sign-in may grant more: org/tokenPool.ts). */
  get tokensHeld(): number {
    return this.tokens.size;
  }

  /** One request, retried as the policy says; the JSON answer, or undefined for a 404 or 410 when `allow404`. */
  async request<T>(
    method: "GET" | "POST" | "DELETE",
    path: string,
    options: { query?: Query; body?: unknown; allow404?: boolean } = {},
  ): Promise<T | undefined> {
    const url = `${this.apiBase}${path}${queryString(options.query ?? {})}`;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    const body = options.body !== undefined ? JSON.stringify(options.body) : undefined;
    let rateLimitWaits = 0;
    for (let attempt = 1; ; attempt++) {
      let res: HttpResponse;
      // Within a token's budget, as the org announces it: a paced request is never refused for it.
      const { token, budget } = await this.tokens.acquire();
      try {
        res = await this.http({
          method,
          url,
          headers: { ...headers, Authorization: `Bearer ${token}` },
          ...(body !== undefined ? { body } : {}),
          timeoutMs: this.timeoutMs,
        });
      } catch (e) {
        budget.abandon();
        if (attempt < this.attempts) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        throw new OrgApiError(`${method} ${path}: ${(e as Error).message}`, undefined, true);
      }
      budget.observe(res.headers);
      if (res.status >= 200 && res.status < 300) {
        if (method === "DELETE" && res.body === "") return true as T; // 204: nothing to answer
        try {
          return JSON.parse(res.body) as T;
        } catch {
          throw new OrgApiError(`${method} ${path} answered ${res.status} with something that is not JSON`, res.status);
        }
      }
      // 410: a deleted flow (GET /api/v2/flows/{flowId} declares it beside 404): gone alike.
      if ((res.status === 404 || res.status === 410) && options.allow404) return undefined;
      const asked = res.status === 429 ? retryAfterMs(res) : undefined;
      if (asked !== undefined && rateLimitWaits < RATE_LIMIT_WAITS) {
        rateLimitWaits++;
        attempt--; // the rate limit's own budget, not an attempt
        await this.sleep(asked);
        continue;
      }
      if (RETRYABLE.has(res.status) && attempt < this.attempts) {
        await this.sleep(retryAfterMs(res) ?? backoffMs(attempt));
        continue;
      }
      throw failure(method, path, res);
    }
  }

  /** GET a JSON answer; undefined for 404 or 410 (gone) when `allow404`. */
  get<T>(path: string, query: Query = {}, allow404 = false): Promise<T | undefined> {
    return this.request<T>("GET", path, { query, allow404 });
  }

  /** POST a JSON body; the JSON answer. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>("POST", path, { body })) as T;
  }

  /** DELETE; false when the object was gone already (404 or 410). */
  async delete(path: string): Promise<boolean> {
    return (await this.request("DELETE", path, { allow404: true })) !== undefined;
  }

  /**
   * Every entity of a paged list (at most `maxPages` pages of `pageSize`): the first page, then
   * the others a few at a time, in page order.
   */
  async all<T>(path: string, query: Query = {}, options: { maxPages?: number; pageSize?: number } = {}): Promise<T[]> {
    const maxPages = options.maxPages ?? 100;
    const pageSize = options.pageSize ?? 100;
    const page = (n: number) => this.get<Paged<T>>(path, { ...query, pageSize, pageNumber: n });
    const first = await page(1);
    if (!first) return [];
    const pageCount = first.pageCount ?? 1;
    if (pageCount > maxPages) throw new OrgApiError(`GET ${path}: more than ${maxPages} pages`);
    const rest = await inBatches(
      Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2),
      this.pageConcurrency,
      page,
    );
    return [first, ...rest].flatMap((p) => p?.entities ?? []);
  }

  /** A file at a URL the API handed out (an export's download): no credentials, redirects followed. */
  async download(url: string, what: string): Promise<string> {
    let res: HttpResponse;
    try {
      res = await this.http({ method: "GET", url, headers: {}, timeoutMs: this.timeoutMs, followRedirects: true });
    } catch (e) {
      throw new OrgApiError(`downloading ${what}: ${(e as Error).message}`, undefined, true);
    }
    if (res.status !== 200) throw new OrgApiError(`downloading ${what} answered HTTP ${res.status}`, res.status);
    return res.body;
  }

  /** A file PUT to a URL the API handed out (a publish job's upload): its headers only, no credentials; only 200 counts. */
  async upload(url: string, headers: Readonly<Record<string, string>>, text: string, what: string): Promise<void> {
    let res: HttpResponse;
    try {
      res = await this.http({ method: "PUT", url, headers: { ...headers }, body: text, timeoutMs: this.timeoutMs });
    } catch (e) {
      throw new OrgApiError(`uploading ${what}: ${(e as Error).message}`, undefined, true);
    }
    if (res.status !== 200) throw new OrgApiError(`uploading ${what} answered HTTP ${res.status}`, res.status);
  }
}

/**
 * `run` over every item, at most `limit` at once, the results in the items' order. The first
 * failure rejects, and no new item starts after it.
 */
export async function inBatches<I, O>(items: readonly I[], limit: number, run: (item: I) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await run(items[i]);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
