// Call module: calls a common module of the org by its published name and goes on, as Archy's
// `callCommonModule` does (no outcome paths: https://help.mypurecloud.com/articles/call-common-module-action/;
// export:andrewappleton/rjv-blueprint "RJV Menhir In-Queue New_v11-0.yaml" line 532). The import's node
// for a call it finds: the module need not be in the portfolio, and the call has one continuation.
// A module of the portfolio is called with a `subflow` node, which adds the completed/error outcome;
// a callModule naming one (by its published name, or by the name its file gives it, as the import of
// a module and its callers writes) calls it as the stack publishes it, after it (checks/moduleChecks.ts).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import { expOf, isNoValue, literalExpression, litOf, varOf } from "../../archy/values";
import { expression, nodeId, VARIABLE_NAME_PATTERN, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

/** A module variable name as Archy keys it: `Common.<name>`. */
const COMMON = /^Common\.(.+)$/;

export const callModule = defineNodeType({
  schema: nodeSchema("callModule", {
    /** The module's published name in the org (often a `{{placeholder}}`). */
    module: z.string().min(1),
    /** Module input -> Architect expression in the caller; null passes no value (exports list every input). */
    inputs: z.record(variableName, expression.nullable()).default({}),
    /** Module output -> caller variable that receives it; null stores it nowhere (exports list every output). */
    outputs: z.record(variableName, variableName.nullable()).default({}),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary:
    "Calls a common module by its published name and goes on (no outcome paths); a module of the portfolio named as its file names it is called as the stack publishes it (subflow adds outcome paths).",
  fields:
    "`module` (published name), `inputs` (module input → expression or null), `outputs` (module output → variable or null)",
  expressions: (n) =>
    Object.entries(n.inputs).flatMap(([input, text]) => (text !== null ? [{ field: `inputs.${input}`, text }] : [])),
  writes: (n) =>
    Object.entries(n.outputs).flatMap(([output, variable]) =>
      variable !== null ? [{ field: `outputs.${output}`, variable }] : [],
    ),
  describe: (n) => `call module ${n.module}`,
  example: {
    label: "Log the call",
    module: "Example",
    inputs: { text: '"hello"' },
    outputs: { result: "result" },
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => {
    const inputs = Object.fromEntries(
      Object.entries(node.inputs).map(([k, e]) => [`Common.${k}`, e === null ? A.noValue() : A.exp(ctx.expression(e))]),
    );
    const outputs = Object.fromEntries(
      Object.entries(node.outputs).map(([k, v]) => [
        `Common.${k}`,
        v === null ? A.noValue() : A.varRef(ctx.variable(v)),
      ]),
    );
    // A module of the portfolio named as its file names it (imported with its callers) is called as the stack publishes it.
    const target = ctx.module(node.module)?.publishedName ?? node.module;
    return [
      A.callCommonModule(actionName(node, id), target, inputs, outputs),
      ...ctx.goto(id, "next", node.transitions.next),
    ];
  },
  importer: {
    action: "callCommonModule",
    fields: ["name", "commonModule"],
    map(a, ctx) {
      const call = single(a.commonModule);
      if (!call || !isMap(call[1])) return keepRaw("it does not name one module");
      const version = single(call[1]);
      if (version?.[0] !== "ver_latestPublished" || !isMap(version[1]))
        return keepRaw("it does not call the latest published version");
      const { inputs: inputsOf, outputs: outputsOf, ...rest } = version[1];
      if (Object.keys(rest).length > 0)
        return keepRaw(`a callModule node has no field for ${Object.keys(rest).join(", ")}`);
      const inputs: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(isMap(inputsOf) ? inputsOf : {})) {
        const name = moduleVariable(key);
        if (name === undefined) return keepRaw(`module input ${key} is not a Common variable`);
        const lit = litOf(value);
        const e = isNoValue(value) ? null : (expOf(value) ?? (lit ? literalExpression(lit.value) : undefined));
        if (e === undefined) return keepRaw(`module input ${key} is neither an expression nor a plain literal`);
        inputs[name] = e;
      }
      const outputs: Record<string, string | null> = {};
      for (const [key, value] of Object.entries(isMap(outputsOf) ? outputsOf : {})) {
        const name = moduleVariable(key);
        if (name === undefined) return keepRaw(`module output ${key} is not a Common variable`);
        if (isNoValue(value)) {
          outputs[name] = null;
          continue;
        }
        const target = varOf(value);
        // The output's type is the module's, unknown here: the variable must be declared already.
        const own = target === undefined ? undefined : ctx.variable(target);
        if (!own) return keepRaw(`module output ${key} is not stored in a declared variable`);
        outputs[name] = own.name;
      }
      return {
        node: {
          type: "callModule",
          module: call[0],
          ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
          ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
        },
        branches: { next: undefined },
      };
    },
  },
});

function moduleVariable(key: string): string | undefined {
  const m = COMMON.exec(key);
  return m && VARIABLE_NAME_PATTERN.test(m[1]) ? m[1] : undefined;
}
