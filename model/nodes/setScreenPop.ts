// Set screen pop: names the script that pops for the agent who takes the interaction, with values
// for its inputs (Archy `setScreenPop`, `screenPopScript: {<script>: {inputs: {<input>: value}}}` as
// real exports write it: export:DoctorHCode333/CI_CD2 blueprint/genesys-cloud-cx-as-code/export/
// exported_resources/architect_flows/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc.yaml line 3662;
// https://help.mypurecloud.com/articles/set-screen-pop-action/). Imports from one naming one script
// whose inputs are expressions, plain literals or unset (left out).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import { extraFields, isEmptyField, stringExpressionOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { ATTRIBUTE_NAME } from "./participantData";
import { defineNodeType, nodeSchema } from "./unit";

/** A script or script input name: free text in Genesys, here one line of at most 128 characters. */
const scriptName = z
  .string()
  .regex(ATTRIBUTE_NAME, "a script or input name: one line of at most 128 characters, no leading or trailing space");

export const setScreenPop = defineNodeType({
  schema: nodeSchema("setScreenPop", {
    /** The script's name in the org. */
    script: scriptName,
    /** Script input -> expression giving its value (inputs left out stay unset). */
    inputs: z.record(scriptName, expression).default({}),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Names the script that pops for the agent who takes the interaction, with values for its inputs.",
  fields: "`script` (script name), `inputs` (input → expression)",
  expressions: (n) => Object.entries(n.inputs).map(([input, text]) => ({ field: `inputs.${input}`, text })),
  describe: (n) => `screen pop ${n.script}`,
  example: {
    label: "Pop the CRM",
    script: "Customer script",
    inputs: { "Customer Name": '"Pat"', "Screen Pop URL": '""' },
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    {
      setScreenPop: {
        name: actionName(node, id),
        screenPopScript: {
          [node.script]: {
            inputs: Object.fromEntries(
              Object.entries(node.inputs).map(([input, text]) => [input, A.exp(ctx.expression(text))]),
            ),
          },
        },
      },
    },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "screenPopScript"],
    map(a) {
      const scripts = isMap(a.screenPopScript) ? Object.entries(a.screenPopScript) : [];
      const [script, body] = scripts.length === 1 ? scripts[0] : [undefined, undefined];
      if (script === undefined || !scriptName.safeParse(script).success || !isMap(body))
        return keepRaw("it does not name one script");
      if (extraFields(body, ["inputs"]).length > 0) return keepRaw("its script has fields besides inputs");
      const inputs: Record<string, string> = {};
      for (const [input, value] of Object.entries(isMap(body.inputs) ? body.inputs : {})) {
        if (isEmptyField(value)) continue;
        const text = stringExpressionOf(value);
        if (text === undefined || !scriptName.safeParse(input).success)
          return keepRaw(`input ${input}'s value is neither an expression nor a plain literal`);
        inputs[input] = text;
      }
      return { node: { type: "setScreenPop", script, inputs }, branches: { next: undefined } };
    },
  },
  // Set Screen Pop sets the script that pops up for the agent when the interaction is routed to
  // them (help.mypurecloud.com/articles/set-screen-pop-action/): nothing the flow itself does
  // changes; the run goes on.
  run: {
    setScreenPop: () => ({ kind: "next" }),
  },
});
