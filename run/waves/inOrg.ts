// What the org runs of each module rollout in waves the stack records (planner/waves/rolloutInOrg.ts
// judges it): the modules' published versions (one read, 50 flows a request) and which module
// version each caller of the stack consumed (dependency tracking). Read by `rollout status` and by
// the guard after a stopped rollback or wave (run/waves/stoppedGuard.ts).
import type { OrgApi } from "../../org/client";
import { readConsumers, readFlows } from "../../org/flows";
import type { StackDeployment } from "../../org/model";
import type { Release } from "../../planner/releases";
import { rolloutInOrg, type RolloutInOrg } from "../../planner/waves/rolloutInOrg";

/** Each recorded rollout (of `modules`, default all) as the org has it. */
export async function readRolloutsInOrg(
  api: OrgApi,
  deployment: StackDeployment,
  history: readonly Release[],
  modules?: ReadonlySet<string>,
): Promise<RolloutInOrg[]> {
  const byId = new Map(deployment.flows.map((f) => [f.id, f]));
  const records = (deployment.waves ?? []).filter(
    (r) => byId.has(r.module) && (modules === undefined || modules.has(r.module)),
  );
  if (records.length === 0) return [];
  const flowIds = records.map((r) => byId.get(r.module)!.flowId);
  const read = await readFlows(api, flowIds);
  const published = Object.fromEntries(
    flowIds.flatMap((id) => (read.get(id)?.publishedVersion ? [[id, read.get(id)!.publishedVersion!.id]] : [])),
  );
  const consumers = await readConsumers(api, flowIds, published);
  const idOf = new Map(deployment.flows.map((f) => [f.flowId, f.id]));
  return records.map((r) => {
    const m = byId.get(r.module)!;
    const callers = new Map(
      (consumers[m.flowId] ?? []).flatMap((c) =>
        idOf.has(c.flowId)
          ? [
              [
                idOf.get(c.flowId)!,
                { version: c.version, ...(c.moduleVersion !== undefined ? { moduleVersion: c.moduleVersion } : {}) },
              ] as const,
            ]
          : [],
      ),
    );
    const pv = read.get(m.flowId)?.publishedVersion;
    return rolloutInOrg(deployment.stack, r, m, history, { ...(pv ? { published: pv } : {}), callers });
  });
}
