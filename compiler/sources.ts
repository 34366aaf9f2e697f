// Where each compiled action comes from: the node whose emitter wrote it, and the transition a
// path of actions continues. The behaviour interpreter (behaviour/) runs the compiled Archy and
// needs this to report what ran in the user's terms (nodes and transitions of the flow files) and
// to measure coverage; the compiled file itself has no room for it (Archy actions carry only a
// name). The recorder is optional and sees the action objects as they are built, so compiling
// with it gives the very same document. Pure.

import { formatPath } from "../archy/validate";

/** A node of the graph being emitted: the flow's own (no `module`), or a module's compiled in place. */
export interface ActionSource {
  /** The model name of the module whose graph holds the node, when compiled into its caller. */
  module?: string;
  node: string;
}

/** A transition of a node: the actions it continues with. */
export interface EdgeSource {
  module?: string;
  from: string;
  transition: string;
}

export interface SourceRecorder {
  /**
   * The actions a node's emitter returned. Those already claimed (by a node nested in them, or as
   * a transition's jump) keep their owner; the first one, when the node claims it, is its entry.
   */
  node(actions: readonly object[], source: ActionSource): void;
  /** The actions transition `source` continues with (none: the path falls through, or loops back). */
  edge(actions: readonly object[], source: EdgeSource): void;
  /** Actions the compiler adds for a transition (a jump to a task, leaving a loop, an end): no node's own. */
  generated(actions: readonly object[]): void;
  /** A body element written for a node (a menu's `menu` mapping). */
  element(element: object, source: ActionSource): void;
}

/**
 * The flow's own node each action (and body element) of a compiled document was written for, by
 * its path in the validator's format (`inboundCall.tasks[0].task.actions[2]`): how a finding about
 * an action finds its node when names repeat (exports repeat "Transfer to ACD"). Actions the
 * compiler added, and those of a module compiled in place, have none.
 */
export function actionNodesOf(doc: unknown, sources: CompiledSources): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (v: unknown, path: Array<string | number>): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        visit(item, [...path, i]);
      });
      return;
    }
    if (v === null || typeof v !== "object") return;
    const owner = sources.origin(v)?.owner ?? sources.elementOf(v);
    if (owner !== undefined && owner.module === undefined) out[formatPath(path)] = owner.node;
    for (const [k, c] of Object.entries(v)) visit(c, [...path, k]);
  };
  visit(doc, []);
  return out;
}

/** What a recorder learnt about one action object. */
export interface ActionOrigin {
  /** The node that owns it; undefined for actions the compiler added (jumps, ends). */
  owner?: ActionSource;
  /** The first action of its node's own actions: running it enters the node. */
  entry: boolean;
  /** Transitions that continue with this action, innermost first (a node with no action of its own passes its transition on). */
  edgesInto: readonly EdgeSource[];
}

/** The recorder the interpreter uses: every action object's origin, kept by identity. */
export class CompiledSources implements SourceRecorder {
  private readonly owners = new WeakMap<object, ActionSource | null>();
  private readonly entries = new WeakSet<object>();
  private readonly edgesInto = new WeakMap<object, EdgeSource[]>();
  private readonly elements = new WeakMap<object, ActionSource>();

  node(actions: readonly object[], source: ActionSource): void {
    actions.forEach((a, i) => {
      if (this.owners.has(a)) return;
      this.owners.set(a, source);
      if (i === 0) this.entries.add(a);
    });
  }

  edge(actions: readonly object[], source: EdgeSource): void {
    const first = actions[0];
    if (first === undefined) return;
    const list = this.edgesInto.get(first);
    if (list) list.push(source);
    else this.edgesInto.set(first, [source]);
  }

  generated(actions: readonly object[]): void {
    for (const a of actions) if (!this.owners.has(a)) this.owners.set(a, null);
  }

  element(element: object, source: ActionSource): void {
    this.elements.set(element, source);
  }

  /** The origin of an action object of the compiled document (undefined: not an action the compiler wrote). */
  origin(action: object): ActionOrigin | undefined {
    const owner = this.owners.get(action);
    const edgesInto = this.edgesInto.get(action) ?? [];
    if (owner === undefined && edgesInto.length === 0) return undefined;
    return { ...(owner ? { owner } : {}), entry: this.entries.has(action), edgesInto };
  }

  /** The node a body element (a menu) was written for. */
  elementOf(element: object): ActionSource | undefined {
    return this.elements.get(element);
  }
}
