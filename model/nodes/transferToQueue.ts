import { z } from "zod";
import { expression, label, nodeId, speech } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

/** A skill or language skill name of the org (written into a FindSkill("...") expression: no double quote). */
const skillName = z.string().min(1).max(200).refine((s) => !s.includes('"') && !s.includes("\\"), "no double quote or backslash in a skill name");

export const transferToQueueNode = z
  .object({
    type: z.literal("transferToQueue"),
    label,
    /** The queue's name in the org (often a `{{placeholder}}`). */
    queue: z.string().min(1),
    /** Spoken (calls) before the transfer. */
    prompt: speech.optional(),
    /** The interaction's priority in the queue: an integer expression (Architect's default is 0). */
    priority: expression.optional(),
    /** ACD skills an agent must have (skill names of the org). */
    skills: z.array(skillName).min(1).optional(),
    /** The language skill an agent must have (a language skill name of the org). */
    languageSkill: skillName.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  })
  .strict();
export type TransferToQueueNode = z.infer<typeof transferToQueueNode>;

export const transferToQueue: NodeTypeDescriptor<TransferToQueueNode> = {
  type: "transferToQueue",
  summary: "Transfers the interaction to an ACD queue, with a priority and the skills agents need; ends the flow when it succeeds.",
  fields: "`queue` (queue name), `prompt` (optional), `priority` (integer expression), `skills` (skill names), `languageSkill` (language skill name)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: (n) => (n.priority !== undefined ? [{ field: "priority", text: n.priority, expect: "integer" }] : []),
  writes: () => [],
  describe: (n) => `transfer to ${n.queue}`,
  example: {
    type: "transferToQueue",
    label: "To support",
    queue: "Support",
    prompt: "Please hold for an agent.",
    priority: "5",
    skills: ["Billing"],
    languageSkill: "English",
    transitions: { failure: "Next" },
  },
};
