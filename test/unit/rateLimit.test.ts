// The emulator's per-client request budget (emulator/rateLimit.ts), with time passed in: tokens
// spent and refilled, the 429's Retry-After and headers, one budget per client.
import { parseFaultConfig } from "../../emulator/faults";
import {
  GENESYS_DEFAULT_REQUESTS_PER_MINUTE,
  rateLimitClient,
  rateLimitMessage,
  RateLimiter,
} from "../../emulator/rateLimit";

describe("RateLimiter", () => {
  it("admits everything and sends no headers without a budget", () => {
    const limiter = new RateLimiter();
    expect(limiter.enabled).toBe(false);
    for (let i = 0; i < 1000; i++) expect(limiter.take("a", 0)).toEqual({ allowed: true, headers: {} });
  });

  it("spends one token per request, then refuses with Retry-After until a token has refilled", () => {
    // 60 a minute = one token a second; a bucket of 3.
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 3 });
    const counts = [0, 0, 0].map(() => limiter.take("a", 1_000).headers["inin-ratelimit-count"]);
    expect(counts).toEqual(["1", "2", "3"]);
    const refused = limiter.take("a", 1_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
    expect(refused.headers).toEqual({
      "inin-ratelimit-allowed": "60",
      "inin-ratelimit-count": "3",
      "inin-ratelimit-reset": "3",
      "retry-after": "1",
    });
    // Half a token later: still refused, and the refusal cost nothing.
    expect(limiter.take("a", 1_500)).toEqual(expect.objectContaining({ allowed: false, retryAfterSeconds: 1 }));
    // A whole token later: admitted, and the bucket is empty again.
    expect(limiter.take("a", 2_000).allowed).toBe(true);
    expect(limiter.take("a", 2_000).allowed).toBe(false);
    // Idle long enough, the bucket is full again, never fuller.
    const later = limiter.take("a", 60_000);
    expect(later.headers).toEqual({
      "inin-ratelimit-allowed": "60",
      "inin-ratelimit-count": "1",
      "inin-ratelimit-reset": "1",
    });
    expect([0, 0].map(() => limiter.take("a", 60_000).allowed)).toEqual([true, true]);
    expect(limiter.take("a", 60_000).allowed).toBe(false);
  });

  it("gives a Retry-After of the whole seconds a token takes at a slow budget", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 6, burst: 1 }); // a token every 10 s
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("a", 0).retryAfterSeconds).toBe(10);
    expect(limiter.take("a", 2_500).retryAfterSeconds).toBe(8);
  });

  it("keeps one budget per client", () => {
    const limiter = new RateLimiter({ requestsPerMinute: 60, burst: 1 });
    expect(limiter.take("a", 0).allowed).toBe(true);
    expect(limiter.take("a", 0).allowed).toBe(false);
    expect(limiter.take("b", 0).allowed).toBe(true);
    expect(limiter.take("b", 0).allowed).toBe(false);
  });

  it("defaults the burst to a minute's budget, and a new config starts every client full", () => {
    const limiter = new RateLimiter({ requestsPerMinute: GENESYS_DEFAULT_REQUESTS_PER_MINUTE });
    const admitted = Array.from({ length: 301 }, () => limiter.take("a", 0).allowed);
    expect(admitted.filter(Boolean)).toHaveLength(300);
    expect(admitted[300]).toBe(false);
    limiter.configure({ requestsPerMinute: 300 });
    expect(limiter.take("a", 0).allowed).toBe(true);
    limiter.configure(undefined);
    expect(limiter.enabled).toBe(false);
  });

  it("names the client by its bearer token, and words the 429 as Genesys does", () => {
    expect(rateLimitClient("Bearer abc")).toBe("token:abc");
    expect(rateLimitClient("bearer  abc ")).toBe("token:abc");
    expect(rateLimitClient(undefined)).toBe("anonymous");
    expect(rateLimitClient("Basic eDp5")).toBe("anonymous");
    expect(rateLimitMessage(42)).toBe("Rate limit exceeded the maximum. Retry the request in [42] seconds");
  });

  it("is part of the fault config, validated", () => {
    expect(parseFaultConfig({ rateLimit: { requestsPerMinute: 300 } }).rateLimit).toEqual({ requestsPerMinute: 300 });
    expect(parseFaultConfig({}).rateLimit).toBeUndefined();
    expect(() => parseFaultConfig({ rateLimit: { requestsPerMinute: 0 } })).toThrow();
    expect(() => parseFaultConfig({ rateLimit: { requestsPerMinute: 10, perUser: true } })).toThrow();
  });
});
