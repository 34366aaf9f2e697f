// Transfer to flow: transfers the call to another published call flow (Archy `transferToFlow`,
// its `failure` path continuing).
import { z } from "zod";
import * as A from "../../archy/construct";
import { label, nodeId, speech } from "../types";
import { actionName } from "./emitContext";
import { defineNodeType } from "./unit";

/** Transfers the call to another published flow (Archy `transferToFlow`). */
export const transferToFlow = defineNodeType({
  schema: z
    .object({
      type: z.literal("transferToFlow"),
      label,
      /** The target flow's published name (often a `{{placeholder}}`). */
      flow: z.string().min(1),
      /** Spoken before the transfer. */
      prompt: speech.optional(),
      transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
    })
    .strict(),
  summary: "Transfers the call to another published call flow; ends the flow when it succeeds.",
  fields: "`flow` (published flow name), `prompt` (optional)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `transfer to flow ${n.flow}`,
  example: { type: "transferToFlow", label: "To billing IVR", flow: "Billing IVR", prompt: "Transferring you now.", transitions: { failure: "Next" } },
  archyActions: ["transferToFlow"],
  emit: (node, id, ctx) =>
    A.transferToFlow(actionName(node, id), node.flow, node.prompt, ctx.goto(id, "failure", node.transitions.failure)),
});
export type TransferToFlowNode = z.infer<typeof transferToFlow.schema>;
