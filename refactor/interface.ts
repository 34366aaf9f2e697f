// What a module made of a subgraph takes and returns. Inside the subgraph: the variables it reads
// before writing them (on some way in, a value the caller set: inputs), and the built-in values it
// reads (Call.Ani) that a module compatible with the callers cannot read itself (inputs too). After
// it: the variables it writes that the flow reads later (outputs), with the first node reading each.
// An output that the subgraph may leave as it was where the flow reads it after (not written on a
// way out after which the flow reads it, or read before written) goes in and comes back out, so the
// caller's value is kept as before. A write is certain only on a node's ordinary transitions: a
// collect that fails may leave its variable unset; a literal boolean written is known at each way
// out, so an output that is true on one and false on another tells the two apart. Pure.
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
  return [...filled.replace(/"(?:[^"\\]|\\.)*"/g, '""').matchAll(/\b([A-Za-z]+\.[A-Za-z_][A-Za-z0-9_.]*)/g)].map(
    (m) => m[1],
  );
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
  /** Outputs the subgraph may leave as they were where the flow reads them after: they go in and come back out. */
  passThrough: string[];
  /** Own variables written inside and neither read before nor after: the module's own. */
  internal: string[];
  /** Values of other scopes read inside (`Call.Ani`). */
  builtins: string[];
  /** Own-scope names read inside that the flow does not declare, by node. */
  foreign: Array<{ node: string; name: string }>;
  /** Own variables written inside. */
  written: string[];
  /** Each variable written inside, the first node after it that reads it. */
  readers: ReadonlyMap<string, string>;
  /** At each way out (as `exits` lists them): the variables certainly written, with the literal written (`true`) or `*`. */
  atExit: Array<ReadonlyMap<string, string>>;
}

const sorted = (s: Iterable<string>) => [...s].sort();

/** What a node certainly writes on an ordinary transition: each variable, with its value when it is a literal boolean. */
function writtenValues(model: FlowModel, node: FlowNode, use: NodeUse): Map<string, string> {
  const own = declaredNames(model);
  const literal = new Map(
    descriptorOf(node)
      .expressions(node)
      .flatMap((e) =>
        e.expectOf !== undefined && "variable" in e.expectOf && /^(true|false)$/i.test(e.text.trim())
          ? [[own.get(e.expectOf.variable.toLowerCase()) ?? e.expectOf.variable, e.text.trim().toLowerCase()]]
          : [],
      ),
  );
  return new Map([...use.writes].map((v) => [v, literal.get(v) ?? "*"]));
}

/** Where ways meet: the variables written on each, with the value each wrote, else `*` (`?`: a way not walked yet, any value). */
function meet(ins: ReadonlyArray<ReadonlyMap<string, string>>): Map<string, string> {
  if (ins.length === 0) return new Map();
  const value = (v: string) =>
    ins.map((m) => m.get(v)!).reduce((a, b) => (a === "?" ? b : b === "?" || a === b ? a : "*"));
  return new Map([...ins[0].keys()].filter((v) => ins.every((m) => m.has(v))).map((v) => [v, value(v)]));
}

/** The variables read from `start` on outside `inside`, each with the first node that reads it. */
function readsFrom(model: FlowModel, start: string, inside: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n) || inside.has(n) || !Object.hasOwn(model.nodes, n)) continue;
    seen.add(n);
    for (const v of usesOf(model, model.nodes[n]).reads) if (!out.has(v)) out.set(v, n);
    for (const t of transitionsOf(model.nodes[n])) if (t.target !== undefined) queue.push(t.target);
  }
  return out;
}

/**
 * The interface of the subgraph `order` (entry first) of `model`, whose transitions out of it are
 * `exits`.
 */
export function subgraphInterface(
  model: FlowModel,
  order: readonly string[],
  exits: ReadonlyArray<{ node: string; transition: string; target: string }>,
): SubgraphInterface {
  const inside = new Set(order);
  const uses = new Map(order.map((n) => [n, usesOf(model, model.nodes[n])]));
  const writes = new Map(order.map((n) => [n, writtenValues(model, model.nodes[n], uses.get(n)!)]));
  const written = new Set(order.flatMap((n) => [...uses.get(n)!.writes]));
  // Certainly written when a transition is taken: what was before, and the node's writes unless the transition is a failure.
  const edgesIn = new Map<string, Array<{ from: string; failure: boolean }>>(order.map((n) => [n, []]));
  for (const n of order)
    for (const t of transitionsOf(model.nodes[n]))
      if (t.target !== undefined && inside.has(t.target))
        edgesIn.get(t.target)!.push({ from: n, failure: t.spec.failure });
  const top = new Map([...written].map((v) => [v, "?"]));
  const before = new Map<string, Map<string, string>>(order.map((n, i) => [n, i === 0 ? new Map() : new Map(top)]));
  const after = (n: string, failure: boolean) =>
    failure ? before.get(n)! : new Map([...before.get(n)!, ...writes.get(n)!]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of order.slice(1)) {
      const next = meet(edgesIn.get(n)!.map((e) => after(e.from, e.failure)));
      if (JSON.stringify([...next]) !== JSON.stringify([...before.get(n)!])) {
        before.set(n, next);
        changed = true;
      }
    }
  }
  const inputs = new Set<string>();
  for (const n of order) for (const v of uses.get(n)!.reads) if (!before.get(n)!.has(v)) inputs.add(v);
  const failureOf = (node: string, transition: string) =>
    transitionsOf(model.nodes[node]).find((t) => t.spec.name === transition)?.spec.failure ?? false;
  const atExit = exits.map((e) => after(e.node, failureOf(e.node, e.transition)));
  // Read after: by any node reached from a way out without going back in.
  const later = new Map([...new Set(exits.map((e) => e.target))].map((t) => [t, readsFrom(model, t, inside)]));
  const readers = new Map<string, string>();
  for (const reads of later.values())
    for (const [v, n] of reads) if (written.has(v) && !readers.has(v)) readers.set(v, n);
  const outputs = sorted(readers.keys());
  const passThrough = outputs.filter(
    (v) => inputs.has(v) || exits.some((e, i) => !atExit[i].has(v) && later.get(e.target)!.has(v)),
  );
  return {
    inputs: sorted(inputs),
    outputs,
    passThrough,
    internal: sorted([...written].filter((v) => !readers.has(v) && !inputs.has(v))),
    builtins: sorted(new Set(order.flatMap((n) => [...uses.get(n)!.builtins]))),
    foreign: order.flatMap((n) => sorted(uses.get(n)!.foreign).map((name) => ({ node: n, name }))),
    written: sorted(written),
    readers,
    atExit,
  };
}
