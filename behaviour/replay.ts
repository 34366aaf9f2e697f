// A real journey as a scenario (issue 77 item 3): execution data says which actions ran and the
// path each took (traffic/journeys.ts: `Menu -> success`, `Route -> yes`), not what the caller
// pressed or what the org answered; the scenario must say those. The replay searches for them with
// the interpreter itself: each question the run asks (a key, a menu, a schedule, a data action, a
// transfer) is answered with each concrete answer a scenario can give in turn, depth first, and a
// run is cut as soon as its steps leave the journey's, so the search follows the journey. A
// schedule, a group or a transfer target answers the same each time, as in a scenario. What a
// scenario cannot set (a condition over values the pull does not keep, participant data the call
// lacked, the time) is not guessed: the journey is not replayable, and why is said. A journey found
// is written as a scenario and run once more by the scenario runner: it must pass and take exactly
// the journey's steps, or it is not given. Pure.
import { notSet, str, type RunValue } from "../archy/expressions/values";
import { builtinVariable } from "../archy/catalogue/flowTypes";
import type { DataActionOutcome, Ending, GroupState } from "../model/nodes/runContext";
import { journeyKey } from "../traffic/scenarios";
import { finiteDigits } from "./journeys";
import { Machine } from "./machine";
import type { Program } from "./program";
import { nodeLabel as scenarioLabel, runScenario } from "./scenario/run";
import type { DataActionAnswer, Outcome, Scenario, ScenarioStep } from "./scenario/schema";
import type { State } from "./state";
import { nodeLabel, type TraceEvent, type Where } from "./trace";
import { groupStates, RunStop, type World } from "./world";

/** A built-in the flow reads gets this text: the pull keeps no values worth replaying. */
const PLACEHOLDER = "not kept by the pull";
/** Runs tried per journey before the search gives up. */
const MAX_RUNS = 2000;

/** A module's name by its flow id. */
type ModuleNames = (flowId: string) => string | undefined;

/**
 * A run's steps as execution data records them (traffic/journeys.ts): each action of a flow's own
 * nodes, `<node>` or `<node> -> <path>`, a module's (run inside the call) as `<Module>.<node>`.
 */
export function realSteps(events: readonly TraceEvent[], entry: string, moduleNames: ModuleNames): string[] {
  return events.flatMap((e) =>
    e.kind === "action" && !e.unrecorded && e.at.node !== undefined && e.at.flow === e.at.compiledIn
      ? [`${nodeLabel(e.at.flow, e.at.node, entry, moduleNames)}${e.path === undefined ? "" : ` -> ${e.path}`}`]
      : [],
  );
}

/** A run's journeyKey (traffic/scenarios.ts). */
export const runKey = (
  events: readonly TraceEvent[],
  entry: string,
  ending: Ending | undefined,
  moduleNames: ModuleNames,
): string => journeyKey(realSteps(events, entry, moduleNames), ending?.type === "errorHandling");

/** Where the search could not follow the journey: `matched` steps in, and why. */
class Off extends Error {
  constructor(
    readonly matched: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a run's steps leave the journey's (`ended`: the run is over), or undefined while they follow it. */
export function offAt(steps: readonly string[], target: readonly string[], ended: boolean): Off | undefined {
  const part = steps.findIndex((s, i) => s !== target[i]);
  if (part >= 0)
    return new Off(
      part,
      `after ${part} steps the flow goes to ${JSON.stringify(steps[part])}, where the journey ${target[part] === undefined ? "ended" : `went to ${JSON.stringify(target[part])}`}`,
    );
  if (ended && steps.length < target.length)
    return new Off(
      steps.length,
      `after ${steps.length} steps the flow ends, where the journey went to ${JSON.stringify(target[steps.length])}`,
    );
  return undefined;
}

/** Answers each question with the prefix's answer (or the first), as a scenario would give it. */
class ReplayWorld implements World {
  readonly taken: Array<{ options: number; index: number }> = [];
  readonly steps: ScenarioStep[] = [];
  readonly org = {
    schedules: {} as Record<string, "open" | "closed">,
    scheduleGroups: {} as Record<string, GroupState>,
    dataActions: {} as Record<string, DataActionAnswer[]>,
    queues: {} as Record<string, "available" | "unavailable">,
    flows: {} as Record<string, "available" | "unavailable">,
  };
  readonly builtins: Record<string, string> = {};
  state?: State;

  constructor(
    private readonly prefix: readonly number[],
    private readonly entry: string,
    private readonly target: readonly string[],
    private readonly archyKey: string,
    private readonly label: (at: Where) => string,
    private readonly names: ModuleNames,
  ) {}

  /** The run's steps so far (the action asking is not done yet) must be the journey's first steps. */
  matched(): number {
    const events = this.state?.events ?? [];
    const asking = events.map((e) => e.kind).lastIndexOf("action");
    const steps = realSteps(asking < 0 ? events : events.slice(0, asking), this.entry, this.names);
    const off = offAt(steps, this.target, false);
    if (off) throw off;
    return steps.length;
  }

  private choose<T>(options: readonly T[]): T {
    this.matched();
    const i = this.taken.length;
    const index = i < this.prefix.length ? this.prefix[i] : 0;
    this.taken.push({ options: options.length, index });
    return options[index];
  }

  /** Fixed for the call once answered, as a scenario's org is. */
  private fixed<T extends string>(table: Record<string, T>, name: string, options: readonly T[]): T {
    return (table[name] ??= this.choose(options));
  }

  /** A built-in (`Call.Ani`) the scenario must give, and the pull keeps no value of: a placeholder (the check run says whether it serves). */
  builtin(name: string): RunValue | undefined {
    const known = builtinVariable(this.archyKey, name);
    if (!known || "unavailable" in known || name.toLowerCase().startsWith("flow.")) return undefined;
    this.builtins[name] = PLACEHOLDER;
    return str(PLACEHOLDER);
  }

  missingAttribute(name: string, at: Where): RunValue {
    throw new Off(
      this.matched(),
      `the flow reads participant data "${name}" at ${this.label(at)}, which the call did not bring: a scenario cannot give an attribute as missing`,
    );
  }

  now(): RunValue {
    throw new Off(this.matched(), "the flow reads the time, which the pull does not keep");
  }

  collectDigits(q: { minDigits: number; maxDigits: number }, at: Where): { digits: RunValue } | { noInput: true } {
    const keys = finiteDigits(q) ?? ["1", "0"].map((d) => d.repeat(Math.max(1, q.minDigits)));
    const step = this.choose<ScenarioStep>([
      ...keys.map((digits) => ({ at: this.label(at), digits })),
      { at: this.label(at), silence: true },
    ]);
    this.steps.push(step);
    return "digits" in step ? { digits: str(step.digits) } : { noInput: true };
  }

  menuChoice(
    q: { choices: ReadonlyArray<{ dtmf?: string; speech: readonly string[] }> },
    at: Where,
  ): { choice: number } | { noInput: true } {
    type Option = { choice?: number; step: ScenarioStep };
    const options = q.choices.flatMap((c, choice): Option[] =>
      c.dtmf !== undefined
        ? [{ choice, step: { at: this.label(at), digits: c.dtmf } }]
        : c.speech.length > 0
          ? [{ choice, step: { at: this.label(at), say: c.speech[0] } }]
          : [],
    );
    const got = this.choose<Option>([...options, { step: { at: this.label(at), silence: true } }]);
    this.steps.push(got.step);
    return got.choice !== undefined ? { choice: got.choice } : { noInput: true };
  }

  schedule(q: { name: string }): "active" | "inactive" {
    return this.fixed(this.org.schedules, q.name, ["open", "closed"]) === "open" ? "active" : "inactive";
  }

  scheduleGroup(q: { name: string; emergencyGroup?: string }): GroupState {
    return this.fixed(this.org.scheduleGroups, q.name, groupStates(q));
  }

  /** A success answers every output NOT_SET: the pull keeps no values. */
  dataAction(q: { category: string; action: string; outputs: readonly string[] }): DataActionOutcome {
    const answer = this.choose<DataActionAnswer>([
      { success: Object.fromEntries(q.outputs.map((o) => [o, null])) },
      "failure",
      "timeout",
    ]);
    (this.org.dataActions[`${q.category}/${q.action}`] ??= []).push(answer);
    return typeof answer === "string"
      ? { outcome: answer }
      : { outcome: "success", outputs: Object.fromEntries(q.outputs.map((o) => [o, notSet("unknown")])) };
  }

  transfer(q: { to: "queue" | "flow"; target: string }): "success" | "failure" {
    return this.fixed(q.to === "queue" ? this.org.queues : this.org.flows, q.target, ["available", "unavailable"]) ===
      "available"
      ? "success"
      : "failure";
  }

  decide(_q: unknown, at: Where): boolean {
    throw new Off(
      this.matched(),
      `the branch at ${this.label(at)} is chosen by a condition over values the pull does not keep (a data action's outputs, a caller's digits)`,
    );
  }
}

/** A scenario's expected outcome for how a run ended. */
const outcomeOf = (e: Ending): Outcome =>
  e.type === "disconnect"
    ? "disconnect"
    : e.type === "transferToQueue"
      ? { transferToQueue: e.queue }
      : e.type === "transferToFlow"
        ? { transferToFlow: e.flow }
        : e.type === "end"
          ? { end: e.action }
          : { errorHandling: e.handling };

/** What a scenario sets so that a run takes the journey, with what to expect; or why none does. */
export type Replay = { scenario: Omit<Scenario, "name" | "description"> } | { notReplayable: string };

/** The scenario of a run that took the journey, checked by the scenario runner. */
function replayOf(
  program: Program,
  entry: string,
  world: ReplayWorld,
  state: State,
  want: string,
  names: ModuleNames,
): Replay {
  const org = Object.fromEntries(Object.entries(world.org).filter(([, v]) => Object.keys(v).length > 0));
  const scenario: Omit<Scenario, "name" | "description"> = {
    ...(Object.keys(world.builtins).length > 0 ? { builtins: world.builtins } : {}),
    ...(world.steps.length > 0 ? { steps: world.steps } : {}),
    ...(Object.keys(org).length > 0 ? { org } : {}),
    expect: {
      path: state.events.flatMap((e) => (e.kind === "visit" && e.flow === entry ? [e.node] : [])),
      ...(state.ending ? { outcome: outcomeOf(state.ending) } : {}),
    },
  };
  const check = runScenario(program, {
    file: program.flows.get(entry)!.file,
    flow: entry,
    scenario: { name: "replay", ...scenario },
    line: 0,
    lineOf: () => 0,
  });
  if (check.status !== "passed" || runKey(check.events, entry, check.actual.ending, names) !== want)
    return {
      notReplayable: `the scenario found does not replay it: ${check.stop ?? check.differences[0]?.message ?? "its steps differ"}`,
    };
  return { scenario };
}

/** The answers that take flow `entry` along a real journey (its steps, ending in error or not), as a scenario that passes. */
export function replayJourney(
  program: Program,
  entry: string,
  journey: { steps: readonly string[]; ending?: string },
): Replay {
  const flow = program.flows.get(entry);
  if (!flow) return { notReplayable: `the stack has no flow ${entry}` };
  const label = (at: Where) => (at.node !== undefined ? scenarioLabel(program, entry, at.flow, at.node) : at.action);
  const want = journeyKey(journey.steps, journey.ending !== undefined);
  const names = (id: string) => program.flows.get(id)?.model.name;
  let best = new Off(-1, "no run of the flow follows it");
  let prefix: number[] = [];
  for (let runs = 0; runs < MAX_RUNS; runs++) {
    const world = new ReplayWorld(prefix, entry, journey.steps, flow.archyKey, label, names);
    const machine = new Machine(program, world);
    try {
      const state = (world.state = machine.start(entry));
      machine.run(state);
      const steps = realSteps(state.events, entry, names);
      if (journeyKey(steps, state.ending?.type === "errorHandling") !== want)
        throw (
          offAt(steps, journey.steps, true) ??
          new Off(
            steps.length,
            `the flow ${journey.ending !== undefined ? "does not end in error where the journey did" : "ends in error where the journey did not"}`,
          )
        );
      return replayOf(program, entry, world, state, want, names);
    } catch (e) {
      if (!(e instanceof Off) && !(e instanceof RunStop)) throw e;
      // A run that stopped (what the interpreter cannot simulate) counts as far as it followed the journey.
      const off =
        e instanceof Off
          ? e
          : new Off(
              offAt(realSteps(world.state?.events ?? [], entry, names), journey.steps, true)?.matched ??
                journey.steps.length,
              e.message,
            );
      if (off.matched > best.matched) best = off;
    }
    // The next prefix: the deepest question with an answer not yet tried.
    const taken = world.taken;
    let i = taken.length - 1;
    while (i >= 0 && taken[i].index + 1 >= taken[i].options) i--;
    if (i < 0) return { notReplayable: best.message };
    prefix = [...taken.slice(0, i).map((t) => t.index), taken[i].index + 1];
  }
  return { notReplayable: `no answers found in ${MAX_RUNS} runs; the nearest: ${best.message}` };
}
