// What the transfer nodes share (transferToQueue, transferToNumber): the audio played before the
// transfer and when it fails, each a text to speech or audio from an expression (a user prompt
// `{prompt: Prompt.X}` reads as ToAudio(Prompt.X)), as real exports write `preTransferAudio` and
// `failureTransferAudio` (https://help.mypurecloud.com/articles/transfer-to-acd-action/). Pure.
import type { z } from "zod";
import * as A from "../../archy/construct";
import type { Json } from "../../archy/json";
import { audioExpressionOf, isEmptyField, ttsOf } from "../../archy/values";
import { expression, speech } from "../types";
import type { ExpressionUse } from "./unit";

export const transferAudioShape = {
  /** Spoken (calls) before the transfer. */
  prompt: speech.optional(),
  /** Or audio from an expression of type audio played before the transfer. */
  audio: expression.optional(),
  /** Spoken (calls) when the transfer fails, before the `failure` transition. */
  failurePrompt: speech.optional(),
  /** Or audio from an expression of type audio played when the transfer fails (`AudioPlaybackOptions(ToAudioBlank(500), true)`). */
  failureAudio: expression.optional(),
};

export interface TransferAudio {
  prompt?: string;
  audio?: string;
  failurePrompt?: string;
  failureAudio?: string;
}

/** At most one of each pair. */
export function oneAudioEach(n: TransferAudio, ctx: z.RefinementCtx): void {
  if (n.prompt !== undefined && n.audio !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["audio"],
      message: "give prompt (text to speak) or audio (an expression of type audio), not both",
    });
  if (n.failurePrompt !== undefined && n.failureAudio !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["failureAudio"],
      message: "give failurePrompt (text to speak) or failureAudio (an expression of type audio), not both",
    });
}

export function transferAudioExpressions(n: TransferAudio): ExpressionUse[] {
  return (["audio", "failureAudio"] as const).flatMap((field) =>
    n[field] !== undefined ? [{ field, text: n[field]!, expect: "audio" }] : [],
  );
}

/** `preTransferAudio` and `failureTransferAudio` as Archy values (undefined: left out). */
export function emitTransferAudio(
  n: TransferAudio,
  expressionOf: (text: string) => string,
): { preTransferAudio?: A.Value; failureAudio?: A.Value } {
  const value = (text: string | undefined, audio: string | undefined) =>
    text !== undefined ? A.tts(text) : audio !== undefined ? A.exp(expressionOf(audio)) : undefined;
  return { preTransferAudio: value(n.prompt, n.audio), failureAudio: value(n.failurePrompt, n.failureAudio) };
}

/** Reads both audio fields back, or says why the node cannot hold them. */
export function importTransferAudio(a: Record<string, Json>): TransferAudio | { raw: string } {
  const out: TransferAudio = {};
  for (const [field, text, audio, what] of [
    ["preTransferAudio", "prompt", "audio", "pre-transfer audio"],
    ["failureTransferAudio", "failurePrompt", "failureAudio", "failure audio"],
  ] as const) {
    if (isEmptyField(a[field])) continue;
    const tts = ttsOf(a[field]);
    const expression = tts === undefined ? audioExpressionOf(a[field]) : undefined;
    if (tts === undefined && expression === undefined)
      return { raw: `its ${what} is neither a text to speech nor an expression` };
    if (tts !== undefined) out[text] = tts;
    else out[audio] = expression;
  }
  return out;
}
