// Guard: the org the stack belongs to, and flow names the org holds outside the stack. Before
// anything is registered: the stack's state (what it owns, the org it recorded), which org the
// provider reaches (GET /api/v2/organizations/me, against the stack file's orgId and the state's
// org), then every planned flow's name in that org (GET /api/v2/flows?name=&type=; for more names
// than one round of lookups, every flow of each type involved, listed once in pages of 500); for a
// create that never finished, its claim's name too, and the versions of a flow of its name (was it
// the stopped create's?). Pure decision: ownership/check.ts. Runs on preview too.
// Product: the org reached (the stack output `org`) and what the state holds of each flow (an
// adopted flow the stack never published is only read: planner/adoption.ts).
import {
  besideClaim,
  decideOwnership,
  orgBindingRefusal,
  ownershipNotes,
  ownershipProblems,
  sameName,
  takeoverCandidate,
  unfinishedOf,
  type OwnedFlowPlan,
  type OwnershipContext,
  type OwnershipVerdict,
} from "../../ownership/check";
import type { OrgFlow, OrgIdentity, StackOwnership } from "../../org/model";
import type { Portfolio } from "../../planner/portfolio";
import type { FlowInState } from "../../planner/adoption";
import { stackFileName } from "../../project/stackFile";
import { inBatches, type OrgApi } from "../../org/client";
import { findFlowsByName, listFlowsOfType, readOwnClient, readVersions } from "../../org/flows";
import { configuredClientId, ownClientsOf } from "../../verify/people/changesOfFlows";
import type { StackSettings } from "../../planner/stackSettings";
import type { OrgConnection } from "../../org/signIn";
import { parseStackExport } from "../../org/stackExport";
import type { Guard } from "../guards/guard";
import { takenInOrg } from "./routingNames";

/** What the check reads (the run's memoized reads; tests hand their own). */
export interface OwnershipIo {
  /** The JSON `pulumi stack export` prints for the stack. */
  readExport(): Promise<string>;
  /** A signed-in connection to the stack's org. */
  connect(): Promise<OrgConnection>;
  /** Which org it reached (the run's one read). */
  organization(): Promise<OrgIdentity>;
}

/** The planned flows as ownership sees them. Pure. */
export function ownedFlowPlans(portfolio: Portfolio): OwnedFlowPlan[] {
  return portfolio.flows.map((f) => ({
    id: f.id,
    resourceName: f.resourceName,
    file: f.file,
    publishedName: f.publishedName,
    type: f.kind.apiType,
    ...(f.adopt !== undefined ? { adopt: f.adopt } : {}),
  }));
}

/** Cannot check: the reason, with the fix the error carries. */
export class OwnershipUnchecked extends Error {}
const failure = (what: string, e: unknown) => {
  const err = e as Error & { fix?: unknown };
  return new OwnershipUnchecked(
    `cannot check that the stack's new flow names are free in the org (${what}): ${err.message}${typeof err.fix === "string" && err.fix !== "" ? `\n  ${err.fix}` : ""}`,
  );
};

export interface OwnershipOutcome {
  /** Every refusal as one message; undefined when every flow may be published. */
  refusal?: string;
  /** Flows of the state gone from the org: the run may go on, the person should know. */
  notes: string[];
  org?: OrgIdentity;
  /** The refusal is the org binding's: nothing else of that org was read. */
  bound?: true;
  /** The flows the stack's state holds, by resource name: read (adopted, never published) or managed. */
  inState?: ReadonlyMap<string, Exclude<FlowInState, "absent">>;
}

/** `found` with the versions of the flow that say whether a stopped create of the stack made it (takeoverCandidate). */
async function withCandidateVersions(api: OrgApi, plan: OwnedFlowPlan, state: StackOwnership, found: OrgFlow[]) {
  const candidate = takeoverCandidate(plan, state, found);
  if (!candidate) return found;
  const versions = await readVersions(api, candidate.flowId);
  return found.map((f) => (f === candidate ? { ...f, versions } : f));
}

/** The org's flows of `plan`'s name, and for a create of it that never finished, of its claim's name too. */
export async function lookUpName(api: OrgApi, plan: OwnedFlowPlan, state: StackOwnership): Promise<OrgFlow[]> {
  const found = await findFlowsByName(api, plan.publishedName, plan.type);
  const beside = besideClaim(plan).publishedName;
  if (unfinishedOf(plan, state)) found.push(...(await findFlowsByName(api, beside, plan.type)));
  return withCandidateVersions(api, plan, state, found);
}

/** The stack's own OAuth clients, read where a create never finished (what it made is known by them). */
export async function ownClients(api: OrgApi, state: StackOwnership, settings: StackSettings) {
  if (state.unfinishedCreates.length === 0) return undefined;
  return ownClientsOf({ ownClient: await readOwnClient(api) }, configuredClientId(settings));
}

/** Org lookups in flight at once (the provider's own client pool is of this order); more names than this are listed by type instead. */
export const LOOKUP_CONCURRENCY = 6;

/** The binding, then every flow's name looked up in the org. Throws OwnershipUnchecked when the state or the org cannot be read. */
export async function ownershipRefusals(portfolio: Portfolio, io: OwnershipIo): Promise<OwnershipOutcome> {
  const stackFile = stackFileName(portfolio.stack);
  let ctx: OwnershipContext;
  try {
    ctx = {
      stack: portfolio.stack,
      stackFile,
      state: parseStackExport(portfolio.stack, await io.readExport()).ownership,
      now: Date.now(),
    };
  } catch (e) {
    throw failure("reading the stack's state", e);
  }
  const inState = new Map(
    ctx.state.flows.map((f) => [f.resourceName, f.read === true ? ("read" as const) : ("managed" as const)]),
  );
  const toLookUp = ownedFlowPlans(portfolio);
  let connection: OrgConnection;
  try {
    connection = await io.connect();
  } catch (e) {
    throw failure("signing in to the org", e);
  }
  let org: OrgIdentity;
  try {
    org = await io.organization();
  } catch (e) {
    throw failure(`reading which org ${connection.target} is`, e);
  }
  const bound = orgBindingRefusal({
    stack: portfolio.stack,
    stackFile,
    ...(portfolio.settings.orgId !== undefined ? { pinned: portfolio.settings.orgId } : {}),
    ...(ctx.state.org ? { recorded: ctx.state.org } : {}),
    reached: org,
    target: connection.target,
  });
  if (bound !== undefined) return { refusal: bound, notes: [], org, inState, bound: true };
  try {
    const own = await ownClients(connection.api, ctx.state, portfolio.settings);
    if (own) ctx.own = own;
  } catch (e) {
    throw failure(`reading the OAuth client ${connection.target} signs the stack in as`, e);
  }
  const outcome = (verdicts: readonly OwnershipVerdict[]): OwnershipOutcome => {
    const refusal = ownershipProblems(verdicts);
    return { ...(refusal !== undefined ? { refusal } : {}), notes: ownershipNotes(verdicts), org, inState };
  };
  // More names than one round of lookups (a first deploy, or any run of a large stack): each type's
  // flows listed once, a page per 500 flows, instead of a request per name under the rate limit.
  if (toLookUp.length > LOOKUP_CONCURRENCY) {
    const types = [...new Set(toLookUp.map((p) => p.type))].sort();
    const listed = await inBatches(types, LOOKUP_CONCURRENCY, (type) =>
      listFlowsOfType(connection.api, type).catch((e: unknown) =>
        Promise.reject(failure(`listing the org's ${type} flows in ${connection.target}`, e)),
      ),
    );
    const orgFlows = listed.flat();
    const named = (plan: OwnedFlowPlan) => {
      const names = [plan.publishedName, ...(unfinishedOf(plan, ctx.state) ? [besideClaim(plan).publishedName] : [])];
      return orgFlows.filter((f) => f.type === plan.type && names.some((n) => sameName(f.name, n)));
    };
    const decide = async (plan: OwnedFlowPlan) => {
      const found = await withCandidateVersions(connection.api, plan, ctx.state, named(plan));
      return decideOwnership(plan, ctx, found);
    };
    return outcome(await inBatches(toLookUp, LOOKUP_CONCURRENCY, decide));
  }
  const verdicts = await inBatches(toLookUp, LOOKUP_CONCURRENCY, async (plan) => {
    try {
      return decideOwnership(plan, ctx, await lookUpName(connection.api, plan, ctx.state));
    } catch (e) {
      throw failure(`looking up "${plan.publishedName}" in ${connection.target}`, e);
    }
  });
  return outcome(verdicts);
}

export const ownershipGuard: Guard<"ownership", Pick<OwnershipOutcome, "org" | "inState">> = {
  name: "ownership",
  description: "the org the stack belongs to, and flow and routing names the org holds outside the stack",
  onPreview: true,
  async decide(run) {
    try {
      const outcome = await ownershipRefusals(run.portfolio(), {
        readExport: () => run.exportText(),
        connect: () => run.connection(),
        organization: () => run.organization(),
      });
      // And the routing objects it would create: their names held in the org too.
      const routing = outcome.bound ? undefined : await takenInOrg(run);
      const refusal = [outcome.refusal, routing].filter((r) => r !== undefined).join("\n");
      return {
        ...(refusal !== "" ? { refusal } : {}),
        notes: outcome.notes.map((text) => ({ level: "warn" as const, text })),
        product: {
          ...(outcome.org ? { org: outcome.org } : {}),
          ...(outcome.inState ? { inState: outcome.inState } : {}),
        },
      };
    } catch (e) {
      if (e instanceof OwnershipUnchecked) return { refusal: e.message, product: {} };
      throw e;
    }
  },
};
