// Architect export jobs, as the provider's exporter uses them (genesyscloud/architect_flow in
// terraform-provider-genesyscloud v1.84: POST /api/v2/flows/export/jobs with
// {flows: [{flow: {id, version}}]}, then GET /api/v2/flows/export/jobs/{id}?expand=messages until
// "Success" with a `downloadUrl`, then a plain GET of that URL, which holds the flow's Archy YAML).
// A job exports the published version it names (the latest when none is named) of the flow it
// names by id, or by name and type; it completes at once, and its download URL carries its own
// token, like a signed URL. In memory only.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readJobItem, type FlowReference } from "./flowReference";
import { ApiError } from "./http";
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

/** One flow to export (by id, or by name and upper-case type; optionally a version) and its file name. */
export interface ExportRequest extends FlowReference {
  fileName?: string;
}

/**
 * Reads the body of POST /api/v2/flows/export/jobs (RegisterArchitectExportJob; its `flows` list is
 * checked by the spec's shape first, requestBodies.ts), refused with the error codes the spec
 * documents for the route: a list of exactly one flow (archy.export.invalid.flows.length), an item
 * with a flow by id or by name and type, a file name of letters, digits, _ and -. The Architect
 * export format is not one the emulator can write (specDifferences.ts).
 */
export function readExportRequest(body: Record<string, unknown>): ExportRequest {
  const flows = body.flows as unknown[];
  if (flows.length !== 1) throw new ApiError(400, "archy.export.invalid.flows.length", `Request body validation failed. The length of the flows list must be exactly one (it has ${flows.length}).`);
  const { fields: item, flow } = readJobItem(flows[0], 0, "export");
  if (item.fileName !== undefined && (typeof item.fileName !== "string" || !/^[A-Za-z0-9_-]+$/.test(item.fileName))) throw new ApiError(400, "archy.export.invalid.file.name", "The file name should only contain alphanumeric characters, underscores, or hyphens.");
  if (item.exportType !== undefined && item.exportType !== "Yaml" && item.exportType !== "Architect") throw new ApiError(400, "invalid.value", `Value [${String(item.exportType)}] is not valid for field type [flows[0].exportType]. Allowable values are: Architect, Yaml`);
  if (item.exportType === "Architect") throw new ApiError(400, "bad.request", "exportType Architect: the emulator exports Archy YAML only (Architect's own export format is not documented)");
  return { ...flow, ...(typeof item.fileName === "string" ? { fileName: item.fileName } : {}) };
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly store: OrgStore,
    private readonly now: () => number,
    private readonly maxJobs = 1000,
  ) {}

  create(request: ExportRequest): ExportJob {
    const at = this.now();
    const fail = (text: string): ExportJob => ({ id: newId(), status: "Failure", dateCreated: at, messages: [{ dateTime: new Date(at).toISOString(), type: "Error", text }], downloadToken: "" });
    const flow = request.id !== undefined ? this.store.getFlow(request.id) : this.store.findActive(request.type!, request.name!);
    let job: ExportJob;
    if (!flow) job = fail(request.id !== undefined ? `Flow ${request.id} not found` : `Flow "${request.name}" (${request.type}) not found`);
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
