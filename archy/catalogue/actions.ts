// Archy actions as data: for each action key, its fields and what each holds, the required ones,
// its output paths, whether it ends the path it is on, and the flow types it exists in.
//
// Sources: every action key is an Architect action class of the Architect Scripting SDK
// (sdk:architect-scripting-types: ArchActionPlayAudio is playAudio, ArchActionCallLexV2Bot is
// callLexV2Bot, ...); the Architect action articles (help:...); and the exact keys of public
// exports (seen.ts lists, per action, the flow types and exports that use it). Where no export
// shows all of an action's fields, it is `partial`: the fields it lists are checked, any other is
// unknown. A field the catalogue lacks is unknown (a warning naming it), never refused, and never
// silent: a misspelt field of a rare action is found like one of a common action.
//
// Availability: `in` lists where the action is documented, and seen.ts where it has been seen (no
// finding); `notIn` where the documentation rules it out (audio and digit collection need a call,
// an email reply an email, Ask Survey Question exists "only in voice survey flows"): invalid;
// anywhere else it is unknown (a warning).
import type { SourceId } from "./sources";
import { UNKNOWN, type ArchyType } from "./types";
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
  /**
   * Flow types a `notIn` tag covers where the documentation does not settle it either way: the
   * action is unknown there, not invalid (a voice survey is a call, and a bot flow in the SDK).
   */
  maybeIn?: readonly FlowTag[];
  /**
   * The catalogue lists only some of its fields (no export or page shows them all): a field it
   * does not list is unknown, a warning that says so, as for any action.
   */
  partial?: boolean;
  /** Only valid inside the `loop` path of a loop action. */
  insideLoop?: boolean;
  /** What the action needs that a refusing flow type lacks (for the message): "a call", "an interaction", ... */
  needs?: string;
  /** Shown as a warning wherever the action is used (e.g. a key no public export confirms). */
  caution?: string;
  /** Documentation of the action (its exports are in seen.ts). */
  src?: readonly SourceId[];
}

const NOT_VOICE: FlowTag[] = ["email", "message", "chat", "workflow", "workitem", "survey", "bot"];
const SDK_ACTIONS: SourceId = "sdk:architect-scripting-types";
const NO_INTERACTION: FlowTag[] = ["workflow", "survey"];
/** Where the bot actions are neither documented nor ruled out (see "Bots" below). */
const BOT_MAYBE: FlowTag[] = ["voiceSurvey"];
/** The flow types without a bot, where the bot actions are invalid. */
const NOT_BOT: FlowTag[] = ["voice", "email", "message", "chat", "workflow", "workitem", "survey"];
/** Where a bot action is: documented in bot flows, invalid without a bot, unknown where BOT_MAYBE says. */
const BOT_ACTION: Pick<ActionInfo, "needs" | "in" | "notIn" | "maybeIn"> = {
  needs: "bot",
  in: ["bot"],
  notIn: NOT_BOT,
  maybeIn: BOT_MAYBE,
};

/** An object named directly: `flowOutcome: {name: ...}`, `slot: {name: ...}`, an end task's `outputPath: {name: ...}`. */
const NAMED_OBJECT: Spec = obj({ name: str }, ["name"]);
/** What a bot says when it hears nothing or nothing it knows, and how long it listens on a call (the bot actions, the survey question). */
const BOT_PROMPTS: Readonly<Record<string, Spec>> = {
  noInput: value("communication"),
  noMatch: value("communication"),
  voiceEndOfInputTimeout: value("duration"),
};
/** When a schedule or schedule group is evaluated: now, or at a date and time. */
const EVALUATION_TIME: Spec = one("evaluation time", { now: bool, dateTime: value("dateTime") }, true);

const failureOutputs = obj({ errorType: output("string"), errorMessage: output("string") }, [], true);
/** A flow named directly (not a value): `targetFlow: {name: ...}`. */
const flowRef: Spec = { k: "objectRef", kind: "flow" };

/** A find action of the SDK no export shows whole: its result, found or not found. */
const sdkFind = (result: ArchyType): ActionInfo => ({
  fields: { findResult: output(result), outputs: paths("found", "notFound") },
  outputs: ["found", "notFound"],
  in: ["all"],
  partial: true,
  src: [SDK_ACTIONS],
});

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
  acdSkills: {
    k: "listOrValue",
    item: obj({ acdSkill: requiredValue("skill") }, ["acdSkill"]),
    value: value("skillCollection"),
  },
  directAgent: value("user"),
  appendSkills: value("boolean"),
  overrideInQueueFlow: flowRef,
  inQueueFlow: flowRef,
  failureOutputs,
};

// The inputs and outputs of module, bot and data action calls are checked by the validator against
// what it knows of the callee (module interface, org file contract): `skip` here.
const versionedCall = (what: string): Spec =>
  named(
    what,
    named("version selector (ver_latestPublished)", obj({ inputs: skip, outputs: skip, none: bool }, [], false), 1, 1),
    1,
    1,
  );

const caseSpec = (caseType: string): Spec =>
  obj({ case: obj({ value: requiredValue(caseType), actions }, ["value"]) }, ["case"]);
const switchBranch = (caseType: string): Spec =>
  obj({ value: requiredValue(caseType), cases: list(caseSpec(caseType), 1), default: obj({ actions }) }, ["cases"]);

export const ACTIONS: Readonly<Record<string, ActionInfo>> = {
  // ---- Logic and data (every flow type)
  decision: {
    fields: { condition: requiredValue("boolean"), outputs: paths("yes", "no") },
    required: ["condition"],
    outputs: ["yes", "no"],
    in: ["all"],
  },
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
  loop: {
    fields: { currentIndex: output("integer"), loopCount: requiredValue("integer"), outputs: paths("loop") },
    required: ["loopCount"],
    outputs: ["loop"],
    in: ["all"],
  },
  loopExit: { fields: {}, insideLoop: true, terminates: true, in: ["all"] },
  loopNext: { fields: {}, insideLoop: true, terminates: true, in: ["all"] },
  updateData: {
    // Each statement is `- <type>: {variable, value}`: checked by the validator with its type. A
    // published export holds an updateData with no statements (export:CI_CD2/BFSI_POC-INBOUNDCALL-...).
    fields: { statements: { k: "list", item: skip } },
    in: ["all"],
  },
  callData: {
    fields: {
      category: named(
        "data action category",
        obj(
          { dataAction: named("data action", obj({ inputs: skip, successOutputs: skip, failureOutputs: skip }), 1, 1) },
          ["dataAction"],
        ),
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
  callTask: {
    fields: { targetTaskRef: ref("task"), taskInputs: any, outputs: { k: "paths" } },
    required: ["targetTaskRef"],
    outputs: "any",
    in: ["all"],
  },
  // "Jump to Reusable Task": call flows and digital bot flows jump to a task and never come back.
  jumpToTask: {
    fields: { targetTaskRef: ref("task") },
    required: ["targetTaskRef"],
    terminates: true,
    in: ["voice", "bot"],
    src: ["help:jump-to-reusable-task"],
  },
  jumpToMenu: {
    needs: "call",
    fields: { targetMenuRef: ref("menu") },
    required: ["targetMenuRef"],
    terminates: true,
    in: ["menus"],
    notIn: NOT_VOICE,
  },
  endTask: { fields: { outputPath: NAMED_OBJECT }, terminates: true, in: ["all"] },
  changeState: {
    needs: "states",
    fields: { targetStateRef: ref("state") },
    required: ["targetStateRef"],
    terminates: true,
    in: ["states"],
    notIn: ["voice", "module"],
  },
  endState: {
    needs: "states",
    fields: {},
    terminates: true,
    in: ["states", "inqueueStates"],
    notIn: ["voice"],
    partial: true,
  },
  callCommonModule: {
    fields: { commonModule: versionedCall("common module") },
    required: ["commonModule"],
    in: ["all"],
  },
  dataTableLookup: {
    fields: {
      lookupValue: requiredValue("string"),
      dataTable: named("data table", obj({}, [], true), 1, 1),
      outputs: paths("found", "notFound", "failure"),
    },
    required: ["lookupValue", "dataTable"],
    outputs: ["found", "notFound", "failure"],
    in: ["all"],
  },
  findQueue: {
    fields: { findName: requiredValue("string"), findResult: output("queue"), outputs: paths("found", "notFound") },
    required: ["findName"],
    outputs: ["found", "notFound"],
    in: ["all"],
  },
  findQueueById: {
    fields: { findId: requiredValue("string"), findResult: output("queue"), outputs: paths("found", "notFound") },
    required: ["findId"],
    outputs: ["found", "notFound"],
    in: ["all"],
  },
  findUser: sdkFind("user"),
  findUserById: {
    fields: { findId: requiredValue("string"), findResult: output("user"), outputs: paths("found", "notFound") },
    outputs: ["found", "notFound"],
    in: ["all"],
    partial: true,
  },
  findSkill: sdkFind("skill"),
  findLanguageSkill: sdkFind("languageSkill"),
  findGroup: sdkFind("group"),
  findScheduleGroup: sdkFind("scheduleGroup"),
  findEmergencyGroup: sdkFind("emergencyGroup"),
  findUserPrompt: sdkFind("prompt"),
  findSystemPrompt: sdkFind("prompt"),
  evaluateSchedule: {
    fields: {
      evaluationType: one(
        "evaluation type",
        {
          schedule: obj(
            {
              selectedSchedule: requiredValue("schedule"),
              name: str,
              evaluationTimeZone: str,
              scheduleTimeZone: value("string"),
              evaluate: EVALUATION_TIME,
            },
            ["selectedSchedule"],
            false,
            // The schedule named by a plain `name` alone (export:CM_gh_actions/callbackExample);
            // exports that give both write the same name twice (export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/del-webmessage_flow).
            { selectedSchedule: ["name"] },
          ),
        },
        true,
      ),
      outputs: paths("active", "inactive"),
    },
    required: ["evaluationType"],
    outputs: ["active", "inactive"],
    in: ["all"],
  },
  // "Evaluate Schedule Group" has the outputs Open, Closed, Holiday and Emergency
  // (help.mypurecloud.com/articles/evaluate-schedule-group-action/); no export shows its fields.
  // evaluate, emergencyGroup, inServiceSchedules: export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f, export:rjv-blueprint/RJV Menhir Direct Tables_v57-0.
  evaluateScheduleGroup: {
    fields: {
      scheduleGroup: value("scheduleGroup"),
      evaluate: EVALUATION_TIME,
      emergencyGroup: value("emergencyGroup"),
      inServiceSchedules: output(UNKNOWN),
      outputs: paths("open", "closed", "holiday", "emergency"),
    },
    outputs: ["open", "closed", "holiday", "emergency"],
    in: ["all"],
    partial: true,
  },
  getExternalContact: {
    fields: {
      externalId: requiredValue("string"),
      externalResult: output("externalContact"),
      outputs: paths("found", "notFound", "failure"),
    },
    outputs: ["found", "notFound", "failure"],
    in: ["all"],
    partial: true,
  },
  getExternalOrganization: {
    fields: { outputs: paths("found", "notFound", "failure") },
    outputs: ["found", "notFound", "failure"],
    in: ["all"],
    partial: true,
    src: [SDK_ACTIONS],
  },
  // flowOutcome, flowOutcomeValue (SUCCESS) and milestone: export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.
  setFlowOutcome: { fields: { flowOutcome: NAMED_OBJECT, flowOutcomeValue: any }, in: ["all"], partial: true },
  initializeFlowOutcome: { fields: {}, in: ["all"], partial: true, src: [SDK_ACTIONS] },
  addFlowMilestone: { fields: { milestone: NAMED_OBJECT, flowOutcome: NAMED_OBJECT }, in: ["all"], partial: true },

  // ---- Interactions (every flow that handles a conversation)
  disconnect: {
    needs: "interaction",
    fields: { none: bool },
    terminates: true,
    in: ["voice", "email", "message", "chat", "digitalBot"],
    notIn: NO_INTERACTION,
  },
  transferToAcd: {
    needs: "interaction",
    fields: { ...TRANSFER_TO_ACD_FIELDS, outputs: paths("failure") },
    required: ["targetQueue"],
    outputs: ["failure"],
    in: ["voice", "email", "message", "chat", "workitem", "bot"],
    notIn: NO_INTERACTION,
    src: ["help:transfer-actions"],
  },
  // targetUser, allowVoicemailRollover, the audio and connectTimeout: export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f.
  transferToUser: {
    needs: "interaction",
    fields: {
      targetUser: value("user"),
      allowVoicemailRollover: value("boolean"),
      preTransferAudio: audio,
      failureTransferAudio: audio,
      connectTimeout: value("duration"),
      outputs: paths("failure"),
      failureOutputs,
    },
    outputs: ["failure"],
    in: ["voice", "email", "message", "chat"],
    notIn: NO_INTERACTION,
    partial: true,
  },
  transferToGroup: {
    needs: "interaction",
    fields: { outputs: paths("failure"), failureOutputs },
    outputs: ["failure"],
    in: ["voice", "email", "message", "chat"],
    notIn: NO_INTERACTION,
    partial: true,
    src: [SDK_ACTIONS],
  },
  setParticipantData: {
    needs: "interaction",
    fields: {
      attributes: list(
        obj({ attribute: obj({ name: requiredValue("string"), value: requiredValue("string") }, ["name", "value"]) }, [
          "attribute",
        ]),
        1,
      ),
    },
    required: ["attributes"],
    in: ["voice", "email", "message", "chat", "workitem", "bot"],
    notIn: ["workflow"],
  },
  getParticipantData: {
    needs: "interaction",
    fields: {
      attributes: list(
        obj(
          {
            attribute: obj({ name: requiredValue("string"), variable: { k: "variableName", type: "string" } }, [
              "name",
              "variable",
            ]),
          },
          ["attribute"],
        ),
        1,
      ),
    },
    required: ["attributes"],
    in: ["voice", "email", "message", "chat", "workitem", "bot"],
    notIn: ["workflow"],
  },
  setScreenPop: {
    needs: "interaction",
    fields: { screenPopScript: named("script", any, 1, 1) },
    in: ["voice", "email", "message", "chat"],
    notIn: NO_INTERACTION,
    partial: true,
  },
  setWrapupCode: {
    needs: "interaction",
    fields: { wrapupCode: value("wrapupCode") },
    in: ["voice", "email", "message", "chat"],
    notIn: NO_INTERACTION,
    partial: true,
  },
  setExternalTag: {
    needs: "interaction",
    fields: {},
    in: ["voice", "email", "message", "chat"],
    notIn: NO_INTERACTION,
    partial: true,
    src: [SDK_ACTIONS],
  },
  // Exports write the language twice: `languageValue: {lit: en-us}` and a plain `language: en-us`.
  setLanguage: {
    needs: "interaction",
    fields: { languageValue: value("string"), language: any },
    in: ["voice", "email", "message", "chat", "bot"],
    notIn: NO_INTERACTION,
    partial: true,
  },
  // callbackNumber, calleeName: export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da; queue and callbackScript (a script by name with its inputs): export:rjv-blueprint/RJV Callback Direct Table_v6-0.
  createCallback: {
    needs: "interaction",
    fields: {
      callbackNumber: value(UNKNOWN),
      calleeName: value("string"),
      queue: value("queue"),
      callbackScript: named("script", any, 1, 1),
    },
    in: ["voice", "message", "chat", "email"],
    notIn: NO_INTERACTION,
    partial: true,
  },
  callBotFlow: {
    needs: "conversation",
    fields: {
      botFlow: versionedCall("bot flow"),
      inputText: value("string"),
      exitReason: output("string"),
      intent: output("string"),
      outputs: paths("success", "failure"),
    },
    required: ["botFlow"],
    in: ["voice", "message", "chat"],
    notIn: ["workflow", "survey", "email", "bot"],
  },
  callDigitalBotFlow: {
    needs: "message",
    fields: {
      digitalBotFlow: versionedCall("digital bot flow"),
      inputText: value("string"),
      exitReason: output("string"),
      intent: output("string"),
      outputs: paths("success", "failure"),
    },
    required: ["digitalBotFlow"],
    in: ["message", "chat"],
    notIn: ["workflow", "survey", "email", "voice", "bot"],
  },

  // ---- Voice
  playAudio: { needs: "call", fields: { audio: requiredAudio }, required: ["audio"], in: ["voice"], notIn: NOT_VOICE },
  collectInput: {
    needs: "call",
    fields: {
      inputData: output("string"),
      digits: one("digits", {
        exact: int,
        range: obj({ min: int, max: int, terminatingDtmf: enumOf(DTMF) }, ["min", "max"]),
      }),
      interDigitTimeout: value("duration"),
      noEntryTimeout: value("duration"),
      inputAudio: audio,
      acceptJustStar: value("boolean"),
      acceptJustPound: value("boolean"),
      // Genesys's list, "all valid collect input verification type strings" (sdk: ArchEnums.INPUT_VERIFICATION_TYPES); another value is unknown.
      verificationType: enumOf(["individualDigits", "none", "numeric"], true),
      includeTerminatingDtmfInResultData: bool,
      outputs: paths("success", "failure"),
    },
    required: ["inputData"],
    outputs: ["success", "failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
  },
  transferToFlow: {
    needs: "call",
    fields: {
      targetFlow: flowRef,
      preTransferAudio: audio,
      failureTransferAudio: audio,
      failureOutputs,
      outputs: paths("failure"),
    },
    required: ["targetFlow"],
    outputs: ["failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
  },
  // connectTimeout (a duration) and invocationData (a string, Flow.InvocationData in the secure flow): the SDK's ArchActionTransferToFlowSecure.
  transferToFlowSecure: {
    needs: "call",
    fields: {
      targetFlow: flowRef,
      preTransferAudio: audio,
      failureTransferAudio: audio,
      connectTimeout: value("duration"),
      invocationData: value("string"),
      failureOutputs,
      outputs: paths("failure"),
    },
    outputs: ["failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
    src: [SDK_ACTIONS],
  },
  // targetNumber, releaseLinkTransfer, connectTimeout: export:rjv-blueprint/RJV Menhir Direct Tables_v57-0, export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV.
  transferToNumber: {
    needs: "call",
    fields: {
      targetNumber: value(UNKNOWN),
      releaseLinkTransfer: value("boolean"),
      connectTimeout: value("duration"),
      preTransferAudio: audio,
      failureTransferAudio: audio,
      failureOutputs,
      outputs: paths("failure"),
    },
    outputs: ["failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
  },
  // destination (a queue's or a user's voicemail, with its callback number and greeting): export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da.
  transferToVoicemail: {
    needs: "call",
    fields: {
      destination: any,
      preTransferAudio: audio,
      failureTransferAudio: audio,
      failureOutputs,
      outputs: paths("failure"),
    },
    outputs: ["failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
  },
  holdMusic: {
    needs: "call",
    fields: {
      prompt: requiredAudio,
      bargeInEnabled: value("boolean"),
      playStyle: one("play style", { entirePrompt: bool, promptDuration: any, duration: value("duration") }, true),
    },
    in: ["inqueueCall"],
    notIn: NOT_VOICE,
  },
  // Both: export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da, export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04.
  playEstimatedWaitTime: {
    needs: "call",
    fields: {
      estimatedWaitTime: value("duration"),
      roundingInterval: value("duration"),
      specificRoundingIntervals: list(value("duration")),
      playbackMode: str,
    },
    in: ["inqueueCall"],
    notIn: NOT_VOICE,
    partial: true,
  },
  playPositionInQueue: {
    needs: "call",
    fields: { positionInQueue: value("integer"), playbackMode: str },
    in: ["inqueueCall"],
    notIn: NOT_VOICE,
    partial: true,
  },
  setUUIData: { needs: "call", fields: {}, in: ["voice"], notIn: NOT_VOICE, partial: true, src: [SDK_ACTIONS] },
  setWhisperAudio: {
    needs: "call",
    fields: { whisperAudio: audio, outputs: paths("success", "failure") },
    outputs: ["success", "failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
  },
  // Detect Silence, Play Audio On Silence and Flush Audio act on a call's audio (help:detect-silence, ...).
  detectSilence: {
    needs: "call",
    fields: {
      silenceDuration: value("duration"),
      timeout: value("duration"),
      outputs: paths("success", "timeout", "failure"),
    },
    outputs: ["success", "timeout", "failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
    src: ["help:detect-silence"],
  },
  playAudioOnSilence: {
    needs: "call",
    fields: {
      audio,
      silenceDuration: value("duration"),
      timeout: value("duration"),
      allowedRepeatCount: value("integer"),
      actualRepeatCount: output("integer"),
      outputs: paths("success", "timeout", "failure"),
    },
    outputs: ["success", "timeout", "failure"],
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
    src: ["help:play-audio-on-silence"],
  },
  flushAudio: { needs: "call", fields: {}, in: ["voice"], notIn: NOT_VOICE, src: ["help:flush-audio"] },
  enableParticipantRecord: {
    needs: "call",
    fields: {},
    in: ["inboundCall"],
    notIn: NOT_VOICE,
    partial: true,
    src: ["help:enable-participant-recording"],
  },
  transcription: {
    needs: "call",
    fields: { enableTranscription: value("boolean") },
    in: ["inboundCall"],
    notIn: NOT_VOICE,
    partial: true,
    src: [SDK_ACTIONS],
  },
  // The output paths of a Lex V2 bot sit inside `lexBot` (per intent and failure), walked like any nested action list.
  // lexBot (region, bot, language, alias, intents and their paths), sessionVariables, outputSessionVariables: export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298.
  callLexV2Bot: {
    needs: "call",
    fields: { lexBot: any, sessionVariables: any, outputSessionVariables: any },
    in: ["voice"],
    notIn: NOT_VOICE,
    partial: true,
    src: ["help:call-lex-v2-bot"],
  },
  // Set Post-Flow: inbound and in-queue call flows and common modules (help:set-post-flow).
  // actionType (what runs after the flow: a voice survey flow and its data), target: export:rjv-blueprint/RJV Menhir Direct Tables_v57-0.
  setPostFlow: {
    needs: "call",
    fields: { actionType: any, target: value("string") },
    in: ["inboundCall", "inqueueCall", "module"],
    notIn: NOT_VOICE,
    partial: true,
    src: ["help:set-post-flow"],
  },
  previousMenu: { needs: "call", fields: {}, terminates: true, in: ["menus"], notIn: NOT_VOICE, src: [SDK_ACTIONS] },
  // "Only available in voice survey flows" (help:ask-survey-question).
  // Every field: export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0 and its DE, FR and NL siblings.
  askSurveyQuestion: {
    needs: "voiceSurvey",
    fields: {
      surveyQuestion: named("survey form", any, 1, 1),
      question: value("communication"),
      answer: value("communication"),
      ...BOT_PROMPTS,
    },
    in: ["voiceSurvey"],
    notIn: ["menus", "inqueue", "email", "message", "chat", "workflow", "workitem", "survey", "bot", "module"],
    partial: true,
    src: ["help:ask-survey-question", "help:voice-survey-flows"],
  },

  // ---- Email, messages, chat
  sendAutoReply: {
    needs: "email",
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
  sendResponse: {
    needs: "message",
    fields: { messageBody: requiredValue("communication"), messageBodyStyle: value("string") },
    required: ["messageBody"],
    in: ["message", "chat"],
    notIn: ["voice", "email", "workflow", "workitem", "survey", "bot"],
    partial: true,
  },

  // ---- Workflows
  endWorkflow: {
    needs: "workflow",
    fields: { exitReason: value("string") },
    terminates: true,
    in: ["workflow"],
    notIn: ["voice", "email", "message", "chat", "bot", "workitem", "survey"],
  },
  wait: {
    needs: "workflow",
    fields: { duration: requiredValue("duration"), trimDurationNearMaxRunningTime: value("boolean") },
    required: ["duration"],
    in: ["workflow"],
    notIn: ["voice", "email", "message", "chat", "bot"],
  },
  // Every field: export:antoningar/genesys-cloud-exporter (Exporter_Orchestrator).
  sendNotification: {
    needs: "workflow",
    fields: {
      failureOutputs,
      emailFrom: value(UNKNOWN),
      emailNotificationStyle: value(UNKNOWN),
      sendToUsers: value(UNKNOWN),
      body: value("string"),
      subject: value("string"),
      notificationType: value("string"),
    },
    in: ["workflow"],
    partial: true,
    src: ["help:send-notification", "help:workflows"],
  },
  getConversationData: {
    fields: {
      conversationId: requiredValue("string"),
      participantId: value("string"),
      attributes: list(any),
      outputs: paths("found", "notFound", "failure"),
    },
    required: ["conversationId"],
    outputs: ["found", "notFound", "failure"],
    in: ["workflow"],
    partial: true,
  },
  setConversationData: {
    fields: {
      conversationId: requiredValue("string"),
      participantId: value("string"),
      attributes: list(any),
      outputs: paths("success", "failure"),
    },
    required: ["conversationId"],
    outputs: ["success", "failure"],
    in: ["workflow"],
    partial: true,
  },

  // ---- Work items
  disconnectWorkitem: {
    needs: "workitem",
    fields: { failureOutputs },
    terminates: true,
    in: ["workitem"],
    notIn: ["voice", "email", "message", "chat", "bot", "workflow", "survey"],
    partial: true,
  },
  exitWorkitemFlow: {
    needs: "workitem",
    fields: {},
    terminates: true,
    in: ["workitem"],
    notIn: ["voice", "email", "message", "chat", "bot", "workflow", "survey"],
    partial: true,
  },

  // ---- Survey invites
  abortSurveyInvite: {
    needs: "survey",
    fields: { disposition: value("string") },
    terminates: true,
    in: ["survey"],
    notIn: ["voice", "email", "message", "chat", "bot", "workflow", "workitem"],
    partial: true,
  },
  // Every field: export:survey-sms-delivery-blueprint/SendSurvey_v1-0.
  completeSurveyInvite: {
    needs: "survey",
    fields: {
      targetAddress: value("string"),
      inviteSubject: value("string"),
      inviteBody: value("string"),
      reminderSubject: value("string"),
      reminderBody: value("string"),
    },
    terminates: true,
    in: ["survey"],
    notIn: ["voice", "email", "message", "chat", "bot", "workflow", "workitem"],
    partial: true,
  },

  // ---- Bots
  // A voice survey is a call flow and, in the SDK, a bot flow (ArchFlowVoiceSurvey extends
  // ArchBaseFlowBot) whose toolbox has an Ask menu (help:ask-survey-question): whether the bot
  // actions exist there no source settles, so they are unknown in it, not invalid (BOT_MAYBE).
  communicate: {
    ...BOT_ACTION,
    fields: { communication: requiredValue("communication") },
    required: ["communication"],
  },
  // question, noInput, noMatch, voiceEndOfInputTimeout: export:dr-webmessaging-blueprint/MyChatBot, export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed;
  // askForSlot's slot, customValidation, confirmationMode: export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow; its chooser (a digital bot's): export:CxAsCode/Archy_d_bot_test.
  askForIntent: {
    ...BOT_ACTION,
    fields: { question: value("communication"), ...BOT_PROMPTS, outputs: any },
    partial: true,
  },
  askForSlot: {
    ...BOT_ACTION,
    fields: {
      slot: NAMED_OBJECT,
      question: value("communication"),
      ...BOT_PROMPTS,
      customValidation: value(UNKNOWN),
      confirmationMode: value("string"),
      chooser: any,
      outputs: any,
    },
    partial: true,
  },
  // question, noInput, noMatch, voiceEndOfInputTimeout, outputs: export:scheduling-bot-blueprint/SchedulingBot (its askForBoolean actions).
  askForBoolean: {
    ...BOT_ACTION,
    fields: { question: value("communication"), ...BOT_PROMPTS, outputs: any },
    partial: true,
  },
  // question, noMatch, selection, knowledgeSearchResult, chooser: export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow, export:genesys-cloud-cx-as-code-demo/digital-bot.
  digitalMenu: {
    needs: "bot",
    fields: {
      question: value("communication"),
      noMatch: value("communication"),
      selection: any,
      knowledgeSearchResult: any,
      chooser: any,
      outputs: any,
    },
    in: ["digitalBot"],
    notIn: NOT_BOT,
    partial: true,
  },
  // A digital bot's question answered in free text (question, knowledgeSearchResult, noMatch in the export).
  waitForInput: {
    needs: "bot",
    fields: { question: value("communication"), noMatch: value("communication"), outputs: any },
    in: ["digitalBot"],
    notIn: NOT_BOT,
    partial: true,
  },
  clearSlot: {
    ...BOT_ACTION,
    fields: { slots: any },
    partial: true,
    src: [SDK_ACTIONS],
  },
  exitBotFlow: {
    ...BOT_ACTION,
    fields: {},
    terminates: true,
    partial: true,
  },
};

/** Menu choices (the `choices` of a call flow menu): a `name`, an optional `dtmf` key, and what the choice does. */
export interface ChoiceInfo {
  fields: Readonly<Record<string, Spec>>;
  required?: readonly string[];
  /** As ActionInfo.partial. */
  partial?: boolean;
}

const CHOICE_COMMON: Readonly<Record<string, Spec>> = {
  dtmf: enumOf(DTMF),
  globalDtmf: bool,
  globalSpeechRecTerms: bool,
  speechRecTerms: named("language", any),
  refId: str,
};

/**
 * A menu choice that transfers takes the fields of its transfer action, as menuTransferToAcd takes
 * transferToAcd's (the exports that use it), less the output paths: a choice has none. The SDK's
 * choice classes mirror the actions (ArchMenuTransferToNumber and ArchActionTransferToNumber).
 */
function transferChoice(action: string): ChoiceInfo {
  const { outputs: _paths, ...fields } = ACTIONS[action].fields;
  return { fields: { ...CHOICE_COMMON, ...fields }, partial: true };
}

/**
 * Every menu choice is an Architect menu choice class of the Architect Scripting SDK
 * (sdk:architect-scripting-types: ArchMenuJumpToTask is menuJumpToTask, ...); seen.ts lists the
 * exports that use them.
 */
export const MENU_CHOICES: Readonly<Record<string, ChoiceInfo>> = {
  menuDisconnect: { fields: { ...CHOICE_COMMON } },
  menuJumpToTask: { fields: { ...CHOICE_COMMON, targetTaskRef: ref("task") }, required: ["targetTaskRef"] },
  menuJumpToMenu: { fields: { ...CHOICE_COMMON, targetMenuRef: ref("menu") }, required: ["targetMenuRef"] },
  // The task's variables and actions, and the sub-menu, are walked by the validator itself.
  menuTask: {
    fields: {
      ...CHOICE_COMMON,
      task: obj({ name: str, refId: str, variables: skip, actions: skip, outputPaths: any }, ["actions"]),
    },
    required: ["task"],
  },
  menuSubMenu: { fields: { ...CHOICE_COMMON, menu: skip }, required: ["menu"] },
  menuTransferToAcd: { fields: { ...CHOICE_COMMON, ...TRANSFER_TO_ACD_FIELDS }, required: ["targetQueue"] },
  menuPreviousMenu: { fields: { ...CHOICE_COMMON } },
  menuRepeatMenu: { fields: { ...CHOICE_COMMON }, partial: true },
  menuTransferToNumber: transferChoice("transferToNumber"),
  menuTransferToUser: transferChoice("transferToUser"),
  menuTransferToGroup: transferChoice("transferToGroup"),
  menuTransferToVoicemail: transferChoice("transferToVoicemail"),
  menuDialByExtension: { fields: { ...CHOICE_COMMON }, partial: true },
  menuTransferToFlow: transferChoice("transferToFlow"),
  menuTransferToFlowSecure: transferChoice("transferToFlowSecure"),
  menuReturnToAgent: { fields: { ...CHOICE_COMMON }, partial: true },
};

/**
 * Keys of `settingsActionDefaults` that are not action keys (the defaults of call features, of
 * bot loops and of Guides), each with the public exports whose settingsActionDefaults hold it.
 */
export const ACTION_DEFAULT_EXTRA_KEY_SOURCES: Readonly<Record<string, readonly SourceId[]>> = {
  callBridge: [
    "export:set-emergency-group-lambda-blueprint/spare_flow",
    "export:GenesysCloudBlueprints/architect-flow-public-api-blueprint/blueprint~files~archy_flow.yml@f1050b9",
  ],
  callDataSecure: [
    "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Secure_Flow",
    "export:merge-ephemeral-message-to-external-contact-blueprint/ResolveContact",
  ],
  dialByExtension: [
    "export:set-emergency-group-lambda-blueprint/spare_flow",
    "export:terraform-provider-genesyscloud/inqueuecall_default_example",
  ],
  detectSilence: [
    "export:set-emergency-group-lambda-blueprint/spare_flow",
    "export:terraform-provider-genesyscloud/inqueuecall_default_example",
  ],
  playAudioOnSilence: [
    "export:set-emergency-group-lambda-blueprint/spare_flow",
    "export:terraform-provider-genesyscloud/inqueuecall_default_example",
  ],
  loopAnythingElse: ["export:dr-webmessaging-blueprint/MyChatBot"],
  callGuide: ["export:genesys-ci-cd/TESTE_RafaL-BOT-e8753bc5-ec45-4d67-b193-f1fddc7c96b7"],
};

export const ACTION_DEFAULT_EXTRA_KEYS: readonly string[] = Object.keys(ACTION_DEFAULT_EXTRA_KEY_SOURCES);
