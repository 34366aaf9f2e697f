// The org objects feature's read of a run (docs/objects.md): what the run does with each org object
// the stack declares (planner/objects/decisions.ts: adopt by name, keep one in use, create), from
// the org's objects of the kinds declared (the run's read, run/stackRun.ts), what the stack
// deployed and, for the ones it created of a kind their use keeps in the org, what uses them (flows
// outside the stack naming them: dependency tracking's status once, then the consumers of each;
// conversations waiting in a queue: one analytics query). Its guard (run/objects/guard.ts), people's
// check of `destroy` (run/people/reads.ts) and the review (tools/flowsDiff.ts, with the stack's org)
// read it the same way, once per run.
import { objectDecisionsOf, objectsToAsk, type ObjectDecision, type Usage } from "../../planner/objects/decisions";
import type { PlannedRouting } from "../../planner/routing";
import type { StackDeployment } from "../../org/model";
import { OrgApiError, type OrgApi } from "../../org/client";
import { readBuildStatus, readFlowsNaming } from "../../org/flows";
import { readWaitingConversations } from "../../org/queueObservations";
import { unitOf } from "../../model/routing/schema";
import { perRun } from "../perRun";
import type { StackRun } from "../stackRun";

export const objectDecisions = perRun(async (run: StackRun): Promise<Map<string, ObjectDecision>> => {
  const deployment = await run.deployment();
  const api = async () => (await run.connection()).api;
  return objectDecisionsOf(run.routing().objects, deployment.routing ?? [], run.orgObjects, async (declared) =>
    usage(api, declared, deployment),
  );
});

type Api = Pick<OrgApi, "all" | "get" | "post">;

/** What uses each object the stack created, of a kind its use keeps in the org, by Genesys id. */
async function usage(
  api: () => Promise<Api>,
  declared: readonly PlannedRouting[],
  deployment: StackDeployment,
): Promise<Map<string, Usage>> {
  const out = new Map<string, Usage>();
  const add = (id: string, u: Usage) => out.set(id, { ...out.get(id), ...u });
  const deployed = deployment.routing ?? [];
  const named = objectsToAsk(declared, deployed, "usedByFlows");
  if (named.length > 0) {
    const { status } = await readBuildStatus(await api());
    const own = new Set(deployment.flows.map((f) => f.flowId));
    for (const d of named) {
      const type = unitOf(d.kind).org.dependencyType;
      const flows = status === "OPERATIONAL" ? await readFlowsNaming(await api(), d.objectId, type) : [];
      add(d.objectId, { flows: { status, flows: flows.filter((f) => !own.has(f.id)).map((f) => f.name) } });
    }
  }
  const queues = objectsToAsk(declared, deployed, "waiting").map((d) => d.objectId);
  if (queues.length === 0) return out;
  try {
    for (const [id, n] of await readWaitingConversations(await api(), queues)) add(id, { waiting: n });
  } catch (e) {
    // A client without analytics:queueObservation:view: keep every queue, saying why.
    if (!(e instanceof OrgApiError)) throw e;
    for (const id of queues) add(id, { waiting: { unread: e.message } });
  }
  return out;
}
