// A schedule (genesyscloud_architect_schedules): a time window, once or recurring by an iCalendar
// RRULE, in the local time of the schedule group that lists it. One routing kind (../kind.ts).
import { z } from "zod";
import { localDateTime, namedSchema, providerDateTime } from "../fields";
import { rruleProblem } from "../rrule";
import { orgJson, when, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

export const scheduleFile = namedSchema("schedule", {
  /** First occurrence (local time of the schedule group's time zone). */
  start: localDateTime,
  end: localDateTime,
  /** iCalendar RRULE (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR. None: once, start to end. */
  rrule: z
    .string()
    .refine((s) => rruleProblem(s) === undefined, { error: (i) => rruleProblem(String(i.input)) ?? "an RRULE" })
    .optional(),
});
export type ScheduleFile = z.infer<typeof scheduleFile>;

/** `2026-01-05T08:00:00.000000` -> `2026-01-05T08:00:00`: a zero fraction dropped, a real one kept. */
export function localDateTimeOf(api: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d+)$/.exec(api);
  if (!m) return api;
  const fraction = m[2].replace(/0+$/, "");
  return fraction === "" ? m[1] : `${m[1]}.${fraction.slice(0, 6)}`;
}

export interface OrgSchedule {
  kind: "schedule";
  id: string;
  name: string;
  description?: string;
  start: string;
  end: string;
  rrule?: string;
}

export const schedule = defineRoutingKind<ScheduleFile, OrgSchedule>({
  schema: scheduleFile,
  label: ORG_OBJECT_KINDS.schedule.label,
  folder: "schedules",
  stackValues: ["start", "end", "rrule", "description"],
  details(b, a, field) {
    field("start", b.start, a.start);
    field("end", b.end, a.end);
    field("rrule", b.rrule, a.rrule);
  },
  provider: {
    resource: "ArchitectSchedules",
    args: (v) => ({ start: providerDateTime(v.start), end: providerDateTime(v.end), ...when("rrule", v.rrule) }),
  },
  org: {
    ...routingOrgRow("schedule"),
    fields: { start: "start", end: "end", rrule: "recurrence" },
    observe: (e) => ({ start: e.start, end: e.end, rrule: e.rrule }),
  },
  adopt: {
    read: (e, base) => ({
      ...base,
      kind: "schedule",
      start: String(e.start ?? ""),
      end: String(e.end ?? ""),
      ...when("rrule", orgJson.str(e.rrule)),
    }),
    toFile: (o, common) => ({
      value: {
        kind: "schedule",
        ...common,
        start: localDateTimeOf(o.start),
        end: localDateTimeOf(o.end),
        ...when("rrule", o.rrule),
      },
    }),
    terraform: {
      resource: "genesyscloud_architect_schedules",
      dataSource: "genesyscloud_architect_schedules",
      read: (a, base) => ({
        ...base,
        kind: "schedule",
        start: String(a.start ?? ""),
        end: String(a.end ?? ""),
        ...when("rrule", orgJson.str(a.rrule)),
      }),
    },
  },
});
