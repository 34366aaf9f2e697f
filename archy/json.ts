// The plain values an Archy document parses to. Pure.
export type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };

export function isMap(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The single key and value of a one-key mapping (an Archy action, a variable declaration), or undefined. */
export function single(v: unknown): [string, Json] | undefined {
  if (!isMap(v)) return undefined;
  const keys = Object.keys(v);
  return keys.length === 1 ? [keys[0], v[keys[0]]] : undefined;
}

/** `a.b[2].c` for a path. */
export function pathText(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}
