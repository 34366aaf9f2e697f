// When two nodes are "the same" for a refactoring: the same type, fields and transition names, up
// to the node's own name, its label, the names of `{{placeholders}}` (copies of a flow made for
// another environment, or by hand, spell those differently; the module is refused where they do)
// and the names of the flow's own variables (numbered in the order the node names them, or across
// a subgraph with one `numbering`: match.ts checks that the copies rename them alike). Pure.
import type { FlowNode } from "../model/nodes";
import { transitionsOf } from "../model/nodes";
import { isMap } from "../archy/json";
import type { FlowModel } from "../model/schema";
import { variableEdits, withEdits } from "./variables";

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

/** The node's fields with its flow's variables numbered (`Flow.pin` -> `Flow.$1`), and those variables in that order. */
export function numberedFields(
  model: FlowModel,
  node: FlowNode,
  numbering = new Map<string, number>(),
): { fields: Record<string, unknown>; variables: string[] } {
  const { edits, variables } = variableEdits(model, node, (name) => {
    if (!numbering.has(name.toLowerCase())) numbering.set(name.toLowerCase(), numbering.size + 1);
    return `$${numbering.get(name.toLowerCase())}`;
  });
  return { fields: fieldsOf(withEdits(node, edits)), variables };
}

/** Equal for nodes that are the same up to name, label, placeholder and variable names. */
export function nodeSignature(model: FlowModel, node: FlowNode, numbering?: Map<string, number>): string {
  return JSON.stringify([comparable(numberedFields(model, node, numbering).fields), presentTransitions(node)]);
}

/** The `{{placeholders}}` a node names, in the order its fields name them (label and transitions aside). */
export function placeholdersOf(node: FlowNode): string[] {
  return JSON.stringify(fieldsOf(node)).match(PLACEHOLDER) ?? [];
}

/** The fields (dotted paths) in which two nodes differ (variable names aside), for messages: `type`, `prompt`, `transitions`. */
export function fieldDifferences(f: FlowModel, a: FlowNode, g: FlowModel, b: FlowNode): string[] {
  if (a.type !== b.type) return ["type"];
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (JSON.stringify(comparable(x)) === JSON.stringify(comparable(y))) return;
    if (isMap<unknown>(x) && isMap<unknown>(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort())
        walk(x[k], y[k], path === "" ? k : `${path}.${k}`);
      return;
    }
    out.push(path);
  };
  walk(numberedFields(f, a).fields, numberedFields(g, b).fields, "");
  if (JSON.stringify(presentTransitions(a)) !== JSON.stringify(presentTransitions(b))) out.push("transitions");
  return out;
}
