// A subflow node. In a flow that is not a module: Archy `callCommonModule` (the module by its
// published name, every input and output listed as real exports do, unbound ones `noValue`),
// capturing the module's `Common.outcome` into a generated variable, then a `decision` on it.
// In a module: the called module is compiled in place, because Genesys does not let a common
// module call a common module ("You cannot use a common module flow in another common module
// flow", help.mypurecloud.com/articles/work-with-common-module-flows); the caller is then
// republished whenever the callee changes, like any caller.
import { FLOW_KINDS } from "../../model/kinds";
import type { NodeOf } from "../../model/nodes";
import * as A from "../archyActions";
import type { NodeEmitter } from "../context";
import { OUTCOME_VARIABLE } from "../names";

export const subflow: NodeEmitter<NodeOf<"subflow">> = (node, id, ctx) => {
  const callee = ctx.module(node.module);
  if (!callee) return ctx.fail(id, `no module named "${node.module}" was given to the compiler`);
  if (FLOW_KINDS[ctx.kind.kind].isModule) return ctx.inlineModule(id, node, callee);
  const inputs: Record<string, A.Value> = {};
  for (const input of Object.keys(callee.model.inputs).sort()) {
    const e = node.inputs[input];
    inputs[`Common.${input}`] = e === undefined ? A.noValue() : A.exp(ctx.expression(e));
  }
  const outputs: Record<string, A.Value> = {};
  for (const output of Object.keys(callee.model.outputs).sort()) {
    const target = node.outputs[output];
    outputs[`Common.${output}`] = target === undefined ? A.noValue() : A.varRef(ctx.variable(target));
  }
  const outcome = ctx.generatedVariable(`${id}_outcome`, "string", `Outcome of the module call in node ${id}: completed or error.`);
  outputs[OUTCOME_VARIABLE] = A.varRef(outcome);
  return [
    A.callCommonModule(node.label ?? id, callee.publishedName, inputs, outputs),
    A.decision(`${id}: module outcome`, `${outcome} == "completed"`, {
      yes: ctx.goto(id, "completed", node.transitions.completed),
      no: ctx.goto(id, "error", node.transitions.error),
    }),
  ];
};
