import { createHash } from "node:crypto";
import { z } from "zod";
import { newId, stableId } from "./ids";
import { sameActor, type Actor } from "./people";
import { DivisionRecordSchema, Divisions } from "./divisions";
import { RoutingRecordSchema, RoutingStore, type RoutingUse } from "./routingStore";
import { OrgObjectRecordSchema, OrgObjectWrites } from "./orgObjectStore";
import { FlowClaimSchema, FlowClaims } from "./flowClaims";
import { plays, type Behave } from "./behave";

/** A user or an OAuth client, as the API names one ({id, name}). */
export const EntityRefSchema = z.object({ id: z.string(), name: z.string() });
export type EntityRef = z.infer<typeof EntityRefSchema>;

/** The client a person's lock shows when none was recorded (locks set as faults, org files written before clients were recorded). */
export const ARCHITECT_CLIENT: EntityRef = { id: stableId("client", "architect-ui"), name: "Architect" };

/** Genesys's version types: a publish, a checked-in draft, a saved draft (FlowVersion.type). */
export const VersionKindSchema = z.enum(["PUBLISH", "CHECKIN", "SAVE"]);

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
  /** PUBLISH (absent in org files written before people were modelled), or CHECKIN: a person's draft checked in. */
  kind: VersionKindSchema.optional(),
  /** The user who made it (absent for a client acting alone). */
  createdBy: EntityRefSchema.optional(),
  /** The OAuth client it was made through (absent in older org files: the stack's own client). */
  createdByClient: EntityRefSchema.optional(),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

export const DraftSchema = z.object({
  /** The configuration as saved (Archy YAML when the body was an Archy document, JSON otherwise). */
  text: z.string(),
  dateSaved: z.number(),
  createdBy: EntityRefSchema.optional(),
  createdByClient: EntityRefSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

export const OperationRecordSchema = z.object({
  id: z.string(),
  actionName: z.enum(["CHECKIN", "CHECKOUT", "DELETE", "PUBLISH", "REVERT", "SAVE", "UPDATE"]),
  actionStatus: z.enum(["SUCCESS", "FAILURE", "LOCKED", "UNLOCKED"]),
  user: EntityRefSchema.optional(),
  client: EntityRefSchema,
  errorMessage: z.string().optional(),
});
export type OperationRecord = z.infer<typeof OperationRecordSchema>;

export const FlowRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Upper-case API type, e.g. INBOUNDCALL. */
  type: z.string(),
  description: z.string(),
  divisionName: z.string(),
  deleted: z.boolean(),
  dateDeleted: z.number().optional(),
  /** The user holding the lock (checkout), when a person holds it. */
  lockedBy: EntityRefSchema.optional(),
  /** The client holding the lock (with or without a user); ARCHITECT_CLIENT when only a user was recorded. */
  lockedClient: EntityRefSchema.optional(),
  /** A draft saved by the lock holder, not checked in yet (Flow.savedVersion). */
  draft: DraftSchema.optional(),
  /** The last Architect operation on the flow (Flow.currentOperation). */
  lastOperation: OperationRecordSchema.optional(),
  /** Oldest first; the published version is the last of kind PUBLISH. */
  versions: z.array(VersionRecordSchema).min(1),
});
export type FlowRecord = z.infer<typeof FlowRecordSchema>;

export const PendingLockSchema = z.object({
  flowName: z.string(),
  flowType: z.string().optional(),
  user: EntityRefSchema,
});
export type PendingLock = z.infer<typeof PendingLockSchema>;

export const PersistedStateSchema = z.object({
  formatVersion: z.literal(1),
  flows: z.array(FlowRecordSchema),
  pendingLocks: z.array(PendingLockSchema),
  /** Schedules, schedule groups, IVR configs, emergency groups (absent in files written before routing). */
  routing: z.array(RoutingRecordSchema).optional(),
  /** Divisions created through the API (absent in files written before divisions). */
  divisions: z.array(DivisionRecordSchema).optional(),
  /** What the API wrote over the org file's objects (absent in files written before org objects were writable). */
  orgObjects: z.array(OrgObjectRecordSchema).optional(),
  /** Flows created by name and not published yet (absent in files written before them). */
  claims: z.array(FlowClaimSchema).optional(),
});
export type PersistedState = z.infer<typeof PersistedStateSchema>;

/** Input of a successful publish (already validated): the flow's fields and its new version's, and who publishes (absent: recorded as nobody in particular, shown as the stack's client). */
export type PublishInput = Pick<FlowRecord, "type" | "name" | "description" | "divisionName"> &
  Pick<
    VersionRecord,
    "text" | "sha256" | "defaultLanguage" | "supportedLanguages" | "moduleInterface" | "dependencies" | "references"
  > & { actor?: Actor };

/** Why an Architect action on one flow was refused. */
export type FlowActionRefusal =
  | { kind: "not-found" }
  | { kind: "gone"; flow: FlowRecord }
  | { kind: "locked"; flow: FlowRecord; by: Actor }
  | { kind: "not-locked"; flow: FlowRecord }
  | { kind: "name-taken"; flow: FlowRecord; other: FlowRecord };
export type FlowActionResult = { kind: "ok"; flow: FlowRecord; version?: VersionRecord } | FlowActionRefusal;

export type DeleteResult =
  | { kind: "deleted"; flow: FlowRecord }
  | { kind: "not-found" }
  | { kind: "locked"; flow: FlowRecord; by: Actor }
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
  /** The org's divisions (divisions.ts), persisted with the flows. */
  readonly divisions = new Divisions(() => this.onChange());
  /** The routing objects (routingStore.ts), persisted with the flows. */
  readonly routing = new RoutingStore(() => this.onChange(), this.divisions, this);
  /** What the API wrote over the org file's objects (orgObjectStore.ts), persisted with the flows. */
  readonly orgObjects = new OrgObjectWrites(() => this.onChange());
  /** Flows created by name, not published yet (POST /api/v2/flows), persisted with the flows. */
  readonly claims = new FlowClaims(
    () => this.onChange(),
    (a, b) => this.sameName(a, b),
  );
  /** How the org answers where Genesys's answer is not known (behave.ts). */
  behave: Behave = {};

  constructor(
    private readonly onChange: () => void = () => undefined,
    initial?: PersistedState,
    limits: Partial<StoreLimits> = {},
  ) {
    this.limits = { ...STORE_DEFAULTS, ...limits };
    if (initial) this.load(initial);
  }

  private load(state: PersistedState): void {
    this.flows.clear();
    for (const flow of state.flows) this.flows.set(flow.id, structuredClone(flow));
    this.pendingLocks = state.pendingLocks.map((l) => structuredClone(l));
    this.routing.load(state.routing ?? []);
    this.divisions.load(state.divisions ?? []);
    this.orgObjects.load(state.orgObjects ?? []);
    this.claims.load(state.claims ?? []);
  }

  /** Replace the whole state (used by reset). */
  replace(state: PersistedState): void {
    this.load(state);
    this.onChange();
  }

  snapshot(): PersistedState {
    const flows = [...this.flows.values()].sort((a, b) => a.id.localeCompare(b.id));
    const routing = this.routing.snapshot();
    const divisions = this.divisions.snapshot();
    const orgObjects = this.orgObjects.snapshot();
    const claims = this.claims.snapshot();
    return structuredClone({
      formatVersion: 1 as const,
      flows,
      pendingLocks: this.pendingLocks,
      ...(routing.length > 0 ? { routing } : {}),
      ...(divisions.length > 0 ? { divisions } : {}),
      ...(orgObjects.length > 0 ? { orgObjects } : {}),
      ...(claims.length > 0 ? { claims } : {}),
    });
  }

  getFlow(id: string, includeDeleted = false): FlowRecord | undefined {
    const flow = this.flows.get(id);
    if (!flow || (flow.deleted && !includeDeleted)) return undefined;
    return flow;
  }

  /** The active flow of a type and name; names compare case-insensitively, as Genesys does. */
  findActive(type: string, name: string): FlowRecord | undefined {
    for (const flow of this.flows.values()) {
      if (!flow.deleted && flow.type === type && this.sameName(flow.name, name)) return flow;
    }
    return undefined;
  }

  /** One flow name (of a type) or two: compared case-insensitively, unless the org plays nameCase=sensitive. */
  sameName(a: string, b: string): boolean {
    return plays(this.behave, "nameCase", "sensitive") ? a === b : a.toLowerCase() === b.toLowerCase();
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

  /** Upsert by (type, name): a new version on an existing flow, or a new flow with a new id. */
  publish(input: PublishInput, now: number): { flow: FlowRecord; version: VersionRecord } {
    let flow = this.findActive(input.type, input.name);
    const number = flow ? draftNumber(flow) : 1;
    const version: VersionRecord = {
      id: `${number}.0`,
      number,
      dateCreated: now,
      text: input.text,
      sha256: input.sha256,
      ...(input.defaultLanguage !== undefined ? { defaultLanguage: input.defaultLanguage } : {}),
      supportedLanguages: input.supportedLanguages,
      ...(input.moduleInterface !== undefined ? { moduleInterface: input.moduleInterface } : {}),
      dependencies: input.dependencies,
      ...(input.references && input.references.length > 0 ? { references: input.references } : {}),
      kind: "PUBLISH",
      ...authorOf(input.actor),
    };
    if (flow) {
      flow.description = input.description;
      flow.divisionName = input.divisionName;
      // A publish by the lock holder checks its work in: the lock is released and its draft superseded.
      const holder = lockHolderOf(flow);
      if (holder && input.actor && sameActor(holder, input.actor)) this.releaseLock(flow);
      this.addVersion(flow, version);
      if (input.actor) flow.lastOperation = operation("PUBLISH", input.actor);
    } else {
      this.makeRoomForOneFlow();
      // A flow created by name (flowClaims.ts) keeps its id; only its creator gets here (jobs.ts).
      const claim = this.claims.of(input.type, input.name);
      if (claim) this.claims.drop(claim.id);
      flow = {
        id: claim?.id ?? newId(),
        name: input.name,
        type: input.type,
        description: input.description,
        divisionName: input.divisionName,
        deleted: false,
        versions: [version],
        ...(input.actor ? { lastOperation: operation("PUBLISH", input.actor) } : {}),
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
    const deleted = [...this.flows.values()]
      .filter((f) => f.deleted)
      .sort((a, b) => (a.dateDeleted ?? 0) - (b.dateDeleted ?? 0) || a.id.localeCompare(b.id));
    for (const f of deleted) {
      if (this.flows.size < this.limits.maxFlows) break;
      this.flows.delete(f.id);
    }
    if (this.flows.size >= this.limits.maxFlows) throw new OrgFullError(this.limits.maxFlows);
  }

  /** Non-deleted flows whose published version calls the given module. */
  usersOfModule(moduleId: string): FlowRecord[] {
    return this.listFlows().filter((f) => publishedVersionOf(f).dependencies.some((d) => d.flowId === moduleId));
  }

  /** Delete as `actor` (absent: nobody holds a lock the delete would pass). A flow locked by someone else is refused. */
  deleteFlow(id: string, now: number, actor?: Actor): DeleteResult {
    const flow = this.getFlow(id);
    if (!flow) return { kind: "not-found" };
    const holder = lockHolderOf(flow);
    if (holder && !(actor && sameActor(holder, actor))) return { kind: "locked", flow, by: holder };
    if (holder) this.releaseLock(flow);
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

  /**
   * Break the lock, whoever holds it (Architect admins may): per Genesys's help, the holder's saved
   * draft is kept as a checked-in version made by them, under the version the next publish adds.
   */
  unlock(id: string, now: number, actor?: Actor): FlowRecord | undefined {
    const flow = this.getFlow(id);
    if (!flow) return undefined;
    if (lockHolderOf(flow)) {
      if (flow.draft) this.checkInDraft(flow, flow.draft, now);
      this.releaseLock(flow);
      this.pendingLocks = this.pendingLocks.filter((l) => !lockMatches(l, flow));
      if (actor) flow.lastOperation = operation("CHECKIN", actor, "UNLOCKED");
      this.onChange();
    }
    return flow;
  }

  /** The active flow, or why not (unknown id, deleted). */
  live(id: string): { kind: "ok"; flow: FlowRecord } | FlowActionRefusal {
    const flow = this.flows.get(id);
    if (!flow) return { kind: "not-found" };
    if (flow.deleted) return { kind: "gone", flow };
    return { kind: "ok", flow };
  }

  /** The active flow when its lock is `actor`'s or nobody's (`held`: `actor`'s only), or why not. */
  private mine(id: string, actor: Actor, held: boolean): { kind: "ok"; flow: FlowRecord } | FlowActionRefusal {
    const found = this.live(id);
    if (found.kind !== "ok") return found;
    const holder = lockHolderOf(found.flow);
    if (!holder && held) return { kind: "not-locked", flow: found.flow };
    if (holder && !sameActor(holder, actor)) return { kind: "locked", flow: found.flow, by: holder };
    return found;
  }

  /** A change to the flow done: `op` recorded as its last operation, the change kept (with the version it made). */
  private done(flow: FlowRecord, op: OperationRecord, version?: VersionRecord): FlowActionResult {
    flow.lastOperation = op;
    this.onChange();
    return { kind: "ok", flow, ...(version ? { version } : {}) };
  }

  /** Lock the flow for editing by `actor` (POST /flows/actions/checkout); again by the holder is a no-op. */
  checkout(id: string, actor: Actor): FlowActionResult {
    const found = this.mine(id, actor, false);
    if (found.kind !== "ok" || lockHolderOf(found.flow)) return found;
    const { flow } = found;
    flow.lockedClient = { ...actor.client };
    if (actor.user) flow.lockedBy = { ...actor.user };
    else delete flow.lockedBy;
    return this.done(flow, operation("CHECKOUT", actor, "LOCKED"));
  }

  /** Save a draft as the lock holder (POST /flows/{id}/versions): Flow.savedVersion. */
  saveDraft(id: string, actor: Actor, text: string, now: number): FlowActionResult {
    const found = this.mine(id, actor, true);
    if (found.kind !== "ok") return found;
    found.flow.draft = {
      text,
      dateSaved: now,
      ...(actor.user ? { createdBy: { ...actor.user } } : {}),
      createdByClient: { ...actor.client },
    };
    return this.done(found.flow, operation("SAVE", actor));
  }

  /** Check in as the lock holder: the saved draft becomes a CHECKIN version; the lock is released. */
  checkin(id: string, actor: Actor, now: number): FlowActionResult {
    const found = this.mine(id, actor, true);
    if (found.kind !== "ok") return found;
    const { flow } = found;
    const version = flow.draft ? this.checkInDraft(flow, flow.draft, now) : undefined;
    this.releaseLock(flow);
    return this.done(flow, operation("CHECKIN", actor, "UNLOCKED"), version);
  }

  /** Discard the lock holder's saved draft (back to the checked-in version); the lock stays. */
  revert(id: string, actor: Actor): FlowActionResult {
    const found = this.mine(id, actor, true);
    if (found.kind !== "ok") return found;
    delete found.flow.draft;
    return this.done(found.flow, operation("REVERT", actor));
  }

  /**
   * Rename, describe or move the flow (PUT /flows/{id}); refused while someone else holds the lock,
   * and when another active flow of the type has the name (names compare case-insensitively).
   */
  update(
    id: string,
    actor: Actor,
    change: { name: string; description?: string; divisionName?: string },
  ): FlowActionResult {
    const found = this.mine(id, actor, false);
    if (found.kind !== "ok") return found;
    const { flow } = found;
    const other = this.findActive(flow.type, change.name);
    if (other && other.id !== flow.id) return { kind: "name-taken", flow, other };
    flow.name = change.name;
    if (change.description !== undefined) flow.description = change.description;
    if (change.divisionName !== undefined) flow.divisionName = change.divisionName;
    return this.done(flow, operation("UPDATE", actor));
  }

  /** The draft as a CHECKIN version made by its author. */
  private checkInDraft(flow: FlowRecord, draft: Draft, now: number): VersionRecord {
    const latest = flow.versions[flow.versions.length - 1];
    const number = draftNumber(flow);
    const version: VersionRecord = {
      id: `${number}.0`,
      number,
      dateCreated: now,
      text: draft.text,
      sha256: createHash("sha256").update(draft.text).digest("hex"),
      supportedLanguages: latest.supportedLanguages,
      dependencies: [],
      kind: "CHECKIN",
      ...(draft.createdBy ? { createdBy: draft.createdBy } : {}),
      createdByClient: draft.createdByClient,
    };
    this.addVersion(flow, version);
    delete flow.draft;
    return version;
  }

  /** Append a version, forgetting the oldest beyond the cap (never the published one). */
  private addVersion(flow: FlowRecord, version: VersionRecord): void {
    flow.versions.push(version);
    while (flow.versions.length > this.limits.maxVersionsPerFlow) {
      const published = publishedVersionOf(flow);
      const index = flow.versions.findIndex((v) => v !== published);
      flow.versions.splice(index, 1);
    }
  }

  private releaseLock(flow: FlowRecord): void {
    delete flow.lockedBy;
    delete flow.lockedClient;
    delete flow.draft;
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
      if (!flow.deleted && lockMatches(lock, flow)) {
        flow.lockedBy = { ...lock.user };
        flow.lockedClient = { ...ARCHITECT_CLIENT };
      }
    }
    this.onChange();
  }

  private applyPendingLocks(flow: FlowRecord): void {
    const lock = this.pendingLocks.find((l) => lockMatches(l, flow));
    if (lock) {
      flow.lockedBy = { ...lock.user };
      flow.lockedClient = { ...ARCHITECT_CLIENT };
    }
  }
}

/** The last version of kind PUBLISH (every flow has one: flows come into being by a publish). */
export function publishedVersionOf(flow: FlowRecord): VersionRecord {
  for (let i = flow.versions.length - 1; i >= 0; i--)
    if ((flow.versions[i].kind ?? "PUBLISH") === "PUBLISH") return flow.versions[i];
  return flow.versions[flow.versions.length - 1];
}

/** The number a saved draft shows (savedVersion) and takes when it is checked in: the next version's. */
export function draftNumber(flow: FlowRecord): number {
  return flow.versions[flow.versions.length - 1].number + 1;
}

/** Who holds the flow's lock, or undefined when it is not checked out. */
export function lockHolderOf(flow: FlowRecord): Actor | undefined {
  if (!flow.lockedBy && !flow.lockedClient) return undefined;
  return { client: flow.lockedClient ?? ARCHITECT_CLIENT, ...(flow.lockedBy ? { user: flow.lockedBy } : {}) };
}

/** createdBy/createdByClient of a version made by `actor`. */
function authorOf(actor: Actor | undefined): Pick<VersionRecord, "createdBy" | "createdByClient"> {
  if (!actor) return {};
  return { ...(actor.user ? { createdBy: { ...actor.user } } : {}), createdByClient: { ...actor.client } };
}

function operation(
  actionName: OperationRecord["actionName"],
  actor: Actor | undefined,
  actionStatus: OperationRecord["actionStatus"] = "SUCCESS",
): OperationRecord {
  return {
    id: newId(),
    actionName,
    actionStatus,
    ...(actor?.user ? { user: { ...actor.user } } : {}),
    client: { ...(actor?.client ?? ARCHITECT_CLIENT) },
  };
}

function lockMatches(lock: PendingLock, flow: FlowRecord): boolean {
  return lock.flowName === flow.name && (lock.flowType === undefined || lock.flowType.toUpperCase() === flow.type);
}

export function emptyState(): PersistedState {
  return { formatVersion: 1, flows: [], pendingLocks: [] };
}
