// The small vocabulary the Archy tables (flowTypes.ts, actions.ts) are written in: what a key of an
// Archy document holds. The validator (archy/validate/) interprets it; nothing here does any checking.
//
// Value wrappers (help: Archy flow authoring lessons, developer.genesys.cloud/devapps/archy/flowAuthoring/,
// and every public export): a setting that may be computed at run time is written as a mapping with
// exactly one wrapper key:
//   {lit: <literal>}     a literal of the field's type (a duration is {seconds: 5}, a queue {name: Q})
//   {exp: "<expr>"}      an Architect expression of the field's type
//   {noValue: true}      not set (refused where Architect requires a value)
//   {tts: "<text>"}      text to speech, in audio fields only
//   {prompt: "<name>"}   a user or system prompt by name, in audio fields only
//   {var: <Scope.name>}  the variable an output is stored into, in output fields only
//   {noValueWithNoFallback: true}   audio that is not set and falls back to no default (export:CI_CD2/CI_CD_Test_Flow-...)
//   {alternateSequences: {<language>: <audio>}}   audio per language, alone or beside one of the above
// These rules apply the same way to every field of every action and setting. The set is closed:
// an unknown wrapper is invalid (archy/verdicts.ts).
import type { ObjectKind } from "../orgObjectKinds";
import type { ArchyType } from "./types";

export type Wrapper =
  | "lit"
  | "exp"
  | "noValue"
  | "tts"
  | "prompt"
  | "var"
  | "noValueWithNoFallback"
  | "alternateSequences";
export const WRAPPERS: readonly Wrapper[] = [
  "lit",
  "exp",
  "noValue",
  "tts",
  "prompt",
  "var",
  "noValueWithNoFallback",
  "alternateSequences",
];
/** Wrappers of a value field, an audio field and an output field. */
export const VALUE_WRAPPERS: readonly Wrapper[] = ["lit", "exp", "noValue"];
export const AUDIO_WRAPPERS: readonly Wrapper[] = [
  "tts",
  "exp",
  "prompt",
  "lit",
  "noValue",
  "noValueWithNoFallback",
  "alternateSequences",
];
export const OUTPUT_WRAPPERS: readonly Wrapper[] = ["var", "noValue"];

/** Kinds of org objects a literal `{name: ...}` of a typed field refers to. */
export type Spec =
  /** A wrapped value: `lit` / `exp` / `noValue`. `required`: noValue is refused. */
  | { k: "value"; type: ArchyType; required?: boolean }
  /** Audio: `tts` / `exp` / `prompt` / `lit` / `noValue`. */
  | { k: "audio"; required?: boolean }
  /** An output: `{var: Scope.name}` (a writable variable of `type`) or `{noValue: true}`. */
  | { k: "output"; type: ArchyType }
  /** A plain string naming a variable the action writes (updateData, getParticipantData). */
  | { k: "variableName"; type: ArchyType }
  | { k: "string"; nonEmpty?: boolean }
  | { k: "boolean" }
  | { k: "integer"; min?: number; max?: number }
  /** A plain string from a closed set; `soft`: an unlisted value is a warning (the set may be incomplete). */
  | { k: "enum"; values: readonly string[]; soft?: boolean }
  /** A reference string such as `/inboundCall/tasks/task[refId]` to an element of one of these kinds. */
  | { k: "ref"; to: readonly string[] }
  /** An action's output paths: `{<path>: {actions: [...]}}`; `paths` undefined: any name (callTask). */
  | { k: "paths"; paths?: readonly string[] }
  | { k: "actions" }
  /**
   * A mapping of known keys. `required` keys must be present. `open`: other keys are accepted
   * without a word (their names are the flow's own: data table columns, extra failure outputs);
   * otherwise an unknown key is a warning, or an error when it is a misspelling of a missing known
   * key. `partial`: the action or choice whose fields the catalogue lists only in part, named in
   * the warning. `insteadOf`: keys a real export gives in place of a required key
   * (`{selectedSchedule: ["name"]}`), so either satisfies it.
   */
  | {
      k: "object";
      fields: Readonly<Record<string, Spec>>;
      required?: readonly string[];
      open?: boolean;
      partial?: string;
      insteadOf?: Readonly<Record<string, readonly string[]>>;
    }
  /** A mapping with exactly one key among `options` (`digits: {exact: 1}` or `{range: ...}`). */
  | { k: "one"; options: Readonly<Record<string, Spec>>; what: string; soft?: boolean }
  | { k: "list"; item: Spec; min?: number }
  /** A mapping whose keys are names (a data action category, a module name) with values of `value`. */
  | { k: "named"; value: Spec; min?: number; max?: number; what: string }
  /** A list of `- <key>: {...}` items where the key picks the spec (variables, statements, choices). */
  | { k: "keyedList"; options: Readonly<Record<string, Spec>>; what: string }
  /** A plain reference to an org object by name, not a value: `targetFlow: {name: My Flow}`. */
  | { k: "objectRef"; kind: ObjectKind }
  /** Either a list of `item` (`acdSkills: [- acdSkill: {exp: ...}]`) or one wrapped value (`acdSkills: {noValue: true}`). */
  | { k: "listOrValue"; item: Spec; value: Spec }
  /** Value wrappers inside are checked by their own rules; nothing else (bot configuration, NLU data). */
  | { k: "any" }
  /** Checked by dedicated code of the validator (bodies, variables lists, menu choices). */
  | { k: "skip" };

// Constructors, to keep the tables short.
export const value = (type: ArchyType): Spec => ({ k: "value", type });
export const requiredValue = (type: ArchyType): Spec => ({ k: "value", type, required: true });
export const audio: Spec = { k: "audio" };
export const requiredAudio: Spec = { k: "audio", required: true };
export const output = (type: ArchyType): Spec => ({ k: "output", type });
export const str: Spec = { k: "string" };
export const bool: Spec = { k: "boolean" };
export const int: Spec = { k: "integer" };
export const any: Spec = { k: "any" };
export const skip: Spec = { k: "skip" };
export const actions: Spec = { k: "actions" };
export const paths = (...names: string[]): Spec => ({ k: "paths", paths: names });
export const ref = (...to: string[]): Spec => ({ k: "ref", to });
export const enumOf = (values: readonly string[], soft = false): Spec => ({ k: "enum", values, soft });
export const obj = (
  fields: Record<string, Spec>,
  required: string[] = [],
  open = false,
  insteadOf?: Record<string, readonly string[]>,
): Spec => ({
  k: "object",
  fields,
  required,
  open,
  ...(insteadOf ? { insteadOf } : {}),
});
export const one = (what: string, options: Record<string, Spec>, soft = false): Spec => ({
  k: "one",
  what,
  options,
  soft,
});
export const list = (item: Spec, min?: number): Spec => ({ k: "list", item, min });
export const named = (what: string, valueSpec: Spec, min?: number, max?: number): Spec => ({
  k: "named",
  what,
  value: valueSpec,
  min,
  max,
});
export const keyedList = (what: string, options: Record<string, Spec>): Spec => ({ k: "keyedList", what, options });

/** DTMF keys as Archy writes them: digit_0 ... digit_9, digit_* and digit_#. */
export const DTMF = [..."0123456789*#"].map((d) => `digit_${d}`);
