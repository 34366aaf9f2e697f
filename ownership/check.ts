// Ownership: before anything registers, the stack refuses to publish over a flow it does not
// manage. Genesys publishes by name (an import job upserts onto the active flow of that name and
// type, compared case-insensitively), so a flow of the stack whose published name is held in the
// org by a flow the stack did not make would silently overwrite it: a new flow's name taken, or a
// flow of the state deleted in Architect and rebuilt by hand under the same name. And a stack
// belongs to one org: a run whose provider reaches another org than the one the stack is bound to
// (its stack file's orgId, or the org its state recorded) stops first. Pure: the program
// (run/ownership/guard.ts) reads the state and the org and hands them over.
import type { OrgIdentity, OrgVersion, StackOwnership, UnfinishedCreate } from "../org/model";
import type { PlannedFlow } from "../planner/portfolio";
import { madeByStack } from "../org/personChanges";
import { deployCommand, forgetAndDeployCommand, renameFix } from "../project/deployCommand";
import { claimNameOf, describeClaim, isLeftoverClaim, isOwnClaim, type ClaimedFlow } from "./claim";

/** A flow the stack plans to deploy, as ownership sees it: the planner's names of it, and its Genesys type. */
export interface OwnedFlowPlan extends Pick<PlannedFlow, "id" | "resourceName" | "file" | "publishedName" | "adopt"> {
  /** Genesys flow type, upper case (e.g. INBOUNDCALL). */
  type: string;
}

/** A flow the org holds under a name the stack looked up (a claim's description and versions, when read). */
export interface OrgNamedFlow extends ClaimedFlow {
  flowId: string;
  name: string;
  /** Upper case, e.g. INBOUNDCALL. */
  type: string;
  /** Architect's lock, when the org reports one. */
  lock?: unknown;
  /** Every version the org keeps, when read: of a flow a stopped create of the stack may have made. */
  versions?: ReadonlyArray<Pick<OrgVersion, "createdByClientId" | "createdBy">>;
}

export interface OwnershipContext {
  stack: string;
  /** For messages, e.g. `Pulumi.dev.yaml`. */
  stackFile: string;
  state: StackOwnership;
  /** The time a claim's age is judged at (ownership/claim.ts); without it no claim counts as left over. */
  now?: number;
  /** The stack's own OAuth clients (verify/people/changesOfFlows.ts ownClientsOf): they made what a stopped create made. */
  own?: ReadonlySet<string>;
}

/**
 * `note`: an allowed flow worth a warning (the state's flow is gone from the org). `ours`: the org's
 * flow of the name, not in the state, is the stack's to take over: a claim it or a stopped run left
 * (deleted before the create), or the flow a stopped create of the stack made (published onto).
 */
export type OwnershipVerdict =
  | { id: string; ok: true; why: string; note?: string; ours?: "claim" | "flow" }
  | { id: string; ok: false; message: string };

/** Genesys compares flow names case-insensitively. */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The state's flow of `plan` when it is there under the same name (the stack published it). */
function stateFlowOf(plan: OwnedFlowPlan, state: StackOwnership) {
  const inState = state.flows.find((f) => f.resourceName === plan.resourceName);
  return inState?.name !== undefined && sameName(inState.name, plan.publishedName) ? inState : undefined;
}

/** The state's record of a create of `plan` that never finished: a flow "not yet ours", looked up as a new one. */
export function unfinishedOf(plan: Pick<OwnedFlowPlan, "resourceName">, state: StackOwnership) {
  return state.unfinishedCreates.find((c) => c.resourceName === plan.resourceName);
}

/** The name of the claim held beside `plan`'s name while it is created (ownership/claim.ts). */
export const besideClaim = (plan: OwnedFlowPlan): OwnedFlowPlan => ({
  ...plan,
  publishedName: claimNameOf(plan.publishedName, plan.type),
});

/** The org's flow of `plan`'s name whose versions say whether a stopped create of this stack made it, if any. */
export function takeoverCandidate(plan: OwnedFlowPlan, state: StackOwnership, org: readonly OrgNamedFlow[]) {
  const match = orgMatchOf(plan, org);
  const held = match !== undefined && state.flows.some((f) => f.flowId === match.flowId);
  return unfinishedOf(plan, state) && match?.publishedVersion !== undefined && !held ? match : undefined;
}

/**
 * Whether `match`, the org's flow of `plan`'s name, was made by a create of this stack that stopped
 * after the provider made it: the create stopped under this name (its record pending, or its own
 * claim still held beside the name: a stop the state no longer records), and the org says the flow
 * is the stack's: every version made by the stack's own client, none by another party, no lock.
 */
function madeByStoppedCreate(
  plan: OwnedFlowPlan,
  c: UnfinishedCreate,
  { org, match }: { org: readonly OrgNamedFlow[]; match: OrgNamedFlow },
  own: ReadonlySet<string>,
): boolean {
  if (c.name !== undefined && !sameName(c.name, plan.publishedName)) return false;
  const beside = orgMatchOf(besideClaim(plan), org);
  const stopped = c.why === "stopped" || (beside !== undefined && isOwnClaim(beside, c.claimKey));
  const versions = match.versions ?? [];
  return stopped && match.lock === undefined && versions.length > 0 && versions.every((v) => madeByStack(v, own));
}

/** The org flow publishing `plan` would land on: same name (any case), same type. */
export function orgMatchOf(plan: OwnedFlowPlan, org: readonly OrgNamedFlow[]): OrgNamedFlow | undefined {
  return org.find((f) => sameName(f.name, plan.publishedName) && f.type.toUpperCase() === plan.type.toUpperCase());
}

/**
 * Decides one planned flow, given the org's flows of its name and of its claim's name (as looked
 * up; takeoverCandidate's versions read). A flow the state does not hold is the stack's only when
 * the org says so: a claim or a flow a stopped create of this stack left.
 */
export function decideOwnership(
  plan: OwnedFlowPlan,
  ctx: OwnershipContext,
  org: readonly OrgNamedFlow[],
): OwnershipVerdict {
  const { id } = plan;
  const match = orgMatchOf(plan, org);
  const published = stateFlowOf(plan, ctx.state);
  const unfinished = unfinishedOf(plan, ctx.state);
  if (match && isOwnClaim(match, unfinished?.claimKey)) {
    return { id, ok: true, why: "a claim a stopped run of this stack left: the create takes it over", ours: "claim" };
  }
  if (match && ctx.now !== undefined && isLeftoverClaim(match, ctx.now)) {
    return { id, ok: true, why: "a claim a stopped run left unpublished: the create takes it over", ours: "claim" };
  }
  if (!match) {
    if (published)
      return {
        id,
        ok: true,
        why: "the stack's flow is gone from the org",
        note: goneNote(plan, ctx, published.flowId, published.urn),
      };
    return { id, ok: true, why: "no flow of that name in the org" };
  }
  const inState = ctx.state.flows.find((f) => f.resourceName === plan.resourceName);
  if (inState?.flowId === match.flowId) return { id, ok: true, why: "the org flow is this stack's" };
  if (plan.adopt === match.flowId) return { id, ok: true, why: "adopted" };
  if (published) return { id, ok: false, message: rebuiltMessage(plan, ctx, published.flowId, match, published.urn) };
  if (unfinished && madeByStoppedCreate(plan, unfinished, { org, match }, ctx.own ?? new Set())) {
    return { id, ok: true, why: "made by a create of this stack that stopped before its state held it", ours: "flow" };
  }
  const other = ctx.state.flows.find((f) => f.flowId === match.flowId);
  const message = other ? sharedMessage(plan, match, other.resourceName) : refusalMessage(plan, ctx, match, unfinished);
  return { id, ok: false, message };
}

function what(plan: OwnedFlowPlan): string {
  return `${plan.file} (flow ${plan.id}) publishes "${plan.publishedName}" (${plan.type})`;
}

function taken(match: OrgNamedFlow): string {
  const claim = describeClaim(match);
  return `flow ${match.flowId}${match.name !== "" ? ` "${match.name}"` : ""}${claim ? ` (${claim})` : ""}`;
}

/** This stack's own create of the name did not finish, and `match` is not one it made: who published it. */
function notMine(unfinished: UnfinishedCreate, match: OrgNamedFlow): string {
  const v = match.publishedVersion as { id?: string; createdBy?: string; createdByClient?: string } | undefined;
  const client = v?.createdByClient !== undefined ? ` via ${v.createdByClient}` : "";
  const by = v?.createdBy !== undefined ? `${v.createdBy}${client}` : (v?.createdByClient ?? "another party");
  const version = v?.id !== undefined ? ` (its version ${v.id} was published by ${by})` : "";
  const ended = unfinished.why === "stopped" ? "stopped" : "was refused";
  const not = `and this flow is not one it made${version}: its state holds the component, no flow`;
  return ` This stack's own create of it ${ended} before it finished, ${not}.`;
}

/** The org flow is someone else's: made in Architect or by another stack or checkout (`unfinished`: the stack's). */
export function refusalMessage(
  plan: OwnedFlowPlan,
  ctx: Pick<OwnershipContext, "stack" | "stackFile">,
  match: OrgNamedFlow,
  unfinished?: UnfinishedCreate,
): string {
  const adoptNote = plan.adopt !== undefined ? ` (${ctx.stackFile} says to adopt ${plan.adopt}, a different flow)` : "";
  const mine = unfinished ? notMine(unfinished, match) : "";
  return [
    `${what(plan)}, but the org already has ${taken(match)} of that name and type, ` +
      `which this stack does not manage${adoptNote}: it was made in Architect or by another stack or checkout. ` +
      `Publishing would overwrite it (Genesys publishes by name).${mine}`,
    `  To take it over, adopt it: set flows.${plan.id}.adopt: ${match.flowId} under genesys-flows:flows in ${ctx.stackFile},` +
      ` or import it with \`npm run flows:import -- --stack ${ctx.stack} --prefix "${match.name || plan.publishedName}"\` (it writes its own flow file); or rename this flow.`,
  ].join("\n");
}

/** The stack's flow is gone and another flow of that name was made by hand: publishing would overwrite it. */
function rebuiltMessage(
  plan: OwnedFlowPlan,
  ctx: Pick<OwnershipContext, "stack" | "stackFile">,
  deployed: string,
  match: OrgNamedFlow,
  urn: string | undefined,
): string {
  // Not --refresh: the refresh fails on the deleted flow (410), project/deployCommand.ts.
  const refresh = urn
    ? forgetAndDeployCommand(ctx.stack, [urn])
    : `npm run pulumi -- state delete <its URN> --stack ${ctx.stack} --yes && ${deployCommand(ctx.stack)}`;
  return [
    `${what(plan)}; this stack published it as flow ${deployed}, but the org's flow of that name and type is now ${taken(match)}, which this stack did not publish: the stack's flow was deleted (in Architect) and this one made under the same name. Publishing would overwrite it (Genesys publishes by name).`,
    `  To take it over: set flows.${plan.id}.adopt: ${match.flowId} under genesys-flows:flows in ${ctx.stackFile}, then run \`${refresh}\` (it forgets the deleted flow's id, the deploy adopts this one);` +
      ` or delete or rename it in Architect, then \`${refresh}\` publishes the stack's flow again; or rename this flow.`,
  ].join("\n");
}

/** The stack's flow is gone from the org and nothing holds its name: a warning, the run may go on. */
function goneNote(
  plan: OwnedFlowPlan,
  ctx: Pick<OwnershipContext, "stack">,
  deployed: string,
  urn: string | undefined,
): string {
  const forget = urn
    ? `\`${forgetAndDeployCommand(ctx.stack, [urn])}\``
    : `forget its resource in the stack's state (\`npm run pulumi -- state delete <its URN> --stack ${ctx.stack} --yes\`), then \`${deployCommand(ctx.stack)}\``;
  return (
    `${plan.file} (flow ${plan.id}): flow ${deployed} "${plan.publishedName}", which this stack published, is no longer in the org under that name (deleted or renamed in Architect). ` +
    `An update whose file did not change leaves it gone, and one that changed fails with "Failed to unlock targeted flow ${deployed}" when forceUnlock is on (the provider unlocks the deleted flow first). ` +
    `Deleted: ${forget} publishes it again (\`--refresh\` fails: Genesys answers 410 for a deleted flow, and the provider forgets a flow only on 404); ` +
    `renamed: ${renameFix({ flow: plan.id, publishedName: plan.publishedName, flowId: deployed }, ctx.stack)}.`
  );
}

/** The warnings of the verdicts (flows of the state gone from the org), in order. */
export function ownershipNotes(verdicts: readonly OwnershipVerdict[]): string[] {
  return verdicts.flatMap((v) => (v.ok && v.note !== undefined ? [v.note] : []));
}

/** The org the stack belongs to, when the stack file or the state says, and the org the run reaches. */
export interface OrgBinding {
  stack: string;
  stackFile: string;
  /** genesys-flows:orgId of the stack file. */
  pinned?: string;
  /** The org the stack's last deploy recorded in its state. */
  recorded?: OrgIdentity;
  /** The org the provider's settings reach (GET /organizations/me). */
  reached: OrgIdentity;
  /** Where the provider's settings point, for the message (e.g. `the gateway http://127.0.0.1:8080`). */
  target: string;
}

const orgLabel = (o: OrgIdentity): string => `${o.id}${o.name !== "" ? ` "${o.name}"` : ""}`;

/** Why the run must stop because it reaches another org than the stack's, or undefined. */
export function orgBindingRefusal(b: OrgBinding): string | undefined {
  const reached = `its provider settings reach org ${orgLabel(b.reached)} (${b.target})`;
  const stop = "refusing to deploy there (nothing was registered)";
  if (b.pinned !== undefined && b.pinned !== b.reached.id) {
    return [
      `stack "${b.stack}" belongs to org ${b.pinned}${b.recorded?.id === b.pinned && b.recorded.name !== "" ? ` "${b.recorded.name}"` : ""} (genesys-flows:orgId in ${b.stackFile}), but ${reached}: ${stop}.`,
      `  Point provider.region or provider.gateway and the credentials of ${b.stackFile} back at org ${b.pinned}; to deploy these flows to org ${b.reached.id}, use a stack of its own (npm run pulumi -- stack init <name>, with its own Pulumi.<name>.yaml).`,
    ].join("\n");
  }
  if (b.recorded !== undefined && b.recorded.id !== b.reached.id) {
    return [
      `stack "${b.stack}" deployed to org ${orgLabel(b.recorded)} (recorded in its state), but ${reached}: ${stop}. The state's flow ids are that org's; publishing here would overwrite this org's flows of the same names.`,
      `  Point provider.region or provider.gateway and the credentials of ${b.stackFile} back at org ${b.recorded.id}; to deploy these flows to org ${b.reached.id}, use a stack of its own (npm run pulumi -- stack init <name>, with its own Pulumi.<name>.yaml).`,
    ].join("\n");
  }
  return undefined;
}

/** The org flow is this stack's, deployed from another file: two resources would share one flow. */
function sharedMessage(plan: OwnedFlowPlan, match: OrgNamedFlow, owner: string): string {
  return [
    `${what(plan)}, but that is ${taken(match)}, which this stack deploys as flow ${owner}: both would publish onto one Genesys flow, and removing ${owner} would delete it.`,
    `  Keep one of them: give this flow another name, or remove ${owner} in one \`up\` and add this flow in the next.`,
  ].join("\n");
}

/** Every refusal as one message, or undefined when every flow may be published. */
export function ownershipProblems(verdicts: readonly OwnershipVerdict[]): string | undefined {
  const refused = verdicts.filter((v): v is Extract<OwnershipVerdict, { ok: false }> => !v.ok);
  if (refused.length === 0) return undefined;
  const head = `refusing to publish ${refused.length === 1 ? "a flow" : `${refused.length} flows`} over flows this stack does not manage (nothing was deployed):`;
  return [head, ...refused.map((v) => v.message)].join("\n");
}

type OrgRef = { id: string; name: string };

/** A routing object the stack would create whose name (a DID pool: its range) an object outside the stack holds. */
export function routingTakenMessage(
  o: { id: string; file: string; label: string; publishedName: string },
  holder: OrgRef,
  stackFile: string,
): string {
  return [
    `${o.file} (routing ${o.id}) creates the ${o.label} "${o.publishedName}", ` +
      `but the org already has ${o.label} ${holder.id} "${holder.name}", ` +
      "which this stack does not manage: it was made in Architect or by another stack or checkout. " +
      "Creating it would fail (Genesys: one object of a kind per name).",
    `  To take it over, adopt it: set objects.${o.id}.adopt: ${holder.id} under genesys-flows:routing ` +
      `in ${stackFile}; or give this one another name.`,
  ].join("\n");
}
