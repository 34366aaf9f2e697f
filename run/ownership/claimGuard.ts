// Guard: the claim on a new flow name, made at the org just before the engine creates the flow.
// Genesys publishes by name: two runs (stacks, checkouts) creating one name at once would both land
// on one flow, and a lookup cannot stop it (a flow being published is not listed until its job
// ends: project/assumptions.yaml publishVisibility). Creating a flow by name is atomic (409 for a
// taken name), so the run claims the name that way (ownership/claim.ts): by default a flow of
// another name, held while the new flow publishes (the name looked up again once held) and deleted
// once it is listed; the new flow itself where the org's probe record says its jobs configure one
// (claimPublish) or the stack file sets claimNewNames. A flow the state does not hold, a create a
// run stopped or was refused included, is claimed the same way, and so is a new routing object's
// name. The loser is refused before it publishes, naming the holder; a claim this stack's state
// made (its component's claim key) is taken over at once, one a stopped run of another state left
// after five minutes; a claim this stack's state left for a name it no longer creates is deleted
// before the run registers anything. Not in a preview.
import { randomUUID } from "node:crypto";
import { decideOwnership, orgMatchOf, refusalMessage, sameName, type OwnedFlowPlan } from "../../ownership/check";
import type { OwnershipContext } from "../../ownership/check";
import { claimDescription, claimNameOf, describeClaim, isLeftoverClaim, isOwnClaim } from "../../ownership/claim";
import { createFlowByName, findFlowsByName, unlockFlow } from "../../org/flows";
import type { OrgApi } from "../../org/client";
import type { StackOwnership } from "../../org/model";
import { readProbeRecord } from "../../project/probeRecord";
import { stackFileName } from "../../project/stackFile";
import type { StackRun } from "../stackRun";
import { lookUpName, ownClients, ownedFlowPlans } from "./guard";
import { takenInOrg } from "./routingNames";
import { unitOf } from "../../model/routing/kinds";
import { nothing, type Guard, type GuardNote, type GuardOutput } from "../guards/guard";
import { claimKeys } from "./claimKeys";

/** How long a claim beside a new flow waits for the flow to be listed before it lets go anyway (Genesys: "a few seconds"). */
const LISTED_WITHIN_MS = 30_000;

type Context = OwnershipContext & { now: number };

/** What a claim is on, in a refusal's words: its name, and what the run was about to create. */
interface Claimed {
  name: string;
  subject: string;
  /** The new flow, when the claim is the flow itself. */
  itself?: OwnedFlowPlan;
}

export const flowClaimGuard: Guard<"flowClaim", undefined> = {
  name: "flowClaim",
  description: "the claim on a new flow name, checked at the org when the flow is created",
  onPreview: false,
  async decide(run) {
    const notes: GuardNote[] = [];
    const note = (level: GuardNote["level"]) => (text: string) => notes.push({ level, text });
    await removeLeftClaims(run, (await run.state()).ownership, { warn: note("warn"), info: note("info") });
    return { ...nothing, notes };
  },
  hooks(run, output) {
    const runId = randomUUID().slice(0, 8);
    let itself: Promise<boolean> | undefined;
    let own: Promise<ReadonlySet<string> | undefined> | undefined;
    /** Claims held beside a new flow (or routing object), by its resource name, until it is listed. */
    const held = new Map<string, { claimId: string; plan: OwnedFlowPlan }>();
    return {
      async before(change) {
        if (change.action !== "create" || change.dryRun) return;
        if (change.resource === "routing") {
          const claimed = await claimRouting(run, change.name, claimDescription(run.stack, runId, Date.now()), output);
          if (claimed) held.set(change.name, claimed);
          return;
        }
        const plan = ownedFlowPlans(run.portfolio()).find((p) => p.resourceName === change.name);
        if (!plan || plan.adopt !== undefined) return;
        const state = (await run.state()).ownership;
        const api = (await run.connection()).api;
        const ctx: Context = { stack: run.stack, stackFile: stackFileName(run.stack), state, now: Date.now() };
        const ownSet = await (own ??= ownClients(api, state, run.settings()));
        if (ownSet) ctx.own = ownSet;
        const key = (await claimKeys(run)).get(change.name);
        const description = claimDescription(run.stack, key ?? runId, ctx.now);
        if (await (itself ??= claimsItself(run, output))) {
          // The name held by the flow a stopped create of this stack made: the publish lands on it.
          if (await recheck(api, plan, ctx, output)) return;
          await claim(api, plan, { ...subjectOf(plan), itself: plan }, description, ctx, key);
          return;
        }
        const claimPlan = { ...plan, publishedName: claimNameOf(plan.publishedName, plan.type) };
        const claimId = await claim(api, claimPlan, subjectOf(plan), description, ctx, key);
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
        // A routing object is read back as written: its create's answer lists it.
        const until = change.resource === "flow" ? Date.now() + LISTED_WITHIN_MS : 0;
        for (; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
          if ((await findFlowsByName(api, name, mine.plan.type)).length > 0) break;
        }
        await release(api, mine.claimId, mine.plan.publishedName, output);
      },
      // A failed create (a publish Genesys refused) leaves no claim behind: the next run claims the name again.
      async createFailed(change) {
        const mine = held.get(change.name);
        if (!mine) return;
        held.delete(change.name);
        await release((await run.connection()).api, mine.claimId, mine.plan.publishedName, output);
      },
    };
  },
};

/**
 * Whether the claim is the new flow itself: the stack file says so, or the org's probe record says
 * its jobs configure a flow created by name. Said once when it is: should the org's publish jobs
 * refuse a flow created by name after all, the publish fails on its own claim.
 */
async function claimsItself(run: StackRun, output: GuardOutput): Promise<boolean> {
  const set = run.portfolio().settings.claimNewNames;
  const stackFile = stackFileName(run.stack);
  const probed = async () => readProbeRecord(run.root, (await run.organization()).id)?.results.claimPublish?.answer;
  const itself = set ?? (await probed()) === "configures";
  if (itself) {
    const why =
      set !== undefined
        ? `genesys-flows:claimNewNames: true in ${stackFile}`
        : "the org's probe record says its publish jobs configure one";
    output.warn(
      `new flow names are claimed as the new flows themselves, created by name before they publish (${why}). ` +
        `Should a publish fail "locked by another entity" on its own claim, this org's publish jobs refuse ` +
        "a flow created by name (claimPublish, docs/assumptions.md): " +
        `set genesys-flows:claimNewNames: false in ${stackFile}; the next run removes the claim and deploys.`,
    );
  }
  return itself;
}

/**
 * The name looked up again: refused, as at the start, when the org has a flow of it the stack's state
 * did not have; a claim of the name itself that this stack's state or a stopped run left is deleted (a
 * publish would meet it). True when the org's flow of the name is one a stopped create of this stack made.
 */
async function recheck(api: OrgApi, plan: OwnedFlowPlan, ctx: Context, output: GuardOutput): Promise<boolean> {
  const found = await lookUpName(api, plan, ctx.state);
  const verdict = decideOwnership(plan, ctx, found);
  if (!verdict.ok) {
    const since = "its name was taken in the org since this run started (another stack or checkout creating it too?)";
    throw new Error(`refused before ${plan.publishedName} is created: ${since}\n${verdict.message}`);
  }
  if (verdict.ours === "claim") {
    const left = orgMatchOf(plan, found)!;
    await release(api, left.flowId, left.name, output);
  }
  return verdict.ours === "flow";
}

const subjectOf = (plan: OwnedFlowPlan): Claimed => ({
  name: plan.publishedName,
  subject: `${plan.file} (flow ${plan.id}) publishes "${plan.publishedName}" (${plan.type})`,
});

/**
 * The claim on a new routing object's name (a DID pool's: its range), made at the org as a flow's is
 * (a flow of a name derived from the kind and the name, held while the object is created), then the
 * name looked up again: refused, naming the holder, when another run holds the claim or the org an
 * object of that name. What afterCreate lets go; undefined for an object the stack adopts.
 */
async function claimRouting(run: StackRun, resourceName: string, description: string, output: GuardOutput) {
  const o = run.routing().objects.find((x) => x.resourceName === resourceName);
  if (!o || o.adopt !== undefined) return undefined;
  const api = (await run.connection()).api;
  const what = `the ${unitOf(o.kind).label} "${o.publishedName}"`;
  const claimName = claimNameOf(`${o.kind}:${o.publishedName}`, "INBOUNDCALL");
  const plan = { id: o.id, resourceName, file: o.file, publishedName: claimName, type: "INBOUNDCALL" };
  const state = (await run.state()).ownership;
  const ctx = { stack: run.stack, stackFile: stackFileName(run.stack), state, now: Date.now() };
  const who = { name: what, subject: `${o.file} (routing ${o.id}) creates ${what}` };
  const claimId = await claim(api, plan, who, description, ctx);
  const taken = await takenInOrg(run, [o], api);
  if (taken !== undefined) {
    await release(api, claimId, plan.publishedName, output);
    const since = "its name was taken in the org since this run started (another stack or checkout creating it too?)";
    throw new Error(`refused before ${what} is created: ${since}\n${taken}`);
  }
  return { claimId, plan };
}

/**
 * Creates `claimPlan`'s flow by name (the claim on what `who` names), its id; or refuses naming
 * whoever holds the claim now. A claim this stack's state made (`key`), or one a stopped run left,
 * is deleted and made again (still one winner).
 */
async function claim(
  api: OrgApi,
  claimPlan: OwnedFlowPlan,
  who: Claimed,
  description: string,
  ctx: Context,
  key?: string,
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const id = await createFlowByName(api, { name: claimPlan.publishedName, type: claimPlan.type, description });
    if (id !== undefined) return id;
    const holder = orgMatchOf(claimPlan, await findFlowsByName(api, claimPlan.publishedName, claimPlan.type));
    if (holder?.description === description) return holder.flowId; // this run's own claim: a create the client retried
    if (attempt === 0 && holder && (isOwnClaim(holder, key) || isLeftoverClaim(holder, ctx.now))) {
      await removeClaim(api, holder.flowId).catch(() => undefined); // another's: the create again says so
      continue;
    }
    throw new Error(
      `refused before ${who.name} is created: another run claimed the name first ` +
        "(a stack or checkout creating it at the same time)\n" +
        `${holderText(claimPlan, who, ctx, holder)}\n` +
        "  Nothing of it was created or published. The stack's state keeps its component with nothing under it: " +
        "the next run looks the name up again as a new one's.",
    );
  }
}

/** Who holds the claim, as the refusal says it (the org not listing it: the behaviour and the fix). */
function holderText(claimPlan: OwnedFlowPlan, who: Claimed, ctx: Context, holder?: ReturnType<typeof orgMatchOf>) {
  if (holder && who.itself) return refusalMessage(who.itself, ctx, holder);
  const name = `"${claimPlan.publishedName}"`;
  const held = holder && `flow ${holder.flowId} "${holder.name}", is ${describeClaim(holder) ?? "held"}`;
  if (held) return `${who.subject}, which another run is creating: its claim, ${held}`;
  return (
    `${who.subject}: the org answered 409 to creating the claim ${name} (${claimPlan.type}) ` +
    "and then listed no flow of that name: another run holds it, or one that stopped left it " +
    "and the org does not list a flow created by name (claimListed, docs/assumptions.md); " +
    `run the deploy again, or delete the flow ${name} in Architect if no run is creating it.`
  );
}

/**
 * Deletes the claims this stack's state left (its components' claim keys) for names no run of this
 * one creates through the claim: a create that stopped or was refused under a name the files no
 * longer give, a flow removed, or adopted. A claim that cannot go is named, not fatal.
 */
async function removeLeftClaims(run: StackRun, state: StackOwnership, output: GuardOutput): Promise<void> {
  const plans = ownedFlowPlans(run.portfolio());
  const left = state.unfinishedCreates.flatMap((c) => {
    const plan = plans.find((p) => p.resourceName === c.resourceName);
    const { name, type, claimKey } = c;
    if (claimKey === undefined || name === undefined || type === undefined) return [];
    const created = plan !== undefined && plan.adopt === undefined && sameName(plan.publishedName, name);
    return created ? [] : [{ name, type, claimKey }];
  });
  if (left.length === 0) return;
  const api = (await run.connection()).api;
  for (const c of left) {
    for (const name of [c.name, claimNameOf(c.name, c.type)]) {
      const found = await findFlowsByName(api, name, c.type);
      const mine = found.filter((f) => sameName(f.name, name) && isOwnClaim(f, c.claimKey));
      for (const f of mine) await release(api, f.flowId, f.name, output);
    }
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
    output.warn(
      `the claim "${name}" (flow ${claimId}) could not be deleted (${(e as Error).message}): delete it in Architect; ` +
        "it holds only a new create of the name it claims, and the next run takes it over after five minutes " +
        "(claimDelete, docs/assumptions.md)",
    );
  }
}
