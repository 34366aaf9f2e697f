// The routing rules' checks, one function per rule (registered with the rule's entry in
// checks/routingRules.ts). What a kind names, routes or holds is the kind's (model/routing/kinds/):
// a rule asks the unit, so a new kind is checked without a line here. The rules about one kind's
// own meaning (a schedule's days, a schedule group's open schedule) say which kind. Pure.
import { nameKeys, twinDifference } from "../model/visibleNames";
import type { LoadedRouting } from "../model/routing/load";
import {
  expandNumbers,
  isKind,
  localDateTimeProblem,
  rangeHolds,
  rangesOverlap,
  unitOf,
  type NumberRange,
} from "../model/routing/schema";
import { rruleWeekDays } from "../model/routing/rrule";
import { didYouMean } from "../archy/suggest";
import type { Finding } from "./finding";
import { IVR_FLOW_API_TYPE, type RoutingRun } from "./routingInput";

const DAY_NAMES: Readonly<Record<string, string>> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};
const DAY_OF_WEEK = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

const referencesOf = (o: LoadedRouting) => unitOf(o.value.kind).references(o.value);
const routedBy = (o: LoadedRouting) => unitOf(o.value.kind).routes?.(o.value);
const heldBy = (o: LoadedRouting): NumberRange | undefined => unitOf(o.value.kind).holds?.(o.value);

/** routing-references: every routing id an object names exists and is of the kind it must be; closed and holiday flows need a schedule group. */
export function checkRoutingReferences(run: RoutingRun): Finding[] {
  const found = run.findings("routing-references");
  for (const o of run.input.objects) {
    for (const r of referencesOf(o)) {
      if (r.to === "flow") continue;
      const target = run.byId.get(r.id);
      if (!target) {
        const sameKind = run.input.objects.filter((x) => x.value.kind === r.to).map((x) => x.id);
        found.add(o, r.path, `no ${r.to} routing/${r.id}.yaml${didYouMean(r.id, sameKind)}`);
      } else if (target.value.kind !== r.to) {
        found.add(o, r.path, `routing/${r.id}.yaml is a ${target.value.kind}, not a ${r.to}`);
      }
    }
    const v = o.value;
    if (
      isKind(v, "ivr") &&
      (v.flows.closed !== undefined || v.flows.holiday !== undefined) &&
      v.scheduleGroup === undefined
    ) {
      found.add(o, ["flows"], "closed and holiday flows need a scheduleGroup that says when the IVR config is closed");
    }
  }
  return found.list;
}

/** routing-flows: every flow an object routes to is an inbound call flow of the stack. */
export function checkRoutingFlows(run: RoutingRun): Finding[] {
  const found = run.findings("routing-flows");
  for (const o of run.input.objects) {
    for (const r of referencesOf(o)) {
      if (r.to !== "flow") continue;
      const f = run.flowsById.get(r.id);
      if (!f)
        found.add(o, r.path, `no flow flows/${r.id}.yaml in this stack${didYouMean(r.id, [...run.flowsById.keys()])}`);
      else if (f.apiType !== undefined && f.apiType !== IVR_FLOW_API_TYPE)
        found.add(
          o,
          r.path,
          `flows/${r.id}.yaml is not an inbound call flow (${f.apiType}); Genesys routes numbers to inbound call flows only`,
        );
    }
  }
  return found.list;
}

/** routing-schedules: a schedule ends after it starts, and starts on a day its RRULE lists. */
export function checkRoutingSchedules(run: RoutingRun): Finding[] {
  const found = run.findings("routing-schedules");
  for (const o of run.input.objects) {
    const v = o.value;
    if (!isKind(v, "schedule")) continue;
    if (localDateTimeProblem(v.start) === undefined && localDateTimeProblem(v.end) === undefined && v.end <= v.start) {
      found.add(o, ["end"], `ends (${v.end}) before it starts (${v.start})`);
    }
    const days = v.rrule ? rruleWeekDays(v.rrule) : [];
    const startDay = DAY_OF_WEEK[new Date(`${v.start.slice(0, 10)}T00:00:00Z`).getUTCDay()];
    if (days.length > 0 && !days.includes(startDay)) {
      found.add(
        o,
        ["start"],
        `starts on a ${DAY_NAMES[startDay]}, a day the rrule's BYDAY (${days.join(",")}) does not list; the provider refuses it: start on a listed day`,
      );
    }
  }
  return found.list;
}

/** routing-open-schedule: a schedule group has an open schedule. */
export function checkRoutingOpenSchedule(run: RoutingRun): Finding[] {
  return run.input.objects.flatMap((o) =>
    isKind(o.value, "scheduleGroup") && o.value.open.length === 0
      ? [
          run.find(
            "routing-open-schedule",
            o,
            ["open"],
            "a schedule group needs at least one open schedule (Genesys requires one)",
          ),
        ]
      : [],
  );
}

/** The first object routing each number, with the entry that routes it; `twice` gets every later one. */
function numberHolders(
  run: RoutingRun,
  twice?: (number: string, o: LoadedRouting, entry: number, first: { o: LoadedRouting; entry: number }) => void,
): Map<string, { o: LoadedRouting; entry: number }> {
  const holders = new Map<string, { o: LoadedRouting; entry: number }>();
  for (const o of run.input.objects) {
    for (const { number, entry } of expandNumbers(routedBy(o) ?? [])) {
      const first = holders.get(number);
      if (first) twice?.(number, o, entry, first);
      else holders.set(number, { o, entry });
    }
  }
  return holders;
}

/** routing-numbers: a number is routed once, within the stack and against the org's IVR configs the stack does not manage. */
export function checkRoutingNumbers(run: RoutingRun): Finding[] {
  const found = run.findings("routing-numbers");
  const holders = numberHolders(run, (number, o, entry, first) => {
    const where =
      first.o === o
        ? "earlier in this IVR config"
        : `by ${first.o.file} (line ${first.o.locator.locate(["numbers", first.entry]).line})`;
    found.add(o, ["numbers", entry], `${number} is already routed ${where}; a number goes to one IVR config`);
  });
  for (const ivr of run.input.unmanagedIvrs ?? []) {
    for (const number of ivr.numbers) {
      const mine = holders.get(number);
      if (mine) {
        found.add(
          mine.o,
          ["numbers", mine.entry],
          `${number} is routed in the org by IVR config "${ivr.name}" (${ivr.id}), which this stack does not manage; remove it there first, or adopt that IVR config (flows:import)`,
        );
      }
    }
  }
  return found.list;
}

/** routing-unique-names: objects of one kind have distinct published names (case-insensitively); unnamed kinds have none. */
export function checkRoutingUniqueNames(run: RoutingRun): Finding[] {
  const found = run.findings("routing-unique-names");
  const names = new Map<string, LoadedRouting>();
  for (const o of run.input.objects) {
    if (!unitOf(o.value.kind).named) continue;
    // As a person sees it (model/visibleNames.ts): case-insensitively, and confusables alike.
    const name = run.publishedName(o);
    const keys = nameKeys(name).map((k) => `${o.value.kind}\u0000${k}`);
    const first = names.get(keys[0]!) ?? names.get(keys[1]!);
    const firstName = first ? run.publishedName(first) : "";
    if (first && firstName.toLowerCase() !== name.toLowerCase())
      found.add(
        o,
        ["name"],
        `${o.value.kind} name "${name}" looks the same as "${firstName}" of ${first.file} (${twinDifference(name, firstName)}): a person cannot tell them apart`,
      );
    else if (first) found.add(o, ["name"], `${o.value.kind} name "${name}" is also used by ${first.file}`);
    else for (const key of keys) names.set(key, o);
  }
  return found.list;
}

/** routing-did-pools: the stack's DID pools do not overlap (Genesys refuses a DID pool that overlaps another). */
export function checkRoutingDidPools(run: RoutingRun): Finding[] {
  const found = run.findings("routing-did-pools");
  const pools = run.input.objects.flatMap((o) => {
    const range = heldBy(o);
    return range === undefined ? [] : [{ o, range }];
  });
  pools.forEach(({ o, range: r }, i) => {
    for (const { o: q, range: s } of pools.slice(0, i)) {
      if (rangesOverlap(r, s))
        found.add(
          o,
          ["numbers"],
          `range ${r.from}..${r.to} overlaps DID pool ${q.file} (${s.from}..${s.to}); Genesys refuses a DID pool that overlaps another`,
        );
    }
  });
  return found.list;
}

/**
 * routing-unheld-numbers: when the org's DID pools are known, the numbers the stack routes that no
 * DID pool of the stack or the org holds (Genesys routes a number only when one does), one finding per number entry.
 */
export function checkRoutingUnheldNumbers(run: RoutingRun): Finding[] {
  if (run.input.orgDidPools === undefined) return [];
  const found = run.findings("routing-unheld-numbers");
  const ranges = [...run.input.objects.flatMap((o) => heldBy(o) ?? []), ...run.input.orgDidPools];
  for (const o of run.input.objects) {
    const unheld = new Map<number, string[]>();
    for (const { number, entry } of expandNumbers(routedBy(o) ?? [])) {
      if (!ranges.some((r) => rangeHolds(r, number))) unheld.set(entry, [...(unheld.get(entry) ?? []), number]);
    }
    for (const [entry, numbers] of unheld) {
      const which = numbers.length === 1 ? numbers[0] : `${numbers.length} numbers of this range (${numbers[0]}, ...)`;
      found.add(
        o,
        ["numbers", entry],
        `${which} ${numbers.length === 1 ? "is" : "are"} in no DID pool of the stack or the org; Genesys routes a number only when a DID pool holds it: declare a DID pool (kind: didPool) that holds ${numbers.length === 1 ? "it" : "them"}`,
      );
    }
  }
  return found.list;
}

/** routing-flow-groups (advisory): a group a flow names that the stack's routing does not define lives in the org or nowhere. */
export function checkRoutingFlowGroups(run: RoutingRun): Finding[] {
  const out: Finding[] = [];
  const refs = run.input.flowGroups ?? [];
  for (const kind of new Set(refs.map((r) => r.kind))) {
    const defined = run.input.objects.filter((o) => o.value.kind === kind);
    // A stack that routes nothing of this kind leaves it to the org; nothing to compare with.
    if (defined.length === 0) continue;
    const names = defined.map(run.publishedName);
    // A name still holding a {{placeholder}} (lint without a stack) is the stack's to fill in.
    for (const r of refs.filter(
      (x) => x.kind === kind && !x.name.includes("{{") && !names.some((n) => n.toLowerCase() === x.name.toLowerCase()),
    )) {
      out.push({
        ruleId: "routing-flow-groups",
        file: r.file,
        flow: r.flow,
        node: r.node,
        field: r.field,
        message: `${unitOf(kind).label} "${r.name}" is not one of the stack's routing (${names.map((n) => `"${n}"`).join(", ")})${didYouMean(r.name, names)}; unless the org has it, the publish fails`,
        fix: "name a group of routing/, or check the org has it with `lint --stack <s> --org`",
      });
    }
  }
  return out;
}

/** routing-unreached-flows (advisory): when the stack routes numbers, an inbound call flow no object routes to is dead code. */
export function checkRoutingUnreachedFlows(run: RoutingRun): Finding[] {
  if (!run.input.objects.some((o) => routedBy(o) !== undefined)) return [];
  const reached = new Set(
    run.input.objects.flatMap((o) =>
      referencesOf(o)
        .filter((r) => r.to === "flow")
        .map((r) => r.id),
    ),
  );
  return run.input.flows
    .filter((f) => f.apiType === IVR_FLOW_API_TYPE && !reached.has(f.id))
    .map((f) => ({
      ruleId: "routing-unreached-flows",
      file: `flows/${f.id}.yaml`,
      message: "no IVR config of the stack routes to this inbound call flow; no number reaches it",
    }));
}
