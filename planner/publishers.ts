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

/** The most provider processes a stack may publish through (each holds its own token pool and about 130 MB: docs/benchmark.md, "2026-11-25"). */
export const MAX_PUBLISHERS = 8;

/**
 * Flows per publisher when a stack leaves `provider.publishers` unset and signs in with client
 * credentials. A publish spends two requests of its process's one publish token (register the job,
 * poll it; the upload goes to the presigned URL, and the read after it takes a pooled token), and
 * Genesys budgets 300 requests a minute per token (emulator/rateLimit.ts cites the page): one
 * token publishes at most 150 flows in a minute. 125 leaves room for the hash's uneven spread, so a
 * run that republishes every flow of the stack stays within each publisher's minute.
 */
export const FLOWS_PER_PUBLISHER = 125;

/** How the stack's provider signs in: one access token, or an OAuth client's credentials (a token per grant). */
export type SignIn = "accessToken" | "clientCredentials";

/**
 * The publishers of a stack that does not set `provider.publishers`. With an access token every
 * process sends the same token and so spends one budget: more processes would only cost their
 * start and memory, so 1. With client credentials each process gets a token, and a budget, of its
 * own: one per FLOWS_PER_PUBLISHER deployed flows, at most MAX_PUBLISHERS. Without it, a first
 * deploy of 500 flows sent ten publishes at once through one token and stopped when the provider
 * gave up on a job after 21 attempts (docs/benchmark.md, "2026-11-25 (late morning)").
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
  if (!Number.isInteger(count) || count < 1 || count > MAX_PUBLISHERS) throw new Error(`publishers: ${count} is not an integer 1..${MAX_PUBLISHERS}`);
  if (count === 1) return 0;
  return createHash("sha256").update(flowId).digest().readUInt32BE(0) % count;
}

/** The logical name of publisher `index`: the first keeps the stack's one provider's name. */
export function publisherName(index: number): string {
  return index === 0 ? "genesyscloud" : `genesyscloud-publisher-${index + 1}`;
}
