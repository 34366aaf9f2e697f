import { validateArchy, ValidationMessage } from "./archyValidation";
import { FaultInjector } from "./faults";
import { newId } from "./ids";
import { OrgStore } from "./store";
import type { YamlLimits } from "./yamlSafe";

export type JobStatus = "Pending" | "Running" | "Success" | "Failure";

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
}

export interface JobRunnerOptions {
  store: OrgStore;
  faults: FaultInjector;
  strict: () => boolean;
  now: () => number;
  limits?: YamlLimits;
}

/**
 * Publish jobs (in memory only). A job is "Pending" until its upload arrives; it then completes
 * immediately (so the provider's first poll sees Success/Failure and never sleeps 15 s), unless the
 * job completion delay fault is set, in which case it stays "Running" until the delay has passed.
 */
export class JobRunner {
  private jobs = new Map<string, JobRecord>();
  private pendingText = new Map<string, string>();
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: JobRunnerOptions) {}

  create(): JobRecord {
    const job: JobRecord = { id: newId(), status: "Pending", dateCreated: this.opts.now(), messages: [] };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): JobRecord | undefined {
    const job = this.jobs.get(id);
    if (job && job.status === "Running" && job.completeAt !== undefined && job.completeAt <= this.opts.now()) this.complete(job);
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
    if (job.status !== "Pending") return "already-uploaded";
    job.uploadedAt = this.opts.now();
    job.status = "Running";
    this.pendingText.set(id, text);
    const delay = this.opts.faults.current.jobCompletionDelayMs;
    if (delay <= 0) {
      this.complete(job);
    } else {
      job.completeAt = job.uploadedAt + delay;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (job.status === "Running") this.complete(job);
      }, delay);
      timer.unref();
      this.timers.add(timer);
    }
    return "ok";
  }

  private complete(job: JobRecord): void {
    try {
      this.validateAndPublish(job);
    } catch (err) {
      // A validator bug must fail the job (the provider polls until Success/Failure), not leave
      // it Running forever or turn the upload into a 500.
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
    const { store } = this.opts;
    const dateTime = new Date(this.opts.now()).toISOString();
    const toJobMessage = (m: ValidationMessage): JobMessage => ({ dateTime, type: m.type, text: m.text });
    const result = validateArchy(text, {
      strict: this.opts.strict(),
      limits: this.opts.limits,
      findModule: (name) => {
        const module = store.findActive("COMMONMODULE", name);
        if (!module) return undefined;
        const version = store.publishedVersion(module);
        if (!version.moduleInterface) return undefined;
        return { flowId: module.id, name: module.name, versionId: version.id, moduleInterface: version.moduleInterface };
      },
      flowExists: (type, name) => store.findActive(type, name) !== undefined,
    });
    job.flowName = result.flowName;
    job.messages = result.messages.map(toJobMessage);
    const fail = (text: string): void => {
      job.status = "Failure";
      job.messages.push({ dateTime, type: "Error", text });
    };
    if (!result.flow) {
      job.status = "Failure";
      return;
    }
    const existing = store.findActive(result.flow.apiType, result.flow.name);
    if (existing?.lockedBy) {
      fail(
        // Says how to proceed: the lock holder can release it, or the client can force it
        // (the provider's force_unlock does exactly this unlock call before publishing).
        `Flow "${result.flow.name}": rule flow-locked: the flow is locked by ${existing.lockedBy.name} (user id ${existing.lockedBy.id}); ask them to save or discard their changes and close the flow in Architect, or unlock it (POST /api/v2/flows/actions/unlock?flow=${existing.id}; the provider does this first when force_unlock is set), then publish again (at ${result.flow.archyKey})`,
      );
      return;
    }
    const injected = this.opts.faults.jobFailureFor(result.flow.name);
    if (injected !== undefined) {
      fail(`Flow "${result.flow.name}": rule injected-failure: ${injected} (at ${result.flow.archyKey})`);
      return;
    }
    const { flow } = store.publish(
      {
        type: result.flow.apiType,
        name: result.flow.name,
        description: result.flow.description,
        divisionName: result.flow.divisionName,
        text,
        sha256: result.flow.sha256,
        defaultLanguage: result.flow.defaultLanguage,
        supportedLanguages: result.flow.supportedLanguages,
        moduleInterface: result.flow.moduleInterface,
        dependencies: result.flow.dependencies,
      },
      this.opts.now(),
    );
    job.flowId = flow.id;
    job.status = "Success";
  }

  /** Drop all jobs and cancel pending completions. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.jobs.clear();
    this.pendingText.clear();
  }
}
