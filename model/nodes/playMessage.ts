import { z } from "zod";
import { label, nodeId, speech } from "../types";
import { next, type NodeTypeDescriptor } from "./descriptor";

export const playMessageNode = z
  .object({
    type: z.literal("playMessage"),
    label,
    /** Text to speak. */
    prompt: speech,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type PlayMessageNode = z.infer<typeof playMessageNode>;

export const playMessage: NodeTypeDescriptor<PlayMessageNode> = {
  type: "playMessage",
  summary: "Speaks a text (text to speech).",
  fields: "`prompt` (text to speak)",
  transitions: () => [next],
  terminal: false,
  expressions: () => [],
  writes: () => [],
  describe: (n) => `play: ${n.prompt}`,
  example: { type: "playMessage", label: "Welcome", prompt: "Welcome.", transitions: { next: "Next" } },
};
