// Transfer to queue: transfers the interaction to an ACD queue with a priority and skills.
// Compiles to Archy `transferToAcd` (its `failure` path continues); imports from one to a queue
// named literally with at most a spoken prompt or audio, what is played when the transfer fails
// (`failureTransferAudio`, a text to speech or an audio expression, as real exports write it:
// export:GenesysCloudBlueprints/architect-flow-public-api-blueprint blueprint/files/archy_flow.yml
// line 179; https://help.mypurecloud.com/articles/transfer-to-acd-action/), skills and a language
// skill named literally and an in-queue flow (`acdSkills: [{acdSkill: {lit: {name}}}]`,
// `overrideInQueueFlow: {name}`: export:jpercs/terraform-github-actions
// flows/EUSA_OB_Collections_Customer_DEV.yaml line 671), `appendSkills` (export:Vishnu-NVD/CxAsCode
// Flows/Archy_Email_Flow_Testing.yaml line 51) and the messages of message flows
// (`preTransferCommunication`: export:Vishnu-NVD/CxAsCode Flows/CI-CD_Archy_webchat_Botflow_demo_new.yaml
// line 481); preferred agents and a direct agent keep it raw.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, type Json } from "../../archy/json";
import { expOf, isEmptyField, litOf, otherPaths, pathActions } from "../../archy/values";
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
import { integerOf, isUnset, objectName } from "./runFields";
import type { ActionBody, Directive, RunContext } from "./runContext";

/** A skill or language skill name of the org (written into a FindSkill("...") expression: no double quote). */
const skillName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !s.includes('"') && !s.includes("\\"), "no double quote or backslash in a skill name");

/** The priority as the node holds it: an integer expression (Architect's default 0 is left out); null when it is neither. */
function priorityOf(v: Json): string | undefined | null {
  const literal = litOf(v)?.value;
  if (literal === 0) return undefined;
  if (typeof literal === "number" && Number.isInteger(literal)) return String(literal);
  return expOf(v) ?? null;
}

/** An org object named literally: `{lit: {name}}`, or `{exp: Find<X>("name")}` with a plain name. */
function namedObject(v: Json, find: string): string | undefined {
  const literal = litOf(v)?.value;
  if (isMap(literal) && Object.keys(literal).length === 1 && typeof literal.name === "string")
    return skillName.safeParse(literal.name).success ? literal.name : undefined;
  const m = new RegExp(`^\\s*${find}\\(\\s*"([^"\\\\]+)"\\s*\\)\\s*$`).exec(expOf(v) ?? "");
  return m ? m[1] : undefined;
}

export const transferToQueue = defineNodeType({
  schema: nodeSchema("transferToQueue", {
    /** The queue's name in the org (often a `{{placeholder}}`). */
    queue: z.string().min(1).optional(),
    /** Or the queue an expression of type queue gives (a queue variable a findQueue node set, `FindQueue(Flow.name)`). */
    queueExpression: expression.optional(),
    ...transferAudioShape,
    /** The interaction's priority in the queue: an integer expression (Architect's default is 0). */
    priority: expression.optional(),
    /** ACD skills an agent must have (skill names of the org). */
    skills: z.array(skillName).min(1).optional(),
    /** The language skill an agent must have (a language skill name of the org). */
    languageSkill: skillName.optional(),
    /** Add the skills to those already asked for, instead of replacing them. */
    appendSkills: z.boolean().optional(),
    /** The in-queue call flow that runs while the interaction waits, instead of the queue's own (a flow name). */
    inQueueFlow: z.string().min(1).optional(),
    /** Sent (message flows) before the transfer: an expression of type communication. */
    message: expression.optional(),
    /** Sent (message flows) when the transfer fails: an expression of type communication. */
    failureMessage: expression.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  })
    .superRefine(oneAudioEach)
    .refine((n) => (n.queue === undefined) !== (n.queueExpression === undefined), {
      path: ["queue"],
      message: "give queue (a queue name) or queueExpression (an expression of type queue), one of them",
    }),
  summary:
    "Transfers the interaction to an ACD queue, with a priority and the skills agents need; ends the flow when it succeeds.",
  fields:
    "`queue` (queue name) or `queueExpression` (queue expression), `prompt` or `audio` (optional), `failurePrompt` or `failureAudio` (optional, played when the transfer fails), `priority` (integer expression), `skills` (skill names), `languageSkill` (language skill name), `appendSkills` (boolean), `inQueueFlow` (in-queue flow name), `message`, `failureMessage` (communication expressions, message flows)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  expressions: (n) => [
    ...(n.queueExpression !== undefined
      ? [{ field: "queueExpression", text: n.queueExpression, expect: "queue" }]
      : []),
    ...(n.priority !== undefined ? [{ field: "priority", text: n.priority, expect: "integer" }] : []),
    ...transferAudioExpressions(n),
    ...(n.message !== undefined ? [{ field: "message", text: n.message, expect: "communication" }] : []),
    ...(n.failureMessage !== undefined
      ? [{ field: "failureMessage", text: n.failureMessage, expect: "communication" }]
      : []),
  ],
  describe: (n) => `transfer to ${n.queue ?? n.queueExpression}`,
  example: {
    label: "To support",
    queue: "Support",
    prompt: "Please hold for an agent.",
    failurePrompt: "Sorry, no agent can take your call.",
    priority: "5",
    skills: ["Billing"],
    languageSkill: "English",
    appendSkills: true,
    inQueueFlow: "Support hold",
    transitions: { failure: "Next" },
  },
  emit: (node, id, ctx) => [
    A.transferToAcd(
      actionName(node, id),
      {
        queue: node.queue !== undefined ? A.lit({ name: node.queue }) : A.exp(ctx.expression(node.queueExpression!)),
        ...emitTransferAudio(node, ctx.expression),
        message: node.message !== undefined ? ctx.expression(node.message) : undefined,
        failureMessage: node.failureMessage !== undefined ? ctx.expression(node.failureMessage) : undefined,
        priority: node.priority !== undefined ? ctx.expression(node.priority) : undefined,
        skills: node.skills,
        languageSkill: node.languageSkill,
        appendSkills: node.appendSkills,
        inQueueFlow: node.inQueueFlow,
      },
      ctx.goto(id, "failure", node.transitions.failure),
    ),
  ],
  importer: {
    action: "transferToAcd",
    fields: [
      "name",
      "targetQueue",
      "acdSkills",
      "overrideInQueueFlow",
      "preTransferAudio",
      "failureTransferAudio",
      "preTransferCommunication",
      "failureTransferCommunication",
      "priority",
      "preferredAgents",
      "languageSkill",
      "appendSkills",
      "outputs",
    ],
    map(a) {
      const target = litOf(a.targetQueue)?.value;
      const named =
        isMap(target) && Object.keys(target).length === 1 && typeof target.name === "string" && target.name !== ""
          ? target.name
          : undefined;
      const queueExpression = named === undefined ? expOf(a.targetQueue) : undefined;
      if (named === undefined && queueExpression === undefined)
        return keepRaw("its queue is neither named literally nor an expression");
      const spoken = importTransferAudio(a);
      if ("raw" in spoken) return keepRaw(spoken.raw);
      const message = isEmptyField(a.preTransferCommunication) ? undefined : expOf(a.preTransferCommunication);
      const failureMessage = isEmptyField(a.failureTransferCommunication)
        ? undefined
        : expOf(a.failureTransferCommunication);
      if (
        (!isEmptyField(a.preTransferCommunication) && message === undefined) ||
        (!isEmptyField(a.failureTransferCommunication) && failureMessage === undefined)
      )
        return keepRaw("its messages are not expressions");
      const priority = a.priority === undefined ? undefined : priorityOf(a.priority);
      if (priority === null) return keepRaw("its priority is neither a whole number nor an expression");
      const skills: string[] = [];
      for (const item of Array.isArray(a.acdSkills) ? a.acdSkills : []) {
        const skill =
          isMap(item) && Object.keys(item).length === 1 ? namedObject(item.acdSkill, "FindSkill") : undefined;
        if (skill === undefined) return keepRaw("a skill is not named literally");
        skills.push(skill);
      }
      if (!isEmptyField(a.acdSkills) && !Array.isArray(a.acdSkills)) return keepRaw("its skills are an expression");
      const languageSkill = isEmptyField(a.languageSkill)
        ? undefined
        : namedObject(a.languageSkill, "FindLanguageSkill");
      if (!isEmptyField(a.languageSkill) && languageSkill === undefined)
        return keepRaw("its language skill is not named literally");
      const append = isEmptyField(a.appendSkills) ? undefined : litOf(a.appendSkills)?.value;
      if (append !== undefined && typeof append !== "boolean")
        return keepRaw("its appendSkills is not a literal true or false");
      const flow = a.overrideInQueueFlow;
      if (
        !isEmptyField(flow) &&
        !(isMap(flow) && Object.keys(flow).length === 1 && typeof flow.name === "string" && flow.name !== "")
      )
        return keepRaw("its in-queue flow is not named directly");
      const others = otherPaths(a, ["failure"]);
      if (others.length > 0) return keepRaw(`a transferToQueue node has no transition for ${others.join(", ")}`);
      return {
        node: {
          type: "transferToQueue",
          ...(named !== undefined ? { queue: named } : { queueExpression }),
          ...spoken,
          ...(message !== undefined ? { message } : {}),
          ...(failureMessage !== undefined ? { failureMessage } : {}),
          ...(priority !== undefined ? { priority } : {}),
          ...(skills.length > 0 ? { skills } : {}),
          ...(languageSkill !== undefined ? { languageSkill } : {}),
          ...(typeof append === "boolean" ? { appendSkills: append } : {}),
          ...(isMap(flow) && typeof flow.name === "string" ? { inQueueFlow: flow.name } : {}),
        },
        branches: { failure: pathActions(a, "failure") },
      };
    },
  },
  // Transfer to ACD plays its pre-transfer audio and transfers to the queue; the flow ends when the
  // transfer succeeds, and takes the failure output when it fails (help.mypurecloud.com/articles/add-transfer-action-task/;
  // sdk: ArchBaseActionTransfer, a fake success output and a failure output, failureTransferAudio
  // "to play on the call in the event the transfer fails at runtime"). The scenario says whether it connects.
  // A menu choice that transfers (menuTransferToAcd, the same fields) runs the same, but has no
  // failure path: what Architect does when it fails is not documented, so that is not simulated.
  run: {
    menuTransferToAcd: (a, rt) => {
      const d = transferToAcd(a, rt);
      return d.kind === "path"
        ? rt.cannot(
            `a menu choice's transfer to a queue that fails (a choice has no failure path; what Architect does then is not documented)`,
          )
        : d;
    },
    transferToAcd,
  },
});

/** Transfer to ACD (see `run` above). */
function transferToAcd(a: ActionBody, rt: RunContext): Directive {
  if (!isUnset(a.preTransferAudio)) rt.play(rt.value(a.preTransferAudio, "audio"));
  if (!isUnset(a.preTransferCommunication)) rt.send(rt.value(a.preTransferCommunication, "communication"));
  const queue = objectName(rt, a.targetQueue, "queue", "the target queue");
  const priority = isUnset(a.priority) ? undefined : integerOf(rt, a.priority, "the priority");
  const skills = (Array.isArray(a.acdSkills) ? a.acdSkills : []).map((s) =>
    objectName(rt, isMap(s) ? s.acdSkill : undefined, "skill", "a skill"),
  );
  const languageSkill = isUnset(a.languageSkill)
    ? undefined
    : objectName(rt, a.languageSkill, "languageSkill", "the language skill");
  if (rt.world.transfer({ to: "queue", target: queue, action: rt.name }) === "success") {
    return {
      kind: "end",
      ending: {
        type: "transferToQueue",
        queue,
        ...(priority !== undefined ? { priority } : {}),
        ...(skills.length > 0 ? { skills } : {}),
        ...(languageSkill !== undefined ? { languageSkill } : {}),
      },
    };
  }
  if (!isUnset(a.failureTransferAudio)) rt.play(rt.value(a.failureTransferAudio, "audio"));
  if (!isUnset(a.failureTransferCommunication)) rt.send(rt.value(a.failureTransferCommunication, "communication"));
  return { kind: "path", path: "failure" };
}
