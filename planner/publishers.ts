// Which provider process publishes a flow. In the official provider (v1.84.2) every publish of a
// process sends its job requests with one and the same OAuth token whatever the pool
// (genesyscloud/architect_flow: updateFlow takes getArchitectFlowProxy, which keeps the first client
// configuration for the life of the process; reads use the operation's pooled token), and Genesys
// budgets requests per token. A stack that sets `provider.publishers: K` gets K provider resources
// with the same configuration, each its own process and so its own publish budget, and each flow
// publishes through one of them, chosen here. Pure.
//
// Moving a flow from one provider to another with the same configuration is a state-only change:
// the engine asks the provider's DiffConfig, which finds nothing to replace (test/e2e/publishers.test.ts).
import { createHash } from "node:crypto";

/** The most provider processes a stack may publish through (each holds its own token pool and about 130 MB: docs/benchmark.md, "2026-11-25"). */
export const MAX_PUBLISHERS = 8;

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
