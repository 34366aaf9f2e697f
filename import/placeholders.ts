// `{{placeholders}}` through an import. Exports written for the provider hold them, sometimes
// unquoted (`name: {{flow_name}}`, which YAML reads as a mapping): each is replaced by a plain
// token before the text is read and put back in every string (and key) of the result, so the
// model keeps the placeholder for a stack to fill. One standing in an expression's code is typed
// by the value the stacks give it (archy/placeholder.ts). Pure.
import { PLACEHOLDER_PATTERN } from "../model/types";
import { typeCodePlaceholders } from "../archy/placeholder";
import type { Json } from "../archy/json";

export interface Protected {
  text: string;
  /** The placeholder keys found, sorted. */
  keys: string[];
  /** A value with every token of its strings and keys put back as `{{key}}`. */
  restore(value: unknown): unknown;
}

const token = (i: number) => `__gfph${i}__`;
const TOKEN = /__gfph(\d+)__/g;

export function protectPlaceholders(text: string): Protected {
  const keys: string[] = [];
  const out = text.replace(new RegExp(PLACEHOLDER_PATTERN.source, "g"), (_m, key: string) => {
    let i = keys.indexOf(key);
    if (i < 0) i = keys.push(key) - 1;
    return token(i);
  });
  const put = (s: string) =>
    s.replace(TOKEN, (m, i: string) => (Number(i) < keys.length ? `{{${keys[Number(i)]}}}` : m));
  const restore = (v: unknown): unknown => {
    if (typeof v === "string") return put(v);
    if (Array.isArray(v)) return v.map(restore);
    if (typeof v === "object" && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [put(k), restore(x)]));
    return v;
  };
  return { text: out, keys: [...keys].sort(), restore };
}

/**
 * The document with each expression's (`exp`) placeholders outside its string literals typed by
 * the value `valueOf` gives (ToInt("{{key}}"), ...); where none types one, the path and the keys.
 */
export function typeExpressions(
  doc: Json,
  restore: (v: unknown) => unknown,
  valueOf: (key: string) => string | undefined,
): { doc: Json; untyped: Array<{ path: Array<string | number>; keys: string[] }> } {
  const untyped: Array<{ path: Array<string | number>; keys: string[] }> = [];
  const visit = (v: Json, path: Array<string | number>): Json => {
    if (Array.isArray(v)) return v.map((x, i) => visit(x, [...path, i]));
    if (typeof v !== "object" || v === null) return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => {
        if (k !== "exp" || typeof x !== "string") return [k, visit(x, [...path, k])];
        const text = restore(x) as string;
        const typed = typeCodePlaceholders(text, valueOf);
        if (typed.untyped.length > 0) untyped.push({ path: [...path, k], keys: typed.untyped });
        return [k, typed.text === text ? x : typed.text];
      }),
    );
  };
  return { doc: visit(doc, []), untyped };
}
