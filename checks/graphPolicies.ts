// Policy checks of a flow's graph: subflow outcomes handled, every node reachable, every path
// able to end. Configurable per stack (policies/config/<stack>.json), except subflow-transitions.
import { reachableFrom, reachableNodes, reverse, successors, terminalNodes } from "../model/graph";
import { NODE_DESCRIPTORS, NODE_TYPES, transitionsOf } from "../model/nodes";
import type { Finding } from "./finding";
import type { CheckFlow, RuleSettings } from "./input";
import { findingsOf, nodeFinding, sortedKeys } from "./locate";

const FIX: Record<string, string> = {
  completed: "add transitions.completed pointing to the node that continues after the module",
  error: "add transitions.error pointing to a node that handles the failure",
};

/** The transitions the node types say this rule requires (model/nodes: a subflow's completed and error), where a node lacks one. */
export function checkSubflowTransitions(flow: CheckFlow): Finding[] {
  const found = findingsOf(flow, "subflow-transitions");
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    for (const { spec, target } of transitionsOf(node)) {
      if (spec.requiredBy === "subflow-transitions" && target === undefined) {
        found.node(id, "transitions", `${node.type} has no "${spec.name}" transition`, FIX[spec.name]);
      }
    }
  }
  return found.list;
}

export function checkReachable(flow: CheckFlow, settings: RuleSettings): Finding[] {
  const { model } = flow;
  if (!Object.hasOwn(model.nodes, model.start)) return []; // flow-references reports it
  const ignore = new Set(Array.isArray(settings.ignore) ? settings.ignore.map(String) : []);
  // A menu holding a global choice is reached wherever any menu is; a node raw Archy enters (a jump
  // to its task) is reached through the archy node that moves there (model/graph.ts).
  const reached = reachableNodes(model);
  return Object.keys(model.nodes)
    .sort()
    .filter((id) => !reached.has(id) && !ignore.has(id))
    .map((id) =>
      nodeFinding(
        flow,
        "reachable-nodes",
        id,
        undefined,
        `node is not reachable from start node "${model.start}"`,
        `add a transition to "${id}" from a reachable node, or delete the node`,
      ),
    );
}

const TERMINALS = NODE_TYPES.filter((t) => NODE_DESCRIPTORS[t].terminal).join(", ");

export function checkTerminates(flow: CheckFlow): Finding[] {
  const graph = successors(flow.model);
  const canFinish = reachableFrom(reverse(graph), terminalNodes(flow.model));
  return [...graph.keys()]
    .sort()
    .filter((id) => !canFinish.has(id))
    .map((id) =>
      nodeFinding(
        flow,
        "terminates",
        id,
        "transitions",
        `no path from this node reaches a node that ends the flow (${TERMINALS})`,
        "add or redirect a transition so the path ends in a disconnect, transfer or return node",
      ),
    );
}
