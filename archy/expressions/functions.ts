// The functions of Architect's expression language the interpreter can run, each named as the
// catalogue names it (archy/catalogue/functions.ts; a name it lacks fails at load). A function the
// catalogue knows but that is not here, or an argument outside what its name and the documentation
// settle, stops the run with CannotEvaluate ("cannot simulate ..."): guessing would let a scenario
// pass on behaviour Genesys does not have.
//
// NOT_SET arguments: "NOT_SET values are not allowed in many overloads and functions for parameter
// values ... the Expression Help ... indicate[s] whether or not a NOT_SET value is allowed"
// (help:not-set, https://help.mypurecloud.com/articles/using-not_set-expressions/). The Expression
// Help is not public, so only the functions that exist to handle NOT_SET accept one here (IsSet,
// IsNotSetOrEmpty; ToString, whose NOT_SET result the page shows); any other NOT_SET argument
// cannot be simulated.
import { arity, findFunction } from "../catalogue/functions";
import { collectionOf, elementType, isCollection, UNKNOWN, type ArchyType } from "../catalogue/types";
import { equal } from "./compare";
import { CannotEvaluate, EvaluationFault } from "./faults";
import {
  audio,
  audioParts,
  bool,
  dec,
  derived,
  display,
  int,
  list,
  named,
  notSet,
  str,
  type AudioPart,
  type JsonData,
  type RunValue,
} from "./values";
import { isMap } from "../json";

export interface FunctionContext {
  /** Now (GetCurrentDateTimeUtc). */
  now(): RunValue;
  /** The call as written, for the term of an unknown result. */
  term: string;
}

type Impl = (args: readonly RunValue[], ctx: FunctionContext) => RunValue;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const text = (v: RunValue, fn: string): string => {
  if (v.kind === "set" && typeof v.value === "string") return v.value;
  throw new CannotEvaluate(`${fn} of ${display(v)}, which is not a text`);
};
const number = (v: RunValue, fn: string): number => {
  if (v.kind === "set" && typeof v.value === "number") return v.value;
  throw new CannotEvaluate(`${fn} of ${display(v)}, which is not a number`);
};
const whole = (v: RunValue, fn: string): number => {
  const n = number(v, fn);
  if (!Number.isInteger(n)) throw new CannotEvaluate(`${fn} with ${n}, which is not a whole number`);
  return n;
};
const items = (v: RunValue, fn: string): readonly RunValue[] => {
  if (v.kind === "list") return v.items;
  throw new CannotEvaluate(`${fn} of ${display(v)}, which is not a collection`);
};
const dateTime = (ms: number): RunValue => ({ kind: "set", type: "dateTime", value: ms });
const duration = (ms: number): RunValue => ({ kind: "set", type: "duration", value: ms });
const timeOf = (v: RunValue, fn: string): number => {
  if (v.kind === "set" && v.type === "dateTime" && typeof v.value === "number") return v.value;
  throw new CannotEvaluate(`${fn} of ${display(v)}, which is not a date and time`);
};

/** Left and Right within the text; past its end the documentation says nothing. */
function count(s: string, n: number, fn: string): number {
  if (n < 0 || n > s.length)
    throw new CannotEvaluate(
      `${fn} of ${n} characters of a text of ${s.length} (what Architect does past the text's end is not documented)`,
    );
  return n;
}

function toAudio(v: RunValue, fn: string): readonly AudioPart[] {
  if (v.type === "audio") return audioParts(v);
  if (v.kind === "set" && v.type === "prompt") return [{ prompt: promptName(v) }];
  throw new CannotEvaluate(`${fn} of ${display(v)}, which is not audio`);
}

function promptName(v: RunValue): string {
  const n = v.kind === "set" && isMap(v.value) ? (v.value as { name?: RunValue }).name : undefined;
  return n?.kind === "set" && typeof n.value === "string" ? n.value : "prompt";
}

/** A string as ToString writes it. Numbers and Booleans as written; other types are not documented. */
function asText(v: RunValue): RunValue {
  if (v.kind === "notSet") return notSet("string"); // "the returned value is a NOT_SET string" (help:not-set)
  if (v.kind === "set" && typeof v.value === "string") return str(v.value);
  if (v.kind === "set" && typeof v.value === "boolean") return str(String(v.value));
  if (v.kind === "set" && v.type === "integer" && typeof v.value === "number") return str(String(v.value));
  throw new CannotEvaluate(`ToString of ${display(v)} (how Architect writes it is not documented)`);
}

const IMPLEMENTATIONS: Readonly<Record<string, Impl>> = {
  Append: (args) => {
    if (args.every((a) => a.kind === "set" && typeof a.value === "string"))
      return str(args.map((a) => text(a, "Append")).join(""));
    if (args.every((a) => a.type === "audio" || a.type === "prompt"))
      return audio(args.flatMap((a) => toAudio(a, "Append")));
    throw new CannotEvaluate(`Append of ${args.map(display).join(", ")}`);
  },
  AreEqual: ([a, b]) => bool(equal(a, b)),
  Contains: (args) => {
    if (args.length !== 2) throw new CannotEvaluate("Contains with a third argument (its meaning is not documented)");
    const [s, part] = [text(args[0], "Contains"), text(args[1], "Contains")];
    if (s.includes(part)) return bool(true);
    if (s.toLowerCase().includes(part.toLowerCase()))
      throw new CannotEvaluate(
        `Contains(${JSON.stringify(s)}, ${JSON.stringify(part)}): whether it ignores case is not documented`,
      );
    return bool(false);
  },
  Left: ([s, n]) => str(text(s, "Left").slice(0, count(text(s, "Left"), whole(n, "Left"), "Left"))),
  Right: ([s, n]) => {
    const t = text(s, "Right");
    const c = count(t, whole(n, "Right"), "Right");
    return str(c === 0 ? "" : t.slice(t.length - c));
  },
  Length: ([s]) => int(text(s, "Length").length),
  Lower: ([s]) => str(text(s, "Lower").toLowerCase()),
  Upper: ([s]) => str(text(s, "Upper").toUpperCase()),
  Trim: ([s]) => str(text(s, "Trim").trim()),
  Split: ([s, sep]) => list("stringCollection", text(s, "Split").split(text(sep, "Split")).map(str)),
  ToString: ([v]) => asText(v),
  // "Convert a string value to a typed value": ToInt("12") (help:convert-string).
  ToInt: ([v]) => {
    if (v.kind === "set" && v.type === "integer") return v;
    const t = text(v, "ToInt").trim();
    if (!/^[+-]?\d+$/.test(t)) throw new EvaluationFault(`ToInt(${JSON.stringify(t)}): not a whole number`);
    return int(Number(t));
  },
  ToDecimal: ([v]) => {
    if (v.kind === "set" && (v.type === "integer" || v.type === "decimal")) return dec(v.value as number);
    const t = text(v, "ToDecimal").trim();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) throw new EvaluationFault(`ToDecimal(${JSON.stringify(t)}): not a number`);
    return dec(Number(t));
  },
  JsonParse: ([v]) => {
    try {
      return { kind: "set", type: "json", value: JSON.parse(text(v, "JsonParse")) as JsonData };
    } catch (e) {
      if (e instanceof CannotEvaluate) throw e;
      throw new EvaluationFault(`JsonParse of a text that is not JSON`);
    }
  },
  IsSet: ([v]) => bool(v.kind !== "notSet"),
  IsNotSetOrEmpty: ([v]) => {
    if (v.kind === "notSet") return bool(true);
    if (v.kind === "list") return bool(v.items.length === 0);
    if (v.kind === "set" && typeof v.value === "string") return bool(v.value === "");
    return bool(false);
  },
  // Collections (help:modify-collections): MakeList, AddItem, AddItemAt with 0-based indexes.
  Count: ([c]) => int(items(c, "Count").length),
  MakeList: (args) => list(args[0].type, args),
  AddItem: ([c, v]) => list(c.type, [...items(c, "AddItem"), v]),
  AddItemAt: ([c, i, v]) => {
    const all = [...items(c, "AddItemAt")];
    const at = whole(i, "AddItemAt");
    if (at < 0 || at > all.length)
      throw new CannotEvaluate(`AddItemAt at ${at} of a collection of ${all.length} (not documented)`);
    all.splice(at, 0, v);
    return list(c.type, all);
  },
  GetAt: ([c, i]) => {
    const all = items(c, "GetAt");
    const at = whole(i, "GetAt");
    if (at < 0 || at >= all.length)
      throw new CannotEvaluate(`GetAt(${at}) of a collection of ${all.length} items (not documented)`);
    return all[at];
  },
  MakeEmptyList: ([v]) => list(v.type, []),
  // Dates and times are UTC ("GetCurrentDateTimeUtc", help:datetime-dst).
  GetCurrentDateTimeUtc: (_args, ctx) => ctx.now(),
  AddDays: ([t, n]) => dateTime(timeOf(t, "AddDays") + whole(n, "AddDays") * DAY),
  AddHours: ([t, n]) => dateTime(timeOf(t, "AddHours") + whole(n, "AddHours") * HOUR),
  AddMinutes: ([t, n]) => dateTime(timeOf(t, "AddMinutes") + whole(n, "AddMinutes") * 60_000),
  MakeDuration: (args) => {
    const [d, h, m, s, ms] = args.map((a) => whole(a, "MakeDuration"));
    return duration(d * DAY + h * HOUR + m * 60_000 + s * 1000 + (ms ?? 0));
  },
  MakeDateTime: (args) => {
    const [y, mo, d, h, mi, s] = args.map((a) => whole(a, "MakeDateTime"));
    const ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(ms);
    if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
      throw new EvaluationFault(`MakeDateTime(${args.map(display).join(", ")}) is not a date`);
    return dateTime(ms);
  },
  // Objects of the org, found by name: the run knows them by name only.
  FindQueue: ([n]) => named("queue", text(n, "FindQueue")),
  FindSkill: ([n]) => named("skill", text(n, "FindSkill")),
  FindLanguageSkill: ([n]) => named("languageSkill", text(n, "FindLanguageSkill")),
  FindScheduleGroup: ([n]) => named("scheduleGroup", text(n, "FindScheduleGroup")),
  FindEmergencyGroup: ([n]) => named("emergencyGroup", text(n, "FindEmergencyGroup")),
  FindUserPrompt: ([n]) => named("prompt", text(n, "FindUserPrompt")),
  // Audio (help:set-audio-sequence): text to speech, prompts, silence, sequences.
  ToAudio: ([p]) => audio(toAudio(p, "ToAudio")),
  ToAudioTTS: (args) => {
    if (args.length > 1)
      throw new CannotEvaluate("ToAudioTTS with a format (how it reads the text out is not documented)");
    return audio([{ tts: text(args[0], "ToAudioTTS") }]);
  },
  ToAudioBlank: ([ms]) => audio([{ silenceMs: whole(ms, "ToAudioBlank") }]),
  AudioPlaybackOptions: ([a]) => audio(toAudio(a, "AudioPlaybackOptions")),
  ToAudioNumber: (args) => {
    if (args.length > 1)
      throw new CannotEvaluate("ToAudioNumber with a format (how it reads the number out is not documented)");
    return audio([{ say: String(number(args[0], "ToAudioNumber")) }]);
  },
};

const ACCEPTS_NOT_SET = new Set(["IsSet", "IsNotSetOrEmpty", "ToString", "MakeList", "AddItem"]);

// Every implementation names a function of the catalogue: the catalogue drives the evaluator.
for (const name of Object.keys(IMPLEMENTATIONS)) {
  if (findFunction(name)?.name !== name)
    throw new Error(
      `archy/expressions/functions.ts implements ${name}, which archy/catalogue/functions.ts does not list under that name`,
    );
}

/** The functions of the catalogue the interpreter runs, by catalogue name. */
export const SIMULATED_FUNCTIONS: readonly string[] = Object.keys(IMPLEMENTATIONS).sort();

/** The result type the catalogue gives a call, for an unknown result. */
function resultType(name: string, args: readonly RunValue[]): ArchyType {
  const fn = findFunction(name);
  const overload =
    fn?.overloads.find((o) => args.length >= arity(o).min && args.length <= arity(o).max) ?? fn?.overloads[0];
  const r = overload?.returns ?? UNKNOWN;
  if (r !== "T" && r !== "TCollection") return r;
  const known = args.find((a) => a.type !== UNKNOWN);
  const t =
    known === undefined
      ? UNKNOWN
      : isCollection(known.type) && overload?.params[0]?.type === "TCollection"
        ? elementType(known.type)
        : known.type;
  return r === "T" ? t : collectionOf(t);
}

/** Calls function `name` (a catalogue name) with evaluated arguments. */
export function callFunction(name: string, args: readonly RunValue[], ctx: FunctionContext): RunValue {
  const impl = IMPLEMENTATIONS[name];
  if (impl === undefined) throw new CannotEvaluate(`function ${name}, which the interpreter does not run`);
  if (args.some((a) => a.kind === "unknown")) {
    if (name === "IsSet" && args[0].kind !== "unknown") return impl(args, ctx);
    return derived(resultType(name, args), ctx.term, args);
  }
  if (!ACCEPTS_NOT_SET.has(name) && args.some((a) => a.kind === "notSet")) {
    throw new CannotEvaluate(
      `${name} with a NOT_SET argument (which parameters accept NOT_SET is listed only in Architect's Expression Help)`,
    );
  }
  return impl(args, ctx);
}
