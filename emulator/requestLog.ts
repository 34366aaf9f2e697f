/** Kinds of operation recorded in the request log, so tests and benchmarks can count calls (the conformance tier: each one served is requested). */
export const OPERATION_KINDS = [
  "oauth.token",
  "org.get",
  "token.get",
  "products.list",
  "job.create",
  "job.upload",
  "job.poll",
  "flow.get",
  "flow.list",
  "flow.delete",
  "flow.unlock",
  "flow.checkout",
  "flow.checkin",
  "flow.revert",
  "flow.publish",
  "flow.create",
  "flow.update",
  "flow.version.create",
  "divisions.list",
  "divisions.get",
  "divisions.create",
  "divisions.update",
  "divisions.delete",
  "flow.versions.list",
  "flow.version.get",
  "flow.configuration.get",
  "export.create",
  "export.poll",
  "export.download",
  "executions.settings",
  "executions.query",
  "executions.job",
  "executions.get",
  "executions.download",
  "executions.aggregates",
  "validate.create",
  "validate.poll",
  "org.objects.list",
  "org.objects.get",
  "org.objects.create",
  "org.objects.update",
  "org.objects.delete",
  "dependencytracking.build",
  "dependencytracking.consumers",
  "dependencytracking.consumed",
  "dependencytracking.object",
  "analytics.queues.observations",
  "routing.list",
  "routing.get",
  "routing.create",
  "routing.update",
  "routing.delete",
  "unknown",
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/**
 * One request. Never contains secrets: no headers, no bodies, and the query string is kept
 * separately (the provider's queries carry no secrets; /oauth/token takes its secret in a header
 * and the form body, neither of which is logged).
 */
export interface RequestLogEntry {
  seq: number;
  /** ISO-8601 time the request arrived. */
  timestamp: string;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query string without the leading "?" ("" when none). */
  query: string;
  operation: OperationKind;
  status: number;
  durationMs: number;
  /** Set when the answer was an injected fault. */
  fault?: "rate-limit" | "unavailable";
  /** The error the emulator answered (its code and message), when it refused the request: what the contract trees read. */
  refused?: { code: string; message: string };
}

/** In-memory request log, bounded (oldest entries are dropped beyond `limit`). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  add(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    this.seq += 1;
    const full: RequestLogEntry = { seq: this.seq, ...entry };
    this.entries.push(full);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return full;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  count(operation: OperationKind): number {
    return this.entries.filter((e) => e.operation === operation).length;
  }

  clear(): void {
    this.entries = [];
  }
}
