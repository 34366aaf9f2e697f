// Subflow: calls a common module and continues on its outcome (`completed` or `error`). In a flow
// that is not a module: Archy `callCommonModule` (the module by its published name, every input and
// output listed as real exports do, unbound ones `noValue`), capturing the module's
// `Common.outcome` into a generated variable, then a `decision` on it. In a module: the called
// module is compiled in place, because Genesys does not let a common module call a common module
// ("You cannot use a common module flow in another common module flow",
// help.mypurecloud.com/articles/work-with-common-module-flows); the caller is then republished
// whenever the callee changes, like any caller.
import { z } from "zod";
import * as A from "../../archy/construct";
import { expression, nodeId, OUTCOME_VARIABLE, variableName } from "../types";
import { defineNodeType, type GeneratedVariable, nodeSchema } from "./unit";
import type { RunValue } from "../../archy/expressions/values";
import { isUnset, variableOf } from "./runFields";
import { isMap, single } from "../../archy/json";

/** The variable a call's outcome lands in, in a flow that is not a module. */
function outcomeVariable(id: string): GeneratedVariable {
  return {
    name: `${id}_outcome`,
    type: "string",
    description: `Outcome of the module call in node ${id}: completed or error.`,
  };
}

export const subflow = defineNodeType({
  schema: nodeSchema("subflow", {
    /** The called common module's `name` as written in its flow file. */
    module: z.string().min(1),
    /** Module input name -> Architect expression in the caller. */
    inputs: z.record(variableName, expression).default({}),
    /** Module output name -> caller variable that receives it. */
    outputs: z.record(variableName, variableName).default({}),
    /** Both are required by the `subflow-transitions` policy; the schema lets the policy report it. */
    transitions: z.object({ completed: nodeId.optional(), error: nodeId.optional() }).strict(),
  }),
  summary: "Calls a common module; continues on its outcome.",
  fields: "`module` (the module's `name`), `inputs` (module input → expression), `outputs` (module output → variable)",
  // Optional in the schema: the `subflow-transitions` rule (mandatory, locked) reports a missing one.
  transitions: () => [
    { name: "completed", required: false, requiredBy: "subflow-transitions", failure: false },
    { name: "error", required: false, requiredBy: "subflow-transitions", failure: true },
  ],
  // Input types are the module's: the module-interface check resolves them.
  expressions: (n) =>
    Object.entries(n.inputs).map(([input, text]) => ({
      field: `inputs.${input}`,
      text,
      expectOf: { moduleInput: { module: n.module, input } },
    })),
  writes: (n) => Object.entries(n.outputs).map(([output, variable]) => ({ field: `outputs.${output}`, variable })),
  // In a module the called module is compiled in place: no outcome variable.
  generatedVariables: (_n, id, where) => (where.isModule ? [] : [outcomeVariable(id)]),
  describe: (n) => `call module ${n.module}`,
  // The fixtures give every flow a module "Example" with a string input `text` and a string output `result`.
  example: {
    label: "Call example",
    module: "Example",
    inputs: { text: '"hello"' },
    outputs: { result: "result" },
    transitions: { completed: "Next", error: "Next" },
  },
  archyActions: ["callCommonModule"],
  emit: (node, id, ctx) => {
    const callee = ctx.module(node.module);
    if (!callee) return ctx.fail(id, `no module named "${node.module}" was given to the compiler`);
    if (ctx.kind.isModule) return ctx.inlineModule(id, node);
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
    const declared = outcomeVariable(id);
    const outcome = ctx.generatedVariable(declared.name, declared.type, declared.description);
    outputs[OUTCOME_VARIABLE] = A.varRef(outcome);
    return [
      A.callCommonModule(node.label ?? id, callee.publishedName, inputs, outputs),
      A.decision(`${id}: module outcome`, `${outcome} == "completed"`, {
        yes: ctx.goto(id, "completed", node.transitions.completed),
        no: ctx.goto(id, "error", node.transitions.error),
      }),
    ];
  },
  // Call Common Module runs the module with its inputs (the module's input variables) and gives its
  // outputs to the caller's variables (sdk: ArchActionCallCommonModule, "flow inputs defined on the
  // common module", "flow outputs"); the module runs its own published flow.
  run: {
    callCommonModule: (a, rt) => {
      const call = single(a.commonModule);
      const version = call && isMap(call[1]) ? single(call[1]) : undefined;
      if (!call || !version || !isMap(version[1])) return rt.cannot("a common module call that names no module");
      if (version[0] !== "ver_latestPublished") return rt.cannot(`a call of module version ${version[0]}`);
      const inputs: Record<string, RunValue> = {};
      for (const [input, value] of Object.entries(isMap(version[1].inputs) ? version[1].inputs : {}))
        if (!isUnset(value)) inputs[input] = rt.value(value, "unknown");
      const outputs: Record<string, string> = {};
      for (const [output, target] of Object.entries(isMap(version[1].outputs) ? version[1].outputs : {})) {
        const variable = isUnset(target) ? undefined : variableOf(target);
        if (variable !== undefined) outputs[output] = variable;
      }
      return { kind: "callModule", module: call[0], inputs, outputs };
    },
  },
});
