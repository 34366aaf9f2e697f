import { z } from "zod";
import { label } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const disconnectNode = z
  .object({
    type: z.literal("disconnect"),
    label,
    transitions: z.object({}).strict().default({}),
  })
  .strict();
export type DisconnectNode = z.infer<typeof disconnectNode>;

export const disconnect: NodeTypeDescriptor<DisconnectNode> = {
  type: "disconnect",
  summary: "Ends the interaction.",
  fields: "",
  transitions: () => [],
  terminal: true,
  expressions: () => [],
  writes: () => [],
  describe: () => "disconnect",
  example: { type: "disconnect", label: "Goodbye", transitions: {} },
};
