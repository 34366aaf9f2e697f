// Play message: speaks a text or audio an expression computes. Compiles to Archy `playAudio`
// (`tts` for a text, `exp` for audio); imports from either. Its spoken fields are shared with the
// menu, which speaks the same way.
import { z } from "zod";
import * as A from "../../archy/construct";
import { audioExpressionOf, ttsOf } from "../../archy/values";
import { expression, nodeId, speech } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

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
    ctx.addIssue({
      code: "custom",
      path: [node.prompt === undefined ? "prompt" : "audio"],
      message: "give either prompt (text to speak) or audio (an expression of type audio), not both or neither",
    });
  }
}

export const playMessage = defineNodeType({
  schema: nodeSchema("playMessage", {
    ...spokenFields,
    transitions: z.object({ next: nodeId }).strict(),
  }).superRefine(oneSpoken),
  summary: "Speaks a text (text to speech), or audio an expression computes (prompts, sequences).",
  fields: "`prompt` (text to speak) or `audio` (an expression of type audio)",
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  describe: (n) => `play: ${n.prompt ?? n.audio}`,
  example: { label: "Welcome", prompt: "Welcome.", transitions: { next: "Next" } },
  emit: (node, id, ctx) => [
    A.playAudio(actionName(node, id), A.spoken(node, ctx.expression)),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    action: "playAudio",
    fields: ["name", "audio"],
    map(a) {
      const prompt = ttsOf(a.audio);
      if (prompt !== undefined) return { node: { type: "playMessage", prompt }, branches: { next: undefined } };
      const audio = audioExpressionOf(a.audio);
      if (audio !== undefined) return { node: { type: "playMessage", audio }, branches: { next: undefined } };
      return keepRaw("its audio is neither a text to speech nor an expression");
    },
  },
  // Play Audio plays its audio to the caller, then the flow goes on (sdk: ArchActionPlayAudio.audio, "The audio to play").
  run: {
    playAudio: (a, rt) => {
      rt.play(rt.value(a.audio, "audio"));
      return { kind: "next" };
    },
  },
});
