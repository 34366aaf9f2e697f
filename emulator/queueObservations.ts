// Conversations waiting in the org's queues, and analytics' queue observations of them: POST
// /api/v2/analytics/queues/observations/query (postAnalyticsQueuesObservationsQuery: a
// QueueObservationQuery, its filter's predicates and clauses on the dimensions queueId and
// mediaType, answered as a QueueObservationQueryResponse: one result per queue and media type, its
// group and a datum per metric asked, the count in its stats; Platform API v2, SDK v193). The
// emulator has no agents: a conversation a simulated call transfers to a queue waits there when the
// traffic says so (traffic.ts `queues: wait`) and is never answered; `oWaiting` counts them, every
// other metric answers 0.
import { badRequest } from "./http";

/** The observation metrics of the spec (QueueObservationQuery.metrics). */
export const QUEUE_OBSERVATION_METRICS = [
  "oActiveUsers",
  "oAlerting",
  "oInteracting",
  "oLongestInteracting",
  "oLongestWaiting",
  "oMemberUsers",
  "oOffQueueUsers",
  "oOnQueueUsers",
  "oUserPresences",
  "oUserRoutingStatuses",
  "oWaiting",
] as const;

/** The voice conversations waiting in each queue, by queue id. */
export class QueueConversations {
  private readonly waiting = new Map<string, number>();

  wait(queueId: string): void {
    this.waiting.set(queueId, (this.waiting.get(queueId) ?? 0) + 1);
  }

  count(queueId: string): number {
    return this.waiting.get(queueId) ?? 0;
  }
}

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The answer to a QueueObservationQuery: the queues its filter names (queueId predicates), voice, each metric asked. */
export function queueObservationsAnswer(query: Json, conversations: QueueConversations): Json {
  const filter = (query.filter ?? {}) as Json;
  const predicates = [...list(filter.predicates), ...list(filter.clauses).flatMap((c) => list(c.predicates))];
  const queueIds = [
    ...new Set(predicates.filter((p) => p.dimension === "queueId" && typeof p.value === "string").map((p) => p.value)),
  ] as string[];
  if (queueIds.length === 0)
    throw badRequest("the query's filter names no queue (a predicate on the dimension queueId)");
  const metrics = list(query.metrics) as unknown as string[];
  const unknown = metrics.filter((m) => !(QUEUE_OBSERVATION_METRICS as readonly string[]).includes(m));
  if (metrics.length === 0 || unknown.length > 0)
    throw badRequest(
      `metrics: ${unknown.join(", ") || "none"} (one or more of ${QUEUE_OBSERVATION_METRICS.join(", ")})`,
    );
  return {
    results: queueIds.map((queueId) => ({
      group: { queueId, mediaType: "voice" },
      data: metrics.map((metric) => ({
        metric,
        stats: { count: metric === "oWaiting" ? conversations.count(queueId) : 0 },
      })),
    })),
  };
}
