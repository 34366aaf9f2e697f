// Genesys only lets a flow call a common module declared compatible with its flow type, and a
// common module cannot call another module: both fail at publish time, so catch them before.
import { FlowRule, Violation, sortedEntries, violation } from "./types";

const ID = "module-compatibility";
/** The API flow type of each model kind that can call a module. */
const CALLER_FLOW_TYPE = { inboundCall: "inboundcall" } as const;

export const moduleCompatibility: FlowRule = {
  kind: "flow",
  id: ID,
  description: "The calling flow's type is among the module's compatible flow types; modules do not call modules.",
  remediation:
    "Add the caller's flow type to the module's compatibleFlowTypes; move logic a module needs from another module into the module itself.",
  defaultEnforcement: "mandatory",
  check(ctx) {
    const out: Violation[] = [];
    for (const [id, node] of sortedEntries(ctx.model.nodes)) {
      if (node.type !== "subflow") continue;
      if (ctx.model.kind === "commonModule") {
        out.push(
          violation(ctx, ID, {
            node: id,
            path: ["module"],
            problem: `a common module calls module "${node.module}"; modules may not call modules`,
            fix: "replace the subflow node by the called module's nodes, or move the call into the calling flows",
          }),
        );
        continue;
      }
      const module = ctx.modules.get(node.module);
      if (!module) continue; // reported by module-interface
      const flowType = CALLER_FLOW_TYPE[ctx.model.kind];
      if (!(module.compatibleFlowTypes as readonly string[]).includes(flowType)) {
        out.push(
          violation(ctx, ID, {
            node: id,
            path: ["module"],
            problem: `module "${module.name}" is not compatible with ${flowType} flows (compatibleFlowTypes: ${module.compatibleFlowTypes.join(", ") || "none"})`,
            fix: `add ${flowType} to compatibleFlowTypes of module "${module.name}"`,
          }),
        );
      }
      if (module.callsModules) {
        out.push(
          violation(ctx, ID, {
            node: id,
            path: ["module"],
            problem: `module "${module.name}" itself calls other modules, which Genesys does not allow`,
            fix: `remove the subflow nodes from module "${module.name}"`,
          }),
        );
      }
    }
    return out;
  },
};
