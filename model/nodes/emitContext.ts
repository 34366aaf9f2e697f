// What a node type's emitter is given by the compiler (compiler/emit.ts builds it): how to name
// variables and rewrite expressions in the graph being emitted (the flow itself, or a module
// compiled into its caller), how to continue at a transition's target, and the portfolio's
// modules. Structural on purpose: it names only what emitters use, so the node types (below the
// compiler) depend on no compiler module.
import type { Action, Terminator } from "../../archy/construct";
import type { ValueType } from "../types";

/** What an emitter needs of the kind of the flow being compiled (a FlowKindDescriptor has it). */
export interface EmitKind {
  title: string;
  isModule: boolean;
  /** What a path that ends without a terminating action falls through to. */
  fallthrough: Terminator;
}

/** A module of the portfolio, as a calling emitter sees it: its published name and interface. */
export interface ModuleRef {
  /** The module's published name (stack prefix applied): callCommonModule references it by name. */
  publishedName: string;
  model: { inputs: Readonly<Record<string, unknown>>; outputs: Readonly<Record<string, unknown>> };
}

/** A call of a module as a subflow node writes it. */
export interface ModuleCall {
  label?: string;
  module: string;
  /** Module input -> expression in the caller. */
  inputs: Readonly<Record<string, string>>;
  /** Module output -> caller variable. */
  outputs: Readonly<Record<string, string>>;
  transitions: { completed?: string; error?: string };
}

/** The end of a module as a return node writes it. */
export interface ModuleReturn {
  label?: string;
  outcome: "completed" | "error";
  /** Module output -> expression. */
  outputs: Readonly<Record<string, string>>;
}

export interface EmitContext {
  /** The kind of the flow being compiled (the outermost flow). */
  kind: EmitKind;
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
  /** Emits the called module's start node in place (a module calling a module): see compiler/emit.ts. */
  inlineModule(callerNode: string, call: ModuleCall): Action[];
  /** What a `return` node does here: set the outputs and end (a module), or go on in the caller (inlined). */
  returnFrom(node: ModuleReturn, id: string): Action[];
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
  /**
   * The reference of the reusable task node `id` starts, laid out as one (a menu choice that jumps
   * to it); undefined where no task can start there (a menu, a node inside a loop, a module).
   */
  reusableTask(id: string | undefined): string | undefined;
  /** The flow's default language (speech recognition terms are given in it), if the kind has one. */
  language: string | undefined;
  /** Throws a located compile error. */
  fail(node: string, message: string): never;
}

/** A node emitter: the node's actions followed by (or branching into) its continuations. */
export type NodeEmitter<N> = (node: N, id: string, ctx: EmitContext) => Action[];

/** The label a node's main action gets in Architect: the node's label, else its id. */
export function actionName(node: { label?: string }, id: string): string {
  return node.label ?? id;
}
