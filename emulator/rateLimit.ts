// The emulator's per-client request budget, modelled on Genesys Cloud's documented Platform API
// limits, so a benchmark can show what a deploy tool pays where an org enforces them (issue 28).
// The random 429 fault (faults.ts `rateLimitShare`) tests that clients retry; this models the
// budget itself: a client that sends too much, too fast, waits, and one that sends little never does.
//
// What Genesys documents, and what is modelled:
// - The budget is per client, not per org: `client.credentials.token.rate.per.minute`, 300 requests
//   a minute per client-credentials token by default, raised only through a support case
//   (https://developer.genesys.cloud/organization/organization/limits#platform-api, as quoted in
//   https://community.genesys.com/discussion/api-limits). Modelled: one budget per bearer token
//   (the provider's pooled tokens each have their own), default 300 a minute.
// - Over budget, every Platform API resource answers 429 with a `Retry-After` header (seconds) and a
//   normalised body `{message: "Rate limit exceeded the maximum. Retry the request in [42] seconds",
//   code: "too.many.requests.retry.after", status: 429, contextId, details: [], errors: []}`
//   (https://developer.genesys.cloud/forum/t/normalized-platform-api-429-responses/12028, from
//   November 10, 2021, "Impacted APIs: All"). Modelled exactly.
// - Responses carry `inin-ratelimit-count`, `inin-ratelimit-allowed` and `inin-ratelimit-reset`
//   (a trace log in the SDK's own README shows `count: 1, allowed: 180, reset: 61`,
//   github.com/MyPureCloud/platform-client-sdk-python, "Logging Output"). Modelled on every
//   /api/v2 answer while a budget is set: allowed = the budget a minute, count = what the client has
//   used of it, reset = seconds until it is whole again.
// Not documented, so a choice: the budget refills continuously (a token bucket of `burst` tokens,
// default one minute's worth, refilled at requestsPerMinute / 60 a second) rather than in fixed
// minute windows, and a refused request costs nothing (a client that waits Retry-After gets in).
// The presigned upload (`/uploads/*`, S3 on the real service) and `/oauth/token` (its own limits)
// are outside the budget, as are the admin routes.
import { z } from "zod";

export const RateLimitConfigSchema = z
  .object({
    /** Requests a minute per client (Genesys's default for a client-credentials token: 300). */
    requestsPerMinute: z.number().int().min(1).max(1_000_000),
    /** Requests a client may send at once after being idle (the bucket's size); default: requestsPerMinute. */
    burst: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export type RateLimitConfig = z.infer<typeof RateLimitConfigSchema>;

/** Genesys's default budget of a client-credentials token, a minute. */
export const GENESYS_DEFAULT_REQUESTS_PER_MINUTE = 300;

export interface RateDecision {
  allowed: boolean;
  /** `inin-ratelimit-*` headers, plus `retry-after` when refused. */
  headers: Record<string, string>;
  /** Whole seconds to wait before the next request can be admitted (refused requests only). */
  retryAfterSeconds?: number;
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** One token bucket per client. Pure apart from its own state: time is passed in. */
export class RateLimiter {
  private config: RateLimitConfig | undefined;
  private buckets = new Map<string, Bucket>();

  constructor(config?: RateLimitConfig) {
    this.configure(config);
  }

  /** Sets (or with undefined removes) the budget; every client starts with a full bucket. */
  configure(config: RateLimitConfig | undefined): void {
    this.config = config ? RateLimitConfigSchema.parse(config) : undefined;
    this.buckets.clear();
  }

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** Admits or refuses one request of `client` at `nowMs`; an admitted request spends one token. */
  take(client: string, nowMs: number): RateDecision {
    const config = this.config;
    if (!config) return { allowed: true, headers: {} };
    const capacity = config.burst ?? config.requestsPerMinute;
    const perMs = config.requestsPerMinute / 60_000;
    const previous = this.buckets.get(client);
    const tokens = previous
      ? Math.min(capacity, previous.tokens + Math.max(0, nowMs - previous.atMs) * perMs)
      : capacity;
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    this.buckets.set(client, { tokens: left, atMs: nowMs });
    const headers: Record<string, string> = {
      "inin-ratelimit-allowed": String(config.requestsPerMinute),
      "inin-ratelimit-count": String(Math.min(capacity, Math.ceil(capacity - left))),
      "inin-ratelimit-reset": String(Math.ceil((capacity - left) / perMs / 1000)),
    };
    if (allowed) return { allowed, headers };
    // At least 1 s: Retry-After is whole seconds, and 0 would invite a client to spin.
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - left) / perMs / 1000));
    return { allowed, retryAfterSeconds, headers: { ...headers, "retry-after": String(retryAfterSeconds) } };
  }
}

/** The normalised 429 message Genesys sends (the body's `code` is `too.many.requests.retry.after`). */
export function rateLimitMessage(retryAfterSeconds: number): string {
  return `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`;
}

/** Which budget a request spends: its bearer token (one per client-credentials grant), else anonymous. */
export function rateLimitClient(authorization: string | undefined): string {
  const m = typeof authorization === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return m ? `token:${m[1]}` : "anonymous";
}
