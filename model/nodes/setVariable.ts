import { z } from "zod";
import { expression, label, nodeId, variableName } from "../types";
import { next, type NodeTypeDescriptor } from "./descriptor";

export const setVariableNode = z
  .object({
    type: z.literal("setVariable"),
    label,
    variable: variableName,
    /** An Architect expression of the variable's type. */
    value: expression,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type SetVariableNode = z.infer<typeof setVariableNode>;

export const setVariable: NodeTypeDescriptor<SetVariableNode> = {
  type: "setVariable",
  summary: "Assigns an expression to a variable.",
  fields: "`variable`, `value` (expression of the variable's type)",
  transitions: () => [next],
  terminal: false,
  // The expected type is the variable's declared type: the variables check resolves it.
  expressions: (n) => [{ field: "value", text: n.value, expectOf: { variable: n.variable } }],
  writes: (n) => [{ field: "variable", variable: n.variable }],
  describe: (n) => `${n.variable} = ${n.value}`,
  example: { type: "setVariable", label: "Remember", variable: "note", value: '"hello"', transitions: { next: "Next" } },
};
