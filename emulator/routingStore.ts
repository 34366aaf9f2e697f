// The org's routing objects as the emulator keeps them: schedules, schedule groups, IVR configs,
// emergency groups and DID pools, created, read, updated and deleted through the routes the
// official provider calls (emulator/routingRoutes.ts), with the validation Genesys applies (names
// unique per kind, a number in one IVR config only, DID pool ranges that overlap no other pool,
// references that exist, nothing deleted while something uses it, optimistic versions), what a
// delete leaves (gone, or a deleted state: AfterDelete) and the JSON shapes the provider reads back
// (division always present: the provider dereferences it).
// Persisted with the flows (store.ts). An IVR config may route a number no DID pool holds (a real
// org refuses to route it; the emulator does not check, the stack's check warns).
import { z } from "zod";
import { ApiError, badRequest, staleVersion } from "./http";
import { newId } from "./ids";
import { divisionRef, HOME_DIVISION, type Divisions } from "./divisions";
import { rangesOverlap, ROUTING_KIND_UNITS } from "../model/routing/schema";
import type { RouteKind as RoutingKind } from "../model/routing/kinds";
import type { Actor } from "./auth";
import { Records } from "./records";

/** The routing kinds' units (the org objects are orgObjectStore.ts's). */
const UNITS = ROUTING_KIND_UNITS.filter((u) => u.object === undefined);

/** Each routing kind's collection (its route under /api/v2), label and dependency-tracking type: the kind's unit's (model/routing/kinds/). */
export const ROUTING_COLLECTIONS: Readonly<
  Record<RoutingKind, { path: string; label: string; dependencyType: string }>
> = Object.fromEntries(
  UNITS.map((u) => {
    const label = u.label[0].toUpperCase() + u.label.slice(1);
    return [u.kind, { path: u.org.endpoint.replace(/^\/api\/v2\//, ""), label, dependencyType: u.org.dependencyType }];
  }),
) as Record<RoutingKind, { path: string; label: string; dependencyType: string }>;
export type { RoutingKind };
export const ROUTING_KINDS = UNITS.map((u) => u.kind) as readonly RoutingKind[];

export const RoutingRecordSchema = z.object({
  kind: z.enum(ROUTING_KINDS as [RoutingKind, ...RoutingKind[]]),
  id: z.string(),
  version: z.number().int().positive(),
  dateCreated: z.number(),
  dateModified: z.number(),
  /** The writable fields, as the API takes them (references as ids). */
  fields: z.record(z.string(), z.unknown()),
  /** Deleted, kept in its deleted state (the kinds whose `afterDelete` keeps them; absent: live). */
  deleted: z.literal(true).optional(),
  /** Who wrote it last, as the API answers it: the user's id (none for a client-credentials token), the application (the OAuth client's name). */
  modifiedBy: z.string().optional(),
  modifiedByApp: z.string().optional(),
});
export type RoutingRecord = z.infer<typeof RoutingRecordSchema>;

/** What the routes need to know about flows (the flow store, store.ts). */
export interface FlowLookup {
  /** An active flow's name and upper-case API type. */
  getFlow(id: string): { name: string; type: string } | undefined;
}

/** A flow, schedule, schedule group or IVR config that something routes to, and who does. */
export interface RoutingUse {
  kind: RoutingKind;
  id: string;
  name: string;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const refId = (v: unknown): string | undefined =>
  v && typeof v === "object" && typeof (v as { id?: unknown }).id === "string" ? (v as { id: string }).id : undefined;
const refIds = (v: unknown, field: string): string[] => {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw badRequest(`Field '${field}' must be a list of {id}`);
  return v.map((x, i) => refId(x) ?? fail(`Field '${field}[${i}]' must be {id}`));
};
function fail(message: string): never {
  throw badRequest(message);
}
const E164 = /^\+[1-9]\d{1,14}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$/;

export class RoutingStore extends Records<RoutingRecord> {
  constructor(
    onChange: () => void,
    private readonly divisions: Divisions,
    /** The org's flows, which IVR configs and emergency groups route to. */
    readonly flows: FlowLookup,
  ) {
    super(onChange);
  }

  /** The division the record was written with (Home for records written before divisions, and DID pools). */
  divisionOf(r: RoutingRecord): { id: string; name: string; selfUri: string } {
    const id = typeof r.fields.division === "string" ? r.fields.division : undefined;
    return divisionRef((id !== undefined ? this.divisions.get(id) : undefined) ?? this.divisions.home());
  }

  /** A record as GET reads it: live, or deleted and kept in that state. */
  get(kind: RoutingKind, id: string): RoutingRecord | undefined {
    const r = this.records.get(id);
    return r && r.kind === kind ? r : undefined;
  }

  /** A live record (what writes, references and validation see). */
  live(kind: RoutingKind, id: string): RoutingRecord | undefined {
    const r = this.get(kind, id);
    return r && !r.deleted ? r : undefined;
  }

  /** The live records, sorted by name (case-insensitive), then id; `name` is the API's exact (case-insensitive) filter. */
  list(kind: RoutingKind, filter: { name?: string | null } = {}): RoutingRecord[] {
    return this.sorted(
      [...this.records.values()].filter(
        (r) =>
          r.kind === kind &&
          !r.deleted &&
          (!filter.name || String(r.fields.name).toLowerCase() === filter.name.toLowerCase()),
      ),
    );
  }

  /** What the API's list shows: the live records, and the deleted ones of a kind whose listing keeps them (DID pools). */
  listed(kind: RoutingKind): RoutingRecord[] {
    const after = EMULATED[kind].afterDelete;
    return this.sorted(
      [...this.records.values()].filter((r) => r.kind === kind && (!r.deleted || (after.keep && after.listed))),
    );
  }

  private sorted(records: RoutingRecord[]): RoutingRecord[] {
    return records.sort(
      (a, b) =>
        String(a.fields.name).toLowerCase().localeCompare(String(b.fields.name).toLowerCase()) ||
        a.id.localeCompare(b.id),
    );
  }

  create(kind: RoutingKind, body: Record<string, unknown>, now: number, actor?: Actor): RoutingRecord {
    const fields = this.validate(kind, body, undefined);
    const record: RoutingRecord = {
      kind,
      id: newId(),
      version: 1,
      dateCreated: now,
      dateModified: now,
      fields,
      ...modifiedBy(actor),
    };
    this.records.set(record.id, record);
    this.onChange();
    return record;
  }

  update(kind: RoutingKind, id: string, body: Record<string, unknown>, now: number, actor?: Actor): RoutingRecord {
    const record = this.live(kind, id) ?? notFound(kind, id);
    // Optimistic locking: a stale version is refused; no version (the schedule group resource sends none) is taken as current.
    if (body.version !== undefined && body.version !== record.version)
      throw staleVersion(ROUTING_COLLECTIONS[kind].label.toLowerCase(), body.version, record.version);
    record.fields = this.validate(kind, body, id);
    record.version += 1;
    record.dateModified = now;
    delete record.modifiedBy;
    Object.assign(record, modifiedBy(actor));
    this.onChange();
    return record;
  }

  /** Deletes a live record: gone, or kept in its deleted state, as the kind's `afterDelete` says. */
  delete(kind: RoutingKind, id: string, now: number): void {
    const record = this.live(kind, id) ?? notFound(kind, id);
    const users = this.usersOf(id);
    if (users.length > 0) {
      throw new ApiError(
        409,
        "general.resource.in.use",
        `${ROUTING_COLLECTIONS[kind].label} "${String(record.fields.name)}" (${id}) is in use by ${users.map((u) => `${ROUTING_COLLECTIONS[u.kind].label.toLowerCase()} "${u.name}" (${u.id})`).join(", ")}`,
      );
    }
    if (EMULATED[kind].afterDelete.keep) {
      record.deleted = true;
      record.version += 1;
      record.dateModified = now;
    } else this.records.delete(id);
    this.onChange();
  }

  /** The live routing objects that refer to `id` (a flow, schedule, schedule group or IVR config). */
  usersOf(id: string): RoutingUse[] {
    const out: RoutingUse[] = [];
    for (const r of this.records.values()) {
      if (!r.deleted && referencesOf(r).some((ref) => ref.id === id))
        out.push({ kind: r.kind, id: r.id, name: String(r.fields.name) });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  count(): Record<RoutingKind, number> {
    const out = Object.fromEntries(ROUTING_KINDS.map((k) => [k, 0])) as Record<RoutingKind, number>;
    for (const r of this.records.values()) if (!r.deleted) out[r.kind] += 1;
    return out;
  }

  /** The body's writable fields, validated as Genesys does (the kind's own part in EMULATED); throws ApiError 400/404. */
  private validate(
    kind: RoutingKind,
    body: Record<string, unknown>,
    selfId: string | undefined,
  ): Record<string, unknown> {
    const emulated = EMULATED[kind];
    const others = (k: RoutingKind) =>
      [...this.records.values()].filter((r) => r.kind === k && r.id !== selfId && !r.deleted);
    const exists = (k: RoutingKind, id: string, field: string) =>
      this.live(k, id) ?? fail(`Field '${field}': ${ROUTING_COLLECTIONS[k].label.toLowerCase()} ${id} does not exist`);
    const inboundCallFlow = (id: string | undefined, field: string): string | undefined => {
      if (id === undefined) return undefined;
      const f = this.flows.getFlow(id);
      if (!f) fail(`Field '${field}': flow ${id} does not exist`);
      if (f.type !== "INBOUNDCALL")
        fail(`Field '${field}': flow "${f.name}" is a ${f.type} flow; an IVR config routes to inbound call flows only`);
      return id;
    };
    if (!emulated.architect) return emulated.validate({ body, common: {}, others, exists, inboundCallFlow });
    const name = str(body.name)?.trim();
    if (!name) fail("Field 'name' is required and cannot be empty.");
    const dup = this.list(kind, { name }).find((r) => r.id !== selfId);
    if (dup)
      throw new ApiError(
        400,
        "general.bad.request",
        `A ${ROUTING_COLLECTIONS[kind].label.toLowerCase()} named "${name}" already exists (${dup.id})`,
      );
    const description = str(body.description);
    // The division it is written with (a division the org lacks is refused); an update without one keeps the old.
    const previous = selfId !== undefined ? this.records.get(selfId)?.fields.division : undefined;
    const division =
      body.division === undefined && typeof previous === "string" ? previous : this.divisions.resolve(body.division).id;
    const common = { name, ...(description !== undefined && description !== "" ? { description } : {}), division };
    return emulated.validate({ body, common, others, exists, inboundCallFlow });
  }
}

/** What a kind's validation is given: the body, the fields every Architect object has, and lookups that refuse (400) what is missing. */
interface ValidateContext {
  body: Record<string, unknown>;
  /** Name, description and division, checked (none for an object that is not an Architect object). */
  common: Record<string, unknown>;
  /** The other stored records of a kind. */
  others(kind: RoutingKind): RoutingRecord[];
  exists(kind: RoutingKind, id: string, field: string): RoutingRecord;
  inboundCallFlow(id: string | undefined, field: string): string | undefined;
}

/** A reference as the API writes it: `{id, name, selfUri}`. */
interface JsonRefs {
  ref(kind: RoutingKind, id: unknown): Record<string, unknown> | undefined;
  flowRef(id: unknown): Record<string, unknown> | undefined;
}

/**
 * What a DELETE leaves of an object, on the evidence of the official provider (v1.84.2), whose
 * acceptance tests run against Genesys: `keep: false`, gone (GET answers 404): the provider's tests
 * of schedules, schedule groups and emergency groups fail on any other answer after their destroy;
 * `keep: true`, the object answered with state "deleted" (the spec's `state` enum), which the
 * provider's IVR config and DID pool code and tests read as deleted; `listed`: its listing still
 * shows it (the provider filters deleted DID pools out of the list itself).
 */
type AfterDelete = { keep: false } | { keep: true; listed: boolean };

/** How the emulator keeps one routing kind: what Genesys validates, what it refers to, what the API answers. */
interface EmulatedKind {
  /** An Architect object: named (unique per kind), in a division. A DID pool is not: its range names it, it is in Home. */
  architect: boolean;
  afterDelete: AfterDelete;
  validate(c: ValidateContext): Record<string, unknown>;
  /** What a record refers to (dependency tracking's edges); none when absent (a schedule, a DID pool). */
  references?(f: Record<string, unknown>): Array<{ id: string; objectType: string }>;
  /** The kind's own fields as the API answers them. */
  json(f: Record<string, unknown>, refs: JsonRefs): Record<string, unknown>;
}

const flowUse = (id: unknown) => (typeof id === "string" ? [{ id, objectType: "INBOUNDCALLFLOW" }] : []);

/** Every routing kind the emulator keeps (a kind without an entry does not compile). */
const EMULATED: Readonly<Record<RoutingKind, EmulatedKind>> = {
  schedule: {
    architect: true,
    afterDelete: { keep: false },
    validate({ body, common }) {
      const start = str(body.start);
      const end = str(body.end);
      if (!start || !LOCAL_DATE_TIME.test(start))
        fail("Field 'start' must be a local date-time such as 2026-01-05T08:00:00.000");
      if (!end || !LOCAL_DATE_TIME.test(end))
        fail("Field 'end' must be a local date-time such as 2026-01-05T18:00:00.000");
      if (end <= start) fail("Field 'end' must be after 'start'");
      const rrule = str(body.rrule);
      if (rrule !== undefined && rrule !== "" && !rrule.split(";").some((part) => /^(RRULE:)?FREQ=[A-Z]+$/i.test(part)))
        fail(`Field 'rrule': "${rrule}" is not a valid recurrence rule (no FREQ)`);
      return { ...common, start, end, ...(rrule ? { rrule } : {}) };
    },
    json: (f) => ({ start: f.start, end: f.end, ...(f.rrule !== undefined ? { rrule: f.rrule } : {}) }),
  },
  scheduleGroup: {
    architect: true,
    afterDelete: { keep: false },
    validate({ body, common, exists }) {
      const timeZone = str(body.timeZone);
      if (timeZone !== undefined) {
        try {
          new Intl.DateTimeFormat("en-US", { timeZone });
        } catch {
          fail(`Field 'timeZone': "${timeZone}" is not a time zone`);
        }
      }
      // ScheduleGroup requires a name only (Platform API v2): a group without open schedules is
      // taken, as Genesys takes it (an IVR config routing with it is then always closed).
      const open = refIds(body.openSchedules, "openSchedules");
      const closed = refIds(body.closedSchedules, "closedSchedules");
      const holiday = refIds(body.holidaySchedules, "holidaySchedules");
      for (const [field, ids] of [
        ["openSchedules", open],
        ["closedSchedules", closed],
        ["holidaySchedules", holiday],
      ] as const)
        for (const id of ids) exists("schedule", id, field);
      return {
        ...common,
        ...(timeZone ? { timeZone } : {}),
        openSchedules: open,
        closedSchedules: closed,
        holidaySchedules: holiday,
      };
    },
    references: (f) =>
      (["openSchedules", "closedSchedules", "holidaySchedules"] as const).flatMap((k) =>
        ((f[k] as string[]) ?? []).map((id) => ({ id, objectType: "SCHEDULE" })),
      ),
    json: (f, { ref }) => ({
      ...(f.timeZone !== undefined ? { timeZone: f.timeZone } : {}),
      openSchedules: (f.openSchedules as string[]).map((id) => ref("schedule", id)),
      closedSchedules: (f.closedSchedules as string[]).map((id) => ref("schedule", id)),
      holidaySchedules: (f.holidaySchedules as string[]).map((id) => ref("schedule", id)),
    }),
  },
  ivr: {
    architect: true,
    afterDelete: { keep: true, listed: false },
    validate({ body, common, others, exists, inboundCallFlow }) {
      // A dnis that is not a list the request's shape refused (requestBodies.ts IVR).
      const dnis = (body.dnis ?? []) as unknown[];
      const seen = new Set<string>();
      for (const n of dnis) {
        if (typeof n !== "string" || !E164.test(n)) fail(`Field 'dnis': ${JSON.stringify(n)} is not an E.164 number`);
        if (seen.has(n)) fail(`Field 'dnis': ${n} is listed twice`);
        seen.add(n);
        const holder = others("ivr").find((r) => ((r.fields.dnis as string[]) ?? []).includes(n));
        if (holder)
          throw new ApiError(
            400,
            "general.bad.request",
            `Field 'dnis': ${n} is already assigned to IVR config "${String(holder.fields.name)}" (${holder.id})`,
          );
      }
      const scheduleGroup = refId(body.scheduleGroup);
      if (scheduleGroup !== undefined) exists("scheduleGroup", scheduleGroup, "scheduleGroup");
      const open = inboundCallFlow(refId(body.openHoursFlow), "openHoursFlow");
      const closed = inboundCallFlow(refId(body.closedHoursFlow), "closedHoursFlow");
      const holiday = inboundCallFlow(refId(body.holidayHoursFlow), "holidayHoursFlow");
      return {
        ...common,
        dnis: [...dnis] as string[],
        ...(open ? { openHoursFlow: open } : {}),
        ...(closed ? { closedHoursFlow: closed } : {}),
        ...(holiday ? { holidayHoursFlow: holiday } : {}),
        ...(scheduleGroup ? { scheduleGroup } : {}),
      };
    },
    references: (f) => [
      ...flowUse(f.openHoursFlow),
      ...flowUse(f.closedHoursFlow),
      ...flowUse(f.holidayHoursFlow),
      ...(typeof f.scheduleGroup === "string" ? [{ id: f.scheduleGroup, objectType: "SCHEDULEGROUP" }] : []),
    ],
    json: (f, { ref, flowRef }) => ({
      dnis: f.dnis,
      ...(f.openHoursFlow !== undefined ? { openHoursFlow: flowRef(f.openHoursFlow) } : {}),
      ...(f.closedHoursFlow !== undefined ? { closedHoursFlow: flowRef(f.closedHoursFlow) } : {}),
      ...(f.holidayHoursFlow !== undefined ? { holidayHoursFlow: flowRef(f.holidayHoursFlow) } : {}),
      ...(f.scheduleGroup !== undefined ? { scheduleGroup: ref("scheduleGroup", f.scheduleGroup) } : {}),
    }),
  },
  emergencyGroup: {
    architect: true,
    afterDelete: { keep: false },
    validate({ body, common, exists, inboundCallFlow }) {
      const enabled =
        body.enabled === undefined
          ? false
          : typeof body.enabled === "boolean"
            ? body.enabled
            : fail("Field 'enabled' must be true or false");
      // A value that is not a list the request's shape refused (requestBodies.ts EmergencyGroup).
      const raw = (body.emergencyCallFlows ?? []) as unknown[];
      const callFlows = raw.map((cf: unknown, i: number) => {
        const c = (cf ?? {}) as Record<string, unknown>;
        const flow = inboundCallFlow(
          refId(c.emergencyFlow) ?? fail(`Field 'emergencyCallFlows[${i}].emergencyFlow' is required`),
          `emergencyCallFlows[${i}].emergencyFlow`,
        )!;
        const ivrs = refIds(c.ivrs, `emergencyCallFlows[${i}].ivrs`);
        for (const id of ivrs) exists("ivr", id, `emergencyCallFlows[${i}].ivrs`);
        return { emergencyFlow: flow, ivrs };
      });
      return { ...common, enabled, emergencyCallFlows: callFlows };
    },
    references: (f) =>
      ((f.emergencyCallFlows as Array<{ emergencyFlow: string; ivrs: string[] }>) ?? []).flatMap((c) => [
        ...flowUse(c.emergencyFlow),
        ...c.ivrs.map((id) => ({ id, objectType: "IVRCONFIGURATION" })),
      ]),
    json: (f, { ref, flowRef }) => ({
      enabled: f.enabled,
      emergencyCallFlows: ((f.emergencyCallFlows as Array<{ emergencyFlow: string; ivrs: string[] }>) ?? []).map(
        (c) => ({ emergencyFlow: flowRef(c.emergencyFlow), ivrs: c.ivrs.map((id) => ref("ivr", id)) }),
      ),
    }),
  },
  didPool: {
    architect: false,
    afterDelete: { keep: true, listed: true },
    /**
     * POST/PUT /api/v2/telephony/providers/edges/didpools as the provider sends them (empty
     * description, comments and provider when unset): both ends E.164 of one length, in order, and
     * a range that overlaps no other pool (Genesys refuses it). The provider defaults to
     * PURE_CLOUD, which the API then reports.
     */
    validate({ body, others }) {
      const start = str(body.startPhoneNumber);
      const end = str(body.endPhoneNumber);
      if (!start || !E164.test(start))
        fail(`Field 'startPhoneNumber': ${JSON.stringify(body.startPhoneNumber ?? null)} is not an E.164 number`);
      if (!end || !E164.test(end))
        fail(`Field 'endPhoneNumber': ${JSON.stringify(body.endPhoneNumber ?? null)} is not an E.164 number`);
      if (start.length !== end.length || BigInt(end.slice(1)) < BigInt(start.slice(1)))
        fail(
          `Fields 'startPhoneNumber' and 'endPhoneNumber': ${start}..${end} is not a range (same number of digits, start first)`,
        );
      const provider = str(body.provider) || "PURE_CLOUD";
      if (provider !== "PURE_CLOUD" && provider !== "PURE_CLOUD_VOICE")
        fail(`Field 'provider': "${provider}" is not PURE_CLOUD or PURE_CLOUD_VOICE`);
      const fields = {
        startPhoneNumber: start,
        endPhoneNumber: end,
        provider,
        ...(str(body.description) ? { description: body.description } : {}),
        ...(str(body.comments) ? { comments: body.comments } : {}),
      };
      const mine = poolRange(fields);
      for (const r of others("didPool")) {
        if (rangesOverlap(mine, poolRange(r.fields))) {
          throw new ApiError(
            400,
            "general.bad.request",
            `The DID range ${start}..${end} overlaps DID pool ${r.id} (${String(r.fields.startPhoneNumber)}..${String(r.fields.endPhoneNumber)})`,
          );
        }
      }
      return fields;
    },
    json: (f) => ({
      startPhoneNumber: f.startPhoneNumber,
      endPhoneNumber: f.endPhoneNumber,
      provider: f.provider,
      ...(f.comments !== undefined ? { comments: f.comments } : {}),
    }),
  },
};

/** The modifiedBy and modifiedByApp of a write by `actor`. */
const modifiedBy = (actor: Actor | undefined) =>
  actor ? { ...(actor.user ? { modifiedBy: actor.user.id } : {}), modifiedByApp: actor.client.name } : {};

/** A stored DID pool's range. */
const poolRange = (f: Record<string, unknown>) => ({ from: String(f.startPhoneNumber), to: String(f.endPhoneNumber) });

function notFound(kind: RoutingKind, id: string): never {
  throw new ApiError(404, "not.found", `${ROUTING_COLLECTIONS[kind].label} ${id} not found`);
}

/** What a record refers to: flows, schedules, schedule groups, IVR configs (dependency tracking's edges). */
export function referencesOf(r: RoutingRecord): Array<{ id: string; objectType: string }> {
  return EMULATED[r.kind].references?.(r.fields) ?? [];
}

/** Whether records of the kind are Architect objects (named, in a division); a DID pool is not. */
export function isArchitectObject(kind: RoutingKind): boolean {
  return EMULATED[kind].architect;
}

/** A record as the API answers it (references expanded to {id, name, selfUri}). */
export function routingJson(store: RoutingStore, r: RoutingRecord): Record<string, unknown> {
  const f = r.fields;
  const path = ROUTING_COLLECTIONS[r.kind].path;
  const ref = (kind: RoutingKind, id: unknown) =>
    typeof id === "string"
      ? {
          id,
          name: String(store.get(kind, id)?.fields.name ?? ""),
          selfUri: `/api/v2/${ROUTING_COLLECTIONS[kind].path}/${id}`,
        }
      : undefined;
  const flowRef = (id: unknown) =>
    typeof id === "string"
      ? { id, name: store.flows.getFlow(id)?.name ?? "", selfUri: `/api/v2/flows/${id}` }
      : undefined;
  const base = {
    id: r.id,
    name: f.name,
    ...(f.description !== undefined ? { description: f.description } : {}),
    division: EMULATED[r.kind].architect ? store.divisionOf(r) : HOME_DIVISION,
    version: r.version,
    state: r.deleted ? "deleted" : "active",
    dateCreated: new Date(r.dateCreated).toISOString(),
    dateModified: new Date(r.dateModified).toISOString(),
    ...(r.modifiedBy ? { modifiedBy: r.modifiedBy } : {}),
    ...(r.modifiedByApp ? { modifiedByApp: r.modifiedByApp } : {}),
  };
  return { ...base, ...EMULATED[r.kind].json(f, { ref, flowRef }), selfUri: `/api/v2/${path}/${r.id}` };
}
