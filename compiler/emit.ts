// Lays a flow's node graph out as Archy actions. Pure and deterministic.
//
// Each node becomes its Archy action(s); a transition continues *inside* the action's output
// path (nested, as real exports branch), so every action list is a straight run ending in at
// most one branching action. Where a path ends without a terminating action, execution falls
// through to the end of the enclosing list, and at the end of a task or state to the kind's
// terminator (disconnect, or `endTask` in a module).
//  - A node reached from several places becomes a reusable task entered with `callTask` when the
//    kind's real exports hold tasks (every path of a task ends, so the call never returns).
//    Otherwise, where the paths of a branching node meet again (model/graph.ts structuredJoins),
//    the meeting node follows the branching action in the same list and the branches fall
//    through to it, as exports write it; anywhere else it is repeated in each branch, up to
//    MAX_EXPANSION copies.
//  - A `loop` node becomes Archy `loop`: its body is emitted in the loop's output; a transition
//    back to the loop node ends the iteration (`loopNext` where more would follow it in the body:
//    a meeting node, or the `next` of raw Archy whose branch it is), one to the loop's `done` target is `loopExit`, and
//    any other end of a path inside a loop ends the flow explicitly (it must not loop again).
//  - A module calling a module gets the callee's graph in place (see nodes/subflow.ts), with the
//    callee's variables renamed under the call's node id.
//  - A node compiled once (a menu) is written in the flow's `menus` and entered with a jump from
//    wherever it is reached (or is the flow's start); its choices continue like output paths.
import { withArticle } from "../model/words";
import { FlowLoadError } from "../model/errors";
import { FLOW_KINDS, type FlowKindDescriptor } from "../model/kinds";
import { descriptorOf, emitterOf } from "../model/nodes";
import { offersGlobally } from "../model/nodes/menu";
import {
  cycleClosingEdges,
  edgeKey,
  inDegrees,
  loopStructure,
  reachableNodes,
  structuredJoins,
  type LoopStructure,
} from "../model/graph";
import type { FlowModel, FlowNode, LoadedFlow, ModuleModel } from "../model/schema";
import { isModuleModel } from "../model/schema";
import { MAX_NAME_LENGTH, OUTCOME_VARIABLE, type ValueType } from "../model/types";
import * as A from "../archy/construct";
import type { EmitContext, ModuleCall, ModuleReturn } from "../model/nodes";
import type { GeneratedVariable } from "../model/nodes/unit";
import type { ModuleRef } from "./context";
import { renameReferences } from "./expressionRename";
import { rawEntryNodes } from "../model/rawEntries";
import type { SourceRecorder } from "./sources";
import { cmp } from "../archy/json";

/**
 * Upper bound on emitted node copies per flow (repeated shared nodes, modules compiled in place),
 * when it is more than COPIES_PER_NODE times the nodes of the graphs compiled: a flow whose shared
 * nodes would multiply its size is refused, a long flow is not.
 */
export const MAX_EXPANSION = 2000;
export const COPIES_PER_NODE = 3;
/**
 * Nodes nested in one path of a task before the next one starts a reusable task of its own (kinds
 * with tasks): keeps compiled files shallow whatever the flow's length.
 */
export const CHAIN_SPLIT = 100;
/** Paths nested in one another (an action's output path inside another's), at most. */
export const MAX_NESTING = 400;

/**
 * A linear node's continuation: its emitter ends its list with `goto(id, "next", target)`, and
 * emit() lays the target out after it in the same list instead of inside the call.
 */
interface PendingTail {
  scope: Scope;
  from: string;
  transition: string;
  taken: boolean;
  target?: string;
}

/**
 * A node whose only way on is `next` after its own actions (play, set, participant data, replies,
 * an archy node without branch transitions): its emitter ends its list with the goto to `next`
 * (the emitter contract, model/nodes/emitContext.ts).
 */
function isLinear(node: FlowNode): boolean {
  const specs = descriptorOf(node).transitions(node);
  return specs.length === 1 && specs[0].name === "next" && Object.keys(node.transitions).every((t) => t === "next");
}

/** One graph being emitted: the flow itself, or a module compiled into its caller. */
interface Scope {
  nodes: Record<string, FlowNode>;
  structure: LoopStructure;
  /** Prefix of this graph's variable names in the compiled flow ("" for the flow itself). */
  prefix: string;
  scopeName: string;
  types: ReadonlyMap<string, ValueType>;
  /** Nodes emitted as reusable tasks (only in the outermost graph of a kind with tasks); grows when a chain is split. */
  blocks: Set<string>;
  /** For an inlined module: what its `return` nodes and missing transitions continue with. */
  caller?: { scope: Scope; node: string; call: ModuleCall; callee: ModuleModel };
}

interface LoopFrame {
  scope: Scope;
  loop: string;
  done: string;
  /** Raw Archy branches open when the body began (see route: a back edge inside a newer one is Next Loop). */
  branches: number;
}

export interface EmittedFlow {
  /** The start node's actions (for a `tasks` kind: the start task's). */
  start: A.Action[];
  /** The start node is a menu: the flow starts in it (`startUpRef` to the menu), with no start task. */
  startsWithMenu: boolean;
  /** Reusable tasks: node id -> actions, in node order. */
  tasks: Array<{ id: string; name: string; actions: A.Action[] }>;
  /** Menus (`- menu: {...}` items), in node order. */
  menus: Array<Record<string, unknown>>;
  /** Variables the compiler added (outcomes, loop indexes, inlined modules' variables). */
  generated: GeneratedVariable[];
}

export interface EmitOptions {
  modules: ReadonlyMap<string, ModuleRef>;
  /** Told which node or transition each action is written for (the behaviour interpreter's source map). */
  sources?: SourceRecorder;
}

function declaredTypes(model: FlowModel): Map<string, ValueType> {
  const out = new Map<string, ValueType>();
  if (isModuleModel(model)) {
    for (const [n, d] of Object.entries(model.inputs)) out.set(n, d.type);
    for (const [n, d] of Object.entries(model.outputs)) out.set(n, d.type);
  }
  for (const [n, d] of Object.entries(model.variables)) out.set(n, d.type);
  return out;
}

const compiledOnce = (node: FlowNode | undefined): boolean =>
  node !== undefined && descriptorOf(node).compiledOnce === true;

/**
 * Nodes that become reusable tasks: the start, nodes raw Archy moves to (model/rawEntries.ts, its
 * jump names the node's task), and nodes with several ways in outside loops (but menus).
 */
/** The nodes inside a loop's body: none can be a reusable task (a jump would leave the loop). */
function loopBodies(model: FlowModel, structure: LoopStructure): Set<string> {
  const inLoop = new Set<string>();
  for (const [loop, body] of structure.bodies) {
    for (const id of body) inLoop.add(id);
    const node = model.nodes[loop];
    // A body that leaves at once (its first action is Exit Loop) starts at the done node, outside the loop.
    if (node?.type === "loop" && node.transitions.body !== node.transitions.done) inLoop.add(node.transitions.body);
  }
  return inLoop;
}

function blocksOf(model: FlowModel, kind: FlowKindDescriptor, structure: LoopStructure): Set<string> {
  const blocks = new Set<string>([model.start]);
  if (!kind.reusableTasks) return blocks;
  for (const id of rawEntryNodes(model)) if (!compiledOnce(model.nodes[id])) blocks.add(id);
  const inLoop = loopBodies(model, structure);
  // Counted per transition: a node both paths of one decision lead to is shared, not written twice.
  // A disconnect is one action wherever it is reached: written in place, as exports do, not called.
  // Only transitions of nodes a run reaches count: a node only unreachable ones lead to is laid out
  // nowhere (like every node no path reaches), not as a task of its own, which would lay out a path
  // outside the loop or branch it belongs to.
  for (const [id, count] of inDegrees(model, structure, reachableNodes(model))) {
    const node = model.nodes[id];
    if (count >= 2 && !inLoop.has(id) && !compiledOnce(node) && node?.type !== "disconnect") blocks.add(id);
  }
  return blocks;
}

/** A pending continuation or a routed transition: the target laid out here, or the actions that stand for it. */
type Route = { inline: string } | { actions: A.Action[] };

/**
 * One flow's emission, its state named: what the compiler has generated and laid out so far, and
 * where the path being laid out stands (its depth, the loops, branches and meeting nodes it is in).
 * `run()` lays out the start, then every reusable task and menu the paths entered.
 */
class FlowEmitter {
  private readonly model: FlowModel;
  private readonly file: string;
  private readonly kind: FlowKindDescriptor;
  private readonly sources: SourceRecorder | undefined;
  /** Variables the compiler added, by their base name. */
  private readonly generated = new Map<string, GeneratedVariable>();
  /** Every variable name of the compiled flow so far (declared and generated), scope included, in lower case (Architect compares names case-insensitively). */
  private readonly taken: Set<string>;
  private copies = 0;
  /** Call sites of modules compiled in place -> the prefix of their variables. */
  private readonly inlineSites = new Map<string, string>();
  /** How often each node (prefixed when compiled in place) was emitted, for the refusal message. */
  private readonly repeats = new Map<string, number>();
  /** Nodes of the graphs compiled: the flow's, and each module compiled in place. */
  private nodesCompiled: number;
  /** Nodes on the current path (the chain a long path is split by, see CHAIN_SPLIT). */
  private depth = 0;
  /** emit() calls in progress: paths nested in one another. */
  private nesting = 0;
  /** The continuation of the linear node being emitted, taken by its emitter's goto for `next`. */
  private pendingTail: PendingTail | undefined;
  private readonly loops: LoopFrame[] = [];
  /** Menus entered so far: id -> how to write it (called once, outside any path); then the written menu. */
  private readonly menuBuilders = new Map<string, () => Record<string, unknown>>();
  private readonly menus = new Map<string, Record<string, unknown>>();
  /** Branches being emitted that continue after their action: where a path ends there, it must end explicitly. */
  private readonly branches: Array<{ from: string; name: string; scope: Scope }> = [];
  /**
   * Meeting nodes being laid out after their branching node: a path reaching the innermost falls
   * through to it, unless the path is inside a loop entered since (falling out of a loop's body
   * would start its next iteration, not reach the meeting node).
   */
  private readonly joinStops: Array<{ scope: Scope; node: string; loopDepth: number }> = [];
  private readonly joinsByScope = new Map<Scope, Map<string, string>>();
  /** The flow's own graph. */
  private readonly top: Scope;
  /** Edges that close a cycle (model/graph.ts cycleClosingEdges): written as jumps. */
  private readonly closing: ReturnType<typeof cycleClosingEdges>;

  constructor(
    flow: LoadedFlow,
    private readonly options: EmitOptions,
  ) {
    this.model = flow.model;
    this.file = flow.file;
    this.kind = FLOW_KINDS[this.model.kind];
    this.sources = options.sources;
    const structure = loopStructure(this.model);
    this.taken = new Set<string>(
      [...declaredTypes(this.model).keys()].map((n) => `${this.kind.variableScope}.${n}`.toLowerCase()),
    );
    this.nodesCompiled = Object.keys(this.model.nodes).length;
    this.top = {
      nodes: this.model.nodes,
      structure,
      prefix: "",
      scopeName: this.kind.variableScope,
      types: declaredTypes(this.model),
      blocks: blocksOf(this.model, this.kind, structure),
    };
    this.closing = cycleClosingEdges(this.model, this.model.start, structure);
  }

  run(): EmittedFlow {
    const { model, kind, top } = this;
    // Where a path comes back to the start node of a kind that starts in a state or bot (or raw
    // Archy jumps to it), the start node is a task of its own (a jump can only go to a task), which
    // the start calls.
    const startsWithMenu = compiledOnce(model.nodes[model.start]);
    const startInTask =
      kind.body !== "tasks" &&
      !startsWithMenu &&
      ([...this.closing].some((e) => e.slice(e.indexOf("\u0000") + 1) === model.start) ||
        (kind.reusableTasks && rawEntryNodes(model).includes(model.start)));
    const start = startInTask
      ? [A.callTask(`Go to ${model.start}`, A.taskRef(kind.archyKey, model.start))]
      : this.emit(top, model.start);
    // Emitting a task or a menu can add tasks (a split chain, a shared node) and menus: emit until
    // every block has its task and every menu entered is written, each outside any path.
    const emitted = new Map<string, A.Action[]>();
    const pendingTasks = () =>
      [...top.blocks].filter((id) => (id !== model.start || startInTask) && !emitted.has(id)).sort();
    const pendingMenus = () => [...this.menuBuilders.keys()].filter((id) => !this.menus.has(id)).sort();
    // Menus holding a choice global to the flow are offered in every menu: written once any menu is
    // (their jumpToMenu, written nowhere, only registers them).
    const globalMenus = Object.keys(model.nodes)
      .filter((id) => offersGlobally(model.nodes[id]))
      .sort();
    const enterGlobalMenus = () => {
      if (this.menuBuilders.size > 0)
        for (const id of globalMenus)
          if (!this.menuBuilders.has(id)) emitterOf(model.nodes[id])(model.nodes[id], id, this.contextFor(top));
    };
    enterGlobalMenus();
    while (pendingTasks().length > 0 || pendingMenus().length > 0) {
      for (const id of pendingTasks()) emitted.set(id, this.emit(top, id));
      for (const id of pendingMenus()) {
        const menu = this.menuBuilders.get(id)!();
        if (this.sources && typeof menu.menu === "object" && menu.menu !== null)
          this.sources.element(menu.menu, { node: id });
        this.menus.set(id, menu);
      }
      enterGlobalMenus();
    }
    const tasks = [...emitted.keys()]
      .sort()
      .map((id) => ({ id, name: model.nodes[id].label ?? id, actions: emitted.get(id)! }));
    return {
      start,
      startsWithMenu,
      tasks,
      menus: [...this.menus.keys()].sort().map((id) => this.menus.get(id)!),
      generated: [...this.generated.values()].sort((a, b) => cmp(a.name, b.name)),
    };
  }

  private joinsOf(scope: Scope): Map<string, string> {
    let joins = this.joinsByScope.get(scope);
    if (!joins) {
      joins = structuredJoins({ ...this.model, nodes: scope.nodes, start: "" } as FlowModel, scope.structure);
      this.joinsByScope.set(scope, joins);
    }
    return joins;
  }

  private fail(node: string | undefined, message: string): never {
    throw new FlowLoadError([
      {
        file: this.file,
        flow: this.model.name,
        ...(node ? { node, nodeType: this.model.nodes[node]?.type } : {}),
        message,
      },
    ]);
  }

  private generate(name: string, type: ValueType, description: string): string {
    const base = `${this.kind.variableScope}.${name}`;
    const existing = this.generated.get(base);
    if (existing) return existing.name;
    let full = base;
    for (let i = 2; this.taken.has(full.toLowerCase()); i++) full = `${base}_${i}`;
    this.taken.add(full.toLowerCase());
    this.generated.set(base, { name: full, type, description });
    return full;
  }

  /** The flow's terminator, used where a path inside a loop ends (it must not loop again). */
  private terminator(): A.Action[] {
    return A.fallthroughActions(this.kind.fallthrough);
  }

  private innermost(): LoopFrame | undefined {
    return this.loops[this.loops.length - 1];
  }

  private moduleOf(scope: Scope): { module?: string } {
    return scope.caller ? { module: scope.caller.call.module } : {};
  }

  /** Records the actions a transition continues with (the source map), the compiler's own among them. */
  private recordEdge(scope: Scope, from: string, transition: string, actions: A.Action[]): void {
    if (!this.sources) return;
    this.sources.generated(actions);
    this.sources.edge(actions, { ...this.moduleOf(scope), from, transition });
  }

  /** The actions transition `transition` of `from` continues with (recorded for the source map). */
  private goto(scope: Scope, from: string, transition: string, target: string | undefined): A.Action[] {
    const tail = this.pendingTail;
    if (tail && tail.scope === scope && tail.from === from && tail.transition === transition && !tail.taken) {
      // The node's continuation in its own list: emit() lays it out after the node's actions (and records it).
      tail.taken = true;
      tail.target = target;
      return [];
    }
    const r = this.route(scope, from, transition, target);
    const actions = "inline" in r ? this.emit(scope, r.inline) : r.actions;
    this.recordEdge(scope, from, transition, actions);
    return actions;
  }

  /** Where a transition goes: the target laid out here (`inline`), or the actions that stand for it. */
  private route(scope: Scope, from: string, transition: string, target: string | undefined): Route {
    const { kind, loops, top } = this;
    const to = (actions: A.Action[]) => ({ actions });
    if (target === undefined) {
      if (scope.caller) {
        // An inlined module's missing transition ends it with outcome "error", as the module would.
        const c = scope.caller;
        return this.route(c.scope, c.node, "error", c.call.transitions.error);
      }
      if (loops.length === 0 && this.branches.length === 0 && this.joinStops.length === 0) return to([]);
      if (kind.fallthrough === "none") {
        if (loops.length > 0) {
          // Nothing ends an in-queue flow's run inside a loop: the loop would just go on.
          return this.fail(
            from,
            `has no "${transition}" transition, and a path of ${kind.title === "in-queue call flow" ? "an" : "a"} ${kind.title} cannot end inside loop "${this.innermost()!.loop}"; give it one`,
          );
        }
        const b = this.branches[this.branches.length - 1];
        return this.fail(
          b.from,
          `a path in branch "${b.name}" ends, but a flow of kind ${kind.kind} has no action that ends it, so it would go on at transitions.next; end the path with an archy node, or remove transitions.next`,
        );
      }
      return to(this.terminator());
    }
    if (!Object.hasOwn(scope.nodes, target))
      return this.fail(from, `transition "${transition}" points to "${target}", no such node`);
    // The meeting node of the branching node being laid out: fall through to it (it follows the action).
    const stop = this.joinStops[this.joinStops.length - 1];
    if (stop && stop.scope === scope && stop.node === target && stop.loopDepth === loops.length) return to([]);
    const frame = this.innermost();
    if (scope.structure.backEdges.has(edgeKey(from, target))) {
      if (frame && frame.scope === scope && frame.loop === target) {
        // The end of the loop's body, unless more follows this path in the body: a meeting node
        // inside the loop (an inlined module's path whose return in the caller goes back to the
        // loop), or the `next` of raw Archy whose branch this is (but a `next` back to the loop
        // itself). Then Next Loop.
        const nextOf = (b: { from: string; scope: Scope }) =>
          (b.scope.nodes[b.from]?.transitions as Record<string, string | undefined> | undefined)?.next;
        const meets =
          this.joinStops.some((s) => s.loopDepth === loops.length) ||
          this.branches.slice(frame.branches).some((b) => b.scope !== scope || nextOf(b) !== target);
        return to(meets ? [A.loopNext(`Next ${target}`)] : []);
      }
      return this.fail(
        from,
        `transition "${transition}" goes back to loop "${target}" from inside another loop; leave the inner loop first (through its done transition)`,
      );
    }
    if (frame && frame.scope === scope && frame.done === target) return to([A.loopExit(`Leave ${frame.loop}`)]);
    if (loops.some((l) => l.scope === scope && l.done === target && l !== frame)) {
      return this.fail(
        from,
        `transition "${transition}" leaves two loops at once; leave the inner loop first (through its done transition)`,
      );
    }
    // A long chain continues in a reusable task of its own, so no path nests too deep.
    if (
      scope === top &&
      kind.reusableTasks &&
      loops.length === 0 &&
      this.depth >= CHAIN_SPLIT &&
      !compiledOnce(scope.nodes[target])
    )
      top.blocks.add(target);
    if (scope === top && top.blocks.has(target) && !compiledOnce(scope.nodes[target])) {
      // Back to a task the path came from (a cycle, through a menu or between tasks): a jump, so
      // going round does not nest calls.
      if (this.closing.has(edgeKey(from, target)))
        return to([A.jumpToTask(`Go to ${target}`, A.taskRef(kind.archyKey, target))]);
      return to([A.callTask(`Go to ${target}`, A.taskRef(kind.archyKey, target))]);
    }
    return { inline: target };
  }

  /**
   * Lays out the node `first` and what follows it in the same list: a node's continuation in its
   * own list (a linear node's `next`, or the meeting node of a branching node's paths) is laid out
   * here, one node after the other, so a long flow nests no deeper than its paths do.
   */
  private emit(scope: Scope, first: string): A.Action[] {
    if (this.nesting >= MAX_NESTING) {
      this.fail(
        first,
        `more than ${MAX_NESTING} paths are nested in one another here; ${withArticle(this.kind.title)} compiles each branch inside its action, so split the flow (move a part into a common module)`,
      );
    }
    this.nesting++;
    const out: A.Action[] = [];
    let onChain = 0;
    let id: string | undefined = first;
    /** The transition the node `id` continues (laid out in this list), for the source map. */
    let arrivedBy: { from: string; transition: string } | undefined;
    try {
      while (id !== undefined) {
        const node = scope.nodes[id];
        this.countCopy(scope, id);
        // Where the node's paths meet again at a node that would otherwise be repeated, that node
        // follows the action, at the same depth: the branches fall through to it.
        const join = this.joinsOf(scope).get(id);
        const joined = join !== undefined && !(scope === this.top && this.top.blocks.has(join));
        this.depth++;
        onChain++;
        if (joined) this.joinStops.push({ scope, node: join, loopDepth: this.loops.length });
        const outer = this.pendingTail;
        const tail: PendingTail | undefined = isLinear(node)
          ? { scope, from: id, transition: "next", taken: false }
          : undefined;
        this.pendingTail = tail;
        try {
          const own = emitterOf(node)(node, id, this.contextFor(scope));
          if (this.sources) {
            this.sources.node(own, { ...this.moduleOf(scope), node: id });
            if (arrivedBy) this.recordEdge(scope, arrivedBy.from, arrivedBy.transition, own);
          }
          out.push(...own);
        } finally {
          this.pendingTail = outer;
          if (joined) this.joinStops.pop();
        }
        let next: Route | undefined;
        if (tail?.taken) next = this.route(scope, id, "next", tail.target);
        else if (joined) {
          // The branching node is done: its meeting node stands where it stood.
          this.depth--;
          onChain--;
          next = this.route(scope, id, "(where its paths meet)", join);
        }
        // A linear node's `next` is an edge of the source map; a meeting node is no transition's.
        const via = tail?.taken ? { from: id, transition: "next" } : undefined;
        if (next === undefined) id = undefined;
        else if ("inline" in next) {
          id = next.inline;
          arrivedBy = via;
        } else {
          if (via) this.recordEdge(scope, via.from, via.transition, next.actions);
          out.push(...next.actions);
          id = undefined;
        }
      }
    } finally {
      this.depth -= onChain;
      this.nesting--;
    }
    return out;
  }

  private countCopy(scope: Scope, id: string): void {
    this.copies++;
    const key = `${scope.prefix}${id}`;
    this.repeats.set(key, (this.repeats.get(key) ?? 0) + 1);
    if (this.copies > Math.max(MAX_EXPANSION, COPIES_PER_NODE * this.nodesCompiled)) {
      const [most, times] = [...this.repeats].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0];
      this.fail(
        undefined,
        `compiling would emit more than ${this.copies - 1} node copies for ${this.nodesCompiled} nodes (nodes reached from several places are repeated in each branch${this.kind.reusableTasks ? " inside loops" : ""}; node "${most}" alone ${times} times); simplify the flow so fewer paths share the same nodes`,
      );
    }
  }

  /** What a node type's emitter sees of the emission (model/nodes/emitContext.ts). */
  private contextFor(scope: Scope): EmitContext {
    const { kind, model, top, loops } = this;
    const variable = (name: string) => `${scope.scopeName}.${scope.prefix}${name}`;
    const fail = (node: string | undefined, message: string): never => this.fail(node, message);
    return {
      kind,
      file: this.file,
      get inLoop() {
        return loops.length > 0;
      },
      variable,
      variableType: (name) => {
        const t = scope.types.get(name);
        if (t === undefined) return fail(undefined, `variable "${name}" is not declared`);
        return t;
      },
      expression: (text) =>
        scope.prefix === ""
          ? text
          : renameReferences(text, scope.scopeName, (n) => (scope.types.has(n) ? variable(n) : undefined)),
      goto: (from, transition, target) => this.goto(scope, from, transition, target),
      generatedVariable: (name, type, description) => {
        // A flow's own generated names are the variables check's (checks/flowChecks.ts); inside a
        // module compiled in place the caller's node id is added in front: the limit holds there too.
        const full = `${scope.prefix}${name}`;
        if (full.length > MAX_NAME_LENGTH)
          fail(
            undefined,
            `the compiler would declare variable "${full}" (${full.length} characters; a variable name is at most ${MAX_NAME_LENGTH}): shorten the node ids on the way to it`,
          );
        return this.generate(full, type, description);
      },
      module: (name) => this.options.modules.get(name),
      inlineModule: (callerNode, call) => this.inline(scope, callerNode, call),
      returnFrom: (node, id) => this.returnFrom(scope, node, id),
      language: "defaultLanguage" in model ? model.defaultLanguage : undefined,
      reusableTask: (id) => {
        if (
          id === undefined ||
          scope !== top ||
          !kind.reusableTasks ||
          !Object.hasOwn(top.nodes, id) ||
          compiledOnce(top.nodes[id]) ||
          loopBodies(model, top.structure).has(id)
        )
          return undefined;
        top.blocks.add(id);
        return A.taskRef(kind.archyKey, id);
      },
      enterMenu: (id, build) => {
        if (scope !== top || kind.body !== "tasks")
          return fail(
            scope === top ? id : undefined,
            `${scope === top ? "" : `in module called by node ${scope.caller?.node}: `}node "${id}" is a menu; ${kind.isModule || scope !== top ? "a common module" : withArticle(kind.title)} has no menus`,
          );
        if (loops.length > 0 && scope.structure.bodies.get(this.innermost()!.loop)?.has(id)) {
          return fail(
            id,
            `a menu cannot be repeated by loop "${this.innermost()!.loop}": menus are entered by a jump, which leaves the loop`,
          );
        }
        if (!this.menuBuilders.has(id)) this.menuBuilders.set(id, build);
        return [A.jumpToMenu(`Go to ${id}`, A.menuRef(kind.archyKey, id))];
      },
      branch: (from, name, body) => {
        this.branches.push({ from, name, scope });
        try {
          return body();
        } finally {
          this.branches.pop();
        }
      },
      loopBody: (loopId, done, body) => {
        loops.push({ scope, loop: loopId, done, branches: this.branches.length });
        try {
          return body();
        } finally {
          loops.pop();
        }
      },
      fail: (node, message) =>
        fail(
          scope === top ? node : undefined,
          scope === top ? message : `in module called by node ${scope.caller?.node}: ${message}`,
        ),
    };
  }

  private returnFrom(scope: Scope, node: ModuleReturn, id: string): A.Action[] {
    const ctx = this.contextFor(scope);
    const statements: A.Statement[] = Object.keys(node.outputs)
      .sort()
      .map((out) => ({
        type: ctx.variableType(out),
        variable: ctx.variable(out),
        value: A.exp(ctx.expression(node.outputs[out])),
      }));
    const name = node.label ?? id;
    if (scope.caller) {
      // Inlined: copy the mapped outputs into the caller's variables, then go on in the caller.
      const c = scope.caller;
      const callerCtx = this.contextFor(c.scope);
      for (const [output, target] of Object.entries(c.call.outputs).sort(([a], [b]) => cmp(a, b))) {
        if (!Object.hasOwn(c.callee.outputs, output)) continue;
        statements.push({
          type: callerCtx.variableType(target),
          variable: callerCtx.variable(target),
          value: A.exp(ctx.variable(output)),
        });
      }
      const set = statements.length > 0 ? [A.updateData(name, statements)] : [];
      return [...set, ...this.goto(c.scope, c.node, node.outcome, c.call.transitions[node.outcome])];
    }
    statements.push({ type: "string", variable: OUTCOME_VARIABLE, value: A.lit(node.outcome) });
    // At the end of the module's list the path falls through to its final endTask; inside a loop,
    // or a path that would fall through to more actions (a meeting node, an archy node's next), it must end here.
    return [
      A.updateData(name, statements),
      ...(this.loops.length > 0 || this.joinStops.length > 0 || this.branches.length > 0 ? this.terminator() : []),
    ];
  }

  /**
   * The prefix of the variables of a module compiled in place at `callerNode`: `<node>_`, or
   * `<node>_2_`, ... when a name it would give is already a variable of the flow (declared, or
   * made by the compiler for something else), so no compiled flow declares one variable twice.
   * The same call site always gets the same prefix (a node repeated in several branches shares it).
   */
  private inlinePrefix(scope: Scope, callerNode: string, names: readonly string[]): string {
    const site = `${scope.prefix}${callerNode}`;
    const known = this.inlineSites.get(site);
    if (known !== undefined) return known;
    const free = (p: string) => names.every((n) => !this.taken.has(`${scope.scopeName}.${p}${n}`.toLowerCase()));
    let prefix = `${site}_`;
    for (let i = 2; !free(prefix); i++) prefix = `${site}_${i}_`;
    this.inlineSites.set(site, prefix);
    return prefix;
  }

  private inline(scope: Scope, callerNode: string, call: ModuleCall): A.Action[] {
    const callee = this.options.modules.get(call.module);
    if (callee === undefined)
      return this.fail(
        scope === this.top ? callerNode : undefined,
        `no module named "${call.module}" was given to the compiler`,
      );
    const types = declaredTypes(callee.model);
    const prefix = this.inlinePrefix(scope, callerNode, [...types.keys()]);
    this.nodesCompiled += Object.keys(callee.model.nodes).length;
    const inner: Scope = {
      nodes: callee.model.nodes,
      structure: loopStructure(callee.model),
      prefix,
      scopeName: scope.scopeName,
      types,
      blocks: new Set(),
      caller: { scope, node: callerNode, call, callee: callee.model },
    };
    for (const [n, t] of types) {
      if (`${prefix}${n}`.length > MAX_NAME_LENGTH) {
        const message = `module "${callee.model.name}" is compiled in place with its variables named after this node: "${prefix}${n}" is ${prefix.length + n.length} characters, and a variable name is at most ${MAX_NAME_LENGTH}; shorten node id "${callerNode}" or the module's variable "${n}"`;
        this.fail(
          scope === this.top ? callerNode : undefined,
          scope === this.top ? message : `in module called by node ${scope.caller?.node}: ${message}`,
        );
      }
      const full = `${scope.scopeName}.${prefix}${n}`;
      if (!this.generated.has(full)) {
        this.taken.add(full.toLowerCase());
        this.generated.set(full, {
          name: full,
          type: t,
          description: `${n} of module ${callee.model.name}, called by node ${callerNode}.`,
        });
      }
    }
    const callerCtx = this.contextFor(scope);
    const statements: A.Statement[] = Object.keys(call.inputs)
      .filter((i) => Object.hasOwn(callee.model.inputs, i))
      .sort()
      .map((i) => ({
        type: callee.model.inputs[i].type,
        variable: `${scope.scopeName}.${prefix}${i}`,
        value: A.exp(callerCtx.expression(call.inputs[i])),
      }));
    const prologue =
      statements.length > 0
        ? [A.updateData(`${call.label ?? callerNode}: inputs of ${callee.model.name}`, statements)]
        : [];
    return [...prologue, ...this.emit(inner, callee.model.start)];
  }
}

/** Lays a flow's node graph out as Archy actions (see the top of this file). */
export function emitFlow(flow: LoadedFlow, options: EmitOptions): EmittedFlow {
  return new FlowEmitter(flow, options).run();
}
