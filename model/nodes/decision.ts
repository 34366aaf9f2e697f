import { z } from "zod";
import { expression, label, nodeId } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const decisionNode = z
  .object({
    type: z.literal("decision"),
    label,
    /** A boolean Architect expression. */
    expression,
    transitions: z.object({ yes: nodeId, no: nodeId }).strict(),
  })
  .strict();
export type DecisionNode = z.infer<typeof decisionNode>;

export const decision: NodeTypeDescriptor<DecisionNode> = {
  type: "decision",
  summary: "Branches on a boolean expression.",
  fields: "`expression` (boolean Architect expression)",
  transitions: () => [
    { name: "yes", required: true, failure: false },
    { name: "no", required: true, failure: false },
  ],
  terminal: false,
  expressions: (n) => [{ field: "expression", text: n.expression, expect: "boolean" }],
  writes: () => [],
  describe: (n) => `if ${n.expression}`,
  example: { type: "decision", label: "Is it late", expression: "1 > 2", transitions: { yes: "Next", no: "Next" } },
};
