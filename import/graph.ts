// The Archy tree of a flow as the model's node graph. Pure and deterministic.
//
// Each action list is read from its end: an action continues at the node of the action after it
// (or, at the end of the list, where the list's owner continues: after a branching action, back
// to a loop, or nowhere). A typed node is made when an importer maps the action (import/nodes),
// with a transition per branch; any other action becomes raw Archy in an `archy` node (runs of
// them share one), whose last action's branches become transitions too. The structure moves of
// Archy are edges, not nodes: `callTask` goes into the task and, where the task returns (endTask
// or its end), on after the call; `changeState` and `jumpToTask` go to the state or task;
// `loopExit` leaves the loop it is in. Where a node with a required
// transition would have to end the flow, it goes to the flow's end node (the kind's terminator),
// or the action stays raw when the kind has none. `loopNext` is kept as written, in an archy node
// whose transition goes back to the loop: a transition back compiles to no action where the body
// ends anyway, and the export's action would be lost.
//
// Where paths meet again after a branch, the compiler makes the meeting node a reusable task in
// kinds that have tasks, and repeats it elsewhere; a repeat would publish the actions twice, so
// the branching actions whose paths meet where no task can be made are rebuilt raw (demoted), and
// a task or state entered from places whose paths do not meet there is kept as exported.
//
// What the node graph cannot hold is kept verbatim, never refused: a task, state or bot that raw
// Archy moves to (a digital menu's path jumping to a task, a menu choice), that is part of a cycle
// of jumps, or that a jump followed by actions that never run goes to, stays a raw element
// (archySettings.tasks/states/bots), and so does everything it moves to; the nodes enter it with
// the move itself, raw. The graph is rebuilt until no element has to become raw.
//
// Except a task raw Archy moves to for good (a jump, or a call of a task that never returns) in a
// kind with reusable tasks: it stays typed, entered where the raw Archy moves to it. Its first node
// is then a task of its own in the compiled flow, with the node's id as refId (model/rawEntries.ts),
// and the raw Archy's reference names that node (the anchor); the call or jump publishes as before.
import { ACTIONS } from "../archy/catalogue/actions";
import { actionBranches, withBranch } from "../archy/branches";
import type { FlowKindDescriptor } from "../model/kinds";
import { cyclesWithoutJump, edgeKey, inDegrees, joinRegions, loopStructure, structuredJoins } from "../model/graph";
import { NODE_DESCRIPTORS, targetsOf, type FlowNode, type NodeType } from "../model/nodes";
import type { FlowModel } from "../model/schema";
import { ImportError } from "./errors";
import { isMap, pathText, single, type Json } from "../archy/json";
import { extraFields } from "../archy/values";
import { idFor, parseRef } from "./refs";
import { withRefId } from "../archy/refs";
import { Returns } from "./returns";
import { ACTION_IMPORTERS, type ImportContext, type TypedMapping } from "../model/nodes";
import { fieldsMissingFrom } from "../model/nodes/importContext";
import { planMenu, type ChoiceAction } from "./menus";

/** Thrown while building: these elements (by key) must stay raw; the graph is rebuilt with them raw. */
class NeedsRaw extends Error {
  constructor(
    readonly keys: string[],
    /** Why, for the report (a menu the node cannot express). */
    readonly why?: string,
  ) {
    super(`elements to keep raw: ${keys.join(", ")}`);
  }
}

/** The target standing for an element's first node while the element is being read. */
function placeholder(key: string): string {
  return `\u0001${key}`;
}

/** `task\u0000<refId>`: an element's key. */
export function elementKey(kind: string, refId: string): string {
  return `${kind}\u0000${refId}`;
}

/** Where a path goes: a node id, or nowhere (the path ends). */
export type Target = string | null;
const END: Target = null;

type Path = Array<string | number>;

interface Frame {
  /** The innermost typed loop: its node (loopNext) and where it goes when done (loopExit). */
  loop?: { self: string; done: Target };
  /** Inside a task called with callTask: where endTask goes (by output path name) and the task's end. */
  task?: { end: Target; outputs: ReadonlyMap<string, Target> };
  /** The element whose actions are being read (a raw endTask in a task the flow returns from makes it raw). */
  element?: string;
}

export interface Element {
  /** `task`, `state`, `bot`, or `menu` (a call menu of `menus`). */
  kind: string;
  refId: string;
  name: string;
  actions: Json[];
  path: Path;
  /** A menu's own mapping (its choices move on from there). */
  menu?: Record<string, Json>;
}

/** What the graph builder knows of the flow besides what importers get: which node types its kind offers. */
export interface GraphContext extends ImportContext {
  /** Whether the flow's kind offers this node type (a module: every kind it serves does). */
  allows(type: NodeType): boolean;
}

export interface GraphInput {
  kind: FlowKindDescriptor;
  archyKey: string;
  /** Elements the flow's actions can move to, by kind and refId. */
  elements: ReadonlyMap<string, Element>;
  ctx: GraphContext;
  /** Line of a path of the original document, for messages. */
  lineOf: (path: Path) => number | undefined;
  file: string;
  /** Elements kept raw from the start (those raw menus move to), by key; the build adds more. */
  raw?: ReadonlySet<string>;
  /**
   * Menus holding a choice global to the flow (offered in every menu), by key: menu nodes wherever
   * another menu is one, entered or not; kept raw (with what they move to) when no menu is a node.
   */
  globalMenus?: readonly string[];
  /** refIds node ids must not take: raw elements and raw menus keep theirs. */
  reservedIds?: ReadonlySet<string>;
  /** The flow's language, for the spoken terms of menu choices. */
  language: string;
}

export interface RawUse {
  path: string;
  line?: number;
  action: string;
  reason: string;
}

/** A move in a piece of Archy to an element: the element's key, and whether it is a call (callTask) that comes back. */
interface ElementMove {
  key: string;
  call: boolean;
}

/**
 * Whether raw Archy's move to this element can go to typed nodes instead (an anchor, see the
 * header): a task, in a kind with reusable tasks between which the compiled flow jumps, moved to
 * for good (a jump, or a call of a task that never returns).
 */
function anchorable(
  elements: ReadonlyMap<string, Element>,
  kind: FlowKindDescriptor,
  move: ElementMove,
  returns: Returns,
): boolean {
  const el = elements.get(move.key);
  return (
    el !== undefined &&
    el.kind === "task" &&
    kind.reusableTasks &&
    !kind.isModule &&
    !(move.call && returns.task(move.key))
  );
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
  /** Each node's action (its first, for a run of raw actions) or menu in the original document. */
  sources: ReadonlyMap<string, ReadonlyArray<string | number>>;
}

const STRUCTURAL = new Set(["callTask", "endTask", "changeState", "jumpToTask", "jumpToMenu", "loopExit", "loopNext"]);
/**
 * The fields a move that becomes an edge may have: an edge holds nothing else, so a move with any
 * other field (a callTask's `taskInputs`, the values it gives the called task's inputs) stays raw,
 * never dropped.
 */
const MOVE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  callTask: ["name", "targetTaskRef", "outputs"],
  endTask: ["name", "outputPath"],
  changeState: ["name", "targetStateRef"],
  jumpToTask: ["name", "targetTaskRef"],
  jumpToMenu: ["name", "targetMenuRef"],
  loopExit: ["name"],
  loopNext: ["name"],
};
/** References a raw action may not carry: the elements they name are nodes now. */
const ELEMENT_REFS = new Set(["targetTaskRef", "targetStateRef", "targetMenuRef"]);

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
  /** The same, as a path of the original document (for the lines of messages). */
  readonly pathOf = new Map<string, Path>();
  private readonly memo = new Map<string, Target>();
  /** Returning tasks read so far: key -> the place they return to (memo key). */
  private readonly returnsTo = new Map<string, string>();
  /** Elements being read (outermost first), and menus whose choices are being read ("menu"). */
  private readonly importing: Array<
    { key: string; kind: "element"; returning: boolean; inLoop: boolean } | { kind: "menu" }
  > = [];
  /** Elements a path came back to while being read (a cycle): placeholder targets to fill in. */
  private readonly comeBack = new Set<string>();
  /** Every element a cycle came back to, for the check after the build. */
  readonly cycleTargets = new Set<string>();
  /** Typed tasks the raw actions move to (anchors), by key. */
  readonly anchored = new Set<string>();
  end?: string;

  constructor(
    private readonly input: GraphInput,
    private readonly demoted: ReadonlySet<string>,
    private readonly rawElements: ReadonlySet<string>,
    private readonly returns: Returns,
  ) {
    for (const id of input.reservedIds ?? []) this.reserved.add(id);
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
    this.pathOf.set(id, [...path]);
    return id;
  }

  /** The flow's end node (the kind's terminator), made once; undefined when the kind has none. */
  endNode(): string | undefined {
    if (this.end !== undefined) return this.end;
    const { kind, ctx } = this.input;
    let node: FlowNode | undefined;
    if (kind.fallthrough === "disconnect" && ctx.allows("disconnect")) node = { type: "disconnect", transitions: {} };
    else if (kind.fallthrough === "endTask" && ctx.allows("return"))
      node = { type: "return", outcome: "completed", transitions: {} } as unknown as FlowNode;
    else if (kind.fallthrough !== "none" && kind.fallthrough !== "disconnect" && kind.fallthrough !== "endTask") {
      node = { type: "archy", actions: [{ [kind.fallthrough]: { name: "End" } }], transitions: {} };
    }
    if (!node) return undefined;
    this.end = this.newId("End");
    this.nodes.set(this.end, node);
    return this.end;
  }

  private snapshot(): {
    nodes: Set<string>;
    memo: Set<string>;
    returnsTo: Map<string, string>;
    raw: number;
    joins: Map<string, Set<string>>;
    end?: string;
  } {
    return {
      nodes: new Set(this.nodes.keys()),
      memo: new Set(this.memo.keys()),
      returnsTo: new Map(this.returnsTo),
      raw: this.raw.length,
      joins: new Map([...this.joins].map(([k, v]) => [k, new Set(v)])),
      end: this.end,
    };
  }

  private rollback(s: ReturnType<Builder["snapshot"]>): void {
    for (const id of [...this.nodes.keys()]) if (!s.nodes.has(id)) this.nodes.delete(id);
    for (const k of [...this.memo.keys()]) if (!s.memo.has(k)) this.memo.delete(k);
    this.returnsTo.clear();
    for (const [k, v] of s.returnsTo) this.returnsTo.set(k, v);
    this.raw.length = s.raw;
    this.joins.clear();
    for (const [k, v] of s.joins) this.joins.set(k, v);
    this.end = s.end;
  }

  /** The node a list starts at, every action of it made into nodes continuing at `cont`. */
  list(actions: Json[], path: Path, cont: Target, frame: Frame): Target {
    // Nothing after an action that ends the path runs (a call of a task that never comes back
    // too): it stays with that action, raw.
    let cut = actions.findIndex(
      (a) =>
        terminates(a) ||
        (STRUCTURAL.has(single(a)?.[0] ?? "") && single(a)?.[0] !== "callTask") ||
        (single(a)?.[0] === "callTask" && !this.returns.goesOn(a)),
    );
    if (cut < 0) cut = actions.length - 1;
    // Actions after a move never run; exports of flows in use keep them. The move stays raw
    // with them (and so does the element it moves to), as the export has it.
    const tail = actions.slice(cut + 1);
    let next = cont;
    let nextRaw: string | undefined;
    for (let i = cut; i >= 0; i--) {
      const before = this.nodes.size;
      const target = this.action(actions[i], [...path, i], next, frame, i === cut ? tail : []);
      const created =
        target !== null && this.nodes.size > before && this.nodes.get(target)?.type === "archy" ? target : undefined;
      // A run of raw actions is one archy node: an action with no branch of its own joins the node after it.
      // An element's first node is not merged: other moves to the element reach it later.
      if (
        created !== undefined &&
        nextRaw !== undefined &&
        next === nextRaw &&
        this.isPlainRaw(created, next) &&
        !this.isElementEntry(created) &&
        !this.isElementEntry(nextRaw)
      ) {
        const first = this.nodes.get(created) as Extract<FlowNode, { type: "archy" }>;
        const second = this.nodes.get(nextRaw) as Extract<FlowNode, { type: "archy" }>;
        this.nodes.delete(nextRaw);
        this.nodes.set(created, {
          type: "archy",
          ...(first.label !== undefined ? { label: first.label } : {}),
          actions: [...first.actions, ...second.actions],
          transitions: second.transitions,
        });
      }
      nextRaw = created;
      next = target;
    }
    return next;
  }

  /** The element (by key) each element's first node starts, for the elements read so far. */
  elementEntries(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, t] of this.memo)
      if (t !== null && !k.startsWith("menu:")) out.set(t, k.slice(0, k.indexOf("\u0000", k.indexOf("\u0000") + 1)));
    return out;
  }

  /** Whether the node is where an element (a task, a state, a menu) starts. */
  private isElementEntry(id: string): boolean {
    for (const t of this.memo.values()) if (t === id) return true;
    return false;
  }

  /** A raw node with no transition but `next` (to `next`), that nothing else points to yet. */
  private isPlainRaw(id: string, next: Target): boolean {
    const n = this.nodes.get(id);
    if (n?.type !== "archy") return false;
    const t = Object.entries(n.transitions);
    return (t.length === 0 && next === null) || (t.length === 1 && t[0][0] === "next" && t[0][1] === next);
  }

  private action(action: Json, path: Path, cont: Target, frame: Frame, tail: Json[]): Target {
    const entry = single(action);
    if (!entry || !isMap(entry[1]))
      return this.rawNode(action, path, cont, frame, tail, "it is not a one-key mapping of an action");
    const [key, body] = entry as [string, Record<string, Json>];
    const unheld = STRUCTURAL.has(key) ? extraFields(body, MOVE_FIELDS[key]) : [];
    if (key === "loopNext" && frame.loop && tail.length === 0 && unheld.length === 0)
      return this.nextLoop(action, body, path, frame.loop.self);
    if (STRUCTURAL.has(key) && tail.length === 0 && unheld.length === 0) {
      const target = this.structure(key, body, path, cont, frame);
      if (target !== undefined) {
        // The move into the start element that the import itself adds is not the flow's.
        if (!(path.length === 3 && path[1] === "startUpRef")) this.structural[key] = (this.structural[key] ?? 0) + 1;
        return target;
      }
    }
    const importers = ACTION_IMPORTERS.get(key) ?? [];
    const allowed = importers.filter((i) => this.input.ctx.allows(i.type));
    let reason: string | undefined;
    if (STRUCTURAL.has(key)) {
      reason =
        tail.length > 0
          ? "actions after it never run; they are kept as exported"
          : unheld.length > 0
            ? `a move between nodes has no field for its ${unheld.join(", ")}; it is kept as exported`
            : "it moves to a task, state or bot kept as exported (raw)";
    } else if (this.demoted.has(pathText(path))) reason = "its paths meet again where the compiler cannot share a node";
    else if (importers.length === 0) reason = `no node type for ${key} yet`;
    else if (tail.length > 0) reason = "actions after it never run";
    else if (allowed.length === 0)
      reason = `a ${this.input.kind.title} cannot use a ${importers.map((i) => i.type).join(" or ")} node`;
    else {
      // The first importer that maps the action makes its node; else every importer's reason is reported.
      const reasons: string[] = [];
      for (const importer of allowed) {
        const { fields } = importer.importer;
        const mapped =
          (fields && fieldsMissingFrom(importer.type, body, fields)) || importer.importer.map(body, this.input.ctx);
        if ("raw" in mapped) {
          if (!reasons.includes(mapped.raw)) reasons.push(mapped.raw);
          reason = reasons.join("; ");
          continue;
        }
        const s = this.snapshot();
        const target = this.typed(mapped, key, body, path, cont, frame);
        if (target !== undefined) return target;
        this.rollback(s);
        reason = `a ${mapped.node.type} node here would have to end the flow, and a ${this.input.kind.title} has no action that ends it`;
        break;
      }
    }
    return this.rawNode(action, path, cont, frame, tail, reason!);
  }

  /**
   * Next Loop, kept as written with its move back to the loop: the model repeats a loop by a
   * transition back to the loop node, which compiles to no action where the body's path ends
   * anyway, so the action itself would be lost.
   */
  private nextLoop(action: Json, body: Record<string, Json>, path: Path, loop: string): string {
    const label = typeof body.name === "string" && body.name !== "" ? body.name : undefined;
    const id = this.newId(label ?? "loopNext");
    this.raw.push({
      path: pathText(path),
      line: this.input.lineOf(path),
      action: "loopNext",
      reason:
        "a transition back to a loop node compiles to no action where the body ends; Next Loop is kept as written",
    });
    return this.put(
      id,
      {
        type: "archy",
        ...(label !== undefined && label !== id ? { label } : {}),
        actions: [action as Record<string, unknown>],
        transitions: { next: loop },
      } as FlowNode,
      path,
    );
  }

  /** Moves between elements and out of loops and tasks: the target, or undefined to keep the action raw. */
  private structure(
    key: string,
    body: Record<string, Json>,
    path: Path,
    cont: Target,
    frame: Frame,
  ): Target | undefined {
    switch (key) {
      case "loopExit":
        return frame.loop ? frame.loop.done : undefined;
      case "loopNext":
        return frame.loop ? frame.loop.self : undefined;
      case "endTask": {
        if (!frame.task) return END;
        const name =
          isMap(body.outputPath) && typeof body.outputPath.name === "string" ? body.outputPath.name : undefined;
        return name !== undefined && frame.task.outputs.has(name) ? frame.task.outputs.get(name)! : frame.task.end;
      }
      case "changeState":
        return this.isRawTarget("state", body.targetStateRef)
          ? undefined
          : this.element("state", body.targetStateRef, END, frame, new Map(), false);
      case "jumpToTask":
        return this.isRawTarget("task", body.targetTaskRef)
          ? undefined
          : this.element("task", body.targetTaskRef, END, frame, new Map(), false);
      case "jumpToMenu":
        return this.isRawTarget("menu", body.targetMenuRef)
          ? undefined
          : this.menu(elementKey("menu", parseRef(body.targetMenuRef)!.refId));
      case "callTask": {
        if (this.isRawTarget("task", body.targetTaskRef)) return undefined;
        const outputs = new Map<string, Target>();
        if (isMap(body.outputs)) {
          for (const [name, p] of Object.entries(body.outputs)) {
            if (isMap(p) && Array.isArray(p.actions))
              outputs.set(name, this.list(p.actions, [...path, key, "outputs", name, "actions"], cont, frame));
          }
        }
        return this.element("task", body.targetTaskRef, cont, frame, outputs, true);
      }
    }
    return undefined;
  }

  /** The menus holding global choices that are not read yet: menu nodes when another menu is one, else kept raw. */
  globalMenus(keys: readonly string[], raw: ReadonlySet<string>): void {
    for (const key of keys) {
      if (raw.has(key) || this.memo.has(`menu:${key}`)) continue;
      if ([...this.nodes.values()].some((n) => n.type === "menu")) this.menu(key);
      else throw new NeedsRaw([key]);
    }
  }

  /** A menu of `menus` as a menu node (once, wherever it is entered), or raw when the node cannot express it. */
  private menu(key: string): Target {
    const memoKey = `menu:${key}`;
    if (this.memo.has(memoKey)) return this.memo.get(memoKey)!;
    const el = this.input.elements.get(key)!;
    const id = this.menuNode(el.menu!, el.path, [key]);
    this.memo.set(memoKey, id);
    return id;
  }

  /** The node of a menu mapping (a menu of `menus`, or a sub-menu inside a choice); `owners`: the menus of `menus` to keep raw when it cannot be typed. */
  private menuNode(menu: Record<string, Json>, path: Path, owners: string[]): string {
    const plan = this.input.ctx.allows("menu")
      ? planMenu(menu, path, this.input.language)
      : { raw: `a ${this.input.kind.title} cannot use a menu node` };
    if ("raw" in plan) throw new NeedsRaw(owners, `menu "${String(menu.name ?? "")}" stays raw: ${plan.raw}`);
    const id = this.newId(plan.label);
    // Entered before its choices are built: a choice may come back to the menu.
    const key = owners[owners.length - 1];
    if (owners.length === 1) this.memo.set(`menu:${key}`, id);
    const transitions: Record<string, string> = {};
    const choices: Record<string, Record<string, unknown>> = {};
    // The export's default choice, or none (not a disconnect the compiler would add).
    const defaultChoice =
      plan.choices.find((c) => c.refId !== undefined && c.refId === plan.defaultChoice)?.key ?? false;
    this.importing.push({ kind: "menu" });
    try {
      for (const c of plan.choices) {
        const { key, label, does, refId: _refId, ...how } = c;
        const choice: Record<string, unknown> = { ...(label !== key ? { label } : {}), ...how };
        choices[key] = choice;
        if (does.kind === "previousMenu" || does.kind === "disconnect") {
          choice[does.kind] = true;
          continue;
        }
        const target = this.choiceTarget(does, path, owners);
        const resolved = target ?? this.endNode();
        if (resolved === undefined || resolved === null) throw new NeedsRaw(owners);
        transitions[key] = resolved;
        const archyChoice = keptKind(does.kind, this.nodes.get(resolved));
        if (archyChoice !== undefined) choice.archyChoice = archyChoice;
      }
    } finally {
      this.importing.pop();
    }
    const node = {
      ...plan.node,
      ...(plan.label !== id ? { label: plan.label.slice(0, 200) } : {}),
      choices,
      defaultChoice,
      transitions,
    };
    this.put(id, node as unknown as FlowNode, path);
    this.structural.menu = (this.structural.menu ?? 0) + 1;
    return id;
  }

  /** Where a menu choice goes. */
  private choiceTarget(does: ChoiceAction, path: Path, owners: string[]): Target {
    switch (does.kind) {
      case "actions":
        return this.list(does.actions, does.path, END, {});
      case "jumpToTask":
        return this.isRawTarget("task", does.ref)
          ? this.rawMove({ jumpToTask: { name: "Jump to Reusable Task", targetTaskRef: does.ref } }, path)
          : this.element("task", does.ref, END, {}, new Map(), false);
      case "jumpToMenu":
        return this.isRawTarget("menu", does.ref)
          ? this.rawMove({ jumpToMenu: { name: "Jump to Menu", targetMenuRef: does.ref } }, path)
          : this.menu(elementKey("menu", parseRef(does.ref)!.refId));
      case "subMenu":
        return this.menuNode(does.menu, does.path, owners);
      case "transferToAcd":
        return this.action({ transferToAcd: does.body }, path, END, {}, []);
      case "disconnect":
      case "previousMenu":
        throw new Error(`internal: a ${does.kind} choice goes to no node`);
    }
  }

  /** A raw move (a jump to a task or menu kept raw): an archy node that ends the path. */
  private rawMove(move: Record<string, Json>, path: Path): string {
    const [key, body] = Object.entries(move)[0] as [string, Record<string, Json>];
    const id = this.newId(typeof body.name === "string" ? body.name : key);
    this.raw.push({
      path: pathText(path),
      line: this.input.lineOf(path),
      action: key,
      reason: "it moves to a task or menu kept as exported (raw)",
    });
    return this.put(id, { type: "archy", actions: [move], transitions: {} } as FlowNode, path);
  }

  /**
   * Whether a move to this reference stays raw: its element is kept raw, or it names no element of
   * the flow (the validator then reports the reference; the import keeps it as written).
   */
  private isRawTarget(kind: string, ref: Json): boolean {
    const parsed = parseRef(ref);
    if (!parsed || parsed.kind !== kind) return true;
    const key = elementKey(kind, parsed.refId);
    return this.rawElements.has(key) || !this.input.elements.has(key);
  }

  private element(
    kind: string,
    ref: Json,
    cont: Target,
    frame: Frame,
    outputs: Map<string, Target>,
    returns: boolean,
  ): Target {
    const parsed = parseRef(ref)!;
    const key = elementKey(kind, parsed.refId);
    const el = this.input.elements.get(key)!;
    // A task that never returns is the same nodes wherever it is entered; one that returns is
    // made for each place it returns to.
    const returning = returns && this.returns.task(key);
    const at = this.importing.findIndex((e) => e.kind === "element" && e.key === key);
    if (at >= 0) return this.cameBack(key, at, returning, frame);
    const memoKey = returning ? `${key}\u0000${cont}\u0000${JSON.stringify([...outputs])}` : `${key}\u0000end`;
    if (this.memo.has(memoKey)) return this.memo.get(memoKey)!;
    // A task that returns to two different places would be two copies of its nodes, each edited
    // on its own: it is kept as exported, and called where it was.
    const other = this.returnsTo.get(key);
    if (returning && other !== undefined && other !== memoKey)
      throw new NeedsRaw(
        [key],
        `task "${el.name}" is called from places that go on differently; it is kept as exported`,
      );
    if (returning) this.returnsTo.set(key, memoKey);
    this.importing.push({ key, kind: "element", returning, inLoop: frame.loop !== undefined });
    try {
      const taskFrame: Frame = {
        ...(frame.loop ? { loop: frame.loop } : {}),
        ...(returning ? { task: { end: cont, outputs } } : {}),
        element: key,
      };
      const target = this.list(el.actions, [...el.path, "actions"], returning ? cont : END, taskFrame);
      if (this.comeBack.delete(key)) this.fillIn(placeholder(key), target);
      this.memo.set(memoKey, target);
      return target;
    } finally {
      this.importing.pop();
    }
  }

  /**
   * A path moves back to an element still being read (a cycle). The model has it where the
   * compiler can write it with a jump: to a task that never returns, outside loops, through a
   * menu or in a kind with reusable tasks (model/graph.ts cyclesWithoutJump, checked again after
   * the build). Then a placeholder target, filled in once the element's first node is known;
   * otherwise the element is kept as exported.
   */
  private cameBack(key: string, at: number, returning: boolean, frame: Frame): Target {
    const entry = this.importing[at] as { returning: boolean; inLoop: boolean };
    const { kind } = this.input;
    const throughMenu = this.importing.slice(at + 1).some((e) => e.kind === "menu");
    const jumps = (kind.reusableTasks && !kind.isModule) || throughMenu;
    if (returning || entry.returning || entry.inLoop || frame.loop !== undefined || !jumps) throw new NeedsRaw([key]);
    this.comeBack.add(key);
    this.cycleTargets.add(key);
    return placeholder(key);
  }

  /** Every transition (and memoized target, and meeting point) to `from` now goes to `to`. */
  private fillIn(from: string, to: Target): void {
    const resolved = to ?? this.endNode();
    if (resolved === undefined || resolved === null) throw new NeedsRaw([from.slice(1)]);
    for (const node of this.nodes.values()) {
      const t = node.transitions as Record<string, string>;
      for (const [name, target] of Object.entries(t)) if (target === from) t[name] = resolved;
    }
    for (const [k, v] of this.memo) if (v === from) this.memo.set(k, resolved);
    const joined = this.joins.get(from);
    if (joined) {
      this.joins.delete(from);
      this.joins.set(resolved, new Set([...(this.joins.get(resolved) ?? []), ...joined]));
    }
  }

  /** Where a required transition that must end the flow goes: the end node, or undefined when the kind has none. */
  private endOr(target: Target): Target | undefined {
    return target !== null ? target : (this.endNode() ?? undefined);
  }

  private typed(
    m: TypedMapping,
    key: string,
    body: Record<string, Json>,
    path: Path,
    cont: Target,
    frame: Frame,
  ): Target | undefined {
    const label = typeof body.name === "string" && body.name !== "" ? body.name : undefined;
    const id = this.newId(label ?? m.node.type);
    const transitions: Record<string, string> = {};
    const node = {
      ...m.node,
      ...(label !== undefined && label !== id ? { label: label.slice(0, 200) } : {}),
    } as Record<string, unknown>;
    const specs = NODE_DESCRIPTORS[m.node.type as NodeType].transitions(node as never);
    if (m.loopBody !== undefined) {
      const done = this.endOr(cont);
      if (done === undefined) return undefined;
      transitions.done = done as string;
      const bodyStart = this.list(m.loopBody, [...path, key, "outputs", "loop", "actions"], id, {
        ...frame,
        loop: { self: id, done },
      });
      const start = this.endOr(bodyStart);
      if (start === undefined) return undefined;
      transitions.body = start as string;
    } else {
      let branching = false;
      for (const spec of specs) {
        const actions = m.branches[spec.name];
        const target =
          actions && actions.length > 0
            ? this.list(actions, [...path, key, "outputs", spec.name, "actions"], cont, frame)
            : cont;
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
        for (const seg of b.path)
          list = isMap(list) || Array.isArray(list) ? (list as Record<string | number, Json>)[seg] : undefined;
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
    this.checkRaw([copy as Json, ...tail], frame);
    const actions = [copy, ...tail] as Array<Record<string, unknown>>;
    this.raw.push({ path: pathText(path), line: this.input.lineOf(path), action: key, reason });
    this.put(
      id,
      {
        type: "archy",
        ...(label !== undefined && label !== id ? { label: label.slice(0, 200) } : {}),
        actions,
        transitions,
      } as FlowNode,
      path,
    );
    return id;
  }

  /**
   * Raw actions can move only to raw elements: an element they move to is made raw (the graph is
   * rebuilt), and so is a task they end that the flow calls and returns from.
   */
  private checkRaw(actions: Json[], frame: Frame): void {
    const needed: string[] = [];
    for (const move of elementMoves(actions)) {
      if (!this.input.elements.has(move.key) || this.rawElements.has(move.key)) continue;
      if (anchorable(this.input.elements, this.input.kind, move, this.returns)) this.anchored.add(move.key);
      else needed.push(move.key);
    }
    const visit = (v: Json): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (isMap(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (k === "endTask" && frame.task && frame.element !== undefined && !this.rawElements.has(frame.element))
            needed.push(frame.element);
          visit(x);
        }
      }
    };
    visit(actions);
    if (needed.length > 0) throw new NeedsRaw([...new Set(needed)]);
  }

  /**
   * The first node of each anchored task (entered for good, as a jump enters it), by refId: the
   * raw elements' moves to typed tasks and the raw actions' (checkRaw). A task whose first node
   * cannot be a task of its own (a menu, a node in a loop's body), or that the typed graph also
   * runs and returns from, is kept raw after all.
   */
  anchors(start: string): Map<string, string> {
    const keys = new Set(this.anchored);
    for (const key of this.rawElements) {
      const el = this.input.elements.get(key);
      for (const move of el ? elementMoves(el.menu ?? el.actions) : [])
        if (this.input.elements.has(move.key) && !this.rawElements.has(move.key)) keys.add(move.key);
    }
    const out = new Map<string, string>();
    const byId = new Map<string, string>();
    for (const key of [...keys].sort()) {
      const el = this.input.elements.get(key)!;
      if (this.returnsTo.has(key))
        throw new NeedsRaw(
          [key],
          `task "${el.name}" is run and returned from by typed nodes and moved to by raw Archy; it is kept as exported`,
        );
      const target = this.element("task", `/${this.input.archyKey}/tasks/task[${el.refId}]`, END, {}, new Map(), false);
      const entry = target ?? this.endNode();
      if (entry === undefined || entry === null || NODE_DESCRIPTORS[this.nodes.get(entry)!.type].compiledOnce === true)
        throw new NeedsRaw([key]);
      out.set(el.refId, entry);
      byId.set(entry, key);
    }
    const model = { kind: this.input.kind.kind, nodes: Object.fromEntries(this.nodes), start } as unknown as FlowModel;
    const structure = loopStructure(model);
    const inLoops = new Set<string>();
    for (const [loop, body] of structure.bodies) {
      for (const id of body) inLoops.add(id);
      inLoops.add((this.nodes.get(loop) as Extract<FlowNode, { type: "loop" }>).transitions.body);
    }
    const inLoop = [...byId].filter(([id]) => inLoops.has(id)).map(([, key]) => key);
    if (inLoop.length > 0) throw new NeedsRaw(inLoop);
    return out;
  }
}

/**
 * Branching nodes to rebuild raw: those whose paths meet at a node the compiler would repeat
 * (no reusable tasks in this kind, or inside a loop's body). The end node is exempt: repeating
 * the kind's terminator publishes the same flow. And the elements (tasks, states) entered from
 * several places where the compiler would repeat their nodes (a state two changeStates go to, in a
 * workflow), unless every way in falls through to it where paths meet: kept as exported, each
 * entered once by its moves.
 */
function joinsToDemote(b: Builder, kind: FlowKindDescriptor, start: string): { sources: string[]; elements: string[] } {
  const model = { kind: kind.kind, nodes: Object.fromEntries(b.nodes), start } as unknown as FlowModel;
  const structure = loopStructure(model);
  const inLoop = new Set<string>();
  const exits = new Map<string, number>();
  for (const [loop, members] of structure.bodies) {
    const node = b.nodes.get(loop) as Extract<FlowNode, { type: "loop" }>;
    if (node.transitions.body !== node.transitions.done) inLoop.add(node.transitions.body);
    for (const m of members) {
      inLoop.add(m);
      // Leaving the loop from its body is loopExit: the done node is written once, after the loop.
      const n = b.nodes.get(m)!;
      const leaving = Object.values(n.transitions as Record<string, string>).filter(
        (t) => t === node.transitions.done,
      ).length;
      exits.set(node.transitions.done, (exits.get(node.transitions.done) ?? 0) + leaving);
    }
  }
  const preds = new Map([...inDegrees(model, structure)].map(([id, n]) => [id, n - (exits.get(id) ?? 0)]));
  // Paths that meet where the compiler writes the meeting node after the branching action need no demotion.
  const structured = structuredJoins(model, structure);
  const nodeAt = new Map([...b.sourceOf].map(([nodeId, path]) => [path, nodeId]));
  // A branching node with no meeting node of its own, nested between another and that one's
  // meeting node, falls through to it too (as Archy's nested output paths do).
  const regions = joinRegions(model, structured, structure);
  const loopsOf = (n: string) =>
    [...structure.bodies]
      .filter(([, m]) => m.has(n))
      .map(([l]) => l)
      .join("\u0000");
  const fallsThrough = (from: string, to: string): boolean =>
    !structured.has(from) &&
    [...structured].some(([outer, join]) => {
      const region = regions.get(outer)!;
      return (
        join === to &&
        region.has(from) &&
        loopsOf(from) === loopsOf(outer) &&
        ![...region].some((inner) => structured.has(inner) && regions.get(inner)!.has(from))
      );
    });
  const out: string[] = [];
  const entries = b.elementEntries();
  const elements = new Set<string>();
  // A way in is laid out once where it falls through to the meeting node of a branching node it is on.
  const fallsIn = (p: string, id: string) =>
    [...structured].some(([outer, join]) => join === id && (p === outer || regions.get(outer)!.has(p)));
  for (const [id, count] of preds) {
    if (count < 2 || id === b.end) continue;
    if (kind.reusableTasks && !inLoop.has(id)) continue;
    for (const source of b.joins.get(id) ?? []) {
      const from = nodeAt.get(source);
      if (from === undefined || (structured.get(from) !== id && !fallsThrough(from, id))) out.push(source);
    }
    // Laid out once after each outermost branching node whose paths meet there, and once on each other way in.
    const element = entries.get(id);
    if (element === undefined) continue;
    const owners = [...structured].filter(([, join]) => join === id).map(([o]) => o);
    const outermost = owners.filter((o) => !owners.some((other) => regions.get(other)!.has(o)));
    const others = Object.entries(model.nodes).reduce(
      (n, [p, node]) =>
        n +
        (fallsIn(p, id) || structure.backEdges.has(edgeKey(p, id))
          ? 0
          : targetsOf(node).filter((t) => t === id).length),
      0,
    );
    if (outermost.length + others > 1) elements.add(element);
  }
  return { sources: out.sort(), elements: [...elements].sort() };
}

export interface GraphResult extends Omit<BuiltGraph, "raw"> {
  start: string;
  /** Raw actions (every action inside archy nodes, nested ones too), by action key, and why the outermost stayed raw. */
  raw: RawUse[];
  /** Elements kept verbatim (archySettings.tasks/states/bots), by key. */
  rawElements: ReadonlySet<string>;
  /** Typed tasks raw Archy moves to: refId -> the node it now names (retarget the raw Archy with it). */
  anchors: ReadonlyMap<string, string>;
}

/**
 * Builds the node graph from the entry actions (continuing nowhere at their end). Rebuilds with
 * the branching actions whose paths would be repeated kept raw, until none is left.
 */
export function buildGraph(
  input: GraphInput,
  entry: { actions: Json[]; path: Path } | { node: FlowNode; label: string },
): GraphResult {
  const demoted = new Set<string>();
  const returns = new Returns(input.elements);
  const raw = rawClosure(input.elements, input.raw ?? new Set(), input.kind, returns);
  const why: string[] = [];
  for (let round = 0; ; round++) {
    const b = new Builder(input, demoted, raw, returns);
    let start: Target;
    let anchors = new Map<string, string>();
    try {
      if ("node" in entry) {
        start = idFor(entry.label);
        b.nodes.set(start, entry.node);
      } else {
        start = b.list(entry.actions, entry.path, END, {});
      }
      b.globalMenus(input.globalMenus ?? [], raw);
      if (start === null) start = b.endNode() ?? null;
      if (start !== null) anchors = b.anchors(start);
    } catch (e) {
      if (!(e instanceof NeedsRaw)) throw e;
      if (e.why !== undefined && !why.includes(e.why)) why.push(e.why);
      const before = raw.size;
      for (const k of rawClosure(input.elements, new Set(e.keys), input.kind, returns)) raw.add(k);
      if (raw.size === before)
        throw new Error(`internal: the import asked for raw elements it already has (${e.keys.join(", ")})`);
      continue; // every round adds an element: it ends
    }
    if (start === null)
      throw new ImportError(
        input.file,
        pathText("path" in entry ? entry.path : []),
        undefined,
        "the flow has no action to start with",
      );
    // The cycles kept must be ones the model has (checked as lint checks them); else the
    // elements they came back to are kept as exported.
    if (b.cycleTargets.size > 0) {
      const model = { kind: input.kind.kind, nodes: Object.fromEntries(b.nodes), start } as unknown as FlowModel;
      if (
        cyclesWithoutJump(model, { jumpsBetweenTasks: input.kind.reusableTasks && !input.kind.isModule }).length > 0
      ) {
        for (const k of rawClosure(input.elements, b.cycleTargets, input.kind, returns)) raw.add(k);
        continue;
      }
    }
    const joins = joinsToDemote(b, input.kind, start);
    if (joins.elements.length > 0) {
      const before = raw.size;
      for (const k of rawClosure(input.elements, new Set(joins.elements), input.kind, returns)) raw.add(k);
      if (raw.size > before) continue;
    }
    const demote = joins.sources.filter((s) => !demoted.has(s));
    if (demote.length === 0 || round > 50) {
      const typed: Record<string, number> = {};
      for (const n of b.nodes.values())
        if (n.type !== "archy" && n !== (b.end ? b.nodes.get(b.end) : undefined))
          typed[n.type] = (typed[n.type] ?? 0) + 1;
      const nodes = Object.fromEntries(
        [...b.nodes].map(([id, n]) => [
          id,
          n.type === "archy" ? ({ ...n, actions: retarget(n.actions as Json, anchors) } as FlowNode) : n,
        ]),
      );
      return {
        nodes,
        start,
        typed,
        raw: b.raw,
        structural: b.structural,
        ...(b.end ? { end: b.end } : {}),
        notes: [...why, ...b.notes],
        sources: b.pathOf,
        rawElements: raw,
        anchors,
      };
    }
    for (const s of demote) demoted.add(s);
  }
}

/**
 * These elements and every element their actions move to (a raw element keeps its moves), by key;
 * but not the tasks they move to that stay typed (anchorable, see the header).
 */
export function rawClosure(
  elements: ReadonlyMap<string, Element>,
  seed: ReadonlySet<string>,
  kind: FlowKindDescriptor,
  returns: Returns,
): Set<string> {
  const out = new Set<string>();
  const todo = [...seed].filter((k) => elements.has(k));
  while (todo.length > 0) {
    const key = todo.pop()!;
    if (out.has(key)) continue;
    out.add(key);
    const el = elements.get(key)!;
    for (const move of elementMoves(el.menu ?? el.actions))
      if (elements.has(move.key) && !out.has(move.key) && !anchorable(elements, kind, move, returns))
        todo.push(move.key);
  }
  return out;
}

/** The export's choice kind a menu node's choice keeps (`archyChoice`), where its target allows it; else it becomes a menuTask. */
function keptKind(kind: ChoiceAction["kind"], target: FlowNode | undefined): string | undefined {
  if (kind === "jumpToTask") return target?.type !== "menu" ? "menuJumpToTask" : undefined;
  if (kind === "jumpToMenu") return target?.type === "menu" ? "menuJumpToMenu" : undefined;
  const failure = (target?.transitions as Record<string, unknown> | undefined)?.failure;
  return kind === "transferToAcd" && target?.type === "transferToQueue" && failure === undefined
    ? "menuTransferToAcd"
    : undefined;
}

/** The moves of a piece of Archy to elements (targetTaskRef, targetStateRef, targetMenuRef), in document order. */
function elementMoves(v: Json): ElementMove[] {
  const out: ElementMove[] = [];
  const visit = (x: Json, owner: string | undefined): void => {
    if (Array.isArray(x)) for (const c of x) visit(c, undefined);
    else if (isMap(x)) {
      for (const [k, c] of Object.entries(x)) {
        const parsed = ELEMENT_REFS.has(k) ? parseRef(c) : undefined;
        if (parsed) out.push({ key: elementKey(parsed.kind, parsed.refId), call: owner === "callTask" });
        else visit(c, k);
      }
    }
  };
  visit(v, undefined);
  return out;
}

/** Raw Archy with its moves to anchored tasks naming their nodes (refId -> node id). */
export function retarget(v: Json, anchors: ReadonlyMap<string, string>): Json {
  if (anchors.size === 0) return v;
  if (Array.isArray(v)) return v.map((x) => retarget(x, anchors));
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => {
      const parsed = k === "targetTaskRef" ? parseRef(x) : undefined;
      const node = parsed ? anchors.get(parsed.refId) : undefined;
      return [k, node !== undefined ? withRefId(x as string, node) : retarget(x, anchors)];
    }),
  );
}
