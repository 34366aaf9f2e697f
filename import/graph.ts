// The Archy tree of a flow as the model's node graph. Pure and deterministic.
//
// Each action list is read from its end: an action continues at the node of the action after it
// (or, at the end of the list, where the list's owner continues: after a branching action, back
// to a loop, or nowhere). A typed node is made when an importer maps the action (import/nodes),
// with a transition per branch; any other action becomes raw Archy in an `archy` node (runs of
// them share one), whose last action's branches become transitions too. The structure moves of
// Archy are edges, not nodes: `callTask` goes into the task and, where the task returns (endTask
// or its end), on after the call; `changeState` and `jumpToTask` go to the state or task;
// `loopExit` and `loopNext` leave or repeat the loop they are in. Where a node with a required
// transition would have to end the flow, it goes to the flow's end node (the kind's terminator),
// or the action stays raw when the kind has none.
//
// Where paths meet again after a branch, the compiler makes the meeting node a reusable task in
// kinds that have tasks, and repeats it elsewhere; a repeat would publish the actions twice, so
// the branching actions whose paths meet where no task can be made are rebuilt raw (demoted).
import { ACTIONS } from "../archy/catalogue/actions";
import { actionBranches, withBranch } from "../archy/branches";
import type { FlowKindDescriptor } from "../model/kinds";
import { inDegrees, loopStructure } from "../model/graph";
import { NODE_DESCRIPTORS, type FlowNode, type NodeType } from "../model/nodes";
import type { FlowModel } from "../model/schema";
import { ImportError } from "./errors";
import { isMap, pathText, single, type Json } from "./json";
import { ACTION_IMPORTERS, type ImportContext, type TypedMapping } from "./nodes";

/** Where a path goes: a node id, or nowhere (the path ends). */
export type Target = string | null;
const END: Target = null;

type Path = Array<string | number>;

interface Frame {
  /** The innermost typed loop: its node (loopNext) and where it goes when done (loopExit). */
  loop?: { self: string; done: Target };
  /** Inside a task called with callTask: where endTask goes (by output path name) and the task's end. */
  task?: { end: Target; outputs: ReadonlyMap<string, Target> };
}

export interface Element {
  /** `task`, `state`, `bot`. */
  kind: string;
  refId: string;
  name: string;
  actions: Json[];
  path: Path;
}

export interface GraphInput {
  kind: FlowKindDescriptor;
  archyKey: string;
  /** Elements the flow's actions can move to, by kind and refId. */
  elements: ReadonlyMap<string, Element>;
  ctx: ImportContext;
  /** Line of a path of the original document, for messages. */
  lineOf: (path: Path) => number | undefined;
  file: string;
}

export interface RawUse {
  path: string;
  line?: number;
  action: string;
  reason: string;
}

export interface BuiltGraph {
  nodes: Record<string, FlowNode>;
  /** Actions mapped to typed nodes, by node type. */
  typed: Record<string, number>;
  /** Raw actions (every action inside archy nodes, nested ones too), by action key, and why the outermost stayed raw. */
  raw: RawUse[];
  /** Structure moves consumed as edges (callTask, endTask, loopExit, ...), by key. */
  structural: Record<string, number>;
  /** The end node, when one was made. */
  end?: string;
  notes: string[];
}

/** The refId an element reference names: `/inboundCall/tasks/task[Main_10]` or `./tasks/task[Main_10]` -> kind and refId. */
export function parseRef(ref: Json): { kind: string; refId: string } | undefined {
  if (typeof ref !== "string") return undefined;
  const m = /^(?:\/[A-Za-z]+|\.)\/([A-Za-z]+)s\/([A-Za-z]+)\[(.+)\]$/.exec(ref);
  return m && m[1] === m[2] ? { kind: m[2], refId: m[3] } : undefined;
}

/** A node id for a label: letters, digits and _, starting with a letter, at most 64. */
export function idFor(label: string): string {
  let id = label.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").replace(/_+/g, "_");
  if (!/^[A-Za-z]/.test(id)) id = `N_${id}`;
  return id.slice(0, 56) || "Node";
}

const STRUCTURAL = new Set(["callTask", "endTask", "changeState", "jumpToTask", "loopExit", "loopNext"]);
/** References a raw action may not carry: the elements they name are nodes now. */
const ELEMENT_REFS = new Set(["targetTaskRef", "targetStateRef"]);

function terminates(action: Json): boolean {
  const key = single(action)?.[0];
  return key !== undefined && Object.hasOwn(ACTIONS, key) && ACTIONS[key].terminates === true && key !== "endTask";
}

/** Counts the actions of every action list in `list` (nested ones too), by key. */
export function countActions(list: Json, into: Record<string, number>): void {
  const visit = (v: Json, inList: boolean): void => {
    if (Array.isArray(v)) {
      for (const item of v) {
        const key = inList ? single(item)?.[0] : undefined;
        if (key !== undefined) into[key] = (into[key] ?? 0) + 1;
        visit(item, false);
      }
    } else if (isMap(v)) {
      for (const [k, x] of Object.entries(v)) visit(x, k === "actions" || k === "startUpTaskActions");
    }
  };
  visit(list, true);
}

class Builder {
  readonly nodes = new Map<string, FlowNode>();
  private readonly reserved = new Set<string>();
  readonly raw: RawUse[] = [];
  readonly structural: Record<string, number> = {};
  readonly notes: string[] = [];
  /** Continuation node -> the branching nodes (by source path) whose paths meet there. */
  readonly joins = new Map<string, Set<string>>();
  /** Source path of each node's action (for demotion). */
  readonly sourceOf = new Map<string, string>();
  private readonly memo = new Map<string, Target>();
  private readonly importing: string[] = [];
  end?: string;

  constructor(
    private readonly input: GraphInput,
    private readonly demoted: ReadonlySet<string>,
  ) {}

  private fail(path: Path, message: string): never {
    throw new ImportError(this.input.file, pathText(path), this.input.lineOf(path), message);
  }

  private newId(label: string): string {
    const base = idFor(label);
    let id = base;
    for (let i = 2; this.nodes.has(id) || this.reserved.has(id); i++) id = `${base}_${i}`;
    this.reserved.add(id);
    return id;
  }

  private put(id: string, node: FlowNode, path: Path): string {
    this.nodes.set(id, node);
    this.sourceOf.set(id, pathText(path));
    return id;
  }

  /** The flow's end node (the kind's terminator), made once; undefined when the kind has none. */
  endNode(): string | undefined {
    if (this.end !== undefined) return this.end;
    const { kind, ctx } = this.input;
    let node: FlowNode | undefined;
    if (kind.fallthrough === "disconnect" && ctx.allows("disconnect")) node = { type: "disconnect", transitions: {} };
    else if (kind.fallthrough === "endTask" && ctx.allows("return")) node = { type: "return", outcome: "completed", transitions: {} } as unknown as FlowNode;
    else if (kind.fallthrough !== "none" && kind.fallthrough !== "disconnect" && kind.fallthrough !== "endTask") {
      node = { type: "archy", actions: [{ [kind.fallthrough]: { name: "End" } }], transitions: {} };
    }
    if (!node) return undefined;
    this.end = this.newId("End");
    this.nodes.set(this.end, node);
    return this.end;
  }

  private snapshot(): { nodes: Set<string>; memo: Set<string>; raw: number; joins: Map<string, Set<string>>; end?: string } {
    return { nodes: new Set(this.nodes.keys()), memo: new Set(this.memo.keys()), raw: this.raw.length, joins: new Map([...this.joins].map(([k, v]) => [k, new Set(v)])), end: this.end };
  }

  private rollback(s: ReturnType<Builder["snapshot"]>): void {
    for (const id of [...this.nodes.keys()]) if (!s.nodes.has(id)) this.nodes.delete(id);
    for (const k of [...this.memo.keys()]) if (!s.memo.has(k)) this.memo.delete(k);
    this.raw.length = s.raw;
    this.joins.clear();
    for (const [k, v] of s.joins) this.joins.set(k, v);
    this.end = s.end;
  }

  /** The node a list starts at, every action of it made into nodes continuing at `cont`. */
  list(actions: Json[], path: Path, cont: Target, frame: Frame): Target {
    // Nothing after an action that ends the path runs: it stays with that action, raw.
    let cut = actions.findIndex((a) => terminates(a) || STRUCTURAL.has(single(a)?.[0] ?? "") && single(a)?.[0] !== "callTask");
    if (cut < 0) cut = actions.length - 1;
    const tail = actions.slice(cut + 1);
    if (tail.length > 0 && STRUCTURAL.has(single(actions[cut])?.[0] ?? "")) {
      this.fail([...path, cut + 1], `${tail.length} action(s) after ${single(actions[cut])?.[0]} never run; remove them in Architect and export again`);
    }
    let next = cont;
    let nextRaw: string | undefined;
    for (let i = cut; i >= 0; i--) {
      const before = this.nodes.size;
      const target = this.action(actions[i], [...path, i], next, frame, i === cut ? tail : []);
      const created = target !== null && this.nodes.size > before && this.nodes.get(target)?.type === "archy" ? target : undefined;
      // A run of raw actions is one archy node: an action with no branch of its own joins the node after it.
      if (created !== undefined && nextRaw !== undefined && next === nextRaw && this.isPlainRaw(created, next)) {
        const first = this.nodes.get(created) as Extract<FlowNode, { type: "archy" }>;
        const second = this.nodes.get(nextRaw) as Extract<FlowNode, { type: "archy" }>;
        this.nodes.delete(nextRaw);
        this.nodes.set(created, { type: "archy", ...(first.label !== undefined ? { label: first.label } : {}), actions: [...first.actions, ...second.actions], transitions: second.transitions });
      }
      nextRaw = created;
      next = target;
    }
    return next;
  }

  /** A raw node with no transition but `next` (to `next`), that nothing else points to yet. */
  private isPlainRaw(id: string, next: Target): boolean {
    const n = this.nodes.get(id);
    if (!n || n.type !== "archy") return false;
    const t = Object.entries(n.transitions);
    return (t.length === 0 && next === null) || (t.length === 1 && t[0][0] === "next" && t[0][1] === next);
  }

  private action(action: Json, path: Path, cont: Target, frame: Frame, tail: Json[]): Target {
    const entry = single(action);
    if (!entry || !isMap(entry[1])) return this.rawNode(action, path, cont, frame, tail, "it is not a one-key mapping of an action");
    const [key, body] = entry as [string, Record<string, Json>];
    if (STRUCTURAL.has(key)) {
      const target = this.structure(key, body, path, cont, frame);
      if (target !== undefined) {
        this.structural[key] = (this.structural[key] ?? 0) + 1;
        return target;
      }
    }
    const importer = ACTION_IMPORTERS[key];
    let reason: string;
    if (this.demoted.has(pathText(path))) reason = "its paths meet again where the compiler cannot share a node";
    else if (!importer) reason = `no node type for ${key} yet`;
    else if (tail.length > 0) reason = "actions after it never run";
    else if (!this.input.ctx.allows(importer.nodeType)) reason = `a ${this.input.kind.title} cannot use a ${importer.nodeType} node`;
    else {
      const mapped = importer.map(body, this.input.ctx);
      if ("raw" in mapped) reason = mapped.raw;
      else {
        const s = this.snapshot();
        const target = this.typed(mapped, key, body, path, cont, frame);
        if (target !== undefined) return target;
        this.rollback(s);
        reason = `a ${mapped.node.type} node here would have to end the flow, and a ${this.input.kind.title} has no action that ends it`;
      }
    }
    return this.rawNode(action, path, cont, frame, tail, reason);
  }

  /** Moves between elements and out of loops and tasks: the target, or undefined to keep the action raw. */
  private structure(key: string, body: Record<string, Json>, path: Path, cont: Target, frame: Frame): Target | undefined {
    switch (key) {
      case "loopExit":
        return frame.loop ? frame.loop.done : undefined;
      case "loopNext":
        return frame.loop ? frame.loop.self : undefined;
      case "endTask": {
        if (!frame.task) return END;
        const name = isMap(body.outputPath) && typeof body.outputPath.name === "string" ? body.outputPath.name : undefined;
        return name !== undefined && frame.task.outputs.has(name) ? frame.task.outputs.get(name)! : frame.task.end;
      }
      case "changeState":
        return this.element("state", body.targetStateRef, path, END, frame, new Map(), false);
      case "jumpToTask":
        return this.element("task", body.targetTaskRef, path, END, frame, new Map(), false);
      case "callTask": {
        const outputs = new Map<string, Target>();
        if (isMap(body.outputs)) {
          for (const [name, p] of Object.entries(body.outputs)) {
            if (isMap(p) && Array.isArray(p.actions)) outputs.set(name, this.list(p.actions, [...path, key, "outputs", name, "actions"], cont, frame));
          }
        }
        return this.element("task", body.targetTaskRef, path, cont, frame, outputs, true);
      }
    }
    return undefined;
  }

  private element(kind: string, ref: Json, path: Path, cont: Target, frame: Frame, outputs: Map<string, Target>, returns: boolean): Target {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) this.fail(path, `${JSON.stringify(ref)} is not a reference to a ${kind}`);
    const el = this.input.elements.get(`${kind}\u0000${parsed.refId}`);
    if (!el) this.fail(path, `${kind} "${parsed.refId}" does not exist in this flow`);
    const key = `${kind}\u0000${parsed.refId}`;
    if (this.importing.includes(key)) {
      this.fail(path, `${this.importing.map((k) => k.split("\u0000")[1]).join(" -> ")} -> ${parsed.refId}: ${kind}s call each other in a cycle, which a flow model cannot loop through (use a loop)`);
    }
    // A task that never returns is the same nodes wherever it is entered; one that returns is
    // made for each place it returns to.
    const returning = returns && canReturn(el.actions);
    const memoKey = returning ? `${key}\u0000${cont}\u0000${JSON.stringify([...outputs])}` : `${key}\u0000end`;
    if (this.memo.has(memoKey)) return this.memo.get(memoKey)!;
    this.importing.push(key);
    try {
      const taskFrame: Frame = { ...(frame.loop ? { loop: frame.loop } : {}), ...(returning ? { task: { end: cont, outputs } } : {}) };
      const target = this.list(el.actions, [...el.path, "actions"], returning ? cont : END, taskFrame);
      this.memo.set(memoKey, target);
      return target;
    } finally {
      this.importing.pop();
    }
  }

  /** Where a required transition that must end the flow goes: the end node, or undefined when the kind has none. */
  private endOr(target: Target): Target | undefined {
    return target !== null ? target : (this.endNode() ?? undefined);
  }

  private typed(m: TypedMapping, key: string, body: Record<string, Json>, path: Path, cont: Target, frame: Frame): Target | undefined {
    const label = typeof body.name === "string" && body.name !== "" ? body.name : undefined;
    const id = this.newId(label ?? m.node.type);
    const transitions: Record<string, string> = {};
    const node = { ...m.node, ...(label !== undefined && label !== id ? { label: label.slice(0, 200) } : {}) } as Record<string, unknown>;
    const specs = NODE_DESCRIPTORS[m.node.type as NodeType].transitions(node as never);
    if (m.loopBody !== undefined) {
      const done = this.endOr(cont);
      if (done === undefined) return undefined;
      transitions.done = done as string;
      const bodyStart = this.list(m.loopBody, [...path, key, "outputs", "loop", "actions"], id, { ...frame, loop: { self: id, done } });
      const start = this.endOr(bodyStart);
      if (start === undefined) return undefined;
      transitions.body = start as string;
    } else {
      let branching = false;
      for (const spec of specs) {
        const actions = m.branches[spec.name];
        const target = actions && actions.length > 0 ? this.list(actions, [...path, key, "outputs", spec.name, "actions"], cont, frame) : cont;
        if (Object.keys(m.branches).length > 1 || spec.name !== "next") branching = true;
        const resolved = spec.required ? this.endOr(target) : target;
        if (resolved === undefined) return undefined;
        if (resolved !== null) transitions[spec.name] = resolved;
      }
      if (branching && cont !== null) this.join(cont, path);
    }
    this.put(id, { ...node, transitions } as FlowNode, path);
    return id;
  }

  private join(cont: string, path: Path): void {
    const set = this.joins.get(cont) ?? new Set<string>();
    set.add(pathText(path));
    this.joins.set(cont, set);
  }

  private rawNode(action: Json, path: Path, cont: Target, frame: Frame, tail: Json[], reason: string): Target {
    const entry = single(action);
    const key = entry?.[0] ?? "(not an action)";
    const body = isMap(entry?.[1]) ? (entry![1] as Record<string, Json>) : {};
    const label = typeof body.name === "string" && body.name !== "" ? body.name : undefined;
    const id = this.newId(label ?? key);
    let copy = action as Record<string, unknown>;
    const transitions: Record<string, string> = {};
    const ends = terminates(action);
    if (entry && tail.length === 0 && !this.demoted.has(pathText(path))) {
      for (const b of actionBranches(action)) {
        let list: Json = body;
        for (const seg of b.path) list = isMap(list) || Array.isArray(list) ? (list as Record<string | number, Json>)[seg] : undefined;
        if (!Array.isArray(list) || list.length === 0) continue;
        const s = this.snapshot();
        const target = this.list(list, [...path, key, ...b.path], cont, frame);
        // A branch that must end while the flow would go on after the action ends at the end node.
        const resolved = target === null && cont !== null && !ends ? this.endNode() : target;
        if (resolved === undefined) {
          this.rollback(s);
          continue; // no end node in this kind: the branch keeps its actions
        }
        if (resolved !== null) transitions[b.name] = resolved;
        copy = withBranch(copy, b.path, []);
      }
      if (Object.keys(transitions).length > 0 && cont !== null) this.join(cont, path);
    }
    if (!ends && cont !== null) transitions.next = cont;
    // What never runs (after an action that ends the path) is kept as it was, unchecked.
    this.checkRaw([copy as Json], path, frame);
    const actions = [copy, ...tail] as Array<Record<string, unknown>>;
    this.raw.push({ path: pathText(path), line: this.input.lineOf(path), action: key, reason });
    this.put(id, { type: "archy", ...(label !== undefined && label !== id ? { label: label.slice(0, 200) } : {}), actions, transitions } as FlowNode, path);
    return id;
  }

  /** Raw actions may not move to elements (they are nodes now) nor end a task the flow calls. */
  private checkRaw(actions: Json[], path: Path, frame: Frame): void {
    const visit = (v: Json, at: Path): void => {
      if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...at, i]));
      else if (isMap(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (ELEMENT_REFS.has(k)) this.fail([...path, ...at, k], `raw Archy that ${this.input.kind.title}s cannot hold as nodes moves to ${JSON.stringify(x)}; the flow model has no such move inside raw actions`);
          if (k === "endTask" && frame.task) this.fail([...path, ...at, k], "raw Archy ends a task the flow calls and returns from (endTask); the flow model has no such move inside raw actions");
          visit(x, [...at, k]);
        }
      }
    };
    visit(actions, []);
  }
}

/** Whether running `actions` can come back to the caller: an endTask, or an end that falls through. */
export function canReturn(actions: Json[]): boolean {
  let found = false;
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) for (const [k, x] of Object.entries(v)) (k === "endTask" ? (found = true) : visit(x));
  };
  visit(actions);
  if (found) return true;
  const last = actions[actions.length - 1];
  return !(terminates(last) || ["jumpToTask", "changeState"].includes(single(last)?.[0] ?? ""));
}

/**
 * Branching nodes to rebuild raw: those whose paths meet at a node the compiler would repeat
 * (no reusable tasks in this kind, or inside a loop's body). The end node is exempt: repeating
 * the kind's terminator publishes the same flow.
 */
function joinsToDemote(b: Builder, kind: FlowKindDescriptor, start: string): string[] {
  const model = { kind: kind.kind, nodes: Object.fromEntries(b.nodes), start } as unknown as FlowModel;
  const structure = loopStructure(model);
  const inLoop = new Set<string>();
  const exits = new Map<string, number>();
  for (const [loop, members] of structure.bodies) {
    const node = b.nodes.get(loop) as Extract<FlowNode, { type: "loop" }>;
    inLoop.add(node.transitions.body);
    for (const m of members) {
      inLoop.add(m);
      // Leaving the loop from its body is loopExit: the done node is written once, after the loop.
      const n = b.nodes.get(m)!;
      const leaving = Object.values(n.transitions as Record<string, string>).filter((t) => t === node.transitions.done).length;
      exits.set(node.transitions.done, (exits.get(node.transitions.done) ?? 0) + leaving);
    }
  }
  const preds = new Map([...inDegrees(model, structure)].map(([id, n]) => [id, n - (exits.get(id) ?? 0)]));
  const out: string[] = [];
  for (const [id, count] of preds) {
    if (count < 2 || id === b.end) continue;
    if (kind.reusableTasks && !inLoop.has(id)) continue;
    for (const source of b.joins.get(id) ?? []) out.push(source);
  }
  return out.sort();
}

export interface GraphResult extends BuiltGraph {
  start: string;
}

/**
 * Builds the node graph from the entry actions (continuing nowhere at their end). Rebuilds with
 * the branching actions whose paths would be repeated kept raw, until none is left.
 */
export function buildGraph(input: GraphInput, entry: { actions: Json[]; path: Path } | { node: FlowNode; label: string }): GraphResult {
  const demoted = new Set<string>();
  for (let round = 0; ; round++) {
    const b = new Builder(input, demoted);
    let start: Target;
    if ("node" in entry) {
      start = idFor(entry.label);
      b.nodes.set(start, entry.node);
    } else {
      start = b.list(entry.actions, entry.path, END, {});
    }
    if (start === null) start = b.endNode() ?? null;
    if (start === null) throw new ImportError(input.file, pathText("path" in entry ? entry.path : []), undefined, "the flow has no action to start with");
    const demote = joinsToDemote(b, input.kind, start).filter((s) => !demoted.has(s));
    if (demote.length === 0 || round > 50) {
      const typed: Record<string, number> = {};
      for (const n of b.nodes.values()) if (n.type !== "archy" && n !== (b.end ? b.nodes.get(b.end) : undefined)) typed[n.type] = (typed[n.type] ?? 0) + 1;
      return { nodes: Object.fromEntries(b.nodes), start, typed, raw: b.raw, structural: b.structural, ...(b.end ? { end: b.end } : {}), notes: b.notes };
    }
    for (const s of demote) demoted.add(s);
  }
}
