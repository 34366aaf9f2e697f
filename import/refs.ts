// Names the import reads and makes: the element an Archy reference names, and a node id for an
// Archy label. Shared by the graph builder and the menu reader. Pure.
import type { Json } from "../archy/json";

/** The refId an element reference names: `/inboundCall/tasks/task[Main_10]` or `./tasks/task[Main_10]` -> kind and refId. */
export function parseRef(ref: Json): { kind: string; refId: string } | undefined {
  if (typeof ref !== "string") return undefined;
  const m = /^(?:\/[A-Za-z]+|\.)\/([A-Za-z]+)s\/([A-Za-z]+)\[(.+)\]$/.exec(ref);
  return m && m[1] === m[2] ? { kind: m[2], refId: m[3] } : undefined;
}

/** A node id for a label: letters, digits and _, starting with a letter, at most 64. */
export function idFor(label: string): string {
  let id = label.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").replace(/_+/g, "_");
  if (!/^[A-Za-z]/.test(id)) id = `N_${id}`;
  return id.slice(0, 56) || "Node";
}
