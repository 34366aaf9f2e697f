// Builders for the Archy constructs the compiler emits. Each shape follows real exports
// (../shared/archy-corpus): value wrappers `lit`/`exp`/`tts`/`noValue`/`var`, typed `updateData`
// statements, `collectInput`, `decision`, `switch`, `evaluateSchedule`, `callData`, `transferToAcd`,
// `transferToFlow`, `playAudio`, `get/setParticipantData`, `sendAutoReply`, `sendResponse`,
// `callCommonModule`, `callTask`, `loop`/`loopExit`, `disconnect`, `endTask`, and call menus. Every
// key emitted here is checked by the fidelity test against the corpus, or against the few
// documented exceptions of compiler/fidelity-exceptions.yaml (test/unit/compilerFidelity.test.ts).
// Pure data, no YAML here.
import { ACTIONS } from "./catalogue/actions";

/**
 * The Archy action that ends a path which falls through (its key; `none`: nothing, the flow type
 * has no such action or repeats, as an in-queue flow does).
 */
export type Terminator =
  | "disconnect"
  | "endTask"
  | "endWorkflow"
  | "exitWorkitemFlow"
  | "exitBotFlow"
  | "endState"
  | "none";

/** An Archy variable type name, as in `<type>Variable` and typed `updateData` statements. */
type VariableType = string;

export type Action = Record<string, Record<string, unknown>>;
export type Value = Record<string, unknown>;

export const noValue = (): Value => ({ noValue: true });
export const exp = (e: string): Value => ({ exp: e });
export const lit = (v: unknown): Value => ({ lit: v });
export const tts = (text: string): Value => ({ tts: text });
export const varRef = (name: string): Value => ({ var: name });

/** A user prompt named by its expression `Prompt.<name>`. */
export const PROMPT_REFERENCE = /^Prompt\.[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A value of `type` given by an expression: a user prompt stored in a prompt variable is the literal
 * real exports write (`lit: {name: Prompt.X}`, export:jpercs/terraform-github-actions
 * flows/EUSA_OB_Collections_Customer_PROD.yaml line 428), any other value an `exp`.
 */
export function valueOf(type: VariableType, expression: string): Value {
  return type === "prompt" && PROMPT_REFERENCE.test(expression) ? lit({ name: expression }) : exp(expression);
}

/** `- stringVariable: {name, description?, initialValue, isInput?, isOutput?}` */
export function variable(
  type: VariableType,
  name: string,
  opts: { description?: string; initialValue: Value; isInput?: boolean; isOutput?: boolean },
): Record<string, unknown> {
  return {
    [`${type}Variable`]: {
      name,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      initialValue: opts.initialValue,
      ...(opts.isInput !== undefined ? { isInput: opts.isInput } : {}),
      ...(opts.isOutput !== undefined ? { isOutput: opts.isOutput } : {}),
    },
  };
}

export interface Statement {
  type: VariableType;
  variable: string;
  value: Value;
}

export function updateData(name: string, statements: Statement[]): Action {
  return {
    updateData: {
      name,
      statements: statements.map((s) => ({ [s.type]: { variable: s.variable, value: s.value } })),
    },
  };
}

/** What a speaking node says: its text to speak, or its audio expression. */
export function spoken(node: { prompt?: string; audio?: string }, expression: (text: string) => string): Value {
  return node.audio !== undefined ? exp(expression(node.audio)) : tts(node.prompt ?? "");
}

export function playAudio(name: string, audio: Value): Action {
  return { playAudio: { name, audio } };
}

export function collectInput(
  name: string,
  o: {
    variable: string;
    minDigits: number;
    maxDigits: number;
    terminator: "#" | "*" | "none";
    timeoutSeconds: number | "flowDefault";
    interDigitTimeoutSeconds?: number;
    acceptJustStar: boolean;
    inputAudio: Value;
  },
  outputs: { success: Action[]; failure: Action[] },
): Action {
  const exact = o.minDigits === o.maxDigits;
  const ends = !exact && o.terminator !== "none";
  return {
    collectInput: {
      name,
      inputData: varRef(o.variable),
      digits: exact
        ? { exact: o.maxDigits }
        : {
            range: {
              ...(ends ? { terminatingDtmf: `digit_${o.terminator}` } : {}),
              min: o.minDigits,
              max: o.maxDigits,
            },
          },
      interDigitTimeout:
        o.interDigitTimeoutSeconds !== undefined ? lit({ seconds: o.interDigitTimeoutSeconds }) : noValue(),
      noEntryTimeout: o.timeoutSeconds === "flowDefault" ? noValue() : lit({ seconds: o.timeoutSeconds }),
      inputAudio: o.inputAudio,
      ...(ends ? { includeTerminatingDtmfInResultData: false } : {}),
      acceptJustStar: lit(o.acceptJustStar),
      acceptJustPound: lit(false),
      ...withOutputs({ success: outputs.success, failure: outputs.failure }),
    },
  };
}

/** Output paths with no actions are left out: a missing path falls through, as in real exports. */
function paths(named: Record<string, Action[] | undefined>): Record<string, { actions: Action[] }> {
  const out: Record<string, { actions: Action[] }> = {};
  for (const [key, actions] of Object.entries(named)) if (actions && actions.length > 0) out[key] = { actions };
  return out;
}

/** `{outputs: {...}}` with the non-empty paths, or nothing when every path is empty. */
function withOutputs(named: Record<string, Action[] | undefined>): { outputs?: Record<string, { actions: Action[] }> } {
  const outputs = paths(named);
  return Object.keys(outputs).length > 0 ? { outputs } : {};
}

export function decision(name: string, condition: string, branches: { yes?: Action[]; no?: Action[] }): Action {
  return { decision: { name, condition: exp(condition), ...withOutputs({ yes: branches.yes, no: branches.no }) } };
}

/** A string literal inside an Architect expression (names are checked to hold no double quote). */
export function stringLiteral(text: string): string {
  return `"${text}"`;
}

export interface QueueTransfer {
  /** `{lit: {name}}` or `{exp}`. */
  queue: Value;
  /** Played before the transfer (`preTransferAudio`). */
  preTransferAudio?: Value;
  /** Played when the transfer fails (`failureTransferAudio`). */
  failureAudio?: Value;
  /** Sent before the transfer and when it fails, in message flows (communication expressions). */
  message?: string;
  failureMessage?: string;
  /** An integer expression; Architect's default 0 when absent. */
  priority?: string;
  /** Skill names, found at run time as real exports do (`acdSkill: {exp: FindSkill(...)}`). */
  skills?: readonly string[];
  languageSkill?: string;
  /** Adds the skills to those the queue's in-queue handling already asks for. */
  appendSkills?: boolean;
  /** The in-queue flow that runs instead of the queue's own (a flow named directly). */
  inQueueFlow?: string;
}

export function transferToAcd(name: string, t: QueueTransfer, failure: Action[]): Action {
  return {
    transferToAcd: {
      name,
      targetQueue: t.queue,
      ...(t.skills !== undefined
        ? { acdSkills: t.skills.map((s) => ({ acdSkill: exp(`FindSkill(${stringLiteral(s)})`) })) }
        : {}),
      ...(t.inQueueFlow !== undefined ? { overrideInQueueFlow: { name: t.inQueueFlow } } : {}),
      ...(t.preTransferAudio !== undefined ? { preTransferAudio: t.preTransferAudio } : {}),
      ...(t.failureAudio !== undefined ? { failureTransferAudio: t.failureAudio } : {}),
      ...(t.message !== undefined ? { preTransferCommunication: exp(t.message) } : {}),
      ...(t.failureMessage !== undefined ? { failureTransferCommunication: exp(t.failureMessage) } : {}),
      priority: t.priority !== undefined ? exp(t.priority) : lit(0),
      preferredAgents: noValue(),
      languageSkill:
        t.languageSkill !== undefined ? exp(`FindLanguageSkill(${stringLiteral(t.languageSkill)})`) : noValue(),
      ...(t.appendSkills !== undefined ? { appendSkills: lit(t.appendSkills) } : {}),
      ...withOutputs({ failure }),
    },
  };
}

/**
 * Real exports give transferToFlow no output paths: when the transfer fails, the actions after
 * it run (`failure` continues there, as a missing failure path falls through).
 */
export function transferToFlow(name: string, flow: string, prompt: string | undefined, failure: Action[]): Action[] {
  return [
    {
      transferToFlow: {
        name,
        targetFlow: { name: flow },
        ...(prompt !== undefined ? { preTransferAudio: tts(prompt) } : {}),
      },
    },
    ...failure,
  ];
}

/** A schedule group's outcome now, as real exports write the action (the current time, an optional emergency group). */
export function evaluateScheduleGroup(
  name: string,
  scheduleGroup: string,
  emergencyGroup: string | undefined,
  branches: { open: Action[]; closed: Action[]; holiday: Action[]; emergency: Action[] },
): Action {
  return {
    evaluateScheduleGroup: {
      name,
      inServiceSchedules: noValue(),
      evaluate: { now: true },
      scheduleGroup: exp(`FindScheduleGroup(${stringLiteral(scheduleGroup)})`),
      emergencyGroup:
        emergencyGroup !== undefined ? { ...lit({ name: emergencyGroup }), name: emergencyGroup } : noValue(),
      ...withOutputs({
        open: branches.open,
        closed: branches.closed,
        holiday: branches.holiday,
        emergency: branches.emergency,
      }),
    },
  };
}

/** `switch` with `firstTrue`: the first case whose condition is true runs, else `default`. */
export function switchFirstTrue(
  name: string,
  cases: Array<{ condition: string; actions: Action[] }>,
  otherwise: Action[],
): Action {
  return {
    switch: {
      name,
      evaluate: {
        firstTrue: {
          cases: cases.map((c) => ({
            case: { value: exp(c.condition), ...(c.actions.length > 0 ? { actions: c.actions } : {}) },
          })),
          // Exports write `default` only with actions (43 of the corpus's 92 switches have none).
          ...(otherwise.length > 0 ? { default: { actions: otherwise } } : {}),
        },
      },
    },
  };
}

/** Whether a schedule is active now, evaluated in `timeZone`: outputs `active` / `inactive`. */
export function evaluateSchedule(
  name: string,
  schedule: string,
  timeZone: string,
  branches: { active: Action[]; inactive: Action[] },
): Action {
  return {
    evaluateSchedule: {
      name,
      evaluationType: {
        schedule: {
          selectedSchedule: lit({ name: schedule }),
          name: schedule,
          evaluationTimeZone: timeZone,
          scheduleTimeZone: lit(timeZone),
          evaluate: { now: true },
        },
      },
      ...withOutputs({ active: branches.active, inactive: branches.inactive }),
    },
  };
}

export interface DataActionCall {
  category: string;
  action: string;
  inputs: Record<string, Value>;
  successOutputs: Record<string, Value>;
  /** The failure outputs stored (`errorCode`, `userMessage`, ...); the others stay unset. */
  failureOutputs?: Record<string, Value>;
  timeoutSeconds?: number;
}

export function callData(
  name: string,
  c: DataActionCall,
  branches: { success: Action[]; failure: Action[]; timeout: Action[] },
): Action {
  const call = {
    ...(Object.keys(c.inputs).length > 0 ? { inputs: c.inputs } : {}),
    ...(Object.keys(c.successOutputs).length > 0 ? { successOutputs: c.successOutputs } : {}),
    ...(c.failureOutputs !== undefined && Object.keys(c.failureOutputs).length > 0
      ? { failureOutputs: c.failureOutputs }
      : {}),
  };
  return {
    callData: {
      name,
      processingPrompt: noValue(),
      ...(c.timeoutSeconds !== undefined ? { timeout: lit({ seconds: c.timeoutSeconds }) } : {}),
      category: { [c.category]: { dataAction: { [c.action]: call } } },
      ...withOutputs({ success: branches.success, failure: branches.failure, timeout: branches.timeout }),
    },
  };
}

/** A data table lookup as real exports write it: both failure outputs unset. */
export function dataTableLookup(
  name: string,
  table: string,
  lookupValue: Value,
  foundOutputs: Record<string, Value>,
  branches: { found: Action[]; notFound: Action[]; failure: Action[] },
): Action {
  return {
    dataTableLookup: {
      name,
      lookupValue,
      dataTable: {
        [table]: {
          ...(Object.keys(foundOutputs).length > 0 ? { foundOutputs } : {}),
          failureOutputs: { errorType: noValue(), errorMessage: noValue() },
        },
      },
      ...withOutputs({ found: branches.found, notFound: branches.notFound, failure: branches.failure }),
    },
  };
}

export function getParticipantData(name: string, attributes: Array<{ name: string; variable: string }>): Action {
  return {
    getParticipantData: {
      name,
      attributes: attributes.map((a) => ({ attribute: { name: lit(a.name), variable: a.variable } })),
    },
  };
}

export function setParticipantData(name: string, attributes: Array<{ name: string; value: string }>): Action {
  return {
    setParticipantData: {
      name,
      attributes: attributes.map((a) => ({ attribute: { name: lit(a.name), value: exp(a.value) } })),
    },
  };
}

/** Real exports list every address field, unset ones as `noValue`. */
export function sendAutoReply(name: string, body: string, replyMode: "replyToSender" | "replyToAll"): Action {
  return {
    sendAutoReply: {
      name,
      from: noValue(),
      replyTo: noValue(),
      cc: noValue(),
      bcc: noValue(),
      messageBody: exp(body),
      replyMode,
    },
  };
}

export function sendResponse(name: string, message: string): Action {
  return { sendResponse: { name, messageBody: exp(message) } };
}

export function menuRef(archyKey: string, refId: string): string {
  return `/${archyKey}/menus/menu[${refId}]`;
}

/** Enters a menu of the flow; nothing after it on the same path runs. */
export function jumpToMenu(name: string, ref: string): Action {
  return { jumpToMenu: { name, targetMenuRef: ref } };
}

export interface MenuChoiceSpec {
  name: string;
  /** Given when the menu's default choice is this one (defaultChildMenuRef names it). */
  refId?: string;
  /** `digit_N`, when the choice has a key. */
  dtmf?: string;
  /** Speech terms by language tag. */
  speech?: Record<string, string[]>;
  /** The key, or the speech terms, offered in every menu of the flow. */
  globalDtmf?: boolean;
  globalSpeech?: boolean;
  /** What the choice does, which gives its kind (menuTask, menuJumpToTask, menuJumpToMenu, menuTransferToAcd of the action given, ...). */
  does:
    | { task: Action[] }
    | { jumpToTask: string }
    | { jumpToMenu: string }
    | { transfer: Action }
    | "disconnect"
    | "previousMenu";
}

export interface MenuSpec {
  name: string;
  refId: string;
  /** Absent: the menu plays nothing. */
  audio?: Value;
  repeatCount?: number;
  selectionTimeoutSeconds?: number;
  listenForExtensionDialing?: boolean;
  extensionDialingMaxDelaySeconds?: number;
  /** The menu's own minimum confidence level for spoken choices (0 to 100). */
  minConfidenceLevel?: number;
  choices: MenuChoiceSpec[];
  /** The refId of the default choice (taken when no valid choice is made after the repeats), if any. */
  defaultChoice?: string;
}

/** A menu choice of `kind` with the fields every choice has (`c`'s) and its own. */
function menuChoice(
  kind: string,
  c: Pick<MenuChoiceSpec, "name" | "refId" | "dtmf" | "speech" | "globalDtmf" | "globalSpeech">,
  own: Record<string, unknown> = {},
): Action {
  const speech =
    c.speech !== undefined
      ? { speechRecTerms: Object.fromEntries(Object.entries(c.speech).map(([lang, terms]) => [lang, { terms }])) }
      : {};
  const common = {
    name: c.name,
    ...(c.refId !== undefined ? { refId: c.refId } : {}),
    ...(c.dtmf !== undefined ? { dtmf: c.dtmf } : {}),
    globalDtmf: c.globalDtmf === true,
    globalSpeechRecTerms: c.globalSpeech === true,
  };
  return { [kind]: { ...common, ...own, ...speech } };
}

/**
 * A choice as real exports write each kind. A transfer choice is the transfer action itself,
 * rekeyed: the same object, so whoever knows the action (the compiler's source map) knows the choice.
 */
function choiceOf(c: MenuChoiceSpec): Action {
  const d = c.does;
  if (d === "disconnect" || d === "previousMenu")
    return menuChoice(d === "disconnect" ? "menuDisconnect" : "menuPreviousMenu", c);
  if ("task" in d) return menuChoice("menuTask", c, { task: { actions: d.task } });
  if ("jumpToTask" in d) return menuChoice("menuJumpToTask", c, { targetTaskRef: d.jumpToTask });
  if ("jumpToMenu" in d) return menuChoice("menuJumpToMenu", c, { targetMenuRef: d.jumpToMenu });
  const { name: _name, ...transfer } = d.transfer.transferToAcd as Record<string, unknown>;
  delete d.transfer.transferToAcd;
  return Object.assign(d.transfer, menuChoice("menuTransferToAcd", c, transfer));
}

/**
 * A menu as real exports write one: audio, its own settings (unset ones `noValue`, inheriting
 * the flow's), its choices, and its default choice referenced by `defaultChildMenuRef`, if any.
 */
export function menu(m: MenuSpec): Record<string, unknown> {
  const choices = m.choices.map(choiceOf);
  const defaultKind = choices
    .map((c) => Object.entries(c)[0])
    .find(([, b]) => m.defaultChoice !== undefined && b.refId === m.defaultChoice)?.[0];
  return {
    menu: {
      name: m.name,
      refId: m.refId,
      ...(m.audio !== undefined ? { audio: m.audio } : {}),
      settingsMenu: {
        extensionDialingMaxDelay:
          m.extensionDialingMaxDelaySeconds !== undefined
            ? lit(durationLiteral(m.extensionDialingMaxDelaySeconds))
            : noValue(),
        listenForExtensionDialing:
          m.listenForExtensionDialing !== undefined ? lit(m.listenForExtensionDialing) : noValue(),
        menuSelectionTimeout:
          m.selectionTimeoutSeconds !== undefined ? lit(durationLiteral(m.selectionTimeoutSeconds)) : noValue(),
        repeatCount: m.repeatCount !== undefined ? lit(m.repeatCount) : noValue(),
      },
      settingsSpeechRec: {
        completeMatchTimeout: noValue(),
        incompleteMatchTimeout: noValue(),
        maxSpeechLengthTimeout: noValue(),
        minConfidenceLevel: m.minConfidenceLevel !== undefined ? lit(m.minConfidenceLevel) : noValue(),
      },
      choices,
      ...(defaultKind !== undefined ? { defaultChildMenuRef: `./choices/${defaultKind}[${m.defaultChoice}]` } : {}),
    },
  };
}

/** Seconds as a duration literal: `{seconds: n}` when whole, else `{ms: n}` (both as exports write them). */
export function durationLiteral(seconds: number): Record<string, number> {
  return Number.isInteger(seconds) ? { seconds } : { ms: Math.round(seconds * 1000) };
}

export function callCommonModule(
  name: string,
  publishedModuleName: string,
  inputs: Record<string, Value>,
  outputs: Record<string, Value>,
): Action {
  return {
    callCommonModule: {
      name,
      commonModule: {
        [publishedModuleName]: {
          ver_latestPublished: {
            ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
            ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
          },
        },
      },
    },
  };
}

/** Moves to a reusable task for good (real exports: `jumpToTask` with `targetTaskRef`); nothing after it runs. */
export function jumpToTask(name: string, ref: string): Action {
  return { jumpToTask: { name, targetTaskRef: ref } };
}

/** Runs a reusable task (real exports: `callTask` with `targetTaskRef`). */
export function callTask(name: string, ref: string): Action {
  return { callTask: { name, targetTaskRef: ref } };
}

export function taskRef(archyKey: string, refId: string): string {
  return `/${archyKey}/tasks/task[${refId}]`;
}

export function stateRef(archyKey: string, refId: string): string {
  return `/${archyKey}/states/state[${refId}]`;
}

export function botRef(archyKey: string, refId: string): string {
  return `/${archyKey}/bots/bot[${refId}]`;
}

/** A bounded loop: `loopCount` iterations at most, `currentIndex` set to the 0-based iteration. */
export function loop(name: string, count: number, indexVariable: string, body: Action[]): Action {
  return {
    loop: { name, currentIndex: varRef(indexVariable), loopCount: lit(count), outputs: { loop: { actions: body } } },
  };
}

export function loopExit(name: string): Action {
  return { loopExit: { name } };
}

/** Next Loop: starts the innermost loop's next iteration (sdk: ArchActionLoopNext; export:rjv-blueprint/RJV Menhir Direct Tables_v57-0, archy/catalogue/seen.ts). */
export function loopNext(name: string): Action {
  return { loopNext: { name } };
}

export function disconnect(name = "Disconnect"): Action {
  return { disconnect: { name } };
}

export function endTask(name: string): Action {
  return { endTask: { name } };
}

/** Whether nothing after this action in the same list ever runs (Archy's table: disconnect, ends, jumps, loopExit). */
export function endsList(action: Action | undefined): boolean {
  const key = action ? Object.keys(action)[0] : undefined;
  return key !== undefined && Object.hasOwn(ACTIONS, key) && ACTIONS[key].terminates === true;
}

/** `actions` followed by the kind's terminator, unless the list already ends with an action that ends it. */
export function withTerminator(actions: Action[], fallthrough: Terminator): Action[] {
  if (endsList(actions[actions.length - 1])) return actions;
  return [...actions, ...fallthroughActions(fallthrough)];
}

const TERMINATOR_NAMES: Readonly<Record<Exclude<Terminator, "none">, string>> = {
  disconnect: "Disconnect",
  endTask: "Exit Common Module",
  endWorkflow: "End Workflow",
  exitWorkitemFlow: "Exit Workitem Flow",
  exitBotFlow: "Exit Bot Flow",
  endState: "End State",
};

/** What ends a task, state or module body when its paths fall through (the kind's terminator). */
export function fallthroughActions(fallthrough: Terminator): Action[] {
  return fallthrough === "none" ? [] : [{ [fallthrough]: { name: TERMINATOR_NAMES[fallthrough] } }];
}
