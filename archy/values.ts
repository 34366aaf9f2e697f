// Reading Archy value wrappers strictly: an importer maps an action only when every field is one
// the node compiles back to, so nothing is lost. Pure.
import { isMap, type Json } from "./json";

/** `{exp: "..."}` -> the expression. */
export function expOf(v: Json): string | undefined {
  return isMap(v) && Object.keys(v).length === 1 && typeof v.exp === "string" && v.exp.trim() !== ""
    ? v.exp
    : undefined;
}

/** `{lit: x}` -> x (present), else undefined. */
export function litOf(v: Json): { value: Json } | undefined {
  return isMap(v) && Object.keys(v).length === 1 && Object.hasOwn(v, "lit") ? { value: v.lit } : undefined;
}

export function isNoValue(v: Json): boolean {
  return isMap(v) && Object.keys(v).length === 1 && v.noValue === true;
}

/** `{tts: "..."}` -> the text. */
export function ttsOf(v: Json): string | undefined {
  return isMap(v) && Object.keys(v).length === 1 && typeof v.tts === "string" && v.tts !== "" ? v.tts : undefined;
}

/** `{var: "Flow.x"}` -> the name. */
export function varOf(v: Json): string | undefined {
  return isMap(v) && Object.keys(v).length === 1 && typeof v.var === "string" ? v.var : undefined;
}

/** An "empty" field: nothing given (`noValue`, an empty list, or a mapping of such), equivalent to leaving it out. */
export function isEmptyField(v: Json): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!isMap(v)) return false;
  if (isNoValue(v)) return true;
  const values = Object.values(v);
  return values.length > 0 && values.every(isEmptyField);
}

/** Keys of `body` outside `known` that are not empty: what a typed node would lose. */
export function extraFields(body: Record<string, Json>, known: readonly string[]): string[] {
  return Object.keys(body).filter((k) => !known.includes(k) && !isEmptyField(body[k]));
}

/** The actions of an output path, `outputs.<name>.actions`, or undefined. */
export function pathActions(body: Record<string, Json>, name: string): Json[] | undefined {
  const outputs = body.outputs;
  if (!isMap(outputs)) return undefined;
  const p = outputs[name];
  return isMap(p) && Array.isArray(p.actions) ? p.actions : undefined;
}

/** Output path names other than `allowed` (a typed node has no transition for them). */
export function otherPaths(body: Record<string, Json>, allowed: readonly string[]): string[] {
  return isMap(body.outputs) ? Object.keys(body.outputs).filter((k) => !allowed.includes(k)) : [];
}

/**
 * An Architect expression for a literal value, when one reads the same: numbers and booleans as
 * written, strings in double quotes when they hold no quote, backslash or line break.
 */
export function literalExpression(v: Json): string | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string" && !/["\\\r\n]/.test(v)) return `"${v}"`;
  return undefined;
}

/** A string value as an expression: `{exp}`, or a literal string that reads the same in double quotes. */
export function stringExpressionOf(v: Json): string | undefined {
  const lit = litOf(v);
  return expOf(v) ?? (typeof lit?.value === "string" ? literalExpression(lit.value) : undefined);
}

/**
 * Audio as an Architect expression: `{exp: "..."}`, or a user prompt `{prompt: Prompt.X}`, which
 * plays what `ToAudio(Prompt.X)` plays (the same exports write both for the same prompts:
 * export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_DEV.yaml, `prompt:
 * Prompt.EUSA_LangSel` and `exp: ToAudio(Prompt.EUSA_hold)`).
 */
export function audioExpressionOf(v: Json): string | undefined {
  if (
    isMap(v) &&
    Object.keys(v).length === 1 &&
    typeof v.prompt === "string" &&
    /^Prompt\.[A-Za-z_][A-Za-z0-9_]*$/.test(v.prompt)
  )
    return `ToAudio(${v.prompt})`;
  return expOf(v);
}
