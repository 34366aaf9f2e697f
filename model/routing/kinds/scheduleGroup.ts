// A schedule group (genesyscloud_architect_schedulegroups): the open, closed and holiday schedules
// of a time zone, which an IVR config's schedule follows and a flow's Evaluate Schedule Group
// action reads by name. One routing kind (../kind.ts).
import { z } from "zod";
import { namedSchema, routingRef } from "../fields";
import { timeZoneProblem } from "../timeZones";
import { idList as list, orgJson, when, defineRoutingKind, type RoutingReference } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

export const scheduleGroupFile = namedSchema("scheduleGroup", {
  /** IANA time zone, e.g. America/New_York. */
  timeZone: z.string().refine((s) => timeZoneProblem(s) === undefined, {
    error: (i) => timeZoneProblem(String(i.input)) ?? "an IANA time zone",
  }),
  open: z.array(routingRef).default([]),
  closed: z.array(routingRef).default([]),
  holiday: z.array(routingRef).default([]),
});
export type ScheduleGroupFile = z.infer<typeof scheduleGroupFile>;

export interface OrgScheduleGroup {
  kind: "scheduleGroup";
  id: string;
  name: string;
  description?: string;
  timeZone?: string;
  open: string[];
  closed: string[];
  holiday: string[];
}

const LISTS = ["open", "closed", "holiday"] as const;

export const scheduleGroup = defineRoutingKind<ScheduleGroupFile, OrgScheduleGroup>({
  schema: scheduleGroupFile,
  label: ORG_OBJECT_KINDS.scheduleGroup.label,
  folder: "hours",
  stackValues: ["timeZone", "description"],
  flowNodeField: "scheduleGroup",
  references: (v) =>
    LISTS.flatMap((key) => v[key].map((id, i): RoutingReference => ({ path: [key, i], id, to: "schedule" }))),
  details(b, a, field) {
    field("time zone", b.timeZone, a.timeZone);
    for (const key of LISTS) field(`${key} schedules`, list(b[key]), list(a[key]));
  },
  provider: {
    resource: "ArchitectSchedulegroups",
    args: (v, refs) => ({
      timeZone: v.timeZone,
      openSchedulesIds: v.open.map((id) => refs.routing(id)),
      ...(v.closed.length > 0 ? { closedSchedulesIds: v.closed.map((id) => refs.routing(id)) } : {}),
      ...(v.holiday.length > 0 ? { holidaySchedulesIds: v.holiday.map((id) => refs.routing(id)) } : {}),
    }),
  },
  org: {
    ...routingOrgRow("scheduleGroup"),
    fields: {
      timeZone: "time zone",
      openSchedulesIds: "open schedules",
      closedSchedulesIds: "closed schedules",
      holidaySchedulesIds: "holiday schedules",
    },
    observe: (e) => ({
      timeZone: e.timeZone,
      openSchedulesIds: orgJson.refIds(e.openSchedules),
      closedSchedulesIds: orgJson.refIds(e.closedSchedules),
      holidaySchedulesIds: orgJson.refIds(e.holidaySchedules),
    }),
  },
  adopt: {
    read: (e, base) => ({
      ...base,
      kind: "scheduleGroup",
      ...when("timeZone", orgJson.str(e.timeZone)),
      open: orgJson.refIds(e.openSchedules),
      closed: orgJson.refIds(e.closedSchedules),
      holiday: orgJson.refIds(e.holidaySchedules),
    }),
    toFile: (o, common, refs) => ({
      value: {
        kind: "scheduleGroup",
        ...common,
        timeZone: o.timeZone ?? "",
        open: o.open.map((s) => refs.routing("schedule", s, "open schedule")),
        closed: o.closed.map((s) => refs.routing("schedule", s, "closed schedule")),
        holiday: o.holiday.map((s) => refs.routing("schedule", s, "holiday schedule")),
      },
    }),
    terraform: {
      resource: "genesyscloud_architect_schedulegroups",
      dataSource: "genesyscloud_architect_schedulegroups",
      read: (a, base) => ({
        ...base,
        kind: "scheduleGroup",
        ...when("timeZone", orgJson.str(a.time_zone)),
        open: orgJson.strings(a.open_schedules_id),
        closed: orgJson.strings(a.closed_schedules_id),
        holiday: orgJson.strings(a.holiday_schedules_id),
      }),
    },
  },
});
