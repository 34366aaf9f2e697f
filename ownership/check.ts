// Ownership: before a create, the stack refuses to publish over a flow it does not manage.
// Genesys publishes by name (an import job upserts onto the active flow of that name and type,
// compared case-insensitively), so a new flow of the stack whose published name is taken in the
// org would silently overwrite someone else's flow. Pure: the program (components/ownership.ts)
// reads the state and the org and hands them over.
import type { StackOwnership } from "../org/model";

/** A flow the stack plans to deploy, as ownership sees it. */
export interface OwnedFlowPlan {
  /** Flow id, e.g. `sales` or `billing/after-hours`. */
  id: string;
  /** The Pulumi resource name of its genesyscloud Flow. */
  resourceName: string;
  /** The flow file, for messages (e.g. `flows/sales.yaml`). */
  file: string;
  publishedName: string;
  /** Genesys flow type, upper case (e.g. INBOUNDCALL). */
  type: string;
  /** The org flow the stack file says this flow takes over (`flows.<id>.adopt`). */
  adopt?: string;
}

/** A flow the org holds under a name the stack looked up. */
export interface OrgNamedFlow {
  flowId: string;
  name: string;
  /** Upper case, e.g. INBOUNDCALL. */
  type: string;
}

export interface OwnershipContext {
  stack: string;
  /** For messages, e.g. `Pulumi.dev.yaml`. */
  stackFile: string;
  state: StackOwnership;
}

export type OwnershipVerdict = { id: string; ok: true; why: string } | { id: string; ok: false; message: string };

/** Genesys compares flow names case-insensitively. */
export const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Whether publishing `plan` may land on a flow the state does not know: it is not in the state
 * under its resource name with the same name (a new flow, or a renamed one), and it is no create
 * of this stack that never finished. Only these are looked up in the org.
 */
export function needsOrgLookup(plan: OwnedFlowPlan, state: StackOwnership): boolean {
  const inState = state.flows.find((f) => f.resourceName === plan.resourceName);
  if (inState) return inState.name === undefined || !sameName(inState.name, plan.publishedName);
  return !state.unfinishedCreates.some((c) => c.resourceName === plan.resourceName && (c.name === undefined || sameName(c.name, plan.publishedName)));
}

/** The org flow publishing `plan` would land on: same name (any case), same type. */
export function orgMatchOf(plan: OwnedFlowPlan, org: readonly OrgNamedFlow[]): OrgNamedFlow | undefined {
  return org.find((f) => sameName(f.name, plan.publishedName) && f.type.toUpperCase() === plan.type.toUpperCase());
}

/** Decides one planned flow, given the org's flows of its name (as looked up). */
export function decideOwnership(plan: OwnedFlowPlan, ctx: OwnershipContext, org: readonly OrgNamedFlow[]): OwnershipVerdict {
  const { id } = plan;
  if (!needsOrgLookup(plan, ctx.state)) return { id, ok: true, why: "managed by this stack" };
  const match = orgMatchOf(plan, org);
  if (!match) return { id, ok: true, why: "no flow of that name in the org" };
  const inState = ctx.state.flows.find((f) => f.resourceName === plan.resourceName);
  if (inState?.flowId === match.flowId) return { id, ok: true, why: "the org flow is this stack's" };
  if (plan.adopt === match.flowId) return { id, ok: true, why: "adopted" };
  const other = ctx.state.flows.find((f) => f.flowId === match.flowId);
  return { id, ok: false, message: other ? sharedMessage(plan, match, other.resourceName) : refusalMessage(plan, ctx, match) };
}

function what(plan: OwnedFlowPlan): string {
  return `${plan.file} (flow ${plan.id}) publishes "${plan.publishedName}" (${plan.type})`;
}

function taken(match: OrgNamedFlow): string {
  return `flow ${match.flowId}${match.name !== "" ? ` "${match.name}"` : ""}`;
}

/** The org flow is someone else's: made in Architect or by another stack. */
export function refusalMessage(plan: OwnedFlowPlan, ctx: Pick<OwnershipContext, "stack" | "stackFile">, match: OrgNamedFlow): string {
  const adoptNote = plan.adopt !== undefined ? ` (${ctx.stackFile} says to adopt ${plan.adopt}, a different flow)` : "";
  return [
    `${what(plan)}, but the org already has ${taken(match)} of that name and type, which this stack does not manage${adoptNote}: it was made in Architect or by another stack. Publishing would overwrite it (Genesys publishes by name).`,
    `  To take it over, adopt it: set flows.${plan.id}.adopt: ${match.flowId} under genesys-flows:flows in ${ctx.stackFile},` +
      ` or import it with \`npm run flows:import -- --stack ${ctx.stack} --prefix "${match.name || plan.publishedName}"\` (it writes its own flow file); or rename this flow.`,
  ].join("\n");
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
