// What the nodes that ask the customer a question in a bot or survey share (askForSlot,
// askSurveyQuestion): the question, and what is said after no input or no match, each a
// communication expression (`MakeCommunication("...")`), and the voice end-of-input timeout, as
// real exports write them (export:CII-GitHub-Account-Org/cx-as-code-cicd-gitactions-blueprint
// blueprint/genesys-cloud-architect-flows/cicd-sample-bot-flow.yaml line 106;
// https://help.mypurecloud.com/articles/ask-for-slot-action/). Pure.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, type Json } from "../../archy/json";
import { expOf, isEmptyField, litOf } from "../../archy/values";
import { expression } from "../types";
import type { ExpressionUse } from "./unit";

/** The schema fields of a question. */
export const questionShape = {
  /** What the bot says to ask: an expression of type communication. */
  question: expression,
  /** Said when the customer gives no answer (communication expression). */
  noInput: expression.optional(),
  /** Said when the answer is not understood (communication expression). */
  noMatch: expression.optional(),
  /** Voice only: seconds of silence that end the customer's answer (Architect's default when left out). */
  endOfInputTimeoutSeconds: z.number().int().min(1).max(60).optional(),
};

export interface Question {
  question: string;
  noInput?: string;
  noMatch?: string;
  endOfInputTimeoutSeconds?: number;
}

export const QUESTION_FIELDS_DOC =
  "`question`, `noInput`, `noMatch` (communication expressions; the last two optional), `endOfInputTimeoutSeconds` (optional, voice)";

/** The Archy fields a question reads. */
export const QUESTION_KEYS = ["question", "noInput", "noMatch", "voiceEndOfInputTimeout"] as const;

export function questionExpressions(n: Question): ExpressionUse[] {
  return (["question", "noInput", "noMatch"] as const).flatMap((field) =>
    n[field] !== undefined ? [{ field, text: n[field]! }] : [],
  );
}

/** The question's Archy fields, in the order exports write them. */
export function emitQuestion(
  n: Question,
  expressionOf: (text: string) => string,
): { question: A.Value } & Record<string, A.Value> {
  return {
    question: A.exp(expressionOf(n.question)),
    ...(n.noInput !== undefined ? { noInput: A.exp(expressionOf(n.noInput)) } : {}),
    ...(n.noMatch !== undefined ? { noMatch: A.exp(expressionOf(n.noMatch)) } : {}),
    ...(n.endOfInputTimeoutSeconds !== undefined
      ? { voiceEndOfInputTimeout: A.lit({ seconds: n.endOfInputTimeoutSeconds }) }
      : {}),
  };
}

/** Reads a question back, or says why the node cannot hold it. */
export function importQuestion(a: Record<string, Json>): Question | { raw: string } {
  const question = expOf(a.question);
  if (question === undefined) return { raw: "its question is not an expression" };
  const out: Question = { question };
  for (const field of ["noInput", "noMatch"] as const) {
    if (isEmptyField(a[field])) continue;
    const text = expOf(a[field]);
    if (text === undefined) return { raw: `its ${field} is not an expression` };
    out[field] = text;
  }
  if (!isEmptyField(a.voiceEndOfInputTimeout)) {
    const t = litOf(a.voiceEndOfInputTimeout)?.value;
    if (
      !isMap(t) ||
      Object.keys(t).length !== 1 ||
      !Number.isInteger(t.seconds) ||
      (t.seconds as number) < 1 ||
      (t.seconds as number) > 60
    )
      return { raw: "its end-of-input timeout is not given in whole seconds" };
    out.endOfInputTimeoutSeconds = t.seconds as number;
  }
  return out;
}
