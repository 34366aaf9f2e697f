// Signatures of the common Architect expression functions, as data.
//
// Source: Architect's Expression Help (the function reference embedded in Architect, summarised at
// help.mypurecloud.com/articles/work-expressions/ and its "Functions" pages) and every call in
// the public Archy exports (Append, ToDisplayString, If, IsNotSetOrEmpty, FindString, Trim,
// ToAudioTTS, AudioPlaybackOptions, MakeCommunication, GetJsonObjectProperty, MakeListAgentScorePair,
// ...). Function names are not case-sensitive (`contains`, `right` and `tophonenumber` appear in
// published exports).
//
// Signature syntax: `Name(type, type?, type...): returnType`, where `?` marks an optional
// parameter, `...` a repeated one, `any` accepts every type, `T` is one type shared by the
// parameters and the result, `TCollection` a collection of it and `anyCollection` any collection.
import type { ArchyType } from "../types";

export interface ParamSpec {
  type: ArchyType;
  optional: boolean;
  repeated: boolean;
}

export interface FunctionSignature {
  name: string;
  params: ParamSpec[];
  returns: ArchyType;
}

const SIGNATURES = [
  // Strings
  "Append(any...): string",
  "Contains(any, any, boolean?): boolean",
  "StartsWith(string, string, boolean?): boolean",
  "EndsWith(string, string, boolean?): boolean",
  "FindString(string, string, boolean?): integer",
  "FindStringReverse(string, string, boolean?): integer",
  "Left(string, integer): string",
  "Right(string, integer): string",
  "Substring(string, integer, integer): string",
  "Length(string): integer",
  "Lower(string): string",
  "Upper(string): string",
  "Trim(string): string",
  "TrimStart(string): string",
  "TrimEnd(string): string",
  "Replace(string, string, string, boolean?): string",
  "Split(string, string): stringCollection",
  "ToString(any): string",
  "ToDisplayString(any): string",
  "ToPhoneNumber(string): phoneNumber",
  "AreEqual(any, any, boolean?): boolean",
  // Conversions and checks
  "ToInt(any): integer",
  "ToDecimal(any): decimal",
  "ToBool(any): boolean",
  "ToDate(any): date",
  "ToDateTime(any): dateTime",
  "ToTime(any): time",
  "ToDuration(any): duration",
  "ToJson(any): json",
  "JsonParse(string): json",
  "GetJsonObjectProperty(json, string): json",
  "GetJsonObjectPropertyOrDefault(json, string, any): json",
  "IsSet(any): boolean",
  "IsNotSet(any): boolean",
  "IsNotSetOrEmpty(any): boolean",
  "If(boolean, T, T): T",
  // Numbers
  "Abs(T): T",
  "Min(T, T...): T",
  "Max(T, T...): T",
  "Round(decimal, integer?): decimal",
  "Floor(decimal): integer",
  "Ceiling(decimal): integer",
  "Random(integer): integer",
  // Collections
  "Count(anyCollection): integer",
  "MakeList(T...): TCollection",
  "AddItem(TCollection, T): TCollection",
  "GetAt(TCollection, integer): T",
  "FindFirst(TCollection, T, boolean?): integer",
  "Sum(anyCollection): decimal",
  // Dates, times and durations
  "GetCurrentDateTimeUtc(): dateTime",
  "MakeDuration(integer, integer, integer, integer, integer?): duration",
  "MakeDateTime(integer, integer, integer, integer?, integer?, integer?): dateTime",
  "MakeDate(integer, integer, integer): date",
  "MakeTime(integer, integer, integer): time",
  "AddDays(dateTime, integer): dateTime",
  "AddHours(dateTime, integer): dateTime",
  "AddMinutes(dateTime, integer): dateTime",
  "AddSeconds(dateTime, integer): dateTime",
  "AddMonths(dateTime, integer): dateTime",
  "AddYears(dateTime, integer): dateTime",
  "DateTimeDiff(dateTime, dateTime): duration",
  "GetDayOfWeek(dateTime): integer",
  "GetDayOfMonth(dateTime): integer",
  "GetMonth(dateTime): integer",
  "GetYear(dateTime): integer",
  "GetHour(dateTime): integer",
  "GetMinute(dateTime): integer",
  "GetSecond(dateTime): integer",
  // Org objects
  "FindQueue(string): queue",
  "FindQueueById(string): queue",
  "FindUser(string): user",
  "FindUserById(string): user",
  "FindSkill(string): skill",
  "FindSkillById(string): skill",
  "FindLanguageSkill(string): languageSkill",
  "FindGroup(string): group",
  "FindGroupById(string): group",
  "FindScheduleGroup(string): scheduleGroup",
  "FindUserPrompt(string): prompt",
  "FindSystemPrompt(string): prompt",
  "FindEmergencyGroup(string): emergencyGroup",
  "MakeAgentScorePair(user, integer): agentScorePair",
  "MakeListAgentScorePair(userCollection, integerCollection): agentScorePairCollection",
  // Audio and communications
  "ToAudio(any): audio",
  "ToAudioTTS(string): audio",
  "ToAudioBlank(integer): audio",
  "ToAudioDuration(duration): audio",
  "ToAudioNumber(decimal): audio",
  "ToAudioDigits(any): audio",
  "ToAudioCurrency(currency): audio",
  "ToAudioDateTime(dateTime): audio",
  "ToAudioPhoneNumber(phoneNumber): audio",
  "AudioPlaybackOptions(audio, boolean): audio",
  "MakeCommunication(any...): communication",
  "ToCommunication(any): communication",
  "ToCommunicationBlank(integer): communication",
  "ToCommunicationSsml(string): communication",
];

function parseSignature(text: string): FunctionSignature {
  const m = /^(\w+)\((.*)\): (\w+)$/.exec(text);
  if (!m) throw new Error(`bad signature: ${text}`);
  const params = m[2] === "" ? [] : m[2].split(",").map((p) => p.trim());
  return {
    name: m[1],
    params: params.map((p) => ({
      type: p.replace(/[?]|\.\.\.$/g, ""),
      optional: p.endsWith("?"),
      repeated: p.endsWith("..."),
    })),
    returns: m[3],
  };
}

/** Keyed by lower-case name (function names are not case-sensitive). */
export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map(
  SIGNATURES.map(parseSignature).map((s) => [s.name.toLowerCase(), s] as const),
);

export function findFunction(name: string): FunctionSignature | undefined {
  return FUNCTIONS.get(name.toLowerCase());
}

/** Smallest and largest argument counts (max Infinity for repeated parameters). */
export function arity(sig: FunctionSignature): { min: number; max: number } {
  // A repeated parameter takes at least one argument.
  const min = sig.params.filter((p) => !p.optional).length;
  const max = sig.params.some((p) => p.repeated) ? Infinity : sig.params.length;
  return { min, max };
}

export function formatSignature(sig: FunctionSignature): string {
  return `${sig.name}(${sig.params.map((p) => `${p.type}${p.optional ? "?" : ""}${p.repeated ? "..." : ""}`).join(", ")})`;
}
