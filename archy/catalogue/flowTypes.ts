// Archy flow types as data: the single top-level key of a flow file, the API's names for it, the
// keys a flow of that type may have and what they hold, how it starts, its body, the scopes of its
// variables, its built-in variables and its error handling, each type with its public sources.
//
// Sources: the Archy flow authoring lessons (dev:archy-flow-authoring: references, startUpRef), the
// Architect Scripting SDK's flow classes (sdk:architect-scripting-types: ArchFlowInboundCall, ...,
// ArchFlowVoiceSurvey extends ArchBaseFlowBot, ArchFlowInQueueEmail has a periodic state), "Architect
// built-in variables" (help:built-in-variables), the API's flow type names (GET /api/v2/flows?type=),
// and the top-level keys of public exports: every key listed for a flow type below was seen in an
// export of that type, except where a comment says it follows from a sibling type. A key not
// listed is unknown (a warning), never refused.
import { BUILTIN_SCOPES, FLOW_SCOPE_BUILTINS, type BuiltinVariable } from "./builtins";
import { audio, any, bool, DTMF, enumOf, list, named, obj, requiredValue, str, value, type Spec } from "./schema";
import type { FlowTag } from "./actions";
import type { SourceId } from "./sources";
import type { ArchyType } from "./types";
import { nearestText } from "../suggest";

/** Where a flow's actions live: reusable `tasks`, `states`, `bots`, `menus`, one `startUpTaskActions` list, or the start-up and periodic states of an in-queue digital flow. */
export type BodyKind = "menus" | "tasks" | "states" | "bots" | "startUpTaskActions" | "startUpState" | "periodicState";

export interface FlowTypeInfo {
  archyKey: string;
  /** Upper-case API type (flow JSON `type`). */
  apiType: string;
  /** Lower-case API type (query parameters, `compatibleFlowTypes`). */
  lowerType: string;
  /** Groups used by action availability (see actions.ts). */
  tags: readonly FlowTag[];
  /** Top-level keys this flow type may have. */
  keys: readonly string[];
  required: readonly string[];
  /** `startUpRef` names the task, menu, state or bot the flow starts with. */
  startUpRef: "required" | "optional" | "none";
  /** Element kinds `startUpRef` may point to. */
  startUpKinds: readonly string[];
  bodies: readonly BodyKind[];
  /** Scopes of the variables a flow of this type declares and writes. */
  variableScopes: readonly string[];
  /** `settingsErrorHandling.errorHandling` kinds. */
  errorHandling: readonly string[];
  src: readonly SourceId[];
}

const COMMON_KEYS = [
  "name",
  "description",
  "division",
  "defaultLanguage",
  "supportedLanguages",
  "variables",
  "settingsErrorHandling",
  "settingsActionDefaults",
  "settingsPrompts",
];
const VOICE_KEYS = [
  ...COMMON_KEYS,
  "startUpRef",
  "initialGreeting",
  "menus",
  "tasks",
  "settingsMenu",
  "settingsSpeechRec",
];
const STATE_KEYS = [...COMMON_KEYS, "startUpRef", "states", "tasks"];
const BOT_KEYS = [
  ...COMMON_KEYS,
  "startUpRef",
  "bots",
  "tasks",
  "settingsBotFlow",
  "settingsKnowledge",
  "settingsNaturalLanguageUnderstanding",
  "settingsUserInput",
];
// In-queue call flows: one start-up task (its actions and its Task variables) and reusable tasks.
const INQUEUE_KEYS = [...COMMON_KEYS, "startUpTaskActions", "startUpTaskVariables", "tasks"];
// In-queue email and message flows: a start-up state and a periodic (recurring) state.
const INQUEUE_STATE_KEYS = [...COMMON_KEYS, "startUpState", "periodicState"];

function flowType(
  archyKey: string,
  apiType: string,
  tags: FlowTag[],
  keys: string[],
  opts: Partial<
    Pick<FlowTypeInfo, "required" | "startUpRef" | "startUpKinds" | "bodies" | "variableScopes" | "errorHandling">
  > & { src: readonly SourceId[] },
): FlowTypeInfo {
  return {
    archyKey,
    apiType,
    lowerType: apiType.toLowerCase(),
    tags: [...tags, archyKey],
    keys,
    required: opts.required ?? ["name"],
    startUpRef: opts.startUpRef ?? "required",
    startUpKinds: opts.startUpKinds ?? ["task"],
    bodies: opts.bodies ?? ["tasks"],
    variableScopes: opts.variableScopes ?? ["Flow", "Task"],
    errorHandling: opts.errorHandling ?? ["disconnect"],
    src: opts.src,
  };
}

const VOICE_ERRORS = ["disconnect", "queue"];
const INTERACTION_ERRORS = ["disconnect", "queue"];
const SDK: SourceId = "sdk:architect-scripting-types";
/** A flow of states: it starts with a state or a task, its bodies are states and reusable tasks, its variables Flow, Task and State. */
const STATE_LAYOUT: Pick<FlowTypeInfo, "startUpKinds" | "bodies" | "variableScopes"> = {
  startUpKinds: ["state", "task"],
  bodies: ["states", "tasks"],
  variableScopes: ["Flow", "Task", "State"],
};

export const FLOW_TYPES: Readonly<Record<string, FlowTypeInfo>> = {
  inboundCall: flowType("inboundCall", "INBOUNDCALL", ["voice", "interaction", "menus"], VOICE_KEYS, {
    required: ["name", "defaultLanguage", "startUpRef"],
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
    src: [
      SDK,
      "dev:archy-flow-authoring",
      "export:terraform-provider-genesyscloud/inboundcall_flow_example",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    ],
  }),
  outboundCall: flowType(
    "outboundCall",
    "OUTBOUNDCALL",
    ["voice", "interaction", "menus"],
    [...VOICE_KEYS, "settingsOutboundCall"],
    {
      startUpKinds: ["task", "menu"],
      bodies: ["menus", "tasks"],
      errorHandling: VOICE_ERRORS,
      src: [
        SDK,
        "export:terraform-provider-genesyscloud/outboundcall_flow_example",
        "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
      ],
    },
  ),
  secureCall: flowType("secureCall", "SECURECALL", ["voice", "interaction", "menus"], VOICE_KEYS, {
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
    src: [SDK, "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Secure_Flow"],
  }),
  inqueueCall: flowType(
    "inqueueCall",
    "INQUEUECALL",
    ["voice", "interaction", "inqueue"],
    [...INQUEUE_KEYS, "settingsInQueueCall"],
    {
      required: ["name", "startUpTaskActions"],
      startUpRef: "none",
      bodies: ["startUpTaskActions", "tasks"],
      errorHandling: VOICE_ERRORS,
      src: [
        SDK,
        "export:terraform-provider-genesyscloud/inqueuecall_default_example",
        "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
        "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
      ],
    },
  ),
  // Voicemail flows: the SDK has the type (ArchFlowVoicemail); no public export shows its file, so
  // its keys follow from the other call flows (a key it lacks is a warning, never an error).
  voicemail: flowType("voicemail", "VOICEMAIL", ["voice", "interaction"], [...VOICE_KEYS, "startUpTaskActions"], {
    startUpRef: "optional",
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks", "startUpTaskActions"],
    errorHandling: VOICE_ERRORS,
    src: [SDK, "help:built-in-variables"],
  }),
  // Voice survey flows are generated from a survey form and laid out like bot flows (ArchFlowVoiceSurvey
  // extends ArchBaseFlowBot): bots and tasks, the form and its questions as settings, and, like a
  // bot's, an NLU configuration with "all the necessary slots and slot types required for each
  // question in the form" (the SDK's createFlowVoiceSurveyAsync, types.d.ts#L3133): Slot variables.
  voiceSurvey: flowType(
    "voiceSurvey",
    "VOICESURVEY",
    ["voice", "interaction"],
    [
      ...COMMON_KEYS,
      "startUpRef",
      "bots",
      "tasks",
      "surveyForm",
      "settingsVoiceSurvey",
      "settingsUserInput",
      "settingsNaturalLanguageUnderstanding",
      "settingsSpeechRec",
    ],
    {
      startUpKinds: ["bot", "task"],
      bodies: ["bots", "tasks"],
      variableScopes: ["Flow", "Task", "Slot"],
      errorHandling: VOICE_ERRORS,
      src: [SDK, "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0"],
    },
  ),
  inboundEmail: flowType(
    "inboundEmail",
    "INBOUNDEMAIL",
    ["email", "interaction", "states"],
    [...STATE_KEYS, "settingsInboundEmailHandling"],
    {
      ...STATE_LAYOUT,
      errorHandling: INTERACTION_ERRORS,
      src: [
        SDK,
        "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
        "export:andrewappleton/2025-CX-as-Code/05-Customer Presentations~05-Essentials~code~35-archy-terraform~source~CXaC_EmailInbound.yaml@a44db97",
      ],
    },
  ),
  inqueueEmail: flowType(
    "inqueueEmail",
    "INQUEUEEMAIL",
    ["email", "interaction", "inqueue", "inqueueStates"],
    INQUEUE_STATE_KEYS,
    {
      startUpRef: "none",
      bodies: ["startUpState", "periodicState"],
      variableScopes: ["Flow", "Task", "State"],
      errorHandling: ["endInQueueState"],
      src: [
        SDK,
        "export:rjv-blueprint/RJV Default In-Queue Email_v1-0",
        "export:terraform-provider-genesyscloud/resource_genesyscloud_routing_queue_test#L2092",
      ],
    },
  ),
  inboundShortMessage: flowType(
    "inboundShortMessage",
    "INBOUNDSHORTMESSAGE",
    ["message", "interaction", "states"],
    STATE_KEYS,
    {
      ...STATE_LAYOUT,
      errorHandling: INTERACTION_ERRORS,
      src: [
        SDK,
        "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
        "export:merge-ephemeral-message-to-external-contact-blueprint/MergeExternalContactMessageFlow",
      ],
    },
  ),
  inqueueShortMessage: flowType(
    "inqueueShortMessage",
    "INQUEUESHORTMESSAGE",
    ["message", "interaction", "inqueue", "inqueueStates"],
    INQUEUE_STATE_KEYS,
    {
      startUpRef: "none",
      bodies: ["startUpState", "periodicState"],
      variableScopes: ["Flow", "Task", "State"],
      errorHandling: ["endInQueueState"],
      src: [SDK, "export:terraform-provider-genesyscloud/resource_genesyscloud_routing_queue_test#L2064"],
    },
  ),
  inboundChat: flowType("inboundChat", "INBOUNDCHAT", ["chat", "interaction", "states"], STATE_KEYS, {
    ...STATE_LAYOUT,
    errorHandling: INTERACTION_ERRORS,
    src: [
      SDK,
      "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    ],
  }),
  workflow: flowType("workflow", "WORKFLOW", ["workflow", "states"], STATE_KEYS, {
    ...STATE_LAYOUT,
    errorHandling: ["endWorkflow"],
    src: [
      SDK,
      "export:terraform-provider-genesyscloud/workflow_flow_example",
      "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
    ],
  }),
  workitem: flowType("workitem", "WORKITEM", ["workitem", "interaction", "states"], [...STATE_KEYS, "worktype"], {
    ...STATE_LAYOUT,
    errorHandling: ["endFlow", "disconnect", "queue"],
    src: [SDK, "export:process-automation-workitem-blueprint/WorkitemFlow"],
  }),
  botFlow: flowType("botFlow", "BOT", ["bot"], [...BOT_KEYS, "settingsVirtualAgent"], {
    startUpKinds: ["bot", "task"],
    bodies: ["bots", "tasks"],
    variableScopes: ["Flow", "Task", "Slot"],
    // disconnect: a published Genesys blueprint's bot flow handles errors and recognition failures with it.
    errorHandling: ["exit", "disconnect"],
    src: [
      SDK,
      "export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-Bot-01",
      "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
      "export:scheduling-bot-blueprint/SchedulingBot",
      "export:wfm-activity-change-blueprint/WFMActivityChangeBotFlow",
    ],
  }),
  // A digital bot with a virtual agent's settings too (export:genesys-ci-cd/TESTE-DIGITALBOT-...).
  digitalBot: flowType("digitalBot", "DIGITALBOT", ["bot"], [...BOT_KEYS, "settingsVirtualAgent"], {
    startUpKinds: ["bot", "task"],
    bodies: ["bots", "tasks"],
    variableScopes: ["Flow", "Task", "Slot"],
    errorHandling: ["exit"],
    src: [
      SDK,
      "export:genesys-cloud-cx-as-code-demo/digital-bot",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:genesys-ci-cd/TESTE-DIGITALBOT-9dd5db4f-b2e3-474f-b32f-741f17088fc9",
    ],
  }),
  surveyInvite: flowType("surveyInvite", "SURVEYINVITE", ["survey", "states"], STATE_KEYS, {
    ...STATE_LAYOUT,
    errorHandling: ["disconnect", "endFlow"],
    src: [SDK, "export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  }),
  // Modules: no startUpRef or settingsErrorHandling in any export, a defaultLanguage in four of one
  // repository's (export:CM_gh_actions/CallbackBundleBasic, es-us); variables are Common.*; the body
  // is startUpTaskActions, with the start-up task's own Task variables.
  commonModule: flowType(
    "commonModule",
    "COMMONMODULE",
    ["module"],
    [
      "name",
      "description",
      "division",
      "defaultLanguage",
      "supportedLanguages",
      "variables",
      "settingsCommonModule",
      "settingsActionDefaults",
      "settingsPrompts",
      "startUpTaskActions",
      "startUpTaskVariables",
    ],
    {
      required: ["name", "startUpTaskActions", "settingsCommonModule"],
      startUpRef: "none",
      bodies: ["startUpTaskActions"],
      variableScopes: ["Common", "Task"],
      errorHandling: [],
      src: [
        SDK,
        "help:common-modules",
        "export:merge-ephemeral-message-to-external-contact-blueprint/ResolveContact",
        "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
      ],
    },
  ),
};

/** Upper-case API type for an Archy key, or undefined when the key is not a flow type. */
export function flowTypeInfo(archyKey: string): FlowTypeInfo | undefined {
  return Object.hasOwn(FLOW_TYPES, archyKey) ? FLOW_TYPES[archyKey] : undefined;
}

/** "The maximum length of a flow name is 200 characters" (Genesys Resource Center, "Create a flow"). */
export const FLOW_NAME_MAX = 200;

/** What is wrong with a flow name Genesys refuses for its length, or undefined: one check, wherever a name is taken. */
export function flowNameTooLong(name: string): string | undefined {
  if (name.length <= FLOW_NAME_MAX) return undefined;
  return `is ${name.length} characters long; the maximum length of a flow name is ${FLOW_NAME_MAX} characters`;
}

export function flowTypeByLowerType(lower: string): FlowTypeInfo | undefined {
  return Object.values(FLOW_TYPES).find((f) => f.lowerType === lower.toLowerCase());
}

/** Keys that only make sense on a call (audio, menus, speech recognition): an error elsewhere. */
export const VOICE_ONLY_KEYS: readonly string[] = [
  "initialGreeting",
  "menus",
  "settingsMenu",
  "settingsSpeechRec",
  "settingsInQueueCall",
  "settingsOutboundCall",
];

/**
 * Flow types that run on a call without being call flows: a call flow hands the call to a bot flow
 * (callBotFlow, seen in inbound call exports), which then speaks and listens. A call-only key there
 * is unknown (no export shows one), not invalid.
 */
export const RUN_ON_CALLS: readonly string[] = ["botFlow"];

const DURATION = value("duration");

/** What each top-level key holds. The bodies (menus, tasks, states, bots, startUpTaskActions) are walked by the validator. */
export const TOP_LEVEL_KEYS: Readonly<Record<string, Spec>> = {
  name: { k: "string", nonEmpty: true },
  description: str,
  division: str,
  startUpRef: { k: "ref", to: ["task", "menu", "state", "bot"] },
  defaultLanguage: { k: "string", nonEmpty: true },
  // Language entries vary (defaultLanguageSkill, textToSpeech engines and voices, none): their wrapped values are checked.
  supportedLanguages: named("language", any, 1),
  initialGreeting: audio,
  variables: { k: "skip" },
  worktype: obj({ name: str }, ["name"], true),
  menus: { k: "skip" },
  tasks: { k: "skip" },
  states: { k: "skip" },
  bots: { k: "skip" },
  startUpTaskActions: { k: "skip" },
  startUpTaskVariables: { k: "skip" },
  startUpState: { k: "skip" },
  periodicState: { k: "skip" },
  settingsActionDefaults: { k: "skip" },
  settingsErrorHandling: obj(
    {
      errorHandling: { k: "skip" },
      preHandlingAudio: audio,
      enableAgentEscalation: value("boolean"),
      errorEventHandover: value("communication"),
      agentEscalationConfirmation: value("communication"),
      agentEscalationHandover: value("communication"),
      recognitionFailureEventHandover: value("communication"),
      recognitionFailureEventHandling: { k: "skip" },
      agentEscalationHandling: { k: "skip" },
    },
    ["errorHandling"],
  ),
  settingsMenu: obj({
    extensionDialingMaxDelay: DURATION,
    listenForExtensionDialing: value("boolean"),
    menuSelectionTimeout: DURATION,
    repeatCount: value("integer"),
  }),
  // mediaType none: a bot flow that validates no prompt media (export:CM_gh_actions/IntentClientModuleIntermediate).
  settingsPrompts: obj({
    ensureAudioInPrompts: bool,
    promptMediaToValidate: list(obj({ mediaType: enumOf(["audio", "tts", "none"], true) }, ["mediaType"])),
  }),
  settingsSpeechRec: obj({
    completeMatchTimeout: DURATION,
    incompleteMatchTimeout: DURATION,
    maxSpeechLengthTimeout: DURATION,
    minConfidenceLevel: value("integer"),
    // "startUpObject" and "entireFlow": export:CI_CD2/BFSI_POC-INBOUNDCALL-..., export:aws-solutions/qnabot-on-aws/...
    asrCompanyDir: enumOf(["none", "searchAll", "searchOnly", "startUpObject", "entireFlow"], true),
    asrEnabledOnFlow: bool,
    suppressRecording: bool,
  }),
  settingsInQueueCall: obj({ holdMusic: value("prompt") }),
  settingsOutboundCall: obj({ contactList: value("contactList"), wrapupCode: value("wrapupCode") }),
  settingsInboundEmailHandling: obj({ emailHandling: { k: "skip" } }, ["emailHandling"]),
  settingsCommonModule: obj(
    { compatibleFlowTypes: list(obj({ flowType: { k: "string", nonEmpty: true } }, ["flowType"]), 1) },
    ["compatibleFlowTypes"],
  ),
  settingsBotFlow: any,
  settingsKnowledge: any,
  settingsNaturalLanguageUnderstanding: any,
  settingsUserInput: any,
  // Voice survey flows: the survey form they are generated from and its questions (export:rjv-voice-survey).
  surveyForm: obj({ name: str }, ["name"], true),
  settingsVoiceSurvey: any,
  // Bot flows with a virtual agent (export:scheduling-bot).
  settingsVirtualAgent: any,
};

/** The settings of a menu (per-menu overrides of settingsMenu / settingsSpeechRec). */
export const MENU_FIELDS: Readonly<Record<string, Spec>> = {
  name: { k: "string", nonEmpty: true },
  refId: { k: "string", nonEmpty: true },
  audio,
  settingsMenu: TOP_LEVEL_KEYS.settingsMenu,
  settingsSpeechRec: TOP_LEVEL_KEYS.settingsSpeechRec,
  choices: { k: "skip" },
  defaultChildMenuRef: { k: "ref", to: ["*"] },
  speechRecTerms: any,
  dtmf: enumOf(DTMF),
};

/** Error handling kinds (`settingsErrorHandling.errorHandling.<kind>`) and what each holds. */
export const ERROR_HANDLING_KINDS: Readonly<Record<string, Spec>> = {
  disconnect: obj({ none: bool }),
  queue: obj({ targetQueue: requiredValue("queue") }, ["targetQueue"]),
  endWorkflow: obj({ none: bool }),
  exit: obj({ none: bool }),
  endFlow: obj({ none: bool }),
  // In-queue email and message flows (export:rjv-inqueue-email, export:provider-inqueue-message).
  endInQueueState: obj({ none: bool }),
};

/**
 * What the catalogue says of a built-in variable name in a flow type: its type; `unavailable`
 * (certain: the flow type has no such scope); `unknownMember` (the catalogue lacks the member, or
 * has seen it only in other flow types: a warning, with the type to go on with); undefined when
 * the name is not in a built-in scope.
 */
export function builtinVariable(
  archyKey: string,
  name: string,
): { type: ArchyType } | { unavailable: string } | { unknownMember: string; type: ArchyType } | undefined {
  const [scope, member] = splitScope(name);
  if (member === undefined) return undefined;
  const flowScope = scope.toLowerCase() === "flow";
  const scopeKey = flowScope
    ? "Flow"
    : Object.keys(BUILTIN_SCOPES).find((s) => s.toLowerCase() === scope.toLowerCase());
  if (!scopeKey) return undefined;
  const info = flowScope ? undefined : BUILTIN_SCOPES[scopeKey];
  if (info && !info.flows.includes(archyKey)) {
    if (info.partial) return undefined;
    return {
      unavailable: `${scopeKey} variables do not exist in ${aFlow(archyKey)} (they exist in ${info.flows.join(", ")} flows)`,
    };
  }
  if (info?.open !== undefined) return { type: info.open };
  const entry = findMember(info?.variables ?? FLOW_SCOPE_BUILTINS, member);
  if (!entry)
    return (
      info && {
        unknownMember: `"${scopeKey}.${member}" is not a built-in variable the catalogue knows${nearestText(member, Object.keys(info.variables))}`,
        type: "unknown",
      }
    );
  if (entry.only && !entry.only.includes(archyKey))
    return {
      unknownMember: `"${scopeKey}.${member}" is a built-in the catalogue knows in ${entry.only.join(", ")} flows only`,
      type: entry.type,
    };
  return { type: entry.type };
}

/** Whether a built-in variable is one the documentation lets a flow set (`writable` in builtins.ts). */
export function isWritableBuiltin(name: string): boolean {
  const [scope, member] = splitScope(name);
  if (member === undefined) return false;
  const table =
    scope.toLowerCase() === "flow"
      ? FLOW_SCOPE_BUILTINS
      : BUILTIN_SCOPES[Object.keys(BUILTIN_SCOPES).find((s) => s.toLowerCase() === scope.toLowerCase()) ?? ""]
          ?.variables;
  return table !== undefined && findMember(table, member)?.writable === true;
}

function findMember(table: Readonly<Record<string, BuiltinVariable>>, member: string): BuiltinVariable | undefined {
  const key = Object.keys(table).find((k) => k.toLowerCase() === member.toLowerCase());
  return key === undefined ? undefined : table[key];
}

/** "an inboundEmail flow", "a workflow": for messages. */
export function aFlow(archyKey: string): string {
  return archyKey === "workflow" ? "a workflow" : `${/^[aeiou]/i.test(archyKey) ? "an" : "a"} ${archyKey} flow`;
}

/** "Flow.a.b" -> ["Flow", "a"] (the variable's own name is the second segment). */
export function splitScope(name: string): [string, string | undefined] {
  const parts = name.split(".");
  return [parts[0], parts[1]];
}

/**
 * Every documented built-in variable of a flow type with its Archy type: `Call.Ani` string,
 * `Email.Message` emailMessage (members such as `Email.Message.subject` are in builtins.ts MEMBERS),
 * `Flow.StartDateTimeUtc`, `System.MaxInt`, ... Scopes whose members the org defines (bot slots) are
 * not listed.
 */
export function builtinVariablesOf(archyKey: string): Record<string, ArchyType> {
  const out: Record<string, ArchyType> = {};
  for (const [member, v] of Object.entries(FLOW_SCOPE_BUILTINS))
    if (!v.only || v.only.includes(archyKey)) out[`Flow.${member}`] = v.type;
  for (const [scope, info] of Object.entries(BUILTIN_SCOPES)) {
    if (!info.flows.includes(archyKey)) continue;
    for (const [member, v] of Object.entries(info.variables))
      if (!v.only || v.only.includes(archyKey)) out[`${scope}.${member}`] = v.type;
  }
  return out;
}

/** Scopes of variables a flow declares (as opposed to built-in scopes). */
export const DECLARED_SCOPES: readonly string[] = ["Flow", "Task", "State", "Common", "Slot"];

/** Names of the variable kinds (`stringVariable` -> string). */
export function variableKindType(kind: string): ArchyType | undefined {
  const m = /^([a-z][A-Za-z]*)Variable$/.exec(kind);
  return m ? m[1] : undefined;
}
