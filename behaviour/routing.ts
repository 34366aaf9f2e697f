// Routing in a behaviour run: where a call to a number goes, as the stack's routing files say (its
// values applied: numbers and time zones differ per stack), and the state of a schedule group the
// stack declares, at the scenario's clock. A call's IVR config is the one whose numbers hold the
// number dialled; an emergency group that is on and takes that IVR config over sends the call to
// its flow ("If you activate Emergency routing, Genesys Cloud first evaluates emergencies",
// help.mypurecloud.com/articles/schedule-groups/); otherwise the IVR config's schedule group at
// that moment (model/routing/scheduleTime.ts) chooses its open-hours, closed-hours or holiday flow.
// A flow's Evaluate Schedule Group action on a group the stack declares is evaluated by the same
// code. What Genesys does where the files leave a gap (a closed or holiday state with no flow for
// it) is not documented: the run stops and says so. Pure.
import type { RoutingFile, ScheduleFile, ScheduleGroupFile } from "../model/routing/schema";
import { expandNumbers, isKind } from "../model/routing/schema";
import { ScheduleRuleUnsupported, scheduleGroupStateAt, type GroupState } from "../model/routing/scheduleTime";
import { cannotSimulate, scenarioStop } from "./world";

/** A routing object of the stack, its stack values applied (the planner's PlannedRouting is one). */
export interface RoutingObject {
  /** Routing id: `ivr/sales-line`. */
  id: string;
  file: string;
  /** The name in the org (the stack's prefix and the file's name). */
  publishedName: string;
  value: RoutingFile;
}

export type RouteState = GroupState | "emergency";

/** Where routing sent a call. */
export interface CallRoute {
  number: string;
  /** The IVR config's routing id. */
  ivr: string;
  state: RouteState;
  /** The flow id the call runs. */
  flow: string;
  /** The schedule group's time zone, when the IVR config has a schedule group. */
  timeZone?: string;
}

export class StackRouting {
  private readonly byId = new Map<string, RoutingObject>();

  constructor(
    /** The stack the values are of (for messages). */
    readonly stack: string,
    objects: readonly RoutingObject[],
  ) {
    for (const o of objects) this.byId.set(o.id, o);
  }

  private of<K extends RoutingFile["kind"]>(
    kind: K,
  ): Array<RoutingObject & { value: Extract<RoutingFile, { kind: K }> }> {
    return [...this.byId.values()].filter(
      (o): o is RoutingObject & { value: Extract<RoutingFile, { kind: K }> } => o.value.kind === kind,
    );
  }

  /** The IVR config routing `number`, and its schedule group's time zone. Stops the run when none does. */
  ivrOf(number: string): { ivr: RoutingObject & { value: Extract<RoutingFile, { kind: "ivr" }> }; timeZone?: string } {
    const ivr = this.of("ivr").find((o) => expandNumbers(o.value.numbers).some((n) => n.number === number));
    if (!ivr) {
      const routed = this.of("ivr").map(
        (o) =>
          `${o.id} (${o.value.numbers.map((n) => (typeof n === "string" ? n : `${n.from}..${n.to}`)).join(", ") || "no numbers"})`,
      );
      throw scenarioStop(
        `no IVR config of stack ${this.stack} routes ${number}${routed.length > 0 ? `: the stack routes ${routed.join("; ")}` : ": the stack has no IVR config (routing/ivr/*.yaml)"}`,
      );
    }
    const group = ivr.value.scheduleGroup !== undefined ? this.group(ivr.value.scheduleGroup) : undefined;
    return { ivr, ...(group ? { timeZone: group.value.timeZone } : {}) };
  }

  /** Where a call to `number` at `instant` (ms since the epoch) goes. Stops the run where the files leave it open. */
  route(number: string, instant: number): CallRoute {
    const { ivr, timeZone } = this.ivrOf(number);
    const base = { number, ivr: ivr.id, ...(timeZone !== undefined ? { timeZone } : {}) };
    const emergency = this.of("emergencyGroup").find((e) => e.value.enabled && e.value.ivrs.includes(ivr.id));
    if (emergency) return { ...base, state: "emergency", flow: emergency.value.flow };
    // An IVR config without a schedule group has its open-hours flow only (checks/routing.ts refuses closed or holiday flows without one).
    if (ivr.value.scheduleGroup === undefined) return { ...base, state: "open", flow: ivr.value.flows.open };
    const state = this.evaluate(this.group(ivr.value.scheduleGroup), instant);
    const flow = ivr.value.flows[state];
    if (flow === undefined) {
      throw cannotSimulate(
        `cannot simulate a call to ${number} while ${ivr.file} is ${state}: it names no ${state === "holiday" ? "holiday" : "closed-hours"} flow, and what Genesys does then is not documented`,
      );
    }
    return { ...base, state, flow };
  }

  /**
   * The state of the schedule group named `name` in the org (and of emergency group `emergencyGroup`
   * when the action names one) at `instant`; undefined when the stack declares no such group (or
   * no such emergency group): the scenario must then say the state.
   */
  scheduleGroupState(name: string, emergencyGroup: string | undefined, instant: number): RouteState | undefined {
    const named = <T extends RoutingObject>(list: readonly T[], n: string) =>
      list.find((o) => o.publishedName.toLowerCase() === n.toLowerCase());
    const group = named(this.of("scheduleGroup"), name);
    const emergency = emergencyGroup !== undefined ? named(this.of("emergencyGroup"), emergencyGroup) : undefined;
    if (!group || (emergencyGroup !== undefined && !emergency)) return undefined;
    if (emergency?.value.enabled) return "emergency";
    return this.evaluate(group, instant);
  }

  private group(id: string): RoutingObject & { value: ScheduleGroupFile } {
    const group = this.byId.get(id);
    // The routing checks refuse a reference to a missing object before any run.
    if (!group || !isKind(group.value, "scheduleGroup"))
      throw new Error(`no schedule group ${id} in the routing of stack ${this.stack}`);
    return group as RoutingObject & { value: ScheduleGroupFile };
  }

  private evaluate(group: RoutingObject & { value: ScheduleGroupFile }, instant: number): GroupState {
    const schedules = (ids: readonly string[]) =>
      ids
        .map((id) => this.byId.get(id))
        .filter((o): o is RoutingObject & { value: ScheduleFile } => o !== undefined && isKind(o.value, "schedule"));
    const v = group.value;
    try {
      return scheduleGroupStateAt(
        {
          timeZone: v.timeZone,
          open: schedules(v.open).map((o) => o.value),
          closed: schedules(v.closed).map((o) => o.value),
          holiday: schedules(v.holiday).map((o) => o.value),
        },
        instant,
      );
    } catch (e) {
      if (e instanceof ScheduleRuleUnsupported)
        throw cannotSimulate(`cannot simulate schedule group ${group.file}: ${e.message}`);
      throw e;
    }
  }
}
