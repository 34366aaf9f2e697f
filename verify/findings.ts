// verify's findings about what the org runs, one function per finding: each words its problem and
// its fix from what verify/compare.ts established (which flow, which versions, which edge). Pure.
// The people findings (locks, drafts, renames) are verify/people/peopleFindings.ts; Architect's own
// validator's, verify/validation.ts.
import { stackFileName } from "../model/stackFile";
import { forgetAndDeployCommand } from "../project/deployCommand";
import { typeLabel, type DeployedFlow, type OrgVersion } from "../org/model";
import { anotherParty, authorOf, iso } from "./people/changesOfFlows";
import type { CallerReport, DriftReport, OutsideCaller, VerifyFinding } from "./report";

/** What every finding's wording may need: the stack, and how to deploy it. */
export interface FindingContext {
  stack: string;
  /** How to run a deploy of this stack (the fix of most findings). */
  up: string;
  /** Said after findings that read dependency tracking when its index is not operational; "" when it is. */
  indexNote: string;
}

/** The module a caller finding is about. */
export interface ModuleRef {
  publishedName: string;
  file: string;
  revision: string;
  /** Its published version in the org. */
  published?: string;
}

/** The flow a finding is about: its published name, and its file. */
const flowOf = (f: { publishedName: string; file: string }) => ({ flow: f.publishedName, file: f.file });

function by(v: OrgVersion): string {
  const who = authorOf(v);
  return who ? ` by ${who}` : "";
}

/** `index-not-operational`: dependency tracking is being rebuilt or broken, so who calls a module may be out of date. */
export function indexNotOperational(status: string): VerifyFinding {
  return {
    severity: "warning",
    code: "index-not-operational",
    flow: "(org)",
    message: `dependency tracking reports status ${status}, not OPERATIONAL: which flows call a module may be out of date`,
    fix: "rebuild it (Architect > Dependency tracking > Rebuild, or POST /api/v2/architect/dependencytracking/build), wait until it is OPERATIONAL, and verify again",
  };
}

/** `out-of-service`: a flow the stack replaced, whose delete a guard refused or a stop left pending in the state. */
export function outOfService(ctx: FindingContext, f: DeployedFlow): VerifyFinding {
  return {
    severity: "warning",
    code: "out-of-service",
    ...flowOf(f),
    message:
      `flow ${f.flowId} "${f.publishedName}" is out of service: the stack replaced it ` +
      `(what routes to ${f.file}'s flow goes to the new one) and its delete, refused or stopped, is still to come`,
    fix:
      `the next ${ctx.up} judges its delete like a new one: what people did to it stops it where the stack is ` +
      "protected, until the stack file acknowledges it",
  };
}

/** `flow-missing`: the org has no published flow where the stack deployed one. */
export function flowMissing(ctx: FindingContext, f: DeployedFlow): VerifyFinding {
  return {
    severity: "error",
    code: "flow-missing",
    ...flowOf(f),
    message: `the org has no published flow ${f.flowId}, which the stack deployed from ${f.file}: it was deleted or unpublished outside the stack`,
    // Not --refresh: Genesys answers 410 for a deleted flow and the provider forgets a flow only on 404 (project/deployCommand.ts).
    fix: f.urn
      ? `${forgetAndDeployCommand(ctx.stack, [f.urn])} (forgets the deleted flow's id in the stack's state, then publishes the flow again under its name)`
      : `forget the flow's genesyscloud Flow resource in the stack's state (npm run pulumi -- state delete <its URN> --stack ${ctx.stack} --yes), then ${ctx.up}`,
  };
}

/** `not-checked` (drift): the state does not say when the stack last deployed the flow. */
export function driftNotChecked(f: DeployedFlow, adopted?: OrgVersion): VerifyFinding {
  const runs = adopted && `the org runs version ${adopted.id}, published ${iso(adopted.dateCreated)}${by(adopted)}`;
  const as = runs ? `; adopted as the org has it, never published by the stack: ${runs}` : "";
  const message = `drift not checked: the stack's state does not say when the flow was last deployed${as}`;
  return { severity: "info", code: "not-checked", ...flowOf(f), message };
}

/** `drift`, published by another party (a person, a script) while the stack deployed the flow (before Pulumi's record, during the provider's job poll). */
export function driftDuringDeploy(ctx: FindingContext, d: DriftReport): VerifyFinding {
  const p = d.publishedVersion;
  return {
    severity: "error",
    code: "drift",
    ...flowOf(d),
    message: `version ${p.id} was published ${iso(p.dateCreated)}${by(p)}, ${anotherParty(p)}, while this stack deployed the flow (Pulumi recorded it at ${iso(Date.parse(d.deployedAt))})`,
    fix: `keep it: bring the change into ${d.file} and deploy; or drop it: acknowledge it in ${stackFileName(ctx.stack)} (genesys-flows:acknowledge: {${d.id}: {reason: "<why>", version: "${p.id}"}}) and deploy a change of the flow; then verify again`,
  };
}

/** `unrecorded`: versions the stack's own client published after Pulumi's record (a run that stopped before recording them). */
export function unrecorded(
  ctx: FindingContext,
  f: DeployedFlow,
  p: OrgVersion,
  deployedAt: number,
  inRollout = false,
): VerifyFinding {
  return {
    severity: "warning",
    code: "unrecorded",
    ...flowOf(f),
    message:
      `the org runs version ${p.id}, published ${iso(p.dateCreated)}${by(p)} (this stack's own OAuth client) after Pulumi's record of the deploy (${iso(deployedAt)}): ` +
      `a run of this stack published it and stopped before recording it (killed or interrupted); no person changed the flow`,
    fix: inRollout
      ? `genesys-flows rollout status --stack ${ctx.stack} says what the org runs of the module's rollout in waves, and the one safe command when it disagrees with the record`
      : `${ctx.up} (it records what the stack deploys; nothing of a person's is overwritten), then verify again`,
  };
}

/** `drift`: the org runs a version published after the stack last deployed the flow. */
export function drift(d: DriftReport): VerifyFinding {
  const p = d.publishedVersion;
  const stackVersion = d.stackVersion;
  return {
    severity: "error",
    code: "drift",
    ...flowOf(d),
    message:
      `the org runs version ${p.id}, published ${iso(p.dateCreated)}${by(p)}, after this stack last deployed the flow (${iso(Date.parse(d.deployedAt))}` +
      `${stackVersion ? `, version ${stackVersion.id}` : ""}): it was changed outside the stack (in Architect, or by another tool)` +
      (d.since.length > 1 ? `; versions since: ${d.since.map((v) => v.id).join(", ")}` : ""),
    fix: `keep it: bring the change into ${d.file} and deploy; or drop it: publish version ${stackVersion?.id ?? "the stack's version"} again in Architect, or change ${d.file} and deploy (a deploy republishes a flow only when its file or a module it calls changes); then verify again`,
  };
}

/** `wave-held`: a caller a rollout in waves keeps on the module version it was published with, on purpose. */
export function waveHeld(m: ModuleRef, c: CallerReport, why: string): VerifyFinding {
  return {
    severity: "info",
    code: "wave-held",
    ...flowOf(c),
    message: `runs module ${m.publishedName} version ${c.moduleVersion} (the module's published version is ${m.published}): ${why}`,
  };
}

/** `same-content`: a caller runs an older module version with the content the module's published one has again. */
export function sameContent(m: ModuleRef, c: CallerReport): VerifyFinding {
  return {
    severity: "info",
    code: "same-content",
    ...flowOf(c),
    message: `runs module ${m.publishedName} version ${c.moduleVersion}, the content the module's published version ${m.published} has again (the stack published both from revision ${m.revision.slice(0, 12)}: the same content published again, by a rollback or by a run that stopped and ran again): current`,
  };
}

/** `repeated-version`: a caller runs an older module version, and the module's published version is one no release recorded (a stopped run's): its content is not known. */
export function repeatedVersion(
  ctx: FindingContext,
  m: ModuleRef,
  c: CallerReport,
  released: readonly string[],
  rollback?: string,
): VerifyFinding {
  return {
    severity: "error",
    code: "repeated-version",
    ...flowOf(c),
    message:
      `runs module ${m.publishedName} version ${c.moduleVersion}; the module's published version ${m.published} is one no release of the stack recorded (they recorded ${released.join(", ")}): ` +
      `a run of the stack published the module again and stopped before recording it${rollback ? ` (the module's rollout records a rollback to ${rollback}: ${m.published} is likely ${rollback}'s content)` : ""}, so which content ${m.published} has is not known, and a caller published now takes it`,
    fix: rollback
      ? `genesys-flows rollback --stack ${ctx.stack} --to ${rollback} (it finishes the rollback; genesys-flows rollout status --stack ${ctx.stack} says what the org runs)`
      : `genesys-flows rollout status --stack ${ctx.stack} says what the org runs; genesys-flows rollback --stack ${ctx.stack} --to previous, then ${ctx.up}, publishes the module before its callers, each recorded`,
  };
}

/** `stale-caller`: a caller of the stack runs an older version of a module than the module's published one. */
export function staleCaller(ctx: FindingContext, m: ModuleRef, c: CallerReport): VerifyFinding {
  return {
    severity: "error",
    code: "stale-caller",
    ...flowOf(c),
    message: `runs module ${m.publishedName} version ${c.moduleVersion}, but the module's published version is ${m.published}: the caller was not republished after the module changed${ctx.indexNote}`,
    fix: `${ctx.up} (a module change republishes its callers; if the last deploy failed half-way, it finishes it)`,
  };
}

/** `missing-dependency`: dependency tracking has no such edge for the caller's published version. */
export function missingDependency(ctx: FindingContext, m: ModuleRef, c: CallerReport): VerifyFinding {
  return {
    severity: "error",
    code: "missing-dependency",
    ...flowOf(c),
    message: `the stack deployed it calling module ${m.publishedName}, but the org's dependency tracking has no such dependency for its published version${ctx.indexNote}`,
    fix: `check the flow in Architect (or dependency tracking, which may be behind: rebuild it), then verify again`,
  };
}

/** `not-checked` (a caller): dependency tracking does not say which module version it consumed. */
export function consumedVersionUnknown(m: ModuleRef, c: CallerReport): VerifyFinding {
  return {
    severity: "warning",
    code: "not-checked",
    ...flowOf(c),
    message: `dependency tracking does not say which version of module ${m.publishedName} it consumed`,
  };
}

/** `stale-embedded`: a module compiled with a changed module in place was not republished with it. */
export function staleEmbedded(ctx: FindingContext, m: ModuleRef, e: CallerReport): VerifyFinding {
  return {
    severity: "error",
    code: "stale-embedded",
    ...flowOf(e),
    message: `is compiled with module ${m.publishedName} in place (Genesys tracks no dependency between modules), and was last published with an older revision of it than the stack deployed since`,
    fix: `${ctx.up} (it republishes the modules compiled with a changed module)`,
  };
}

/** `outside-stale`: a flow outside the stack runs an older version of the module; its owner's to fix. */
export function outsideStale(m: ModuleRef, c: OutsideCaller): VerifyFinding {
  return {
    severity: "warning",
    code: "outside-stale",
    flow: c.name,
    message: `${typeLabel(c.type)} outside this stack (flow id ${c.flowId}, version ${c.version}) runs module ${m.publishedName} (${m.file}) version ${c.moduleVersion}; the module's published version is ${m.published}`,
    fix: `its owner republishes it to pick up the module (open it in Architect and publish), or bring it into this stack`,
  };
}

/** `outside-current`: a flow outside the stack calls the module at its published version, and will not follow its next change. */
export function outsideCurrent(m: ModuleRef, c: OutsideCaller): VerifyFinding {
  return {
    severity: "info",
    code: "outside-current",
    flow: c.name,
    message: `${typeLabel(c.type)} outside this stack (flow id ${c.flowId}, version ${c.version}) calls module ${m.publishedName} (${m.file}), at its published version${c.moduleVersion ? ` ${c.moduleVersion}` : ""}; it will not pick up the module's next change unless it is republished`,
  };
}

/** `pending`: the flow files plan a revision the stack has not deployed (`reason` when a rollout in waves is why). */
export function pending(
  ctx: FindingContext,
  f: DeployedFlow,
  reason: { message: string; fix: string } | undefined,
): VerifyFinding {
  return {
    severity: "info",
    code: "pending",
    ...flowOf(f),
    message: reason?.message ?? `${f.file} (or a module it calls) has changes this stack has not deployed yet`,
    fix: reason?.fix ?? ctx.up,
  };
}

/** `pending`: a flow of the files the stack has never deployed. */
export function notDeployed(ctx: FindingContext, id: string): VerifyFinding {
  return { severity: "info", code: "pending", flow: id, message: `flow ${id} is not deployed yet`, fix: ctx.up };
}
