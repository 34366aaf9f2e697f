// Locating a path of a flow document in the user's terms (node, flow, field), shared by the
// loader's messages and the placeholder checks. Pure.
import { NODE_TYPES } from "./nodes";
import type { FlowIssue } from "./errors";
import { isMap, pathText } from "../archy/json";

export function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = raw;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === "number") v = v[seg];
    else if (isMap(v)) v = v[String(seg)];
    else return undefined;
  }
  return v;
}

export function nodeTypeOf(raw: unknown, nodeId: string): string | undefined {
  const t = valueAt(raw, ["nodes", nodeId, "type"]);
  return typeof t === "string" && (NODE_TYPES as readonly string[]).includes(t) ? t : undefined;
}

/** Where a path of the document points, as the location fields of a FlowIssue. */
export function locate(file: string, raw: unknown, path: ReadonlyArray<PropertyKey>): Omit<FlowIssue, "message"> {
  if (path[0] === "nodes" && path.length >= 2) {
    const node = String(path[1]);
    const field = pathText(path.slice(2));
    return { file, node, nodeType: nodeTypeOf(raw, node), ...(field ? { field } : {}) };
  }
  const name = valueAt(raw, ["name"]);
  const field = pathText(path);
  return {
    file,
    ...(typeof name === "string" && name !== "" ? { flow: name } : {}),
    ...(field ? { field } : {}),
  };
}

/** A short description of a value found in the file, for "found ..." in messages. */
export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return "nothing";
  // Bounded: a message quotes at most a short excerpt of what a file holds.
  if (typeof v === "string")
    return v === ""
      ? "an empty string"
      : v.length > 60
        ? `${JSON.stringify(v.slice(0, 60))}... (a text of ${v.length} characters)`
        : JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "a list";
  return "a mapping";
}
