// Transfer to queue: transfers the interaction to an ACD queue with a priority and skills.
// Compiles to Archy `transferToAcd` (its `failure` path continues); imports from one to a queue
// named literally with at most a spoken prompt and what is played when the transfer fails
// (`failureTransferAudio`, a text to speech or an audio expression, as real exports write it:
// export:GenesysCloudBlueprints/architect-flow-public-api-blueprint blueprint/files/archy_flow.yml
// line 179; https://help.mypurecloud.com/articles/transfer-to-acd-action/); skills, agents,
// priorities, in-queue flows and failure outputs keep it raw.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import { expOf, extraFields, isEmptyField, litOf, otherPaths, pathActions, ttsOf } from "../../archy/values";
import { expression, label, nodeId, speech } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType } from "./unit";
import { integerOf, isUnset, objectName } from "./runFields";

/** A skill or language skill name of the org (written into a FindSkill("...") expression: no double quote). */
const skillName = z.string().min(1).max(200).refine((s) => !s.includes('"') && !s.includes("\\"), "no double quote or backslash in a skill name");

export const transferToQueue = defineNodeType({
  schema: z
    .object({
      type: z.literal("transferToQueue"),
      label,
      /** The queue's name in the org (often a `{{placeholder}}`). */
      queue: z.string().min(1),
      /** Spoken (calls) before the transfer. */
      prompt: speech.optional(),
      /** Spoken (calls) when the transfer fails, before the `failure` transition. */
      failurePrompt: speech.optional(),
      /** Or audio from an expression of type audio played when the transfer fails (`AudioPlaybackOptions(ToAudioBlank(500), true)`). */
      failureAudio: expression.optional(),
      /** The interaction's priority in the queue: an integer expression (Architect's default is 0). */
      priority: expression.optional(),
      /** ACD skills an agent must have (skill names of the org). */
      skills: z.array(skillName).min(1).optional(),
      /** The language skill an agent must have (a language skill name of the org). */
      languageSkill: skillName.optional(),
      transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
    })
    .strict()
    .refine((n) => n.failurePrompt === undefined || n.failureAudio === undefined, { path: ["failureAudio"], message: "give failurePrompt (text to speak) or failureAudio (an expression of type audio), not both" }),
  summary: "Transfers the interaction to an ACD queue, with a priority and the skills agents need; ends the flow when it succeeds.",
  fields: "`queue` (queue name), `prompt` (optional), `failurePrompt` or `failureAudio` (optional, played when the transfer fails), `priority` (integer expression), `skills` (skill names), `languageSkill` (language skill name)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: (n) => [
    ...(n.priority !== undefined ? [{ field: "priority", text: n.priority, expect: "integer" }] : []),
    ...(n.failureAudio !== undefined ? [{ field: "failureAudio", text: n.failureAudio, expect: "audio" }] : []),
  ],
  writes: () => [],
  describe: (n) => `transfer to ${n.queue}`,
  example: {
    type: "transferToQueue",
    label: "To support",
    queue: "Support",
    prompt: "Please hold for an agent.",
    failurePrompt: "Sorry, no agent can take your call.",
    priority: "5",
    skills: ["Billing"],
    languageSkill: "English",
    transitions: { failure: "Next" },
  },
  archyActions: ["transferToAcd"],
  emit: (node, id, ctx) => [
    A.transferToAcd(
      actionName(node, id),
      {
        queue: node.queue,
        prompt: node.prompt,
        failureAudio: node.failurePrompt !== undefined ? A.tts(node.failurePrompt) : node.failureAudio !== undefined ? A.exp(ctx.expression(node.failureAudio)) : undefined,
        priority: node.priority !== undefined ? ctx.expression(node.priority) : undefined, skills: node.skills, languageSkill: node.languageSkill },
      ctx.goto(id, "failure", node.transitions.failure),
    ),
  ],
  importer: {
    action: "transferToAcd",
    map(a) {
      const extra = extraFields(a, ["name", "targetQueue", "preTransferAudio", "failureTransferAudio", "priority", "preferredAgents", "languageSkill", "outputs"]);
      if (extra.length > 0) return keepRaw(`a transferToQueue node has no field for ${extra.join(", ")}`);
      const target = litOf(a.targetQueue)?.value;
      if (!isMap(target) || Object.keys(target).length !== 1 || typeof target.name !== "string" || target.name === "") return keepRaw("its queue is not named literally");
      const prompt = isEmptyField(a.preTransferAudio) ? undefined : ttsOf(a.preTransferAudio);
      if (!isEmptyField(a.preTransferAudio) && prompt === undefined) return keepRaw("its pre-transfer audio is not a plain text to speech");
      const failurePrompt = isEmptyField(a.failureTransferAudio) ? undefined : ttsOf(a.failureTransferAudio);
      const failureAudio = isEmptyField(a.failureTransferAudio) || failurePrompt !== undefined ? undefined : expOf(a.failureTransferAudio);
      if (!isEmptyField(a.failureTransferAudio) && failurePrompt === undefined && failureAudio === undefined) return keepRaw("its failure audio is neither a text to speech nor an expression");
      const priority = a.priority === undefined ? 0 : litOf(a.priority)?.value;
      if (priority !== 0) return keepRaw("it sets a priority");
      const others = otherPaths(a, ["failure"]);
      if (others.length > 0) return keepRaw(`a transferToQueue node has no transition for ${others.join(", ")}`);
      return {
        node: {
          type: "transferToQueue",
          queue: target.name,
          ...(prompt !== undefined ? { prompt } : {}),
          ...(failurePrompt !== undefined ? { failurePrompt } : {}),
          ...(failureAudio !== undefined ? { failureAudio } : {}),
        },
        branches: { failure: pathActions(a, "failure") },
      };
    },
  },
  // Transfer to ACD plays its pre-transfer audio and transfers to the queue; the flow ends when the
  // transfer succeeds, and takes the failure output when it fails (help.mypurecloud.com/articles/add-transfer-action-task/;
  // sdk: ArchBaseActionTransfer, a fake success output and a failure output, failureTransferAudio
  // "to play on the call in the event the transfer fails at runtime"). The scenario says whether it connects.
  run: {
    transferToAcd: (a, rt) => {
      if (!isUnset(a.preTransferAudio)) rt.play(rt.value(a.preTransferAudio, "audio"));
      const queue = objectName(rt, a.targetQueue, "queue", "the target queue");
      const priority = isUnset(a.priority) ? undefined : integerOf(rt, a.priority, "the priority");
      const skills = (Array.isArray(a.acdSkills) ? a.acdSkills : []).map((s) => objectName(rt, isMap(s) ? s.acdSkill : undefined, "skill", "a skill"));
      const languageSkill = isUnset(a.languageSkill) ? undefined : objectName(rt, a.languageSkill, "languageSkill", "the language skill");
      if (rt.world.transfer({ to: "queue", target: queue, action: rt.name }) === "success") {
        return { kind: "end", ending: { type: "transferToQueue", queue, ...(priority !== undefined ? { priority } : {}), ...(skills.length > 0 ? { skills } : {}), ...(languageSkill !== undefined ? { languageSkill } : {}) } };
      }
      if (!isUnset(a.failureTransferAudio)) rt.play(rt.value(a.failureTransferAudio, "audio"));
      return { kind: "path", path: "failure" };
    },
  },
});
export type TransferToQueueNode = z.infer<typeof transferToQueue.schema>;
