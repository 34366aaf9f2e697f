import { z } from "zod";
import { label, nodeId } from "../types";
import { optionalNext, type NodeTypeDescriptor } from "./descriptor";

/**
 * The escape hatch: raw Archy actions for anything the typed nodes do not cover, checked by the
 * same Archy validator the emulator uses. The actions run in order; when they end without a
 * terminating action the flow continues at `transitions.next`.
 */
export const archyNode = z
  .object({
    type: z.literal("archy"),
    label,
    /** A list of Archy actions, each a one-key mapping such as `- playAudio: {...}`. */
    actions: z.array(z.record(z.string(), z.unknown())).min(1),
    transitions: z.object({ next: nodeId.optional() }).strict().default({}),
  })
  .strict();
export type ArchyNode = z.infer<typeof archyNode>;

export const archy: NodeTypeDescriptor<ArchyNode> = {
  type: "archy",
  summary: "Raw Archy actions for anything else, validated like the emulator validates a publish.",
  fields: "`actions` (a list of Archy actions)",
  transitions: () => [optionalNext],
  // Whether the raw actions end the interaction is not known from the model: treat them as
  // ending a path only when there is no `next`.
  terminal: true,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `archy: ${n.actions.map((a) => Object.keys(a)[0]).join(", ")}`,
  example: { type: "archy", label: "Raw decision", actions: [{ decision: { name: "Raw decision", condition: { exp: "true" } } }], transitions: { next: "Next" } },
};
