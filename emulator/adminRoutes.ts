// The emulator's admin routes under /__emulator/ (state, request log, faults, strict mode, people,
// simulated traffic, reset): for tests and the benchmark, never part of Genesys's API (a kept difference in
// specDifferences.ts). They need the admin token or an API token: a web page in a browser cannot
// send one, so it cannot reset the org.
import type * as http from "node:http";
import { ZodError } from "zod";
import { safeEqual, type TokenRegistry } from "./auth";
import type { FaultConfig, FaultConfigInput, FaultInjector } from "./faults";
import { ApiError, badRequest, parseJsonBody, readBody, sendJson } from "./http";
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

/** Answer /__emulator/<segments>. */
export async function adminRoute(
  c: AdminControls,
  method: string,
  segments: string[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const name = segments.join("/");
  const allow = (methods: string[]): never => {
    throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: ${methods.join(", ")})`, {
      allow: methods.join(", "),
    });
  };
  switch (name) {
    case "state":
      if (method !== "GET") allow(["GET"]);
      sendJson(res, 200, c.state());
      return;
    case "requests":
      if (method === "GET") sendJson(res, 200, { entries: c.requestLog.list() });
      else if (method === "DELETE") {
        c.requestLog.clear();
        sendJson(res, 200, { cleared: true });
      } else allow(["GET", "DELETE"]);
      return;
    case "faults":
      if (method === "GET") sendJson(res, 200, c.faults.current);
      else if (method === "PUT") {
        sendJson(
          res,
          200,
          await adminBody(req, c.maxBodyBytes, "fault config", (body) => c.setFaults(body as FaultConfigInput)),
        );
      } else allow(["GET", "PUT"]);
      return;
    case "strict":
      if (method !== "PUT") allow(["PUT"]);
      {
        const body = parseJsonBody(await readBody(req, c.maxBodyBytes));
        if (typeof body !== "object" || body === null || typeof (body as { strict?: unknown }).strict !== "boolean") {
          throw badRequest('Body must be {"strict": true|false}');
        }
        const strict = (body as { strict: boolean }).strict;
        c.setStrict(strict);
        sendJson(res, 200, { strict });
      }
      return;
    case "people":
      // The org's other OAuth clients and users (people.ts): the one admin route for acting as people.
      if (method === "GET") sendJson(res, 200, c.people.current);
      else if (method === "PUT") {
        sendJson(
          res,
          200,
          await adminBody(req, c.maxBodyBytes, "people config", (body) => c.people.set(body as PeopleConfigInput)),
        );
      } else allow(["GET", "PUT"]);
      return;
    case "traffic":
      // Simulated interactions through the published versions, recorded as executions (traffic.ts).
      if (method !== "POST") allow(["POST"]);
      sendJson(res, 200, await adminBody(req, c.maxBodyBytes, "traffic", (body) => c.traffic(body)));
      return;
    case "reset":
      if (method !== "POST") allow(["POST"]);
      await readBody(req, c.maxBodyBytes);
      c.reset();
      sendJson(res, 200, { reset: true });
      return;
    default:
      throw new ApiError(404, "not.found", `No admin route /${ADMIN_PREFIX}/${name}`);
  }
}
