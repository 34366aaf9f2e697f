// What GET /__emulator/state answers: the org's flows (with their locks, drafts and the modules
// their published version calls), counts of jobs, org-file objects and routing objects, and the
// settings in force. Read by tests and the benchmark; Genesys has nothing like it.
import type { FaultConfig } from "./faults";
import type { JobRunner } from "./jobs";
import type { OrgObjects } from "./orgObjects";
import { lockHolderOf, publishedVersionOf, type OrgStore } from "./store";

/** GET /__emulator/state. */
export interface StateSummary {
  flows: Array<{
    id: string;
    name: string;
    type: string;
    deleted: boolean;
    publishedVersion: string;
    versionCount: number;
    lockedBy?: string;
    /** The client holding the lock (set whenever the flow is locked). */
    lockedClient?: string;
    /** Who saved the draft the lock holder has not checked in. */
    draftBy?: string;
    dependsOn: string[];
  }>;
  jobs: number;
  strict: boolean;
  dataFile?: string;
  orgFile?: string;
  /** Objects per collection of the org file (e.g. "routing/queues": 3). */
  orgObjects: Record<string, number>;
  /** Routing objects stored per kind (schedule, scheduleGroup, ivr, emergencyGroup). */
  routing: Record<string, number>;
  faults: FaultConfig;
}

export interface StateSources {
  store: OrgStore;
  jobs: JobRunner;
  org: OrgObjects;
  faults: FaultConfig;
  strict: boolean;
  dataFile?: string;
  orgFile?: string;
}

export function stateSummary(s: StateSources): StateSummary {
  return {
    flows: s.store.listFlows({ includeDeleted: true }).map((f) => {
      const published = publishedVersionOf(f);
      const summary: StateSummary["flows"][number] = {
        id: f.id,
        name: f.name,
        type: f.type,
        deleted: f.deleted,
        publishedVersion: published.id,
        versionCount: f.versions.length,
        dependsOn: published.dependencies.map((d) => d.name),
      };
      const holder = lockHolderOf(f);
      if (holder?.user) summary.lockedBy = holder.user.name;
      if (holder) summary.lockedClient = holder.client.name;
      if (f.draft) summary.draftBy = (f.draft.createdBy ?? f.draft.createdByClient).name;
      return summary;
    }),
    jobs: s.jobs.count(),
    strict: s.strict,
    ...(s.dataFile ? { dataFile: s.dataFile } : {}),
    ...(s.orgFile ? { orgFile: s.orgFile } : {}),
    orgObjects: s.org.counts(),
    routing: s.store.routing.count(),
    faults: s.faults,
  };
}
