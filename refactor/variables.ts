// A flow's own variables in a node, renamed: what lets copies of a subgraph that name their
// variables differently (`pin` in one flow, `code` in another) be the same subgraph, and the module
// made of them name each variable once. A node names its flow's variables in its expressions
// (`Flow.pin`, any case: Architect names ignore it) and where it stores values: a field holding the
// name (`variable: pin`, `outputs: { verified: ok }`) or a key (`setVariables`' `values: { pin: ... }`),
// as its type's descriptor says. Only declared variables are renamed; built-ins and undeclared
// names stay. Pure.
import { renameReferences } from "../compiler/expressionRename";
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, type FlowNode } from "../model/nodes";
import { isModuleModel, type FlowModel } from "../model/schema";

/** One change of a node: the text at a dotted field path, or (`key`) the name of the key at it. */
export interface VariableEdit {
  field: string;
  value: string;
  key: boolean;
}

/** The flow's own variables by lower-case name: their declared spelling. */
export function declaredNames(model: FlowModel): Map<string, string> {
  const names = [
    ...Object.keys(model.variables),
    ...(isModuleModel(model) ? [...Object.keys(model.inputs), ...Object.keys(model.outputs)] : []),
  ];
  return new Map(names.map((n) => [n.toLowerCase(), n]));
}

const segments = (field: string) => field.split(".");

/** The value at a dotted field path of a node. */
export function valueAt(node: unknown, field: string): unknown {
  return segments(field).reduce<unknown>(
    (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
    node,
  );
}

/**
 * The edits that rename the variables `node` of `model` names (`rename`: declared name -> new
 * name; expressions then read `<scope>.<new name>`, by default the flow's own scope), and the
 * variables it names, declared spelling, in the order it first names them: expressions first,
 * then stores, each in its type's order.
 */
export function variableEdits(
  model: FlowModel,
  node: FlowNode,
  rename: (declared: string) => string,
  scope = FLOW_KINDS[model.kind].variableScope,
): { edits: VariableEdit[]; variables: string[] } {
  const own = declaredNames(model);
  const variables: string[] = [];
  const note = (name: string) => {
    if (!variables.includes(name)) variables.push(name);
    return rename(name);
  };
  const edits: VariableEdit[] = [];
  const descriptor = descriptorOf(node);
  for (const use of descriptor.expressions(node)) {
    const text = renameReferences(
      use.text,
      FLOW_KINDS[model.kind].variableScope,
      (name) => (own.has(name.toLowerCase()) ? `${scope}.${note(own.get(name.toLowerCase())!)}` : undefined),
      true,
    );
    if (text !== use.text) edits.push({ field: use.field, value: text, key: false });
  }
  for (const write of descriptor.writes(node)) {
    const declared = own.get(write.variable.toLowerCase());
    if (declared === undefined) continue;
    // The name is the field's value (`variable: pin`), or the last key of its path (`values.pin`).
    edits.push({ field: write.field, value: note(declared), key: valueAt(node, write.field) !== write.variable });
  }
  return { edits, variables };
}

/** A plain copy of `value` with `edits` made (expressions before the keys they sit under are renamed). */
export function withEdits<T>(value: T, edits: readonly VariableEdit[]): T {
  const out = structuredClone(value) as Record<string, unknown>;
  for (const e of [...edits.filter((x) => !x.key), ...edits.filter((x) => x.key)]) {
    const path = segments(e.field);
    const parent = path
      .slice(0, -1)
      .reduce<Record<string, unknown> | undefined>(
        (v, k) => (v?.[k] !== null && typeof v?.[k] === "object" ? (v[k] as Record<string, unknown>) : undefined),
        out,
      );
    if (parent === undefined) continue;
    const last = path[path.length - 1];
    if (!e.key) parent[last] = e.value;
    else if (last !== e.value) {
      parent[e.value] = parent[last];
      delete parent[last];
    }
  }
  return out as T;
}
