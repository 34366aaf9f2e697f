// genesys-flows refactor extract-module: a common module made of a subgraph several flows hold
// alike, and each of those flows rewritten to call it. The module's nodes are the subgraph's, named
// and labelled as most copies name them (the node's fields and comments from the copy most of them
// read like, its variables named as most copies name them); its inputs are what the subgraph reads
// before writing, its outputs what it writes that the flow reads later (or those chosen); each
// group of ways out becomes a `return` (`Done`, `Done2`, completed, where the flow goes on;
// `Failed`, error, where only a failure led: subgraph.ts). In each flow the subgraph gives way to
// one `subflow` node, where the subgraph started, binding the flow's own variables, whose two
// transitions go where the ways out went; when it completes two ways, a decision right after it
// tests the output that tells which. Variables only the subgraph used leave the flow. The scenario files of those flows follow the nodes that moved
// (`at: AskPin` becomes `at: PinCheck.AskPin`). Refused, naming the node and why, when no module
// can be made of it (subgraph.ts); nothing is then written. Pure: the snapshot in, files out.
import YAML, { type Document } from "yaml";
import { renameReferences } from "../compiler/expressionRename";
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, transitionsOf, type FlowNode } from "../model/nodes";
import { isModuleModel, type FlowModel } from "../model/schema";
import { canonicalOrder, matchFrom } from "./match";
import { callNodeId, freeName, moduleSlug } from "./names";
import {
  loadableFlows,
  loadFlows,
  RefactorRefusal,
  Refused,
  type FileChange,
  type ProjectSnapshot,
  type RefactorFlow,
} from "./project";
import { rewriteScenarioFiles, type MovedNodes } from "./scenarioEdit";
import { analyseShared, type Occurrence, type SharedSubgraph } from "./subgraph";
import { suggest } from "./suggest";
import { usesOf } from "./interface";
import { valueAt, variableEdits } from "./variables";
import {
  keysOf,
  mapAt,
  nodeOf,
  parseDocument,
  render,
  renameKey,
  setKey,
  setScalarAt,
  transitionsInline,
} from "./yamlEdit";

export interface ExtractRequest {
  /** The module's name (its `name:`, what callers' subflow nodes name). */
  name: string;
  /** The flows to rewrite (ids such as calls/sales, or files). */
  flows: readonly string[];
  /** The subgraph, by its node names in `from` (default: the largest block a module can be made of that all the flows share). */
  nodes?: readonly string[];
  from?: string;
  /** The module's file (default flows/modules/<name as words>.yaml). */
  out?: string;
  /** The variables it returns, by the module's names (default: those a caller reads after the nodes). */
  outputs?: readonly string[];
}

export interface ExtractPlan {
  module: { id: string; file: string; name: string };
  /** Each rewritten flow and the subflow nodes that replace its copies. */
  callers: Array<{ flow: string; file: string; calls: Array<{ node: string; replaces: string[] }> }>;
  shared: SharedSubgraph;
  /** The module, the rewritten flows and their scenario files. */
  files: FileChange[];
}

/** The one node of `nodes` entered from outside them (or the flow's start). */
function entryOf(flow: RefactorFlow, nodes: ReadonlySet<string>): string {
  const from = new Map<string, string[]>();
  for (const [id, node] of Object.entries(flow.model.nodes)) {
    if (nodes.has(id)) continue;
    for (const t of transitionsOf(node))
      if (t.target !== undefined && nodes.has(t.target)) from.set(t.target, [...(from.get(t.target) ?? []), id]);
  }
  if (nodes.has(flow.model.start))
    from.set(flow.model.start, [...(from.get(flow.model.start) ?? []), "the flow's start"]);
  const entries = [...from.keys()].sort();
  if (entries.length === 1) return entries[0];
  if (entries.length === 0)
    throw new Refused([
      new RefactorRefusal(`no node of ${[...nodes].join(", ")} is reached from the rest of the flow`, {
        file: flow.file,
      }),
    ]);
  throw new Refused([
    new RefactorRefusal(
      `the nodes have ${entries.length} ways in (${entries.map((e) => `"${e}" from ${from.get(e)!.join(", ")}`).join("; ")}): a module starts at one node`,
      { file: flow.file, node: entries[1] },
    ),
  ]);
}

/** The copies of the subgraph `nodes` of `from` in `flows` (the one named first). */
function copiesOfNamed(from: RefactorFlow, nodes: readonly string[], flows: readonly RefactorFlow[]): Occurrence[] {
  const set = new Set(nodes);
  for (const n of nodes)
    if (!Object.hasOwn(from.model.nodes, n))
      throw new Refused([new RefactorRefusal(`no node "${n}" in ${from.model.name}`, { file: from.file })]);
  const entry = entryOf(from, set);
  const order = canonicalOrder(from.model, entry, set);
  const unreached = nodes.filter((n) => !order.includes(n));
  if (unreached.length > 0)
    throw new Refused([
      new RefactorRefusal(
        `not reached from "${entry}" through the nodes given: a module's nodes are reached from its start`,
        { file: from.file, node: unreached[0] },
      ),
    ]);
  const out: Occurrence[] = [{ flow: from, order }];
  const refusals: RefactorRefusal[] = [];
  for (const g of flows) {
    if (g.id === from.id) continue;
    const used = new Set<string>();
    let best: { covered: number; anchor: string; detail: string } | undefined;
    for (const b of Object.keys(g.model.nodes).sort()) {
      if (g.model.nodes[b].type !== from.model.nodes[entry].type) continue;
      const m = matchFrom(from.model, g.model, entry, b, set);
      const mapped = m.pairs.map(([, y]) => y);
      if (m.pairs.length === order.length && mapped.every((y) => !used.has(y))) {
        const byPosition = new Map(m.pairs);
        out.push({ flow: g, order: order.map((a) => byPosition.get(a)!) });
        for (const y of mapped) used.add(y);
        continue;
      }
      const miss = m.mismatches.find((x) => set.has(x.a));
      const missing = order.find((a) => !m.pairs.some(([x]) => x === a));
      const detail = miss
        ? `node "${miss.b}" differs from "${miss.a}" of ${from.file} in ${miss.fields.join(", ")}`
        : missing !== undefined
          ? `"${missing}" of ${from.file} has no counterpart reached the same way`
          : "its copy overlaps another";
      if (best === undefined || m.pairs.length > best.covered) best = { covered: m.pairs.length, anchor: b, detail };
    }
    if (!out.some((o) => o.flow.id === g.id)) {
      refusals.push(
        new RefactorRefusal(
          best
            ? `holds no copy of the subgraph of ${from.file}: the closest, from node "${best.anchor}", matches ${best.covered} of its ${order.length} nodes (${best.detail})`
            : `holds no copy of the subgraph of ${from.file} (no ${from.model.nodes[entry].type} node like its start "${entry}")`,
          { file: g.file },
        ),
      );
    }
  }
  if (refusals.length > 0) throw new Refused(refusals);
  return out;
}

/**
 * The copies of the largest block a module can be made of in a subgraph every one of `flows` holds
 * (the subgraph whole, or the largest block inside it: block.ts); else the largest subgraph, to say why not.
 */
function copiesOfLargest(flows: readonly RefactorFlow[]): Occurrence[] {
  const ids = new Set(flows.map((f) => f.id));
  const all = suggest(flows).filter((s) => new Set(s.occurrences.map((o) => o.flow.id)).size === ids.size);
  const extractable = all.flatMap((s) => (s.refusals.length === 0 ? [s] : s.block ? [s.block] : []));
  const chosen =
    extractable.reduce<SharedSubgraph | undefined>(
      (best, s) => (best === undefined || s.names.length > best.names.length ? s : best),
      undefined,
    ) ?? all[0];
  if (chosen) return chosen.occurrences;
  throw new Refused([
    new RefactorRefusal(
      `${flows.map((f) => f.id).join(", ")} share no subgraph of two or more nodes (refactor suggest lists what some of them share; --nodes and --from name one)`,
    ),
  ]);
}

/** How a module output is named: its variable's name, or `<name>Out` for one that also goes in. */
function outputName(shared: SharedSubgraph, variable: string): string {
  return shared.passThrough.includes(variable) ? `${variable}Out` : variable;
}

/** An expression moved into the module: the built-ins the callers give as inputs read as the module's inputs. */
function builtinsAsInputs(text: string, shared: SharedSubgraph): string {
  let out = text;
  for (const p of shared.inputs) {
    if (p.builtin === undefined) continue;
    const [bScope, bName] = p.builtin.split(".");
    out = renameReferences(
      out,
      bScope,
      (name) => (name.toLowerCase() === bName.toLowerCase() ? `Common.${p.name}` : undefined),
      true,
    );
  }
  return out;
}

/** A copy's node moved into the module (its YAML `node`): its variables named as the module names them, read as the module's (`Common.pin`), built-ins as inputs. */
function moveNode(node: YAML.YAMLMap, model: FlowNode, copy: number, shared: SharedSubgraph): void {
  const flow = shared.occurrences[copy].flow.model;
  const moduleName = new Map([...shared.variables[copy]].map(([name, local]) => [local.toLowerCase(), name]));
  const { edits } = variableEdits(
    flow,
    model,
    (declared) => moduleName.get(declared.toLowerCase()) ?? declared,
    "Common",
  );
  const texts = new Map(edits.filter((e) => !e.key).map((e) => [e.field, e.value]));
  for (const use of descriptorOf(model).expressions(model))
    texts.set(use.field, builtinsAsInputs(texts.get(use.field) ?? use.text, shared));
  for (const [field, text] of texts) if (text !== valueAt(model, field)) setScalarAt(node, field, text);
  // Keys last: an expression's field is under the key as the copy names it.
  for (const e of edits.filter((x) => x.key)) {
    const path = e.field.split(".");
    const parent = node.getIn(path.slice(0, -1), true);
    if (YAML.isMap(parent)) renameKey(parent, path[path.length - 1], e.value);
  }
}

/** The module file: the subgraph's nodes (from the copy most read like), returns, interface. */
function moduleText(req: ExtractRequest, file: string, shared: SharedSubgraph, returns: readonly string[]): string {
  const first = shared.occurrences[0];
  const doc = new YAML.Document({}, { version: "1.2" });
  const describe = (p: { description?: string } | undefined) =>
    p?.description !== undefined ? { description: p.description } : {};
  const declaration = (name: string) =>
    shared.occurrences
      .map((o, c) => o.flow.model.variables[shared.variables[c].get(name) ?? name])
      .find((v) => v !== undefined);
  const model: Record<string, unknown> = {
    kind: "commonModule",
    name: req.name,
    description: `Extracted by genesys-flows refactor from ${[...new Set(shared.occurrences.map((o) => o.flow.model.name))].join(", ")}.`,
    compatibleFlowTypes: shared.callerKinds,
  };
  if (shared.inputs.length > 0) {
    model.inputs = Object.fromEntries(
      shared.inputs.map((p) => [
        p.name,
        {
          type: p.type,
          ...(p.builtin !== undefined ? { description: `${p.builtin} of the caller.` } : describe(declaration(p.name))),
        },
      ]),
    );
  }
  if (shared.outputs.length > 0)
    model.outputs = Object.fromEntries(
      shared.outputs.map((p) => [outputName(shared, p.name), { type: p.type, ...describe(declaration(p.name)) }]),
    );
  if (shared.internal.length > 0)
    model.variables = Object.fromEntries(
      shared.internal.map((p) => [p.name, { ...(declaration(p.name) ?? { type: p.type }) }]),
    );
  model.start = shared.names[0];
  model.nodes = {};
  const docs = new Map(shared.occurrences.map((o) => [o.flow.id, parseDocument(o.flow.text)]));
  const inline = transitionsInline(docs.get(first.flow.id)!);
  doc.contents = nodeOf(doc, model, inline) as typeof doc.contents;
  const nodes = mapAt(doc, ["nodes"])!;
  for (let i = 0; i < shared.names.length; i++) {
    // The fields as most copies write them (placeholders included), with that copy's comments.
    const fields = (o: Occurrence) => {
      const { label: _l, transitions: _t, ...rest } = o.flow.model.nodes[o.order[i]] as FlowNode & { label?: string };
      return JSON.stringify(rest);
    };
    const counts = new Map<string, number>();
    for (const o of shared.occurrences) counts.set(fields(o), (counts.get(fields(o)) ?? 0) + 1);
    const source = [...shared.occurrences].sort((a, b) => counts.get(fields(b))! - counts.get(fields(a))!)[0];
    const copied = docs.get(source.flow.id)!.getIn(["nodes", source.order[i]], true);
    const node = (
      YAML.isMap(copied) ? copied.clone() : nodeOf(doc, source.flow.model.nodes[source.order[i]])
    ) as YAML.YAMLMap;
    const model = source.flow.model.nodes[source.order[i]];
    if (shared.labels[i] !== undefined) setKey(doc, node, "label", shared.labels[i], "type");
    else node.delete("label");
    moveNode(node, model, shared.occurrences.indexOf(source), shared);
    for (const t of transitionsOf(model)) {
      if (t.target === undefined) continue;
      const inside = source.order.indexOf(t.target);
      const target =
        inside >= 0
          ? shared.names[inside]
          : returns[
              shared.exits.findIndex((g) => g.transitions.some((e) => e.position === i && e.transition === t.spec.name))
            ];
      node.setIn(["transitions", t.spec.name], target);
    }
    nodes.set(doc.createNode(shared.names[i]), node);
  }
  for (const [i, group] of shared.exits.entries()) {
    const outputs = Object.fromEntries(shared.passThrough.map((v) => [`${v}Out`, `Common.${v}`]));
    // The way it completed, where the module says it itself: true on the first.
    if (shared.branch?.synthesized && group.outcome === "completed") outputs[shared.branch.output] = String(i === 0);
    nodes.set(
      doc.createNode(returns[i]),
      nodeOf(
        doc,
        { type: "return", outcome: group.outcome, ...(Object.keys(outputs).length > 0 ? { outputs } : {}) },
        inline,
      ),
    );
  }
  const depth = file.split("/").length - 1;
  doc.contents!.commentBefore = [
    ` yaml-language-server: $schema=${"../".repeat(depth)}schema/flow.schema.json`,
    ` A common module extracted by \`genesys-flows refactor extract-module\` from ${[...new Set(shared.occurrences.map((o) => o.flow.file))].join(", ")}.`,
  ].join("\n");
  // Lists of words as the portfolio writes them: `compatibleFlowTypes: [inboundCall]`.
  return render(doc).replace(/^(\s*[A-Za-z]+: )\[ ([A-Za-z, ]+) \]$/gm, "$1[$2]");
}

/** Declares a variable in a flow's file (its `variables`, made before `start` when it has none). */
function declareVariable(doc: Document, name: string, declaration: Record<string, unknown>): void {
  if (mapAt(doc, ["variables"]) === undefined) {
    const top = mapAt(doc, [])!;
    top.items.splice(Math.max(0, keysOf(top).indexOf("start")), 0, doc.createPair("variables", doc.createNode({})));
  }
  mapAt(doc, ["variables"])!.set(name, nodeOf(doc, declaration));
}

/** What a flow still reads and writes once its copies are replaced: the variables it keeps. */
function referencedVariables(model: FlowModel): Set<string> {
  const out = new Set<string>();
  for (const node of Object.values(model.nodes)) {
    const use = usesOf(model, node);
    for (const v of [...use.reads, ...use.writes]) out.add(v);
  }
  return out;
}

/** Rewrites one flow: each copy gives way to a subflow node; returns its text and the nodes that moved. */
function rewriteCaller(
  flow: RefactorFlow,
  copies: readonly Occurrence[],
  shared: SharedSubgraph,
  req: ExtractRequest,
  returns: readonly string[],
): { text: string; calls: Array<{ node: string; replaces: string[] }>; moved: MovedNodes[] } {
  const doc = parseDocument(flow.text);
  const nodes = mapAt(doc, ["nodes"])!;
  const model: FlowModel = structuredClone(flow.model);
  const scope = FLOW_KINDS[flow.model.kind].variableScope;
  const calls: Array<{ node: string; replaces: string[] }> = [];
  const moved: MovedNodes[] = [];
  for (const copy of copies) {
    const index = shared.occurrences.indexOf(copy);
    const removed = new Set(copy.order);
    const taken = new Set(Object.keys(model.nodes).filter((n) => !removed.has(n)));
    const call = callNodeId(req.name, taken);
    const branch = shared.branch !== undefined ? freeName(`After${call}`, new Set([...taken, call])) : undefined;
    const local = (name: string) => shared.variables[index].get(name) ?? name;
    const [done, other] = shared.exits.filter((g) => g.outcome === "completed").map((g) => g.targets[index]);
    const completed = branch ?? done;
    const inputs = Object.fromEntries(shared.inputs.map((p) => [p.name, p.builtin ?? `${scope}.${local(p.name)}`]));
    const outputs = Object.fromEntries(shared.outputs.map((p) => [outputName(shared, p.name), local(p.name)]));
    const node: Record<string, unknown> = {
      type: "subflow",
      module: req.name,
      ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
      ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
      transitions: { completed, error: shared.exits.find((g) => g.outcome === "error")?.targets[index] ?? completed },
    };
    // The call takes the place of the subgraph's first node; the others go.
    for (const n of copy.order.slice(1)) nodes.delete(n);
    for (const n of copy.order) delete model.nodes[n];
    renameKey(nodes, copy.order[0], call);
    nodes.set(call, nodeOf(doc, node, transitionsInline(doc)));
    // The node as the model holds it (the schema's defaults filled in).
    model.nodes[call] = { ...node, inputs, outputs } as FlowNode;
    if (branch !== undefined && shared.branch !== undefined) {
      // Completed two ways: right after the call, the output that tells which.
      const yes = shared.branch.value === "true";
      const test = {
        type: "decision",
        expression: `${scope}.${local(shared.branch.output)}`,
        transitions: { yes: yes ? done : other, no: yes ? other : done },
      };
      nodes.items.splice(
        keysOf(nodes).indexOf(call) + 1,
        0,
        doc.createPair(branch, nodeOf(doc, test, transitionsInline(doc))),
      );
      model.nodes[branch] = test as FlowNode;
      if (shared.branch.synthesized) declareVariable(doc, shared.branch.output, { type: "boolean" });
    }
    if (call !== copy.order[0]) {
      for (const [id, n] of Object.entries(model.nodes)) {
        for (const [t, to] of Object.entries(n.transitions as Record<string, string | undefined>)) {
          if (to !== copy.order[0]) continue;
          (n.transitions as Record<string, string>)[t] = call;
          doc.setIn(["nodes", id, "transitions", t], call);
        }
      }
      if (model.start === copy.order[0]) {
        model.start = call;
        doc.set("start", call);
      }
    }
    calls.push({ node: call, replaces: copy.order });
    moved.push({
      flow: flow.id,
      flowName: flow.model.name,
      isModule: isModuleModel(flow.model),
      call,
      ...(branch !== undefined ? { branch } : {}),
      nodes: new Map(copy.order.map((n, i) => [n, shared.names[i]])),
      exits: shared.exits.map((g, i) => ({ target: g.targets[index], outcome: g.outcome, ret: returns[i] })),
    });
  }
  // Variables only the subgraph used leave the flow.
  const before = referencedVariables(flow.model);
  const still = referencedVariables(model);
  const variables = mapAt(doc, ["variables"]);
  if (variables) {
    for (const v of keysOf(variables)) if (before.has(v) && !still.has(v)) variables.delete(v);
    if (variables.items.length === 0) doc.delete("variables");
  }
  return { text: render(doc, flow.text), calls, moved };
}

/** Plans the extraction: the module, the rewritten flows and scenario files; throws Refused. */
export function planExtract(snapshot: ProjectSnapshot, req: ExtractRequest): ExtractPlan {
  if (!/^[A-Za-z][A-Za-z0-9_ -]*$/.test(req.name))
    throw new Refused([
      new RefactorRefusal(`"${req.name}" is not a module name: a letter, then letters, digits, spaces, _ or -`),
    ]);
  const names = [...req.flows];
  if (req.from !== undefined && !names.includes(req.from)) names.unshift(req.from);
  const flows = loadFlows(snapshot, names);
  if (new Set(flows.map((f) => f.id)).size < 2 && req.nodes === undefined)
    throw new Refused([
      new RefactorRefusal(
        "name at least two flows (or one with --nodes and --from): a module is made of what flows share",
      ),
    ]);
  const all = loadableFlows(snapshot);
  const clash = all.find((f) => f.model.name.toLowerCase() === req.name.toLowerCase());
  if (clash)
    throw new Refused([
      new RefactorRefusal(`a flow is already named "${clash.model.name}": name the module otherwise`, {
        file: clash.file,
      }),
    ]);
  const file = req.out ?? `flows/modules/${moduleSlug(req.name)}.yaml`;
  if (!/^flows\/.+\.ya?ml$/i.test(file))
    throw new Refused([new RefactorRefusal(`the module's file must be a .yaml file under flows/, not ${file}`)]);
  if (snapshot.flows.some((s) => s.file === file))
    throw new Refused([new RefactorRefusal(`${file} exists: give the module another --out`)]);

  let occurrences: Occurrence[];
  if (req.nodes !== undefined) {
    const from = req.from;
    if (from === undefined)
      throw new Refused([new RefactorRefusal("--nodes needs --from <flow>: the flow whose nodes they are")]);
    occurrences = copiesOfNamed(flows.find((f) => f.id === loadFlows(snapshot, [from])[0].id)!, req.nodes, flows);
  } else occurrences = copiesOfLargest(flows);
  const shared = analyseShared(occurrences, req.outputs);
  if (shared.refusals.length > 0) throw new Refused(shared.refusals);

  const taken = new Set(shared.names);
  const returns: string[] = [];
  for (const g of shared.exits)
    returns.push(freeName(g.outcome === "completed" ? "Done" : "Failed", new Set([...taken, ...returns])));
  const files: FileChange[] = [{ file, after: moduleText(req, file, shared, returns) }];
  const callers: ExtractPlan["callers"] = [];
  const moved: MovedNodes[] = [];
  for (const flow of flows) {
    const copies = shared.occurrences.filter((o) => o.flow.id === flow.id);
    if (copies.length === 0) continue;
    const r = rewriteCaller(flow, copies, shared, req, returns);
    files.push({ file: flow.file, before: flow.text, after: r.text });
    callers.push({ flow: flow.id, file: flow.file, calls: r.calls });
    moved.push(...r.moved.map((m) => ({ ...m, module: req.name })));
  }
  files.push(...rewriteScenarioFiles(snapshot.scenarios, moved));
  return {
    module: { id: file.replace(/^flows\//, "").replace(/\.ya?ml$/i, ""), file, name: req.name },
    callers,
    shared,
    files,
  };
}
