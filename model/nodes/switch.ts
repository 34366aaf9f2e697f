import { z } from "zod";
import { expression, label, nodeId } from "../types";
import type { NodeTypeDescriptor, TransitionSpec } from "./descriptor";

/** The transition taken when no case is true. */
export const DEFAULT_CASE = "default";

const caseName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a case name: a letter, then letters, digits or _ (at most 64)")
  .refine((s) => s !== DEFAULT_CASE, `"${DEFAULT_CASE}" is the transition taken when no case is true; name the case otherwise`);

/**
 * A multi-way branch (Archy `switch` with `firstTrue`): the first case whose boolean expression is
 * true is taken, in the order written; `default` when none is.
 */
export const switchNode = z
  .object({
    type: z.literal("switch"),
    label,
    /** Case name -> boolean Architect expression. The case names are the node's transitions. */
    cases: z.record(caseName, expression).refine((c) => Object.keys(c).length > 0, "a switch needs at least one case"),
    transitions: z.record(z.string(), nodeId),
  })
  .strict()
  .superRefine((node, ctx) => {
    for (const name of Object.keys(node.transitions)) {
      if (name !== DEFAULT_CASE && !Object.hasOwn(node.cases, name)) {
        ctx.addIssue({ code: "custom", path: ["transitions", name], message: `"${name}" is not a case of this switch; its transitions are ${[...Object.keys(node.cases), DEFAULT_CASE].join(", ")}` });
      }
    }
  });
export type SwitchNode = z.infer<typeof switchNode>;

export const switchDescriptor: NodeTypeDescriptor<SwitchNode> = {
  type: "switch",
  summary: "Branches on the first true of several boolean expressions, in order; `default` when none is.",
  fields: "`cases` (case name → boolean expression)",
  transitionsDoc: "one per case, `default`",
  transitions: (n): TransitionSpec[] => [
    ...Object.keys(n.cases ?? {}).map((name) => ({ name, required: true, failure: false })),
    { name: DEFAULT_CASE, required: true, failure: false },
  ],
  terminal: false,
  expressions: (n) => Object.entries(n.cases).map(([name, text]) => ({ field: `cases.${name}`, text, expect: "boolean" })),
  writes: () => [],
  describe: (n) => `switch: ${Object.keys(n.cases).join(", ")}`,
  example: {
    type: "switch",
    label: "Route by priority",
    cases: { urgent: "1 > 2", normal: "true" },
    transitions: { urgent: "Next", normal: "Next", default: "Next" },
  },
};
