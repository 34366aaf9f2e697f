// Publishing Archy text as the official provider does (facts: genesyscloud_flow's create and update
// sequence): create a publish job, PUT the text to the presigned URL it answers with the headers it
// names and no credentials, then poll the job with its messages until it succeeds or fails.
// check-exports publishes to a throwaway emulator through it; everything else publishes through
// the provider.
import type { OrgApi } from "./client";
import { OrgApiError } from "./client";

export interface PublishJobMessage {
  type: string;
  text: string;
}

export interface PublishJobResult {
  status: "Success" | "Failure";
  /** The published flow's id (on success). */
  flowId?: string;
  messages: PublishJobMessage[];
}

export interface PublishJobOptions {
  /** Between polls (the provider waits 15 s against Genesys; an emulator answers at once). */
  pollMs?: number;
  /** Polls before giving up (the provider: 16 minutes' worth). */
  maxPolls?: number;
}

interface CreatedJob {
  id: string;
  presignedUrl: string;
  headers?: Record<string, string>;
}

interface JobAnswer {
  status: string;
  flow?: { id?: string };
  messages?: PublishJobMessage[];
}

/** Publishes `text` (already substituted) through a publish job; `what` names it in errors. */
export async function publishArchy(
  api: OrgApi,
  text: string,
  what: string,
  options: PublishJobOptions = {},
): Promise<PublishJobResult> {
  // The provider sends no body.
  const created = (await api.request<CreatedJob>("POST", "/api/v2/flows/jobs")) as CreatedJob;
  await api.upload(created.presignedUrl, created.headers ?? {}, text, what);
  const pollMs = options.pollMs ?? 15_000;
  const maxPolls = options.maxPolls ?? 64;
  for (let poll = 0; poll < maxPolls; poll++) {
    const job = await api.get<JobAnswer>(`/api/v2/flows/jobs/${encodeURIComponent(created.id)}`, {
      expand: "messages",
    });
    if (job?.status === "Success" || job?.status === "Failure") {
      const messages = (job.messages ?? []).map((m) => ({ type: m.type, text: m.text }));
      return { status: job.status, ...(job.flow?.id !== undefined ? { flowId: job.flow.id } : {}), messages };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new OrgApiError(`the publish job of ${what} did not finish after ${maxPolls} polls`);
}
