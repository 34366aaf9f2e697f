// The org as people left it, read once before a run publishes (preview, up, npm start) and by
// verify: for the flows the run would publish, delete or re-point (verify/personChanges.ts's
// flowsTouched), what people did to them, and whether the run may go ahead over it
// (verify/overwriteDecision.ts; protection from the stack's policy config, policies/protection.ts).
// Acknowledged overwrites are logged in .work/acknowledgements/<stack>.log, one JSON line each.
import * as fs from "node:fs";
import * as path from "node:path";
import { ConnectError } from "../org/signIn";
import { OrgApiError } from "../org/client";
import { readPeople, type FlowToRead, type PeopleRead } from "../org/peopleRead";
import type { OrgStateOfRun } from "../org/personChanges";
import type { StackDeployment } from "../org/model";
import type { Portfolio } from "../planner/portfolio";
import { decideOverwrites, type OverwriteDecision } from "../verify/overwriteDecision";
import { configuredClientId, flowsTouched, orgStateOf, ownClientsOf } from "../verify/personChanges";
import { readPolicyConfig } from "../policies/config";
import { protectsPeopleChanges } from "../policies/protection";
import { connectOf, type StackContext } from "./verify";

export const CLOCK_SKEW_MS = 2000;

/** One read of the org for `flows`; the reason when the org cannot be read. */
export async function readOrgPeople(ctx: StackContext, flows: readonly FlowToRead[], withVersions = false): Promise<{ read: PeopleRead; target: string; own: Set<string> } | { reason: string }> {
  try {
    const { api, target } = await connectOf(ctx)();
    const read = await readPeople(api, flows, { clockSkewMs: CLOCK_SKEW_MS, withVersions });
    return { read, target, own: ownClientsOf(read, CLOCK_SKEW_MS, configuredClientId(ctx.settings)) };
  } catch (e) {
    if (e instanceof ConnectError) return { reason: `${e.message}${e.fix ? ` (${e.fix})` : ""}` };
    if (e instanceof OrgApiError) return { reason: e.message };
    throw e;
  }
}

/**
 * The org's state for a run of `portfolio` over `deployment`: what people did to the flows it
 * would publish, delete or re-point. The export for the review (tools/flowsDiff.ts) and preview.
 */
export async function readOrgStateOfRun(ctx: StackContext, portfolio: Portfolio, deployment: StackDeployment): Promise<OrgStateOfRun> {
  const planned = portfolio.flows.map((f) => ({ id: f.id, publishedName: f.publishedName, revision: f.revision, apiType: f.kind.apiType }));
  const touched = flowsTouched(planned, deployment);
  if (touched.length === 0) return { checked: true, org: "(no flow the stack deployed changes)", changes: [] };
  const r = await readOrgPeople(ctx, touched);
  if ("reason" in r) return { checked: false, reason: r.reason };
  return orgStateOf(r.read, r.target, r.own, CLOCK_SKEW_MS);
}

/** The decision for a run: protection from the stack's policy config, acknowledgements from its stack file. */
export function decideRun(ctx: StackContext, state: OrgStateOfRun, portfolio: Portfolio, policyDir?: string): OverwriteDecision {
  const config = readPolicyConfig(ctx.stack, ...(policyDir ? [policyDir] : []));
  return decideOverwrites(state, {
    stack: ctx.stack,
    protectedStack: protectsPeopleChanges({ stack: ctx.stack, environment: ctx.settings.environment }, config),
    forceUnlock: ctx.settings.forceUnlock,
    acknowledgements: ctx.settings.acknowledge,
    files: Object.fromEntries(portfolio.flows.map((f) => [f.id, f.file])),
  });
}

/** Appends the acknowledged overwrites of a run that goes ahead to .work/acknowledgements/<stack>.log. */
export function logAcknowledged(root: string, stack: string, decision: OverwriteDecision, now: Date = new Date()): string | undefined {
  const acked = decision.judged.filter((j) => j.verdict === "acknowledged");
  if (acked.length === 0) return undefined;
  const file = path.join(root, ".work/acknowledgements", `${stack}.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = acked.map((j) =>
    JSON.stringify({ at: now.toISOString(), stack, flow: j.change.flow, publishedName: j.change.publishedName, kind: j.change.kind, ...(j.change.version ? { version: j.change.version } : {}), ...(j.change.who ? { who: j.change.who } : {}), reason: j.change.acknowledged }),
  );
  fs.appendFileSync(file, lines.join("\n") + "\n");
  return file;
}
