// Run-time values of Architect expressions, as the behaviour interpreter holds them: a typed value,
// NOT_SET of a type ("NOT_SET is a value that applies to scalar values", help:not-set,
// https://help.mypurecloud.com/articles/using-not_set-expressions/), a collection, or an unknown
// value (what a caller will enter, what a data action will answer: the journeys of a flow are
// enumerated with such values, each named by a term over the inputs it depends on). Audio is a
// list of parts (text to speech, a prompt, silence) so that what a caller hears can be written
// out. Pure data and small helpers; evaluate.ts computes with them.
import { collectionOf, isCollection } from "../catalogue/types";
import type { ArchyType } from "../catalogue/types";
import { isMap } from "../json";

/** A piece of audio: text to speech, a prompt of the org or of the system, digits or a number read out, silence. */
export type AudioPart = { tts: string } | { prompt: string } | { say: string } | { silenceMs: number };

/** The members of a structured value (a queue, an email message, a phone number...). */
export type Members = { readonly [member: string]: RunValue };

export type Scalar = string | number | boolean | readonly AudioPart[] | Members | JsonData;

/** Plain JSON, as a `json` value holds it. */
export type JsonData = string | number | boolean | null | readonly JsonData[] | { readonly [key: string]: JsonData };

export type RunValue =
  | { readonly kind: "set"; readonly type: ArchyType; readonly value: Scalar }
  | { readonly kind: "notSet"; readonly type: ArchyType }
  | { readonly kind: "list"; readonly type: ArchyType; readonly items: readonly RunValue[] }
  /** Not known before the interaction: `term` says what it is made of, `symbols` the inputs it depends on. */
  | { readonly kind: "unknown"; readonly type: ArchyType; readonly term: string; readonly symbols: readonly string[] };

export const str = (value: string): RunValue => ({ kind: "set", type: "string", value });
export const int = (value: number): RunValue => ({ kind: "set", type: "integer", value });
export const dec = (value: number): RunValue => ({ kind: "set", type: "decimal", value });
export const bool = (value: boolean): RunValue => ({ kind: "set", type: "boolean", value });
export const notSet = (type: ArchyType): RunValue => ({ kind: "notSet", type });
export const list = (type: ArchyType, items: readonly RunValue[]): RunValue => ({
  kind: "list",
  type: isCollection(type) ? type : collectionOf(type),
  items,
});
export const audio = (parts: readonly AudioPart[]): RunValue => ({ kind: "set", type: "audio", value: parts });
/** An org object known by its name (a queue, a skill, a schedule group...), with the members `name` and `id`. */
export const named = (type: ArchyType, name: string): RunValue => ({
  kind: "set",
  type,
  value: { name: str(name), id: notSet("string") },
});
/** A structured value from its members. */
export const structured = (type: ArchyType, members: Members): RunValue => ({ kind: "set", type, value: members });

/** A value nothing knows before the interaction: an input named `symbol` (Call.Ani, what the caller enters at a node...). */
export function input(type: ArchyType, symbol: string): RunValue {
  return { kind: "unknown", type, term: `⟨${symbol}⟩`, symbols: [symbol] };
}

/** A value computed from unknown ones: its term, and the inputs of every operand. */
export function derived(type: ArchyType, term: string, from: readonly RunValue[]): RunValue {
  const symbols = new Set<string>();
  for (const v of from) if (v.kind === "unknown") for (const s of v.symbols) symbols.add(s);
  return { kind: "unknown", type, term, symbols: [...symbols].sort() };
}

/** The NOT_SET (or empty) value a variable of `type` starts with. */
export function initialOf(type: ArchyType): RunValue {
  return isCollection(type) ? list(type, []) : notSet(type);
}

/** Audio parts of an audio value (empty for NOT_SET). */
export function audioParts(v: RunValue): readonly AudioPart[] {
  return v.kind === "set" && Array.isArray(v.value) ? (v.value as readonly AudioPart[]) : [];
}

/** What a caller hears of audio, as text (silence says nothing; prompts by name). */
export function spokenText(parts: readonly AudioPart[]): string {
  return parts
    .map((p) => ("tts" in p ? p.tts : "say" in p ? p.say : "prompt" in p ? `[prompt ${p.prompt}]` : ""))
    .filter((t) => t !== "")
    .join(" ");
}

/**
 * A value as plain data, for expectations and reports: a string, number or boolean, null for
 * NOT_SET, a list, `{name}` for org objects, text for audio, `<unknown: term>` for an unknown.
 */
export function toPlain(v: RunValue): unknown {
  switch (v.kind) {
    case "notSet":
      return null;
    case "unknown":
      return `<unknown: ${v.term}>`;
    case "list":
      return v.items.map(toPlain);
    case "set": {
      const x = v.value;
      if (v.type === "audio") return spokenText(x as readonly AudioPart[]);
      if (v.type === "json" || typeof x !== "object" || x === null) return x;
      const out: Record<string, unknown> = {};
      for (const [k, m] of Object.entries(x as Members)) if (m.kind !== "notSet") out[k] = toPlain(m);
      return out;
    }
  }
}

/** A value written for a person: `"text"`, `3`, `true`, `NOT_SET`, `[..]`, `Queue "Sales"`. */
export function display(v: RunValue): string {
  switch (v.kind) {
    case "notSet":
      return "NOT_SET";
    case "unknown":
      return v.term;
    case "list":
      return `[${v.items.map(display).join(", ")}]`;
    case "set": {
      const x = v.value;
      if (typeof x === "string") return JSON.stringify(x);
      if (typeof x === "number" || typeof x === "boolean") return String(x);
      if (v.type === "audio") return JSON.stringify(spokenText(x as readonly AudioPart[]));
      if (v.type === "json") return JSON.stringify(x);
      const name = (x as Members).name;
      if (name?.kind === "set" && typeof name.value === "string") return `${v.type} ${JSON.stringify(name.value)}`;
      return JSON.stringify(toPlain(v));
    }
  }
}

/** A stable key of a value (for telling interpreter states apart). */
export function valueKey(v: RunValue): string {
  switch (v.kind) {
    case "notSet":
      return `~${v.type}`;
    case "unknown":
      return `?${v.type}:${v.term}`;
    case "list":
      return `[${v.type}:${v.items.map(valueKey).join(",")}]`;
    case "set":
      return `${v.type}:${
        isMap(v.value) && v.type !== "json"
          ? `{${Object.keys(v.value)
              .sort()
              .map((k) => `${k}=${valueKey((v.value as Members)[k])}`)
              .join(",")}}`
          : JSON.stringify(v.value)
      }`;
  }
}
