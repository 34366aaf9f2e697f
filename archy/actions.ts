// Archy actions as data: for each action key, its fields and what each holds, the required ones,
// its output paths, whether it ends the path it is on, and the flow types it exists in.
//
// Sources: the Architect action reference (help.mypurecloud.com, "Task and state editor actions"
// and one article per action, e.g. articles/decision-action, articles/transfer-to-acd-action,
// articles/call-data-action, articles/evaluate-schedule-group-action), the Archy flow authoring
// lessons (developer.genesys.cloud/devapps/archy/flowAuthoring/), and the exact keys of the public
// Archy exports (51 real files: every key and path name below that is not marked "open" was seen
// there). Where a key is documented but no export shows its fields, the action is `open`: its
// fields are not checked beyond the value-wrapper rules.
//
// Availability: `in` lists where the action is documented or seen (no finding); `notIn` where
// Genesys refuses it for a reason that follows from what the action does (an error: audio needs a
// call, a transfer needs an interaction, an email reply needs an email); anywhere else it is a
// warning (not known to exist there).
import {
  actions,
  any,
  audio,
  bool,
  DTMF,
  enumOf,
  int,
  list,
  named,
  obj,
  one,
  output,
  paths,
  skip,
  ref,
  requiredAudio,
  requiredValue,
  str,
  value,
  type Spec,
} from "./schema";

/** Flow type groups used in availability rules (see flowTypes.ts for each flow type's tags). */
export type FlowTag =
  | "all"
  | "voice"
  | "email"
  | "message"
  | "chat"
  | "bot"
  | "workflow"
  | "workitem"
  | "survey"
  | "module"
  | "interaction"
  | "inqueue"
  | "menus"
  | "states"
  | (string & { readonly __flowKey?: never });

export interface ActionInfo {
  /** Fields besides `name` (every action has a `name`, its label). */
  fields: Readonly<Record<string, Spec>>;
  required?: readonly string[];
  /** Names of the output paths under `outputs`; "any" for paths the flow itself names (callTask). */
  outputs?: readonly string[] | "any";
  /**
   * Nothing after it on the same path ever runs (disconnect, jumps, ends). Transfers are not marked:
   * when they fail, a failure path without a terminating action continues after them.
   */
  terminates?: boolean;
  in: readonly FlowTag[];
  notIn?: readonly FlowTag[];
  /** Fields are not described: unknown ones are accepted silently. */
  open?: boolean;
  /** Only valid inside the `loop` path of a loop action. */
  insideLoop?: boolean;
  /** What the action needs that a refusing flow type lacks (for the message): "a call", "an interaction", ... */
  needs?: string;
  /** Shown as a warning wherever the action is used (e.g. a key no public export confirms). */
  caution?: string;
}

const NOT_VOICE: FlowTag[] = ["email", "message", "chat", "workflow", "workitem", "survey", "bot"];
const NO_INTERACTION: FlowTag[] = ["workflow", "survey"];

const failureOutputs = obj({ errorType: output("string"), errorMessage: output("string") }, [], true);
/** A flow named directly (not a value): `targetFlow: {name: ...}`. */
const flowRef: Spec = { k: "objectRef", kind: "flow" };

/** Fields shared by the transfers to a queue (transferToAcd and the menu choice menuTransferToAcd). */
export const TRANSFER_TO_ACD_FIELDS: Readonly<Record<string, Spec>> = {
  targetQueue: requiredValue("queue"),
  preTransferAudio: audio,
  failureTransferAudio: audio,
  preTransferCommunication: value("communication"),
  failureTransferCommunication: value("communication"),
  priority: value("integer"),
  preferredAgents: value("agentScorePairCollection"),
  languageSkill: value("languageSkill"),
  acdSkills: { k: "listOrValue", item: obj({ acdSkill: requiredValue("skill") }, ["acdSkill"]), value: value("skillCollection") },
  directAgent: value("user"),
  appendSkills: value("boolean"),
  overrideInQueueFlow: flowRef,
  inQueueFlow: flowRef,
  failureOutputs,
};

// The inputs and outputs of module, bot and data action calls are checked by the validator against
// what it knows of the callee (module interface, org file contract): `skip` here.
const versionedCall = (what: string): Spec =>
  named(what, named("version selector (ver_latestPublished)", obj({ inputs: skip, outputs: skip, none: bool }, [], false), 1, 1), 1, 1);

const caseSpec = (caseType: string): Spec => obj({ case: obj({ value: requiredValue(caseType), actions }, ["value"]) }, ["case"]);
const switchBranch = (caseType: string): Spec =>
  obj({ value: requiredValue(caseType), cases: list(caseSpec(caseType), 1), default: obj({ actions }) }, ["cases"]);

export const ACTIONS: Readonly<Record<string, ActionInfo>> = {
  // ---- Logic and data (every flow type)
  decision: { fields: { condition: requiredValue("boolean"), outputs: paths("yes", "no") }, required: ["condition"], outputs: ["yes", "no"], in: ["all"] },
  switch: {
    fields: {
      evaluate: one("evaluation", {
        firstTrue: obj({ cases: list(caseSpec("boolean"), 1), default: obj({ actions }) }, ["cases"]),
        // firstMatch: {<type>: {value, cases, default}}: cases compare with a value of that type.
        firstMatch: one("type to match", {
          string: switchBranch("string"),
          integer: switchBranch("integer"),
          decimal: switchBranch("decimal"),
          boolean: switchBranch("boolean"),
        }),
      }),
    },
    required: ["evaluate"],
    in: ["all"],
  },
  loop: { fields: { currentIndex: output("integer"), loopCount: requiredValue("integer"), outputs: paths("loop") }, required: ["loopCount"], outputs: ["loop"], in: ["all"] },
  loopExit: { fields: {}, insideLoop: true, terminates: true, in: ["all"] },
  loopNext: { fields: {}, insideLoop: true, terminates: true, in: ["all"] },
  updateData: {
    // Each statement is `- <type>: {variable, value}`: checked by the validator with its type.
    fields: { statements: { k: "list", item: skip, min: 1 } },
    required: ["statements"],
    in: ["all"],
  },
  callData: {
    fields: {
      category: named(
        "data action category",
        obj({ dataAction: named("data action", obj({ inputs: skip, successOutputs: skip, failureOutputs: skip }), 1, 1) }, ["dataAction"]),
        1,
        1,
      ),
      processingPrompt: audio,
      timeout: value("duration"),
      outputs: paths("success", "failure", "timeout"),
    },
    required: ["category"],
    outputs: ["success", "failure", "timeout"],
    in: ["all"],
  },
  callTask: { fields: { targetTaskRef: ref("task"), outputs: { k: "paths" } }, required: ["targetTaskRef"], outputs: "any", in: ["all"] },
  // Architect documents "Jump to Reusable Task" (help.mypurecloud.com/faqs/how-many-actions-can-i-run-in-a-flow/);
  // no public export shows it, and its key follows jumpToMenu. Accepted; compilers should prefer callTask.
  jumpToTask: { needs: "call", fields: { targetTaskRef: ref("task") }, required: ["targetTaskRef"], terminates: true, in: ["voice"], notIn: NOT_VOICE },
  jumpToMenu: { needs: "call", fields: { targetMenuRef: ref("menu") }, required: ["targetMenuRef"], terminates: true, in: ["menus"], notIn: NOT_VOICE },
  endTask: { fields: { outputPath: obj({ name: str }, ["name"]) }, terminates: true, in: ["all"] },
  changeState: { needs: "states", fields: { targetStateRef: ref("state") }, required: ["targetStateRef"], terminates: true, in: ["states"], notIn: ["voice", "module"] },
  endState: { needs: "states", fields: {}, terminates: true, in: ["states"], notIn: ["voice"], open: true },
  callCommonModule: { fields: { commonModule: versionedCall("common module") }, required: ["commonModule"], in: ["all"] },
  dataTableLookup: {
    fields: { lookupValue: requiredValue("string"), dataTable: named("data table", obj({}, [], true), 1, 1), outputs: paths("found", "notFound", "failure") },
    required: ["lookupValue", "dataTable"],
    outputs: ["found", "notFound", "failure"],
    in: ["all"],
  },
  findQueue: { fields: { findName: requiredValue("string"), findResult: output("queue"), outputs: paths("found", "notFound") }, required: ["findName"], outputs: ["found", "notFound"], in: ["all"] },
  findQueueById: { fields: { findId: requiredValue("string"), findResult: output("queue"), outputs: paths("found", "notFound") }, required: ["findId"], outputs: ["found", "notFound"], in: ["all"] },
  findUser: { fields: { findResult: output("user"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findUserById: { fields: { findId: requiredValue("string"), findResult: output("user"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findSkill: { fields: { findResult: output("skill"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findLanguageSkill: { fields: { findResult: output("languageSkill"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findGroup: { fields: { findResult: output("group"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findScheduleGroup: { fields: { findResult: output("scheduleGroup"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findEmergencyGroup: { fields: { findResult: output("emergencyGroup"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findUserPrompt: { fields: { findResult: output("prompt"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  findSystemPrompt: { fields: { findResult: output("prompt"), outputs: paths("found", "notFound") }, outputs: ["found", "notFound"], in: ["all"], open: true },
  evaluateSchedule: {
    fields: {
      evaluationType: one("evaluation type", {
        schedule: obj(
          {
            selectedSchedule: requiredValue("schedule"),
            name: str,
            evaluationTimeZone: str,
            scheduleTimeZone: value("string"),
            evaluate: one("evaluation time", { now: bool, dateTime: value("dateTime") }, true),
          },
          ["selectedSchedule"],
        ),
      }, true),
      outputs: paths("active", "inactive"),
    },
    required: ["evaluationType"],
    outputs: ["active", "inactive"],
    in: ["all"],
  },
  // "Evaluate Schedule Group" has the outputs Open, Closed, Holiday and Emergency
  // (help.mypurecloud.com/articles/evaluate-schedule-group-action/); no export shows its fields.
  evaluateScheduleGroup: { fields: { scheduleGroup: value("scheduleGroup"), outputs: paths("open", "closed", "holiday", "emergency") }, outputs: ["open", "closed", "holiday", "emergency"], in: ["all"], open: true },
  getExternalContact: { fields: { externalId: requiredValue("string"), externalResult: output("externalContact"), outputs: paths("found", "notFound", "failure") }, outputs: ["found", "notFound", "failure"], in: ["all"], open: true },
  getExternalOrganization: { fields: { outputs: paths("found", "notFound", "failure") }, outputs: ["found", "notFound", "failure"], in: ["all"], open: true },
  setFlowOutcome: { fields: {}, in: ["all"], open: true },
  initializeFlowOutcome: { fields: {}, in: ["all"], open: true },
  addFlowMilestone: { fields: {}, in: ["all"], open: true },

  // ---- Interactions (every flow that handles a conversation)
  disconnect: { needs: "interaction", fields: {}, terminates: true, in: ["voice", "email", "message", "chat", "digitalBot"], notIn: NO_INTERACTION },
  transferToAcd: { needs: "interaction", fields: { ...TRANSFER_TO_ACD_FIELDS, outputs: paths("failure") }, required: ["targetQueue"], outputs: ["failure"], in: ["voice", "email", "message", "chat", "workitem", "digitalBot"], notIn: NO_INTERACTION },
  transferToUser: { needs: "interaction", fields: { outputs: paths("failure"), failureOutputs }, outputs: ["failure"], in: ["voice", "email", "message", "chat"], notIn: NO_INTERACTION, open: true },
  transferToGroup: { needs: "interaction", fields: { outputs: paths("failure"), failureOutputs }, outputs: ["failure"], in: ["voice", "email", "message", "chat"], notIn: NO_INTERACTION, open: true },
  setParticipantData: { needs: "interaction",
    fields: { attributes: list(obj({ attribute: obj({ name: requiredValue("string"), value: requiredValue("string") }, ["name", "value"]) }, ["attribute"]), 1) },
    required: ["attributes"],
    in: ["voice", "email", "message", "chat", "workitem", "bot"],
    notIn: ["workflow"],
  },
  getParticipantData: { needs: "interaction",
    fields: { attributes: list(obj({ attribute: obj({ name: requiredValue("string"), variable: { k: "variableName", type: "string" } }, ["name", "variable"]) }, ["attribute"]), 1) },
    required: ["attributes"],
    in: ["voice", "email", "message", "chat", "workitem", "bot"],
    notIn: ["workflow"],
  },
  setScreenPop: { needs: "interaction", fields: { screenPopScript: named("script", any, 1, 1) }, in: ["voice", "email", "message", "chat"], notIn: NO_INTERACTION, open: true },
  setWrapupCode: { needs: "interaction", fields: { wrapupCode: value("wrapupCode") }, in: ["voice", "email", "message", "chat"], notIn: NO_INTERACTION, open: true },
  setExternalTag: { needs: "interaction", fields: {}, in: ["voice", "email", "message", "chat"], notIn: NO_INTERACTION, open: true },
  setLanguage: { needs: "interaction", fields: { language: value("languageSkill") }, in: ["voice", "email", "message", "chat", "bot"], notIn: NO_INTERACTION, open: true },
  createCallback: { needs: "interaction", fields: {}, in: ["voice", "message", "chat", "email"], notIn: NO_INTERACTION, open: true },
  callBotFlow: { needs: "conversation",
    fields: { botFlow: versionedCall("bot flow"), inputText: value("string"), exitReason: output("string"), intent: output("string"), outputs: paths("success", "failure") },
    required: ["botFlow"],
    in: ["voice", "message", "chat"],
    notIn: ["workflow", "survey", "email", "bot"],
  },
  callDigitalBotFlow: { needs: "message",
    fields: { digitalBotFlow: versionedCall("digital bot flow"), inputText: value("string"), exitReason: output("string"), intent: output("string"), outputs: paths("success", "failure") },
    required: ["digitalBotFlow"],
    in: ["message", "chat"],
    notIn: ["workflow", "survey", "email", "voice", "bot"],
  },

  // ---- Voice
  playAudio: { needs: "call", fields: { audio: requiredAudio }, required: ["audio"], in: ["voice"], notIn: NOT_VOICE },
  collectInput: { needs: "call",
    fields: {
      inputData: output("string"),
      digits: one("digits", { exact: int, range: obj({ min: int, max: int, terminatingDtmf: enumOf(DTMF) }, ["min", "max"]) }),
      interDigitTimeout: value("duration"),
      noEntryTimeout: value("duration"),
      inputAudio: audio,
      acceptJustStar: value("boolean"),
      acceptJustPound: value("boolean"),
      verificationType: enumOf(["none", "individualDigits", "entireInput"], true),
      includeTerminatingDtmfInResultData: bool,
      outputs: paths("success", "failure"),
    },
    required: ["inputData"],
    outputs: ["success", "failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
  },
  transferToFlow: { needs: "call",
    fields: { targetFlow: flowRef, preTransferAudio: audio, failureTransferAudio: audio, failureOutputs, outputs: paths("failure") },
    required: ["targetFlow"],
    outputs: ["failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
  },
  transferToFlowSecure: { needs: "call", fields: { targetFlow: flowRef, preTransferAudio: audio, failureTransferAudio: audio, failureOutputs, outputs: paths("failure") }, outputs: ["failure"], in: ["voice"], notIn: NOT_VOICE, open: true },
  transferToNumber: { needs: "call", fields: { preTransferAudio: audio, failureTransferAudio: audio, failureOutputs, outputs: paths("failure") }, outputs: ["failure"], in: ["voice"], notIn: NOT_VOICE, open: true },
  transferToVoicemail: { needs: "call", fields: { preTransferAudio: audio, failureTransferAudio: audio, failureOutputs, outputs: paths("failure") }, outputs: ["failure"], in: ["voice"], notIn: NOT_VOICE, open: true },
  holdMusic: { needs: "call",
    fields: { prompt: requiredAudio, bargeInEnabled: value("boolean"), playStyle: one("play style", { entirePrompt: bool, promptDuration: any }, true) },
    in: ["inqueueCall"],
    notIn: NOT_VOICE,
  },
  playEstimatedWaitTime: { needs: "call", fields: {}, in: ["inqueueCall"], notIn: NOT_VOICE, open: true },
  playPositionInQueue: { needs: "call", fields: {}, in: ["inqueueCall"], notIn: NOT_VOICE, open: true },
  setUUIData: { needs: "call", fields: {}, in: ["voice"], notIn: NOT_VOICE, open: true },
  setWhisperAudio: { needs: "call", fields: {}, in: ["voice"], notIn: NOT_VOICE, open: true },

  // ---- Email, messages, chat
  sendAutoReply: { needs: "email",
    fields: {
      from: value("string"),
      replyTo: value("string"),
      cc: value("string"),
      bcc: value("string"),
      subject: value("string"),
      messageBody: requiredValue("string"),
      replyMode: enumOf(["replyToSender", "replyToAll"], true),
    },
    required: ["messageBody"],
    in: ["email"],
    notIn: ["voice", "message", "chat", "workflow", "workitem", "survey", "bot"],
  },
  sendResponse: { needs: "message",
    fields: { messageBody: requiredValue("communication"), messageBodyStyle: value("string") },
    required: ["messageBody"],
    in: ["message", "chat"],
    notIn: ["voice", "email", "workflow", "workitem", "survey", "bot"],
    open: true,
  },

  // ---- Workflows
  endWorkflow: { needs: "workflow", fields: { exitReason: value("string") }, terminates: true, in: ["workflow"], notIn: ["voice", "email", "message", "chat", "bot", "workitem", "survey"] },
  wait: { needs: "workflow", fields: { duration: requiredValue("duration"), trimDurationNearMaxRunningTime: value("boolean") }, required: ["duration"], in: ["workflow"], notIn: ["voice", "email", "message", "chat", "bot"] },
  getConversationData: {
    fields: { conversationId: requiredValue("string"), participantId: value("string"), attributes: list(any), outputs: paths("found", "notFound", "failure") },
    required: ["conversationId"],
    outputs: ["found", "notFound", "failure"],
    in: ["workflow"],
    open: true,
  },
  setConversationData: {
    fields: { conversationId: requiredValue("string"), participantId: value("string"), attributes: list(any), outputs: paths("success", "failure") },
    required: ["conversationId"],
    outputs: ["success", "failure"],
    in: ["workflow"],
    open: true,
  },

  // ---- Work items
  disconnectWorkitem: { needs: "workitem", fields: { failureOutputs }, terminates: true, in: ["workitem"], notIn: ["voice", "email", "message", "chat", "bot", "workflow", "survey"], open: true },
  exitWorkitemFlow: { needs: "workitem", fields: {}, terminates: true, in: ["workitem"], notIn: ["voice", "email", "message", "chat", "bot", "workflow", "survey"], open: true },

  // ---- Survey invites
  abortSurveyInvite: { needs: "survey", fields: { disposition: value("string") }, terminates: true, in: ["survey"], notIn: ["voice", "email", "message", "chat", "bot", "workflow", "workitem"], open: true },
  completeSurveyInvite: { needs: "survey", fields: {}, terminates: true, in: ["survey"], notIn: ["voice", "email", "message", "chat", "bot", "workflow", "workitem"], open: true },

  // ---- Bots
  communicate: { needs: "bot", fields: { communication: requiredValue("communication") }, required: ["communication"], in: ["bot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"] },
  askForIntent: { needs: "bot", fields: { outputs: any }, in: ["bot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"], open: true },
  askForSlot: { needs: "bot", fields: { outputs: any }, in: ["bot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"], open: true },
  askForBoolean: { needs: "bot", fields: { outputs: any }, in: ["bot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"], open: true },
  digitalMenu: { needs: "bot", fields: { outputs: any }, in: ["digitalBot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"], open: true },
  exitBotFlow: { needs: "bot", fields: {}, terminates: true, in: ["bot"], notIn: ["voice", "email", "message", "chat", "workflow", "workitem", "survey"], open: true },
};

/** Menu choices (the `choices` of a call flow menu): a `name`, an optional `dtmf` key, and what the choice does. */
export interface ChoiceInfo {
  fields: Readonly<Record<string, Spec>>;
  required?: readonly string[];
  open?: boolean;
}

const CHOICE_COMMON: Readonly<Record<string, Spec>> = {
  dtmf: enumOf(DTMF),
  globalDtmf: bool,
  globalSpeechRecTerms: bool,
  speechRecTerms: named("language", any),
  refId: str,
};

export const MENU_CHOICES: Readonly<Record<string, ChoiceInfo>> = {
  menuDisconnect: { fields: { ...CHOICE_COMMON } },
  menuJumpToTask: { fields: { ...CHOICE_COMMON, targetTaskRef: ref("task") }, required: ["targetTaskRef"] },
  menuJumpToMenu: { fields: { ...CHOICE_COMMON, targetMenuRef: ref("menu") }, required: ["targetMenuRef"] },
  // The task's variables and actions, and the sub-menu, are walked by the validator itself.
  menuTask: { fields: { ...CHOICE_COMMON, task: obj({ name: str, refId: str, variables: skip, actions: skip, outputPaths: any }, ["actions"]) }, required: ["task"] },
  menuSubMenu: { fields: { ...CHOICE_COMMON, menu: skip }, required: ["menu"] },
  menuTransferToAcd: { fields: { ...CHOICE_COMMON, ...TRANSFER_TO_ACD_FIELDS }, required: ["targetQueue"] },
  menuPreviousMenu: { fields: { ...CHOICE_COMMON } },
  menuRepeatMenu: { fields: { ...CHOICE_COMMON }, open: true },
  menuTransferToNumber: { fields: { ...CHOICE_COMMON }, open: true },
  menuTransferToUser: { fields: { ...CHOICE_COMMON }, open: true },
  menuTransferToGroup: { fields: { ...CHOICE_COMMON }, open: true },
  menuTransferToVoicemail: { fields: { ...CHOICE_COMMON }, open: true },
  menuDialByExtension: { fields: { ...CHOICE_COMMON }, open: true },
};

/** Keys of `settingsActionDefaults` that are not action keys (the defaults of call features). */
export const ACTION_DEFAULT_EXTRA_KEYS: readonly string[] = ["callBridge", "callDataSecure", "dialByExtension", "detectSilence", "playAudioOnSilence", "loopAnythingElse"];
