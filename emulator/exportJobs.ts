// Architect export jobs, as the provider's exporter uses them (genesyscloud/architect_flow in
// terraform-provider-genesyscloud v1.84: POST /api/v2/flows/export/jobs with
// {flows: [{flow: {id, version}}]}, then GET /api/v2/flows/export/jobs/{id}?expand=messages until
// "Success" with a `downloadUrl`, then a plain GET of that URL, which holds the flow's Archy YAML).
// A job exports the published version it names (the latest when none is named), completes at
// once, and its download URL carries its own token, like a signed URL. In memory only.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { newId } from "./ids";
import type { OrgStore } from "./store";

export interface ExportJob {
  id: string;
  status: "Success" | "Failure";
  dateCreated: number;
  /** The exported text (one flow). */
  text?: string;
  fileName?: string;
  messages: Array<{ dateTime: string; type: "Error" | "Warning"; text: string }>;
  downloadToken: string;
}

export type ExportRequest = { ok: true; flowId: string; version?: string; fileName?: string } | { ok: false; message: string };

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads the body of POST /api/v2/flows/export/jobs (Genesys's RegisterArchitectExportJob). */
export function readExportRequest(body: unknown): ExportRequest {
  const flows = isMap(body) ? body.flows : undefined;
  if (!Array.isArray(flows) || flows.length === 0) return { ok: false, message: "flows is required: a list of {flow: {id, version?}}" };
  // Several flows come back as one zip from Genesys; the emulator exports one flow per job, as the provider asks.
  if (flows.length > 1) return { ok: false, message: "the emulator exports one flow per job (Genesys answers several with a zip)" };
  const item = flows[0];
  const flow = isMap(item) ? item.flow : undefined;
  if (!isMap(flow) || typeof flow.id !== "string" || flow.id === "") return { ok: false, message: "flows[0].flow.id is required" };
  if (flow.version !== undefined && typeof flow.version !== "string") return { ok: false, message: "flows[0].flow.version must be a string" };
  if (isMap(item) && item.exportType !== undefined && String(item.exportType).toLowerCase() !== "yaml") return { ok: false, message: `exportType ${JSON.stringify(item.exportType)}: the emulator exports Archy YAML only` };
  const fileName = isMap(item) && typeof item.fileName === "string" ? item.fileName : undefined;
  return { ok: true, flowId: flow.id, ...(typeof flow.version === "string" ? { version: flow.version } : {}), ...(fileName ? { fileName } : {}) };
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly store: OrgStore,
    private readonly now: () => number,
    private readonly maxJobs = 1000,
  ) {}

  create(request: { flowId: string; version?: string; fileName?: string }): ExportJob {
    const at = this.now();
    const fail = (text: string): ExportJob => ({ id: newId(), status: "Failure", dateCreated: at, messages: [{ dateTime: new Date(at).toISOString(), type: "Error", text }], downloadToken: "" });
    const flow = this.store.getFlow(request.flowId);
    let job: ExportJob;
    if (!flow) job = fail(`Flow ${request.flowId} not found`);
    else {
      const version = request.version === undefined ? this.store.publishedVersion(flow) : flow.versions.find((v) => v.id === request.version);
      job = version
        ? { id: newId(), status: "Success", dateCreated: at, text: version.text, fileName: request.fileName ?? `${flow.name}.yaml`, messages: [], downloadToken: randomBytes(24).toString("hex") }
        : fail(`Version ${request.version} of flow ${flow.name} (${flow.id}) not found`);
    }
    this.jobs.set(job.id, job);
    while (this.jobs.size > this.maxJobs) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }

  get(id: string): ExportJob | undefined {
    return this.jobs.get(id);
  }

  /** The exported text when the token matches. */
  download(id: string, token: string | null): { kind: "ok"; text: string } | { kind: "unknown" } | { kind: "forbidden" } {
    const job = this.jobs.get(id);
    if (!job || job.text === undefined) return { kind: "unknown" };
    const a = Buffer.from(token ?? "");
    const b = Buffer.from(job.downloadToken);
    return a.length === b.length && timingSafeEqual(a, b) ? { kind: "ok", text: job.text } : { kind: "forbidden" };
  }

  clear(): void {
    this.jobs.clear();
  }
}
