import { randomBytes } from "node:crypto";
import { safeEqual } from "./auth";
import type { OrgCatalog } from "../archy/org";
import type { OrgReference } from "../archy/validate/types";
import type { YamlLimits } from "../model/yamlReader";
import { validateArchy, type ValidationContext, type ValidationMessage } from "./archyValidation";
import { ReferenceRecorder } from "./dependencyTracking";
import type { FaultInjector } from "./faults";
import { newId } from "./ids";
import { claimHolder } from "./flowClaims";
import { plays } from "./behave";
import {
  lockHolderOf,
  OrgFullError,
  publishedVersionOf,
  type OrgStore,
  type FlowRecord,
  type VersionRecord,
} from "./store";
import { describeActor, sameActor, type Actor } from "./people";

// ArchitectJobStateResponse.status: Registered (waiting for the upload), Started, Success, Failure.
export type JobStatus = "Registered" | "Started" | "Success" | "Failure";

export interface JobMessage {
  dateTime: string;
  type: "Error" | "Warning";
  text: string;
}

export interface JobRecord {
  id: string;
  status: JobStatus;
  dateCreated: number;
  /** Set once the upload arrived. */
  uploadedAt?: number;
  /** When a delayed job completes (job completion delay fault). */
  completeAt?: number;
  flowId?: string;
  flowName?: string;
  messages: JobMessage[];
  /** Secret part of the presigned upload URL (the upload carries no Authorization header). */
  uploadToken: string;
  /** Who registered the job (the upload carries no credentials): the publish is theirs. */
  actor?: Actor;
}

export interface JobRunnerOptions {
  store: OrgStore;
  faults: FaultInjector;
  strict: () => boolean;
  now: () => number;
  /** The org file's objects, when the emulator was given one. */
  org?: () => OrgCatalog | undefined;
  limits?: Partial<YamlLimits>;
  /** Most jobs kept (default 1000): the oldest finished ones go first, then the oldest never uploaded. */
  maxJobs?: number;
  /** Finished jobs are dropped this long after they finished (default 1 hour; the provider polls within seconds). */
  jobRetentionMs?: number;
}

export const JOB_DEFAULTS = { maxJobs: 1000, jobRetentionMs: 60 * 60 * 1000 } as const;

export type UploadCheck = "ok" | "unknown" | "forbidden" | "already-uploaded";

/**
 * Publish jobs (in memory only). A job is "Registered" until its upload arrives; it then completes
 * immediately (so the provider's first poll sees Success/Failure and never sleeps 15 s), unless the
 * job completion delay fault is set, in which case it stays "Started" until the delay has passed.
 */
export class JobRunner {
  private jobs = new Map<string, JobRecord>();
  private pendingText = new Map<string, string>();
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: JobRunnerOptions) {}

  create(actor?: Actor): JobRecord {
    this.prune();
    const job: JobRecord = {
      id: newId(),
      status: "Registered",
      dateCreated: this.opts.now(),
      messages: [],
      uploadToken: randomBytes(24).toString("hex"),
      ...(actor ? { actor } : {}),
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /**
   * Whether an upload to this job may be read: called before the body is read, so an unknown job,
   * a wrong upload token or a second upload costs the server nothing.
   */
  checkUpload(id: string, token: string | null): UploadCheck {
    const job = this.jobs.get(id);
    if (!job) return "unknown";
    if (token === null || !safeEqual(token, job.uploadToken)) return "forbidden";
    if (job.status !== "Registered") return "already-uploaded";
    return "ok";
  }

  /** Drop finished jobs past their retention, then the oldest jobs beyond the cap. */
  private prune(): void {
    const now = this.opts.now();
    const retention = this.opts.jobRetentionMs ?? JOB_DEFAULTS.jobRetentionMs;
    const max = this.opts.maxJobs ?? JOB_DEFAULTS.maxJobs;
    const finished = (j: JobRecord): boolean => j.status === "Success" || j.status === "Failure";
    for (const [id, job] of this.jobs) {
      if (finished(job) && now - (job.completeAt ?? job.uploadedAt ?? job.dateCreated) > retention) this.drop(id);
    }
    // Map order is creation order: the first entries are the oldest.
    for (const pass of [finished, (j: JobRecord) => j.status === "Registered"]) {
      for (const [id, job] of this.jobs) {
        if (this.jobs.size < max) return;
        if (pass(job)) this.drop(id);
      }
    }
  }

  private drop(id: string): void {
    this.jobs.delete(id);
    this.pendingText.delete(id);
  }

  get(id: string): JobRecord | undefined {
    const job = this.jobs.get(id);
    if (job && job.status === "Started" && job.completeAt !== undefined && job.completeAt <= this.opts.now())
      this.complete(job);
    return job;
  }

  count(): number {
    return this.jobs.size;
  }

  /** Every job, oldest first (copies): tests and the benchmark read what was published, in order. */
  list(): JobRecord[] {
    return [...this.jobs.values()].map((j) => ({ ...j, messages: [...j.messages] }));
  }

  /** Accept the uploaded text. Returns "unknown" or "already-uploaded" when refused. */
  upload(id: string, text: string): "ok" | "unknown" | "already-uploaded" {
    const job = this.jobs.get(id);
    if (!job) return "unknown";
    if (job.status !== "Registered") return "already-uploaded";
    job.uploadedAt = this.opts.now();
    job.status = "Started";
    this.pendingText.set(id, text);
    const delay = this.opts.faults.current.jobCompletionDelayMs;
    if (delay <= 0) {
      this.complete(job);
    } else {
      job.completeAt = job.uploadedAt + delay;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (job.status === "Started") this.complete(job);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
    return "ok";
  }

  private complete(job: JobRecord): void {
    job.completeAt = this.opts.now();
    try {
      this.validateAndPublish(job);
    } catch (err) {
      // A validator bug must fail the job (the provider polls until Success/Failure), not leave
      // it Started forever or turn the upload into a 500.
      job.status = "Failure";
      job.messages.push({
        dateTime: new Date(this.opts.now()).toISOString(),
        type: "Error",
        text: `Flow "${job.flowName ?? "<unnamed>"}": rule internal-error: the publish could not be validated (${(err as Error)?.message ?? String(err)})`,
      });
    }
  }

  private validateAndPublish(job: JobRecord): void {
    const text = this.pendingText.get(job.id) ?? "";
    this.pendingText.delete(job.id);
    const outcome = this.publishText(text, job.actor);
    job.flowName = outcome.flowName;
    job.messages = outcome.messages;
    job.status = outcome.flowId !== undefined ? "Success" : "Failure";
    if (outcome.flowId !== undefined) job.flowId = outcome.flowId;
  }

  /**
   * Validate Archy text and publish it as `actor`, as a publish job does (also Architect's
   * publish action, flowActions.ts): the flow's id on success, the job's messages either way.
   * `expect` refuses text naming another flow than the one being published.
   */
  publishText(
    text: string,
    actor: Actor | undefined,
    expect?: { type: string; name: string },
  ): { flowId?: string; flowName?: string; messages: JobMessage[] } {
    const { store } = this.opts;
    const dateTime = new Date(this.opts.now()).toISOString();
    const toJobMessage = (m: ValidationMessage): JobMessage => ({ dateTime, type: m.type, text: m.text });
    // What the version refers to besides the modules it calls, for dependency tracking.
    const references = new ReferenceRecorder();
    const catalog = this.opts.org?.();
    const result = validateArchy(text, {
      strict: this.opts.strict(),
      limits: this.opts.limits,
      org: catalog ? references.catalog(catalog) : undefined,
      ...(catalog ? { onReference: (ref: OrgReference) => references.told(catalog, ref) } : {}),
      ...publishedLookups(store, (flow, version) => references.flow(flow, version)),
    });
    const messages = result.messages.map(toJobMessage);
    const failed = (text: string) => ({
      flowName: result.flowName,
      messages: [...messages, { dateTime, type: "Error" as const, text }],
    });
    if (!result.flow) return { flowName: result.flowName, messages };
    if (
      expect &&
      (expect.type !== result.flow.apiType || expect.name.toLowerCase() !== result.flow.name.toLowerCase())
    ) {
      return failed(
        `Flow "${result.flow.name}": rule flow-mismatch: the configuration is the ${result.flow.apiType} flow "${result.flow.name}", not the ${expect.type} flow "${expect.name}" being published (at ${result.flow.archyKey})`,
      );
    }
    // A flow created by name (flowClaims.ts) is checked out by its creator: only they configure it.
    const active = store.findActive(result.flow.apiType, result.flow.name);
    const claim = active ? undefined : store.claims.of(result.flow.apiType, result.flow.name);
    const existing = active ?? claim;
    const holder = active ? lockHolderOf(active) : claim ? claimHolder(claim) : undefined;
    // The creator's own job configures a flow created by name, unless the org plays claimPublish=refused.
    if (
      existing &&
      holder &&
      (!(actor && sameActor(holder, actor)) || (claim && plays(store.behave, "claimPublish", "refused")))
    ) {
      // Archy's words (the provider's issue #316), then who holds it and how to proceed: the holder
      // can release it, or the client can force it (the provider's force_unlock unlocks first).
      return failed(
        `Flow "${result.flow.name}": rule flow-locked: ${result.flow.name} (type: '${result.flow.apiType.toLowerCase()}' ) is locked by another entity. You can use the --forceUnlock command line parameter if you wish to publish flows locked by another entity. Locked by ${describeActor(holder)}: ask them to save or discard their changes and close the flow in Architect, or unlock it (POST /api/v2/flows/actions/unlock?flow=${existing.id}; the provider does this first when force_unlock is set), then publish again (at ${result.flow.archyKey})`,
      );
    }
    const injected = this.opts.faults.jobFailureFor(result.flow.name);
    if (injected !== undefined)
      return failed(`Flow "${result.flow.name}": rule injected-failure: ${injected} (at ${result.flow.archyKey})`);
    try {
      const { flow } = store.publish(
        { ...result.flow, type: result.flow.apiType, text, references: references.list(), ...(actor ? { actor } : {}) },
        this.opts.now(),
      );
      return { flowId: flow.id, flowName: result.flowName, messages };
    } catch (err) {
      if (err instanceof OrgFullError)
        return failed(`Flow "${result.flow.name}": rule org-full: ${err.message} (at ${result.flow.archyKey})`);
      throw err;
    }
  }

  /** Drop all jobs and cancel pending completions. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.jobs.clear();
    this.pendingText.clear();
  }
}

/**
 * The validator's view of what the org publishes now: the active common modules by name (their
 * published interface) and whether a flow of a type and name is published (`onFlow` is told of
 * each one found). Publish jobs and validate jobs (validateJobs.ts) read the org the same way.
 */
export function publishedLookups(
  store: OrgStore,
  onFlow?: (flow: FlowRecord, version: VersionRecord) => void,
): Pick<ValidationContext, "findModule" | "flowExists"> {
  return {
    findModule: (name) => {
      const module = store.findActive("COMMONMODULE", name);
      if (!module) return undefined;
      const version = publishedVersionOf(module);
      if (!version.moduleInterface) return undefined;
      return { flowId: module.id, name: module.name, versionId: version.id, moduleInterface: version.moduleInterface };
    },
    flowExists: (type, name) => {
      const flow = store.findActive(type, name);
      if (flow) onFlow?.(flow, publishedVersionOf(flow));
      return flow !== undefined;
    },
  };
}
