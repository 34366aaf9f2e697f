// callData of one data action named literally, with inputs given as expressions or literals and
// success outputs stored in variables the model declares -> dataAction; its success, failure and
// timeout paths are the node's transitions. Unset inputs and outputs (`noValue`, as exports list
// every field of the contract) are left out, as the compiler leaves them out. A processing prompt,
// failure outputs written to variables, or a timeout that is not literal seconds keep it raw.
import { isMap, single, type Json } from "../json";
import { expOf, extraFields, isEmptyField, isNoValue, literalExpression, litOf, otherPaths, pathActions, varOf } from "./values";
import { keepRaw, type ActionImporter, type KeepRaw } from "./types";

/** A name of a data action's input or output, as the model accepts it (model/nodes/dataAction.ts). */
const CONTRACT_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;

/** The model's timeoutSeconds of a `timeout: {lit: {seconds: n}}` (or `{minutes: n}`), or why it has none. */
function timeoutOf(v: Json): { seconds?: number } | KeepRaw {
  if (isEmptyField(v)) return {};
  const t = litOf(v)?.value;
  const unit = isMap(t) ? single(t) : undefined;
  const factor = unit?.[0] === "seconds" ? 1 : unit?.[0] === "minutes" ? 60 : undefined;
  const seconds = factor !== undefined && typeof unit?.[1] === "number" ? unit[1] * factor : undefined;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 1 || seconds > 60) return keepRaw("its timeout is not a literal 1 to 60 seconds");
  return { seconds };
}

export const dataAction: ActionImporter = {
  nodeType: "dataAction",
  map(a, ctx) {
    const extra = extraFields(a, ["name", "processingPrompt", "timeout", "category", "outputs"]);
    if (extra.length > 0) return keepRaw(`a dataAction node has no field for ${extra.join(", ")}`);
    if (!isEmptyField(a.processingPrompt)) return keepRaw("it plays a processing prompt");
    const timeout = timeoutOf(a.timeout);
    if ("raw" in timeout) return timeout;
    const category = single(a.category);
    const action = category && isMap(category[1]) ? single(category[1]) : undefined;
    const named = action && action[0] === "dataAction" ? single(action[1]) : undefined;
    if (!category || !named || !isMap(named[1])) return keepRaw("its data action is not one named literally");
    const call = named[1];
    const callExtra = extraFields(call, ["inputs", "successOutputs"]);
    if (callExtra.length > 0) return keepRaw(`a dataAction node has no field for ${callExtra.join(", ")} (only success outputs are stored)`);
    const inputs: Record<string, string> = {};
    for (const [input, value] of Object.entries(isMap(call.inputs) ? call.inputs : {})) {
      if (isNoValue(value)) continue;
      const lit = litOf(value);
      const expression = expOf(value) ?? (lit ? literalExpression(lit.value) : undefined);
      if (!CONTRACT_NAME.test(input) || expression === undefined) return keepRaw(`its input ${input} is not a name and an expression the model can hold`);
      inputs[input] = expression;
    }
    const outputs: Record<string, string> = {};
    for (const [output, value] of Object.entries(isMap(call.successOutputs) ? call.successOutputs : {})) {
      if (isNoValue(value)) continue;
      const archyName = varOf(value);
      const target = archyName !== undefined ? ctx.variable(archyName) : undefined;
      if (!CONTRACT_NAME.test(output) || !target) return keepRaw(`its output ${output} is not stored in a variable the model can declare`);
      outputs[output] = target.name;
    }
    const others = otherPaths(a, ["success", "failure", "timeout"]);
    if (others.length > 0) return keepRaw(`a dataAction node has no transition for ${others.join(", ")}`);
    return {
      node: {
        type: "dataAction",
        category: category[0],
        action: named[0],
        inputs,
        outputs,
        ...(timeout.seconds !== undefined ? { timeoutSeconds: timeout.seconds } : {}),
      },
      branches: { success: pathActions(a, "success"), failure: pathActions(a, "failure"), timeout: pathActions(a, "timeout") },
    };
  },
};
