// The claim a run makes on a new flow name at the org, just before the engine creates the flow
// (run/ownership/claimGuard.ts). Genesys publishes by name, so two stacks creating one name at once
// would both publish onto one flow and both record it. Creating a flow by name is atomic at the org:
// POST /api/v2/flows makes a flow with a name, a type and no configuration and answers 409
// architect.flow.already.exists to a second create of the name (the v193 spec). By default the
// claim is a flow of another name, derived from the new one (`claimNameOf`), held while the new
// flow publishes and deleted once it is listed; where the org's probe record says its publish jobs
// configure a flow created by name (project/assumptions.yaml claimPublish), the claim is the new flow
// itself. The claim's description says whose it is: the stack, and the key its flow's component
// recorded in the stack's state before the create (org/model.ts UnfinishedCreate), so a run knows
// its own claim (a retried create), one a stopped run of this state left (taken over at once), and
// another run's (its own checkout and state: taken over only once it is left over). Pure: the guard
// reads and writes the org.
import { createHash } from "node:crypto";

/** The start of every claim's description. */
const CLAIM_MARK = "genesys-flows claim";

/** A live run publishes its claim within seconds; one unpublished for longer was left by a run that stopped. */
const LEFTOVER_AFTER_MS = 5 * 60_000;

/** The description of a claim made for the component whose claim key is `key`, of `stack`, at `at` (epoch ms). */
export function claimDescription(stack: string, key: string, at: number): string {
  const when = new Date(at).toISOString();
  const after = `unpublished after ${LEFTOVER_AFTER_MS / 60_000} minutes, the next run may take it over`;
  return `${CLAIM_MARK} by stack ${stack} (run ${key}) at ${when}: the stack's publish follows; ${after}`;
}

/** A flow as the org lists it, as much as a claim needs. */
export interface ClaimedFlow {
  description?: string;
  publishedVersion?: unknown;
  checkedInVersion?: unknown;
}

const CLAIM = new RegExp(`^${CLAIM_MARK} by stack (\\S+) \\(run (\\S+)\\) at (\\S+):`);

/** Whose claim the flow is, while nothing is published to it (a configured flow is nobody's claim). */
function claimOf(flow: ClaimedFlow): { stack: string; run: string; at: number } | undefined {
  if (flow.publishedVersion !== undefined || flow.checkedInVersion !== undefined) return undefined;
  const m = CLAIM.exec(flow.description ?? "");
  const at = m ? Date.parse(m[3]) : NaN;
  return m && !Number.isNaN(at) ? { stack: m[1], run: m[2], at } : undefined;
}

/** A claim no live run will publish: a stopped run's, older than LEFTOVER_AFTER_MS at `now`. */
export function isLeftoverClaim(flow: ClaimedFlow, now: number): boolean {
  const claim = claimOf(flow);
  return claim !== undefined && now - claim.at > LEFTOVER_AFTER_MS;
}

/** A claim made for the component whose claim key is `key`: a run of this stack's own state (its runs take turns). */
export function isOwnClaim(flow: ClaimedFlow, key: string | undefined): boolean {
  return key !== undefined && claimOf(flow)?.run === key;
}

/** What a person reads of a claim that holds a name: whose, since when, that its publish follows, and what to do if it does not. */
export function describeClaim(flow: ClaimedFlow & { flowId?: string }): string | undefined {
  const claim = claimOf(flow);
  return (
    claim &&
    `claimed by a run of stack ${claim.stack} at ${new Date(claim.at).toISOString()}, which publishes it next (nothing published to it yet; ` +
      `if that run stopped, the next run takes the claim over after ${new Date(claim.at + LEFTOVER_AFTER_MS).toISOString()}, or delete flow ${flow.flowId ?? "(its id)"} in Architect now; ` +
      `if its publish failed on the claimed flow itself, this org's publish jobs refuse a flow created by name (claimPublish, docs/assumptions.md): set genesys-flows:claimNewNames: false)`
  );
}

/** The name of the claim held beside a new flow (type, name) while it publishes: one per name, whatever its case. */
export function claimNameOf(name: string, type: string): string {
  return `${CLAIM_MARK} ${createHash("sha256").update(`${type.toUpperCase()}:${name.toLowerCase()}`).digest("hex").slice(0, 32)}`;
}
