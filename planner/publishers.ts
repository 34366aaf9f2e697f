// Which provider process publishes a flow. In the official provider (v1.84.2) every publish of a
// process sends its job requests with one and the same OAuth token whatever the pool
// (genesyscloud/architect_flow: updateFlow takes getArchitectFlowProxy, which keeps the first client
// configuration for the life of the process; reads use the operation's pooled token), and Genesys
// budgets requests per token. A stack that sets `provider.publishers: K` gets K provider resources
// with the same configuration, each its own process and so its own publish budget, and each flow
// publishes through one of them, chosen here; a stack that sets none gets defaultPublishers. Pure.
//
// Moving a flow from one provider to another with the same configuration is a state-only change:
// the engine asks the provider's DiffConfig, which finds nothing to replace (test/e2e/publishers.test.ts).
import { createHash } from "node:crypto";

/** The most provider processes a stack may publish through (each is a process of its own, with its own token pool and memory). */
export const MAX_PUBLISHERS = 8;

/**
 * Genesys's budget of one client-credentials token: 300 requests a minute (emulator/rateLimit.ts
 * quotes the limits page; test/unit/publishers.test.ts checks the two agree).
 */
export const TOKEN_REQUESTS_PER_MINUTE = 300;

/**
 * The official provider's sleep between two polls of a publish job that is not final
 * (`time.Sleep(15 * time.Second)` in updateFlow, genesyscloud/architect_flow/resource_genesyscloud_flow.go,
 * v1.84.2). It polls once right after the upload; a job of a few hundred ms to 15 s therefore costs
 * one sleep, and a publish about that long.
 */
export const PROVIDER_JOB_POLL_S = 15;

/**
 * Flows per publisher when a stack leaves `provider.publishers` unset and signs in with client
 * credentials. A publish spends two requests of its process's one publish token (register the job,
 * poll it; the upload goes to the presigned URL, and the read after it takes a pooled token), and
 * Genesys budgets 300 requests a minute per token (emulator/rateLimit.ts cites the page): one
 * token publishes at most 150 flows in a minute. 125 leaves room for the hash's uneven spread, so a
 * run that republishes every flow of the stack stays within each publisher's minute.
 */
export const FLOWS_PER_PUBLISHER = 125;

/**
 * The requests a publish spends of its provider process's one publish token per poll cycle: register
 * the job, poll it at once, poll it after the sleep; with an access token, which every pooled client
 * shares, the read of the flow after the publish too. (A stack's `forceUnlock` no longer costs the
 * provider a request: the unlock is the program's guard, components/flowGuard.ts, with its own
 * sign-in.)
 */
export function requestsPerPublish(signIn: SignIn): number {
  return 3 + (signIn === "accessToken" ? 1 : 0);
}

/**
 * OAuth tokens in each provider process's pool when a stack sets no `provider.tokenPoolSize`: the
 * publishes one process keeps in flight. The provider holds one pooled client for the whole of each
 * resource operation (`runWithPooledClient`) and opens at most that many connections to the API
 * (`MaxConnsPerHost = token_pool_size`, genesyscloud/provider/sdk_client_pool.go, v1.84.2), so the
 * pool, not the engine's parallelism, bounds what a process publishes at once; operations beyond it
 * wait inside the provider. Its ceiling is the process's one publish token: a publish whose job
 * takes 0.5-15 s spends requestsPerPublish of it per PROVIDER_JOB_POLL_S, so
 * ⌊300 × 15 s ÷ 60 s ÷ requests⌋ publishes in flight stay within Genesys's budget however long the
 * run: 25 with client credentials, 18 with an access token. The provider's own default, 10, keeps a
 * process at 10 publishes in flight, each caller waiting a 15 s poll per 10 before it
 * (docs/benchmark.md, "What bounds a cascade").
 */
export function defaultTokenPool(signIn: SignIn): number {
  return Math.floor((TOKEN_REQUESTS_PER_MINUTE * PROVIDER_JOB_POLL_S) / 60 / requestsPerPublish(signIn));
}

/**
 * The requests a run's own sign-in spends on each flow it creates: the claim on its name, made by
 * name, the name looked up again once held, the lookup that finds the new flow listed, and the
 * claim's delete (run/ownership/claimGuard.ts).
 */
export const CLAIM_REQUESTS_PER_NEW_FLOW = 4;

/**
 * The most tokens a run's own sign-in holds with client credentials (org/tokenPool.ts grants them
 * one at a time, only once the held ones' budgets are spent): enough for its claims to keep pace
 * with its publishers. Each publisher spends two requests of its one publish token per flow
 * (requestsPerPublish without the poll after the sleep, the most a minute's budget publishes) and
 * the claims four of the run's: two tokens a publisher.
 */
export function programTokens(publishers: number): number {
  return Math.max(1, publishers) * Math.ceil(CLAIM_REQUESTS_PER_NEW_FLOW / 2);
}

/** How the stack's provider signs in: one access token, or an OAuth client's credentials (a token per grant). */
export type SignIn = "accessToken" | "clientCredentials";

/**
 * The publishers of a stack that does not set `provider.publishers`. With an access token every
 * process sends the same token and so spends one budget: more processes would only cost their
 * start and memory, so 1. With client credentials each process gets a token, and a budget, of its
 * own: one per FLOWS_PER_PUBLISHER deployed flows, at most MAX_PUBLISHERS. Without it, a first
 * deploy of 500 flows sent its publishes through one token and could stop when the provider gave up
 * on a job after its retries.
 */
export function defaultPublishers(flowCount: number, signIn: SignIn): number {
  if (!Number.isInteger(flowCount) || flowCount < 0) throw new Error(`flow count: ${flowCount} is not a whole number`);
  if (signIn === "accessToken") return 1;
  return Math.min(MAX_PUBLISHERS, Math.max(1, Math.ceil(flowCount / FLOWS_PER_PUBLISHER)));
}

/**
 * The publisher (0..count-1) of a flow, from its id alone: stable across runs and machines, and the
 * same flow keeps its publisher when other flows come and go. Count 1: always 0.
 */
export function publisherOf(flowId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PUBLISHERS)
    throw new Error(`publishers: ${count} is not an integer 1..${MAX_PUBLISHERS}`);
  if (count === 1) return 0;
  return createHash("sha256").update(flowId).digest().readUInt32BE(0) % count;
}

/** The logical name of publisher `index`: the first keeps the stack's one provider's name. */
export function publisherName(index: number): string {
  return index === 0 ? "genesyscloud" : `genesyscloud-publisher-${index + 1}`;
}
