import { z } from "zod";
import { expression, label, variableName } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const returnNode = z
  .object({
    type: z.literal("return"),
    label,
    outcome: z.enum(["completed", "error"]),
    /** Module output name -> Architect expression. */
    outputs: z.record(variableName, expression).default({}),
    transitions: z.object({}).strict().default({}),
  })
  .strict();
export type ReturnNode = z.infer<typeof returnNode>;

export const returnDescriptor: NodeTypeDescriptor<ReturnNode> = {
  type: "return",
  summary: "Ends a common module with outcome `completed` or `error`, setting outputs.",
  fields: "`outcome` (`completed`/`error`), `outputs` (output → expression)",
  transitions: () => [],
  terminal: true,
  moduleOnly: true,
  // Output types are the module's own: the variables check resolves them.
  expressions: (n) => Object.entries(n.outputs).map(([output, text]) => ({ field: `outputs.${output}`, text, expectOf: { ownOutput: output } })),
  writes: (n) => Object.keys(n.outputs).map((output) => ({ field: `outputs.${output}`, variable: output })),
  describe: (n) => `return ${n.outcome}`,
  example: { type: "return", label: "Done", outcome: "completed", outputs: {}, transitions: {} },
};
