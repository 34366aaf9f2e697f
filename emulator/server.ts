// The emulator's HTTP server: startEmulator builds the org's state (store, jobs, faults, people,
// the org file) and answers each request through the route files: admin routes (adminRoutes.ts),
// the presigned transfer URLs (transferRoutes.ts), sign-in (oauthRoute.ts), and the API's routes
// (apiRoutes.ts and the tables it gathers), after the host check and the faults (requestGate.ts);
// httpServer.ts is the plumbing around them (request log, error answers, listen).
import type * as http from "node:http";
import { resolveApiRoute } from "./apiRoutes";
import type { ApiContext, RequestBody } from "./apiTypes";
import { ADMIN_PREFIX, adminRoute, requireAdminToken, type AdminControls } from "./adminRoutes";
import { ORG } from "./flowJson";
import { requireBearer, TokenRegistry } from "./auth";
import { type FaultConfig, type FaultConfigInput, FaultInjector, parseFaultConfig } from "./faults";
import { RateLimiter } from "./rateLimit";
import { DependencyBuild } from "./dependencyTracking";
import { ApiError, notAllowed, notFound, sendJson, splitTarget } from "./http";
import { createEmulatorServer, listenLoopback } from "./httpServer";
import { ExportJobs } from "./exportJobs";
import { ValidateJobs } from "./validateJobs";
import { ExecutionData } from "./executions";
import { readTrafficFile, runTraffic, TrafficFileError, type TrafficReport } from "./traffic";
import type { TrafficSimulator } from "../traffic/simulatedCallers";
import { checkQuery } from "./queryParams";
import { JOB_DEFAULTS, JobRunner } from "./jobs";
import { oauthToken, type SignIn } from "./oauthRoute";
import { emptyOrgFile, loadOrgFile, OrgFileSchema, type OrgFileInput } from "../project/orgFile";
import { OrgObjects } from "./orgObjects";
import { loadState, removeStaleTempFiles, saveState } from "./persistence";
import { passFaults, requireLoopbackHost, type Gate, type RequestContext } from "./requestGate";
import { RequestLog } from "./requestLog";
import { stateSummary, type StateSummary } from "./stateSummary";
import { emptyState, OrgStore, STORE_DEFAULTS } from "./store";
import { People, type PeopleConfigInput } from "./people";
import { parseBehave, type Behave } from "./behave";
import { isTransfer, transferRoute, type Transfers } from "./transferRoutes";

export type { StateSummary } from "./stateSummary";

import { DEFAULTS } from "./defaults";

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
  /** YAML file of the org's objects (queues, data actions, schedules, prompts, ...); see project/orgFile.ts. */
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
  /** Which answer it plays of each behaviour the assumptions register lists answers for (behave.ts); default: its own model. */
  behave?: Behave;
  /** Other OAuth clients and users who act in the org (people.ts); settable later at /__emulator/people. */
  people?: PeopleConfigInput;
  /**
   * Called with every JSON body a write route of the API reads, before it is checked (tests compare
   * what clients send, the official provider included, with Genesys's spec). Never logged.
   */
  onRequestBody?: (entry: RequestBody) => void;
  /** A traffic file (YAML or JSON, traffic.ts) run through the published flows once the emulator listens. */
  trafficFile?: string;
  /**
   * What runs simulated traffic through the published flows (behaviour/simulatedCalls.ts, handed in
   * so the emulator depends on nothing above the project's files); without it, traffic is refused.
   */
  simulator?: TrafficSimulator;
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
  /** What the traffic file did (EmulatorOptions.trafficFile). */
  trafficReport?: TrafficReport;
  /** Run simulated traffic (traffic.ts), as POST /__emulator/traffic does. */
  traffic(input: unknown): TrafficReport;
  /** Clear flows, jobs, the request log and faults. */
  reset(): void;
  stop(): Promise<void>;
}

/** The emulator's state and services, shared by its routes and its controls. */
interface Emulator {
  options: EmulatorOptions;
  /** What every API route is handed (besides who the request acts as): the org's state and services. */
  api: Omit<ApiContext, "actor">;
  requestLog: RequestLog;
  tokens: TokenRegistry;
  /** Whether an org file (or `org`) was given. */
  described: boolean;
  admin: AdminControls;
  signIn: SignIn;
  transfers: Transfers;
  gate: Gate;
  port: number;
  baseUrl: string;
}

/** An emulator started without a simulator answers simulated traffic with 501, naming why. */
const noSimulator: TrafficSimulator = () => {
  throw new ApiError(
    501,
    "not.implemented",
    "simulated traffic needs an emulator started with a simulator (genesys-flows emulator has one; tests pass behaviour/simulatedCalls.ts's)",
  );
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const accessToken = options.accessToken ?? DEFAULTS.accessToken;
  const clientId = options.clientId ?? DEFAULTS.clientId;
  const clientSecret = options.clientSecret ?? DEFAULTS.clientSecret;
  const removedTempFiles = options.dataFile ? removeStaleTempFiles(options.dataFile) : [];
  const e = emulatorOf(options, { accessToken, clientId, clientSecret });
  const server = createEmulatorServer((req, res, ctx) => route(e, req, res, ctx), e.requestLog);
  e.port = await listenLoopback(server, options.port ?? DEFAULTS.port);
  e.baseUrl = `http://127.0.0.1:${e.port}`;
  let trafficReport: TrafficReport | undefined;
  try {
    if (options.trafficFile !== undefined) trafficReport = e.admin.traffic(readTrafficFile(options.trafficFile));
  } catch (err) {
    server.close();
    throw err instanceof ApiError ? new TrafficFileError(`traffic file ${options.trafficFile}: ${err.message}`) : err;
  }

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      e.api.jobs.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };

  return {
    url: e.baseUrl,
    port: e.port,
    accessToken,
    clientId,
    clientSecret,
    store: e.api.store,
    jobs: e.api.jobs,
    requestLog: e.requestLog,
    get org() {
      return e.api.org;
    },
    setOrg(input: OrgFileInput) {
      e.api.org = new OrgObjects(OrgFileSchema.parse(input), e.api.store.orgObjects);
      e.described = true;
      e.api.store.divisions.setFileDivisions(e.api.org.divisionNames());
    },
    removedTempFiles,
    ...(trafficReport ? { trafficReport } : {}),
    traffic: e.admin.traffic,
    setFaults: e.admin.setFaults,
    faults: () => e.admin.faults.current,
    state: e.admin.state,
    reset: e.admin.reset,
    stop,
  };
}

/** The org's state (store, jobs, faults, people, the org file) and the controls over it. */
function emulatorOf(
  options: EmulatorOptions,
  client: { accessToken: string; clientId: string; clientSecret: string },
): Emulator {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULTS.maxBodyBytes;
  let strict = options.strict ?? DEFAULTS.strict;
  const now = (): number => Date.now();
  const dataFile = options.dataFile;
  const store = new OrgStore(
    () => {
      if (dataFile) saveState(dataFile, store.snapshot());
    },
    dataFile ? loadState(dataFile) : emptyState(),
    {
      maxVersionsPerFlow: options.maxVersionsPerFlow ?? STORE_DEFAULTS.maxVersionsPerFlow,
      maxFlows: options.maxFlows ?? STORE_DEFAULTS.maxFlows,
    },
  );
  store.behave = parseBehave(options.behave);
  const org = new OrgObjects(
    options.orgFile ? loadOrgFile(options.orgFile) : options.org ? OrgFileSchema.parse(options.org) : emptyOrgFile(),
    store.orgObjects,
  );
  store.divisions.setFileDivisions(org.divisionNames());
  const faults = new FaultInjector(options.faults);
  const applyLocks = (config: FaultConfig): void => {
    for (const lock of config.locks)
      store.lockByName({
        flowName: lock.flowName,
        flowType: lock.flowType,
        user: { id: lock.userId, name: lock.userName },
      });
  };
  applyLocks(faults.current);
  // The per-client request budget (rateLimit.ts), set with the faults (`rateLimit`).
  const limiter = new RateLimiter(faults.current.rateLimit);
  const people = new People({ id: client.clientId, secret: client.clientSecret }, options.people);
  const tokens = new TokenRegistry(client.accessToken, people.stackActor());
  const requestLog = new RequestLog(options.requestLogLimit);
  const maxJobs = options.maxJobs ?? JOB_DEFAULTS.maxJobs;
  const orgCatalog = () => (e.described ? e.api.org.catalog : undefined);
  const waitIn = (queue: string): void => {
    const id = e.api.org.idOf("queue", queue);
    if (id !== undefined) e.api.org.conversations.wait(id);
  };
  // Publish and validate jobs read the org alike (jobs.ts publishedLookups).
  const jobOptions = { store, faults, strict: () => strict, now, org: orgCatalog, maxJobs };
  const jobs = new JobRunner({ ...jobOptions, jobRetentionMs: options.jobRetentionMs ?? JOB_DEFAULTS.jobRetentionMs });
  const exportJobs = new ExportJobs(store, now, maxJobs);
  const validations = new ValidateJobs(jobOptions);
  const executions = new ExecutionData(now, faults);
  const setFaults = (input: FaultConfigInput): FaultConfig => {
    const config = parseFaultConfig(input);
    faults.set(config);
    limiter.configure(config.rateLimit);
    applyLocks(config);
    return config;
  };
  const state = (): StateSummary =>
    stateSummary({
      store,
      jobs,
      org: e.api.org,
      faults: faults.current,
      strict,
      ...(dataFile ? { dataFile } : {}),
      ...(options.orgFile ? { orgFile: options.orgFile } : {}),
    });
  const reset = (): void => {
    jobs.clear();
    exportJobs.clear();
    validations.clear();
    executions.clear();
    store.replace(emptyState());
    requestLog.clear();
    faults.set(parseFaultConfig({}));
    limiter.configure(undefined);
  };
  const e: Emulator = {
    options,
    api: {
      store,
      jobs,
      exports: exportJobs,
      validations,
      executions,
      org,
      now,
      baseUrl: () => e.baseUrl,
      maxBodyBytes,
      dependencyBuild: new DependencyBuild(now(), () => faults.current.dependencyTrackingStatus),
      organization: { ...ORG, ...options.organization },
      divisions: store.divisions,
      bodyTap: options.onRequestBody,
    },
    requestLog,
    tokens,
    described: options.orgFile !== undefined || options.org !== undefined,
    admin: {
      state,
      requestLog,
      faults,
      setFaults,
      setStrict: (value) => (strict = value),
      people,
      reset: () => reset(),
      maxBodyBytes,
      traffic: (input) =>
        runTraffic({ store, executions, now, simulator: options.simulator ?? noSimulator, waitIn }, input),
    },
    signIn: { people, tokens, now, maxBodyBytes },
    transfers: { jobs, exportJobs, executions, maxBodyBytes },
    gate: { faults, limiter, now },
    port: 0,
    baseUrl: "",
  };
  return e;
}

/** One request: admin routes, transfer URLs, sign-in, then the API's routes (apiRoutes.ts). */
async function route(
  e: Emulator,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: RequestContext,
): Promise<void> {
  const method = req.method ?? "GET";
  const target = splitTarget(req.url ?? "/");
  const [first, ...rest] = target.segments;
  requireLoopbackHost(req, e.port);

  if (first === ADMIN_PREFIX) {
    ctx.admin = true;
    requireAdminToken(req, e.options.adminToken, e.tokens, e.api.now());
    await adminRoute(e.admin, method, rest, req, res);
    return;
  }
  if (isTransfer(first, rest)) {
    await transferRoute(e.transfers, first, rest[0], method, target.query, req, res, (kind) => (ctx.operation = kind));
    return;
  }

  const isOauth = first === "oauth" && rest.length === 1 && rest[0] === "token";
  const isApi = first === "api" && rest[0] === "v2";
  if (!isOauth && !isApi) throw notFound(`No route for ${target.path}`);
  ctx.operation = isOauth ? "oauth.token" : (resolveApiRoute(method, rest.slice(1))?.operation ?? "unknown");
  await passFaults(e.gate, req, res, ctx, isApi);

  if (isOauth) {
    if (method !== "POST") throw notAllowed(method, ["POST"]);
    await oauthToken(e.signIn, req, res);
    return;
  }

  const actor = requireBearer(req, e.tokens, e.api.now());
  const found = resolveApiRoute(method, rest.slice(1));
  if (!found) throw notFound(`No route for ${target.path}`);
  if (!found.handler) throw notAllowed(method, found.allowed);
  checkQuery(found.query, target.query);
  const answer = await found.handler(
    { ...e.api, actor },
    { req, segments: rest.slice(1), query: target.query, params: found.params },
  );
  if (answer.status === 204 || (answer.status === 202 && answer.body === undefined)) {
    res.writeHead(answer.status);
    res.end();
  } else if (answer.text !== undefined) {
    res.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8" });
    res.end(answer.text);
  } else {
    sendJson(res, answer.status, answer.body);
  }
}
