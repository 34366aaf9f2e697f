import { z } from "zod";
import { label, nodeId, speech, variableName } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

export const collectDigitsNode = z
  .object({
    type: z.literal("collectDigits"),
    label,
    prompt: speech,
    /** The variable that receives the digits (a string variable). */
    variable: variableName,
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32),
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
    transitions: z.object({ success: nodeId, failure: nodeId }).strict(),
  })
  .strict();
export type CollectDigitsNode = z.infer<typeof collectDigitsNode>;

export const collectDigits: NodeTypeDescriptor<CollectDigitsNode> = {
  type: "collectDigits",
  summary: "Plays a prompt and collects DTMF digits into a string variable.",
  fields: "`prompt`, `variable` (string), `maxDigits`, `minDigits` (1), `timeoutSeconds` (5)",
  transitions: () => [
    { name: "success", required: true, failure: false },
    { name: "failure", required: true, failure: true },
  ],
  terminal: false,
  expressions: () => [],
  writes: (n) => [{ field: "variable", variable: n.variable, type: "string" }],
  describe: (n) => `collect ${n.minDigits === n.maxDigits ? n.maxDigits : `${n.minDigits}-${n.maxDigits}`} digit${n.maxDigits === 1 ? "" : "s"} → ${n.variable}`,
  example: { type: "collectDigits", label: "Account number", prompt: "Enter your account number.", variable: "digits", minDigits: 4, maxDigits: 8, timeoutSeconds: 7, transitions: { success: "Next", failure: "Next" } },
};
