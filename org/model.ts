// The data the org door reads: the stack as it last deployed (read from its Pulumi state,
// org/stackExport.ts), and the org as Genesys reports it (flows, their published versions,
// dependency tracking; org/flows.ts). Plain data, so verify's comparison (verify/compare.ts), the
// impact of a change (verify/impact.ts), the ownership check and adopt are pure functions of it.
import type { WaveRolloutRecord } from "../planner/waves/rolloutRecord";
import type { OverwriteEvidence } from "../planner/routingRecord";
import type { RoutingKind } from "../model/routing/schema";
import type { OutsideCallerFacts } from "../model/facts";
import { FLOW_API_TYPES } from "../archy/orgObjectKinds";

/** A flow as the stack last deployed it: its component's facts and outputs, and its Flow resource. */
/** A deployed flow as a report names it: its id and file, the name it is published under and its Genesys id. */
export type ReportedFlow = Pick<DeployedFlow, "id" | "file" | "publishedName" | "flowId">;

export interface DeployedFlow {
  /** Flow id: the path under flows/ without the extension. */
  id: string;
  file: string;
  /** Flow kind of the model (commonModule, inboundCall, ...). */
  kind: string;
  isModule: boolean;
  publishedName: string;
  /** The Genesys flow id. */
  flowId: string;
  /** The revision the stack deployed (content and the modules it calls, transitively). */
  revision: string;
  /** The modules it calls directly (for a module: the ones compiled into it). */
  calls: Array<{ id: string; publishedName: string }>;
  /** When Pulumi last changed the flow's resource (ISO-8601): the stack's last publish of it happened before. */
  modified?: string;
  /** When Pulumi first recorded the flow's resource (ISO-8601). */
  created?: string;
  /** The update trigger it was last published with: derived from the revisions of the modules it calls. */
  updateTriggerHash?: string;
  /** The revisions of the modules it calls directly, by module id, as its component last registered them. */
  moduleRevisions?: Record<string, string>;
  /** Its own content's revision, as its component last registered it. */
  contentRevision?: string;
  /** The URN of its genesyscloud Flow resource (what `pulumi state delete` takes). */
  urn?: string;
  /** Its genesyscloud Flow's inputs as the engine recorded them (what the next run's inputs are compared with: run/flowChanges.ts). */
  flowInputs?: Readonly<Record<string, unknown>>;
  /** The Genesys versions of it the stack's kept releases recorded, oldest first (planner/releases.ts releasedVersions). */
  releasedVersions?: string[];
  /** The provider's hash of the file it last published (its `fileContentHash` output). */
  fileContentHash?: string;
  /** The state holds the flow as read (an adopted flow the stack has not published yet), not managed. */
  read?: boolean;
  /** Keep it in the org when the stack forgets it (Pulumi's retainOnDelete). */
  retainOnDelete?: boolean;
  /**
   * A run that stopped part-way left this record (its component rewritten without outputs, or an
   * operation pending on its flow): what the org runs is not known from the state, so the next run
   * judges the flow as changed (its revision is then unknown: "").
   */
  interrupted?: true;
}

/** A routing object as the stack last deployed it: its component's facts, its resource, what the stack wrote (planner/routingRecord.ts). */
export interface DeployedRouting {
  /** Routing id: the path under routing/ without the extension. */
  id: string;
  kind: RoutingKind;
  file: string;
  publishedName: string;
  /** The Genesys id. */
  objectId: string;
  /** Each watched field's digest as the stack wrote it: the stack output `routing`, else (a stack deployed before it) the resource's state. */
  fields: Record<string, string>;
  /** The same of the resource's outputs in the state (a refresh rewrites them with the org's). */
  stateFields: Record<string, string>;
  /** The fields come from the stack's record (not the resource's state). */
  recorded: boolean;
  /** When Pulumi last changed the resource (ISO-8601). */
  modified?: string;
  retainOnDelete?: boolean;
  /** What the stack overwrote of a person's change, its values kept. */
  overwritten?: OverwriteEvidence;
  /** An org object the stack adopted by name (it stays in the org when the stack deletes it). */
  adopted?: true;
}

export interface StackDeployment {
  stack: string;
  /** Sorted by file. */
  flows: DeployedFlow[];
  /**
   * Flows a replacement took out of service whose delete is still to come (a delete a guard refused,
   * or one a stop left: org/stackExport.ts doomedFlows), each under the id and name it had.
   */
  pendingDeletes?: DeployedFlow[];
  /** The routing objects the stack manages (not those it only adopts in a run to come), sorted by id. */
  routing?: DeployedRouting[];
  /** Module rollouts in waves the last run left in progress (planner/waves/wavePlan.ts), by module id. */
  waves?: WaveRolloutRecord[];
  /** The release the stack runs (the newest its state records) and the genesys-flows version that made it. */
  release?: { id: string; tool?: string };
}

/** A genesyscloud Flow resource in the state, as ownership sees it: whose it is and what it is called. */
export interface StateFlowResource {
  /** The Pulumi resource name (the flow id, e.g. `sales` or `billing/after-hours`). */
  resourceName: string;
  /** The Genesys flow id. */
  flowId: string;
  /** The published name it was last deployed under, when the state records it. */
  name?: string;
  /** The state holds the flow as read, not managed: an adopted flow the stack has not published yet (planner/adoption.ts). */
  read?: boolean;
  /** The resource's URN. */
  urn?: string;
}

/**
 * A flow this stack started to create and never saw finish: "not yet ours" (ownership/check.ts), its
 * name looked up as a new flow's. `why` is what the state records: `stopped`, a run stopped while
 * creating it (a `creating` operation pending: the org may have the flow, or the claim, that run
 * made); `refused`, its component registered with no flow under it and nothing pending (a guard, the
 * provider or the org refused the create; or `refresh --clear-pending-creates` dropped the record of
 * a stop). Whether a stop came before the provider or after, the org says: the run's own claim held
 * (ownership/claim.ts, by the component's `claimKey`), a flow of the stack's own client under the name.
 */
export interface UnfinishedCreate {
  resourceName: string;
  /** The published name it was being created under, when known. */
  name?: string;
  why: "stopped" | "refused";
  /** Its API type (INBOUNDCALL, ...), when its component's facts say. */
  type?: string;
  /** The key the component's claims at the org carry (ownership/claim.ts), when its record has one. */
  claimKey?: string;
}

/** What ownership reads from the state: the stack's Flow resources and its unfinished creates. */
export interface StackOwnership {
  flows: StateFlowResource[];
  unfinishedCreates: UnfinishedCreate[];
  /** Each flow component's claim key (ownership/claim.ts) as its record has it, by resource name. */
  claimKeys: Readonly<Record<string, string>>;
  /** The org the stack last deployed to (the stack output `org`), when a deploy recorded it. */
  org?: OrgIdentity;
}

/** Who an org is: GET /api/v2/organizations/me. */
export interface OrgIdentity {
  id: string;
  name: string;
}

/** One published version of a flow in the org. */
export interface OrgVersion {
  id: string;
  /** Epoch milliseconds. */
  dateCreated: number;
  /** Who published it (user name), when the org says. */
  createdBy?: string;
  /** With which OAuth client (Architect, an automation), when the org says. */
  createdByClient?: string;
  /** That client's id: the stack's own client publishes as one id, people through Architect as another. */
  createdByClientId?: string;
  /** PUBLISH, CHECKIN or SAVE (Genesys's FlowVersion type), when the org says. */
  type?: string;
}

/** Someone named by the org: a user or an OAuth client, with its id when the org gives one. */
export interface OrgWho {
  id?: string;
  name: string;
}

/** A flow as the org has it: the one flow type of every org read (verify, ownership, adopt). */
export interface OrgFlow {
  flowId: string;
  name: string;
  /** API type, e.g. INBOUNDCALL. */
  type: string;
  /** Its description, when the org gives one (a claim's says whose it is: ownership/claim.ts). */
  description?: string;
  publishedVersion?: OrgVersion;
  /**
   * Versions published after the stack last deployed the flow (newest last), with the last one the
   * stack published first when the org still keeps it; read only when the published version is
   * newer than the deploy.
   */
  versionsSinceDeploy?: OrgVersion[];
  /** Every version the org keeps, oldest first, when they were read (org/flows.ts withVersions). */
  versions?: OrgVersion[];
  /** True for a deleted flow (listings by name report them). */
  deleted?: boolean;
  /** Architect's lock (checked out for editing): by a user (lockedUser), an OAuth client (lockedClient), or both. */
  lock?: { user?: OrgWho; client?: OrgWho };
  /** A saved draft (savedVersion) and the last checked-in version (checkedInVersion), when the org reports them. */
  savedVersion?: OrgVersion;
  checkedInVersion?: OrgVersion;
}

/** A flow that calls a module, as dependency tracking reports it. */
/** A flow calling a module, as dependency tracking reports it; its `moduleVersion` is the one it was published against (consumed resources of that version). */
export type OrgConsumer = OutsideCallerFacts;

/** A consumer as the reports keep it: these fields, and `moduleVersion` only where the org gives one. */
export const reportedConsumer = (c: OrgConsumer): OrgConsumer => ({
  flowId: c.flowId,
  name: c.name,
  type: c.type,
  version: c.version,
  ...(c.moduleVersion !== undefined ? { moduleVersion: c.moduleVersion } : {}),
});

export interface OrgView {
  /** Where the org was read, for messages, e.g. `gateway http://127.0.0.1:8787`. */
  target: string;
  /** Dependency tracking's build status (OPERATIONAL when the index is current). */
  dependencyTracking: { status: string; dateCompleted?: string };
  /** Stack flows by Genesys flow id; absent when the org has no such (active) flow. */
  flows: Record<string, OrgFlow>;
  /** Consumers of each stack module, by the module's Genesys flow id. */
  consumers: Record<string, OrgConsumer[]>;
}

/** Flow types as people say them in messages, by their dependency-tracking type (archy/orgObjectKinds.ts FLOW_API_TYPES). */
export const TYPE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(FLOW_API_TYPES).flatMap((t) =>
    t.dependencyType !== undefined && t.label !== undefined ? [[t.dependencyType, t.label]] : [],
  ),
);

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.toLowerCase();
}

/** A reference an org routing object holds: the object's id and, where the API gives it, its name. */
export type { OrgRef } from "../model/routing/kind";
/**
 * The org's routing objects as the API answers them (the kinds' collections, model/routing/kinds/),
 * deleted ones left out: what adopting them reads.
 */
export type { OrgRoutingObject } from "../model/routing/kinds";

/** A message of Architect's validator (ArchitectJobMessage). */
export interface ArchitectMessage {
  type: "Error" | "Warning";
  text: string;
}

/** What Architect's validate job said of one flow the org has (org/validateJobs.ts). */
export interface FlowValidation {
  /** The Genesys flow id. */
  flowId: string;
  /** The job's final status: Success, or Failure (an error, or a flow the org cannot validate). */
  status: "Success" | "Failure";
  messages: ArchitectMessage[];
}
