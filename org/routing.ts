// The org's routing objects, read for adoption (flows:import --stack): every schedule, schedule
// group, IVR config and emergency group, each collection through the endpoint the official
// provider's resources read (v1.84.2, genesyscloud/architect_schedules, architect_schedulegroups,
// architect_ivr, architect_emergencygroup: GET /api/v2/architect/<collection>, every page), parsed
// into OrgRoutingObject (org/model.ts). Objects whose state is "deleted" and entries without an id
// or a name are left out. The client is the one of org/client.ts.
import type { OrgApi } from "./client";
import type { OrgRef, OrgRoutingObject } from "./model";

type Json = Record<string, unknown>;

export const ROUTING_ENDPOINTS = {
  schedule: "/api/v2/architect/schedules",
  scheduleGroup: "/api/v2/architect/schedulegroups",
  ivr: "/api/v2/architect/ivrs",
  emergencyGroup: "/api/v2/architect/emergencygroups",
} as const;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const ref = (v: unknown): OrgRef | undefined => {
  const id = str((v as Json | undefined)?.id);
  return id === undefined ? undefined : { id, name: str((v as Json).name) ?? "" };
};
const refIds = (v: unknown): string[] => (Array.isArray(v) ? v.map(ref).filter((r): r is OrgRef => r !== undefined).map((r) => r.id) : []);
const opt = <K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

/** One API entity as an OrgRoutingObject of `kind`; undefined when it lacks an id or a name, or is deleted. */
export function orgRoutingObject(kind: OrgRoutingObject["kind"], e: Json): OrgRoutingObject | undefined {
  const id = str(e.id);
  const name = str(e.name);
  if (id === undefined || name === undefined || e.state === "deleted") return undefined;
  const common = { id, name, ...opt("description", str(e.description)) };
  switch (kind) {
    case "schedule":
      return { kind, ...common, start: String(e.start ?? ""), end: String(e.end ?? ""), ...opt("rrule", str(e.rrule)) };
    case "scheduleGroup":
      return { kind, ...common, ...opt("timeZone", str(e.timeZone)), open: refIds(e.openSchedules), closed: refIds(e.closedSchedules), holiday: refIds(e.holidaySchedules) };
    case "ivr":
      return {
        kind,
        ...common,
        numbers: Array.isArray(e.dnis) ? e.dnis.filter((d): d is string => typeof d === "string") : [],
        ...opt("open", ref(e.openHoursFlow)),
        ...opt("closed", ref(e.closedHoursFlow)),
        ...opt("holiday", ref(e.holidayHoursFlow)),
        ...opt("scheduleGroup", ref(e.scheduleGroup)?.id),
      };
    case "emergencyGroup":
      return {
        kind,
        ...common,
        enabled: e.enabled === true,
        callFlows: (Array.isArray(e.emergencyCallFlows) ? (e.emergencyCallFlows as Json[]) : []).map((c) => ({ ...opt("flow", ref(c?.emergencyFlow)), ivrs: refIds(c?.ivrs) })),
      };
  }
}

/** Every routing object of the org, by kind in the order above, each kind sorted by name then id. */
export async function readOrgRouting(api: OrgApi): Promise<OrgRoutingObject[]> {
  const out: OrgRoutingObject[] = [];
  for (const kind of Object.keys(ROUTING_ENDPOINTS) as Array<keyof typeof ROUTING_ENDPOINTS>) {
    const found = (await api.all<Json>(ROUTING_ENDPOINTS[kind], {})).map((e) => orgRoutingObject(kind, e)).filter((o): o is OrgRoutingObject => o !== undefined);
    out.push(...found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)));
  }
  return out;
}

/** The org's DID pools (GET /api/v2/telephony/providers/edges/didpools, every page), deleted ones left out. */
export async function readDidPools(api: Pick<OrgApi, "all">): Promise<Array<{ id: string; from: string; to: string }>> {
  const found = await api.all<Json>("/api/v2/telephony/providers/edges/didpools", {});
  return found
    .filter((p) => typeof p.id === "string" && typeof p.startPhoneNumber === "string" && typeof p.endPhoneNumber === "string" && p.state !== "deleted")
    .map((p) => ({ id: p.id as string, from: p.startPhoneNumber as string, to: p.endPhoneNumber as string }));
}
