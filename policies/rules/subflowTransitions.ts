// Every call into the shared module must say where the flow goes when the module completes
// and when it fails: Archy's callCommonModule has no outcome paths, so the model makes them explicit.
import { FlowRule, sortedEntries, violation } from "./types";

const ID = "subflow-transitions";

const FIX: Record<string, string> = {
  completed: "add transitions.completed pointing to the node that continues after the module",
  error: "add transitions.error pointing to a node that handles the failure",
};

export const subflowTransitions: FlowRule = {
  kind: "flow",
  id: ID,
  description: "Every subflow node has both a `completed` and an `error` transition, each to an existing node.",
  remediation:
    "Give each subflow node transitions.completed and transitions.error, each naming a node of the same flow.",
  defaultEnforcement: "mandatory",
  check(ctx) {
    const out = [];
    for (const [id, node] of sortedEntries(ctx.model.nodes)) {
      if (node.type !== "subflow") continue;
      for (const name of ["completed", "error"] as const) {
        const target = node.transitions[name];
        if (target === undefined) {
          out.push(
            violation(ctx, ID, { node: id, path: ["transitions"], problem: `subflow has no "${name}" transition`, fix: FIX[name] }),
          );
        } else if (!Object.prototype.hasOwnProperty.call(ctx.model.nodes, target)) {
          out.push(
            violation(ctx, ID, {
              node: id,
              path: ["transitions", name],
              problem: `"${name}" transition points to "${target}", which is not a node of this flow`,
              fix: `point transitions.${name} to an existing node or add a node "${target}"`,
            }),
          );
        }
      }
    }
    return out;
  },
};
