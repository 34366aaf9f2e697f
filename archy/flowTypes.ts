// Archy flow types as data: the single top-level key of a flow file, the API's names for it, the
// keys a flow of that type may have and what they hold, how it starts, its body, the scopes of its
// variables, its built-in variables and its error handling.
//
// Sources: the Archy flow authoring lessons (developer.genesys.cloud/devapps/archy/flowAuthoring/:
// lesson 4 references, startUpRef), "Architect flow types" (help.mypurecloud.com/articles/about-architect/),
// "Architect built-in variables" (help.mypurecloud.com/articles/architect-default-variables/), the
// API's flow type names (GET /api/v2/flows?type=), and the top-level keys of the public exports
// (shared/archy-corpus: every key listed for a flow type below was seen in an export of that type,
// unless marked as following from a sibling type).
import { BUILTIN_SCOPES, FLOW_SCOPE_BUILTINS, type BuiltinVariable } from "./builtins";
import { audio, any, bool, DTMF, enumOf, list, named, obj, requiredValue, str, value, type Spec } from "./schema";
import type { FlowTag } from "./actions";
import type { ArchyType } from "./types";

export type BodyKind = "menus" | "tasks" | "states" | "bots" | "startUpTaskActions";

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
}

const COMMON_KEYS = ["name", "description", "division", "defaultLanguage", "supportedLanguages", "variables", "settingsErrorHandling", "settingsActionDefaults", "settingsPrompts"];
const VOICE_KEYS = [...COMMON_KEYS, "startUpRef", "initialGreeting", "menus", "tasks", "settingsMenu", "settingsSpeechRec"];
const STATE_KEYS = [...COMMON_KEYS, "startUpRef", "states", "tasks"];
const BOT_KEYS = [...COMMON_KEYS, "startUpRef", "bots", "tasks", "settingsBotFlow", "settingsKnowledge", "settingsNaturalLanguageUnderstanding", "settingsUserInput"];
const INQUEUE_KEYS = [...COMMON_KEYS, "startUpTaskActions", "tasks"];

function flowType(
  archyKey: string,
  apiType: string,
  tags: FlowTag[],
  keys: string[],
  opts: Partial<Pick<FlowTypeInfo, "required" | "startUpRef" | "startUpKinds" | "bodies" | "variableScopes" | "errorHandling">>,
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
  };
}

const VOICE_ERRORS = ["disconnect", "queue"];
const INTERACTION_ERRORS = ["disconnect", "queue"];

export const FLOW_TYPES: Readonly<Record<string, FlowTypeInfo>> = {
  inboundCall: flowType("inboundCall", "INBOUNDCALL", ["voice", "interaction", "menus"], VOICE_KEYS, {
    required: ["name", "defaultLanguage", "startUpRef"],
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
  }),
  outboundCall: flowType("outboundCall", "OUTBOUNDCALL", ["voice", "interaction", "menus"], [...VOICE_KEYS, "settingsOutboundCall"], {
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
  }),
  secureCall: flowType("secureCall", "SECURECALL", ["voice", "interaction", "menus"], VOICE_KEYS, {
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
  }),
  inqueueCall: flowType("inqueueCall", "INQUEUECALL", ["voice", "interaction", "inqueue"], [...INQUEUE_KEYS, "settingsInQueueCall"], {
    required: ["name", "startUpTaskActions"],
    startUpRef: "none",
    bodies: ["startUpTaskActions", "tasks"],
    errorHandling: VOICE_ERRORS,
  }),
  // Voicemail and voice survey flows: no public export; keys follow from the other voice flows.
  voicemail: flowType("voicemail", "VOICEMAIL", ["voice", "interaction"], [...VOICE_KEYS, "startUpTaskActions"], {
    startUpRef: "optional",
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks", "startUpTaskActions"],
    errorHandling: VOICE_ERRORS,
  }),
  voiceSurvey: flowType("voiceSurvey", "VOICESURVEY", ["voice", "interaction", "menus"], VOICE_KEYS, {
    startUpKinds: ["task", "menu"],
    bodies: ["menus", "tasks"],
    errorHandling: VOICE_ERRORS,
  }),
  inboundEmail: flowType("inboundEmail", "INBOUNDEMAIL", ["email", "interaction", "states"], [...STATE_KEYS, "settingsInboundEmailHandling"], {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: INTERACTION_ERRORS,
  }),
  // In-queue email and message flows: no public export; keys follow from the in-queue call flow.
  inqueueEmail: flowType("inqueueEmail", "INQUEUEEMAIL", ["email", "interaction", "inqueue"], INQUEUE_KEYS, {
    required: ["name"],
    startUpRef: "none",
    bodies: ["startUpTaskActions", "tasks"],
    errorHandling: INTERACTION_ERRORS,
  }),
  inboundShortMessage: flowType("inboundShortMessage", "INBOUNDSHORTMESSAGE", ["message", "interaction", "states"], STATE_KEYS, {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: INTERACTION_ERRORS,
  }),
  inqueueShortMessage: flowType("inqueueShortMessage", "INQUEUESHORTMESSAGE", ["message", "interaction", "inqueue"], INQUEUE_KEYS, {
    required: ["name"],
    startUpRef: "none",
    bodies: ["startUpTaskActions", "tasks"],
    errorHandling: INTERACTION_ERRORS,
  }),
  inboundChat: flowType("inboundChat", "INBOUNDCHAT", ["chat", "interaction", "states"], STATE_KEYS, {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: INTERACTION_ERRORS,
  }),
  workflow: flowType("workflow", "WORKFLOW", ["workflow", "states"], STATE_KEYS, {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: ["endWorkflow"],
  }),
  workitem: flowType("workitem", "WORKITEM", ["workitem", "interaction", "states"], [...STATE_KEYS, "worktype"], {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: ["endFlow", "disconnect", "queue"],
  }),
  botFlow: flowType("botFlow", "BOT", ["bot"], BOT_KEYS, {
    startUpKinds: ["bot", "task"],
    bodies: ["bots", "tasks"],
    variableScopes: ["Flow", "Task", "Slot"],
    errorHandling: ["exit"],
  }),
  digitalBot: flowType("digitalBot", "DIGITALBOT", ["bot"], BOT_KEYS, {
    startUpKinds: ["bot", "task"],
    bodies: ["bots", "tasks"],
    variableScopes: ["Flow", "Task", "Slot"],
    errorHandling: ["exit"],
  }),
  surveyInvite: flowType("surveyInvite", "SURVEYINVITE", ["survey", "states"], STATE_KEYS, {
    startUpKinds: ["state", "task"],
    bodies: ["states", "tasks"],
    variableScopes: ["Flow", "Task", "State"],
    errorHandling: ["disconnect", "endFlow"],
  }),
  // Both real modules: no startUpRef, defaultLanguage or settingsErrorHandling; variables are Common.*;
  // the body is startUpTaskActions. Reusable tasks in a module are not confirmed (see keys check).
  commonModule: flowType(
    "commonModule",
    "COMMONMODULE",
    ["module"],
    ["name", "description", "division", "supportedLanguages", "variables", "settingsCommonModule", "settingsActionDefaults", "settingsPrompts", "startUpTaskActions"],
    {
      required: ["name", "startUpTaskActions", "settingsCommonModule"],
      startUpRef: "none",
      bodies: ["startUpTaskActions"],
      variableScopes: ["Common", "Task"],
      errorHandling: [],
    },
  ),
};

/** Upper-case API type for an Archy key, or undefined when the key is not a flow type. */
export function flowTypeInfo(archyKey: string): FlowTypeInfo | undefined {
  return Object.hasOwn(FLOW_TYPES, archyKey) ? FLOW_TYPES[archyKey] : undefined;
}

export function flowTypeByLowerType(lower: string): FlowTypeInfo | undefined {
  return Object.values(FLOW_TYPES).find((f) => f.lowerType === lower.toLowerCase());
}

/** Keys that only make sense on a call (audio, menus, speech recognition): an error elsewhere. */
export const VOICE_ONLY_KEYS: readonly string[] = ["initialGreeting", "menus", "settingsMenu", "settingsSpeechRec", "settingsInQueueCall", "settingsOutboundCall"];

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
  settingsPrompts: obj({ ensureAudioInPrompts: bool, promptMediaToValidate: list(obj({ mediaType: enumOf(["audio", "tts"]) }, ["mediaType"])) }),
  settingsSpeechRec: obj({
    completeMatchTimeout: DURATION,
    incompleteMatchTimeout: DURATION,
    maxSpeechLengthTimeout: DURATION,
    minConfidenceLevel: value("integer"),
    asrCompanyDir: enumOf(["none", "searchAll", "searchOnly"], true),
    asrEnabledOnFlow: bool,
    suppressRecording: bool,
  }),
  settingsInQueueCall: obj({ holdMusic: value("prompt") }),
  settingsOutboundCall: obj({ contactList: value("contactList"), wrapupCode: value("wrapupCode") }),
  settingsInboundEmailHandling: obj({ emailHandling: { k: "skip" } }, ["emailHandling"]),
  settingsCommonModule: obj({ compatibleFlowTypes: list(obj({ flowType: { k: "string", nonEmpty: true } }, ["flowType"]), 1) }, ["compatibleFlowTypes"]),
  settingsBotFlow: any,
  settingsKnowledge: any,
  settingsNaturalLanguageUnderstanding: any,
  settingsUserInput: any,
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
};

/** Where the validator finds a built-in variable; undefined when `name` is not a built-in of `archyKey`. */
export function builtinVariable(archyKey: string, name: string): { type: ArchyType } | { unavailable: string } | { unknownMember: string; type: ArchyType } | undefined {
  const [scope, member] = splitScope(name);
  if (member === undefined) return undefined;
  if (scope.toLowerCase() === "flow") {
    const entry = findMember(FLOW_SCOPE_BUILTINS, member);
    if (!entry) return undefined;
    if (entry.only && !entry.only.includes(archyKey)) return { unavailable: `"Flow.${member}" is a built-in of ${entry.only.join(", ")} flows only` };
    return { type: entry.type };
  }
  const scopeKey = Object.keys(BUILTIN_SCOPES).find((s) => s.toLowerCase() === scope.toLowerCase());
  if (!scopeKey) return undefined;
  const info = BUILTIN_SCOPES[scopeKey];
  if (!info.flows.includes(archyKey)) {
    return { unavailable: `${scopeKey} variables do not exist in ${aFlow(archyKey)} (they exist in ${info.flows.join(", ")} flows)` };
  }
  if (info.open) return { type: "unknown" };
  const entry = findMember(info.variables, member);
  if (!entry) return { unknownMember: `"${scopeKey}.${member}" is not a documented built-in variable of ${aFlow(archyKey)}`, type: "unknown" };
  if (entry.only && !entry.only.includes(archyKey)) return { unavailable: `"${scopeKey}.${member}" exists only in ${entry.only.join(", ")} flows` };
  return { type: entry.type };
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
  for (const [member, v] of Object.entries(FLOW_SCOPE_BUILTINS)) if (!v.only || v.only.includes(archyKey)) out[`Flow.${member}`] = v.type;
  for (const [scope, info] of Object.entries(BUILTIN_SCOPES)) {
    if (!info.flows.includes(archyKey)) continue;
    for (const [member, v] of Object.entries(info.variables)) if (!v.only || v.only.includes(archyKey)) out[`${scope}.${member}`] = v.type;
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

