// A node no path reaches is dead weight at best and a forgotten branch at worst.
import { reachableFrom, successors } from "./graph";
import { FlowRule, Violation, stringListSetting, violation } from "./types";

const ID = "reachable-nodes";

export const reachableNodes: FlowRule = {
  kind: "flow",
  id: ID,
  description: "Every node is reachable from the start node.",
  remediation: "Connect each unreachable node from a reachable one, or delete it.",
  defaultEnforcement: "advisory",
  settings: {
    ignore: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Node ids allowed to be unreachable (e.g. kept for a later release).",
    },
  },
  check(ctx) {
    const { model } = ctx;
    if (!Object.prototype.hasOwnProperty.call(model.nodes, model.start)) {
      return [
        violation(ctx, ID, {
          path: ["start"],
          problem: `start node "${model.start}" does not exist, so no node is reachable`,
          fix: "set start to the id of the flow's first node",
        }),
      ];
    }
    const ignore = new Set(stringListSetting(ctx.settings, "ignore", []));
    const graph = successors(model);
    const reached = reachableFrom(graph, [model.start]);
    const out: Violation[] = [];
    for (const id of [...graph.keys()].sort()) {
      if (reached.has(id) || ignore.has(id)) continue;
      out.push(
        violation(ctx, ID, {
          node: id,
          problem: `node is not reachable from start node "${model.start}"`,
          fix: `add a transition to "${id}" from a reachable node, or delete the node`,
        }),
      );
    }
    return out;
  },
};
