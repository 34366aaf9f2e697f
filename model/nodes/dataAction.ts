// Data action: calls a data action of the org. Compiles to Archy `callData` (inputs, success
// outputs into variables, failure outputs into string variables, paths `success`, `failure` and
// `timeout`); imports from one that names its data action literally (a processing prompt, or a
// timeout that is not literal seconds keep it raw). The failure outputs are the ones every data
// action has, as real exports list them (export:GenesysCloudBlueprints/merge-ephemeral-message-to-external-contact-blueprint
// modules/common-module/ResolveContact.yaml line 105; https://help.mypurecloud.com/articles/call-data-action/).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single, type Json } from "../../archy/json";
import {
  expOf,
  extraFields,
  isEmptyField,
  isNoValue,
  literalExpression,
  litOf,
  otherPaths,
  pathActions,
  varOf,
} from "../../archy/values";
import { expression, nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw, type KeepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";
import type { RunValue } from "../../archy/expressions/values";
import { isUnset, variableOf } from "./runFields";

/** A name of a data action's input or output, as its contract spells it. */
const contractName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/,
    "a data action input or output name: letters, digits, _ and . (at most 128)",
  );

/** A name of a data action's input or output, as the model accepts it (model/nodes/dataAction.ts). */
const CONTRACT_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,127}$/;

/**
 * The failure outputs of every data action, as exports list them: strings but `status`, an integer
 * (export:GenesysCloudBlueprints/wfm-hris-blueprint blueprint/examples/KRN-test-wf_v6-0.yaml line 51
 * declares the variable it goes to as an integerVariable and reads it with ToString).
 */
const FAILURE_OUTPUTS = [
  "errorCode",
  "status",
  "correlationId",
  "entityId",
  "entityName",
  "userMessage",
  "userParamsMessage",
  "userParams.key",
  "userParams.value",
  "details.errorCode",
  "details.fieldName",
  "details.entityId",
  "details.entityName",
] as const;
const failureOutputName = z.enum(FAILURE_OUTPUTS);
const failureOutputType = (output: string): "integer" | "string" => (output === "status" ? "integer" : "string");

/** The model's timeoutSeconds of a `timeout: {lit: {seconds: n}}` (or `{minutes: n}`), or why it has none. */
function timeoutOf(v: Json): { seconds?: number } | KeepRaw {
  if (isEmptyField(v)) return {};
  const t = litOf(v)?.value;
  const unit = isMap(t) ? single(t) : undefined;
  const factor = unit?.[0] === "seconds" ? 1 : unit?.[0] === "minutes" ? 60 : undefined;
  const seconds = factor !== undefined && typeof unit?.[1] === "number" ? unit[1] * factor : undefined;
  if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 1 || seconds > 60)
    return keepRaw("its timeout is not a literal 1 to 60 seconds");
  return { seconds };
}

/** Calls a data action of the org (Archy `callData`). */
export const dataAction = defineNodeType({
  schema: nodeSchema("dataAction", {
    /** The data action's category (its integration) in the org. */
    category: z.string().min(1),
    /** The data action's name in the org. */
    action: z.string().min(1),
    /** Input name -> Architect expression. */
    inputs: z.record(contractName, expression).default({}),
    /** Success output name -> variable that receives it. */
    outputs: z.record(contractName, variableName).default({}),
    /** Failure output (errorCode, userMessage, ...: strings; status: an integer) -> variable that receives it when the call fails. */
    failureOutputs: z.partialRecord(failureOutputName, variableName).optional(),
    /** Seconds to wait for the data action before the `timeout` transition (Architect's default is used when absent). */
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
    transitions: z.object({ success: nodeId, failure: nodeId, timeout: nodeId }).strict(),
  }),
  summary: "Calls a data action of the org with inputs, storing its outputs; continues on success, failure or timeout.",
  fields:
    "`category`, `action` (data action name), `inputs` (input → expression), `outputs` (output → variable), `failureOutputs` (errorCode, userMessage, ... → string variable; status → integer variable), `timeoutSeconds`",
  transitions: () => [
    { name: "success", required: true, failure: false },
    { name: "failure", required: true, failure: true },
    { name: "timeout", required: true, failure: true },
  ],
  // The types of inputs and outputs are the data action's contract, known to the org only: the
  // expressions are parsed and their variables resolved, the output variables must be declared.
  expressions: (n) => Object.entries(n.inputs).map(([input, text]) => ({ field: `inputs.${input}`, text })),
  writes: (n) => [
    ...Object.entries(n.outputs).map(([output, variable]) => ({ field: `outputs.${output}`, variable })),
    ...Object.entries(n.failureOutputs ?? {}).map(([output, variable]) => ({
      field: `failureOutputs.${output}`,
      variable,
      type: failureOutputType(output),
    })),
  ],
  describe: (n) => `data action ${n.category}/${n.action}`,
  example: {
    label: "Look up customer",
    category: "Web Services",
    action: "Get customer",
    inputs: { phone: '"+13175550100"' },
    outputs: { customerName: "customerName" },
    failureOutputs: { userMessage: "errorMessage" },
    timeoutSeconds: 10,
    transitions: { success: "Next", failure: "Next", timeout: "Next" },
  },
  emit: (node, id, ctx) => {
    const inputs: Record<string, A.Value> = {};
    for (const input of Object.keys(node.inputs).sort()) inputs[input] = A.exp(ctx.expression(node.inputs[input]));
    const successOutputs: Record<string, A.Value> = {};
    for (const output of Object.keys(node.outputs).sort())
      successOutputs[output] = A.varRef(ctx.variable(node.outputs[output]));
    const failureOutputs: Record<string, A.Value> = {};
    for (const output of FAILURE_OUTPUTS)
      if (node.failureOutputs?.[output] !== undefined)
        failureOutputs[output] = A.varRef(ctx.variable(node.failureOutputs[output]));
    return [
      A.callData(
        actionName(node, id),
        {
          category: node.category,
          action: node.action,
          inputs,
          successOutputs,
          failureOutputs,
          timeoutSeconds: node.timeoutSeconds,
        },
        {
          success: ctx.goto(id, "success", node.transitions.success),
          failure: ctx.goto(id, "failure", node.transitions.failure),
          timeout: ctx.goto(id, "timeout", node.transitions.timeout),
        },
      ),
    ];
  },
  importer: {
    action: "callData",
    fields: ["name", "processingPrompt", "timeout", "category", "outputs"],
    map(a, ctx) {
      if (!isEmptyField(a.processingPrompt)) return keepRaw("it plays a processing prompt");
      const timeout = timeoutOf(a.timeout);
      if ("raw" in timeout) return timeout;
      const category = single(a.category);
      const action = category && isMap(category[1]) ? single(category[1]) : undefined;
      const named = action && action[0] === "dataAction" ? single(action[1]) : undefined;
      if (!category || !named || !isMap(named[1])) return keepRaw("its data action is not one named literally");
      const call = named[1];
      const callExtra = extraFields(call, ["inputs", "successOutputs", "failureOutputs"]);
      if (callExtra.length > 0) return keepRaw(`a dataAction node has no field for ${callExtra.join(", ")}`);
      const inputs: Record<string, string> = {};
      for (const [input, value] of Object.entries(isMap(call.inputs) ? call.inputs : {})) {
        if (isNoValue(value)) continue;
        const lit = litOf(value);
        const expression = expOf(value) ?? (lit ? literalExpression(lit.value) : undefined);
        if (!CONTRACT_NAME.test(input) || expression === undefined)
          return keepRaw(`its input ${input} is not a name and an expression the model can hold`);
        inputs[input] = expression;
      }
      const outputs: Record<string, string> = {};
      for (const [output, value] of Object.entries(isMap(call.successOutputs) ? call.successOutputs : {})) {
        if (isNoValue(value)) continue;
        const archyName = varOf(value);
        const target = archyName !== undefined ? ctx.variable(archyName) : undefined;
        if (!CONTRACT_NAME.test(output) || !target)
          return keepRaw(`its output ${output} is not stored in a variable the model can declare`);
        outputs[output] = target.name;
      }
      const failureOutputs: Record<string, string> = {};
      for (const [output, value] of Object.entries(isMap(call.failureOutputs) ? call.failureOutputs : {})) {
        if (isNoValue(value)) continue;
        const archyName = varOf(value);
        const type = failureOutputType(output);
        const target = archyName !== undefined ? ctx.variable(archyName, type) : undefined;
        if (!failureOutputName.safeParse(output).success || !target || target.type !== type)
          return keepRaw(`its failure output ${output} is not stored in a ${type} variable the model can declare`);
        failureOutputs[output] = target.name;
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
          ...(Object.keys(failureOutputs).length > 0 ? { failureOutputs } : {}),
          ...(timeout.seconds !== undefined ? { timeoutSeconds: timeout.seconds } : {}),
        },
        branches: {
          success: pathActions(a, "success"),
          failure: pathActions(a, "failure"),
          timeout: pathActions(a, "timeout"),
        },
      };
    },
  },
  // Call Data Action: success (its success outputs stored), failure (its failure outputs stored) or timeout
  // (sdk: ArchBaseActionDataAction, outputs success/failure/timeout; dataActionOutputsSuccess, dataActionOutputsFailure). The
  // scenario gives the answer; a success answer must give every output the action stores.
  run: {
    callData: (a, rt) => {
      const category = isMap(a.category) ? single(a.category) : undefined;
      const action = category && isMap(category[1]) ? single(category[1]) : undefined;
      const named = action && action[0] === "dataAction" ? single(action[1]) : undefined;
      if (!category || !named || !isMap(named[1])) return rt.cannot("a data action not named literally");
      const call = named[1];
      if (!isUnset(a.processingPrompt)) rt.play(rt.value(a.processingPrompt, "audio"));
      const inputs: Record<string, RunValue> = {};
      for (const [input, value] of Object.entries(isMap(call.inputs) ? call.inputs : {}))
        if (!isUnset(value)) inputs[input] = rt.value(value, "unknown");
      const stored = Object.entries(isMap(call.successOutputs) ? call.successOutputs : {}).filter(
        ([, v]) => !isUnset(v),
      );
      const answer = rt.world.dataAction({
        category: category[0],
        action: named[0],
        name: rt.name,
        inputs,
        outputs: stored.map(([o]) => o),
      });
      if (answer.outcome === "failure") {
        // The failure outputs hold what the failed call reported: not known before the interaction.
        for (const [output, target] of Object.entries(isMap(call.failureOutputs) ? call.failureOutputs : {})) {
          const variable = isUnset(target) ? undefined : variableOf(target);
          if (variable !== undefined)
            rt.assign(variable, {
              kind: "unknown",
              type: failureOutputType(output),
              term: `the ${output} of the failed data action ${category[0]}/${named[0]}`,
              symbols: [],
            });
        }
      }
      if (answer.outcome !== "success") return { kind: "path", path: answer.outcome };
      for (const [output, target] of stored) {
        const variable = variableOf(target);
        if (variable === undefined) continue;
        if (!Object.hasOwn(answer.outputs, output))
          return rt.cannot(`data action ${category[0]}/${named[0]} answering success without its output ${output}`);
        rt.assign(variable, answer.outputs[output]);
      }
      return { kind: "path", path: "success" };
    },
  },
});
