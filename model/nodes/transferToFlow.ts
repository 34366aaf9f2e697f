import { z } from "zod";
import { label, nodeId, speech } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

/** Transfers the call to another published flow (Archy `transferToFlow`). */
export const transferToFlowNode = z
  .object({
    type: z.literal("transferToFlow"),
    label,
    /** The target flow's published name (often a `{{placeholder}}`). */
    flow: z.string().min(1),
    /** Spoken before the transfer. */
    prompt: speech.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  })
  .strict();
export type TransferToFlowNode = z.infer<typeof transferToFlowNode>;

export const transferToFlow: NodeTypeDescriptor<TransferToFlowNode> = {
  type: "transferToFlow",
  summary: "Transfers the call to another published call flow; ends the flow when it succeeds.",
  fields: "`flow` (published flow name), `prompt` (optional)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `transfer to flow ${n.flow}`,
  example: { type: "transferToFlow", label: "To billing IVR", flow: "Billing IVR", prompt: "Transferring you now.", transitions: { failure: "Next" } },
};
