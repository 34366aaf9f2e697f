// Return: ends a common module with outcome `completed` or `error`, setting its outputs (the
// compiler writes them and the outcome with `updateData`, and the module's list ends with `endTask`).
import { z } from "zod";
import { expression, variableName } from "../types";
import { defineNodeType, nodeSchema } from "./unit";

export const returnNode = defineNodeType({
  schema: nodeSchema("return", {
    outcome: z.enum(["completed", "error"]),
    /** Module output name -> Architect expression. */
    outputs: z.record(variableName, expression).default({}),
    transitions: z.object({}).strict().default({}),
  }),
  summary: "Ends a common module with outcome `completed` or `error`, setting outputs.",
  fields: "`outcome` (`completed`/`error`), `outputs` (output → expression)",
  transitions: () => [],
  terminal: true,
  moduleOnly: true,
  // Output types are the module's own: the variables check resolves them.
  expressions: (n) =>
    Object.entries(n.outputs).map(([output, text]) => ({
      field: `outputs.${output}`,
      text,
      expectOf: { ownOutput: output },
    })),
  writes: (n) => Object.keys(n.outputs).map((output) => ({ field: `outputs.${output}`, variable: output })),
  describe: (n) => `return ${n.outcome}`,
  example: { label: "Done", outcome: "completed", outputs: {}, transitions: {} },
  archyActions: ["updateData", "endTask"],
  emit: (node, id, ctx) => ctx.returnFrom(node, id),
  // End Task ends the task it is in and takes the branch it names (sdk: ArchActionEndTask.targetBranch);
  // at the end of a common module's start-up actions the module returns to its caller, which gets its outputs.
  run: {
    endTask: (a) => {
      const branch =
        typeof a.outputPath === "object" &&
        a.outputPath !== null &&
        typeof (a.outputPath as { name?: unknown }).name === "string"
          ? (a.outputPath as { name: string }).name
          : undefined;
      return { kind: "endTask", ...(branch !== undefined ? { branch } : {}) };
    },
  },
});
