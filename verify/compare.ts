// What the org really runs, compared with what the stack last deployed. Pure.
//
//  - Module callers in the stack: each must run the module's current published version (Genesys
//    snapshots a module into a caller when the caller is published; dependency tracking says
//    which module version each caller's published version consumed).
//  - Modules compiled into modules: Genesys sees no dependency between them (the callee is built
//    into the caller), so the edge is checked from the stack's own graph and state: the outer
//    module's update trigger must be derived from the inner module's deployed revision.
//  - Callers outside the stack (Architect, another team's stack): listed, stale or current; they
//    are not this stack's to fix, so they never fail the check.
//  - Drift: a stack flow whose published version was published after the stack last deployed it
//    (Pulumi records when it last changed each resource; Genesys when each version was created).
import { deployCommand } from "../project/deployCommand";
import { moduleTrigger } from "../planner/revisions";
import { rollbackCommand, rolloutCommand } from "../planner/waves/rolloutControl";
import { madeByOther } from "./people/changesOfFlows";
import { madeByStack } from "../org/personChanges";
import * as find from "./findings";
import type { FindingContext, ModuleRef } from "./findings";
import {
  reportedConsumer,
  type DeployedFlow,
  type OrgConsumer,
  type OrgVersion,
  type OrgView,
  type StackDeployment,
} from "../org/model";
import { cmp } from "../archy/json";
import {
  sortFindings,
  type CallerReport,
  type DriftReport,
  type EdgeStatus,
  type ModuleReport,
  type OutsideCaller,
  type VerifyFinding,
  type VerifyReport,
} from "./report";

export interface CompareOptions {
  /** Published after the deploy by more than this counts as drift (clock differences between Pulumi's machine and Genesys). Default 2000 ms. */
  clockSkewMs?: number;
  /** The revisions the flow files plan now, by flow id: flows that differ have changes not deployed yet. */
  planned?: ReadonlyMap<string, string>;
  /** How to run a deploy of this stack, for fixes. Default project/deployCommand.ts (`npm start`, `npm run up -- --stack <stack>`). */
  upCommand?: string;
  /**
   * The stack's own OAuth client ids (verify/people/changesOfFlows.ts ownClientsOf): a version one of them
   * published after Pulumi's record is the stack's own run that stopped before recording it (killed,
   * interrupted), never drift.
   */
  ownClients?: ReadonlySet<string>;
}

/**
 * What the org runs against what the stack last deployed: which flows are missing or drifted, how
 * each module's callers stand, and what the files plan that is not deployed. This decides; each
 * finding is worded by its own function (verify/findings.ts).
 */
export function compareWithOrg(stack: StackDeployment, org: OrgView, options: CompareOptions = {}): VerifyReport {
  const operational = org.dependencyTracking.status === "OPERATIONAL";
  const ctx: FindingContext = {
    stack: stack.stack,
    up: options.upCommand ?? deployCommand(stack.stack),
    indexNote: operational
      ? ""
      : ` (the org's dependency tracking index is ${org.dependencyTracking.status}: its answers may be out of date)`,
  };
  const findings: VerifyFinding[] = [];
  if (!operational) findings.push(find.indexNotOperational(org.dependencyTracking.status));

  // Flows the org does not have, and drift.
  const drift: DriftReport[] = [];
  const missing = new Set<string>();
  for (const f of stack.flows) {
    const state = flowState(f, org, options);
    if (state.kind === "missing") {
      missing.add(f.id);
      findings.push(find.flowMissing(ctx, f));
    } else if (state.kind === "not-checked") {
      findings.push(find.driftNotChecked(f, state.adopted));
    } else if (state.kind === "unrecorded") {
      findings.push(
        find.unrecorded(
          ctx,
          f,
          state.published,
          state.deployedAt,
          stack.waves?.some((w) => w.module === f.id),
        ),
      );
    } else if (state.kind === "person-during-deploy") {
      drift.push(state.drift);
      findings.push(find.driftDuringDeploy(ctx, state.drift));
    } else if (state.kind === "drift") {
      drift.push(state.drift);
      findings.push(find.drift(state.drift));
    }
  }
  const drifted = new Set(drift.map((d) => d.id));
  for (const f of stack.pendingDeletes ?? []) findings.push(find.outOfService(ctx, f));

  // Modules: callers in the stack, modules compiled with them, callers outside.
  const modules: ModuleReport[] = [];
  const byId = new Map(stack.flows.map((f) => [f.id, f]));
  const stackFlowIds = new Set(stack.flows.map((f) => f.flowId));
  for (const flow of stack.flows.filter((f) => f.isModule)) {
    const r = moduleReport(stack, org, flow, { byId, stackFlowIds, drifted });
    modules.push(r);
    const m: ModuleRef = {
      publishedName: flow.publishedName,
      file: flow.file,
      revision: flow.revision,
      ...(r.publishedVersion ? { published: r.publishedVersion } : {}),
    };
    for (const c of r.callers) {
      if (c.status === "held") findings.push(find.waveHeld(m, c, heldBy(stack, c.id, r.id)!));
      else if (c.status === "same-content") findings.push(find.sameContent(m, c));
      else if (c.status === "repeated-version")
        findings.push(
          find.repeatedVersion(
            ctx,
            m,
            c,
            flow.releasedVersions ?? [],
            stack.waves?.find((w) => w.module === flow.id)?.rolledBack?.to,
          ),
        );
      else if (c.status === "stale") findings.push(find.staleCaller(ctx, m, c));
      else if (c.status === "missing" && !drifted.has(c.id) && !missing.has(c.id))
        findings.push(find.missingDependency(ctx, m, c));
      else if (c.status === "unknown" && m.published) findings.push(find.consumedVersionUnknown(m, c));
    }
    for (const e of r.embeddedIn) if (e.status === "stale") findings.push(find.staleEmbedded(ctx, m, e));
    for (const c of r.outsideCallers) findings.push(c.stale ? find.outsideStale(m, c) : find.outsideCurrent(m, c));
  }

  if (options.planned) {
    for (const f of stack.flows) {
      const planned = options.planned.get(f.id);
      if (planned !== undefined && planned !== f.revision)
        findings.push(find.pending(ctx, f, rolloutPending(stack, f.id, options.planned, ctx.up)));
    }
    for (const id of [...options.planned.keys()].filter((id) => !byId.has(id)).sort(cmp))
      findings.push(find.notDeployed(ctx, id));
  }

  sortFindings(findings);
  return {
    stack: stack.stack,
    target: org.target,
    dependencyTracking: org.dependencyTracking,
    flowsChecked: stack.flows.length,
    modules: modules.sort((a, b) => cmp(a.file, b.file)),
    drift: drift.sort((a, b) => cmp(a.file, b.file)),
    findings,
    ok: !findings.some((f) => f.severity === "error"),
  };
}

/** Where a flow of the stack stands in the org against Pulumi's record of its last deploy. */
type FlowState =
  | { kind: "missing" }
  /** `adopted`: the flow as adopted, never published by the stack: the version the org runs. */
  | { kind: "not-checked"; adopted?: OrgVersion }
  | { kind: "current" }
  /** Published by the stack's own client after Pulumi's record: a run that stopped before recording it. */
  | { kind: "unrecorded"; published: OrgVersion; deployedAt: number }
  /** Published by another party (a person, a script) while the stack deployed it (before Pulumi's record). */
  | { kind: "person-during-deploy"; drift: DriftReport }
  | { kind: "drift"; drift: DriftReport };

function flowState(f: DeployedFlow, org: OrgView, options: CompareOptions): FlowState {
  const o = org.flows[f.flowId];
  if (!o?.publishedVersion) return { kind: "missing" };
  const adopted = f.read === true ? { adopted: o.publishedVersion } : {};
  if (f.modified === undefined) return { kind: "not-checked", ...adopted };
  const skew = options.clockSkewMs ?? 2000;
  const deployedAt = Date.parse(f.modified);
  const own = options.ownClients;
  const p = o.publishedVersion;
  const base = { id: f.id, file: f.file, publishedName: f.publishedName, flowId: f.flowId, deployedAt: f.modified };
  if (p.dateCreated <= deployedAt + skew) {
    // Before Pulumi's record (during the provider's job poll): another party's version (a person's,
    // or another OAuth client's: a script) is still drift, as the people guard judges it; an adopted
    // flow's from before its adoption is the flow as adopted.
    const adoptedAt = f.read === true && f.created !== undefined ? Date.parse(f.created) : NaN;
    const person = own !== undefined && madeByOther(p, own) && !(p.dateCreated <= adoptedAt + skew);
    return person
      ? { kind: "person-during-deploy", drift: { ...base, publishedVersion: p, since: [p] } }
      : { kind: "current" };
  }
  const versions = [...(o.versionsSinceDeploy ?? [p])].sort((a, b) => a.dateCreated - b.dateCreated);
  const stackVersion = [...versions].reverse().find((v) => v.dateCreated <= deployedAt + skew);
  const since = versions.filter((v) => v.dateCreated > deployedAt + skew);
  if (own && since.length > 0 && since.every((v) => madeByStack(v, own)))
    return { kind: "unrecorded", published: p, deployedAt };
  return { kind: "drift", drift: { ...base, ...(stackVersion ? { stackVersion } : {}), publishedVersion: p, since } };
}

/** A module's callers in the stack (each edge's status), the modules compiled with it, and its callers outside the stack. */
function moduleReport(
  stack: StackDeployment,
  org: OrgView,
  m: DeployedFlow,
  {
    byId,
    stackFlowIds,
    drifted,
  }: { byId: ReadonlyMap<string, DeployedFlow>; stackFlowIds: ReadonlySet<string>; drifted: ReadonlySet<string> },
): ModuleReport {
  const published = org.flows[m.flowId]?.publishedVersion?.id;
  const consumers = org.consumers[m.flowId] ?? [];
  const consumerOf = new Map<string, OrgConsumer>(consumers.map((c) => [c.flowId, c]));
  // The stack's releases recorded versions of the module, but not the one the org publishes: a stopped run's.
  const repeated =
    published !== undefined &&
    !drifted.has(m.id) &&
    (m.releasedVersions?.length ?? 0) > 0 &&
    !m.releasedVersions!.includes(published);
  const callers: CallerReport[] = [];
  const embeddedIn: CallerReport[] = [];
  for (const c of stack.flows.filter((f) => f.calls.some((x) => x.id === m.id))) {
    if (c.isModule) {
      embeddedIn.push({
        id: c.id,
        file: c.file,
        publishedName: c.publishedName,
        flowId: c.flowId,
        status: embeddedStatus(c, byId, drifted),
      });
      continue;
    }
    const consumer = consumerOf.get(c.flowId);
    const edge: EdgeStatus = !published
      ? "unknown"
      : !consumer
        ? "missing"
        : consumer.moduleVersion === undefined
          ? "unknown"
          : consumer.moduleVersion === published
            ? "current"
            : "stale";
    const status: EdgeStatus =
      edge !== "stale"
        ? edge
        : heldBy(stack, c.id, m.id)
          ? "held"
          : repeated
            ? "repeated-version"
            : !drifted.has(m.id) && c.moduleRevisions?.[m.id] === m.revision
              ? "same-content"
              : edge;
    callers.push({
      id: c.id,
      file: c.file,
      publishedName: c.publishedName,
      flowId: c.flowId,
      ...(consumer?.moduleVersion !== undefined ? { moduleVersion: consumer.moduleVersion } : {}),
      status,
    });
  }
  const outsideCallers: OutsideCaller[] = consumers
    .filter((c) => !stackFlowIds.has(c.flowId))
    .map((c) => ({
      ...reportedConsumer(c),
      stale: published !== undefined && c.moduleVersion !== undefined && c.moduleVersion !== published,
    }))
    .sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.flowId, b.flowId));
  return {
    id: m.id,
    file: m.file,
    publishedName: m.publishedName,
    flowId: m.flowId,
    ...(published ? { publishedVersion: published } : {}),
    callers,
    embeddedIn,
    outsideCallers,
  };
}

/**
 * Why a caller runs an older version of module `moduleId` on purpose: the rollout in waves (of
 * that module, or of a module compiled into it) that the last run left it out of; undefined when none.
 */
function heldBy(stack: StackDeployment, callerId: string, moduleId: string): string | undefined {
  const flows = new Map(stack.flows.map((f) => [f.id, f]));
  // Rollouts of the module itself, or of modules compiled into it.
  const reaches = (id: string, target: string, seen = new Set<string>()): boolean =>
    id === target ||
    (!seen.has(id) && (seen.add(id), (flows.get(id)?.calls ?? []).some((c) => reaches(c.id, target, seen))));
  const r = (stack.waves ?? []).find((w) => w.held.includes(callerId) && reaches(moduleId, w.module));
  if (!r) return undefined;
  const wave = r.waves.findIndex((w) => w.includes(callerId)) + 1;
  return `held on purpose by the rollout in waves of module ${r.modulePublishedName} until wave ${wave} of ${r.waves.length} (wave ${r.started} is out${r.paused ? ", paused" : r.waitingFor?.length ? ", the next waits for the checks between waves" : ""})`;
}

/**
 * Why a flow whose files changed is not deployed, when a rollout in waves is the reason, with the
 * real fix: a held caller waits for its wave (what holds the next wave: a pause, the gate's
 * failing checks, or only the next up; or rollout next; or a rollback), and the flows of a rollout
 * a rollback ended stay back until a new commit changes the module or a person resumes it.
 */
function rolloutPending(
  stack: StackDeployment,
  id: string,
  planned: ReadonlyMap<string, string>,
  up: string,
): { message: string; fix: string } | undefined {
  const s = stack.stack;
  for (const r of stack.waves ?? []) {
    const wave = r.waves.findIndex((w) => w.includes(id)) + 1;
    if (r.rolledBack === undefined && r.held.includes(id)) {
      const n = r.started + 1;
      const ways = `or start it anyway: ${rolloutCommand("next", r.module, s)}; or take the module back: ${rollbackCommand(s)}`;
      const fix = r.paused
        ? `the rollout is paused (by ${r.paused.by} at ${r.paused.at}: ${r.paused.reason}): ${rolloutCommand("resume", r.module, s)} lets an up start wave ${n}; ${ways}`
        : r.waitingFor?.length
          ? `wave ${n} waits for: ${r.waitingFor.join("; ")}. Fix that and ${up}; ${ways}`
          : `${up} starts wave ${n} once the checks between waves pass; ${ways}`;
      return {
        message: `runs the previous version of module ${r.modulePublishedName} on purpose: the rollout in waves holds it until wave ${wave} of ${r.waves.length} (wave ${r.started} is out)`,
        fix,
      };
    }
    if (r.rolledBack !== undefined && planned.get(r.module) === r.revision && (id === r.module || wave > 0)) {
      const rb = r.rolledBack;
      return {
        message: `the rollout in waves of module ${r.modulePublishedName} was rolled back to ${rb.to} (by ${rb.by} at ${rb.at}): the stack runs that release's version of it, and the change does not roll out again by itself`,
        fix: `commit a change of the module (a fix, or a revert) and ${up}; or roll the same change out again from wave 1: ${rolloutCommand("resume", r.module, s)}`,
      };
    }
  }
  return undefined;
}

/**
 * A module compiled with other modules in place is current when its update trigger (what it was
 * last published with) is the one the deployed revisions of those modules give.
 */
function embeddedStatus(
  outer: DeployedFlow,
  byId: ReadonlyMap<string, DeployedFlow>,
  drifted: ReadonlySet<string>,
): EdgeStatus {
  if (drifted.has(outer.id)) return "unknown";
  const revisions = outer.calls.map((c) => byId.get(c.id)?.revision);
  if (outer.updateTriggerHash === undefined || revisions.some((r) => r === undefined)) return "unknown";
  return outer.updateTriggerHash === moduleTrigger(revisions as string[]) ? "current" : "stale";
}
