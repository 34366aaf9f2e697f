// What people did in the org to the flows a run would publish, delete or re-point, as Genesys's
// Platform API shows it (a Flow's lockedUser/lockedClient, savedVersion/checkedInVersion/
// publishedVersion, its versions' type and createdBy/createdByClient, a name that no longer matches,
// 404/410 for a deleted flow; see the shared fact sheet on org state). One read of the org per run
// fills it (org/); the review (diff/), preview and the refusal in `up` (tools/) and verify render
// the same facts, so they never disagree.
import type { OrgVersion } from "./model";

/**
 * A version the stack made: by its own client, with no user (a client-credentials publish has
 * none; a person acting through a client is named as the version's user).
 */
export const madeByStack = (v: Pick<OrgVersion, "createdByClientId" | "createdBy">, own: ReadonlySet<string>) =>
  v.createdByClientId !== undefined && own.has(v.createdByClientId) && v.createdBy === undefined;

/** The ways a person's work shows in the org. */
export type PersonChangeKind =
  /** a version published since the stack's last deploy of the flow, by another client or a user */
  | "published-out-of-band"
  /** the flow is checked out (locked) by a user, or by an OAuth client */
  | "locked"
  /** a saved or checked-in draft newer than the published version */
  | "draft"
  /** the flow the stack deployed carries another name now */
  | "renamed"
  /** the flow the stack deployed is gone (404/410) */
  | "deleted"
  /** the id in the state is not the org's flow of that name (rebuilt by hand, or another org) */
  | "foreign-id"
  /** a routing object (`flow` is its routing id) changed or deleted outside the stack since it deployed it (verify/people/routingChanges.ts) */
  | "routing-changed";

export interface PersonChange {
  kind: PersonChangeKind;
  /** The flow's id in the portfolio (path under flows/ without extension), when the stack has it. */
  flow: string;
  /** The published name the stack deploys it under. */
  publishedName: string;
  /** The Genesys flow id concerned, when there is one. */
  flowId?: string;
  /** Who: a user's name (or id), or an OAuth client's name (or id). */
  who?: string;
  /** When it happened (ISO-8601), when the org says. */
  when?: string;
  /** The Genesys version concerned (an out-of-band publish, a draft), when there is one. */
  version?: string;
  /** An org object Genesys answers without a version: the digest of the values the org holds (verify/people/routingChanges.ts). */
  seen?: string;
  /** One line a reviewer reads. */
  detail: string;
  /** The lock is held by the stack's own OAuth client (a run that died): `forceUnlock` may break it. */
  ownClient?: boolean;
  /** The reason of the stack's acknowledgement that covers it (genesys-flows:acknowledge), when one does. */
  acknowledged?: string;
  /** For a renamed flow: the name it has in the org now. */
  orgName?: string;
  /** For a deleted flow: the URN of its resource in the stack's state (the repair forgets it). */
  urn?: string;
}

/** The org's state for one run: read, or not checked (no credentials, a fork) with the reason. */
export type OrgStateOfRun =
  | { checked: false; reason: string }
  | { checked: true; org: string; changes: PersonChange[] };
