// Reading an org's historical flow execution data (facts/org-state.md, "What real calls did"):
// POST /api/v2/flows/instances/query finds at most 200 executions a query ("Returns a list of
// matching flow histories up to 200 max", v193 spec; "not guaranteed to be the most recent",
// "Historical execution data overview", help.mypurecloud.com), so a time window that answers 200
// is halved until each part answers fewer, and nothing is dropped unsaid; POST .../jobs and GET
// .../jobs/{id} hand out each execution's download (a job is Running before it is Success or
// Failed: its ids are then named as failed downloads). Every request goes through the one client
// (org/client.ts), paced within the token's budget.
import type { ExecutionFile, PullLimits } from "../traffic/journeys";
import { inBatches, PAGE_CONCURRENCY, type OrgApi } from "./client";

export const QUERY_CAP = 200;
/** Ids per download job. */
const JOB_IDS = 100;
/** A window narrower than this is not split further (a second's worth of executions past 200 is reported, not chased). */
const MIN_WINDOW_MS = 1000;
const JOB_POLL_MS = 1000;
const JOB_POLLS = 60;

export interface Found {
  id: string;
  flowName: string;
  flowId: string;
  flowVersion: string;
}

interface Job {
  id: string;
  jobState?: string;
  entities?: Array<{ id: string; downloadUri?: string; failed?: boolean }>;
}

/** The executions that started in [from, to) (of one flow when given), each once; full windows halved. */
export async function findExecutions(
  api: OrgApi,
  from: number,
  to: number,
  flowId: string | undefined,
  limits: PullLimits,
): Promise<Found[]> {
  const and = [
    { key: "FlowStartDateTime", operator: "gte", value: new Date(from).toISOString() },
    { key: "FlowStartDateTime", operator: "lt", value: new Date(to).toISOString() },
    ...(flowId ? [{ key: "FlowId", operator: "eq", value: flowId }] : []),
  ];
  limits.queries++;
  const page = await api.post<{ entities?: Found[] }>(`/api/v2/flows/instances/query?pageSize=${QUERY_CAP}`, {
    query: [{ and }],
  });
  const found = page.entities ?? [];
  if (found.length < QUERY_CAP) return found;
  if (to - from < 2 * MIN_WINDOW_MS) {
    limits.cappedWindows.push(`${new Date(from).toISOString()}/${new Date(to).toISOString()}`);
    return found;
  }
  const mid = from + Math.floor((to - from) / 2);
  return [
    ...(await findExecutions(api, from, mid, flowId, limits)),
    ...(await findExecutions(api, mid, to, flowId, limits)),
  ];
}

/** Each execution's file, through download jobs of JOB_IDS ids; those that fail are named in the limits. */
export async function downloadExecutions(
  api: OrgApi,
  ids: readonly string[],
  limits: PullLimits,
  wait = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): Promise<ExecutionFile[]> {
  const files: ExecutionFile[] = [];
  for (let i = 0; i < ids.length; i += JOB_IDS) {
    const created = await api.post<Job>("/api/v2/flows/instances/jobs", { ids: ids.slice(i, i + JOB_IDS) });
    let job: Job | undefined = created;
    for (let poll = 0; job?.jobState !== "Success" && job?.jobState !== "Failed"; poll++) {
      if (poll > 0) await wait(Math.min(JOB_POLL_MS, 100 * 2 ** poll));
      if (poll === JOB_POLLS)
        throw new Error(
          `execution data job ${created.id} did not finish in about ${(JOB_POLLS * JOB_POLL_MS) / 1000} s`,
        );
      job = await api.get<Job>(`/api/v2/flows/instances/jobs/${encodeURIComponent(created.id)}`);
    }
    if (job.jobState === "Failed") limits.failedDownloads.push(...ids.slice(i, i + JOB_IDS));
    const entities = job.entities ?? [];
    for (const e of entities) if (e.failed || !e.downloadUri) limits.failedDownloads.push(e.id);
    const got = await inBatches(
      entities.filter((e) => !e.failed && e.downloadUri),
      PAGE_CONCURRENCY,
      async (e) => JSON.parse(await api.download(e.downloadUri!, `execution ${e.id}`)) as ExecutionFile,
    );
    files.push(...got);
  }
  return files;
}
