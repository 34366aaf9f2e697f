// The plain values an Archy document (and any YAML or JSON the project reads) parses to, and the two
// helpers every layer uses on them: `isMap` and `cmp`, the one order of the project's deterministic
// output (by UTF-16 code unit, as `<` compares; never the locale's). Pure.
export type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

/** Whether a value is a mapping (an object, not an array or null); `V`: what its values are taken to be. */
export function isMap<V = Json>(v: unknown): v is Record<string, V> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Compares two strings for sorting. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The single key and value of a one-key mapping (an Archy action, a variable declaration), or undefined. */
export function single<V = Json>(v: unknown): [string, V] | undefined {
  if (!isMap<V>(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0], v[keys[0]]] : undefined;
}

/** `a.b[2].c` for a path. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? String(seg) : `.${String(seg)}`;
  return out;
}
