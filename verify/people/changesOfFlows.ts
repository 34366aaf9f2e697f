// What people did in the org to the flows a run touches, from the one read of the org
// (org/peopleRead.ts) beside what the stack deployed. Pure: the same read gives the same changes.
//  - a version published after the stack's last deploy of the flow, by a client other than the
//    stack's own (the stack's own client publishing after the deploy is a run of the stack that
//    died before Pulumi recorded it, not a person);
//  - Architect's lock (lockedUser/lockedClient), the stack's own client's or someone else's;
//  - a saved or checked-in draft newer than the published version;
//  - a rename, a deletion (404/410), and the stack's name carried by another flow (foreign id);
//  - in verify: a version a person published that a later publish of the stack buried (Genesys
//    keeps it: it can be republished), the evidence an `up` overwrote someone's work.
import type { FlowToRead, PeopleRead } from "../../org/peopleRead";
import type { DeployedFlow, OrgFlow, OrgVersion, StackDeployment } from "../../org/model";
import { cmp } from "../../archy/json";
import { FLOW_KINDS, type FlowKind } from "../../model/kinds";
import type { StackSettings } from "../../planner/stackSettings";
import { madeByStack, type OrgStateOfRun, type PersonChange } from "../../org/personChanges";

/** A moment as the reports write it (ISO 8601, whole seconds without `.000`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

/** A version's author as a reviewer reads it: the user, and the client when it is not the user. */
export function authorOf(v: Pick<OrgVersion, "createdBy" | "createdByClient">): string | undefined {
  if (!v.createdBy) return v.createdByClient;
  return v.createdByClient && v.createdByClient !== v.createdBy
    ? `${v.createdBy} via ${v.createdByClient}`
    : v.createdBy;
}

/** The client id the stack file names in plain text (an encrypted one is learnt from the org). */
export function configuredClientId(settings: Pick<StackSettings, "oauthClientId">): string | undefined {
  return typeof settings.oauthClientId === "string" ? settings.oauthClientId : undefined;
}

/**
 * The OAuth client the stack is, known and never guessed: the client id its stack file names, and
 * the client the org says its token belongs to (GET /api/v2/tokens/me). Everything else is a person
 * or another tool, even a client whose id the stack's versions carry: people publishing in
 * Architect share Genesys's own client, so a client that published the stack's last version may be
 * everyone's (shared facts, "who published a version").
 */
export function ownClientsOf(read: Pick<PeopleRead, "ownClient">, configuredClientId?: string): Set<string> {
  const own = new Set<string>();
  if (configuredClientId) own.add(configuredClientId);
  if (read.ownClient?.id) own.add(read.ownClient.id);
  return own;
}

/** Who made another party's version, in the words of the people guard and verify. */
export const anotherParty = (v: Pick<OrgVersion, "createdBy">): string =>
  v.createdBy !== undefined
    ? "a person, not this stack (its own client publishes with no user)"
    : "another OAuth client than this stack's";

/**
 * A version another party made, whenever it landed: a person (the version names a user), or an
 * OAuth client other than the stack's with or without a user (a script; known only when the
 * stack's own client is). The people guard and verify judge a publish during the deploy by it.
 */
export const madeByOther = (
  v: Pick<OrgVersion, "createdByClientId" | "createdBy">,
  own: ReadonlySet<string>,
): boolean =>
  !madeByStack(v, own) &&
  (v.createdBy !== undefined || (v.createdByClientId !== undefined && own.size > 0 && !own.has(v.createdByClientId)));

/**
 * Every change people made to the observed flows, in the order of the observations (the plan's),
 * each flow's changes in a fixed order. `clockSkewMs`: how long after Pulumi's record of the deploy
 * a publish may still be the stack's own (clocks differ between machines).
 */
export function personChangesOf(read: PeopleRead, own: ReadonlySet<string>, clockSkewMs: number): PersonChange[] {
  const out: PersonChange[] = [];
  for (const o of read.observations) {
    const base = { flow: o.flow, publishedName: o.publishedName, flowId: o.flowId };
    const f = o.org;
    if (!f) {
      out.push({
        ...base,
        kind: "deleted",
        ...(o.urn ? { urn: o.urn } : {}),
        detail: `the flow the stack deployed as "${o.publishedName}" (id ${o.flowId}) is gone from the org: deleted outside the stack`,
      });
    } else {
      if (f.name.toLowerCase() !== o.publishedName.toLowerCase()) {
        const now = `is named "${f.name}" in the org now: renamed outside the stack`;
        const detail = `the flow the stack deployed as "${o.publishedName}" (id ${o.flowId}) ${now}`;
        out.push({ ...base, kind: "renamed", orgName: f.name, detail });
      }
      const p = f.publishedVersion;
      // Published after Pulumi's record of the stack's deploy by another client or a person; or, at
      // any time the stack held the flow (since its adoption, for an adopted one), by a person (the
      // version names a user) or by another OAuth client than the stack's, with or without a user
      // (a script): during the provider's 15 s job poll such a publish lands before Pulumi's record,
      // and an adopted flow's record is rewritten by every run that reads it. Known only when the
      // stack's own client is: a stack whose client changed sees its old client's versions as
      // another party's until it publishes them again (acknowledged, docs/people-in-the-org.md).
      const late = p !== undefined && o.deployedAt !== undefined && p.dateCreated > o.deployedAt + clockSkewMs;
      const sinceHeld = p !== undefined && (o.adoptedAt === undefined || p.dateCreated > o.adoptedAt + clockSkewMs);
      if (p && (late || (sinceHeld && madeByOther(p, own))) && !madeByStack(p, own)) {
        const by = authorOf(p);
        const since =
          o.deployedAt === undefined
            ? []
            : (f.versionsSinceDeploy ?? [])
                .filter((v) => v.dateCreated > o.deployedAt! + clockSkewMs && v.id !== p.id)
                .map((v) => v.id);
        out.push({
          ...base,
          kind: "published-out-of-band",
          version: p.id,
          when: iso(p.dateCreated),
          ...(by ? { who: by } : {}),
          detail: late
            ? `version ${p.id} was published ${iso(p.dateCreated)}${by ? ` by ${by}` : ""}, after this stack last deployed the flow (${iso(o.deployedAt!)})${since.length > 0 ? `; earlier versions since: ${since.join(", ")}` : ""}`
            : `version ${p.id} was published ${iso(p.dateCreated)} by ${by}, ${anotherParty(p)}${o.deployedAt !== undefined ? `, while this stack ${o.adoptedAt !== undefined ? "held" : "deployed"} the flow (Pulumi recorded it at ${iso(o.deployedAt)})` : ""}`,
        });
      }
      if (f.lock) {
        const holder = f.lock.user?.name ?? f.lock.client?.name ?? "someone";
        const ownClient = f.lock.client?.id !== undefined && own.has(f.lock.client.id) && !f.lock.user;
        const via = f.lock.user && f.lock.client ? ` (through ${f.lock.client.name})` : "";
        out.push({
          ...base,
          kind: "locked",
          who: holder,
          ...(ownClient ? { ownClient: true } : {}),
          detail: ownClient
            ? `locked by this stack's own OAuth client ${holder} (a run that did not finish)`
            : `checked out (locked) by ${holder}${via}`,
        });
      }
      const draft = newestDraft(f.savedVersion, f.checkedInVersion, p);
      if (draft && !madeByStack(draft, own)) {
        const by = authorOf(draft);
        const what = draft.type === "CHECKIN" ? "checked-in" : "saved";
        out.push({
          ...base,
          kind: "draft",
          version: draft.id,
          when: iso(draft.dateCreated),
          ...(by ? { who: by } : {}),
          detail: `a ${what} draft (version ${draft.id}, ${iso(draft.dateCreated)}${by ? `, by ${by}` : ""}) is newer than the published version${p ? ` ${p.id}` : ""}: publishing over it buries it`,
        });
      }
    }
    if (o.holderOfName) {
      out.push({
        ...base,
        kind: "foreign-id",
        detail: `the org's flow named "${o.holderOfName.name}" is id ${o.holderOfName.flowId}, not the stack's ${o.flowId}: made outside the stack (rebuilt by hand?) or another org's`,
      });
    }
  }
  return out;
}

/** The draft (saved or checked in) newer than the published version, if any. */
export function newestDraft(
  saved: OrgVersion | undefined,
  checkedIn: OrgVersion | undefined,
  published: OrgVersion | undefined,
): OrgVersion | undefined {
  const drafts = [saved, checkedIn].filter(
    (v): v is OrgVersion =>
      v !== undefined && v.id !== published?.id && (!published || v.dateCreated > published.dateCreated),
  );
  return drafts.sort((a, b) => b.dateCreated - a.dateCreated || cmp(a.id, b.id))[0];
}

/** A Genesys version id's number ("3.0" -> 3), undefined when the id is not one. */
const versionNumber = (id: string): number | undefined =>
  /^[0-9]+(\.[0-9]+)?$/.test(id) ? Math.floor(Number(id)) : undefined;

/**
 * Whether the flow's version numbers skip one the stack did not publish: Genesys numbers a flow's
 * versions one after the other, so between two versions the stack's releases recorded (`released`),
 * or between the last of them and the one the org publishes now, a number the stack did not make
 * is someone else's version (a person's publish or checked-in draft the stack buried, or a run of
 * the stack that died before recording). Unknown without a recorded version.
 */
export function versionsSkipped(published: string | undefined, released: readonly string[]): boolean {
  if (released.length === 0) return false;
  const numbers = [...released, ...(published !== undefined ? [published] : [])].map(versionNumber);
  if (numbers.some((n) => n === undefined)) return true;
  const sorted = [...new Set(numbers as number[])].sort((a, b) => a - b);
  return sorted.some((n, i) => i > 0 && n - sorted[i - 1] > 1);
}

/**
 * Whether verify reads a flow's version list (a request or more per flow; the flow itself comes 50
 * a request): where it can show a person's work the flow's record does not, or keep the evidence
 * the stack file points at. That is a flow with no record of the stack's deploy (unless the org
 * publishes the version the stack's last release read of it: an adopted flow, which Pulumi's state
 * keeps with no time, as adopted; all 1,002 of an adopted org's lists were read on every up, issue
 * 100), a version published since it, a lock, a draft newer than the published version, an
 * acknowledgement in the stack file (an overwritten version it names), or version numbers the
 * stack's releases did not make (versionsSkipped: the evidence of a version the stack overwrote,
 * also once the org publishes the stack's own again). Every other flow's list is read with
 * `verify --versions` only.
 */
export function versionsTellSomething(
  flow: OrgFlow,
  deployedAt: number | undefined,
  acknowledged: boolean,
  released: readonly string[] = [],
): boolean {
  const p = flow.publishedVersion;
  return (
    (deployedAt === undefined && (p === undefined || released.at(-1) !== p.id)) ||
    acknowledged ||
    flow.lock !== undefined ||
    (p !== undefined && deployedAt !== undefined && p.dateCreated > deployedAt) ||
    newestDraft(flow.savedVersion, flow.checkedInVersion, p) !== undefined ||
    versionsSkipped(p?.id, released)
  );
}

/** The org's state for a run, from the one read. */
export function orgStateOf(
  read: PeopleRead,
  target: string,
  own: ReadonlySet<string>,
  clockSkewMs: number,
): OrgStateOfRun {
  return { checked: true, org: target, changes: personChangesOf(read, own, clockSkewMs) };
}

/** A version a person published that a later publish of the stack buried: Genesys keeps it, so it can be published again. */
export interface OverwrittenVersion {
  flow: string;
  publishedName: string;
  flowId: string;
  /** Their version, kept by Genesys. */
  version: OrgVersion;
  /** When the stack's publish that buried it was made (ISO-8601). */
  overwrittenAt: string;
  /** The stack's version that buried it. */
  byVersion: string;
}

/**
 * Versions published by someone else between two publishes of the stack's own client: the stack
 * overwrote them. Versions made before the stack first published the flow (its history before
 * adoption) are not counted. Needs the version lists (FlowObservation.versions).
 */
export function overwrittenVersionsOf(read: PeopleRead, own: ReadonlySet<string>): OverwrittenVersion[] {
  const out: OverwrittenVersion[] = [];
  if (own.size === 0) return out;
  for (const o of read.observations) {
    const versions = (o.versions ?? []).filter((v) => v.type !== "SAVE");
    let stackBefore = false;
    let pending: OrgVersion[] = [];
    for (const v of versions) {
      if (madeByStack(v, own)) {
        if (stackBefore)
          for (const theirs of pending)
            out.push({
              flow: o.flow,
              publishedName: o.publishedName,
              flowId: o.flowId,
              version: theirs,
              overwrittenAt: iso(v.dateCreated),
              byVersion: v.id,
            });
        stackBefore = true;
        pending = [];
      } else if (stackBefore && v.createdByClientId !== undefined) pending.push(v);
    }
  }
  return out;
}

/** Every flow the stack deployed (verify reads them all). */
export function flowsDeployed(deployment: StackDeployment): FlowToRead[] {
  return deployment.flows.flatMap((f) =>
    Object.hasOwn(FLOW_KINDS, f.kind) ? [flowToRead(f, FLOW_KINDS[f.kind as FlowKind].apiType)] : [],
  );
}

/** A flow the stack deployed, as the read of people's work takes it. */
export function flowToRead(f: DeployedFlow, apiType: string): FlowToRead {
  const deployedAt = f.modified !== undefined ? Date.parse(f.modified) : NaN;
  const adoptedAt = f.read === true && f.created !== undefined ? Date.parse(f.created) : NaN;
  return {
    flow: f.id,
    publishedName: f.publishedName,
    flowId: f.flowId,
    apiType,
    ...(Number.isFinite(deployedAt) ? { deployedAt } : {}),
    ...(Number.isFinite(adoptedAt) ? { adoptedAt } : {}),
    ...(f.urn ? { urn: f.urn } : {}),
    ...(f.releasedVersions ? { releasedVersions: f.releasedVersions } : {}),
  };
}
