// Guard: the release record (planner/releases.ts, docs/rollback.md). Each `up` that changes a
// revision, of a flow or a routing object, records a release (commit, revisions, the Genesys
// versions it published) in the stack output `releases`, which the engine writes only when the
// update succeeds: a run that stops records nothing, so `releases` and `rollback` never name a
// release the org does not run. What it reads: the history the stack's state holds (the run's one
// read), where the run's files come from (git, or a rollback's folder), and the org for the
// versions (after every flow published, never in a preview). Product: those reads, for
// components/releaseRecord.ts.
import type { OrgApi } from "../../org/client";
import type { Release } from "../../planner/releases";
import type { ReleaseSource } from "../../project/releaseSource";
import type { Guard } from "./guard";

/** What the record reads. */
export interface ReleaseIo {
  /** The history the stack's state holds now. */
  history(): Promise<Release[]>;
  source: ReleaseSource;
  now(): Date;
  /** The org's client, for the versions. */
  connect(): Promise<OrgApi>;
}

export const releaseGuard: Guard<"release", ReleaseIo> = {
  name: "release",
  description: "the release this run records, written only when the run succeeds",
  onPreview: true,
  async decide(run) {
    return {
      product: {
        history: async () => (await run.state()).releases.history,
        source: run.source,
        now: () => new Date(),
        connect: async () => (await run.connection()).api,
      },
    };
  },
};
