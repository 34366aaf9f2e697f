// What a behaviour run observes, in order: the nodes it enters and the transitions it takes (in
// the user's terms, through the compiler's source map), the Archy actions it runs, what the caller
// hears and is sent, and each answer of the world (a key pressed, a schedule's state, a data
// action's outcome). Scenario expectations, coverage and journeys are all read from it. Pure data.
import type { Ending } from "../model/nodes/runContext";

/** Where an action runs: the flow (id) whose node it stands for, the node, the action's name. */
export interface Where {
  /** Flow id of the node (a module's id for the nodes of a module, also where it is compiled into a caller). */
  flow: string;
  node?: string;
  /** The Archy action's name (its label in Architect). */
  action: string;
  /** The compiled flow the action is in (differs from `flow` for a module compiled into another). */
  compiledIn: string;
}

export type TraceEvent =
  | { kind: "visit"; flow: string; node: string }
  | { kind: "transition"; flow: string; from: string; transition: string }
  /**
   * `path`: the output path the action took (`success`, `yes`; none: it went on), as execution data
   * names it; `unrecorded`: no action of the document (the run's own jump into a menu), so Genesys records none.
   */
  | { kind: "action"; key: string; at: Where; path?: string; unrecorded?: true }
  | { kind: "prompt"; text: string; at: Where }
  | { kind: "message"; text: string; at: Where }
  /** The world's answer at a point that asks it (`digits 1234`, `schedule Hours: inactive`). */
  | { kind: "answer"; question: string; answer: string; at: Where }
  | { kind: "attribute"; name: string; value: string; at: Where };

/** `Sales.Menu` for a module's node seen from elsewhere, `Menu` for a node of the flow itself. */
export function nodeLabel(
  flow: string,
  node: string,
  entryFlow: string,
  moduleNames: (flowId: string) => string | undefined,
): string {
  return flow === entryFlow ? node : `${moduleNames(flow) ?? flow}.${node}`;
}

/** How an ending reads: `transfer to queue "Sales" (priority 5)`. */
export function describeEnding(e: Ending | undefined): string {
  if (e === undefined) return "no ending";
  switch (e.type) {
    case "disconnect":
      return "disconnect";
    case "transferToQueue":
      return `transfer to queue ${JSON.stringify(e.queue)}${e.priority !== undefined ? ` (priority ${e.priority})` : ""}${e.skills ? ` skills ${e.skills.join(", ")}` : ""}${e.languageSkill ? ` language ${e.languageSkill}` : ""}`;
    case "transferToFlow":
      return `transfer to flow ${JSON.stringify(e.flow)}`;
    case "end":
      return e.action;
    case "errorHandling":
      return `error handling (${e.handling}): ${e.reason}`;
  }
}
