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
import { deployCommand, forgetAndDeployCommand } from "../project/deployCommand";
import type { Finding } from "../checks";
import { moduleTrigger } from "../planner/revisions";
import { rollbackCommand, rolloutCommand } from "../planner/waves";
import { authorOf, madeByStack } from "./personChanges";
import { cmp, typeLabel, type DeployedFlow, type FlowValidation, type OrgConsumer, type OrgVersion, type OrgView, type StackDeployment } from "../org/model";

export type Severity = "error" | "warning" | "info";

export type FindingCode =
  | "stale-caller"
  | "missing-dependency"
  | "stale-embedded"
  | "drift"
  /** A version the stack's own client published after Pulumi's record: a run of the stack that stopped before recording it. */
  | "unrecorded"
  | "flow-missing"
  | "outside-stale"
  | "outside-current"
  | "index-not-operational"
  | "not-checked"
  | "pending"
  /** A caller a rollout in waves keeps on the module version it was published with, until its wave. */
  | "wave-held"
  /** A caller runs an older version of a module that has the content of the module's published one (a rollback published it again). */
  | "same-content"
  /** A flow names an org object (queue, data action, schedule group, ...) the org no longer has. */
  | "broken-reference"
  /** What people did in the org (verify/peopleFindings.ts): a lock, a draft, a rename, the stack's name on another flow. */
  | "locked"
  | "draft"
  | "renamed"
  | "foreign-id"
  /** A version a person published that a later publish of the stack buried (kept by Genesys). */
  | "overwritten"
  /** Architect's validate job (verify --validate, verify/validation.ts): an error or a warning of its own validator. */
  | "architect-error"
  | "architect-warning";

/**
 * A finding about a flow the org runs, in the finding family (checks/finding.ts): the problem and
 * the fix as a check words them, the flow by its published name and its file when it is the
 * stack's (a flow outside the stack has none), under a code instead of a rule.
 */
export interface VerifyFinding extends Pick<Finding, "message" | "fix"> {
  severity: Severity;
  code: FindingCode;
  /** Published name of the flow the finding is about. */
  flow: string;
  /** Its file, for stack flows. */
  file?: string;
}

/**
 * `held`: a caller a module's rollout in waves keeps on the version it was published with
 * (planner/waves.ts); `same-content`: it runs an older version of the module whose content the
 * stack published again (a rollback in the middle of a rollout puts the module back on what held
 * callers run): current in all but the version number.
 */
export type EdgeStatus = "current" | "stale" | "missing" | "unknown" | "held" | "same-content";

export interface CallerReport {
  id: string;
  file: string;
  publishedName: string;
  flowId: string;
  /** The module version its published version consumed, per dependency tracking. */
  moduleVersion?: string;
  status: EdgeStatus;
}

export interface OutsideCaller {
  flowId: string;
  name: string;
  type: string;
  /** The caller's own published version. */
  version: string;
  moduleVersion?: string;
  stale: boolean;
}

export interface ModuleReport {
  id: string;
  file: string;
  publishedName: string;
  flowId: string;
  publishedVersion?: string;
  /** Flows of the stack calling it through callCommonModule. */
  callers: CallerReport[];
  /** Modules of the stack compiled with it in place (no dependency in the org). */
  embeddedIn: CallerReport[];
  outsideCallers: OutsideCaller[];
}

export interface DriftReport {
  id: string;
  file: string;
  publishedName: string;
  flowId: string;
  /** When the stack last changed the flow (Pulumi state). */
  deployedAt: string;
  /** The last version published at or before then, when the org still has it. */
  stackVersion?: OrgVersion;
  publishedVersion: OrgVersion;
  /** Versions published since, oldest first (the published one last). */
  since: OrgVersion[];
}

/** One deployed flow's validate job (verify --validate, verify/validation.ts). */
export interface ValidatedFlow {
  publishedName: string;
  file: string;
  flowId: string;
  status: FlowValidation["status"];
  errors: number;
  warnings: number;
}

export interface ValidationSection {
  /** The stack's flows the org has, in the stack's order (by file). */
  flows: ValidatedFlow[];
  /** Flows of the stack the org no longer has: nothing to validate (verify reports them as flow-missing). */
  notValidated: string[];
}

export interface VerifyReport {
  stack: string;
  target: string;
  dependencyTracking: { status: string; dateCompleted?: string };
  flowsChecked: number;
  modules: ModuleReport[];
  drift: DriftReport[];
  /** Errors first, then warnings, then notes; each group by file and flow. */
  findings: VerifyFinding[];
  /** What Architect's own validator says of each flow the org has (verify --validate only). */
  validation?: ValidationSection;
  /** No error finding. */
  ok: boolean;
}

export interface CompareOptions {
  /** Published after the deploy by more than this counts as drift (clock differences between Pulumi's machine and Genesys). Default 2000 ms. */
  clockSkewMs?: number;
  /** The revisions the flow files plan now, by flow id: flows that differ have changes not deployed yet. */
  planned?: ReadonlyMap<string, string>;
  /** How to run a deploy of this stack, for fixes. Default project/deployCommand.ts (`npm start`, `npm run up -- --stack <stack>`). */
  upCommand?: string;
  /**
   * The stack's own OAuth client ids (verify/personChanges.ts ownClientsOf): a version one of them
   * published after Pulumi's record is the stack's own run that stopped before recording it (killed,
   * interrupted), never drift.
   */
  ownClients?: ReadonlySet<string>;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

function by(v: OrgVersion): string {
  const who = authorOf(v);
  return who ? ` by ${who}` : "";
}

export function compareWithOrg(stack: StackDeployment, org: OrgView, options: CompareOptions = {}): VerifyReport {
  const skew = options.clockSkewMs ?? 2000;
  const up = options.upCommand ?? deployCommand(stack.stack);
  const findings: VerifyFinding[] = [];
  const byId = new Map(stack.flows.map((f) => [f.id, f]));
  const stackFlowIds = new Set(stack.flows.map((f) => f.flowId));
  const indexNote = org.dependencyTracking.status === "OPERATIONAL" ? "" : ` (the org's dependency tracking index is ${org.dependencyTracking.status}: its answers may be out of date)`;

  if (org.dependencyTracking.status !== "OPERATIONAL") {
    findings.push({
      severity: "warning",
      code: "index-not-operational",
      flow: "(org)",
      message: `dependency tracking reports status ${org.dependencyTracking.status}, not OPERATIONAL: which flows call a module may be out of date`,
      fix: "rebuild it (Architect > Dependency tracking > Rebuild, or POST /api/v2/architect/dependencytracking/build), wait until it is OPERATIONAL, and verify again",
    });
  }

  // Flows the org does not have, and drift.
  const drift: DriftReport[] = [];
  const missing = new Set<string>();
  for (const f of stack.flows) {
    const o = org.flows[f.flowId];
    if (!o || !o.publishedVersion) {
      missing.add(f.id);
      findings.push({
        severity: "error",
        code: "flow-missing",
        flow: f.publishedName,
        file: f.file,
        message: `the org has no published flow ${f.flowId}, which the stack deployed from ${f.file}: it was deleted or unpublished outside the stack`,
        // Not --refresh: Genesys answers 410 for a deleted flow and the provider forgets a flow only on 404 (project/deployCommand.ts).
        fix: f.urn
          ? `${forgetAndDeployCommand(stack.stack, [f.urn])} (forgets the deleted flow's id in the stack's state, then publishes the flow again under its name)`
          : `forget the flow's genesyscloud Flow resource in the stack's state (npm run pulumi -- state delete <its URN> --stack ${stack.stack} --yes), then ${up}`,
      });
      continue;
    }
    if (f.modified === undefined) {
      findings.push({ severity: "info", code: "not-checked", flow: f.publishedName, file: f.file, message: "drift not checked: the stack's state does not say when the flow was last deployed" });
      continue;
    }
    const deployedAt = Date.parse(f.modified);
    const own = options.ownClients;
    const p = o.publishedVersion;
    if (p.dateCreated <= deployedAt + skew) {
      // Before Pulumi's record (during the provider's job poll): a person's version (it names a user,
      // which the stack's own client never does) is still drift; an adopted flow's from before its adoption is the flow as adopted.
      const adoptedAt = f.read === true && f.created !== undefined ? Date.parse(f.created) : NaN;
      const person = p.createdBy !== undefined && own !== undefined && !madeByStack(p, own) && !(p.dateCreated <= adoptedAt + skew);
      if (!person) continue;
      drift.push({ id: f.id, file: f.file, publishedName: f.publishedName, flowId: f.flowId, deployedAt: f.modified, publishedVersion: p, since: [p] });
      findings.push({
        severity: "error",
        code: "drift",
        flow: f.publishedName,
        file: f.file,
        message: `version ${p.id} was published ${iso(p.dateCreated)}${by(p)}, a person, not this stack (its own client publishes with no user), while this stack deployed the flow (Pulumi recorded it at ${iso(deployedAt)})`,
        fix: `keep it: bring the change into ${f.file} and deploy; or drop it: acknowledge it in Pulumi.${stack.stack}.yaml (genesys-flows:acknowledge: {${f.id}: {reason: "<why>", version: "${p.id}"}}) and deploy a change of the flow; then verify again`,
      });
      continue;
    }
    const versions = [...(o.versionsSinceDeploy ?? [o.publishedVersion])].sort((a, b) => a.dateCreated - b.dateCreated);
    const stackVersion = [...versions].reverse().find((v) => v.dateCreated <= deployedAt + skew);
    const since = versions.filter((v) => v.dateCreated > deployedAt + skew);
    if (own && since.length > 0 && since.every((v) => madeByStack(v, own))) {
      findings.push({
        severity: "warning",
        code: "unrecorded",
        flow: f.publishedName,
        file: f.file,
        message:
          `the org runs version ${p.id}, published ${iso(p.dateCreated)}${by(p)} (this stack's own OAuth client) after Pulumi's record of the deploy (${iso(deployedAt)}): ` +
          `a run of this stack published it and stopped before recording it (killed or interrupted); no person changed the flow`,
        fix: `${up} (it records what the stack deploys; nothing of a person's is overwritten), then verify again`,
      });
      continue;
    }
    drift.push({ id: f.id, file: f.file, publishedName: f.publishedName, flowId: f.flowId, deployedAt: f.modified, ...(stackVersion ? { stackVersion } : {}), publishedVersion: o.publishedVersion, since });
    findings.push({
      severity: "error",
      code: "drift",
      flow: f.publishedName,
      file: f.file,
      message:
        `the org runs version ${p.id}, published ${iso(p.dateCreated)}${by(p)}, after this stack last deployed the flow (${iso(deployedAt)}` +
        `${stackVersion ? `, version ${stackVersion.id}` : ""}): it was changed outside the stack (in Architect, or by another tool)` +
        (since.length > 1 ? `; versions since: ${since.map((v) => v.id).join(", ")}` : ""),
      fix: `keep it: bring the change into ${f.file} and deploy; or drop it: publish version ${stackVersion?.id ?? "the stack's version"} again in Architect, or change ${f.file} and deploy (a deploy republishes a flow only when its file or a module it calls changes); then verify again`,
    });
  }
  const drifted = new Set(drift.map((d) => d.id));

  // Modules: callers in the stack, modules compiled with them, callers outside.
  const modules: ModuleReport[] = [];
  for (const m of stack.flows.filter((f) => f.isModule)) {
    const o = org.flows[m.flowId];
    const published = o?.publishedVersion?.id;
    const consumers = org.consumers[m.flowId] ?? [];
    const consumerOf = new Map<string, OrgConsumer>(consumers.map((c) => [c.flowId, c]));
    const callers: CallerReport[] = [];
    const embeddedIn: CallerReport[] = [];
    for (const c of stack.flows.filter((f) => f.calls.some((x) => x.id === m.id))) {
      if (c.isModule) {
        embeddedIn.push({ id: c.id, file: c.file, publishedName: c.publishedName, flowId: c.flowId, status: embeddedStatus(c, byId, drifted) });
        continue;
      }
      const consumer = consumerOf.get(c.flowId);
      const edge: EdgeStatus = !published ? "unknown" : !consumer ? "missing" : consumer.moduleVersion === undefined ? "unknown" : consumer.moduleVersion === published ? "current" : "stale";
      const status: EdgeStatus = edge !== "stale" ? edge : heldBy(stack, c.id, m.id) ? "held" : !drifted.has(m.id) && c.moduleRevisions?.[m.id] === m.revision ? "same-content" : edge;
      callers.push({ id: c.id, file: c.file, publishedName: c.publishedName, flowId: c.flowId, ...(consumer?.moduleVersion !== undefined ? { moduleVersion: consumer.moduleVersion } : {}), status });
    }
    for (const c of callers) {
      if (c.status === "held") {
        findings.push({ severity: "info", code: "wave-held", flow: c.publishedName, file: c.file, message: `runs module ${m.publishedName} version ${c.moduleVersion} (the module's published version is ${published}): ${heldBy(stack, c.id, m.id)}` });
      } else if (c.status === "same-content") {
        findings.push({
          severity: "info",
          code: "same-content",
          flow: c.publishedName,
          file: c.file,
          message: `runs module ${m.publishedName} version ${c.moduleVersion}, the content the module's published version ${published} has again (the stack published both from revision ${m.revision.slice(0, 12)}: a rollback put the module back): current`,
        });
      } else if (c.status === "stale") {
        findings.push({
          severity: "error",
          code: "stale-caller",
          flow: c.publishedName,
          file: c.file,
          message: `runs module ${m.publishedName} version ${c.moduleVersion}, but the module's published version is ${published}: the caller was not republished after the module changed${indexNote}`,
          fix: `${up} (a module change republishes its callers; if the last deploy failed half-way, it finishes it)`,
        });
      } else if (c.status === "missing" && !drifted.has(c.id) && !missing.has(c.id)) {
        findings.push({
          severity: "error",
          code: "missing-dependency",
          flow: c.publishedName,
          file: c.file,
          message: `the stack deployed it calling module ${m.publishedName}, but the org's dependency tracking has no such dependency for its published version${indexNote}`,
          fix: `check the flow in Architect (or dependency tracking, which may be behind: rebuild it), then verify again`,
        });
      } else if (c.status === "unknown" && published) {
        findings.push({ severity: "warning", code: "not-checked", flow: c.publishedName, file: c.file, message: `dependency tracking does not say which version of module ${m.publishedName} it consumed` });
      }
    }
    for (const e of embeddedIn) {
      if (e.status !== "stale") continue;
      findings.push({
        severity: "error",
        code: "stale-embedded",
        flow: e.publishedName,
        file: e.file,
        message: `is compiled with module ${m.publishedName} in place (Genesys tracks no dependency between modules), and was last published with an older revision of it than the stack deployed since`,
        fix: `${up} (it republishes the modules compiled with a changed module)`,
      });
    }
    const outsideCallers: OutsideCaller[] = consumers
      .filter((c) => !stackFlowIds.has(c.flowId))
      .map((c) => ({ flowId: c.flowId, name: c.name, type: c.type, version: c.version, ...(c.moduleVersion !== undefined ? { moduleVersion: c.moduleVersion } : {}), stale: published !== undefined && c.moduleVersion !== undefined && c.moduleVersion !== published }))
      .sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.flowId, b.flowId));
    for (const c of outsideCallers) {
      findings.push(
        c.stale
          ? {
              severity: "warning",
              code: "outside-stale",
              flow: c.name,
              message: `${typeLabel(c.type)} outside this stack (flow id ${c.flowId}, version ${c.version}) runs module ${m.publishedName} (${m.file}) version ${c.moduleVersion}; the module's published version is ${published}`,
              fix: `its owner republishes it to pick up the module (open it in Architect and publish), or bring it into this stack`,
            }
          : {
              severity: "info",
              code: "outside-current",
              flow: c.name,
              message: `${typeLabel(c.type)} outside this stack (flow id ${c.flowId}, version ${c.version}) calls module ${m.publishedName} (${m.file}), at its published version${c.moduleVersion ? ` ${c.moduleVersion}` : ""}; it will not pick up the module's next change unless it is republished`,
            },
      );
    }
    modules.push({ id: m.id, file: m.file, publishedName: m.publishedName, flowId: m.flowId, ...(published ? { publishedVersion: published } : {}), callers, embeddedIn, outsideCallers });
  }

  if (options.planned) {
    for (const f of stack.flows) {
      const planned = options.planned.get(f.id);
      if (planned !== undefined && planned !== f.revision) {
        const rollout = rolloutPending(stack, f.id, options.planned, up);
        findings.push({ severity: "info", code: "pending", flow: f.publishedName, file: f.file, message: rollout?.message ?? `${f.file} (or a module it calls) has changes this stack has not deployed yet`, fix: rollout?.fix ?? up });
      }
    }
    for (const id of [...options.planned.keys()].filter((id) => !byId.has(id)).sort(cmp)) {
      findings.push({ severity: "info", code: "pending", flow: id, message: `flow ${id} is not deployed yet`, fix: up });
    }
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

/**
 * Why a caller runs an older version of module `moduleId` on purpose: the rollout in waves (of
 * that module, or of a module compiled into it) that the last run left it out of; undefined when none.
 */
function heldBy(stack: StackDeployment, callerId: string, moduleId: string): string | undefined {
  const flows = new Map(stack.flows.map((f) => [f.id, f]));
  // Rollouts of the module itself, or of modules compiled into it.
  const reaches = (id: string, target: string, seen = new Set<string>()): boolean =>
    id === target || (!seen.has(id) && (seen.add(id), (flows.get(id)?.calls ?? []).some((c) => reaches(c.id, target, seen))));
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
function rolloutPending(stack: StackDeployment, id: string, planned: ReadonlyMap<string, string>, up: string): { message: string; fix: string } | undefined {
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
      return { message: `runs the previous version of module ${r.modulePublishedName} on purpose: the rollout in waves holds it until wave ${wave} of ${r.waves.length} (wave ${r.started} is out)`, fix };
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

/** Errors first, then warnings, then notes; each group by file and flow (in place; returned). */
export function sortFindings(findings: VerifyFinding[]): VerifyFinding[] {
  return findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || cmp(a.file ?? "\uffff", b.file ?? "\uffff") || cmp(a.flow, b.flow) || cmp(a.code, b.code));
}

/**
 * A module compiled with other modules in place is current when its update trigger (what it was
 * last published with) is the one the deployed revisions of those modules give.
 */
function embeddedStatus(outer: DeployedFlow, byId: ReadonlyMap<string, DeployedFlow>, drifted: ReadonlySet<string>): EdgeStatus {
  if (drifted.has(outer.id)) return "unknown";
  const revisions = outer.calls.map((c) => byId.get(c.id)?.revision);
  if (outer.updateTriggerHash === undefined || revisions.some((r) => r === undefined)) return "unknown";
  return outer.updateTriggerHash === moduleTrigger(revisions as string[]) ? "current" : "stale";
}
