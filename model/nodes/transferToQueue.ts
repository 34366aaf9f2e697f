import { z } from "zod";
import { label, nodeId, speech } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const transferToQueueNode = z
  .object({
    type: z.literal("transferToQueue"),
    label,
    /** The queue's name in the org (often a `{{placeholder}}`). */
    queue: z.string().min(1),
    /** Spoken (calls) before the transfer. */
    prompt: speech.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  })
  .strict();
export type TransferToQueueNode = z.infer<typeof transferToQueueNode>;

export const transferToQueue: NodeTypeDescriptor<TransferToQueueNode> = {
  type: "transferToQueue",
  summary: "Transfers the interaction to an ACD queue; ends the flow when it succeeds.",
  fields: "`queue` (queue name), `prompt` (optional)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `transfer to ${n.queue}`,
};
