// What an action importer is: one small entry per node type, reading one Archy action into the
// node it compiles back from. The graph builder (import/graph.ts) does the rest: node ids, labels,
// transitions to the nodes of each branch, continuations, loops, raw Archy for everything else.
import type { FlowKindDescriptor } from "../../model/kinds";
import type { NodeType } from "../../model/nodes";
import type { ValueType } from "../../model/types";
import type { Json } from "../json";

export interface ImportContext {
  kind: FlowKindDescriptor;
  /** Whether the flow's kind offers this node type (a module: every kind it serves does). */
  allows(type: NodeType): boolean;
  /**
   * The model variable behind an Archy variable name (`Flow.x`), declaring it when Archy creates
   * it on first write (`as`: the type the action writes); undefined when the model cannot hold it.
   */
  variable(archyName: string, as?: ValueType): { name: string; type: ValueType } | undefined;
}

/**
 * A typed node for one action. `branches` maps each transition of the node to the Archy actions
 * that run there (undefined or empty: the action's own path falls through, so the transition
 * goes where the flow continues after the action). A loop names its body separately: a body's
 * end goes back to the loop, not on after it.
 */
export interface TypedMapping {
  node: { type: NodeType } & Record<string, unknown>;
  branches: Record<string, Json[] | undefined>;
  loopBody?: Json[];
}

/** Why an action stays raw Archy (shown in the report). */
export interface KeepRaw {
  raw: string;
}

export interface ActionImporter {
  /** The node type it produces (the kind must offer it). */
  nodeType: NodeType;
  map(action: Record<string, Json>, ctx: ImportContext): TypedMapping | KeepRaw;
}

export function keepRaw(reason: string): KeepRaw {
  return { raw: reason };
}
