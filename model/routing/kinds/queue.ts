// A queue (genesyscloud_routing_queue): where a flow's Transfer to ACD sends a conversation. An org
// object kind (../kind.ts `object`, docs/objects.md): declared under objects/queues/, created before
// the flows that name it, adopted by name. The file holds the settings below, each with the
// provider's default; the provider writes a queue whole on an update, so the in-queue flow and the
// whisper and on-hold prompts, which a person may set in the org and the file does not, are watched
// too: a person's change there is judged by the people guard. Its members are the org's (the
// provider leaves them when the resource names none); a queue with members, or a conversation
// waiting in it, is in use.
import { z } from "zod";
import { e164, namedSchema } from "../fields";
import { orgJson, type Json, defineRoutingKind } from "../kind";
import { ORG_OBJECT_KINDS, routingOrgRow } from "../../../archy/orgObjectKinds";

const PROMPTS = ["MANDATORY", "OPTIONAL", "MANDATORY_TIMEOUT", "MANDATORY_FORCED_TIMEOUT", "AGENT_REQUESTED"] as const;

export const queueFile = namedSchema("queue", {
  /** How the agent is asked for a wrap-up code after a conversation (after-call work). */
  acwWrapupPrompt: z.enum(PROMPTS).default("MANDATORY_TIMEOUT"),
  /** How long the agent may stay in after-call work, 1 s to 60 min (the timed prompts only). */
  acwTimeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
  /** Which of a conversation's skills an agent must have: NONE, BEST or ALL. */
  skillEvaluationMethod: z.enum(["NONE", "BEST", "ALL"]).default("ALL"),
  scoringMethod: z.enum(["TimestampAndPriority", "PriorityOnly"]).default("TimestampAndPriority"),
  enableTranscription: z.boolean().default(false),
  enableManualAssignment: z.boolean().default(false),
  suppressInQueueCallRecording: z.boolean().default(true),
  /** The whisper plays for auto-answered calls only. */
  autoAnswerOnly: z.boolean().default(true),
  /** Caller identification of outbound calls from the queue. */
  callingPartyName: z.string().min(1).max(100).optional(),
  callingPartyNumber: e164.optional(),
});
export type QueueFile = z.infer<typeof queueFile>;

/** The settings (the provider's arguments besides name and description), as people say them. */
const SETTINGS = {
  acwWrapupPrompt: "wrap-up prompt",
  acwTimeoutMs: "after-call work timeout (ms)",
  skillEvaluationMethod: "skill evaluation",
  scoringMethod: "scoring",
  enableTranscription: "transcription",
  enableManualAssignment: "manual assignment",
  suppressInQueueCallRecording: "in-queue recording suppressed",
  autoAnswerOnly: "whisper on auto-answer only",
  callingPartyName: "calling party name",
  callingPartyNumber: "calling party number",
} as const;
const KEYS = Object.keys(SETTINGS) as Array<keyof typeof SETTINGS>;

/** The file's defaults (the provider's): a Boolean the API leaves out is its default. */
const DEFAULTS: Json = queueFile.parse({ kind: "queue", name: "-" });

export const queue = defineRoutingKind<QueueFile>({
  schema: queueFile,
  label: ORG_OBJECT_KINDS.queue.label,
  folder: "queues",
  stackValues: ["description", ...KEYS],
  object: {
    inUse: (e) => (Number(e.memberCount) > 0 ? `${String(e.memberCount)} member(s)` : undefined),
    waiting: true,
  },
  details(b, a, field) {
    for (const k of KEYS) field(SETTINGS[k], b[k]?.toString(), a[k]?.toString());
  },
  provider: {
    resource: "RoutingQueue",
    args: (v) => Object.fromEntries(KEYS.flatMap((k) => (v[k] === undefined ? [] : [[k, v[k]]]))),
  },
  org: {
    ...routingOrgRow("queue"),
    fields: { ...SETTINGS, queueFlowId: "in-queue flow", whisperPromptId: "whisper", onHoldPromptId: "on-hold prompt" },
    observe: (e) => {
      const acw = (e.acwSettings ?? {}) as Json;
      const org: Json = { ...e, acwWrapupPrompt: acw.wrapupPrompt, acwTimeoutMs: acw.timeoutMs };
      // A switch the org leaves out reads as its default.
      const unset = (k: (typeof KEYS)[number]) => typeof DEFAULTS[k] === "boolean" && typeof org[k] !== "boolean";
      const settings = KEYS.map((k) => [k, unset(k) ? DEFAULTS[k] : org[k]]);
      const refs = ["queueFlow", "whisperPrompt", "onHoldPrompt"] as const;
      const ids = refs.map((f) => [`${f}Id`, orgJson.ref(e[f])?.id]);
      return Object.fromEntries([...settings, ...ids]);
    },
  },
});
