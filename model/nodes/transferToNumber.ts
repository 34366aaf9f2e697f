// Transfer to number: transfers the call to an external phone number (Archy `transferToNumber` with
// `targetNumber`, the audio before the transfer and when it fails, `releaseLinkTransfer`, as real
// exports write it: export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_DEV.yaml line 1188;
// https://help.mypurecloud.com/articles/transfer-to-number-action/). Its `failure` path continues;
// the flow ends when the transfer succeeds. Imports from one whose number is an expression or a
// plain literal, its connect timeout left to Architect.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isEmptyField, litOf, otherPaths, pathActions, stringExpressionOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import {
  emitTransferAudio,
  importTransferAudio,
  oneAudioEach,
  transferAudioExpressions,
  transferAudioShape,
} from "./transferAudio";
import { defineNodeType, nodeSchema } from "./unit";

export const transferToNumber = defineNodeType({
  schema: nodeSchema("transferToNumber", {
    /** The number to call: a string expression (`"+13175550100"`, `Flow.number`). */
    number: expression,
    ...transferAudioShape,
    /** Release the link: Genesys hands the call to the carrier and leaves it (Archy `releaseLinkTransfer`). */
    releaseLink: z.boolean().default(false),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  }).superRefine(oneAudioEach),
  summary: "Transfers the call to an external phone number; ends the flow when it succeeds.",
  fields:
    "`number` (string expression), `prompt` or `audio`, `failurePrompt` or `failureAudio` (optional), `releaseLink` (false)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: (n) => [{ field: "number", text: n.number, expect: "string" }, ...transferAudioExpressions(n)],
  describe: (n) => `transfer to number ${n.number}`,
  example: {
    label: "To the partner",
    number: '"+13175550100"',
    prompt: "Transferring you to our partner.",
    failureAudio: "AudioPlaybackOptions(ToAudioBlank(500), true)",
    releaseLink: true,
    transitions: { failure: "Next" },
  },
  emit: (node, id, ctx) => {
    const failure = ctx.goto(id, "failure", node.transitions.failure);
    const { preTransferAudio, failureAudio } = emitTransferAudio(node, ctx.expression);
    return [
      {
        transferToNumber: {
          name: actionName(node, id),
          targetNumber: A.exp(ctx.expression(node.number)),
          ...(preTransferAudio !== undefined ? { preTransferAudio } : {}),
          ...(failureAudio !== undefined ? { failureTransferAudio: failureAudio } : {}),
          releaseLinkTransfer: A.lit(node.releaseLink),
          connectTimeout: A.noValue(),
          ...(failure.length > 0 ? { outputs: { failure: { actions: failure } } } : {}),
        },
      },
    ];
  },
  importer: {
    fields: [
      "name",
      "targetNumber",
      "preTransferAudio",
      "failureTransferAudio",
      "releaseLinkTransfer",
      "connectTimeout",
      "outputs",
    ],
    map(a) {
      const number = stringExpressionOf(a.targetNumber);
      if (number === undefined) return keepRaw("its number is neither an expression nor a plain literal");
      const spoken = importTransferAudio(a);
      if ("raw" in spoken) return keepRaw(spoken.raw);
      const release = isEmptyField(a.releaseLinkTransfer) ? false : litOf(a.releaseLinkTransfer)?.value;
      if (typeof release !== "boolean") return keepRaw("its releaseLinkTransfer is not a literal true or false");
      const others = otherPaths(a, ["failure"]);
      if (others.length > 0) return keepRaw(`a transferToNumber node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "transferToNumber", number, ...spoken, releaseLink: release },
        branches: { failure: pathActions(a, "failure") },
      };
    },
  },
  // Transfer to Number dials the number and ends the flow when it connects, or plays its failure
  // audio and takes the failure path (help.mypurecloud.com/articles/transfer-to-number-action/):
  // scenarios say whether transfers to queues and flows connect, not calls to outside numbers, so a
  // run stops here.
  run: {
    transferToNumber: (_a, rt) =>
      rt.cannot("a transfer to an external number (scenarios say nothing of calls outside the org)"),
  },
});
