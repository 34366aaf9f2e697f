// The shapes the API routes share: what a handler gets (the emulator's state, the request) and
// answers, and a route's pattern. Its own module so route tables (apiRoutes.ts, routingRoutes.ts)
// import them without importing each other.
import type { IncomingMessage } from "node:http";
import type { DependencyBuild } from "./dependencyTracking";
import type { ExportJobs } from "./exportJobs";
import type { JobRunner } from "./jobs";
import type { ValidateJobs } from "./validateJobs";
import type { QueryParams } from "./queryParams";
import type { OrgObjects } from "./orgObjects";
import type { OperationKind } from "./requestLog";
import type { OrgStore } from "./store";
import type { Actor } from "./people";
import type { Divisions } from "./divisions";
import type { ExecutionData } from "./executions";

export interface ApiContext {
  store: OrgStore;
  jobs: JobRunner;
  exports: ExportJobs;
  /** Architect validate jobs (validateJobs.ts). */
  validations: ValidateJobs;
  /** The org file's objects (empty collections without --org). */
  org: OrgObjects;
  now: () => number;
  /** Base URL of this server, for presigned upload URLs. */
  baseUrl: () => string;
  maxBodyBytes: number;
  /** Dependency tracking's build status. */
  dependencyBuild: DependencyBuild;
  /** GET /organizations/me: the fixed local org, or the id and name the emulator was started with. */
  organization: Readonly<Record<string, unknown>>;
  /** Who the request acts as (the client and, for a person, the user its token was issued to). */
  actor: Actor;
  /** Recorded flow executions and their settings (executions.ts). */
  executions: ExecutionData;
  /** The org's divisions (divisions.ts). */
  divisions: Divisions;
  /** Shown every JSON body a write route reads (EmulatorOptions.onRequestBody). */
  bodyTap?: (entry: RequestBody) => void;
}

/** A JSON request body as a write route read it. */
export interface RequestBody {
  method: string;
  /** The path, /api/v2/... without the query. */
  path: string;
  body: unknown;
}

export interface ApiRequest {
  req: IncomingMessage;
  /** Segments after /api/v2. */
  segments: string[];
  query: URLSearchParams;
  params: string[];
}

export interface ApiAnswer {
  status: number;
  body?: unknown;
  /** A plain text answer instead of JSON (a data action's template). */
  text?: string;
}

export type Handler = (ctx: ApiContext, r: ApiRequest) => Promise<ApiAnswer> | ApiAnswer;

export interface Route {
  /** Pattern segments; ":x" captures one segment. */
  pattern: string[];
  operation: OperationKind;
  /** The operation of a method when it differs from `operation` (writes on a read route). */
  operations?: Partial<Record<string, OperationKind>>;
  methods: Partial<Record<string, Handler>>;
  /** The closed query parameters of a method (queryParams.ts): other values are refused before the handler runs. */
  query?: Partial<Record<string, QueryParams>>;
}
