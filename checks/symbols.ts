// What names a flow's expressions and nodes can use: its own declared variables (and a module's
// inputs and outputs) under its scope prefix, and the built-in variables of its kind. For a
// module, the kinds it is compatible with decide: Genesys offers in a module only what every
// compatible flow type shares. Pure.
import { FLOW_KINDS, type FlowKindDescriptor } from "../model/kinds";
import { isModuleModel, type FlowModel } from "../model/schema";
import { NODE_DESCRIPTORS, type NodeType } from "../model/nodes";
import type { ValueType } from "../model/types";

export type Section = "variables" | "inputs" | "outputs";

export interface FlowSymbols {
  kind: FlowKindDescriptor;
  /** `Flow` or `Common`: the prefix of the flow's own variables in expressions and in Archy. */
  scope: string;
  /** Own names (without prefix) -> declared type. */
  declared: ReadonlyMap<string, ValueType>;
  /** Own names -> the section that declares them. */
  sections: ReadonlyMap<string, Section>;
  /** Built-in variables (full names) -> Archy type. */
  builtins: Readonly<Record<string, string>>;
  /** Node types this flow may use. */
  nodeTypes: ReadonlySet<NodeType>;
}

/** The kinds whose context a flow runs in: its own, or a module's compatible kinds. */
export function contextKinds(model: FlowModel): FlowKindDescriptor[] {
  return isModuleModel(model) ? model.compatibleFlowTypes.map((k) => FLOW_KINDS[k]) : [FLOW_KINDS[model.kind]];
}

function intersectRecords(records: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  if (records.length === 0) return {};
  const out: Record<string, string> = {};
  for (const [name, type] of Object.entries(records[0])) {
    if (records.every((r) => Object.hasOwn(r, name) && r[name] === type)) out[name] = type;
  }
  return out;
}

export function symbolsOf(model: FlowModel): FlowSymbols {
  const kind = FLOW_KINDS[model.kind];
  const declared = new Map<string, ValueType>();
  const sections = new Map<string, Section>();
  const add = (section: Section, entries: Record<string, { type: ValueType }>) => {
    for (const [name, d] of Object.entries(entries)) {
      if (sections.has(name)) continue; // reported by the variables check
      declared.set(name, d.type);
      sections.set(name, section);
    }
  };
  if (isModuleModel(model)) {
    add("inputs", model.inputs);
    add("outputs", model.outputs);
  }
  add("variables", model.variables);
  const contexts = contextKinds(model);
  const allowed = contexts.map((k) => new Set(k.nodeTypes));
  // Node types only a module has (return) are the module's own; the others must exist in every context.
  const nodeTypes = new Set(
    kind.nodeTypes.filter((t) => NODE_DESCRIPTORS[t].moduleOnly === true || allowed.every((s) => s.has(t))),
  );
  return {
    kind,
    scope: kind.variableScope,
    declared,
    sections,
    builtins: intersectRecords(contexts.map((k) => k.builtins)),
    nodeTypes,
  };
}
