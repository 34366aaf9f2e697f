// The interpreter of compiled Archy: runs a flow's actions the way Architect runs them, one action
// at a time over an explicit state (state.ts), asking each action's semantics (semantics.ts: the
// node types' `run` and behaviour/actions) where to go next. It knows the shape of a compiled flow:
// where it starts (startUpRef to a task, menu, state or bot; startUpTaskActions; startUpState),
// output paths that fall through to the end of their list, reusable tasks called and jumped to,
// loops, modules entered through their own compiled flow, the flow's error handling. It reports
// what ran in the user's terms through the compiler's source map: the nodes entered and the
// transitions taken. An action it has no semantics for, or a behaviour no documentation settles,
// stops the run with "cannot simulate <X> at <location>".
import type { ArchyType } from "../archy/catalogue/types";
import { CannotEvaluate, EvaluationFault, evaluate, type EvaluationEnv } from "../archy/expressions/evaluate";
import {
  audioParts,
  display,
  initialOf,
  named,
  notSet,
  spokenText,
  str,
  type RunValue,
} from "../archy/expressions/values";
import type { ActionSource, EdgeSource } from "../compiler";
import type { ActionBody, Directive, Ending, RunContext } from "../model/nodes/runContext";
import { convert, literalValue } from "./convert";
import type { CompiledFlow, Program } from "./program";
import { SEMANTICS } from "./semantics";
import type { Frame, State, Variable } from "./state";
import type { TraceEvent, Where } from "./trace";
import { cannotSimulate, scenarioStop, type World } from "./world";
import { isMap, single } from "../archy/json";

/** Architect runs at most this many actions per flow run (help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/). */
export const MAX_ACTIONS = 10_000;

type Body = Record<string, unknown>;

/** `<type>Variable` / `<type>CollectionVariable` declarations -> variables with their initial values. */
function declare(into: Map<string, Variable>, declarations: unknown): void {
  if (!Array.isArray(declarations)) return;
  for (const item of declarations) {
    const d = single(item);
    if (!d || !isMap(d[1]) || typeof d[1].name !== "string" || !d[0].endsWith("Variable")) continue;
    const type = d[0].slice(0, -"Variable".length);
    const init = d[1].initialValue;
    const value = isMap(init) && Object.hasOwn(init, "lit") ? literalValue(init.lit, type) : initialOf(type);
    into.set(d[1].name.toLowerCase(), { name: d[1].name, type, value });
  }
}

/** The refId in `/inboundCall/tasks/task[Menu]` or `./menus/menu[Main]`. */
function refIdOf(ref: string, element: string): string | undefined {
  return new RegExp(`${element}\\[(.*)\\]$`).exec(ref)?.[1];
}

export class Machine {
  constructor(
    readonly program: Program,
    readonly world: World,
    /** Told each Archy action run, the output path it took and the variables it set (the emulator records executions from it). */
    private readonly onAction?: (ran: {
      flow: CompiledFlow;
      action: object;
      path?: string;
      assigned?: Record<string, string>;
    }) => void,
  ) {}

  /** The variables the running action has set, by name (for onAction). */
  private assigned: Record<string, string> = {};

  /** The state a run of flow `entry` starts in (the flow's variables, the interaction's attributes). */
  start(entry: string, attributes: ReadonlyMap<string, RunValue> = new Map()): State {
    const flow = this.program.flows.get(entry);
    if (!flow) throw scenarioStop(`no flow ${entry} in this stack`);
    const vars = new Map<string, Variable>();
    declare(vars, flow.body.variables);
    const state: State = {
      frames: [],
      acts: [{ flow, vars }],
      attributes: new Map(attributes),
      events: [],
      steps: 0,
      forced: [],
      assumptions: new Map(),
      jumps: new Map(),
    };
    const where = this.flowWhere(flow);
    // A call flow's initial greeting plays when the call enters it (sdk: ArchBaseFlowInboundOutboundSecureCall.initialAudio).
    if (flow.body.initialGreeting !== undefined)
      this.guard(state, where, () =>
        this.runtime(state, 0, where, {}).play(this.valueOf(state, 0, flow.body.initialGreeting, "audio")),
      );
    const body = flow.body;
    if (Array.isArray(body.startUpTaskActions))
      this.push(state, { act: 0, kind: "body", actions: body.startUpTaskActions, index: 0 });
    else if (isMap(body.startUpState) && Array.isArray(body.startUpState.actions))
      this.push(state, { act: 0, kind: "body", actions: body.startUpState.actions, index: 0 });
    else if (typeof body.startUpRef === "string") this.enterRef(state, 0, body.startUpRef, where);
    else
      throw cannotSimulate(
        `cannot simulate ${flow.file}: its compiled flow has no start (startUpRef, startUpTaskActions or startUpState)`,
      );
    return state;
  }

  /** Runs until the interaction ends. Throws RunStop when the run cannot go on. */
  run(state: State): State {
    while (this.step(state));
    return state;
  }

  /** Runs one action (or ends one frame). False once the run has ended. */
  step(state: State): boolean {
    if (state.ending) return false;
    const frame = state.frames[state.frames.length - 1];
    if (!frame) {
      const flow = state.acts[0].flow;
      throw cannotSimulate(
        `cannot simulate ${flow.file}: a path of the compiled flow ends without an action that ends it (Architect requires one)`,
      );
    }
    if (frame.index >= frame.actions.length) {
      this.endFrame(state);
      return !state.ending;
    }
    const action = frame.actions[frame.index];
    frame.index++;
    if (++state.steps > MAX_ACTIONS)
      throw cannotSimulate(
        `cannot simulate more than ${MAX_ACTIONS} actions in one run (Architect's limit per flow run); the flow does not end`,
      );
    this.runAction(state, frame.act, action);
    return !state.ending;
  }

  // ------------------------------------------------------------------------------------------
  // Running one action

  /** `entering`: the node of a menu entered by a jump the compiled flow does not hold (a start at a menu, a choice's jump), where the action's own source is missing. */
  private runAction(state: State, act: number, action: unknown, entering?: ActionSource): void {
    const a = single(action);
    const flow = state.acts[act].flow;
    if (!a || !isMap(a[1]))
      throw cannotSimulate(`cannot simulate ${flow.file}: an action that is not a one-key mapping`);
    const [key, body] = a as [string, Body];
    const where = this.whereOf(flow, action as object, body, entering);
    this.observe(state, act, action as object);
    const event: TraceEvent & { kind: "action" } = {
      kind: "action",
      key,
      at: where,
      ...(entering ? { unrecorded: true } : {}),
    };
    state.events.push(event);
    const semantics = SEMANTICS.get(key);
    if (!semantics) {
      const at = describeWhere(where, this.program);
      const why = `cannot simulate action ${key} at ${at}: the interpreter has no semantics for it`;
      throw cannotSimulate(why, { at: where, kind: key });
    }
    const outer = this.assigned;
    this.assigned = {};
    const run = () => semantics.run(body, this.runtime(state, act, where, body));
    const directive = this.guard(state, where, run, key);
    if (directive && (directive.kind === "path" || directive.kind === "list")) event.path = directive.path;
    const assigned = this.assigned;
    this.assigned = outer;
    if (directive) this.apply(state, act, action as object, body, directive, where);
    this.onAction?.({
      flow,
      action: action as object,
      ...(event.path !== undefined ? { path: event.path } : {}),
      ...(Object.keys(assigned).length > 0 ? { assigned } : {}),
    });
  }

  /**
   * Runs `f` (of an action of Archy kind `kind`), turning what it cannot simulate into a RunStop and
   * a run-time error into the flow's error handling.
   */
  private guard<T>(state: State, where: Where, f: () => T, kind = "expression"): T | undefined {
    try {
      return f();
    } catch (e) {
      if (e instanceof CannotEvaluate) {
        const at = describeWhere(where, this.program);
        throw cannotSimulate(`${e.message} at ${at}`, { at: where, kind });
      }
      if (e instanceof EvaluationFault) {
        this.errorHandling(state, where, e.message);
        return undefined;
      }
      throw e;
    }
  }

  /**
   * A run-time error runs the flow's error handling (settingsErrorHandling: disconnect, queue,
   * exit, ... with preHandlingAudio first; docs: ../shared/facts "Flow-wide error handling").
   */
  private errorHandling(state: State, where: Where, reason: string): void {
    const flow = state.acts[0].flow;
    const settings = isMap(flow.body.settingsErrorHandling) ? flow.body.settingsErrorHandling : undefined;
    const handling = settings ? single(settings.errorHandling) : undefined;
    if (!settings || !handling)
      throw cannotSimulate(
        `cannot simulate the error "${reason}" at ${describeWhere(where, this.program)}: ${flow.file} sets no error handling`,
      );
    if (settings.preHandlingAudio !== undefined)
      this.play(state, where, this.valueOf(state, 0, settings.preHandlingAudio, "audio"));
    state.ending = { type: "errorHandling", handling: handling[0], reason };
  }

  private apply(state: State, act: number, action: object, body: Body, d: Directive, where: Where): void {
    const activation = state.acts[act];
    if ((d.kind === "jumpToTask" || d.kind === "jumpToMenu") && d.path !== undefined) activation.lastPath = d.path;
    switch (d.kind) {
      case "next":
        return;
      case "path": {
        activation.lastPath = d.path;
        const outputs = isMap(body.outputs) ? body.outputs : {};
        const p = outputs[d.path];
        if (isMap(p) && Array.isArray(p.actions) && p.actions.length > 0)
          this.push(state, { act, kind: "branch", actions: p.actions, index: 0 });
        return;
      }
      case "list":
        activation.lastPath = d.path;
        if (d.actions.length > 0) this.push(state, { act, kind: "branch", actions: d.actions, index: 0 });
        return;
      case "end":
        state.ending = d.ending;
        return;
      case "loop": {
        const outputs = isMap(body.outputs) ? body.outputs : {};
        const p = outputs.loop;
        const actions = isMap(p) && Array.isArray(p.actions) ? p.actions : [];
        if (d.count <= 0) return;
        if (d.index !== undefined) this.assign(state, act, d.index, { kind: "set", type: "integer", value: 0 }, where);
        const origin = activation.flow.sources.origin(action);
        this.push(state, {
          act,
          kind: "loop",
          actions,
          index: 0,
          loop: {
            count: d.count,
            iteration: 0,
            ...(d.index !== undefined ? { index: d.index } : {}),
            ...(origin?.owner ? { owner: origin.owner } : {}),
          },
        });
        return;
      }
      case "exitLoop":
      case "nextLoop": {
        for (let i = state.frames.length - 1; i >= 0 && state.frames[i].act === act; i--) {
          if (state.frames[i].kind !== "loop") continue;
          state.frames.length = d.kind === "exitLoop" ? i : i + 1;
          if (d.kind === "nextLoop") state.frames[i].index = state.frames[i].actions.length;
          return;
        }
        throw cannotSimulate(
          `cannot simulate ${d.kind === "exitLoop" ? "loopExit" : "loopNext"} outside a loop at ${describeWhere(where, this.program)}`,
        );
      }
      case "jumpToMenu": {
        this.bound(state, d.ref, where);
        this.dropFramesOf(state, act);
        this.enterRef(state, act, d.ref, where);
        return;
      }
      case "callTask":
      case "jumpToTask":
      case "changeState": {
        const kind = d.kind === "changeState" ? "state" : "task";
        if (d.kind !== "callTask") this.bound(state, d.ref, where);
        const target =
          kind === "state"
            ? activation.flow.states.get(refIdOf(d.ref, "state") ?? "")
            : activation.flow.tasks.get(refIdOf(d.ref, "task") ?? "");
        if (!target || !Array.isArray(target.actions))
          throw cannotSimulate(
            `cannot simulate a ${d.kind} to ${d.ref}, which ${activation.flow.file} does not have, at ${describeWhere(where, this.program)}`,
          );
        declare(activation.vars, target.variables);
        // A call's task inputs (evaluated where the call is) set the task's input variables.
        if (d.kind === "callTask")
          for (const [variable, value] of Object.entries(d.inputs ?? {}))
            this.assign(state, act, variable, value, where);
        if (d.kind !== "callTask") this.dropFramesOf(state, act);
        this.push(state, {
          act,
          kind: d.kind === "callTask" ? "task" : "body",
          actions: target.actions,
          index: 0,
          ...(d.kind === "callTask" ? { call: body } : {}),
        });
        return;
      }
      case "endTask":
        this.endTask(state, act, d.branch, where);
        return;
      case "callModule":
        this.callModule(state, act, d, where);
        return;
    }
  }

  /** Journeys bound cycles: a task, state or menu is entered by a jump at most this often on one path. */
  private bound(state: State, ref: string, where: Where): void {
    const n = (state.jumps.get(ref) ?? 0) + 1;
    state.jumps.set(ref, n);
    if (n > this.maxJumps)
      throw cannotSimulate(
        `cannot simulate a path that goes to ${ref} more than ${this.maxJumps} times (at ${describeWhere(where, this.program)})`,
      );
  }

  /** How often a path may jump to the same task or menu (raised by scenarios, lowered by journeys). */
  maxJumps = 1000;

  private dropFramesOf(state: State, act: number): void {
    while (state.frames.length > 0 && state.frames[state.frames.length - 1].act === act) state.frames.pop();
  }

  private endTask(state: State, act: number, branch: string | undefined, where: Where): void {
    for (let i = state.frames.length - 1; i >= 0 && state.frames[i].act === act; i--) {
      const f = state.frames[i];
      if (f.kind === "task") {
        state.frames.length = i;
        if (branch !== undefined) {
          const outputs = isMap(f.call?.outputs) ? (f.call!.outputs as Body) : {};
          const p = outputs[branch];
          if (isMap(p) && Array.isArray(p.actions) && p.actions.length > 0)
            this.push(state, { act, kind: "branch", actions: p.actions, index: 0 });
        }
        return;
      }
      if (f.kind === "module") {
        state.frames.length = i;
        this.returnFromModule(state, act, where);
        return;
      }
    }
    const activation = state.acts[act];
    if (act === 0 && activation.flow.model.kind === "commonModule") {
      // The module under test returns: the run ends, with its outputs in its variables.
      state.ending = { type: "end", action: "endTask" };
      return;
    }
    throw cannotSimulate(`cannot simulate endTask outside a task at ${describeWhere(where, this.program)}`);
  }

  /** A module's start-up actions run in a new activation; its inputs are set first. */
  private callModule(state: State, act: number, d: Extract<Directive, { kind: "callModule" }>, where: Where): void {
    const callee = this.program.byPublishedName(d.module);
    if (!callee)
      throw cannotSimulate(
        `cannot simulate a call of module "${d.module}", which this stack does not deploy, at ${describeWhere(where, this.program)}`,
      );
    if (!Array.isArray(callee.body.startUpTaskActions))
      throw cannotSimulate(`cannot simulate module ${callee.file}: its compiled flow has no startUpTaskActions`);
    const vars = new Map<string, Variable>();
    declare(vars, callee.body.variables);
    state.acts.push({ flow: callee, vars, outputs: d.outputs, caller: act });
    const index = state.acts.length - 1;
    for (const [input, value] of Object.entries(d.inputs)) this.assign(state, index, input, value, where);
    this.push(state, { act: index, kind: "module", actions: callee.body.startUpTaskActions, index: 0 });
  }

  private returnFromModule(state: State, act: number, where: Where): void {
    const activation = state.acts[act];
    const caller = activation.caller ?? 0;
    for (const [output, target] of Object.entries(activation.outputs ?? {})) {
      const v = activation.vars.get(output.toLowerCase());
      if (!v)
        throw cannotSimulate(
          `cannot simulate the output ${output} of module ${activation.flow.file}, which it does not declare, at ${describeWhere(where, this.program)}`,
        );
      this.assign(state, caller, target, v.value, where);
    }
    // The activation stays (its index is referenced); it is simply no longer run.
    activation.returned = true;
  }

  // ------------------------------------------------------------------------------------------
  // Frames

  private push(state: State, frame: Frame): void {
    state.frames.push(frame);
  }

  /** A frame ran out of actions: a branch falls through, a loop iterates, anything else must have ended. */
  private endFrame(state: State): void {
    const frame = state.frames[state.frames.length - 1];
    const activation = state.acts[frame.act];
    switch (frame.kind) {
      case "branch":
        state.frames.pop();
        return;
      case "loop": {
        const loop = frame.loop!;
        loop.iteration++;
        if (loop.iteration >= loop.count) {
          state.frames.pop();
          // The last iteration also goes back to the loop node, which then takes its `done` transition.
          if (loop.owner) this.enterNode(state, frame.act, loop.owner);
          return;
        }
        frame.index = 0;
        const where = this.flowWhere(activation.flow);
        if (loop.index !== undefined)
          this.assign(state, frame.act, loop.index, { kind: "set", type: "integer", value: loop.iteration }, where);
        // Going round again re-enters the loop node.
        if (loop.owner) this.enterNode(state, frame.act, loop.owner);
        return;
      }
      default: {
        const flow = activation.flow;
        throw cannotSimulate(
          `cannot simulate ${flow.file}: a ${frame.kind === "task" ? "called task" : frame.kind === "module" ? "module" : "task"} ends without an action that ends it (Architect requires one)`,
        );
      }
    }
  }

  /** Follows a startUpRef or jump target: a task, a state, a bot, or a menu. */
  private enterRef(state: State, act: number, ref: string, where: Where): void {
    const flow = state.acts[act].flow;
    const menu = refIdOf(ref, "menu");
    if (menu !== undefined) {
      const element = flow.menus.get(menu);
      const source = element ? flow.sources.elementOf(element) : undefined;
      if (source) this.enterNode(state, act, source);
      this.runAction(state, act, { jumpToMenu: { name: String(element?.name ?? menu), targetMenuRef: ref } }, source);
      return;
    }
    for (const [element, map] of [
      ["task", flow.tasks],
      ["state", flow.states],
      ["bot", flow.bots],
    ] as const) {
      const id = refIdOf(ref, element);
      const target = id !== undefined ? map.get(id) : undefined;
      if (target && Array.isArray(target.actions)) {
        declare(state.acts[act].vars, target.variables);
        this.push(state, { act, kind: "body", actions: target.actions, index: 0 });
        return;
      }
    }
    throw cannotSimulate(
      `cannot simulate ${flow.file}: its start ${ref} is not a task, state, bot or menu it has (at ${describeWhere(where, this.program)})`,
    );
  }

  // ------------------------------------------------------------------------------------------
  // What ran, in the user's terms

  /** The flow id a source's node belongs to (a module compiled in place names its module). */
  private flowOfSource(compiledIn: CompiledFlow, source: { module?: string }): string {
    return source.module !== undefined
      ? (this.program.moduleByName(source.module)?.id ?? source.module)
      : compiledIn.id;
  }

  private whereOf(flow: CompiledFlow, action: object, body: Body, entering?: ActionSource): Where {
    const owner = flow.sources.origin(action)?.owner ?? entering;
    return {
      flow: owner ? this.flowOfSource(flow, owner) : flow.id,
      ...(owner ? { node: owner.node } : {}),
      action: String(body.name ?? ""),
      compiledIn: flow.id,
    };
  }

  private flowWhere(flow: CompiledFlow): Where {
    return { flow: flow.id, action: "", compiledIn: flow.id };
  }

  /** Reports the transitions an action continues and the node it enters. */
  private observe(state: State, act: number, action: object): void {
    const activation = state.acts[act];
    const origin = activation.flow.sources.origin(action);
    if (!origin) return;
    // Transitions recorded innermost first: a node with no action of its own passes its transition on.
    const edges = [...origin.edgesInto].reverse();
    const target =
      origin.entry && origin.owner
        ? { flow: this.flowOfSource(activation.flow, origin.owner), node: origin.owner.node }
        : undefined;
    const arrived = activation.arriving;
    if (edges.length > 0 && !(arrived && target && arrived.flow === target.flow && arrived.node === target.node)) {
      edges.forEach((e, i) => {
        this.transition(state, act, e);
        const next = edges[i + 1];
        // The node passed is the one the transition leads to: the next edge's origin, or, for a
        // module compiled in place, its return (the next edge is then the calling node's outcome).
        const passed =
          activation.arriving ??
          (next ? { flow: this.flowOfSource(activation.flow, next), node: next.from } : undefined);
        if (next && passed) this.visit(state, act, passed);
      });
    }
    if (target) this.enterNode(state, act, origin.owner!, edges.length > 0);
  }

  /** Enters a node: the transition that led here (from the node before, when no edge said it), then the visit. */
  private enterNode(state: State, act: number, source: ActionSource, viaEdge = false): void {
    const activation = state.acts[act];
    const flow = this.flowOfSource(activation.flow, source);
    const arrived = activation.arriving;
    if (!viaEdge && !(arrived && arrived.flow === flow && arrived.node === source.node)) {
      const last = activation.lastVisit;
      const model = this.program.flows.get(flow)?.model;
      if (last && last.flow === flow && model) {
        const node = model.nodes[last.node] as { transitions?: Record<string, string | undefined> } | undefined;
        const candidates = Object.entries(node?.transitions ?? {})
          .filter(([, t]) => t === source.node)
          .map(([name]) => name);
        const name = candidates.includes(activation.lastPath ?? "") ? activation.lastPath! : candidates[0];
        if (name !== undefined) state.events.push({ kind: "transition", flow, from: last.node, transition: name });
      }
    }
    this.visit(state, act, { flow, node: source.node });
  }

  private transition(state: State, act: number, e: EdgeSource): void {
    const activation = state.acts[act];
    const flow = this.flowOfSource(activation.flow, e);
    state.events.push({ kind: "transition", flow, from: e.from, transition: e.transition });
    const model = this.program.flows.get(flow)?.model;
    const target = (model?.nodes[e.from] as { transitions?: Record<string, string | undefined> } | undefined)
      ?.transitions?.[e.transition];
    activation.arriving = target !== undefined ? { flow, node: target } : undefined;
  }

  private visit(state: State, act: number, node: { flow: string; node: string }): void {
    const activation = state.acts[act];
    state.events.push({ kind: "visit", flow: node.flow, node: node.node });
    activation.lastVisit = node;
    activation.arriving = undefined;
    // The path a branching action takes belongs to the node it is in: a new node starts with none
    // (so that two runs at the same place with the same values are the same state, state.ts).
    activation.lastPath = undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Values and the runtime the semantics see

  private env(state: State, act: number): EvaluationEnv {
    return {
      variable: (name) => {
        const own = state.acts[act].vars.get(name.toLowerCase());
        if (own) return own.value;
        const builtin = this.world.builtin(name);
        if (builtin) return builtin;
        const [scope, member, ...rest] = name.split(".");
        // The org's prompts by name (`Prompt.Greeting`, `PromptSystem.beep`): the run knows them by name.
        if (
          rest.length === 0 &&
          member !== undefined &&
          (scope.toLowerCase() === "prompt" || scope.toLowerCase() === "promptsystem")
        )
          return named("prompt", member);
        if (name.toLowerCase() === "flow.startdatetimeutc") return this.world.now();
        return undefined;
      },
      now: () => this.world.now(),
    };
  }

  private valueOf(state: State, act: number, field: unknown, type: ArchyType): RunValue {
    if (field === undefined || field === null) return initialOf(type);
    if (typeof field === "string") return str(field);
    if (!isMap(field)) return literalValue(field, type);
    if (typeof field.exp === "string") return convert(evaluate(field.exp, this.env(state, act)), type, "result");
    if (Object.hasOwn(field, "lit")) return literalValue(field.lit, type);
    if (field.noValue === true || field.noValueWithNoFallback === true) return initialOf(type);
    if (typeof field.tts === "string") return { kind: "set", type: "audio", value: [{ tts: field.tts }] };
    if (typeof field.prompt === "string") return { kind: "set", type: "audio", value: [{ prompt: field.prompt }] };
    if (typeof field.var === "string") return this.env(state, act).variable(field.var) ?? notSet(type);
    throw new CannotEvaluate(`a value written ${JSON.stringify(Object.keys(field))}`);
  }

  private assign(state: State, act: number, variable: string, value: RunValue, where: Where): void {
    const vars = state.acts[act].vars;
    const declared = vars.get(variable.toLowerCase());
    if (!declared)
      throw cannotSimulate(
        `cannot simulate writing ${variable}, which ${state.acts[act].flow.file} does not declare, at ${describeWhere(where, this.program)}`,
      );
    const converted = this.guard(state, where, () => convert(value, declared.type, "assignment"));
    if (!converted) return;
    vars.set(variable.toLowerCase(), { ...declared, value: converted });
    this.assigned[declared.name] =
      converted.kind === "set" && typeof converted.value === "string" ? converted.value : display(converted);
  }

  private play(state: State, where: Where, audio: RunValue): void {
    const text = audio.kind === "unknown" ? `{${audio.term}}` : spokenText(audioParts(audio));
    if (text !== "") state.events.push({ kind: "prompt", text, at: where });
  }

  private runtime(state: State, act: number, where: Where, body: ActionBody): RunContext {
    const activation = state.acts[act];
    const flow = activation.flow;
    const answer = (question: string, text: string) =>
      state.events.push({ kind: "answer", question, answer: text, at: where });
    const world = this.world;
    return {
      where: describeWhere(where, this.program),
      name: String(body.name ?? ""),
      value: (field, type) => this.valueOf(state, act, field, type),
      evaluate: (expression) => evaluate(expression, this.env(state, act)),
      assign: (variable, value) => this.assign(state, act, variable, value, where),
      variableType: (variable) => activation.vars.get(variable.toLowerCase())?.type ?? "unknown",
      play: (audio) => this.play(state, where, audio),
      send: (message) =>
        state.events.push({
          kind: "message",
          text: message.kind === "set" && typeof message.value === "string" ? message.value : display(message),
          at: where,
        }),
      getAttribute: (name) => state.attributes.get(name) ?? world.missingAttribute(name, where),
      setAttribute: (name, value) => {
        state.attributes.set(name, value);
        state.events.push({ kind: "attribute", name, value: display(value), at: where });
      },
      menu: (ref) => flow.menus.get(refIdOf(ref, "menu") ?? ""),
      menuDefaults: isMap(flow.body.settingsMenu) ? flow.body.settingsMenu : undefined,
      menus: [...flow.menus.values()],
      enterMenu: (refId) => {
        const trail = activation.menuTrail ?? [];
        if (trail[trail.length - 1] !== refId) activation.menuTrail = [...trail, refId];
      },
      leaveMenu: () => {
        const trail = activation.menuTrail ?? [];
        activation.menuTrail = trail.slice(0, -2);
        return trail.length >= 2 ? trail[trail.length - 2] : undefined;
      },
      world: {
        collectDigits: (q) => {
          const a = world.collectDigits(q, where);
          answer(`collect ${q.name}`, "noInput" in a ? "no input" : `digits ${display(a.digits)}`);
          return a;
        },
        menuChoice: (q) => {
          const a = world.menuChoice(q, where);
          answer(`menu ${q.name}`, "noInput" in a ? "no input" : `choice ${q.choices[a.choice]?.name ?? a.choice}`);
          return a;
        },
        schedule: (q) => {
          const a = world.schedule(q, where);
          answer(`schedule ${q.name}`, a);
          return a;
        },
        scheduleGroup: (q) => {
          const a = world.scheduleGroup(q, where);
          answer(`schedule group ${q.name}`, a);
          return a;
        },
        dataAction: (q) => {
          const a = world.dataAction(q, where);
          answer(`data action ${q.category}/${q.action}`, a.outcome);
          return a;
        },
        transfer: (q) => {
          const a = world.transfer(q, where);
          answer(`transfer to ${q.to} ${q.target}`, a);
          return a;
        },
        decide: (q) => {
          const a = world.decide(q, where);
          answer(
            `condition ${q.condition.kind === "unknown" ? q.condition.term : display(q.condition)}`,
            a ? "true" : "false",
          );
          return a;
        },
      },
      cannot: (what) => {
        throw new CannotEvaluate(what);
      },
      fault: (message) => {
        throw new EvaluationFault(message);
      },
    };
  }
}

/** `flows/calls/sales.yaml node "Menu" (action "Main menu")`, naming the compiled flow when a module is compiled into another. */
export function describeWhere(where: Where, program: Program): string {
  const file = program.flows.get(where.flow)?.file ?? where.flow;
  const into =
    where.compiledIn !== where.flow
      ? `, compiled into ${program.flows.get(where.compiledIn)?.file ?? where.compiledIn}`
      : "";
  const action = where.action !== "" ? `action "${where.action}"` : "";
  if (where.node !== undefined)
    return `${file} node "${where.node}"${action || into ? ` (${[action, into.slice(2)].filter((x) => x !== "").join(", ")})` : ""}`;
  return `${file}${action || into ? ` (${[action, into.slice(2)].filter((x) => x !== "").join(", ")})` : ""}`;
}

export type { State } from "./state";
export type { Ending };
