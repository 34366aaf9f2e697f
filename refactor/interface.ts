// What a module made of a subgraph takes and returns. Inside the subgraph: the variables it reads
// before writing them (on some way in, a value the caller set: inputs), and the built-in values it
// reads (Call.Ani) that a module compatible with the callers cannot read itself (inputs too). After
// it: the variables it writes that the flow reads later (outputs). An output that the subgraph may
// leave as it was (not written on every way out, or read before written) goes in and comes back
// out, so the caller's value is kept as before. A write is certain only on a node's ordinary
// transitions: a collect that fails may leave its variable unset. Pure.
import { parseExpression, variableReferences } from "../archy/expressions";
import { fillPlaceholders } from "../archy/placeholder";
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, transitionsOf, type FlowNode } from "../model/nodes";
import { isModuleModel, type FlowModel } from "../model/schema";
import type { ValueType } from "../model/types";
import { declaredNames } from "./variables";

/** What one node reads and writes: the flow's own variables by declared name, built-ins by full name. */
export interface NodeUse {
  reads: Set<string>;
  /** Values of another scope (`Call.Ani`, `Prompt.Welcome`), by their first two segments. */
  builtins: Set<string>;
  /** Names in the flow's own scope that it does not declare: nothing can give them to a module. */
  foreign: Set<string>;
  writes: Set<string>;
}

/** The declared type of an own variable. */
export function ownType(model: FlowModel, name: string): ValueType | undefined {
  if (Object.hasOwn(model.variables, name)) return model.variables[name].type;
  if (isModuleModel(model)) return model.inputs[name]?.type ?? model.outputs[name]?.type;
  return undefined;
}

/** Scoped names an expression reads (`Flow.pin`, `Call.Ani`, `Email.Message.subject`). */
export function referencesOf(text: string): string[] {
  const filled = fillPlaceholders(text, "0");
  const parsed = parseExpression(filled);
  if (parsed.ok) return variableReferences(parsed.ast).map((r) => r.name);
  // Not an expression the checker reads: every scoped name outside string literals, to be safe.
  return [...filled.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\b([A-Za-z]+\.[A-Za-z_][A-Za-z0-9_.]*)/g)].map((m) => m[1]);
}

export function usesOf(model: FlowModel, node: FlowNode): NodeUse {
  const scope = FLOW_KINDS[model.kind].variableScope.toLowerCase();
  const own = declaredNames(model);
  const use: NodeUse = { reads: new Set(), builtins: new Set(), foreign: new Set(), writes: new Set() };
  for (const e of descriptorOf(node).expressions(node)) {
    for (const ref of referencesOf(e.text)) {
      const [first, second] = ref.split(".");
      const declared = second !== undefined ? own.get(second.toLowerCase()) : undefined;
      if (first.toLowerCase() === scope) {
        if (declared !== undefined) use.reads.add(declared);
        else use.foreign.add(ref);
      } else use.builtins.add(second !== undefined ? `${first}.${second}` : first);
    }
  }
  for (const w of descriptorOf(node).writes(node)) use.writes.add(own.get(w.variable.toLowerCase()) ?? w.variable);
  // A module's return gives its outputs back: it reads them.
  if (isModuleModel(model) && node.type === "return") for (const o of Object.keys(model.outputs)) use.reads.add(o);
  return use;
}

export interface SubgraphInterface {
  /** Own variables read before they are written on some way in: the caller's values. */
  inputs: string[];
  /** Own variables written inside and read after it. */
  outputs: string[];
  /** Outputs the subgraph may leave as they were: they go in and come back out. */
  passThrough: string[];
  /** Own variables written inside and neither read before nor after: the module's own. */
  internal: string[];
  /** Values of other scopes read inside (`Call.Ani`). */
  builtins: string[];
  /** Own-scope names read inside that the flow does not declare, by node. */
  foreign: Array<{ node: string; name: string }>;
}

const sorted = (s: Iterable<string>) => [...s].sort();

/**
 * The interface of the subgraph `order` (entry first) of `model`, whose transitions out of it are
 * `exits`.
 */
export function subgraphInterface(model: FlowModel, order: readonly string[], exits: ReadonlyArray<{ node: string; transition: string; target: string }>): SubgraphInterface {
  const inside = new Set(order);
  const uses = new Map(order.map((n) => [n, usesOf(model, model.nodes[n])]));
  const written = new Set(order.flatMap((n) => [...uses.get(n)!.writes]));
  // Certainly written when a transition is taken: what was before, and the node's writes unless the transition is a failure.
  const edgesIn = new Map<string, Array<{ from: string; failure: boolean }>>(order.map((n) => [n, []]));
  for (const n of order) for (const t of transitionsOf(model.nodes[n])) if (t.target !== undefined && inside.has(t.target)) edgesIn.get(t.target)!.push({ from: n, failure: t.spec.failure });
  const before = new Map<string, Set<string>>(order.map((n, i) => [n, i === 0 ? new Set<string>() : new Set(written)]));
  const after = (n: string, failure: boolean) => (failure ? before.get(n)! : new Set([...before.get(n)!, ...uses.get(n)!.writes]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of order.slice(1)) {
      const ins = edgesIn.get(n)!.map((e) => after(e.from, e.failure));
      const next = ins.length === 0 ? new Set<string>() : new Set([...ins[0]].filter((v) => ins.every((s) => s.has(v))));
      if (next.size !== before.get(n)!.size) {
        before.set(n, next);
        changed = true;
      }
    }
  }
  const inputs = new Set<string>();
  for (const n of order) for (const v of uses.get(n)!.reads) if (!before.get(n)!.has(v)) inputs.add(v);
  // Read after: by any node reached from a way out without going back in.
  const readLater = new Set<string>();
  const seen = new Set<string>();
  const queue = [...new Set(exits.map((e) => e.target))];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n) || inside.has(n) || !Object.hasOwn(model.nodes, n)) continue;
    seen.add(n);
    for (const v of usesOf(model, model.nodes[n]).reads) readLater.add(v);
    for (const t of transitionsOf(model.nodes[n])) if (t.target !== undefined) queue.push(t.target);
  }
  const failureOf = (node: string, transition: string) => transitionsOf(model.nodes[node]).find((t) => t.spec.name === transition)?.spec.failure ?? false;
  const always = (v: string) => exits.every((e) => after(e.node, failureOf(e.node, e.transition)).has(v));
  const outputs = sorted([...written].filter((v) => readLater.has(v)));
  const passThrough = outputs.filter((v) => inputs.has(v) || !always(v));
  return {
    inputs: sorted(inputs),
    outputs,
    passThrough,
    internal: sorted([...written].filter((v) => !readLater.has(v) && !inputs.has(v))),
    builtins: sorted(new Set(order.flatMap((n) => [...uses.get(n)!.builtins]))),
    foreign: order.flatMap((n) => sorted(uses.get(n)!.foreign).map((name) => ({ node: n, name }))),
  };
}
