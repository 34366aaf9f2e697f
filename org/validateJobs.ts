// Architect's own judgement of flows the org has, as the org is now: one validate job per flow
// (POST /api/v2/flows/validate/jobs with {flows: [{flow: {id}}]}, permission
// architect:jobValidate:create), polled with GET /api/v2/flows/validate/jobs/{jobId}?expand=messages
// (architect:jobValidate:view; 202 while Registered or Started, 200 once Success or Failure) until
// it ends. One job per flow because a job's messages do not say which of its flows they are about.
// Nothing is published; the client is the one of org/client.ts (retries, 403 naming the permission).
import { inBatches, OrgApiError, type OrgApi } from "./client";
import type { ArchitectMessage, FlowValidation } from "./model";

const JOBS = "/api/v2/flows/validate/jobs";

export interface ValidateOptions {
  /** Between polls of a job. Default 1 s. */
  pollIntervalMs?: number;
  /** How long one job may take. Default 120 s. */
  timeoutMs?: number;
  /** Jobs in flight at once. Default 4. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface JobStateJson {
  status?: unknown;
  messages?: Array<{ type?: unknown; text?: unknown }>;
}

function messagesOf(state: JobStateJson): ArchitectMessage[] {
  return (state.messages ?? []).flatMap((m) =>
    typeof m.text === "string" && (m.type === "Error" || m.type === "Warning") ? [{ type: m.type, text: m.text }] : [],
  );
}

/** Architect's validation of one flow: its job registered, then polled until it ends. */
export async function validateFlow(
  api: OrgApi,
  flowId: string,
  options: ValidateOptions = {},
): Promise<FlowValidation> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const job = await api.post<{ id?: unknown }>(JOBS, { flows: [{ flow: { id: flowId } }] });
  if (typeof job?.id !== "string") throw new OrgApiError(`POST ${JOBS} for flow ${flowId} answered without a job id`);
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const state = (await api.get<JobStateJson>(`${JOBS}/${encodeURIComponent(job.id)}`, { expand: "messages" })) ?? {};
    if (state.status === "Success" || state.status === "Failure")
      return { flowId, status: state.status, messages: messagesOf(state) };
    if (Date.now() > deadline)
      throw new OrgApiError(
        `validate job ${job.id} for flow ${flowId} did not finish in time (status ${String(state.status)})`,
      );
    await sleep(options.pollIntervalMs ?? 1000);
  }
}

/** Architect's validation of each flow, in the order given, a few jobs at a time. */
export function validateFlows(
  api: OrgApi,
  flowIds: readonly string[],
  options: ValidateOptions = {},
): Promise<FlowValidation[]> {
  return inBatches(flowIds, options.concurrency ?? 4, (id) => validateFlow(api, id, options));
}
