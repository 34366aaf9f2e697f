// Names the import reads and makes: the element an Archy reference names, and a node id for an
// Archy label. Shared by the graph builder and the menu reader. Pure.
export { parseRef } from "../archy/refs";

/** A node id for a label: letters, digits and _, starting with a letter, at most 64. */
export function idFor(label: string): string {
  let id = label
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/_+/g, "_");
  if (!/^[A-Za-z]/.test(id)) id = `N_${id}`;
  return id.slice(0, 56) || "Node";
}
