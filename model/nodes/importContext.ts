// What a node type's importer is: it reads the one Archy action the node compiles to back into a
// node (flows:import). The import's graph builder (import/graph.ts) does the rest: node ids,
// labels, transitions to the nodes of each branch, continuations, loops, and raw Archy for
// everything no importer maps. An importer maps an action only when every field is one the node
// compiles back to, and otherwise says why it keeps it raw, so nothing is lost.
import type { Json } from "../../archy/json";
import { extraFields } from "../../archy/values";
import type { ValueType } from "../types";

/** What the graph builder gives an importer. */
export interface ImportContext {
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
  /** The node without its transitions (the graph builder adds them). */
  node: { type: string } & Record<string, unknown>;
  branches: Record<string, Json[] | undefined>;
  loopBody?: Json[];
}

/** Why an action stays raw Archy (shown in the report). */
export interface KeepRaw {
  raw: string;
}

export interface ActionImporter {
  /** The Archy action key it reads (`decision`, `updateData`, ...). */
  action: string;
  /** The action's fields the node has one for: an action with another stays raw (fieldsMissingFrom) before `map` reads it. */
  fields?: readonly string[];
  map(action: Record<string, Json>, ctx: ImportContext): TypedMapping | KeepRaw;
}

export function keepRaw(reason: string): KeepRaw {
  return { raw: reason };
}

/** Why an action stays raw when it has fields a node of `type` has none for (`known` besides), else undefined. */
export function fieldsMissingFrom(
  type: string,
  action: Record<string, Json>,
  known: readonly string[],
): KeepRaw | undefined {
  const extra = extraFields(action, known);
  const article = /^[aeiou]/i.test(type) ? "an" : "a";
  return extra.length > 0 ? keepRaw(`${article} ${type} node has no field for ${extra.join(", ")}`) : undefined;
}
