// Ask for slot: a bot asks the customer for the value of one of its slots (configured in the
// bot's natural language understanding; the value is `Slot.<name>`). Compiles to Archy
// `askForSlot` with the question, no-input and no-match communications, no custom validation and
// no confirmation, as real exports write it (export:CII-GitHub-Account-Org/cx-as-code-cicd-gitactions-blueprint
// blueprint/genesys-cloud-architect-flows/cicd-sample-bot-flow.yaml line 106;
// https://help.mypurecloud.com/articles/ask-for-slot-action/). Its outputs `maxNoInputs` and
// `maxNoMatches` are either disabled (`enabled: false`: the bot's recognition failure handling
// runs) or a path of their own (export:Vishnu-NVD/CxAsCode Flows/Digital Bot/Archy/d_bot_test.yaml).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, type Json } from "../../archy/json";
import { extraFields, isEmptyField, litOf } from "../../archy/values";
import { nodeId } from "../types";
import {
  emitQuestion,
  importQuestion,
  QUESTION_FIELDS_DOC,
  QUESTION_KEYS,
  questionExpressions,
  questionShape,
} from "./botQuestion";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, next, type TransitionSpec, nodeSchema } from "./unit";

/** A slot of the bot (as `Slot.<name>` names it). */
const slotName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, "a slot name: a letter, then letters, digits or _");

/** The outputs a node may give a path of its own, with the node field that enables each. */
const LIMITS = [
  { output: "maxNoInputs", field: "onMaxNoInputs" },
  { output: "maxNoMatches", field: "onMaxNoMatches" },
] as const;

export const askForSlot = defineNodeType({
  schema: nodeSchema("askForSlot", {
    /** The slot whose value the bot asks for. */
    slot: slotName,
    ...questionShape,
    /** Take the `maxNoInputs` transition when the customer has not answered too many times (otherwise the bot's recognition failure handling runs). */
    onMaxNoInputs: z.boolean().default(false),
    /** Take the `maxNoMatches` transition when the answer was not understood too many times. */
    onMaxNoMatches: z.boolean().default(false),
    transitions: z.object({ next: nodeId, maxNoInputs: nodeId.optional(), maxNoMatches: nodeId.optional() }).strict(),
  }),
  summary: "A bot asks the customer for the value of one of its slots (`Slot.<name>`).",
  fields: `\`slot\` (slot name), ${QUESTION_FIELDS_DOC}, \`onMaxNoInputs\`, \`onMaxNoMatches\` (booleans, default false)`,
  transitions: (n) => [
    next,
    ...LIMITS.filter((l) => n[l.field]).map((l): TransitionSpec => ({ name: l.output, required: true, failure: true })),
  ],
  transitionsDoc: "`next`; `maxNoInputs`, `maxNoMatches` when `onMaxNoInputs`, `onMaxNoMatches`",
  expressions: (n) => questionExpressions(n),
  describe: (n) => `ask for slot ${n.slot}`,
  example: {
    label: "Ask for the order",
    slot: "OrderNumber",
    question: 'MakeCommunication("What is your order number?")',
    noInput: 'MakeCommunication("Please give your order number.")',
    noMatch: 'MakeCommunication("Please give me your 8 digit order number again.")',
    endOfInputTimeoutSeconds: 2,
    onMaxNoInputs: true,
    onMaxNoMatches: false,
    transitions: { next: "Next", maxNoInputs: "Next" },
  },
  emit: (node, id, ctx) => {
    const transitions = node.transitions as Record<string, string | undefined>;
    const outputs = Object.fromEntries(
      LIMITS.map((l) => [
        l.output,
        node[l.field] ? { enabled: true, actions: ctx.goto(id, l.output, transitions[l.output]) } : { enabled: false },
      ]),
    );
    return [
      {
        askForSlot: {
          name: actionName(node, id),
          slot: { name: node.slot },
          ...emitQuestion(node, ctx.expression),
          customValidation: A.noValue(),
          confirmationMode: A.lit("never"),
          outputs,
        },
      },
      ...ctx.goto(id, "next", node.transitions.next),
    ];
  },
  importer: {
    fields: ["name", "slot", ...QUESTION_KEYS, "customValidation", "confirmationMode", "outputs"],
    map(a) {
      const slot = isMap(a.slot) && Object.keys(a.slot).length === 1 ? slotName.safeParse(a.slot.name) : undefined;
      if (!slot?.success) return keepRaw("its slot is not named directly");
      if (!isEmptyField(a.confirmationMode) && litOf(a.confirmationMode)?.value !== "never")
        return keepRaw("it confirms the slot's value");
      const question = importQuestion(a);
      if ("raw" in question) return keepRaw(question.raw);
      const outputs: Record<string, Json> = isMap(a.outputs) ? a.outputs : {};
      const flags: Record<string, boolean> = {};
      const branches: Record<string, Json[] | undefined> = { next: undefined };
      for (const [output, path] of Object.entries(outputs)) {
        const limit = LIMITS.find((l) => l.output === output);
        if (!limit) {
          if (output === "default" && isMap(path) && isEmptyField(path.actions ?? null)) continue;
          return keepRaw(`an askForSlot node has no transition for ${output}`);
        }
        if (!isMap(path) || typeof path.enabled !== "boolean" || extraFields(path, ["enabled", "actions"]).length > 0)
          return keepRaw(`its ${output} output is not enabled or disabled plainly`);
        if (!path.enabled && !isEmptyField(path.actions ?? null))
          return keepRaw(`its disabled ${output} output holds actions`);
        flags[limit.field] = path.enabled;
        if (path.enabled) branches[output] = Array.isArray(path.actions) ? path.actions : undefined;
      }
      return {
        node: {
          type: "askForSlot",
          slot: slot.data,
          ...question,
          onMaxNoInputs: flags.onMaxNoInputs ?? false,
          onMaxNoMatches: flags.onMaxNoMatches ?? false,
        },
        branches,
      };
    },
  },
  // Ask for Slot waits for the customer's answer and fills the slot from it (help.mypurecloud.com/articles/ask-for-slot-action/):
  // the scenario world has no answers for a bot's slots, so a run stops here.
  run: {
    askForSlot: (a, rt) =>
      rt.cannot(
        `the customer's answer to the bot's question for slot ${isMap(a.slot) && typeof a.slot.name === "string" ? a.slot.name : "(unnamed)"} (scenarios give no slot values)`,
      ),
  },
});
