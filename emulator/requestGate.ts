// What every request to the API or sign-in passes before its route: the host check (DNS rebinding),
// then the injected faults in their order: latency, the client's request budget (rateLimit.ts:
// 429 with Retry-After), then a deterministic 429 or 503 draw (faults.ts).
import type * as http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { FaultInjector } from "./faults";
import { ApiError } from "./http";
import { rateLimitClient, rateLimitMessage, type RateLimiter } from "./rateLimit";
import type { OperationKind, RequestLogEntry } from "./requestLog";

/** What the request log records of a request besides its method, path and status. */
export interface RequestContext {
  operation: OperationKind;
  fault?: RequestLogEntry["fault"];
  refused?: RequestLogEntry["refused"];
  admin: boolean;
}

/**
 * The server listens on 127.0.0.1 only; a request naming another host is a browser that was
 * pointed here by DNS rebinding (or a misconfiguration): refused before anything else.
 */
export function requireLoopbackHost(req: http.IncomingMessage, port: number): void {
  const host = (req.headers.host ?? "").toLowerCase();
  const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/.exec(host);
  if (!m || (m[2] !== undefined && Number(m[2]) !== port)) {
    throw new ApiError(
      403,
      "host.not.allowed",
      `Host "${req.headers.host ?? ""}" is not this emulator: it answers only requests addressed to 127.0.0.1:${port} or localhost:${port}`,
      { connection: "close" },
    );
  }
}

export interface Gate {
  faults: FaultInjector;
  limiter: RateLimiter;
  now: () => number;
}

/** Apply the faults to a request (`api`: an /api/v2 request, which alone has a budget); throws the fault's answer. */
export async function passFaults(
  g: Gate,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: RequestContext,
  api: boolean,
): Promise<void> {
  const config = g.faults.current;
  if (config.latencyMs > 0) await sleep(config.latencyMs);
  if (api && g.limiter.enabled) {
    // The client's budget, before the random faults: a refused request is not drawn for.
    const budget = g.limiter.take(rateLimitClient(req.headers.authorization), g.now());
    if (!budget.allowed) {
      ctx.fault = "rate-limit";
      req.resume();
      throw new ApiError(
        429,
        "too.many.requests.retry.after",
        rateLimitMessage(budget.retryAfterSeconds!),
        budget.headers,
      );
    }
    for (const [name, value] of Object.entries(budget.headers)) res.setHeader(name, value);
  }
  const injected = g.faults.draw();
  if (injected?.kind === "rate-limit") {
    ctx.fault = "rate-limit";
    req.resume();
    throw new ApiError(
      429,
      "too.many.requests",
      "Rate limit exceeded the maximum. Retry the request in a few seconds.",
      {
        "retry-after": String(injected.retryAfterSeconds),
      },
    );
  }
  if (injected?.kind === "unavailable") {
    ctx.fault = "unavailable";
    req.resume();
    throw new ApiError(503, "service.unavailable", "The service is temporarily unavailable (injected fault).");
  }
}
