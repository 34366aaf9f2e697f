// What a node emitter is given: how to name variables and rewrite expressions in the graph
// being emitted (the flow itself, or a module compiled into its caller), how to continue at a
// transition's target, and the portfolio's modules. Built by compiler/emit.ts.
import type { FlowKindDescriptor } from "../model/kinds";
import type { FlowNode, ModuleModel } from "../model/schema";
import type { ValueType } from "../model/types";
import type { Action } from "./archyActions";

export interface ModuleRef {
  /** The module's published name (stack prefix applied): callCommonModule references it by name. */
  publishedName: string;
  model: ModuleModel;
}

export interface EmitContext {
  /** The kind of the flow being compiled (the outermost flow). */
  kind: FlowKindDescriptor;
  file: string;
  /** True while emitting inside a `loop` (an end of path must then end the flow explicitly). */
  inLoop: boolean;
  /** The Archy name of a variable of the graph being emitted, e.g. `Flow.choice`, `Common.Verify_pin`. */
  variable(name: string): string;
  /** The declared type of a variable of the graph being emitted. */
  variableType(name: string): ValueType;
  /** An expression of the graph being emitted, as it must appear in the compiled flow. */
  expression(text: string): string;
  /** Actions that continue at the target of transition `transition` of node `from`. */
  goto(from: string, transition: string, target: string | undefined): Action[];
  /** A flow variable the compiler adds (e.g. a module call's outcome), declared once; returns its Archy name. */
  generatedVariable(name: string, type: ValueType, description: string): string;
  /** A module of the portfolio by model name. */
  module(name: string): ModuleRef | undefined;
  /** Emits the node `start` of `module` in place (a module calling a module): see emit.ts. */
  inlineModule(callerNode: string, node: Extract<FlowNode, { type: "subflow" }>, callee: ModuleRef): Action[];
  /** What a `return` node does here: set the outputs and end (a module), or go on in the caller (inlined). */
  returnFrom(node: Extract<FlowNode, { type: "return" }>, id: string): Action[];
  /**
   * Emits the branch of an action that continues after it (an archy node's branch when the node
   * has a `next`): a path that ends inside must then end the flow explicitly.
   */
  branch(from: string, name: string, body: () => Action[]): Action[];
  /** Emits a loop node's body and continuation. */
  loopBody(loopId: string, doneTarget: string, body: () => Action[]): Action[];
  /**
   * The actions that enter the menu node `id` (a jump to it), registering the menu: `build` is
   * called once, outside any path, to write the menu (its choices continue with `goto`).
   */
  enterMenu(id: string, build: () => Record<string, unknown>): Action[];
  /** The flow's default language (speech recognition terms are given in it), if the kind has one. */
  language: string | undefined;
  /** Throws a located compile error. */
  fail(node: string, message: string): never;
}

/** A node emitter: the node's actions followed by (or branching into) its continuations. */
export type NodeEmitter<N extends FlowNode> = (node: N, id: string, ctx: EmitContext) => Action[];
