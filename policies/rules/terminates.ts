// Every path must end: in a call flow by disconnecting, transferring or returning; a module
// must also never loop, since a call waiting in a module loop holds the caller's flow with it.
import { TERMINAL_NODE_TYPES } from "../../components/model/schema";
import { cycles, reachableFrom, reverse, successors, terminalNodes } from "./graph";
import { FlowRule, Violation, violation } from "./types";

const ID = "terminates";
const TERMINALS = TERMINAL_NODE_TYPES.join(", ");

export const terminates: FlowRule = {
  kind: "flow",
  id: ID,
  description: `Every path ends in a terminal node (${TERMINALS}); module graphs have no cycles.`,
  remediation: `Give every node a path to a terminal node (${TERMINALS}); in modules, replace loops by straight paths.`,
  defaultEnforcement: "mandatory",
  check(ctx) {
    const graph = successors(ctx.model);
    const canFinish = reachableFrom(reverse(graph), terminalNodes(ctx.model));
    const out: Violation[] = [];
    for (const id of [...graph.keys()].sort()) {
      if (canFinish.has(id)) continue;
      out.push(
        violation(ctx, ID, {
          node: id,
          path: ["transitions"],
          problem: `no path from this node reaches a terminal node (${TERMINALS})`,
          fix: "add or redirect a transition so the path ends in a disconnect, transferToQueue or return node",
        }),
      );
    }
    if (ctx.model.kind === "commonModule") {
      for (const loop of cycles(graph)) {
        out.push(
          violation(ctx, ID, {
            node: loop[0],
            path: ["transitions"],
            problem: `module nodes form a cycle: ${loop.join(" -> ")}`,
            fix: `break the cycle: make one of ${[...new Set(loop)].map((n) => `"${n}"`).join(", ")} continue to a node outside it`,
          }),
        );
      }
    }
    return out;
  },
};
