// What a node type is: one unit, written in one file of this folder and registered once in
// index.ts. Its descriptor (data and small pure functions: transitions, the expressions it
// evaluates, the variables it writes, a description, an example) is what checks, diagrams and
// diffs ask; its schema is the shape of the node in a flow file; its emitter writes the Archy it
// compiles to; its importer reads that Archy back; `archyActions` names the Archy actions it
// compiles to, from which the flow kinds that offer it follow (model/kinds). Nothing switches on
// a node type outside its own file. Its `run` gives the run-time semantics of those Archy actions
// (the behaviour interpreter runs compiled flows with them; runContext.ts).
import { z } from "zod";
import type { NodeEmitter } from "./emitContext";
import type { ActionImporter } from "./importContext";
import type { ActionRuns } from "./runContext";
import { label, type ValueType } from "../types";

export interface TransitionSpec {
  /** The key under `transitions:` in the node. */
  name: string;
  /** A required transition must be present (checked, located, by the `transitions` check). */
  required: boolean;
  /**
   * The rule that requires it where the schema lets it be absent, so that the rule (a policy)
   * reports it missing rather than the loader: `subflow-transitions` for a subflow's outcomes.
   */
  requiredBy?: string;
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

/** A variable the compiler declares for a node. */
export interface GeneratedVariable {
  /** Without the scope prefix, e.g. `Verify_outcome`. */
  name: string;
  type: ValueType;
  description: string;
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
  /** A path may end at this node though its type is not terminal (a menu with a choice that disconnects). */
  endsHere?(node: N): boolean;
  /** Only allowed in common modules (return). */
  moduleOnly?: boolean;
  expressions(node: N): ExpressionUse[];
  writes(node: N): VariableWrite[];
  /**
   * The variables the compiler declares for a node of this type (a subflow's outcome, a loop's
   * index), names without the scope prefix: its emitter declares exactly these, and the variables
   * check refuses a declared variable that would take one's name and a name longer than a variable
   * may be. `isModule`: the node is in a common module.
   */
  generatedVariables?(node: N, id: string, where: { isModule: boolean }): GeneratedVariable[];
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

/** Whether a flow needs the transition: its schema's (`required`) or a rule's (`requiredBy`). What node_types and the README say. */
export function needed(spec: TransitionSpec): boolean {
  return spec.required || spec.requiredBy !== undefined;
}
export const optionalNext: TransitionSpec = { name: "next", required: false, failure: false };

/** The whole unit: descriptor, schema, emitter, importer. */
export interface NodeTypeUnit<N extends { type: string } = { type: string }> extends NodeTypeDescriptor<N> {
  /** The node's shape in a flow file (a strict zod object with a literal `type`). */
  schema: z.ZodType<N>;
  /**
   * The Archy actions a node of this type compiles to (besides ones every flow type has). A flow
   * kind offers the node type where the catalogue knows each of them exists in the kind's Archy
   * flow type (archy/catalogue/availability.ts), unless the kind excludes it with a reason.
   */
  archyActions: readonly string[];
  emit: NodeEmitter<N>;
  /**
   * Reads the Archy action the node compiles to back into a node (flows:import). Absent when the
   * node is not one action (a menu is a body element the import's graph builder reads).
   */
  importer?: ActionImporter;
  /**
   * What the Archy actions it compiles to do at run time, by action key (runContext.ts). One
   * semantics per action key across all node types: an action two node types compile to (the
   * `updateData` of setVariable and return) is given by one of them.
   */
  run?: ActionRuns;
}

/** The node a schema describes. */
export type NodeOfSchema<S extends z.ZodType> = z.output<S> & { type: string };

/**
 * What a node type may leave out: by default its one transition is a required `next`, it ends no
 * path, evaluates no expression, writes no variable, and compiles to the one Archy action its
 * importer reads.
 */
type Defaulted = "transitions" | "terminal" | "expressions" | "writes" | "archyActions";

/**
 * Defines a node type, keeping its schema's precise type (the registry builds the flow model's
 * discriminated union from it).
 */
export function defineNodeType<S extends z.ZodObject<{ type: z.ZodLiteral<string> } & z.ZodRawShape>>(
  unit: Omit<NodeTypeUnit<NodeOfSchema<S>>, "schema" | "type" | "example" | "importer" | Defaulted> &
    Partial<Pick<NodeTypeUnit<NodeOfSchema<S>>, Defaulted>> & {
      schema: S;
      /** The example without its `type` (the unit's). */
      example: Omit<NodeOfSchema<S>, "type">;
      /** The importer; the action it reads is the node's type unless it says another. */
      importer?: Omit<ActionImporter, "action"> & { action?: string };
    },
): NodeTypeUnit<NodeOfSchema<S>> & { schema: S } {
  const type = unit.schema.shape.type.value;
  const importer = unit.importer && { action: type, ...unit.importer };
  return {
    transitions: () => [next],
    terminal: false,
    expressions: () => [],
    writes: () => [],
    archyActions: importer ? [importer.action] : [],
    ...unit,
    type,
    example: { type, ...unit.example },
    ...(importer ? { importer } : {}),
  } as NodeTypeUnit<NodeOfSchema<S>> & { schema: S };
}

/** A node type's schema: its `type` and `label`, then its own fields (`shape`), and no other field. */
export function nodeSchema<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), label, ...shape }).strict();
}
