// The I/O edge of the ownership check (ownership/check.ts), run by the program before anything is
// registered: the stack's state through `pulumi stack export` (the engine's own CLI, environment
// inherited), which org the provider reaches (GET /api/v2/organizations/me, against the stack's
// orgId and the org its state recorded), then for every flow (but creates that never finished)
// the org's flows of that name and type (GET /api/v2/flows?name=&type=, every page; for more names than one round of
// lookups, every flow of each type involved, listed once: GET /api/v2/flows?type=, pages of 500),
// signed in exactly as the provider is (org/signIn.ts connectToOrg: the stack's region or gateway,
// its credentials or the GENESYSCLOUD_* environment variables). Any refusal stops the run: preview fails, and `up`
// publishes nothing.
import * as pulumi from "@pulumi/pulumi";
import { decideOwnership, needsOrgLookup, orgBindingRefusal, ownershipNotes, ownershipProblems, sameName, type OwnedFlowPlan, type OwnershipContext, type OwnershipVerdict } from "../ownership/check";
import type { OrgIdentity } from "../org/model";
import type { Portfolio } from "../planner/portfolio";
import type { FlowInState } from "../planner/adoption";
import type { StackSettings } from "../planner/stackSettings";
import { stackFileName } from "../project/stackFile";
import { inBatches } from "../org/client";
import { findFlowsByName, listFlowsOfType, readOrganization } from "../org/flows";
import { connectToOrg, type OrgConnection } from "../org/signIn";
import { parseStackExport, readStackExport } from "../org/stackExport";

/** What the check reads; injectable for tests. */
export interface OwnershipIo {
  /** The JSON `pulumi stack export` prints for the stack. */
  readExport(): Promise<string>;
  /** A signed-in connection to the stack's org (called only when some name must be looked up). */
  connect(): Promise<OrgConnection>;
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

const failure = (what: string, e: unknown) => {
  const err = e as Error & { fix?: unknown };
  return `cannot check that the stack's new flow names are free in the org (${what}): ${err.message}${typeof err.fix === "string" && err.fix !== "" ? `\n  ${err.fix}` : ""}`;
};

/** What the check found: the refusal (one message) if any, warnings, and the org the run reaches. */
export interface OwnershipOutcome {
  /** Every refusal as one message; undefined when every flow may be published. */
  refusal?: string;
  /** Flows of the state gone from the org: the run may go on, the person should know. */
  notes: string[];
  /** The org the provider's settings reach, recorded by the program as the stack output `org`. */
  org?: OrgIdentity;
  /** The flows the stack's state holds, by resource name: read (adopted, never published) or managed. */
  inState?: ReadonlyMap<string, Exclude<FlowInState, "absent">>;
}

/**
 * The check for `portfolio`: the org the run reaches must be the stack's (its stack file's orgId,
 * the org its state recorded), then every flow's name is looked up in that org (all but creates of
 * this stack that never finished).
 */
export async function ownershipRefusals(portfolio: Portfolio, io: OwnershipIo): Promise<OwnershipOutcome> {
  const stackFile = stackFileName(portfolio.stack);
  let ctx: OwnershipContext;
  try {
    ctx = { stack: portfolio.stack, stackFile, state: parseStackExport(portfolio.stack, await io.readExport()).ownership };
  } catch (e) {
    throw new pulumi.RunError(failure("reading the stack's state", e));
  }
  const inState = new Map(ctx.state.flows.map((f) => [f.resourceName, f.read === true ? ("read" as const) : ("managed" as const)]));
  const plans = ownedFlowPlans(portfolio);
  const toLookUp = plans.filter((p) => needsOrgLookup(p, ctx.state));
  let connection: OrgConnection;
  try {
    connection = await io.connect();
  } catch (e) {
    throw new pulumi.RunError(failure("signing in to the org", e));
  }
  let org: OrgIdentity;
  try {
    org = await readOrganization(connection.api);
  } catch (e) {
    throw new pulumi.RunError(failure(`reading which org ${connection.target} is`, e));
  }
  const bound = orgBindingRefusal({ stack: portfolio.stack, stackFile, ...(portfolio.settings.orgId !== undefined ? { pinned: portfolio.settings.orgId } : {}), ...(ctx.state.org ? { recorded: ctx.state.org } : {}), reached: org, target: connection.target });
  if (bound !== undefined) return { refusal: bound, notes: [], org, inState };
  const outcome = (verdicts: readonly OwnershipVerdict[]): OwnershipOutcome => {
    const refusal = ownershipProblems(verdicts);
    return { ...(refusal !== undefined ? { refusal } : {}), notes: ownershipNotes(verdicts), org, inState };
  };
  // Up to one round of lookups: each name on its own, all at once. More (a first deploy, or any
  // run of a large stack): each type's flows listed once, a page per 500 flows of the org, instead
  // of a request per name, which under Genesys's per-client rate limit is what hundreds of flows
  // would wait for.
  if (toLookUp.length > LOOKUP_CONCURRENCY) {
    const byType = new Map<string, OwnedFlowPlan[]>();
    for (const plan of toLookUp) byType.set(plan.type, [...(byType.get(plan.type) ?? []), plan]);
    const listed = await inBatches([...byType.keys()].sort(), LOOKUP_CONCURRENCY, async (type) => {
      try {
        return await listFlowsOfType(connection.api, type);
      } catch (e) {
        throw new pulumi.RunError(failure(`listing the org's ${type} flows in ${connection.target}`, e));
      }
    });
    const orgFlows = listed.flat();
    return outcome(toLookUp.map((plan) => decideOwnership(plan, ctx, orgFlows.filter((f) => f.type === plan.type && sameName(f.name, plan.publishedName)))));
  }
  // Verdicts keep the portfolio's order.
  const verdicts = await inBatches(toLookUp, LOOKUP_CONCURRENCY, async (plan) => {
    try {
      return decideOwnership(plan, ctx, await findFlowsByName(connection.api, plan.publishedName, plan.type));
    } catch (e) {
      throw new pulumi.RunError(failure(`looking up "${plan.publishedName}" in ${connection.target}`, e));
    }
  });
  return outcome(verdicts);
}

/** Org lookups of the check in flight at once (the provider's own client pool is of this order); more names than this are listed by type instead. */
export const LOOKUP_CONCURRENCY = 6;

/** Attempts per org request of the check (the client's policy: 429 honours Retry-After, 5xx back off), more than its default. */
export const LOOKUP_ATTEMPTS = 10;

/** An Output's value (config secrets are known, in preview too). */
function valueOf(output: pulumi.Output<string>): Promise<string> {
  return new Promise((resolve) => output.apply((v) => (resolve(v), v)));
}

/** The credentials the program reads with pulumi.Config, by bare key (`accessToken`, ...). */
export type StackSecrets = Partial<Record<"accessToken" | "oauthClientId" | "oauthClientSecret", pulumi.Output<string>>>;

/**
 * The stack settings the program parsed carry no credentials (it reads them as secrets): these
 * settings mark the ones the stack file has, so a sign-in takes them first, as the provider does.
 */
export function withCredentialsMarked(settings: StackSettings, secrets: StackSecrets): StackSettings {
  const marked: StackSettings = { ...settings };
  for (const key of ["accessToken", "oauthClientId", "oauthClientSecret"] as const) {
    if (secrets[key] !== undefined) marked[key] = { secure: "(read by the program)" };
  }
  return marked;
}

/** The stack's state through the engine's own CLI (inside the program: the engine's organization and project). */
export async function readEngineExport(root: string, stack: string): Promise<string> {
  const pulumiBin = process.env.GENESYS_FLOWS_PULUMI ?? "pulumi";
  let org = "";
  try {
    org = pulumi.getOrganization();
  } catch {
    org = ""; // an engine too old to say: the CLI resolves the bare name
  }
  const project = pulumi.getProject();
  const name = org !== "" ? `${org}/${project}/${stack}` : stack;
  // The engine's own environment names its backend: the project's file backend is read directly.
  return (await readStackExport(name, { root, pulumiBin, env: process.env, project })) ?? "";
}

/** The real I/O: the engine's CLI for the state, the org the provider points at. */
export function engineOwnershipIo(input: { root: string; stack: string; settings: StackSettings; secrets: StackSecrets }): OwnershipIo {
  const { root, stack, secrets } = input;
  const settings = withCredentialsMarked(input.settings, secrets);
  return {
    readExport: () => readEngineExport(root, stack),
    connect() {
      return connectToOrg({
        stack,
        settings,
        env: process.env,
        // Rate limits and brief outages are retried as the provider's SDK does, not fatal.
        attempts: LOOKUP_ATTEMPTS,
        secret: (key) => {
          const s = secrets[key as keyof StackSecrets];
          return s ? valueOf(s) : Promise.reject(new Error(`genesys-flows:${key} is not set`));
        },
      });
    },
  };
}
