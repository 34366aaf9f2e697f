// YAML paths of an Archy document as the validator names them: segments, the printed form
// (inboundCall.tasks[0].task.actions[2]) and its parse.
import type { YamlPathSegment } from "./types";

/** "nodes.Raw.actions" or "a[2].b" -> path segments. */
export function parseBasePath(base: string): Path {
  const out: Path = [];
  for (const m of base.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export type Path = YamlPathSegment[];
export type Json = unknown;

export function formatPath(path: ReadonlyArray<YamlPathSegment>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || "<root>";
}

/**
 * The entry of `byPath` for the innermost prefix of `path` that has one: the node a compiled
 * action was written for (compiler/sources.ts actionNodesOf), found from a finding's path inside it.
 */
export function innermostEntry<T>(byPath: Readonly<Record<string, T>>, path: string): T | undefined {
  const segs = parseBasePath(path);
  for (let i = segs.length; i > 0; i--) {
    const key = formatPath(segs.slice(0, i));
    if (Object.hasOwn(byPath, key)) return byPath[key];
  }
  return undefined;
}
