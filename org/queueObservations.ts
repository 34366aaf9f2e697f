// The conversations waiting in queues, as analytics observes them now (POST
// /api/v2/analytics/queues/observations/query, the metric oWaiting; permission
// analytics:queueObservation:view): one query for every queue asked. Read before the stack deletes
// a queue it created (planner/objects/decisions.ts).
import type { OrgApi } from "./client";

type Json = Record<string, unknown>;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The conversations waiting in each queue (every media type), by queue id; a queue the answer leaves out has none. */
export async function readWaitingConversations(
  api: Pick<OrgApi, "post">,
  queueIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map(queueIds.map((id) => [id, 0]));
  if (queueIds.length === 0) return out;
  const query = {
    filter: { type: "or", predicates: queueIds.map((value) => ({ type: "dimension", dimension: "queueId", value })) },
    metrics: ["oWaiting"],
  };
  const answer = await api.post<Json>("/api/v2/analytics/queues/observations/query", query);
  for (const r of list(answer?.results)) {
    const id = (r.group as Json | undefined)?.queueId;
    if (typeof id !== "string" || !out.has(id)) continue;
    for (const d of list(r.data).filter((x) => x.metric === "oWaiting"))
      out.set(id, out.get(id)! + Number((d.stats as Json | undefined)?.count ?? 0));
  }
  return out;
}
