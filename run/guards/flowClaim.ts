// Guard: the claim on a new flow name, made at the org at the moment the engine creates the flow.
// The ownership guard looks every name up when the run starts; a run of another stack (or another
// checkout with a state of its own) may create the same name at the same time, and Genesys publishes
// by name: both creates would land on one flow and both stacks would claim it. So just before the
// engine creates a flow (a new one, or the new half of a rename), its name is looked up again
// (refused, as at the start, when the org has a flow of it the stack's state did not have) and then
// claimed by creating the flow by name (POST /api/v2/flows, atomic at the org: ownership/claim.ts),
// which the provider's publish job then configures. A 409 means another run claimed it first: the
// create is refused naming the holder. A claim a stopped run left unpublished is deleted and claimed
// again (still one winner). Not in a preview: nothing is created there.
import { randomUUID } from "node:crypto";
import { decideOwnership, needsOrgLookup, orgMatchOf, refusalMessage, type OwnedFlowPlan } from "../../ownership/check";
import { claimDescription, isLeftoverClaim } from "../../ownership/claim";
import { parseStackExport } from "../../org/stackExport";
import { createFlowByName, findFlowsByName, listFlowsOfType } from "../../org/flows";
import type { OrgApi } from "../../org/client";
import type { OrgFlow } from "../../org/model";
import { sameName } from "../../ownership/check";
import { stackFileName } from "../../project/stackFile";
import { ownedFlowPlans } from "./ownership";
import { nothing, type Guard } from "./guard";

/** Creates looked up one by one; after them, each type is listed, at most once per window. */
const FEW = 10;
const WINDOW_MS = 15_000;

export const flowClaimGuard: Guard<"flowClaim", undefined> = {
  name: "flowClaim",
  description: "the claim on a new flow name, checked at the org when the flow is created",
  onPreview: true,
  async decide() {
    return nothing;
  },
  hooks(run) {
    // A run that creates many flows reads each type's list once per window instead of a request
    // per name (the org's request budget: a first deploy of hundreds of flows).
    const listed = new Map<string, { at: number; flows: Promise<OrgFlow[]> }>();
    let creates = 0;
    const runId = randomUUID().slice(0, 8);
    const holders = async (name: string, type: string): Promise<OrgFlow[]> => {
      const api = (await run.connection()).api;
      if (++creates <= FEW) return findFlowsByName(api, name, type);
      let l = listed.get(type);
      if (!l || Date.now() - l.at > WINDOW_MS) listed.set(type, (l = { at: Date.now(), flows: listFlowsOfType(api, type) }));
      return (await l.flows).filter((f) => sameName(f.name, name));
    };
    return {
      async before(change) {
        if (change.resource !== "flow" || change.action !== "create" || change.dryRun) return;
        const plan = ownedFlowPlans(run.portfolio()).find((p) => p.resourceName === change.name);
        if (!plan || plan.adopt !== undefined) return;
        const state = parseStackExport(run.stack, await run.exportText()).ownership;
        if (!needsOrgLookup(plan, state)) return;
        const found = await holders(plan.publishedName, plan.type);
        const ctx = { stack: run.stack, stackFile: stackFileName(run.stack), state, now: Date.now() };
        const verdict = decideOwnership(plan, ctx, found);
        if (!verdict.ok) throw new Error(`refused before ${plan.publishedName} is created: its name was taken in the org since this run started (another stack or checkout creating it too?)\n${verdict.message}`);
        if (!run.portfolio().settings.claimNewNames) return;
        const api = (await run.connection()).api;
        const leftover = orgMatchOf(plan, found);
        if (leftover && isLeftoverClaim(leftover, ctx.now)) await api.delete(`/api/v2/flows/${encodeURIComponent(leftover.flowId)}`).catch(() => undefined); // another's: the create below says so
        await claim(api, plan, claimDescription(run.stack, runId, Date.now()), ctx);
      },
    };
  },
};

/** Creates the flow by name (the claim), or refuses naming whoever holds the name at the org now. */
async function claim(api: OrgApi, plan: OwnedFlowPlan, description: string, ctx: Parameters<typeof refusalMessage>[1]): Promise<void> {
  if (await createFlowByName(api, { name: plan.publishedName, type: plan.type, description })) return;
  const holder = orgMatchOf(plan, await findFlowsByName(api, plan.publishedName, plan.type));
  if (holder?.description === description) return; // this run's own claim: a create the client retried
  const who = holder ? refusalMessage(plan, ctx, holder) : `${plan.file} (flow ${plan.id}): the org answered 409 to creating "${plan.publishedName}" (${plan.type}) and then listed no flow of that name; run the deploy again.`;
  throw new Error(`refused before ${plan.publishedName} is created: another run claimed the name first (a stack or checkout creating it at the same time)\n${who}`);
}
