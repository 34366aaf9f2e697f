// Runs one scenario against the compiled program: its world (world.ts) answers the interpreter
// (behaviour/machine.ts), the run's observations become what expectations compare (expect.ts), and the
// result says passed, failed (with the differences, each pointing at the step and the flow node
// where expected and actual part) or stopped (the run could not go on: "cannot simulate ..." or a
// question the scenario does not answer). A scenario that dials a number runs the flow the stack's
// routing chooses (behaviour/routing.ts). A scenario never passes on a run that stopped. Pure.
import { display, toPlain } from "../../archy/expressions/values";
import { convert } from "../convert";
import { describeWhere, Machine } from "../machine";
import type { Program } from "../program";
import type { State } from "../state";
import { nodeLabel as moduleNodeLabel, type TraceEvent, type Where } from "../trace";
import { RunStop, scenarioStop } from "../world";
import type { CallRoute, StackRouting } from "../routing";
import { compare, type Actual, type Difference } from "./expect";
import type { LoadedScenario } from "./load";
import { clockTime, fromPlain, ScenarioWorld } from "./world";
import { cmp } from "../../archy/json";

export type ScenarioStatus = "passed" | "failed" | "stopped";

export interface ScenarioResult {
  file: string;
  /** 1-based line of the scenario's name. */
  line: number;
  name: string;
  /** The entry flow's id. */
  flow: string;
  status: ScenarioStatus;
  differences: Difference[];
  /** Why the run stopped (status `stopped`). */
  stop?: string;
  actual: Actual;
  /** Everything the run observed (coverage reads it). */
  events: TraceEvent[];
}

/** How a node reads in a scenario: `Menu` in the entry flow, `VerifyCaller.AskPin` in a module. */
export const nodeLabel = (program: Program, entry: string, flow: string, node: string): string =>
  moduleNodeLabel(flow, node, entry, (id) => program.flows.get(id)?.model.name);

function emptyActual(): Actual {
  return {
    path: [],
    pathWhere: [],
    pathSteps: [],
    steps: [],
    timeline: [],
    prompts: [],
    messages: [],
    variables: {},
    participantData: {},
  };
}

/** What a run observed, in the terms of expectations. */
function actualOf(program: Program, entry: string, state: State, steps: readonly string[]): Actual {
  const actual = emptyActual();
  actual.steps = [...steps];
  // Each collect input or menu answer is one step of the scenario (world.ts consumes them in order).
  let used = 0;
  for (const e of state.events) {
    if (e.kind === "visit") {
      const label = nodeLabel(program, entry, e.flow, e.node);
      actual.path.push(label);
      actual.timeline.push(`node:${label}`);
      actual.pathWhere.push(`${program.flows.get(e.flow)?.file ?? e.flow} node "${e.node}"`);
      actual.pathSteps.push(used);
    } else if (e.kind === "action") actual.timeline.push(`action:${e.at.action}`);
    else if (e.kind === "answer" && (e.question.startsWith("collect ") || e.question.startsWith("menu "))) used++;
    else if (e.kind === "prompt") actual.prompts.push(e.text);
    else if (e.kind === "message") actual.messages.push(e.text);
  }
  if (state.ending) actual.ending = state.ending;
  const main = state.acts[0];
  for (const v of [...main.vars.values()].sort((a, b) => cmp(a.name, b.name)))
    actual.variables[v.name] = toPlain(v.value);
  for (const [k, v] of [...state.attributes].sort(([a], [b]) => cmp(a, b)))
    actual.participantData[k] =
      v.kind === "set" && typeof v.value === "string" ? v.value : v.kind === "notSet" ? null : display(v);
  return actual;
}

/** The step a scenario's `steps[i]` reads as in messages: `digits "12" at Menu`, `say "sales"`, `silence`. */
function describeStep(step: NonNullable<LoadedScenario["scenario"]["steps"]>[number]): string {
  const what = "digits" in step ? `digits "${step.digits}"` : "say" in step ? `say "${step.say}"` : "silence";
  return step.at !== undefined ? `${what} at ${step.at}` : what;
}

/** A call to a number: where the stack's routing sends it at the scenario's clock. */
function routeOf(loaded: LoadedScenario, routing: StackRouting | undefined): CallRoute {
  const s = loaded.scenario;
  const number = s.dial!;
  if (!routing)
    throw scenarioStop(`the scenario dials ${number}, and the run has no routing (routing/*.yaml of the stack)`);
  const { timeZone } = routing.ivrOf(number);
  // load.ts requires a clock for a call to a number.
  const instant = clockTime(s.clock!, timeZone);
  if (instant === undefined)
    throw scenarioStop(
      `the scenario's clock has no time zone, and the IVR config of ${number} has no schedule group to give one: add clock.timeZone`,
    );
  return routing.route(number, instant);
}

/**
 * Runs one loaded scenario, with the stack's routing when it has one (a scenario that dials a
 * number needs it; schedule groups it declares are evaluated at the clock). Throws only on a
 * programming error; every run problem is in the result.
 */
export function runScenario(program: Program, loaded: LoadedScenario, routing?: StackRouting): ScenarioResult {
  const s = loaded.scenario;
  let route: CallRoute | undefined;
  if (s.dial !== undefined) {
    try {
      route = routeOf(loaded, routing);
    } catch (e) {
      if (!(e instanceof RunStop)) throw e;
      const stop = e.reason === "scenario" ? `the scenario does not say enough: ${e.message}` : e.message;
      return {
        file: loaded.file,
        line: loaded.line,
        name: s.name,
        flow: `dial ${s.dial}`,
        status: "stopped",
        differences: [],
        stop,
        actual: emptyActual(),
        events: [],
      };
    }
  }
  // load.ts gives every scenario that dials no number its entry flow.
  const entry = route?.flow ?? loaded.flow!;
  const base = { file: loaded.file, line: loaded.line, name: s.name, flow: entry };
  const namer = (at: Where) =>
    at.node !== undefined ? nodeLabel(program, entry, at.flow, at.node) : describeWhere(at, program);
  const world = new ScenarioWorld(s, namer, {
    ...(routing ? { routing } : {}),
    ...(route?.timeZone !== undefined ? { timeZone: route.timeZone } : {}),
  });
  const steps = (s.steps ?? []).map(describeStep);
  const machine = new Machine(program, world);
  const routed = (a: Actual): Actual =>
    route ? { ...a, route: { ivr: route.ivr, state: route.state, flow: route.flow } } : a;
  let state: State | undefined;
  try {
    if (!program.flows.has(entry))
      throw scenarioStop(`the stack has no flow ${entry} (its flows: ${[...program.flows.keys()].join(", ")})`);
    const attributes = new Map(Object.entries(s.participantData ?? {}).map(([k, v]) => [k, fromPlain(v)]));
    state = machine.start(entry, attributes);
    const main = state.acts[0];
    for (const [name, value] of Object.entries(s.inputs ?? {})) {
      const declared = main.vars.get(name.toLowerCase()) ?? main.vars.get(`common.${name.toLowerCase()}`);
      const inputs =
        main.flow.model.kind === "commonModule"
          ? Object.keys((main.flow.model as { inputs?: Record<string, unknown> }).inputs ?? {})
          : [];
      if (!declared || !inputs.some((i) => `common.${i.toLowerCase()}` === declared.name.toLowerCase())) {
        throw scenarioStop(
          `inputs.${name}: ${entry} has no input ${name}${inputs.length > 0 ? ` (its inputs: ${inputs.join(", ")})` : " (only a common module under test takes inputs)"}`,
        );
      }
      main.vars.set(declared.name.toLowerCase(), {
        ...declared,
        value: convert(fromPlain(value), declared.type, "assignment"),
      });
    }
    machine.run(state);
  } catch (e) {
    if (!(e instanceof RunStop)) throw e;
    const actual = routed(state ? actualOf(program, entry, state, steps) : emptyActual());
    const stop = e.reason === "scenario" ? `the scenario does not say enough: ${e.message}` : e.message;
    return { ...base, status: "stopped", differences: [], stop, actual, events: state?.events ?? [] };
  }
  const actual = routed(actualOf(program, entry, state, steps));
  const differences = compare(s.expect, actual);
  if (world.used < (s.steps ?? []).length) {
    differences.push({
      field: `steps[${world.used}]`,
      message: `the flow never waits for step ${world.used + 1} (${describeStep(s.steps![world.used])}): it ends after ${world.used} step${world.used === 1 ? "" : "s"}`,
    });
  }
  return { ...base, status: differences.length > 0 ? "failed" : "passed", differences, actual, events: state.events };
}
