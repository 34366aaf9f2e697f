// The routing file format: one object per YAML file under routing/ (schedules, schedule groups,
// IVR configs, emergency groups, DID pools), told apart by `kind`. Each kind is a unit of kinds/
// (its schema, label, stack values, references, provider arguments, org read and adoption);
// this file assembles what is derived from them. References between objects are routing ids
// (the file's path under routing/ without .yaml); references to flows are flow ids (the flow
// file's path under flows/). Values that differ per environment (numbers, time zones, whether an
// emergency group is on) are overridden per stack in Pulumi.<stack>.yaml (planner/routing.ts).
// Shape only: what needs more than one object (a number routed twice, a missing schedule) is a
// check (checks/routing.ts). Pure.
import { ROUTING_KIND_UNITS, unitOf, type RoutingFile, type RoutingKind } from "./kinds";

export * from "./fields";
export { routingFile, unitOf, isKind, ROUTING_KIND_UNITS, type RoutingFile, type RoutingKind } from "./kinds";
export type { ScheduleFile } from "./kinds/schedule";
export type { ScheduleGroupFile } from "./kinds/scheduleGroup";

/** In the order the engine creates them: a DID pool first (it holds the numbers IVR configs route). */
export const ROUTING_KINDS: readonly RoutingKind[] = ROUTING_KIND_UNITS.map((u) => u.kind);

/** Fields a stack may override per object (Pulumi.<stack>.yaml `genesys-flows:routing`). */
export const STACK_VALUES: Readonly<Record<RoutingKind, readonly string[]>> = Object.fromEntries(
  ROUTING_KIND_UNITS.map((u) => [u.kind, u.stackValues]),
) as Record<RoutingKind, readonly string[]>;

/** How messages and the org name an object: its name, a DID pool its range. */
export function routingName(v: RoutingFile): string {
  return unitOf(v.kind).nameOf(v);
}

/** Its description (an ACD skill or a language skill has none). */
export function descriptionOf(v: RoutingFile): string | undefined {
  return "description" in v ? v.description : undefined;
}
