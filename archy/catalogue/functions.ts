// Architect expression functions, as data: each function with every overload the catalogue knows,
// whether that list is complete, and the public sources that show it.
//
// No Genesys page lists a function's overloads: the full reference ("Expression Help") exists only
// inside Architect (help:expression-help). So every list below is `complete: false`, and a call
// that no known overload accepts is an *unknown* finding (a warning), never an error. A function
// whose overload list a public page documents in full would be marked complete; then a call with
// an arity no overload accepts is invalid.
//
// Function names are not case-sensitive (`contains`, `right` and `tophonenumber` appear in
// published exports).
//
// Overload syntax: `(type, type?, type...): returnType`, where `?` marks an optional parameter,
// `...` a repeated one, `any` accepts every type, `T` is one type shared by the parameters and the
// result, `TCollection` a collection of it and `anyCollection` any collection. `unknown` as a
// result: the sources do not show what the function returns.
import type { SourceId } from "./sources";
import type { ArchyType } from "./types";

export interface ParamSpec {
  type: ArchyType;
  optional: boolean;
  repeated: boolean;
}

export interface Overload {
  params: ParamSpec[];
  returns: ArchyType;
}

export interface FunctionEntry {
  name: string;
  overloads: Overload[];
  /** A public page documents every overload: an arity no overload accepts is then certain. */
  complete: boolean;
  src: readonly SourceId[];
}

interface Entry {
  overloads: readonly string[];
  src: readonly SourceId[];
  complete?: boolean;
}

const TABLE: Readonly<Record<string, Entry>> = {
  // ---- Text
  Append: {
    overloads: ["(string...): string", "(audio...): audio"],
    src: [
      "help:string-literals",
      "export:automated-callback-blueprint/Proactive callback offer",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    ],
  },
  AreEqual: {
    overloads: ["(string, string): boolean"],
    src: ["export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat"],
  },
  Contains: {
    overloads: ["(string, string): boolean", "(string, string, boolean): boolean"],
    src: [
      "export:ani-blacklist/blacklist",
      "export:andrewappleton/2025-CX-as-Code/05-Customer Presentations~05-Essentials~code~35-archy-terraform~source~CXaC_EmailInbound.yaml@a44db97",
    ],
  },
  FindString: {
    overloads: ["(string, string): integer"],
    src: ["export:automated-callback-blueprint/Proactive callback offer"],
  },
  Left: {
    overloads: ["(string, integer): string"],
    src: ["export:negative-sentiment-callback/Send_SMS_and_Create_Supervisor_Callback"],
  },
  Right: {
    overloads: ["(string, integer): string"],
    src: ["export:automatic-offer-callback-for-disconnected-call/Send SMS to Schedule Callback"],
  },
  Substring: {
    overloads: ["(string, integer, integer): string"],
    src: ["export:automated-callback-blueprint/Proactive callback offer"],
  },
  Length: {
    overloads: ["(string): integer"],
    src: ["export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed"],
  },
  Lower: { overloads: ["(string): string"], src: ["export:ani-blacklist/blacklist"] },
  Upper: { overloads: ["(string): string"], src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"] },
  Trim: {
    overloads: ["(string): string"],
    src: ["export:automatic-offer-callback-for-disconnected-call/Send SMS to Schedule Callback"],
  },
  Replace: { overloads: ["(string, string, string): string"], src: ["export:ani-blacklist/blacklist"] },
  Split: {
    overloads: ["(string, string): stringCollection"],
    src: ["forum:format-number-playdigits", "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  ToString: {
    overloads: ["(any): string", "(anyCollection, string): string"],
    src: ["help:not-set", "help:implicit-casting", "help:tts-playback-test", "forum:format-number-playdigits"],
  },
  ToDisplayString: {
    overloads: ["(any): string"],
    src: [
      "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    ],
  },
  ToPhoneNumber: {
    overloads: ["(string): phoneNumber"],
    src: ["export:ani-blacklist/blacklist", "help:phone-number-type"],
  },

  // ---- Conversions and checks
  ToInt: {
    overloads: ["(any): integer"],
    src: ["help:convert-string", "export:automated-callback-blueprint/Proactive callback connect"],
  },
  ToDecimal: {
    overloads: ["(any): decimal"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  ToDateTime: {
    overloads: ["(any): dateTime"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  ToCurrency: {
    overloads: ["(string): currency"],
    src: ["export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV"],
  },
  ToJson: { overloads: ["(any): json"], src: ["help:json-values"] },
  JsonParse: {
    overloads: ["(string): json"],
    src: ["help:json-values", "export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },
  GetJsonObjectProperty: {
    overloads: ["(json, string): json"],
    src: ["export:process-automation-trigger-with-salesforce/Conversation Summary"],
  },
  GetJsonObjectPropertyNames: {
    overloads: ["(json): stringCollection"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-JSON-Demo-03"],
  },
  // A copy of the object with the property set (an updateData of a json variable assigns the result).
  SetJsonObjectProperty: {
    overloads: ["(json, string, json): json"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-JSON-Demo-03"],
  },
  // A copy of the array with every item equal to the second argument replaced by the third.
  ReplaceJsonArrayItem: {
    overloads: ["(json, any, any): json"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-JSON-Demo-03"],
  },
  ToJsonCollection: {
    overloads: ["(json): jsonCollection"],
    src: ["help:json-values", "export:genesys-architect-tutorials/Genesys-Tutorial-JSON-Demo-03"],
  },
  IsJsonObject: {
    overloads: ["(json): boolean"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-JSON-Demo-01"],
  },
  IsSet: { overloads: ["(any): boolean"], src: ["help:not-set"] },
  IsNotSetOrEmpty: { overloads: ["(any): boolean"], src: ["export:ani-blacklist/blacklist"] },
  If: { overloads: ["(boolean, T, T): T"], src: ["help:not-set"] },

  // ---- Numbers and currency
  RandomInt: {
    overloads: ["(integer): integer"],
    src: ["export:Archy/archyflow", "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  MakeCurrency: {
    overloads: ["(decimal, string): currency"],
    src: ["help:design-time-validation", "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },

  // ---- Collections
  Count: {
    overloads: ["(anyCollection): integer"],
    src: ["export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat"],
  },
  MakeList: {
    overloads: ["(T...): TCollection"],
    src: ["help:modify-collections", "export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },
  MakeEmptyList: { overloads: ["(T): TCollection"], src: ["export:rjv-blueprint/RJV LastAgentRouting_v2-0"] },
  AddItem: { overloads: ["(TCollection, T): TCollection"], src: ["help:modify-collections"] },
  AddItemAt: { overloads: ["(TCollection, integer, T): TCollection"], src: ["help:modify-collections"] },
  GetAt: {
    overloads: ["(TCollection, integer): T"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  Find: { overloads: ["(TCollection, T): unknown"], src: ["export:CxAsCode/Archy_d_bot_test"] },
  FindFirst: {
    overloads: ["(TCollection, T): integer"],
    src: ["export:wfm-hris-blueprint/WFM-HR-GetEmployeeBalances_v2-0"],
  },
  Sum: { overloads: ["(anyCollection): decimal"], src: ["export:genesys-cloud-exporter/Exporter_Orchestrator"] },

  // ---- Dates, times and durations
  GetCurrentDateTimeUtc: { overloads: ["(): dateTime"], src: ["help:datetime-dst"] },
  AddDays: {
    overloads: ["(dateTime, integer): dateTime"],
    src: ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  },
  AddHours: {
    overloads: ["(dateTime, integer): dateTime"],
    src: ["help:datetime-dst", "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  },
  AddMinutes: {
    overloads: ["(dateTime, integer): dateTime"],
    src: ["help:datetime-dst", "export:negative-sentiment-callback/Send_SMS_and_Create_Supervisor_Callback"],
  },
  DateTimeDiff: {
    overloads: ["(dateTime, dateTime): duration"],
    src: ["export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  },
  MakeDuration: {
    overloads: [
      "(integer, integer, integer, integer): duration",
      "(integer, integer, integer, integer, integer): duration",
    ],
    src: [
      "export:automated-callback-blueprint/Proactive callback offer",
      "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
    ],
  },
  MakeDateTime: {
    overloads: ["(integer, integer, integer, integer, integer, integer): dateTime"],
    src: ["help:design-time-validation", "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },

  // ---- Org objects
  FindQueue: { overloads: ["(string): queue"], src: ["export:rjv-blueprint/RJV Callback Direct Table_v6-0"] },
  FindQueueById: {
    overloads: ["(string): queue"],
    src: ["export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },
  FindUser: { overloads: ["(string): user"], src: ["export:genesys-cloud-exporter/Exporter_Orchestrator"] },
  FindUserById: {
    overloads: ["(string): user"],
    src: ["export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },
  FindSkill: {
    overloads: ["(string): skill"],
    src: ["export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },
  FindLanguageSkill: {
    overloads: ["(string): languageSkill"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  FindScheduleGroup: {
    overloads: ["(string): scheduleGroup"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  ToScheduleGroup: { overloads: ["(any): scheduleGroup"], src: ["export:dr-fallback-ivr/DR-Emergency-IVR"] },
  FindEmergencyGroup: {
    overloads: ["(string): emergencyGroup"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  FindUserPrompt: { overloads: ["(string): prompt"], src: ["export:rjv-blueprint/RJV Callback Direct Table_v6-0"] },
  MakeAgentScorePair: {
    overloads: ["(user, integer): agentScorePair"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  MakeListAgentScorePair: {
    overloads: ["(userCollection, integerCollection): agentScorePairCollection"],
    src: ["export:switch-voice-to-web-messaging/Switch from Voice Channel with Context"],
  },

  // ---- Audio and communications
  ToAudio: {
    overloads: ["(prompt): audio"],
    src: [
      "help:set-audio-sequence",
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
      "export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-01",
    ],
  },
  ToAudioTTS: {
    overloads: ["(string): audio", "(string, stringFormat): audio"],
    src: [
      "help:set-audio-sequence",
      "help:runtime-data-playback",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    ],
  },
  ToAudioBlank: {
    overloads: ["(integer): audio"],
    src: ["export:automated-callback-blueprint/Proactive callback connect"],
  },
  ToAudioNumber: {
    overloads: ["(decimal): audio", "(decimal, numberFormat): audio"],
    src: [
      "help:expression-help",
      "forum:format-number-playdigits",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
      "export:CI_CD2/myTestFlow",
    ],
  },
  ToAudioCurrency: {
    overloads: ["(currency): audio"],
    src: [
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
    ],
  },
  ToAudioDate: {
    overloads: ["(dateTime): audio"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  ToAudioDuration: {
    overloads: ["(duration): audio"],
    src: ["export:automated-callback-blueprint/Proactive callback offer"],
  },
  AudioPlaybackOptions: {
    overloads: ["(audio, boolean): audio"],
    src: ["export:automated-callback-blueprint/Proactive callback connect"],
  },
  // Exports mix text, numbers, slots and communications in one call (export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0).
  MakeCommunication: {
    overloads: ["(any...): communication"],
    src: [
      "export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-Bot-01",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
    ],
  },
  ToCommunication: {
    overloads: [
      "(string): communication",
      "(communication): communication",
      "(any, stringFormat): communication",
      "(any, dateFormat): communication",
    ],
    src: [
      "export:genesys-cloud-cx-as-code-demo/digital-bot",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:scheduling-bot-blueprint/SchedulingBot",
    ],
  },
  // A bot slot's value resolved to its type (a date, a time, ...).
  ResolveSlot: { overloads: ["(any): unknown"], src: ["export:scheduling-bot-blueprint/SchedulingBot"] },
  ToCommunicationBlank: {
    overloads: ["(integer): communication"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-Bot-01"],
  },
  ToCommunicationSsml: {
    overloads: ["(string): communication"],
    src: ["export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-Bot-01"],
  },
};

function parseOverload(name: string, text: string): Overload {
  const m = /^\((.*)\): (\w+)$/.exec(text);
  if (!m) throw new Error(`bad overload of ${name}: ${text}`);
  const params = m[1] === "" ? [] : m[1].split(",").map((p) => p.trim());
  return {
    params: params.map((p) => ({
      type: p.replace(/[?]|\.\.\.$/g, ""),
      optional: p.endsWith("?"),
      repeated: p.endsWith("..."),
    })),
    returns: m[2],
  };
}

/** Every function of the catalogue, keyed by lower-case name (function names are not case-sensitive). */
export const FUNCTIONS: ReadonlyMap<string, FunctionEntry> = new Map(
  Object.entries(TABLE).map(
    ([name, e]) =>
      [
        name.toLowerCase(),
        { name, overloads: e.overloads.map((o) => parseOverload(name, o)), complete: e.complete === true, src: e.src },
      ] as const,
  ),
);

export function findFunction(name: string): FunctionEntry | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}

/** Smallest and largest argument counts of an overload (max Infinity for a repeated parameter, which takes at least one). */
export function arity(o: Overload): { min: number; max: number } {
  const min = o.params.filter((p) => !p.optional).length;
  const max = o.params.some((p) => p.repeated) ? Infinity : o.params.length;
  return { min, max };
}

/** `ToAudioNumber(decimal, numberFormat)`. */
export function formatOverload(name: string, o: Overload): string {
  return `${name}(${o.params.map((p) => `${p.type}${p.optional ? "?" : ""}${p.repeated ? "..." : ""}`).join(", ")})`;
}
