// Architect validate jobs (Platform API v2: POST /api/v2/flows/validate/jobs with a
// RegisterArchitectValidateJob, {flows: [{flow: {id} | {name, type}, version?}]}; then GET
// /api/v2/flows/validate/jobs/{jobId}?expand=messages, 202 while Registered or Started, 200 once
// Success or Failure). A job validates flows the org has, as the org is now, and publishes nothing:
// each flow's version (its published one unless the request names another) goes through the same
// Archy validator as a publish (archyValidation.ts), against the org's objects and published
// modules and flows of this moment. An object the version resolved when it was published (its
// dependency-tracking references) that the org no longer has is an Error, as it would fail at call
// time: the org file may be incomplete, so an object it never had stays the publish's warning.
// The job completes at its first poll (or once the job completion delay fault has passed). In
// memory only.
import type { OrgCatalog } from "../archy/org";
import { RULES, validateArchy, type ValidationMessage } from "./archyValidation";
import { dataActionId } from "./dependencyTracking";
import { ApiError } from "./http";
import { newId, stableId } from "./ids";
import { JOB_DEFAULTS, publishedLookups, type JobMessage, type JobRunnerOptions, type JobStatus } from "./jobs";
import { readJobItem, type FlowReference } from "./flowReference";
import { publishedVersionOf, type FlowRecord, type OrgStore, type VersionRecord } from "./store";

/** One flow a job validates: by id, or by name and upper-case type; optionally a version. */
export type FlowToValidate = FlowReference;

export interface ValidateJob {
  id: string;
  status: JobStatus;
  dateCreated: number;
  /** When the job completes (now, or after the job completion delay fault). */
  completeAt: number;
  flows: FlowToValidate[];
  messages: JobMessage[];
}

/**
 * The flows of a RegisterArchitectValidateJob body (its `flows` list is checked by the spec's
 * shape first, requestBodies.ts), refused with the error codes the spec documents for the route.
 */
export function readValidateRequest(body: Record<string, unknown>): FlowToValidate[] {
  const flows = body.flows as unknown[];
  if (flows.length === 0)
    throw new ApiError(
      400,
      "archy.validate.invalid.flows.length",
      "Request body validation failed. The length of the flows list is invalid.",
    );
  return flows.map((item, i) => readJobItem(item, i, "validate").flow);
}

export class ValidateJobs {
  private readonly jobs = new Map<string, ValidateJob>();

  /** Read as a publish job reads them (jobs.ts), the YAML limits and retention aside. */
  constructor(private readonly opts: JobRunnerOptions) {}

  create(flows: FlowToValidate[]): ValidateJob {
    const now = this.opts.now();
    const job: ValidateJob = {
      id: newId(),
      status: "Registered",
      dateCreated: now,
      completeAt: now + Math.max(0, this.opts.faults.current.jobCompletionDelayMs),
      flows,
      messages: [],
    };
    this.jobs.set(job.id, job);
    // Map order is creation order: the oldest go first.
    const max = this.opts.maxJobs ?? JOB_DEFAULTS.maxJobs;
    while (this.jobs.size > max) this.jobs.delete(this.jobs.keys().next().value as string);
    return job;
  }

  /** The job as of now: started at once, validated when its completion time has come. */
  get(id: string): ValidateJob | undefined {
    const job = this.jobs.get(id);
    if (!job || job.status === "Success" || job.status === "Failure") return job;
    if (this.opts.now() < job.completeAt) {
      job.status = "Started";
      return job;
    }
    job.messages = job.flows.flatMap((f) => this.validate(f));
    job.status = job.messages.some((m) => m.type === "Error") ? "Failure" : "Success";
    return job;
  }

  clear(): void {
    this.jobs.clear();
  }

  private validate(wanted: FlowToValidate): JobMessage[] {
    const { store } = this.opts;
    const dateTime = new Date(this.opts.now()).toISOString();
    const flow = wanted.id !== undefined ? store.getFlow(wanted.id) : store.findActive(wanted.type!, wanted.name!);
    const what = wanted.id !== undefined ? `Flow ${wanted.id}` : `Flow "${wanted.name}" (${wanted.type})`;
    if (!flow) return [{ dateTime, type: "Error", text: `${what}: the org has no such flow` }];
    const version =
      wanted.version === undefined ? publishedVersionOf(flow) : flow.versions.find((v) => v.id === wanted.version);
    if (!version)
      return [{ dateTime, type: "Error", text: `Flow "${flow.name}": version ${wanted.version} not found` }];
    const catalog = this.opts.org?.();
    const missing = new Set<string>();
    const result = validateArchy(version.text, {
      strict: this.opts.strict(),
      org: catalog ? missingRecorder(catalog, missing) : undefined,
      ...publishedLookups(store),
    });
    const gone = goneSubjects(store, flow, version, missing);
    const messages = result.messages.map((m) =>
      gone.has(m.subject ?? "") && m.rule === RULES.unknownOrgObject ? asGone(m, version) : m,
    );
    // Errors first, as a publish job orders them.
    return [...messages.filter((m) => m.type === "Error"), ...messages.filter((m) => m.type === "Warning")].map(
      (m) => ({ dateTime, type: m.type, text: m.text }),
    );
  }
}

function asGone(m: ValidationMessage, version: VersionRecord): ValidationMessage {
  return {
    ...m,
    type: "Error",
    text: m.text.replace(/ \(at ([^()]*)\)$/, `; the org had it when version ${version.id} was published (at $1)`),
  };
}

/**
 * The org's catalog, recording each object it does not have by the subject the validator names it
 * with ("queue Sales") and the id dependency tracking gives the object.
 */
function missingRecorder(inner: OrgCatalog, missing: Set<string>): OrgCatalog {
  return {
    has: (kind, name) => {
      const found = inner.has(kind, name);
      if (!found) missing.add(`${kind} ${name}\u0000${stableId(kind, name)}`);
      return found;
    },
    names: (kind) => inner.names(kind),
    dataAction: (category, name) => {
      const contract = inner.dataAction(category, name);
      if (!contract) missing.add(`data action ${category}/${name}\u0000${dataActionId(category, name)}`);
      return contract;
    },
    dataActionNames: () => inner.dataActionNames(),
  };
}

/**
 * The subjects of the objects the version resolved when it was published (dependency tracking's
 * references) that the org no longer has: org objects by the id they had, flows by name.
 */
function goneSubjects(
  store: OrgStore,
  flow: FlowRecord,
  version: VersionRecord,
  missing: ReadonlySet<string>,
): Set<string> {
  const referenced = new Set((version.references ?? []).map((r) => r.id));
  const out = new Set<string>();
  for (const entry of missing) {
    const [subject, id] = entry.split("\u0000");
    if (referenced.has(id)) out.add(subject);
  }
  for (const r of version.references ?? []) {
    if (r.version !== undefined && r.id !== flow.id && !store.getFlow(r.id)) out.add(`flow ${r.name}`);
  }
  return out;
}
