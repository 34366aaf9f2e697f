import { z } from "zod";
import { expression, label, nodeId, variableName } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

/** A name of a data action's input or output, as its contract spells it. */
const contractName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]{0,127}$/, "a data action input or output name: letters, digits, _ and . (at most 128)");

/** Calls a data action of the org (Archy `callData`). */
export const dataActionNode = z
  .object({
    type: z.literal("dataAction"),
    label,
    /** The data action's category (its integration) in the org. */
    category: z.string().min(1),
    /** The data action's name in the org. */
    action: z.string().min(1),
    /** Input name -> Architect expression. */
    inputs: z.record(contractName, expression).default({}),
    /** Success output name -> variable that receives it. */
    outputs: z.record(contractName, variableName).default({}),
    /** Seconds to wait for the data action before the `timeout` transition (Architect's default is used when absent). */
    timeoutSeconds: z.number().int().min(1).max(60).optional(),
    transitions: z.object({ success: nodeId, failure: nodeId, timeout: nodeId }).strict(),
  })
  .strict();
export type DataActionNode = z.infer<typeof dataActionNode>;

export const dataAction: NodeTypeDescriptor<DataActionNode> = {
  type: "dataAction",
  summary: "Calls a data action of the org with inputs, storing its outputs; continues on success, failure or timeout.",
  fields: "`category`, `action` (data action name), `inputs` (input → expression), `outputs` (output → variable), `timeoutSeconds`",
  transitions: () => [
    { name: "success", required: true, failure: false },
    { name: "failure", required: true, failure: true },
    { name: "timeout", required: true, failure: true },
  ],
  terminal: false,
  // The types of inputs and outputs are the data action's contract, known to the org only: the
  // expressions are parsed and their variables resolved, the output variables must be declared.
  expressions: (n) => Object.entries(n.inputs).map(([input, text]) => ({ field: `inputs.${input}`, text })),
  writes: (n) => Object.entries(n.outputs).map(([output, variable]) => ({ field: `outputs.${output}`, variable })),
  describe: (n) => `data action ${n.category}/${n.action}`,
  example: {
    type: "dataAction",
    label: "Look up customer",
    category: "Web Services",
    action: "Get customer",
    inputs: { phone: '"+13175550100"' },
    outputs: { customerName: "customerName" },
    timeoutSeconds: 10,
    transitions: { success: "Next", failure: "Next", timeout: "Next" },
  },
};
