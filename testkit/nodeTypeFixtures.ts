// A portfolio that uses every node type in every flow kind that allows it, built from the node
// descriptors' examples, so that a new node type is covered as soon as it is registered. Used by
// the compiler's fidelity test, the per-node-type goldens and the emulator publish test.
//
// For each kind and each node type it allows, up to three flows:
//  - `start`: the example node (every field set) is the flow's start; each of its transitions goes
//    to an end node;
//  - `bare`: the same with the node's optional fields left out (what the compiler writes for unset
//    fields: defaults, `noValue`, a menu's disconnect on no input), when that differs;
//  - `shared`: a decision whose two branches both go to the example node (a node reached from two
//    places: a reusable task in call flows, repeated in digital flows, entered by a jump if a menu).
// Every flow also declares a variable of every value type (unless told not to), with a description,
// and an initial value where the model allows one, so that every declaration the compiler writes is covered.
// Every flow may call the module "Example" (one string input `text`, one string output `result`),
// which is compatible with every kind that calls modules.
import { CALLER_KINDS, FLOW_KINDS, KIND_NAMES, type FlowKind } from "../model/kinds/index";
import { flowNode, NODE_DESCRIPTORS, NODE_TYPES, type NodeType } from "../model/nodes/index";
import { LITERAL_INITIAL_TYPES, VALUE_TYPES } from "../model/types";

export const EXAMPLE_MODULE = {
  kind: "commonModule",
  name: "Example",
  compatibleFlowTypes: [...CALLER_KINDS],
  inputs: { text: { type: "string" } },
  outputs: { result: { type: "string" } },
  start: "Done",
  nodes: { Done: { type: "return", outcome: "completed", outputs: { result: "Common.text" } } },
};

export type Variant = "start" | "bare" | "shared";

export interface NodeTypeFixture {
  kind: FlowKind;
  type: NodeType;
  variant: Variant;
  /** Flow id in the portfolio, e.g. `inboundCall/menu-start`. */
  id: string;
  spec: Record<string, unknown>;
}

/** The kinds a module using only `type` can be compatible with (every caller kind that allows it). */
function moduleKindsFor(type: NodeType): FlowKind[] {
  return CALLER_KINDS.filter((k) => FLOW_KINDS[k].nodeTypes.includes(type));
}

/** Whether a flow of `kind` may use `type` (a module: when some caller kind allows it too). */
export function allows(kind: FlowKind, type: NodeType): boolean {
  const k = FLOW_KINDS[kind];
  if (!k.nodeTypes.includes(type)) return false;
  if (!k.isModule) return NODE_DESCRIPTORS[type].moduleOnly !== true;
  return NODE_DESCRIPTORS[type].moduleOnly === true || moduleKindsFor(type).length > 0;
}

type Descriptor = {
  example: Record<string, unknown>;
  transitions(n: unknown): Array<{ name: string; required: boolean }>;
  writes(n: unknown): Array<{ variable: string; type?: string }>;
};

/** The node's schema (an option of the flowNode union). */
function nodeSchema(type: NodeType) {
  const option = flowNode.options.find((o) => o.shape.type.value === type);
  if (!option) throw new Error(`no schema for node type ${type}`);
  return option;
}

/** The example without its optional fields, and with only the transitions still required. */
export function bareExample(type: NodeType): Record<string, unknown> {
  const d = NODE_DESCRIPTORS[type] as unknown as Descriptor;
  const shape = nodeSchema(type).shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const bare: Record<string, unknown> = { ...d.example };
  // Leave out each optional field unless the node then lacks it after all (one of prompt and audio).
  for (const key of Object.keys(d.example)) {
    if (key === "type" || key === "transitions" || !shape[key].safeParse(undefined).success) continue;
    const { [key]: _value, ...without } = bare;
    const result = nodeSchema(type).safeParse(without);
    if (result.success || !result.error.issues.some((i) => i.path[0] === key)) delete bare[key];
  }
  // Which transitions a node has depends on its own fields only (a menu's choices), never on defaults.
  const required = d.transitions(bare).filter((t) => t.required);
  bare.transitions = Object.fromEntries(required.map((t) => [t.name, "Next"]));
  return bare;
}

/** Kinds with neither a disconnect nor a terminator: the Archy action their exports end with. */
const RAW_END: Partial<Record<FlowKind, string>> = { surveyInvite: "completeSurveyInvite" };

const INITIAL: Readonly<Record<string, unknown>> = { string: "text", integer: 3, decimal: 1.5, boolean: true };

function fixture(kind: FlowKind, type: NodeType, variant: Variant, everyType: boolean): NodeTypeFixture {
  const d = NODE_DESCRIPTORS[type] as unknown as Descriptor;
  const example = variant === "bare" ? bareExample(type) : d.example;
  const isModule = FLOW_KINDS[kind].isModule;
  // What ends a path: a return in a module, a disconnect where the kind has one, else the kind's
  // own end action (endWorkflow, exitBotFlow, ...) as raw Archy.
  const k = FLOW_KINDS[kind];
  const endAction = k.fallthrough === "none" ? RAW_END[kind] : k.fallthrough;
  const end = isModule
    ? { type: "return", outcome: "completed" }
    : k.nodeTypes.includes("disconnect") || endAction === undefined
      ? { type: "disconnect" }
      : { type: "archy", actions: [{ [endAction]: { name: "End" } }] };
  const parsed = nodeSchema(type).parse(example);
  const own = (example.transitions ?? {}) as Record<string, unknown>;
  const transitions = Object.fromEntries(
    d
      .transitions(parsed)
      .filter((t) => Object.hasOwn(own, t.name))
      .map((t) => [t.name, "End"]),
  );
  const sample = { ...example, transitions };
  const nodes: Record<string, unknown> = { Sample: sample };
  if (Object.keys(transitions).length > 0) nodes.End = end;
  if (variant === "shared")
    nodes.Split = {
      type: "decision",
      label: "Split",
      expression: "1 > 2",
      transitions: { yes: "Sample", no: "Sample" },
    };
  const variables: Record<string, { type: string; description?: string; initial?: unknown }> = {};
  if (everyType) {
    for (const t of VALUE_TYPES)
      variables[`any_${t}`] = {
        type: t,
        description: `Declared as ${t}.`,
        ...(LITERAL_INITIAL_TYPES.includes(t) ? { initial: INITIAL[t] } : {}),
      };
  }
  for (const w of d.writes(parsed))
    if (!(isModule && type === "return")) variables[w.variable] = { type: w.type ?? "string" };
  const id = `${kind}/${type}-${variant}`;
  const spec: Record<string, unknown> = {
    kind,
    name: `${kind} ${type} ${variant}`,
    description: `Uses a ${type} node (${{ start: "as its start", bare: "as its start, optional fields left out", shared: "reached from two places" }[variant]}).`,
    variables,
    start: variant === "shared" ? "Split" : "Sample",
    nodes,
  };
  spec.division = "Home";
  if (isModule) spec.compatibleFlowTypes = NODE_DESCRIPTORS[type].moduleOnly ? [...CALLER_KINDS] : moduleKindsFor(type);
  return { kind, type, variant, id, spec };
}

/** The example as written (its transitions pointing to "Next"), to tell whether `bare` differs. */
function withRequiredTransitions(type: NodeType): Record<string, unknown> {
  return (NODE_DESCRIPTORS[type] as unknown as Descriptor).example;
}

/**
 * Every (kind, node type it allows, variant), in kind and node type order. `everyType`: each flow
 * also declares a variable of every value type (the fidelity test; goldens leave them out).
 */
export function nodeTypeFixtures(options: { everyType?: boolean } = {}): NodeTypeFixture[] {
  const everyType = options.everyType ?? true;
  const out: NodeTypeFixture[] = [];
  for (const kind of KIND_NAMES) {
    for (const type of NODE_TYPES) {
      if (!allows(kind, type)) continue;
      const hasOptional = JSON.stringify(bareExample(type)) !== JSON.stringify(withRequiredTransitions(type));
      for (const variant of ["start", "bare", "shared"] as const)
        if (variant !== "bare" || hasOptional) out.push(fixture(kind, type, variant, everyType));
    }
  }
  return out;
}

/** The portfolio's flows by id: the fixtures and the module they may call. */
export function nodeTypePortfolio(
  fixtures: readonly NodeTypeFixture[] = nodeTypeFixtures(),
): Record<string, Record<string, unknown>> {
  const flows: Record<string, Record<string, unknown>> = { "modules/example": EXAMPLE_MODULE };
  for (const f of fixtures) flows[f.id] = f.spec;
  return flows;
}
