// Guard: the claim on a new flow name, made at the org just before the engine creates the flow.
// Genesys publishes by name: two runs (stacks, checkouts) creating one name at once would both land
// on one flow, and a lookup cannot stop it (a flow being published is not listed until its job
// ends: project/assumptions.yaml publishVisibility). Creating a flow by name is atomic (409 for a
// taken name), so the run claims the name that way (ownership/claim.ts): by default a flow of
// another name, held while the new flow publishes (the name looked up again once held) and deleted
// once it is listed; the new flow itself where the org's probe record says its jobs configure one
// (claimPublish) or the stack file sets claimNewNames. The loser is refused before it publishes,
// naming the holder; a claim a stopped run left is taken over after five minutes. Not in a preview.
import { randomUUID } from "node:crypto";
import { decideOwnership, needsOrgLookup, orgMatchOf, refusalMessage, type OwnedFlowPlan, type OwnershipContext } from "../../ownership/check";
import { claimDescription, claimNameOf, describeClaim, isLeftoverClaim } from "../../ownership/claim";
import { parseStackExport } from "../../org/stackExport";
import { createFlowByName, findFlowsByName, unlockFlow } from "../../org/flows";
import type { OrgApi } from "../../org/client";
import { readProbeRecord } from "../../project/probeRecord";
import { stackFileName } from "../../project/stackFile";
import type { StackRun } from "../stackRun";
import { ownedFlowPlans } from "./ownership";
import { nothing, type Guard, type GuardOutput } from "./guard";

/** How long a claim beside a new flow waits for the flow to be listed before it lets go anyway (Genesys: "a few seconds"). */
const LISTED_WITHIN_MS = 30_000;

type Context = OwnershipContext & { now: number };

export const flowClaimGuard: Guard<"flowClaim", undefined> = {
  name: "flowClaim",
  description: "the claim on a new flow name, checked at the org when the flow is created",
  onPreview: true,
  async decide() {
    return nothing;
  },
  hooks(run, output) {
    const runId = randomUUID().slice(0, 8);
    let itself: Promise<boolean> | undefined;
    /** Claims held beside a new flow, by its resource name, until the flow is listed. */
    const held = new Map<string, { claimId: string; plan: OwnedFlowPlan }>();
    return {
      async before(change) {
        if (change.resource !== "flow" || change.action !== "create" || change.dryRun) return;
        const plan = ownedFlowPlans(run.portfolio()).find((p) => p.resourceName === change.name);
        if (!plan || plan.adopt !== undefined) return;
        const state = parseStackExport(run.stack, await run.exportText()).ownership;
        if (!needsOrgLookup(plan, state)) return;
        const api = (await run.connection()).api;
        const ctx = { stack: run.stack, stackFile: stackFileName(run.stack), state, now: Date.now() };
        const description = claimDescription(run.stack, runId, ctx.now);
        if (await (itself ??= claimsItself(run))) {
          await recheck(api, plan, ctx, output);
          await claim(api, plan, plan, description, ctx);
          return;
        }
        const claimPlan = { ...plan, publishedName: claimNameOf(plan.publishedName, plan.type) };
        const claimId = await claim(api, claimPlan, plan, description, ctx);
        // Held now: a run that held it before let go only once its flow was listed.
        await recheck(api, plan, ctx, output).catch(async (e: unknown) => {
          await release(api, claimId, claimPlan.publishedName, output);
          throw e;
        });
        held.set(change.name, { claimId, plan: claimPlan });
      },
      async afterCreate(change) {
        const mine = held.get(change.name);
        if (!mine) return;
        held.delete(change.name);
        const api = (await run.connection()).api;
        const name = ownedFlowPlans(run.portfolio()).find((p) => p.resourceName === change.name)?.publishedName ?? "";
        for (const until = Date.now() + LISTED_WITHIN_MS; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
          if ((await findFlowsByName(api, name, mine.plan.type)).length > 0) break;
        }
        await release(api, mine.claimId, mine.plan.publishedName, output);
      },
    };
  },
};

/** Whether the claim is the new flow itself: the stack file says so, or the org's probe record says its jobs configure a flow created by name. */
async function claimsItself(run: StackRun): Promise<boolean> {
  const set = run.portfolio().settings.claimNewNames;
  if (set !== undefined) return set;
  return readProbeRecord(run.root, (await run.organization()).id)?.results.claimPublish?.answer === "configures";
}

/**
 * The name looked up again: refused, as at the start, when the org has a flow of it the stack's state
 * did not have; a claim of the name itself that a stopped run left is deleted (a publish would meet it).
 */
async function recheck(api: OrgApi, plan: OwnedFlowPlan, ctx: Context, output: GuardOutput): Promise<void> {
  const found = await findFlowsByName(api, plan.publishedName, plan.type);
  const verdict = decideOwnership(plan, ctx, found);
  if (!verdict.ok) throw new Error(`refused before ${plan.publishedName} is created: its name was taken in the org since this run started (another stack or checkout creating it too?)\n${verdict.message}`);
  const left = orgMatchOf(plan, found);
  if (left && isLeftoverClaim(left, ctx.now)) await release(api, left.flowId, left.name, output);
}

/**
 * Creates `claimPlan`'s flow by name (the claim on `plan`'s name), its id; or refuses naming whoever
 * holds the claim now. A claim a stopped run left is deleted and made again (still one winner).
 */
async function claim(api: OrgApi, claimPlan: OwnedFlowPlan, plan: OwnedFlowPlan, description: string, ctx: Context): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const id = await createFlowByName(api, { name: claimPlan.publishedName, type: claimPlan.type, description });
    if (id !== undefined) return id;
    const holder = orgMatchOf(claimPlan, await findFlowsByName(api, claimPlan.publishedName, claimPlan.type));
    if (holder?.description === description) return holder.flowId; // this run's own claim: a create the client retried
    if (attempt === 0 && holder && isLeftoverClaim(holder, ctx.now)) {
      await removeClaim(api, holder.flowId).catch(() => undefined); // another's: the create again says so
      continue;
    }
    const who = holder
      ? claimPlan === plan
        ? refusalMessage(plan, ctx, holder)
        : `${plan.file} (flow ${plan.id}) publishes "${plan.publishedName}" (${plan.type}), which another run is creating: its claim, flow ${holder.flowId} "${holder.name}", is ${describeClaim(holder) ?? "held"}`
      : `${plan.file} (flow ${plan.id}): the org answered 409 to creating the claim "${claimPlan.publishedName}" (${plan.type}) and then listed no flow of that name: another run holds it, or one that stopped left it and the org does not list a flow created by name (claimListed, docs/assumptions.md); run the deploy again, or delete the flow "${claimPlan.publishedName}" in Architect if no run is creating "${plan.publishedName}".`;
    throw new Error(`refused before ${plan.publishedName} is created: another run claimed the name first (a stack or checkout creating it at the same time)\n${who}`);
  }
}

/** Deletes a flow created by name; where the org refuses (it is checked out), unlocks it first (unlockConfigurationless). */
async function removeClaim(api: OrgApi, id: string): Promise<void> {
  const remove = () => api.delete(`/api/v2/flows/${encodeURIComponent(id)}`);
  await remove().catch(async () => (await unlockFlow(api, id), remove()));
}

/** Deletes a claim held beside a new flow; where the org refuses (the flow is checked out), unlocks it first. */
async function release(api: OrgApi, claimId: string, name: string, output: GuardOutput): Promise<void> {
  try {
    await removeClaim(api, claimId);
  } catch (e) {
    output.warn(`the claim "${name}" (flow ${claimId}) could not be deleted (${(e as Error).message}): delete it in Architect; it holds only a new create of the name it claims, and the next run takes it over after five minutes (claimDelete, docs/assumptions.md)`);
  }
}
