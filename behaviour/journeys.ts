// The journeys of a flow: every distinct way through it, each choice point taken each way. The
// run is the scenario's interpreter (machine.ts) with a world that answers every question with each
// of its answers in turn: what the customer does where the flow waits (keys, a menu's choices,
// silence), the org's answers (a schedule open or closed, a schedule group's states, a data
// action's success, failure or timeout, a transfer connecting or not), and the way a condition over
// values not known before the call goes (Call.Ani, the digits entered, a data action's outputs:
// unknown values named by what they are made of, archy/expressions/values.ts). A condition already
// decided on a path is not decided again. Enumeration replays the run with a prefix of answers and
// moves to the next untried answer at the deepest choice (depth first), so it needs no copy of the
// interpreter's state and gives the journeys in a stable order. Cycles are bounded: a path may go to
// the same task or menu by a jump at most `maxJumps` times (loops are bounded by their own count),
// and at most `maxJourneys` journeys are listed. Where the input is finite and small (a collect of
// one digit), the journeys can take each concrete value (`concreteDigits`): a condition on the
// digits is then decided by the value, so a journey says "press 1" and a changed condition changes
// which journey a key takes. Each answer is also kept as a step (where, what, which options the
// point had, the condition's term): what journeyDiff.ts compares and folds. A run may be steered
// (`steer`): each choice point says what is asked (the caller, the org, a condition) and the steer
// picks the answer or cuts the run, which is how a real journey is run again (retrace.ts). Pure.
import { member } from "../archy/expressions/evaluate";
import { display, input, notSet, str, type RunValue } from "../archy/expressions/values";
import { builtinVariable } from "../archy/catalogue/flowTypes";
import type { DataActionOutcome, GroupState, MenuChoiceOption } from "../model/nodes/runContext";
import { describeWhere, Machine } from "./machine";
import type { Program } from "./program";
import { stateKey, type State } from "./state";
import { describeEnding, type Where } from "./trace";
import { groupStates, RunStop, type World } from "./world";

/** One answer of the world along a journey, as a reviewer reads it. */
export interface JourneyStep {
  /** Where it was asked: the node's label (`Menu`, a module's `VerifyCaller.AskPin`). */
  at: string;
  /** The answer, short: `press 1`, `enters digits`, `no input`, `press 1 (sales)` at a menu, `open`, `success`, `yes`, `Sales connects`. */
  answer: string;
  /** Every answer the point offered, in the same words (all of them taken alike: the point does not matter). */
  options: readonly string[];
  /** A decision over values not known before the call: the condition's term (`(⟨Menu digits⟩ == "1")`). */
  condition?: string;
  /** A transfer's answer: a fact of the org, not a step of the customer. */
  transfer?: boolean;
  /** How many nodes the journey had entered when it was asked (the step is at `path[visits - 1]`). */
  visits: number;
}

export interface Journey {
  /** The world's answers along the journey, in order: `Menu: digits`, `Route: (⟨Menu digits⟩ == "1") is false`. */
  choices: string[];
  /**
   * What identifies the journey across two versions of a flow: the same answers without the
   * conditions' terms (`Route: false`) and without the transfer's target (`transfer connects`).
   */
  key: string;
  /** Nodes entered: the flow's by id, a module's as `Module.node`. */
  path: string[];
  prompts: string[];
  messages: string[];
  /** How it ends: `transfer to queue "Sales"`, `disconnect`, or `stops: <why>` (a bound, or what cannot be simulated). */
  outcome: string;
  /** It stopped at an action the interpreter cannot run: `<node> (<Archy kind>)`, what follows unknown. */
  notSimulatedPast?: string;
  /** The answers along the journey but the transfers' (`key` without them): what the customer does and the org answers otherwise. */
  answers: string;
  /**
   * Whether each transfer tried connects: facts of the org at the time of the call (a queue takes
   * calls or not), not steps of the path, so two versions of a flow that try transfers in another
   * order are compared in the same org (journeyDiff.ts).
   */
  transfers: ReadonlyArray<{ target: string; connects: boolean }>;
  /** The answers as steps, in order. */
  steps: readonly JourneyStep[];
  /** The journey joined an earlier one (its outcome says so): it is cut where it joined. */
  joined: boolean;
  /**
   * With the `timeline` option: the nodes entered and what was heard and sent, in the order they
   * happened, each with the flow (id) it belongs to (what a module's call did, told apart from its caller's).
   */
  timeline?: ReadonlyArray<{ kind: "visit" | "prompt" | "message"; text: string; flow: string }>;
}

export interface JourneyTable {
  flow: string;
  file: string;
  journeys: Journey[];
  /** More journeys than `maxJourneys` exist. */
  truncated: boolean;
}

export interface JourneyOptions {
  /** Default 1000. */
  maxJourneys?: number;
  /** How often a path may jump to the same task or menu (default 2). */
  maxJumps?: number;
  /**
   * A collect of one digit (a fixed length and a small domain) takes each key 0 to 9 in turn
   * instead of "digits" standing for any (default false: the journey tables of `test --journeys`).
   */
  concreteDigits?: boolean;
  /**
   * Cut a journey where its state equals one an earlier journey reached (default true). Off, every
   * journey runs to its end: two versions of a flow whose states differ only where nothing reads
   * them (a module's variables once it returned) then list the same journeys (refactor/).
   */
  joinEqualStates?: boolean;
  /** Keep each journey's `timeline` (default false). */
  timeline?: boolean;
}

/** The keys a collect takes one by one when its input is finite and small: one digit, exactly. */
export function finiteDigits(q: { minDigits: number; maxDigits: number }): string[] | undefined {
  return q.minDigits === 1 && q.maxDigits === 1 ? ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] : undefined;
}

/** Thrown where a journey joins an earlier one, or a steer cuts it (its message says why). */
export class Cut extends Error {}

/** What a choice point asks: the caller (a key, a menu), the org (by what it is: `transfer queue Sales`), or a condition. */
export interface Ask {
  kind: "caller" | "org" | "condition";
  /** The same question on another version of the flow has the same id. */
  id: string;
  /** Where it is asked (the node's label). */
  at: string;
}

/**
 * Steers a run, asked at each choice point with the options' texts and what the run was answered
 * so far: the index to take, undefined to leave it to the enumeration; throws Cut to stop the run there.
 */
export type Steer = (
  ask: Ask,
  options: readonly string[],
  run: { state?: State; answered: ReadonlyArray<{ ask: Ask; taken: string }> },
) => number | undefined;

/** One choice point of a run: the options it had and the one taken. */
interface Taken {
  options: number;
  index: number;
}

/** A world that answers from `prefix`, then with the first option, recording each choice point. */
class JourneyWorld implements World {
  readonly taken: Taken[] = [];
  readonly choices: string[] = [];
  readonly steps: string[] = [];
  /** The steps but the transfers'. */
  readonly answers: string[] = [];
  readonly transfers: Array<{ target: string; connects: boolean }> = [];
  readonly journeySteps: JourneyStep[] = [];
  private readonly asked = new Map<string, number>();
  /** The run's state once started (conditions decided are its assumptions, so that states compare). */
  state?: State;
  /** Built-in values handed out: inputs that stay live to the end of the run. */
  readonly builtins = new Set<string>();
  /** Asked at a choice point beyond the prefix: true when an earlier journey was here in the same state. */
  joins?: (state: State) => boolean;
  /** Each choice point's question and the option taken (its text). */
  readonly answered: Array<{ ask: Ask; taken: string }> = [];

  constructor(
    private readonly prefix: readonly number[],
    private readonly archyKey: string,
    readonly label: (at: Where) => string,
    private readonly concreteDigits = false,
    private readonly steer?: Steer,
  ) {}

  /**
   * Takes the prefix's answer (or the first) among `options` ([long text, value, short text for a
   * reviewer]); `short` gives the key's form where it differs from the long text.
   */
  private choose<T>(
    at: Where,
    ask: Omit<Ask, "at">,
    options: ReadonlyArray<[string, T, string?]>,
    short?: (index: number) => string,
    transfer = false,
    condition?: string,
  ): T {
    const i = this.taken.length;
    if (i >= this.prefix.length && this.state && this.joins?.(this.state)) throw new Cut("joins an earlier journey");
    const steered = this.steer?.(
      { ...ask, at: this.label(at) },
      options.map((o) => o[0]),
      this,
    );
    const index = steered ?? (i < this.prefix.length ? this.prefix[i] : 0);
    // A steered point has one answer: the enumeration does not vary it.
    this.taken.push(steered !== undefined ? { options: 1, index: 0 } : { options: options.length, index });
    this.answered.push({ ask: { ...ask, at: this.label(at) }, taken: options[index][0] });
    this.choices.push(`${this.label(at)}: ${options[index][0]}`);
    const step = short ? short(index) : `${this.label(at)}: ${options[index][0]}`;
    this.steps.push(step);
    if (!transfer) this.answers.push(step);
    const said = (o: readonly [string, T, string?]) => o[2] ?? o[0];
    const visits = this.state?.events.filter((e) => e.kind === "visit").length ?? 0;
    this.journeySteps.push({
      at: this.label(at),
      answer: said(options[index]),
      options: options.map(said),
      visits,
      ...(condition !== undefined ? { condition } : {}),
      ...(transfer ? { transfer } : {}),
    });
    return options[index][1];
  }

  /** A fresh unknown for the n-th time something is asked at a node (`Menu#2`). */
  private fresh(at: Where, what: string): string {
    const key = `${this.label(at)} ${what}`;
    const n = (this.asked.get(key) ?? 0) + 1;
    this.asked.set(key, n);
    return n === 1 ? key : `${key} #${n}`;
  }

  builtin(name: string): RunValue | undefined {
    const parts = name.split(".");
    const known = builtinVariable(this.archyKey, parts.slice(0, 2).join("."));
    if (!known || "unavailable" in known) return undefined;
    // Flow.* built-ins (the flow's own id, name, start time) are the same on every journey.
    if (parts[0].toLowerCase() === "flow") return undefined;
    this.builtins.add(parts.slice(0, 2).join("."));
    return parts.slice(2).reduce((v, m) => member(v, m), input(known.type, parts.slice(0, 2).join(".")));
  }

  missingAttribute(name: string): RunValue {
    return input("string", `participant data ${name}`);
  }

  now(): RunValue {
    return input("dateTime", "now");
  }

  collectDigits(
    q: { name: string; minDigits: number; maxDigits: number },
    at: Where,
  ): { digits: RunValue } | { noInput: true } {
    type Answer = { digits: RunValue } | { noInput: true };
    const keys = this.concreteDigits ? finiteDigits(q) : undefined;
    const ask = { kind: "caller", id: `collect ${this.label(at)} ${q.minDigits}-${q.maxDigits}` } as const;
    if (keys)
      return this.choose<Answer>(at, ask, [
        ...keys.map((k): [string, Answer] => [`press ${k}`, { digits: str(k) }]),
        ["no input", { noInput: true }],
      ]);
    return this.choose<Answer>(at, ask, [
      ["digits", { digits: input("string", this.fresh(at, "digits")) }, "enters digits"],
      ["no input", { noInput: true }],
    ]);
  }

  menuChoice(q: { choices: readonly MenuChoiceOption[] }, at: Where): { choice: number } | { noInput: true } {
    // The choices a caller can make: by a key or by words (a menu's default choice may have neither: it is taken on silence).
    // A reviewer reads the key pressed, or the words said where the choice has no key.
    const said = (c: MenuChoiceOption) =>
      c.dtmf ? `press ${c.dtmf} (${c.name})` : `says ${JSON.stringify(c.speech[0])} (${c.name})`;
    const options: Array<[string, { choice: number } | { noInput: true }, string?]> = q.choices.flatMap(
      (c, i): Array<[string, { choice: number }, string]> =>
        c.dtmf !== undefined || c.speech.length > 0
          ? [[`choice ${c.name}${c.dtmf ? ` (${c.dtmf})` : ""}`, { choice: i }, said(c)]]
          : [],
    );
    options.push(["no input", { noInput: true }]);
    return this.choose(at, { kind: "caller", id: `menu ${this.label(at)}` }, options);
  }

  schedule(q: { name: string }, at: Where): "active" | "inactive" {
    return this.choose(at, { kind: "org", id: `schedule ${q.name}` }, [
      ["schedule open", "active", "open"],
      ["schedule closed", "inactive", "closed"],
    ]);
  }

  scheduleGroup(q: { name: string; emergencyGroup?: string }, at: Where): GroupState {
    return this.choose(
      at,
      { kind: "org", id: `schedule group ${q.name}` },
      groupStates(q).map((s): [string, GroupState] => [s, s]),
    );
  }

  dataAction(q: { category: string; action: string; outputs: readonly string[] }, at: Where): DataActionOutcome {
    const call = this.fresh(at, "data action");
    const outputs = Object.fromEntries(q.outputs.map((o) => [o, input("unknown", `${call}.${o}`)]));
    return this.choose<DataActionOutcome>(at, { kind: "org", id: call }, [
      ["success", { outcome: "success", outputs }],
      ["failure", { outcome: "failure" }],
      ["timeout", { outcome: "timeout" }],
    ]);
  }

  transfer(q: { to: "queue" | "flow"; target: string }, at: Where): "success" | "failure" {
    // The key says only whether the transfer connects: a journey whose route changes stays the same journey.
    const answer = this.choose<"success" | "failure">(
      at,
      { kind: "org", id: `transfer ${q.to} ${q.target}` },
      [
        [`${q.target} connects`, "success", `${q.target} connects`],
        [`${q.target} does not connect`, "failure", `${q.target} does not connect`],
      ],
      (i) => (i === 0 ? "transfer connects" : "transfer does not connect"),
      true,
    );
    this.transfers.push({ target: q.target, connects: answer === "success" });
    return answer;
  }

  decide(q: { condition: RunValue; path: string }, at: Where): boolean {
    const term = q.condition.kind === "unknown" ? q.condition.term : JSON.stringify(q.condition);
    const known = this.state?.assumptions.get(term);
    if (known !== undefined) return known;
    const value = this.choose(
      at,
      { kind: "condition", id: term },
      [
        [`${term} is true`, true, q.path === "yes" ? "yes" : q.path],
        [`${term} is false`, false, q.path === "yes" ? "no" : `not ${q.path}`],
      ],
      (i) => `${this.label(at)}: ${i === 0 ? "true" : "false"}`,
      false,
      term,
    );
    this.state?.assumptions.set(term, value);
    return value;
  }
}

function label(program: Program, entry: string, flow: string, node: string): string {
  return flow === entry ? node : `${program.flows.get(flow)?.model.name ?? flow}.${node}`;
}

function journeyOf(
  program: Program,
  entry: string,
  state: State | undefined,
  world: JourneyWorld,
  stop?: RunStop,
  withTimeline = false,
): Journey {
  const j: Journey = {
    choices: world.choices,
    key: world.steps.join("\n"),
    path: [],
    prompts: [],
    messages: [],
    outcome: "",
    answers: world.answers.join("\n"),
    transfers: world.transfers,
    steps: world.journeySteps,
    joined: false,
  };
  const timeline: Array<{ kind: "visit" | "prompt" | "message"; text: string; flow: string }> = [];
  for (const e of state?.events ?? []) {
    if (e.kind === "visit") j.path.push(label(program, entry, e.flow, e.node));
    else if (e.kind === "prompt") j.prompts.push(e.text);
    else if (e.kind === "message") j.messages.push(e.text);
    if (withTimeline && (e.kind === "visit" || e.kind === "prompt" || e.kind === "message"))
      timeline.push({
        kind: e.kind,
        text: e.kind === "visit" ? e.node : e.text,
        flow: e.kind === "visit" ? e.flow : e.at.flow,
      });
  }
  if (withTimeline) j.timeline = timeline;
  j.outcome = stop !== undefined ? `stops: ${stop.message}` : describeEnding(state?.ending);
  if (stop?.past !== undefined) j.notSimulatedPast = `${world.label(stop.past.at)} (${stop.past.kind})`;
  // A module under test returns: say how, and with what.
  const main = state?.acts[0];
  if (stop === undefined && main?.flow.model.kind === "commonModule" && state?.ending?.type === "end") {
    const outputs = Object.keys((main.flow.model as { outputs?: Record<string, unknown> }).outputs ?? {}).sort();
    const value = (name: string) => display(main.vars.get(`common.${name.toLowerCase()}`)?.value ?? notSet("unknown"));
    j.outcome = `returns ${value("outcome")}${outputs.length > 0 ? ` (${outputs.map((o) => `${o} ${value(o)}`).join(", ")})` : ""}`;
  }
  return j;
}

/** One run of a flow's journeys: the journey, the state it ended in, each question and the answer taken; `cut`: why it stopped early. */
export interface JourneyRun {
  journey: Journey;
  state?: State;
  answered: ReadonlyArray<{ ask: Ask; taken: string }>;
  cut?: string;
}

/** Runs the flow's journeys one after another, depth first, until none is left or the caller stops asking (a steered run: `steer` and the conditions already decided). */
export function* journeyRuns(
  program: Program,
  flowId: string,
  opts: JourneyOptions & { steer?: () => Steer; assumptions?: ReadonlyMap<string, boolean> } = {},
): Generator<JourneyRun> {
  const flow = program.flows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId} in this program`);
  const seen = new Set<string>();
  let prefix: number[] = [];
  for (;;) {
    const world = new JourneyWorld(
      prefix,
      flow.archyKey,
      (at) => (at.node !== undefined ? label(program, flowId, at.flow, at.node) : describeWhere(at, program)),
      opts.concreteDigits,
      opts.steer?.(),
    );
    const machine = new Machine(program, world);
    machine.maxJumps = opts.maxJumps ?? 2;
    let state: State | undefined;
    let stop: RunStop | undefined;
    let cut: string | undefined;
    if (opts.joinEqualStates !== false) {
      world.joins = (now) => {
        const key = stateKey(now, world.builtins);
        if (seen.has(key)) return true;
        seen.add(key);
        return false;
      };
    }
    try {
      state = machine.start(flowId);
      world.state = state;
      state.assumptions = new Map(opts.assumptions);
      // A module's inputs are whatever its callers give.
      for (const v of state.acts[0].vars.values()) {
        const name = v.name.split(".").slice(1).join(".");
        if (
          flow.model.kind === "commonModule" &&
          Object.hasOwn((flow.model as { inputs?: Record<string, unknown> }).inputs ?? {}, name)
        ) {
          state.acts[0].vars.set(v.name.toLowerCase(), {
            ...v,
            value: v.value.kind === "notSet" ? input(v.type, `input ${name}`) : v.value,
          });
        }
      }
      machine.run(state);
    } catch (e) {
      if (e instanceof Cut) cut = e.message;
      else if (e instanceof RunStop) stop = e;
      else throw e;
    }
    yield {
      journey: journeyOf(program, flowId, state, world, stop, opts.timeline === true),
      ...(state ? { state } : {}),
      answered: world.answered,
      ...(cut !== undefined ? { cut } : {}),
    };
    // The next prefix: the deepest choice point with an untried option.
    const taken = world.taken;
    let i = taken.length - 1;
    while (i >= 0 && taken[i].index + 1 >= taken[i].options) i--;
    if (i < 0) return;
    prefix = [...taken.slice(0, i).map((t) => t.index), taken[i].index + 1];
  }
}

/** Every journey of flow `flowId` (a common module's too: its inputs are unknowns), in a stable order. */
export function journeysOf(program: Program, flowId: string, opts: JourneyOptions = {}): JourneyTable {
  const flow = program.flows.get(flowId);
  if (!flow) throw new Error(`no flow ${flowId} in this program`);
  const maxJourneys = opts.maxJourneys ?? 1000;
  const journeys: Journey[] = [];
  for (const run of journeyRuns(program, flowId, opts)) {
    if (journeys.length >= maxJourneys) return { flow: flowId, file: flow.file, journeys, truncated: true };
    if (run.cut !== undefined)
      Object.assign(run.journey, { outcome: "continues as an earlier journey from here", joined: true });
    journeys.push(run.journey);
  }
  return { flow: flowId, file: flow.file, journeys, truncated: false };
}
