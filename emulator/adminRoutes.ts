// The emulator's admin routes under /__emulator/ (state, request log, faults, strict mode, people,
// simulated traffic, reset): for tests and the benchmark, never part of Genesys's API (a kept difference in
// specDifferences.ts). They need the admin token or an API token: a web page in a browser cannot
// send one, so it cannot reset the org.
import type * as http from "node:http";
import { ZodError } from "zod";
import { safeEqual, type TokenRegistry } from "./auth";
import type { FaultConfig, FaultConfigInput, FaultInjector } from "./faults";
import { ApiError, badRequest, notAllowed, notFound, parseJsonBody, readBody, sendJson } from "./http";
import type { People, PeopleConfigInput } from "./people";
import type { RequestLog } from "./requestLog";
import type { StateSummary } from "./stateSummary";
import type { TrafficReport } from "./traffic";

export const ADMIN_PREFIX = "__emulator";

/** What the admin routes read and change. */
export interface AdminControls {
  state(): StateSummary;
  requestLog: RequestLog;
  faults: FaultInjector;
  setFaults(input: FaultConfigInput): FaultConfig;
  setStrict(strict: boolean): void;
  people: People;
  reset(): void;
  maxBodyBytes: number;
  /** Runs simulated interactions through the published flows (traffic.ts). */
  traffic(input: unknown): TrafficReport;
}

/** Refuse a request without the admin token or a valid API token (401, the connection closed). */
export function requireAdminToken(
  req: http.IncomingMessage,
  adminToken: string | undefined,
  tokens: TokenRegistry,
  now: number,
): void {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const token = m?.[1];
  const ok =
    token !== undefined && ((adminToken !== undefined && safeEqual(token, adminToken)) || tokens.isValid(token, now));
  if (!ok) {
    throw new ApiError(
      401,
      "authentication.required",
      "The admin routes need Authorization: Bearer <access token or admin token>",
      { connection: "close" },
    );
  }
}

/** An admin route's JSON body applied by `apply`; a body zod refuses is a 400 naming each issue. */
async function adminBody<T>(
  req: http.IncomingMessage,
  maxBodyBytes: number,
  what: string,
  apply: (body: unknown) => T,
): Promise<T> {
  const body = parseJsonBody(await readBody(req, maxBodyBytes));
  try {
    return apply(body);
  } catch (err) {
    if (err instanceof ZodError) {
      throw badRequest(
        `Invalid ${what}: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}`,
      );
    }
    throw err;
  }
}

/** What an admin route answers to a method: the JSON body of a 200. */
type AdminHandler = (c: AdminControls, req: http.IncomingMessage) => unknown;

/** The admin routes by name, each with its methods (any other method is a 405 naming them). */
const ADMIN_ROUTES: Readonly<Record<string, Readonly<Record<string, AdminHandler>>>> = {
  state: { GET: (c) => c.state() },
  requests: {
    GET: (c) => ({ entries: c.requestLog.list() }),
    DELETE: (c) => {
      c.requestLog.clear();
      return { cleared: true };
    },
  },
  faults: {
    GET: (c) => c.faults.current,
    PUT: (c, req) => adminBody(req, c.maxBodyBytes, "fault config", (body) => c.setFaults(body as FaultConfigInput)),
  },
  strict: {
    PUT: async (c, req) => {
      const body = parseJsonBody(await readBody(req, c.maxBodyBytes));
      if (typeof body !== "object" || body === null || typeof (body as { strict?: unknown }).strict !== "boolean") {
        throw badRequest('Body must be {"strict": true|false}');
      }
      const strict = (body as { strict: boolean }).strict;
      c.setStrict(strict);
      return { strict };
    },
  },
  // The org's other OAuth clients and users (people.ts): the one admin route for acting as people.
  people: {
    GET: (c) => c.people.current,
    PUT: (c, req) => adminBody(req, c.maxBodyBytes, "people config", (body) => c.people.set(body as PeopleConfigInput)),
  },
  // Simulated interactions through the published versions, recorded as executions (traffic.ts).
  traffic: { POST: (c, req) => adminBody(req, c.maxBodyBytes, "traffic", (body) => c.traffic(body)) },
  reset: {
    POST: async (c, req) => {
      await readBody(req, c.maxBodyBytes);
      c.reset();
      return { reset: true };
    },
  },
};

/** Answer /__emulator/<segments>. */
export async function adminRoute(
  c: AdminControls,
  method: string,
  segments: string[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const name = segments.join("/");
  const methods = Object.hasOwn(ADMIN_ROUTES, name) ? ADMIN_ROUTES[name] : undefined;
  if (!methods) throw notFound(`No admin route /${ADMIN_PREFIX}/${name}`);
  const handler = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!handler) throw notAllowed(method, Object.keys(methods));
  sendJson(res, 200, await handler(c, req));
}
