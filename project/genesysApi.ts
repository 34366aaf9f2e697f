// The few Genesys Cloud API calls the import makes, the way the official provider makes them
// (terraform-provider-genesyscloud v1.84, genesyscloud/architect_flow): list flows by name
// (GET /api/v2/flows?name=&pageSize=&pageNumber=&includeSchemas=true, every page), export one
// flow's published version (POST /api/v2/flows/export/jobs, poll GET .../export/jobs/{id}?expand=messages
// until Success, then GET its downloadUrl without credentials). The I/O edge of import/adopt.ts;
// signing in is tools/verifyOrg.ts connectToOrg, as for every command that reads the org.

export interface OrgFlow {
  id: string;
  name: string;
  /** Upper-case API type, e.g. INBOUNDCALL. */
  type: string;
  /** Id of the published version, when the flow has one. */
  publishedVersion?: string;
  deleted: boolean;
}

export class GenesysApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "GenesysApiError";
  }
}

export interface ApiTarget {
  /** `https://api.mypurecloud.com`, or the gateway (`http://127.0.0.1:8787`). */
  apiBase: string;
  token: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class GenesysClient {
  constructor(
    private readonly target: ApiTarget,
    private readonly options: { pollIntervalMs?: number; timeoutMs?: number } = {},
  ) {}

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.target.apiBase}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.target.token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      // Rate limits: wait as told, a few times, like the provider.
      if (res.status === 429 && attempt < 5) {
        await sleep(Math.min(30, Number(res.headers.get("retry-after") ?? "1") || 1) * 1000);
        continue;
      }
      if (!res.ok) {
        let message = text.slice(0, 300);
        try {
          message = (JSON.parse(text) as { message?: string }).message ?? message;
        } catch {
          // not JSON: keep the text
        }
        throw new GenesysApiError(res.status, `${method} ${path} answered ${res.status}: ${message}`);
      }
      return JSON.parse(text) as T;
    }
  }

  /** Every flow whose name contains `name` (the API's match; callers narrow it), all pages. */
  async listFlows(name: string): Promise<OrgFlow[]> {
    const out: OrgFlow[] = [];
    for (let page = 1; ; page++) {
      const q = new URLSearchParams({ pageSize: "500", pageNumber: String(page), includeSchemas: "true", name });
      const listing = await this.request<{ entities?: Array<Record<string, unknown>>; pageCount?: number }>("GET", `/api/v2/flows?${q.toString()}`);
      for (const e of listing.entities ?? []) {
        const published = e.publishedVersion as { id?: string } | undefined;
        out.push({ id: String(e.id), name: String(e.name), type: String(e.type), ...(published?.id ? { publishedVersion: published.id } : {}), deleted: e.deleted === true });
      }
      if (!listing.pageCount || page >= listing.pageCount) return out;
    }
  }

  /** The Archy YAML of a flow's version, through an export job. */
  async exportFlow(id: string, version?: string): Promise<string> {
    const job = await this.request<{ id: string }>("POST", "/api/v2/flows/export/jobs", { flows: [{ flow: { id, ...(version ? { version } : {}) } }] });
    const deadline = Date.now() + (this.options.timeoutMs ?? 90_000);
    for (;;) {
      const state = await this.request<{ status: string; downloadUrl?: string; messages?: Array<{ text?: string }> }>("GET", `/api/v2/flows/export/jobs/${job.id}?expand=messages`);
      if (state.status === "Failure") throw new GenesysApiError(0, `exporting flow ${id} failed: ${(state.messages ?? []).map((m) => m.text).join("; ")}`);
      if (state.status === "Success") {
        if (!state.downloadUrl) throw new GenesysApiError(0, `export job ${job.id} for flow ${id} succeeded without a download URL`);
        const file = await fetch(state.downloadUrl, { signal: AbortSignal.timeout(30_000) });
        if (!file.ok) throw new GenesysApiError(file.status, `downloading the export of flow ${id} answered ${file.status}`);
        return await file.text();
      }
      if (Date.now() > deadline) throw new GenesysApiError(0, `export job ${job.id} for flow ${id} did not finish in time (status ${state.status})`);
      await sleep(this.options.pollIntervalMs ?? 1000);
    }
  }
}
