// Architect export jobs, as the provider's exporter uses them (genesyscloud/architect_flow in
// terraform-provider-genesyscloud v1.84: POST /api/v2/flows/export/jobs with
// {flows: [{flow: {id, version}}]}, then GET /api/v2/flows/export/jobs/{id}?expand=messages until
// "Success" with a `downloadUrl`, then a plain GET of that URL, which holds the flow's Archy YAML).
// A job exports the published version each item names (the latest when none is named) of the flow
// it names by id, or by name and type; a job of several flows downloads as one zip of their files,
// as the spec's ArchitectExportJobStateResponse.downloadUrl says ("If more than one flow was
// exported as part of the job, the URL provides a zipped folder containing all flows"). It
// completes at once, and its download URL carries its own token, like a signed URL. In memory only.
import { randomBytes } from "node:crypto";
import { safeEqual } from "./auth";
import { strToU8, zipSync } from "fflate";
import { readJobItem, type FlowReference } from "./flowReference";
import { ApiError, badRequest } from "./http";
import { newId } from "./ids";
import { publishedVersionOf, type OrgStore } from "./store";

export interface ExportJob {
  id: string;
  status: "Success" | "Failure";
  dateCreated: number;
  /** The download: one flow's Archy YAML, or a zip of several. */
  file?: { body: string | Uint8Array; contentType: string };
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
 * documents for the route: an empty list (archy.export.invalid.flows.length), an item with a flow
 * by id or by name and type, a file name of letters, digits, _ and -. The Architect export format
 * is not one the emulator can write (specDifferences.ts).
 */
export function readExportRequest(body: Record<string, unknown>): ExportRequest[] {
  const flows = body.flows as unknown[];
  if (flows.length === 0)
    throw new ApiError(
      400,
      "archy.export.invalid.flows.length",
      "Request body validation failed. The flows list is empty.",
    );
  return flows.map((entry, i) => {
    const { fields: item, flow } = readJobItem(entry, i, "export");
    if (item.fileName !== undefined && (typeof item.fileName !== "string" || !/^[A-Za-z0-9_-]+$/.test(item.fileName)))
      throw new ApiError(
        400,
        "archy.export.invalid.file.name",
        "The file name should only contain alphanumeric characters, underscores, or hyphens.",
      );
    if (item.exportType !== undefined && item.exportType !== "Yaml" && item.exportType !== "Architect")
      throw new ApiError(
        400,
        "invalid.value",
        `Value [${String(item.exportType)}] is not valid for field type [flows[${i}].exportType]. Allowable values are: Architect, Yaml`,
      );
    if (item.exportType === "Architect")
      throw badRequest(
        "exportType Architect: the emulator exports Archy YAML only (Architect's own export format is not documented)",
      );
    return { ...flow, ...(typeof item.fileName === "string" ? { fileName: item.fileName } : {}) };
  });
}

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly store: OrgStore,
    private readonly now: () => number,
    private readonly maxJobs = 1000,
  ) {}

  create(requests: ExportRequest[]): ExportJob {
    const at = this.now();
    const files = requests.map((r) => this.exported(r));
    const errors = files.flatMap((f) => ("error" in f ? [f.error] : []));
    const found = files.flatMap((f) => ("text" in f ? [f] : []));
    // A job with an item it cannot export fails as a whole: no file, no download token.
    const failed = errors.length > 0;
    const job: ExportJob = {
      id: newId(),
      status: failed ? "Failure" : "Success",
      dateCreated: at,
      ...(failed ? {} : { file: downloadOf(found) }),
      messages: errors.map((text) => ({ dateTime: new Date(at).toISOString(), type: "Error", text })),
      downloadToken: failed ? "" : randomBytes(24).toString("hex"),
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > this.maxJobs) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }

  /** One item's version text and file name, or why it cannot be exported. */
  private exported(request: ExportRequest): { text: string; name: string } | { error: string } {
    const flow =
      request.id !== undefined ? this.store.getFlow(request.id) : this.store.findActive(request.type!, request.name!);
    if (!flow)
      return {
        error:
          request.id !== undefined
            ? `Flow ${request.id} not found`
            : `Flow "${request.name}" (${request.type}) not found`,
      };
    const version =
      request.version === undefined ? publishedVersionOf(flow) : flow.versions.find((v) => v.id === request.version);
    // The spec's fileName: "The extension will be automatically appended based on desired export type".
    return version
      ? { text: version.text, name: `${request.fileName ?? flow.name}.yaml` }
      : { error: `Version ${request.version} of flow ${flow.name} (${flow.id}) not found` };
  }

  get(id: string): ExportJob | undefined {
    return this.jobs.get(id);
  }

  /** The exported file when the token matches. */
  download(
    id: string,
    token: string | null,
  ): ({ kind: "ok" } & NonNullable<ExportJob["file"]>) | { kind: "unknown" } | { kind: "forbidden" } {
    const job = this.jobs.get(id);
    if (!job?.file) return { kind: "unknown" };
    return safeEqual(token ?? "", job.downloadToken) ? { kind: "ok", ...job.file } : { kind: "forbidden" };
  }

  clear(): void {
    this.jobs.clear();
  }
}

/** One flow's YAML; the files of several flows as one zip, a name given twice numbered (Sales.yaml, Sales-2.yaml). */
function downloadOf(files: Array<{ text: string; name: string }>): NonNullable<ExportJob["file"]> {
  if (files.length === 1) return { body: files[0].text, contentType: "application/x-yaml; charset=utf-8" };
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    let name = f.name;
    for (let n = 2; name in entries; n++) name = f.name.replace(/\.yaml$/, `-${n}.yaml`);
    entries[name] = strToU8(f.text);
  }
  // A fixed time keeps the bytes of a job the same for the same flows.
  return { body: zipSync(entries, { mtime: new Date(Date.UTC(2000, 0, 1)) }), contentType: "application/zip" };
}
