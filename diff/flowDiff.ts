// A flow-aware diff of two sets of loaded flows (e.g. a git base ref and the working tree): flows
// added or removed, nodes added, removed or changed field by field, transitions rewired, module
// interface changes, and the flows a module change forces to republish: its callers, and through
// modules that call it (compiled with it), their callers too. Pure and deterministic.
import { symbolsOf } from "../checks/symbols";
import { compileFlow, type ModuleRef } from "../compiler";
import { descriptorOf } from "../model/nodes";
import { ModuleGraph } from "../planner/moduleGraph";
import { moduleCallNodes } from "../checks/moduleChecks";
import { isModuleModel, type FlowModel, type FlowNode, type LoadedFlow, type ModuleModel } from "../model/schema";
import { cmp, isMap } from "../archy/json";

/** Flows keyed by file path (as the user sees it, e.g. `flows/sales.yaml`). */
export type FlowMap = ReadonlyMap<string, LoadedFlow>;

/** One changed field; `before`/`after` are undefined when the field is absent on that side. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

export interface TransitionChange {
  transition: string;
  kind: "added" | "removed" | "rewired";
  before?: string;
  after?: string;
}

export interface NodeChange {
  id: string;
  /** The node's type in the head flow. */
  type: string;
  /** Field changes other than transitions (`type`, `prompt`, `inputs.callerNumber`, ...). */
  fields: FieldChange[];
  transitions: TransitionChange[];
}

export interface InterfaceChange {
  section: "inputs" | "outputs";
  name: string;
  kind: "added" | "removed" | "changed";
  /** For `changed`: `type`, `required`, `description`. */
  fields: FieldChange[];
  /** The declaration on each side, when present. */
  before?: { type: string; required?: boolean };
  after?: { type: string; required?: boolean };
}

export interface FlowDiff {
  file: string;
  status: "added" | "removed" | "changed";
  /** The head flow (base flow when removed). */
  name: string;
  kind: FlowModel["kind"];
  /** Flow-level fields: name, kind, start, description, variables.*, defaultLanguage... */
  fields: FieldChange[];
  nodesAdded: string[];
  nodesRemoved: string[];
  nodesChanged: NodeChange[];
  /** For a common module present on both sides. */
  interface: InterfaceChange[];
  /** For a common module present on both sides: whether its compiled (published) content changes. */
  moduleContentChanged?: boolean;
}

export interface CallerImpact {
  /** Caller node id calling the module. */
  node: string;
  message: string;
}

export interface Republish {
  /** The caller that republishes. */
  file: string;
  name: string;
  /** The module that forces it. */
  moduleFile: string;
  moduleName: string;
  /** Subflow nodes of the caller that call the module. */
  callingNodes: string[];
  /** Why, one line each. */
  reasons: string[];
  /** Bindings of this caller that the module's interface change affects. */
  impacts: CallerImpact[];
  /** Whether the caller's own file changed too. */
  callerChanged: boolean;
}

export interface FlowModelDiff {
  /** Only flows that differ, sorted by file. */
  flows: FlowDiff[];
  republish: Republish[];
  /** Files present and identical on both sides, sorted. */
  unchanged: string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `{a: {b: 1}, c: [1]}` -> `a.b` = 1, `c` = [1]. Empty mappings vanish (they mean "none"). */
export function flatten(
  v: Record<string, unknown>,
  prefix = "",
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  for (const [k, x] of Object.entries(v)) {
    const key = prefix === "" ? k : `${prefix}.${k}`;
    if (isMap(x)) flatten(x, key, out);
    else if (x !== undefined) out.set(key, x);
  }
  return out;
}

/** Field-by-field changes between two mappings, sorted by field. */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(cmp);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (same(a.get(k), b.get(k))) continue;
    out.push({ field: k, ...(a.has(k) ? { before: a.get(k) } : {}), ...(b.has(k) ? { after: b.get(k) } : {}) });
  }
  return out;
}

function transitionNames(a: FlowNode | undefined, b: FlowNode | undefined): string[] {
  const names: string[] = [];
  const of = (n: FlowNode | undefined) =>
    n
      ? descriptorOf(n)
          .transitions(n)
          .map((t) => t.name)
      : [];
  for (const n of [...of(a), ...of(b)]) {
    if (!names.includes(n)) names.push(n);
  }
  return names;
}

export function diffNode(id: string, before: FlowNode, after: FlowNode): NodeChange | undefined {
  const strip = (n: FlowNode) => {
    const { transitions: _t, ...rest } = n;
    return rest as Record<string, unknown>;
  };
  const fields = fieldChanges(strip(before), strip(after));
  const tb = before.transitions as Record<string, string | undefined>;
  const ta = after.transitions as Record<string, string | undefined>;
  const transitions: TransitionChange[] = [];
  for (const name of transitionNames(before, after)) {
    const b = tb[name];
    const a = ta[name];
    if (b === a) continue;
    if (b === undefined) transitions.push({ transition: name, kind: "added", after: a });
    else if (a === undefined) transitions.push({ transition: name, kind: "removed", before: b });
    else transitions.push({ transition: name, kind: "rewired", before: b, after: a });
  }
  if (fields.length === 0 && transitions.length === 0) return undefined;
  return { id, type: after.type, fields, transitions };
}

function interfaceChanges(before: ModuleModel, after: ModuleModel): InterfaceChange[] {
  const out: InterfaceChange[] = [];
  for (const section of ["inputs", "outputs"] as const) {
    const b = before[section] as Record<string, { type: string; required?: boolean; description?: string }>;
    const a = after[section] as Record<string, { type: string; required?: boolean; description?: string }>;
    const decl = (d: { type: string; required?: boolean }) => ({
      type: d.type,
      ...(d.required !== undefined ? { required: d.required } : {}),
    });
    for (const name of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(cmp)) {
      if (!Object.hasOwn(a, name)) out.push({ section, name, kind: "removed", fields: [], before: decl(b[name]) });
      else if (!Object.hasOwn(b, name)) out.push({ section, name, kind: "added", fields: [], after: decl(a[name]) });
      else {
        const fields = fieldChanges(b[name], a[name]);
        if (fields.length > 0)
          out.push({ section, name, kind: "changed", fields, before: decl(b[name]), after: decl(a[name]) });
      }
    }
  }
  return out;
}

function flowFields(before: FlowModel, after: FlowModel): FieldChange[] {
  const strip = (m: FlowModel) => {
    const { nodes: _n, ...rest } = m as FlowModel & { inputs?: unknown; outputs?: unknown };
    const r = rest as Record<string, unknown>;
    if (isModuleModel(m)) {
      delete r.inputs;
      delete r.outputs;
    }
    return r;
  };
  return fieldChanges(strip(before), strip(after));
}

/** The modules of one side of the diff, by name, as the compiler takes them. */
function modulesOf(flows: FlowMap): Map<string, ModuleRef> {
  const out = new Map<string, ModuleRef>();
  for (const f of flows.values())
    if (isModuleModel(f.model) && !out.has(f.model.name))
      out.set(f.model.name, { publishedName: f.model.name, model: f.model });
  return out;
}

/**
 * Whether a module's own published content changes: both sides compiled against the same modules
 * (the head's), so a change of a module it calls is not counted here (the cascade reports it), and
 * an interface edit that publishes nothing new (`required`) is not either. Models are compared when
 * a side does not compile.
 */
function ownContentChanged(before: LoadedFlow, after: LoadedFlow, modules: ReadonlyMap<string, ModuleRef>): boolean {
  try {
    const compile = (f: LoadedFlow) => compileFlow(f, { publishedName: f.model.name, modules });
    return compile(before) !== compile(after);
  } catch {
    return !same(before.model, after.model);
  }
}

export function diffFlow(
  file: string,
  before: LoadedFlow,
  after: LoadedFlow,
  modules: ReadonlyMap<string, ModuleRef> = new Map(),
): FlowDiff | undefined {
  const b = before.model;
  const a = after.model;
  const nodesAdded = Object.keys(a.nodes)
    .filter((id) => !Object.hasOwn(b.nodes, id))
    .sort(cmp);
  const nodesRemoved = Object.keys(b.nodes)
    .filter((id) => !Object.hasOwn(a.nodes, id))
    .sort(cmp);
  const nodesChanged: NodeChange[] = [];
  for (const id of Object.keys(a.nodes)
    .filter((id) => Object.hasOwn(b.nodes, id))
    .sort(cmp)) {
    const c = diffNode(id, b.nodes[id], a.nodes[id]);
    if (c) nodesChanged.push(c);
  }
  const bothModules = isModuleModel(b) && isModuleModel(a);
  const iface = isModuleModel(b) && isModuleModel(a) ? interfaceChanges(b, a) : [];
  const fields = flowFields(b, a);
  // New content is what the module publishes: an interface edit such as `required` changes nothing there.
  const moduleContentChanged = bothModules ? ownContentChanged(before, after, modules) : undefined;
  if (
    nodesAdded.length + nodesRemoved.length + nodesChanged.length + iface.length + fields.length === 0 &&
    !moduleContentChanged
  ) {
    return undefined;
  }
  return {
    file,
    status: "changed",
    name: a.name,
    kind: a.kind,
    fields,
    nodesAdded,
    nodesRemoved,
    nodesChanged,
    interface: iface,
    ...(moduleContentChanged !== undefined ? { moduleContentChanged } : {}),
  };
}

function wholeFlow(file: string, flow: LoadedFlow, status: "added" | "removed"): FlowDiff {
  const ids = Object.keys(flow.model.nodes).sort(cmp);
  return {
    file,
    status,
    name: flow.model.name,
    kind: flow.model.kind,
    fields: [],
    nodesAdded: status === "added" ? ids : [],
    nodesRemoved: status === "removed" ? ids : [],
    nodesChanged: [],
    interface: [],
  };
}

export function describeType(d: { type: string; required?: boolean } | undefined): string {
  if (!d) return "(none)";
  return d.required === undefined ? d.type : `${d.type}, ${d.required ? "required" : "optional"}`;
}

/** One line for an interface change, e.g. `output accountId: type string -> integer`. */
export function describeInterfaceChange(c: InterfaceChange): string {
  const what = `${c.section === "inputs" ? "input" : "output"} ${c.name}`;
  if (c.kind === "added") return `${what} added (${describeType(c.after)})`;
  if (c.kind === "removed") return `${what} removed (was ${describeType(c.before)})`;
  return `${what}: ${c.fields.map((f) => `${f.field} ${formatValue(f.before)} -> ${formatValue(f.after)}`).join("; ")}`;
}

/** A value as shown in diffs: strings quoted, absent as `(none)`. */
export function formatValue(v: unknown): string {
  if (v === undefined) return "(none)";
  return JSON.stringify(v);
}

function callerImpacts(
  caller: FlowModel,
  moduleName: string,
  module: ModuleModel,
  iface: InterfaceChange[],
): CallerImpact[] {
  const out: CallerImpact[] = [];
  const declared = symbolsOf(caller).declared;
  for (const id of Object.keys(caller.nodes).sort(cmp)) {
    const node = caller.nodes[id];
    if (node.type !== "subflow" || node.module !== moduleName) continue;
    for (const c of iface) {
      if (c.section === "outputs") {
        const target = node.outputs[c.name];
        if (target === undefined) continue;
        const varType = declared.get(target);
        if (c.kind === "removed")
          out.push({ node: id, message: `binds output ${c.name}, which the module no longer has` });
        else if (c.kind === "changed" && c.before?.type !== c.after?.type) {
          const clash =
            varType !== undefined && varType !== c.after?.type ? `, but variable ${target} is ${varType}` : "";
          out.push({
            node: id,
            message: `binds output ${c.name} (now ${c.after?.type}, was ${c.before?.type}) to variable ${target}${clash}`,
          });
        }
      } else {
        const bound = node.inputs[c.name];
        const required = module.inputs[c.name]?.required === true;
        if (c.kind === "removed" && bound !== undefined)
          out.push({ node: id, message: `binds input ${c.name}, which the module no longer has` });
        else if (c.kind === "added" && required && bound === undefined)
          out.push({ node: id, message: `does not bind the new required input ${c.name}` });
        else if (c.kind === "changed") {
          if (c.before?.type !== c.after?.type && bound !== undefined) {
            out.push({
              node: id,
              message: `binds input ${c.name} (now ${c.after?.type}, was ${c.before?.type}) to ${bound}`,
            });
          }
          if (c.after?.required === true && c.before?.required !== true && bound === undefined) {
            out.push({ node: id, message: `does not bind input ${c.name}, which is now required` });
          }
        }
      }
    }
  }
  return out;
}

function summarizeModuleChange(d: FlowDiff): string {
  const parts: string[] = [];
  if (d.interface.length > 0) parts.push(`interface: ${d.interface.map(describeInterfaceChange).join("; ")}`);
  const counts: string[] = [];
  if (d.nodesAdded.length > 0) counts.push(`${d.nodesAdded.length} node${d.nodesAdded.length === 1 ? "" : "s"} added`);
  if (d.nodesRemoved.length > 0) counts.push(`${d.nodesRemoved.length} removed`);
  if (d.nodesChanged.length > 0) counts.push(`${d.nodesChanged.length} changed`);
  if (counts.length > 0) parts.push(counts.join(", "));
  if (d.fields.length > 0) parts.push(`fields: ${d.fields.map((f) => f.field).join(", ")}`);
  return parts.join("; ");
}

type Names = ReadonlyMap<string, string>;

/**
 * The diff between `base` and `head`. Flows in neither map are ignored. `publishedNames`: the head's
 * published name of a module by file (a stack's prefix), which a `callModule` may call it by.
 */
export function diffFlowModels(base: FlowMap, head: FlowMap, publishedNames: Names = new Map()): FlowModelDiff {
  const modules = modulesOf(head);
  const files = [...new Set([...base.keys(), ...head.keys()])].sort(cmp);
  const flows: FlowDiff[] = [];
  const unchanged: string[] = [];
  for (const file of files) {
    const b = base.get(file);
    const a = head.get(file);
    if (b && a) {
      const d = diffFlow(file, b, a, modules);
      if (d) flows.push(d);
      else unchanged.push(file);
    } else if (a) flows.push(wholeFlow(file, a, "added"));
    else if (b) flows.push(wholeFlow(file, b, "removed"));
  }

  const republish: Republish[] = [];
  const changedFiles = new Set(flows.map((f) => f.file));
  // Modules whose published content changes: those that changed, and the modules reaching one of
  // them through the module graph, since a module is compiled with the modules it calls.
  const changedModules = new Map<
    string,
    { file: string; name: string; via?: string; summary: string; iface: InterfaceChange[]; oldName: string }
  >();
  for (const d of flows) {
    if (d.status !== "changed" || d.moduleContentChanged !== true) continue;
    const mod = head.get(d.file)!.model as ModuleModel;
    changedModules.set(mod.name, {
      file: d.file,
      name: mod.name,
      summary: summarizeModuleChange(d),
      iface: d.interface,
      oldName: base.get(d.file)!.model.name,
    });
  }
  const entries = [...head.entries()].sort(([x], [y]) => cmp(x, y));
  // Every module by the names a call may give it: its own, its published one, and a changed module's old name.
  const fileOf = new Map([...changedModules.values()].map((m) => [m.oldName, m.file]));
  for (const [file, flow] of entries) if (isModuleModel(flow.model)) fileOf.set(flow.model.name, file);
  const own = (name: string, file: string) => name === head.get(file)!.model.name;
  const published = (name: string, file: string) => (own(name, file) && publishedNames.get(file)) || name;
  const names = [...fileOf].map(([name, file]) => ({ name, publishedName: published(name, file) }));
  const calls = new Map(entries.map(([file, flow]) => [file, moduleCallNodes(flow, names)]));
  const callees = (file: string) => [...calls.get(file)!.values()].map((n) => fileOf.get(n)!);
  const graphFlows = entries.map(([id, f]) => ({ id, isModule: isModuleModel(f.model), calls: callees(id) }));
  const graph = new ModuleGraph(graphFlows);
  const changedDirectly = new Set([...changedModules.values()].map((m) => m.file));
  const grown = graph.dependents(changedDirectly).filter((file) => isModuleModel(head.get(file)!.model));
  const changes = (file: string) => changedDirectly.has(file) || grown.includes(file);
  for (const file of grown) {
    // The module it calls that changes: one that changed itself first.
    const callees = graph.calls(file).filter(changes);
    const via = callees.find((c) => changedDirectly.has(c)) ?? callees[0];
    const name = head.get(file)!.model.name;
    changedModules.set(name, { file, name, via: head.get(via)!.model.name, summary: "", iface: [], oldName: name });
  }
  for (const m of [...changedModules.values()].sort((x, y) => cmp(x.file, y.file))) {
    const why = m.via
      ? `module ${m.name} (${m.file}) is compiled with module ${m.via}, which changes, so it publishes new content`
      : `module ${m.name} (${m.file}) publishes new content${m.summary ? ` (${m.summary})` : ""}`;
    for (const [file, caller] of entries) {
      const model = caller.model;
      const calling = [...calls.get(file)!].filter(([, name]) => name === m.name || name === m.oldName);
      const callingNodes = calling.map(([id]) => id);
      if (callingNodes.length === 0) continue;
      const reasons = [
        `${why}; Genesys snapshots a module into each caller at publish time, so the caller republishes`,
      ];
      const calledName = calls.get(file)!.get(callingNodes[0])!;
      if (calledName !== m.name)
        reasons.push(
          `node${callingNodes.length === 1 ? "" : "s"} ${callingNodes.join(", ")} still call${callingNodes.length === 1 ? "s" : ""} the module by its old name ${calledName}`,
        );
      republish.push({
        file,
        name: model.name,
        moduleFile: m.file,
        moduleName: m.name,
        callingNodes,
        reasons,
        impacts: callerImpacts(model, calledName, head.get(m.file)!.model as ModuleModel, m.iface),
        callerChanged: changedFiles.has(file),
      });
    }
  }
  return { flows, republish, unchanged };
}

/** Node ids to highlight in the head diagram of a changed flow. */
export function highlightOf(d: FlowDiff): { added: Set<string>; changed: Set<string>; removed: Set<string> } {
  return {
    added: new Set(d.status === "removed" ? [] : d.nodesAdded),
    changed: new Set(d.nodesChanged.map((c) => c.id)),
    removed: new Set(d.status === "removed" ? [] : d.nodesRemoved),
  };
}
