// What a node type's run-time semantics are given by the behaviour interpreter (behaviour/ builds
// it): the values of the action's fields, the flow's variables, what the caller hears and is sent,
// participant data, and the answers of the world (what the customer does at a point that waits,
// what the org answers: schedules, data actions, transfers). A node type's `run` reads the Archy
// action it compiles to and says where the run goes next (a Directive). Structural on purpose, like
// emitContext.ts: the node types depend on no behaviour module.
import type { RunValue } from "../../archy/expressions/values";

/** An Archy action's body: `{name, ...fields}` of `- <key>: {...}`. */
export type ActionBody = Readonly<Record<string, unknown>>;

/** How an interaction ended. */
export type Ending =
  | { type: "disconnect" }
  | { type: "transferToQueue"; queue: string; priority?: number; skills?: readonly string[]; languageSkill?: string }
  | { type: "transferToFlow"; flow: string }
  /** The end of a flow of a kind that ends itself (a workflow, a bot, an in-queue state...). */
  | { type: "end"; action: string }
  /** The flow's error handling ran (settingsErrorHandling), after a run-time error. */
  | { type: "errorHandling"; handling: string; reason: string };

/** Where the run goes after an action. */
export type Directive =
  /** On after the action. */
  | { kind: "next" }
  /** Into the action's output path `outputs.<path>.actions`; when it ends without ending the run, on after the action. */
  | { kind: "path"; path: string }
  /** Into a nested list (a switch case, a menu choice's task); `path` names it for reports. */
  | { kind: "list"; path: string; actions: readonly unknown[] }
  | { kind: "end"; ending: Ending }
  /** The `loop` path `count` times, the 0-based iteration in `index` (a variable) when given. */
  | { kind: "loop"; count: number; index?: string }
  /** Leaves the innermost loop. */
  | { kind: "exitLoop" }
  /** Starts the innermost loop's next iteration. */
  | { kind: "nextLoop" }
  /** Runs a reusable task, its input variables set first, then on after the action (or along the path the task's endTask names). */
  | { kind: "callTask"; ref: string; inputs?: Readonly<Record<string, RunValue>> }
  /** Moves to a reusable task for good; `path`: the menu choice that jumps (the transition it takes, not an output path). */
  | { kind: "jumpToTask"; ref: string; path?: string }
  /** Enters a menu of the flow (`/inboundCall/menus/menu[Main]`, `./menus/menu[Main]`) by a jump; `path` as for jumpToTask. */
  | { kind: "jumpToMenu"; ref: string; path?: string }
  /** Moves to a state for good. */
  | { kind: "changeState"; ref: string }
  /** Ends the running task, module body or state: back to whoever called it, along branch `branch` when given. */
  | { kind: "endTask"; branch?: string }
  /** Runs a common module (its own compiled flow) with these inputs; its outputs go to these variables. */
  | {
      kind: "callModule";
      module: string;
      inputs: Readonly<Record<string, RunValue>>;
      outputs: Readonly<Record<string, string>>;
    };

/** One choice of a menu, as the caller may make it. */
export interface MenuChoiceOption {
  /** The choice's name in Architect. */
  name: string;
  /** `1`, `*`, ... when the choice has a key. */
  dtmf?: string;
  /** Words the caller may say, in the flow's language. */
  speech: readonly string[];
}

/** A schedule group's state (emergency: its emergency group is on). */
export type GroupState = "open" | "closed" | "holiday" | "emergency";

/** A data action's answer: success with its outputs, failure, or no answer in time. */
export type DataActionOutcome =
  | { outcome: "success"; outputs: Readonly<Record<string, RunValue>> }
  | { outcome: "failure" }
  | { outcome: "timeout" };

/** The world: what the customer does and what the org answers, asked where the flow needs it. */
export interface WorldAnswers {
  /** Digits for a collect input: what the caller entered, or nothing (the no-entry timeout). */
  collectDigits(q: {
    name: string;
    prompt: string;
    minDigits: number;
    maxDigits: number;
    terminator?: string;
  }): { digits: RunValue } | { noInput: true };
  /** A menu's choice, each time it has been played (attempt 0 first). */
  menuChoice(q: {
    name: string;
    prompt: string;
    attempt: number;
    choices: readonly MenuChoiceOption[];
  }): { choice: number } | { noInput: true };
  /** Is the schedule active now? */
  schedule(q: { name: string; action: string }): "active" | "inactive";
  /** Which of the schedule group's states holds now (emergency only when the action names an emergency group). */
  scheduleGroup(q: { name: string; emergencyGroup?: string; action: string }): GroupState;
  /** A data action's answer: success with its outputs, failure, or no answer in time. */
  dataAction(q: {
    category: string;
    action: string;
    name: string;
    inputs: Readonly<Record<string, RunValue>>;
    outputs: readonly string[];
  }): DataActionOutcome;
  /** Whether a transfer connects (the queue or flow exists and takes the interaction). */
  transfer(q: { to: "queue" | "flow"; target: string; action: string }): "success" | "failure";
  /** A condition whose value the run does not know (journeys): which way it goes. */
  decide(q: { condition: RunValue; action: string; path: string }): boolean;
}

export interface RunContext {
  /** The action's label and where it is, for messages: `"Ask for the PIN" (inboundCall tasks[0] ...)`. */
  readonly where: string;
  /** The action's name. */
  readonly name: string;
  /** A value field of the action (`{exp}`, `{lit}`, `{noValue}`, `{tts}`, `{var}`) as a value of `type`. */
  value(field: unknown, type: string): RunValue;
  /** Evaluates an Architect expression. */
  evaluate(expression: string): RunValue;
  /** Assigns a variable by its Archy name (`Flow.x`, `Common.y`, `Task.z`), converting as Architect converts results. */
  assign(variable: string, value: RunValue): void;
  /** The declared type of a variable by its Archy name. */
  variableType(variable: string): string;
  /** Plays audio to the caller (a prompt, a menu, a transfer's announcement). */
  play(audio: RunValue): void;
  /** Sends a message to the customer (a response, an email's auto reply). */
  send(message: RunValue): void;
  /** Participant data of the interaction. */
  getAttribute(name: string): RunValue;
  setAttribute(name: string, value: RunValue): void;
  /** A menu of the flow by its reference (`/inboundCall/menus/menu[Main]`), its `menu:` body. */
  menu(ref: string): ActionBody | undefined;
  /** The flow's menu settings (`settingsMenu`), for what a menu leaves unset. */
  readonly menuDefaults: ActionBody | undefined;
  /** Every menu of the flow (its `menus`), in order: their global choices are offered in each menu. */
  readonly menus: readonly ActionBody[];
  /** The caller enters this menu (by its refId): the menu a previous-menu choice goes back from. */
  enterMenu(refId: string): void;
  /** Leaves the current menu: the refId of the menu entered before it, or undefined when there is none. */
  leaveMenu(): string | undefined;
  /** The world's answers. */
  readonly world: WorldAnswers;
  /** Stops the run: the interpreter cannot simulate `what` (Genesys documents no behaviour for it, or the interpreter lacks it). */
  cannot(what: string): never;
  /** A run-time error: the flow's error handling runs. */
  fault(message: string): never;
}

/** The run-time semantics of one Archy action. */
export type ActionRun = (action: ActionBody, rt: RunContext) => Directive;

/** A node type's semantics: Archy action key -> what it does. */
export type ActionRuns = Readonly<Record<string, ActionRun>>;
