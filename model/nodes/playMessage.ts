import { z } from "zod";
import { expression, label, nodeId, speech } from "../types";
import { next, type NodeTypeDescriptor } from "./descriptor";

/** What a node speaks: a text to speak, or audio an expression computes (one of them). */
export const spokenFields = {
  /** Text to speak (text to speech). */
  prompt: speech.optional(),
  /**
   * Or audio from an expression of type audio: a prompt (`ToAudio(Prompt.Greeting)`), a sequence
   * (`Append(ToAudioTTS("Your balance is "), ToAudioCurrency(Flow.balance))`), playback options.
   */
  audio: expression.optional(),
};

/** The check every speaking node shares: exactly one of prompt and audio. */
export function oneSpoken(node: { prompt?: string; audio?: string }, ctx: z.RefinementCtx): void {
  if ((node.prompt === undefined) === (node.audio === undefined)) {
    ctx.addIssue({ code: "custom", path: [node.prompt === undefined ? "prompt" : "audio"], message: "give either prompt (text to speak) or audio (an expression of type audio), not both or neither" });
  }
}

export const playMessageNode = z
  .object({
    type: z.literal("playMessage"),
    label,
    ...spokenFields,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict()
  .superRefine(oneSpoken);
export type PlayMessageNode = z.infer<typeof playMessageNode>;

export const playMessage: NodeTypeDescriptor<PlayMessageNode> = {
  type: "playMessage",
  summary: "Speaks a text (text to speech), or audio an expression computes (prompts, sequences).",
  fields: "`prompt` (text to speak) or `audio` (an expression of type audio)",
  transitions: () => [next],
  terminal: false,
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  writes: () => [],
  describe: (n) => `play: ${n.prompt ?? n.audio}`,
  example: { type: "playMessage", label: "Welcome", prompt: "Welcome.", transitions: { next: "Next" } },
};
