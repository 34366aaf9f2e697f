// The routing rules: what the routing checks demand, one entry per rule id carrying its check
// (checks/routingChecks.ts, one function per rule), in the same shape as the flow rules
// (checks/rules.ts), so lint prints them alike. Core rules stop the stack program before anything
// is registered; advisory ones only warn.
import type { RuleInfo } from "./rules";
import type { RoutingCheck } from "./routingInput";
import * as c from "./routingChecks";

const rule = (
  id: string,
  description: string,
  remediation: string,
  routingCheck: RoutingCheck | undefined,
  core = true,
): RuleInfo => ({
  id,
  description,
  remediation,
  core,
  defaultEnforcement: core ? "mandatory" : "advisory",
  reportedBy: "routing checks",
  // A core routing rule is one the provider or Genesys refuses; an advisory one a likely mistake.
  severity: core ? "high" : "low",
  tags: ["routing"],
  ...(routingCheck !== undefined ? { routingCheck } : {}),
});

export const ROUTING_RULES: readonly RuleInfo[] = [
  // Reported by whoever loads the files (planner/routing.ts checkRouting): no check to run here.
  {
    ...rule(
      "routing-load-error",
      "The routing file loads: valid YAML, one object of a known kind with valid fields (E.164 numbers, IANA time zone, RRULE).",
      "Fix the file at the reported line; the message says what is expected there.",
      undefined,
    ),
    reportedBy: "loader",
  },
  rule(
    "routing-references",
    "Every routing id a routing object names exists and is of the right kind (schedules in a schedule group, a schedule group in an IVR config, IVR configs in an emergency group).",
    "Point the reference at a routing file of that kind, or add the file.",
    c.checkRoutingReferences,
  ),
  rule(
    "routing-flows",
    "IVR configs and emergency groups route to inbound call flows of the stack.",
    "Name the flow id of an inbound call flow under flows/ that the stack deploys.",
    c.checkRoutingFlows,
  ),
  rule(
    "routing-numbers",
    "A number is routed by one IVR config only, within the stack and in the org (a number routed by an IVR config the stack does not manage is refused).",
    "Remove the number from one of the IVR configs (in the org: from the unmanaged one, or adopt it).",
    c.checkRoutingNumbers,
  ),
  rule(
    "routing-open-schedule",
    "A schedule group has at least one open schedule.",
    "List a schedule under `open`.",
    c.checkRoutingOpenSchedule,
  ),
  rule(
    "routing-schedules",
    "A schedule ends after it starts, and its start falls on a day its RRULE's BYDAY lists (the provider refuses it otherwise).",
    "Move start to a listed week day, or fix the RRULE.",
    c.checkRoutingSchedules,
  ),
  rule(
    "routing-unique-names",
    "Routing objects of one kind have distinct published names (compared case-insensitively, and as a person sees them: no twin with confusable letters, UTS #39's skeleton).",
    "Rename one of them.",
    c.checkRoutingUniqueNames,
  ),
  rule(
    "routing-did-pools",
    "DID pools of the stack do not overlap (Genesys refuses a DID pool whose range overlaps another's).",
    "Split or shrink one of the ranges, or remove one of the pools.",
    c.checkRoutingDidPools,
  ),
  // Needs the org's DID pools (the stack program and lint --org read them): not in the policy pack.
  {
    ...rule(
      "routing-unheld-numbers",
      "Every number an IVR config of the stack routes is held by a DID pool of the stack or of the org (advisory; checked when the org's DID pools are read: Genesys routes a number only when a DID pool holds it).",
      "Declare a DID pool (routing/, kind didPool) holding the number, or route a number the org holds.",
      c.checkRoutingUnheldNumbers,
      false,
    ),
    tags: ["routing", "org"],
    needsOrg: true,
  },
  rule(
    "routing-flow-groups",
    "A schedule group or emergency group a flow's scheduleGroup node names is one the stack's routing defines (advisory: lint without --org cannot see the org; with --org, and in the stack program, the org-reference check refuses one the org lacks too).",
    "Name a group of routing/ (published name: the stack's prefix and its name), or make sure the org has it (lint --stack <s> --org).",
    c.checkRoutingFlowGroups,
    false,
  ),
  rule(
    "routing-unreached-flows",
    "Every inbound call flow of the stack is reached by an IVR config of the stack (advisory).",
    "Route a number to it, or remove it if nothing should reach it.",
    c.checkRoutingUnreachedFlows,
    false,
  ),
];

export function routingRuleInfo(id: string): RuleInfo {
  const r = ROUTING_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`unknown routing rule "${id}"`);
  return r;
}
