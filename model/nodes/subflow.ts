import { z } from "zod";
import { expression, label, nodeId, variableName } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const subflowNode = z
  .object({
    type: z.literal("subflow"),
    label,
    /** The called common module's `name` as written in its flow file. */
    module: z.string().min(1),
    /** Module input name -> Architect expression in the caller. */
    inputs: z.record(variableName, expression).default({}),
    /** Module output name -> caller variable that receives it. */
    outputs: z.record(variableName, variableName).default({}),
    /** Both are required by the `subflow-transitions` policy; the schema lets the policy report it. */
    transitions: z.object({ completed: nodeId.optional(), error: nodeId.optional() }).strict(),
  })
  .strict();
export type SubflowNode = z.infer<typeof subflowNode>;

export const subflow: NodeTypeDescriptor<SubflowNode> = {
  type: "subflow",
  summary: "Calls a common module; continues on its outcome.",
  fields: "`module` (the module's `name`), `inputs` (module input → expression), `outputs` (module output → variable)",
  // Optional in the schema: the `subflow-transitions` rule (mandatory, core) reports a missing one.
  transitions: () => [
    { name: "completed", required: false, failure: false },
    { name: "error", required: false, failure: true },
  ],
  terminal: false,
  // Input types are the module's: the module-interface check resolves them.
  expressions: (n) => Object.entries(n.inputs).map(([input, text]) => ({ field: `inputs.${input}`, text, expectOf: { moduleInput: { module: n.module, input } } })),
  writes: (n) => Object.entries(n.outputs).map(([output, variable]) => ({ field: `outputs.${output}`, variable })),
  describe: (n) => `call module ${n.module}`,
  // The fixtures give every flow a module "Example" with a string input `text` and a string output `result`.
  example: { type: "subflow", label: "Call example", module: "Example", inputs: { text: '"hello"' }, outputs: { result: "result" }, transitions: { completed: "Next", error: "Next" } },
};
