// An IVR config (genesyscloud_architect_ivr): the numbers (DNIS) it routes, and the inbound call
// flows they reach while its schedule group is open, closed or on holiday. One routing kind (../kind.ts).
import { z } from "zod";
import { expandNumbers, flowRef, MAX_RANGE, namedSchema, numberEntry, routingRef, type NumberEntry } from "../fields";
import { orgJson, when, type OrgRef, defineRoutingKind, type RoutingReference } from "../kind";

export const ivrFile = namedSchema("ivr", {
  /** The DNIS numbers (E.164) or ranges `{from, to}` routed to this IVR config. */
  numbers: z.array(numberEntry).default([]),
  /** Inbound call flows by flow id. */
  flows: z.object({ open: flowRef, closed: flowRef.optional(), holiday: flowRef.optional() }).strict(),
  scheduleGroup: routingRef.optional(),
});
export type IvrFile = z.infer<typeof ivrFile>;

export interface OrgIvrConfig {
  kind: "ivr";
  id: string;
  name: string;
  description?: string;
  numbers: string[];
  open?: OrgRef;
  closed?: OrgRef;
  holiday?: OrgRef;
  scheduleGroup?: string;
}

/** The schedule states, each with its flow. */
export const IVR_STATES = ["open", "closed", "holiday"] as const;
const STATE_WORDS: Readonly<Record<(typeof IVR_STATES)[number], string>> = {
  open: "open-hours flow",
  closed: "closed-hours flow",
  holiday: "holiday flow",
};

/**
 * An IVR config's numbers as file entries, in the org's order: a run of three or more consecutive
 * numbers (each the previous plus one) becomes a range, so expanding the entries gives the org's list back.
 */
export function numberEntries(numbers: readonly string[]): NumberEntry[] {
  const out: NumberEntry[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 3) out.push({ from: run[0], to: run[run.length - 1] });
    else out.push(...run);
    run = [];
  };
  const next = (a: string, b: string) =>
    /^\+\d+$/.test(a) && /^\+\d+$/.test(b) && a.length === b.length && BigInt(b.slice(1)) === BigInt(a.slice(1)) + 1n;
  for (const n of numbers) {
    if (run.length > 0 && (!next(run[run.length - 1], n) || run.length >= MAX_RANGE)) flush();
    run.push(n);
  }
  flush();
  return out;
}

export const ivr = defineRoutingKind<IvrFile, OrgIvrConfig>({
  schema: ivrFile,
  label: "IVR config",
  folder: "ivr",
  stackValues: ["numbers", "description"],
  componentType: "genesys-flows:index:IvrConfig",
  references: (v) => [
    ...(v.scheduleGroup !== undefined ? [{ path: ["scheduleGroup"], id: v.scheduleGroup, to: "scheduleGroup" }] : []),
    ...IVR_STATES.flatMap((state): RoutingReference[] =>
      v.flows[state] !== undefined ? [{ path: ["flows", state], id: v.flows[state], to: "flow", when: state }] : [],
    ),
  ],
  routes: (v) => v.numbers,
  details(b, a, field) {
    for (const key of IVR_STATES) field(`${key} flow`, b.flows[key], a.flows[key]);
    field("schedule group", b.scheduleGroup, a.scheduleGroup);
  },
  provider: {
    // `name` is ForceNew in the provider's schema (v1.84.2, genesyscloud/architect_ivr/resource_genesyscloud_architect_ivr_schema.go): a rename is a new object.
    replaceOn: ["name"],
    resource: "ArchitectIvr",
    args: (v, refs) => {
      const numbers = expandNumbers(v.numbers).map((n) => n.number);
      return {
        ...(numbers.length > 0 ? { dnis: numbers } : {}),
        openHoursFlowId: refs.flow(v.flows.open),
        ...(v.flows.closed !== undefined ? { closedHoursFlowId: refs.flow(v.flows.closed) } : {}),
        ...(v.flows.holiday !== undefined ? { holidayHoursFlowId: refs.flow(v.flows.holiday) } : {}),
        ...(v.scheduleGroup !== undefined ? { scheduleGroupId: refs.routing(v.scheduleGroup) } : {}),
      };
    },
  },
  org: {
    endpoint: "/api/v2/architect/ivrs",
    permission: "routing:callRoute:view",
    dependencyType: "IVRCONFIGURATION",
    fields: {
      dnis: "numbers",
      openHoursFlowId: STATE_WORDS.open,
      closedHoursFlowId: STATE_WORDS.closed,
      holidayHoursFlowId: STATE_WORDS.holiday,
      scheduleGroupId: "schedule group",
    },
    observe: (e) => ({
      dnis: e.dnis,
      openHoursFlowId: orgJson.ref(e.openHoursFlow)?.id,
      closedHoursFlowId: orgJson.ref(e.closedHoursFlow)?.id,
      holidayHoursFlowId: orgJson.ref(e.holidayHoursFlow)?.id,
      scheduleGroupId: orgJson.ref(e.scheduleGroup)?.id,
    }),
  },
  adopt: {
    read: (e, base) => ({
      ...base,
      kind: "ivr",
      numbers: Array.isArray(e.dnis) ? e.dnis.filter((d): d is string => typeof d === "string") : [],
      ...when("open", orgJson.ref(e.openHoursFlow)),
      ...when("closed", orgJson.ref(e.closedHoursFlow)),
      ...when("holiday", orgJson.ref(e.holidayHoursFlow)),
      ...when("scheduleGroup", orgJson.ref(e.scheduleGroup)?.id),
    }),
    toFile(o, common, refs) {
      if (!o.open) {
        refs.problem("it has no open-hours flow; the routing format needs one (set it in Genesys first)");
        return undefined;
      }
      const flows = {
        open: refs.flow(o.open, STATE_WORDS.open),
        ...(o.closed ? { closed: refs.flow(o.closed, STATE_WORDS.closed) } : {}),
        ...(o.holiday ? { holiday: refs.flow(o.holiday, STATE_WORDS.holiday) } : {}),
      };
      // The numbers differ per org: they stay in the adopting stack's file.
      return {
        value: {
          kind: "ivr",
          ...common,
          numbers: [],
          flows,
          ...(o.scheduleGroup !== undefined
            ? { scheduleGroup: refs.routing("scheduleGroup", o.scheduleGroup, "schedule group") }
            : {}),
        },
        ...(o.numbers.length > 0 ? { stackValues: { numbers: numberEntries(o.numbers) } } : {}),
      };
    },
    terraform: {
      resource: "genesyscloud_architect_ivr",
      dataSource: "genesyscloud_architect_ivr",
      read: (a, base, flow) => ({
        ...base,
        kind: "ivr",
        numbers: orgJson.strings(a.dnis),
        ...when("open", flow(a.open_hours_flow_id)),
        ...when("closed", flow(a.closed_hours_flow_id)),
        ...when("holiday", flow(a.holiday_hours_flow_id)),
        ...when("scheduleGroup", orgJson.str(a.schedule_group_id)),
      }),
    },
  },
});
