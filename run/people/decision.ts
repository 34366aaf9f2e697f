// The org as people left it, read once per run for the flows the engine is about to publish,
// replace or delete (run/flowChanges.ts; the review reads the flows its plan changes), what people
// did to them, and whether the run may go ahead over it (verify/people/overwriteDecision.ts; protection from
// the stack's policy config, policies/protection.ts). The people guard (run/people/guard.ts) decides with
// it inside the Pulumi program, whoever runs Pulumi. Acknowledged overwrites are logged in
// .work/acknowledgements/<stack>.log, one JSON line each.
import * as fs from "node:fs";
import * as path from "node:path";
import { ConnectError } from "../../org/signIn";
import { OrgApiError } from "../../org/client";
import { readPeople, type FlowToRead, type PeopleRead } from "../../org/peopleRead";
import type { OrgStateOfRun } from "../../org/personChanges";
import { decideOverwrites, type OverwriteDecision } from "../../verify/people/overwriteDecision";
import { configuredClientId, orgStateOf, ownClientsOf } from "../../verify/people/changesOfFlows";
import { readPolicyConfig } from "../../policies/config";
import { protectsPeopleChanges } from "../../policies/protection";
import type { OrgConnection } from "../../org/signIn";
import type { StackSettings } from "../../planner/stackSettings";

/** What a read of people's work needs: the stack, its settings and a way to sign in (once per run). */
export interface PeopleContext {
  stack: string;
  settings: StackSettings;
  connect(): Promise<OrgConnection>;
}

export const CLOCK_SKEW_MS = 2000;

/** One read of the org for `flows`; the reason when the org cannot be read. */
export async function readOrgPeople(
  ctx: PeopleContext,
  flows: readonly FlowToRead[],
  withVersions = false,
): Promise<{ read: PeopleRead; target: string; own: Set<string> } | { reason: string }> {
  try {
    const { api, target } = await ctx.connect();
    const read = await readPeople(api, flows, { clockSkewMs: CLOCK_SKEW_MS, withVersions });
    return { read, target, own: ownClientsOf(read, configuredClientId(ctx.settings)) };
  } catch (e) {
    if (e instanceof ConnectError) return { reason: `${e.message}${e.fix ? ` (${e.fix})` : ""}` };
    if (e instanceof OrgApiError) return { reason: e.message };
    throw e;
  }
}

/** What people did to `flows` (each as the stack last deployed it): read once, compared purely. */
export async function orgStateOfFlows(
  ctx: PeopleContext,
  flows: readonly FlowToRead[],
  nothing = "(no flow the stack deployed changes)",
): Promise<OrgStateOfRun> {
  if (flows.length === 0) return { checked: true, org: nothing, changes: [] };
  const r = await readOrgPeople(ctx, flows);
  if ("reason" in r) return { checked: false, reason: r.reason };
  return orgStateOf(r.read, r.target, r.own, CLOCK_SKEW_MS);
}

/** The decision for a run: protection from the stack's policy config, acknowledgements from its stack file; `files` by flow id, for advice. */
export function decideRun(
  ctx: Pick<PeopleContext, "stack" | "settings">,
  state: OrgStateOfRun,
  files: Readonly<Record<string, string>>,
  policyDir?: string,
  deleting = false,
): OverwriteDecision {
  const config = readPolicyConfig(ctx.stack, ...(policyDir ? [policyDir] : []));
  return decideOverwrites(state, {
    stack: ctx.stack,
    protectedStack: protectsPeopleChanges({ stack: ctx.stack, environment: ctx.settings.environment }, config),
    forceUnlock: ctx.settings.forceUnlock,
    acknowledgements: ctx.settings.acknowledge,
    files,
    ...(deleting ? { deleting } : {}),
  });
}

/** Appends the acknowledged overwrites of a run that goes ahead to .work/acknowledgements/<stack>.log. */
export function logAcknowledged(
  root: string,
  stack: string,
  decision: OverwriteDecision,
  now: Date = new Date(),
): string | undefined {
  const acked = decision.judged.filter((j) => j.verdict === "acknowledged");
  if (acked.length === 0) return undefined;
  const file = path.join(root, ".work/acknowledgements", `${stack}.log`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines = acked.map((j) =>
    JSON.stringify({
      at: now.toISOString(),
      stack,
      flow: j.change.flow,
      publishedName: j.change.publishedName,
      kind: j.change.kind,
      ...(j.change.version ? { version: j.change.version } : {}),
      ...(j.change.seen ? { seen: j.change.seen } : {}),
      ...(j.change.who ? { who: j.change.who } : {}),
      reason: j.change.acknowledged,
    }),
  );
  fs.appendFileSync(file, `${lines.join("\n")}\n`);
  return file;
}
