// What the rest of the project needs to know about a node type, as data and small pure
// functions: its transitions, the expressions it evaluates, the variables it writes, and a
// one-line description. Checks, compiler, diagrams and diffs ask the descriptor; nothing
// switches on a node type outside its own file and the compiler's per-node emitter.
import type { ValueType } from "../types";

export interface TransitionSpec {
  /** The key under `transitions:` in the node. */
  name: string;
  /** A required transition must be present (checked, located, by the `transitions` check). */
  required: boolean;
  /** A failure/error outcome (drawn dotted in diagrams). */
  failure: boolean;
}

export interface ExpressionUse {
  /** Dotted field path inside the node, e.g. `expression`, `inputs.callerNumber`. */
  field: string;
  text: string;
  /** The type the expression must have, when the node knows it (e.g. `boolean` for a condition). */
  expect?: string;
  /**
   * Where the expected type comes from when it is not fixed: a declared variable of the flow, an
   * input of the called module, or an output of the module itself.
   */
  expectOf?: { variable: string } | { moduleInput: { module: string; input: string } } | { ownOutput: string };
}

export interface VariableWrite {
  field: string;
  /** The variable's name as written in the model (no scope prefix). */
  variable: string;
  /** The type the node stores into it, when fixed by the node (e.g. collected digits are strings). */
  type?: ValueType;
}

export interface NodeTypeDescriptor<N> {
  type: string;
  /** One line for the README's vocabulary table and the editor schema. */
  summary: string;
  /** Field names and what they hold, for the README table. */
  fields: string;
  /** The transitions this node has (for most types fixed; a menu's depend on its choices). */
  transitions(node: N): TransitionSpec[];
  /** How the README names the transitions when they depend on the node's fields (a menu's choices). */
  transitionsDoc?: string;
  /** A path may end at this node (disconnect, transfer, return). */
  terminal: boolean;
  /** Only allowed in common modules (return). */
  moduleOnly?: boolean;
  expressions(node: N): ExpressionUse[];
  writes(node: N): VariableWrite[];
  /** A short description of what the node does, for diagrams and diffs. */
  describe(node: N): string;
  /**
   * A node of this type using every field, its transitions pointing to a node "Next". Tests build
   * their fixtures from it (compiler goldens, the fidelity test, publishing on the emulator), so
   * a new node type is covered by them as soon as it is registered. Expressions in it use literals
   * only; the variables it writes are declared by the fixture with the types its `writes` give.
   */
  example: N;
  /**
   * Compiled once and entered from wherever it is reached (a menu: Archy `menus`), instead of
   * being laid out in each path or as a reusable task.
   */
  compiledOnce?: boolean;
}

export const next: TransitionSpec = { name: "next", required: true, failure: false };
export const optionalNext: TransitionSpec = { name: "next", required: false, failure: false };
