import { z } from "zod";
import { newId } from "./ids";
import { RoutingRecordSchema, RoutingStore, type RoutingUse } from "./routingStore";

/** A user shown as holding a lock on a flow (always "another user": the API client never holds locks). */
export const LockUserSchema = z.object({ id: z.string(), name: z.string() });
export type LockUser = z.infer<typeof LockUserSchema>;

/** What a published common module offers its callers. */
export const ModuleInterfaceSchema = z.object({
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  compatibleFlowTypes: z.array(z.string()),
});
export type ModuleInterface = z.infer<typeof ModuleInterfaceSchema>;

/** A common module a published version calls (snapshotted at publish time, like the real service). */
export const DependencySchema = z.object({
  flowId: z.string(),
  name: z.string(),
  type: z.string(),
  versionId: z.string(),
});
export type Dependency = z.infer<typeof DependencySchema>;

/**
 * Any other object a published version refers to, as dependency tracking reports it: a flow it
 * transfers to or calls (not a common module), or an org object (queue, data action, prompt, ...).
 * `objectType` is the dependency tracking type (QUEUE, INBOUNDCALLFLOW, ...); `version` is set for
 * flows (the version that was published when the referring version was).
 */
export const ReferenceSchema = z.object({
  objectType: z.string(),
  id: z.string(),
  name: z.string(),
  version: z.string().optional(),
});
export type Reference = z.infer<typeof ReferenceSchema>;

export const VersionRecordSchema = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  dateCreated: z.number(),
  text: z.string(),
  sha256: z.string(),
  defaultLanguage: z.string().optional(),
  supportedLanguages: z.array(z.string()),
  moduleInterface: ModuleInterfaceSchema.optional(),
  dependencies: z.array(DependencySchema),
  /** Other objects it refers to (absent in org files written before dependency tracking). */
  references: z.array(ReferenceSchema).optional(),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

export const FlowRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Upper-case API type, e.g. INBOUNDCALL. */
  type: z.string(),
  description: z.string(),
  divisionName: z.string(),
  deleted: z.boolean(),
  dateDeleted: z.number().optional(),
  lockedBy: LockUserSchema.optional(),
  /** Oldest first; the last one is the published version. */
  versions: z.array(VersionRecordSchema).min(1),
});
export type FlowRecord = z.infer<typeof FlowRecordSchema>;

export const PendingLockSchema = z.object({
  flowName: z.string(),
  flowType: z.string().optional(),
  user: LockUserSchema,
});
export type PendingLock = z.infer<typeof PendingLockSchema>;

export const PersistedStateSchema = z.object({
  formatVersion: z.literal(1),
  flows: z.array(FlowRecordSchema),
  pendingLocks: z.array(PendingLockSchema),
  /** Schedules, schedule groups, IVR configs, emergency groups (absent in files written before routing). */
  routing: z.array(RoutingRecordSchema).optional(),
});
export type PersistedState = z.infer<typeof PersistedStateSchema>;

/** Input of a successful publish (already validated). */
export interface PublishInput {
  type: string;
  name: string;
  description: string;
  divisionName: string;
  text: string;
  sha256: string;
  defaultLanguage?: string;
  supportedLanguages: string[];
  moduleInterface?: ModuleInterface;
  dependencies: Dependency[];
  references?: Reference[];
}

export type DeleteResult =
  | { kind: "deleted"; flow: FlowRecord }
  | { kind: "not-found" }
  | { kind: "locked"; flow: FlowRecord; by: LockUser }
  | { kind: "in-use"; flow: FlowRecord; users: FlowRecord[] }
  | { kind: "routed"; flow: FlowRecord; users: RoutingUse[] };

export interface FlowFilter {
  /** Case-insensitive "contains" match, like the real API; callers keep exact matches. */
  name?: string;
  /** Upper-case API types; empty or undefined means all. */
  types?: string[];
  includeDeleted?: boolean;
  ids?: string[];
}

/** How much the org keeps: without caps a long-running emulator (or a hostile client) grows it forever. */
export interface StoreLimits {
  /** Versions kept per flow (the newest; default 50). Version numbers keep counting. */
  maxVersionsPerFlow: number;
  /** Flows kept, deleted ones included (default 10 000); deleted flows are forgotten first. */
  maxFlows: number;
}

export const STORE_DEFAULTS: StoreLimits = { maxVersionsPerFlow: 50, maxFlows: 10_000 };

/** A publish that would create a flow beyond `maxFlows` while no deleted flow can be forgotten. */
export class OrgFullError extends Error {
  constructor(max: number) {
    super(`the org already holds ${max} flows (the emulator's limit); delete flows or start with a larger --max-flows`);
    this.name = "OrgFullError";
  }
}

/** The org's flows and locks. Every mutation calls `onChange` (used for persistence). */
export class OrgStore {
  private flows = new Map<string, FlowRecord>();
  private pendingLocks: PendingLock[] = [];
  private readonly limits: StoreLimits;
  /** The routing objects (routingStore.ts), persisted with the flows. */
  readonly routing: RoutingStore;

  constructor(
    private readonly onChange: () => void = () => undefined,
    initial?: PersistedState,
    limits: Partial<StoreLimits> = {},
  ) {
    this.limits = { ...STORE_DEFAULTS, ...limits };
    this.routing = new RoutingStore(() => this.onChange());
    if (initial) this.load(initial);
  }

  private load(state: PersistedState): void {
    this.flows.clear();
    for (const flow of state.flows) this.flows.set(flow.id, structuredClone(flow));
    this.pendingLocks = state.pendingLocks.map((l) => structuredClone(l));
    this.routing.load(state.routing ?? []);
  }

  /** Replace the whole state (used by reset). */
  replace(state: PersistedState): void {
    this.load(state);
    this.onChange();
  }

  snapshot(): PersistedState {
    const flows = [...this.flows.values()].sort((a, b) => a.id.localeCompare(b.id));
    const routing = this.routing.snapshot();
    return structuredClone({ formatVersion: 1 as const, flows, pendingLocks: this.pendingLocks, ...(routing.length > 0 ? { routing } : {}) });
  }

  getFlow(id: string, includeDeleted = false): FlowRecord | undefined {
    const flow = this.flows.get(id);
    if (!flow || (flow.deleted && !includeDeleted)) return undefined;
    return flow;
  }

  /** The active flow of a type and name; names compare case-insensitively, as Genesys does. */
  findActive(type: string, name: string): FlowRecord | undefined {
    const needle = name.toLowerCase();
    for (const flow of this.flows.values()) {
      if (!flow.deleted && flow.type === type && flow.name.toLowerCase() === needle) return flow;
    }
    return undefined;
  }

  /** Sorted by name (case-insensitive), then id: deterministic paging. */
  listFlows(filter: FlowFilter = {}): FlowRecord[] {
    const needle = filter.name?.toLowerCase();
    const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
    const ids = filter.ids && filter.ids.length > 0 ? new Set(filter.ids) : undefined;
    return [...this.flows.values()]
      .filter((f) => filter.includeDeleted || !f.deleted)
      .filter((f) => !needle || f.name.toLowerCase().includes(needle))
      .filter((f) => !types || types.has(f.type))
      .filter((f) => !ids || ids.has(f.id))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));
  }

  publishedVersion(flow: FlowRecord): VersionRecord {
    return flow.versions[flow.versions.length - 1];
  }

  /** Upsert by (type, name): a new version on an existing flow, or a new flow with a new id. */
  publish(input: PublishInput, now: number): { flow: FlowRecord; version: VersionRecord } {
    let flow = this.findActive(input.type, input.name);
    const number = flow ? this.publishedVersion(flow).number + 1 : 1;
    const version: VersionRecord = {
      id: `${number}.0`,
      number,
      dateCreated: now,
      text: input.text,
      sha256: input.sha256,
      defaultLanguage: input.defaultLanguage,
      supportedLanguages: input.supportedLanguages,
      moduleInterface: input.moduleInterface,
      dependencies: input.dependencies,
      ...(input.references && input.references.length > 0 ? { references: input.references } : {}),
    };
    if (version.defaultLanguage === undefined) delete version.defaultLanguage;
    if (version.moduleInterface === undefined) delete version.moduleInterface;
    if (flow) {
      flow.description = input.description;
      flow.divisionName = input.divisionName;
      flow.versions.push(version);
      if (flow.versions.length > this.limits.maxVersionsPerFlow) flow.versions.splice(0, flow.versions.length - this.limits.maxVersionsPerFlow);
    } else {
      this.makeRoomForOneFlow();
      flow = {
        id: newId(),
        name: input.name,
        type: input.type,
        description: input.description,
        divisionName: input.divisionName,
        deleted: false,
        versions: [version],
      };
      this.flows.set(flow.id, flow);
      this.applyPendingLocks(flow);
    }
    this.onChange();
    return { flow, version };
  }

  /** Forget the oldest deleted flows until one more fits; OrgFullError when only active flows remain. */
  private makeRoomForOneFlow(): void {
    if (this.flows.size < this.limits.maxFlows) return;
    const deleted = [...this.flows.values()].filter((f) => f.deleted).sort((a, b) => (a.dateDeleted ?? 0) - (b.dateDeleted ?? 0) || a.id.localeCompare(b.id));
    for (const f of deleted) {
      if (this.flows.size < this.limits.maxFlows) break;
      this.flows.delete(f.id);
    }
    if (this.flows.size >= this.limits.maxFlows) throw new OrgFullError(this.limits.maxFlows);
  }

  /** Non-deleted flows whose published version calls the given module. */
  usersOfModule(moduleId: string): FlowRecord[] {
    return this.listFlows().filter((f) => this.publishedVersion(f).dependencies.some((d) => d.flowId === moduleId));
  }

  deleteFlow(id: string, now: number): DeleteResult {
    const flow = this.getFlow(id);
    if (!flow) return { kind: "not-found" };
    if (flow.lockedBy) return { kind: "locked", flow, by: flow.lockedBy };
    if (flow.type === "COMMONMODULE") {
      const users = this.usersOfModule(flow.id).filter((u) => u.id !== flow.id);
      if (users.length > 0) return { kind: "in-use", flow, users };
    }
    // Genesys refuses to delete a flow an IVR config or emergency group routes to.
    const routed = this.routing.usersOf(flow.id);
    if (routed.length > 0) return { kind: "routed", flow, users: routed };
    flow.deleted = true;
    flow.dateDeleted = now;
    this.onChange();
    return { kind: "deleted", flow };
  }

  unlock(id: string): FlowRecord | undefined {
    const flow = this.getFlow(id);
    if (!flow) return undefined;
    if (flow.lockedBy) {
      delete flow.lockedBy;
      this.pendingLocks = this.pendingLocks.filter((l) => !lockMatches(l, flow));
      this.onChange();
    }
    return flow;
  }

  /**
   * Lock every active flow with this name (and type, when given) by another user; the lock
   * is also remembered so a flow created later under that name starts locked.
   */
  lockByName(lock: PendingLock): void {
    this.pendingLocks = this.pendingLocks.filter(
      (l) => !(l.flowName === lock.flowName && l.flowType === lock.flowType),
    );
    this.pendingLocks.push(structuredClone(lock));
    for (const flow of this.flows.values()) {
      if (!flow.deleted && lockMatches(lock, flow)) flow.lockedBy = { ...lock.user };
    }
    this.onChange();
  }

  private applyPendingLocks(flow: FlowRecord): void {
    const lock = this.pendingLocks.find((l) => lockMatches(l, flow));
    if (lock) flow.lockedBy = { ...lock.user };
  }
}

function lockMatches(lock: PendingLock, flow: FlowRecord): boolean {
  return lock.flowName === flow.name && (lock.flowType === undefined || lock.flowType.toUpperCase() === flow.type);
}

export function emptyState(): PersistedState {
  return { formatVersion: 1, flows: [], pendingLocks: [] };
}
