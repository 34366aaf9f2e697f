// When two nodes are "the same" for a refactoring: the same type, fields and transition names, up
// to the node's own name, its label and the names of `{{placeholders}}` (copies of a flow made for
// another environment, or by hand, spell those differently; the proof then says whether the
// copies behave alike). Pure.
import type { FlowNode } from "../model/nodes";
import { transitionsOf } from "../model/nodes";
import { isMap } from "../archy/json";

const PLACEHOLDER = /\{\{[A-Za-z0-9_.-]+\}\}/g;

/** A node's fields but its label and transitions, keys sorted, placeholders unnamed. */
function comparable(value: unknown): unknown {
  if (typeof value === "string") return value.replace(PLACEHOLDER, "{{}}");
  if (Array.isArray(value)) return value.map(comparable);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, comparable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function fieldsOf(node: FlowNode): Record<string, unknown> {
  const { label: _label, transitions: _transitions, ...fields } = node as FlowNode & { label?: string };
  return fields;
}

/** The transitions a node has (present ones), in its type's order. */
export function presentTransitions(node: FlowNode): string[] {
  return transitionsOf(node)
    .filter((t) => t.target !== undefined)
    .map((t) => t.spec.name);
}

/** Equal for nodes that are the same up to name, label and placeholder names. */
export function nodeSignature(node: FlowNode): string {
  return JSON.stringify([comparable(fieldsOf(node)), presentTransitions(node)]);
}

/** The fields (dotted paths) in which two nodes differ, for messages: `type`, `prompt`, `transitions`. */
export function fieldDifferences(a: FlowNode, b: FlowNode): string[] {
  if (a.type !== b.type) return ["type"];
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (JSON.stringify(comparable(x)) === JSON.stringify(comparable(y))) return;
    if (isMap<unknown>(x) && isMap<unknown>(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) walk(x[k], y[k], path === "" ? k : `${path}.${k}`);
      return;
    }
    out.push(path);
  };
  walk(fieldsOf(a), fieldsOf(b), "");
  if (JSON.stringify(presentTransitions(a)) !== JSON.stringify(presentTransitions(b))) out.push("transitions");
  return out;
}
