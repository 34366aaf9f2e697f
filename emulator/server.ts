import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { ZodError } from "zod";
import { resolveApiRoute } from "./apiRoutes";
import type { RequestBody } from "./apiTypes";
import { ORG } from "./flowJson";
import { parseBasicAuth, requireBearer, safeEqual, TokenRegistry, TOKEN_LIFETIME_SECONDS } from "./auth";
import { FaultConfig, FaultConfigInput, FaultInjector, parseFaultConfig } from "./faults";
import { rateLimitClient, rateLimitMessage, RateLimiter } from "./rateLimit";
import { DependencyBuild } from "./dependencyTracking";
import { ApiError, errorBody, parseJsonBody, readBody, sendError, sendJson, splitTarget } from "./http";
import { ExportJobs } from "./exportJobs";
import { JOB_DEFAULTS, JobRunner } from "./jobs";
import { emptyOrgFile, loadOrgFile, OrgFileSchema, type OrgFileInput } from "./orgFile";
import { OrgObjects } from "./orgObjects";
import { loadState, removeStaleTempFiles, saveState } from "./persistence";
import { OperationKind, RequestLog, RequestLogEntry } from "./requestLog";
import { emptyState, OrgStore, STORE_DEFAULTS } from "./store";
import { People, type PeopleConfigInput } from "./people";

export const DEFAULTS = {
  port: 0,
  accessToken: "local-emulator-token",
  clientId: "local-emulator-client",
  clientSecret: "local-emulator-secret",
  strict: false,
  /** 5 MiB: request bodies (uploads included) above this get 413. */
  maxBodyBytes: 5 * 1024 * 1024,
} as const;

export interface EmulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks an ephemeral port. */
  port?: number;
  /** JSON file holding the org; written atomically after each change. In memory only when absent. */
  dataFile?: string;
  /** Fixed bearer token always accepted on /api/v2 (default "local-emulator-token"). */
  accessToken?: string;
  /** Client-credentials OAuth client id (default "local-emulator-client"). */
  clientId?: string;
  /** Client-credentials OAuth client secret (default "local-emulator-secret"). */
  clientSecret?: string;
  /** Unmodelled references (queues, data actions, schedules, ...) fail publishes instead of warning. */
  strict?: boolean;
  /** Initial fault injection settings (see faults.ts). */
  faults?: FaultConfigInput;
  /** Request body limit in bytes (default 5 MiB). */
  maxBodyBytes?: number;
  /** YAML file of the org's objects (queues, data actions, schedules, prompts, ...); see orgFile.ts. */
  orgFile?: string;
  /** The org's objects given directly (tests); ignored when `orgFile` is set. */
  org?: OrgFileInput;
  /**
   * Token accepted on the admin routes (/__emulator/*) besides the API tokens. The admin routes
   * always need one of them: a web page in a browser cannot send it, so it cannot reset the org.
   */
  adminToken?: string;
  /** Jobs kept in memory (default 1000). */
  maxJobs?: number;
  /** Request log entries kept, the oldest dropped first (default 10 000; the benchmark counts every request of a step at N = 1,000). */
  requestLogLimit?: number;
  /** How long a finished job is kept, in ms (default 1 hour). */
  jobRetentionMs?: number;
  /** Versions kept per flow (default 50). */
  maxVersionsPerFlow?: number;
  /** Flows kept in the org, deleted ones included (default 10 000). */
  maxFlows?: number;
  /**
   * Who the org is (GET /api/v2/organizations/me): another id and name than the fixed local org's,
   * so that two emulators stand for two orgs (tests of a stack pointed at the wrong org).
   */
  organization?: { id: string; name: string };
  /** Other OAuth clients and users who act in the org (people.ts); settable later at /__emulator/people. */
  people?: PeopleConfigInput;
  /**
   * Called with every JSON body a write route of the API reads, before it is checked (tests compare
   * what clients send, the official provider included, with Genesys's spec). Never logged.
   */
  onRequestBody?: (entry: RequestBody) => void;
}

export interface StateSummary {
  flows: Array<{
    id: string;
    name: string;
    type: string;
    deleted: boolean;
    publishedVersion: string;
    versionCount: number;
    lockedBy?: string;
    /** The client holding the lock (set whenever the flow is locked). */
    lockedClient?: string;
    /** Who saved the draft the lock holder has not checked in. */
    draftBy?: string;
    dependsOn: string[];
  }>;
  jobs: number;
  strict: boolean;
  dataFile?: string;
  orgFile?: string;
  /** Objects per collection of the org file (e.g. "routing/queues": 3). */
  orgObjects: Record<string, number>;
  /** Routing objects stored per kind (schedule, scheduleGroup, ivr, emergencyGroup). */
  routing: Record<string, number>;
  faults: FaultConfig;
}

export interface RunningEmulator {
  /** e.g. "http://127.0.0.1:43127" (no trailing slash). */
  url: string;
  port: number;
  accessToken: string;
  clientId: string;
  clientSecret: string;
  store: OrgStore;
  jobs: JobRunner;
  requestLog: RequestLog;
  /** The org file's objects (empty collections without one). */
  org: OrgObjects;
  /** Temporary files of killed writes removed at start (next to the data file). */
  removedTempFiles: string[];
  /** Replace the org's objects (an object created or deleted in the org, in tests). */
  setOrg(org: OrgFileInput): void;
  /** Replace the fault config (validated; also applies its locks to the org). */
  setFaults(faults: FaultConfigInput): FaultConfig;
  faults(): FaultConfig;
  state(): StateSummary;
  /** Clear flows, jobs, the request log and faults. */
  reset(): void;
  stop(): Promise<void>;
}

const ADMIN_PREFIX = "__emulator";

interface RequestContext {
  operation: OperationKind;
  fault?: RequestLogEntry["fault"];
  admin: boolean;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const accessToken = options.accessToken ?? DEFAULTS.accessToken;
  const clientId = options.clientId ?? DEFAULTS.clientId;
  const clientSecret = options.clientSecret ?? DEFAULTS.clientSecret;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  let strict = options.strict ?? DEFAULTS.strict;
  const now = (): number => Date.now();
  const dataFile = options.dataFile;

  const removedTempFiles = dataFile ? removeStaleTempFiles(dataFile) : [];
  const initial = dataFile ? loadState(dataFile) : emptyState();
  const store = new OrgStore(
    () => {
      if (dataFile) saveState(dataFile, store.snapshot());
    },
    initial,
    { maxVersionsPerFlow: options.maxVersionsPerFlow ?? STORE_DEFAULTS.maxVersionsPerFlow, maxFlows: options.maxFlows ?? STORE_DEFAULTS.maxFlows },
  );
  let org = new OrgObjects(options.orgFile ? loadOrgFile(options.orgFile) : options.org ? OrgFileSchema.parse(options.org) : emptyOrgFile());
  let orgDescribed = options.orgFile !== undefined || options.org !== undefined;
  store.divisions.setFileDivisions(org.divisionNames());
  const adminToken = options.adminToken;
  const faults = new FaultInjector(options.faults);
  const applyLocks = (config: FaultConfig): void => {
    for (const lock of config.locks) {
      store.lockByName({ flowName: lock.flowName, flowType: lock.flowType, user: { id: lock.userId, name: lock.userName } });
    }
  };
  applyLocks(faults.current);
  // The per-client request budget (rateLimit.ts), set with the faults (`rateLimit`).
  const limiter = new RateLimiter(faults.current.rateLimit);
  const dependencyBuild = new DependencyBuild(now(), () => faults.current.dependencyTrackingStatus);
  const people = new People({ id: clientId, secret: clientSecret }, options.people);
  const tokens = new TokenRegistry(accessToken, people.stackActor());
  const requestLog = new RequestLog(options.requestLogLimit);
  let baseUrl = "";
  let port = 0;
  const jobs = new JobRunner({
    store,
    faults,
    strict: () => strict,
    now,
    org: () => (orgDescribed ? org.catalog : undefined),
    maxJobs: options.maxJobs ?? JOB_DEFAULTS.maxJobs,
    jobRetentionMs: options.jobRetentionMs ?? JOB_DEFAULTS.jobRetentionMs,
  });

  const exportJobs = new ExportJobs(store, now, options.maxJobs ?? JOB_DEFAULTS.maxJobs);

  const setFaults = (input: FaultConfigInput): FaultConfig => {
    const config = parseFaultConfig(input);
    faults.set(config);
    limiter.configure(config.rateLimit);
    applyLocks(config);
    return config;
  };

  const state = (): StateSummary => ({
    flows: store.listFlows({ includeDeleted: true }).map((f) => {
      const published = store.publishedVersion(f);
      const summary: StateSummary["flows"][number] = {
        id: f.id,
        name: f.name,
        type: f.type,
        deleted: f.deleted,
        publishedVersion: published.id,
        versionCount: f.versions.length,
        dependsOn: published.dependencies.map((d) => d.name),
      };
      const holder = store.lockHolder(f);
      if (holder?.user) summary.lockedBy = holder.user.name;
      if (holder) summary.lockedClient = holder.client.name;
      if (f.draft) summary.draftBy = (f.draft.createdBy ?? f.draft.createdByClient).name;
      return summary;
    }),
    jobs: jobs.count(),
    strict,
    ...(dataFile ? { dataFile } : {}),
    ...(options.orgFile ? { orgFile: options.orgFile } : {}),
    orgObjects: org.counts(),
    routing: store.routing.count(),
    faults: faults.current,
  });

  const reset = (): void => {
    jobs.clear();
    exportJobs.clear();
    store.replace(emptyState());
    requestLog.clear();
    faults.set(parseFaultConfig({}));
    limiter.configure(undefined);
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse, ctx: RequestContext): Promise<void> {
    const method = req.method ?? "GET";
    const target = splitTarget(req.url ?? "/");
    const [first, ...rest] = target.segments;
    // The server listens on 127.0.0.1 only; a request naming another host is a browser that was
    // pointed here by DNS rebinding (or a misconfiguration): refuse it before anything else.
    requireLoopbackHost(req);

    if (first === ADMIN_PREFIX) {
      ctx.admin = true;
      requireAdminToken(req);
      await adminRoute(method, rest, req, res);
      return;
    }
    if (first === "downloads" && rest.length === 1) {
      // An export job's signed download URL: no Authorization header, its own token.
      ctx.operation = "export.download";
      if (method !== "GET") throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: GET)`, { allow: "GET" });
      const got = exportJobs.download(rest[0], target.query.get("downloadToken"));
      if (got.kind === "unknown") throw new ApiError(404, "not.found", `Download ${rest[0]} not found`);
      if (got.kind === "forbidden") throw new ApiError(403, "forbidden", `The download URL of export job ${rest[0]} is not valid (missing or wrong downloadToken)`);
      res.writeHead(200, { "content-type": "application/x-yaml; charset=utf-8", "content-length": String(Buffer.byteLength(got.text)) });
      res.end(got.text);
      return;
    }
    if (first === "uploads" && rest.length === 1) {
      ctx.operation = "job.upload";
      if (method !== "PUT") throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: PUT)`, { allow: "PUT", connection: "close" });
      // Look the job up and check the upload token before reading a byte of the body: an unknown
      // job or a forged URL must not make the server buffer megabytes.
      const check = jobs.checkUpload(rest[0], target.query.get("uploadToken"));
      if (check === "unknown") throw new ApiError(404, "not.found", `Upload target ${rest[0]} not found`, { connection: "close" });
      if (check === "forbidden") throw new ApiError(403, "forbidden", `The upload URL of job ${rest[0]} is not valid (missing or wrong uploadToken)`, { connection: "close" });
      if (check === "already-uploaded") throw new ApiError(409, "conflict", `Job ${rest[0]} already received its upload`, { connection: "close" });
      const body = await readBody(req, maxBodyBytes);
      const outcome = jobs.upload(rest[0], body.toString("utf8"));
      if (outcome === "unknown") throw new ApiError(404, "not.found", `Upload target ${rest[0]} not found`);
      if (outcome === "already-uploaded") throw new ApiError(409, "conflict", `Job ${rest[0]} already received its upload`);
      sendJson(res, 200, { id: rest[0], status: "uploaded" });
      return;
    }

    const isOauth = first === "oauth" && rest.length === 1 && rest[0] === "token";
    const isApi = first === "api" && rest[0] === "v2";
    if (!isOauth && !isApi) throw new ApiError(404, "not.found", `No route for ${target.path}`);

    // Faults: latency first, then a deterministic 429/503 draw.
    const config = faults.current;
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    if (isOauth) ctx.operation = "oauth.token";
    else ctx.operation = resolveApiRoute(method, rest.slice(1))?.operation ?? "unknown";
    if (isApi && limiter.enabled) {
      // The client's budget, before the random faults: a refused request is not drawn for.
      const budget = limiter.take(rateLimitClient(req.headers.authorization), now());
      if (!budget.allowed) {
        ctx.fault = "rate-limit";
        req.resume();
        throw new ApiError(429, "too.many.requests.retry.after", rateLimitMessage(budget.retryAfterSeconds!), budget.headers);
      }
      for (const [name, value] of Object.entries(budget.headers)) res.setHeader(name, value);
    }
    const injected = faults.draw();
    if (injected?.kind === "rate-limit") {
      ctx.fault = "rate-limit";
      req.resume();
      throw new ApiError(429, "too.many.requests", "Rate limit exceeded the maximum. Retry the request in a few seconds.", {
        "retry-after": String(injected.retryAfterSeconds),
      });
    }
    if (injected?.kind === "unavailable") {
      ctx.fault = "unavailable";
      req.resume();
      throw new ApiError(503, "service.unavailable", "The service is temporarily unavailable (injected fault).");
    }

    if (isOauth) {
      if (method !== "POST") throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: POST)`, { allow: "POST" });
      await oauthToken(req, res);
      return;
    }

    const actor = requireBearer(req, tokens, now());
    const found = resolveApiRoute(method, rest.slice(1));
    if (!found) throw new ApiError(404, "not.found", `No route for ${target.path}`);
    if (!found.handler) {
      throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: ${found.allowed.join(", ")})`, {
        allow: found.allowed.join(", "),
      });
    }
    const answer = await found.handler(
      { store, jobs, exports: exportJobs, org, now, baseUrl: () => baseUrl, maxBodyBytes, dependencyBuild, organization: { ...ORG, ...options.organization }, actor, divisions: store.divisions, bodyTap: options.onRequestBody },
      { req, segments: rest.slice(1), query: target.query, params: found.params },
    );
    if (answer.status === 204 || (answer.status === 202 && answer.body === undefined)) {
      res.writeHead(answer.status);
      res.end();
    } else {
      sendJson(res, answer.status, answer.body);
    }
  }

  function requireLoopbackHost(req: http.IncomingMessage): void {
    const host = (req.headers.host ?? "").toLowerCase();
    const m = /^(127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?$/.exec(host);
    if (!m || (m[2] !== undefined && Number(m[2]) !== port)) {
      throw new ApiError(403, "host.not.allowed", `Host "${req.headers.host ?? ""}" is not this emulator: it answers only requests addressed to 127.0.0.1:${port} or localhost:${port}`, { connection: "close" });
    }
  }

  function requireAdminToken(req: http.IncomingMessage): void {
    const header = req.headers.authorization;
    const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const token = m?.[1];
    const ok = token !== undefined && ((adminToken !== undefined && safeEqual(token, adminToken)) || tokens.isValid(token, now()));
    if (!ok) {
      throw new ApiError(401, "authentication.required", "The admin routes need Authorization: Bearer <access token or admin token>", { connection: "close" });
    }
  }

  async function oauthToken(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = (await readBody(req, maxBodyBytes)).toString("utf8");
    const form = new URLSearchParams(body);
    const credentials = parseBasicAuth(req) ?? {
      id: form.get("client_id") ?? "",
      secret: form.get("client_secret") ?? "",
    };
    const client = credentials.id ? people.client(credentials.id, credentials.secret) : undefined;
    if (!client) {
      sendJson(res, 401, {
        ...errorBody(401, "invalid_client", "Invalid client credentials"),
        error: "invalid_client",
        error_description: "client not found or secret does not match",
      });
      return;
    }
    const grant = form.get("grant_type");
    if (grant === "password") {
      // A person signing in through a client (Genesys's resource owner password grant).
      const user = people.user(form.get("username") ?? "", form.get("password") ?? "");
      if (!user) {
        sendJson(res, 400, { ...errorBody(400, "invalid_grant", "Invalid username or password"), error: "invalid_grant", error_description: "the username or password is not correct" });
        return;
      }
      sendJson(res, 200, { access_token: tokens.issue(now(), { client, user }), token_type: "bearer", expires_in: TOKEN_LIFETIME_SECONDS });
      return;
    }
    if (grant !== "client_credentials") {
      sendJson(res, 400, {
        ...errorBody(400, "unsupported_grant_type", "Only grant_type=client_credentials and grant_type=password are supported"),
        error: "unsupported_grant_type",
      });
      return;
    }
    sendJson(res, 200, { access_token: tokens.issue(now(), { client }), token_type: "bearer", expires_in: TOKEN_LIFETIME_SECONDS });
  }

  /** An admin route's JSON body applied by `apply`; a body zod refuses is a 400 naming each issue. */
  async function adminBody<T>(req: http.IncomingMessage, what: string, apply: (body: unknown) => T): Promise<T> {
    const body = parseJsonBody(await readBody(req, maxBodyBytes));
    try {
      return apply(body);
    } catch (err) {
      if (err instanceof ZodError) {
        throw new ApiError(400, "bad.request", `Invalid ${what}: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}`);
      }
      throw err;
    }
  }

  async function adminRoute(method: string, segments: string[], req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const name = segments.join("/");
    const allow = (methods: string[]): never => {
      throw new ApiError(405, "method.not.allowed", `${method} is not allowed here (allowed: ${methods.join(", ")})`, {
        allow: methods.join(", "),
      });
    };
    switch (name) {
      case "state":
        if (method !== "GET") allow(["GET"]);
        sendJson(res, 200, state());
        return;
      case "requests":
        if (method === "GET") sendJson(res, 200, { entries: requestLog.list() });
        else if (method === "DELETE") {
          requestLog.clear();
          sendJson(res, 200, { cleared: true });
        } else allow(["GET", "DELETE"]);
        return;
      case "faults":
        if (method === "GET") sendJson(res, 200, faults.current);
        else if (method === "PUT") {
          sendJson(res, 200, await adminBody(req, "fault config", (body) => setFaults(body as FaultConfigInput)));
        } else allow(["GET", "PUT"]);
        return;
      case "strict":
        if (method !== "PUT") allow(["PUT"]);
        {
          const body = parseJsonBody(await readBody(req, maxBodyBytes));
          if (typeof body !== "object" || body === null || typeof (body as { strict?: unknown }).strict !== "boolean") {
            throw new ApiError(400, "bad.request", 'Body must be {"strict": true|false}');
          }
          strict = (body as { strict: boolean }).strict;
          sendJson(res, 200, { strict });
        }
        return;
      case "people":
        // The org's other OAuth clients and users (people.ts): the one admin route for acting as people.
        if (method === "GET") sendJson(res, 200, people.current);
        else if (method === "PUT") {
          sendJson(res, 200, await adminBody(req, "people config", (body) => people.set(body as PeopleConfigInput)));
        } else allow(["GET", "PUT"]);
        return;
      case "reset":
        if (method !== "POST") allow(["POST"]);
        await readBody(req, maxBodyBytes);
        reset();
        sendJson(res, 200, { reset: true });
        return;
      default:
        throw new ApiError(404, "not.found", `No admin route /${ADMIN_PREFIX}/${name}`);
    }
  }

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const timestamp = new Date().toISOString();
    const ctx: RequestContext = { operation: "unknown", admin: false };
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    res.on("finish", () => {
      if (ctx.admin) return;
      requestLog.add({
        timestamp,
        method: req.method ?? "",
        path: q >= 0 ? rawUrl.slice(0, q) : rawUrl,
        // The upload token is a credential: never logged.
        query: q >= 0 ? rawUrl.slice(q + 1).replace(/(^|&)uploadToken=[^&]*/g, "$1uploadToken=REDACTED") : "",
        operation: ctx.operation,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        ...(ctx.fault ? { fault: ctx.fault } : {}),
      });
    });
    route(req, res, ctx).catch((err: unknown) => {
      if (err instanceof ApiError) {
        sendError(res, err);
      } else {
        // A bug in the emulator: answer JSON and keep serving.
        sendJson(res, 500, errorBody(500, "internal.server.error", `Emulator internal error: ${(err as Error)?.message ?? String(err)}`));
      }
      if (!req.complete) req.resume();
    });
  });
  // Idle keep-alive connections outlive the clients' own idle timeout (undici, under Node's fetch,
  // drops them after 4 s): a server closing one at 5 s while a busy client reuses it made the
  // request fail with ECONNRESET on loaded machines.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("clientError", (_err, socket) => {
    if (socket.writable) {
      const body = JSON.stringify(errorBody(400, "bad.request", "Malformed HTTP request"));
      socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULTS.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      jobs.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };

  return {
    url: baseUrl,
    port,
    accessToken,
    clientId,
    clientSecret,
    store,
    jobs,
    requestLog,
    get org() {
      return org;
    },
    setOrg(input: OrgFileInput) {
      org = new OrgObjects(OrgFileSchema.parse(input));
      orgDescribed = true;
      store.divisions.setFileDivisions(org.divisionNames());
    },
    removedTempFiles,
    setFaults,
    faults: () => faults.current,
    state,
    reset,
    stop,
  };
}
