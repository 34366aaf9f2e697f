// People in the org, verify's part (run/verifyPart.ts): what people did to the stack's flows and
// routing objects since it deployed them, and what a publish of the stack overwrote of theirs.
import { FlowLoadError } from "../../model/errors";
import type { Json } from "../../model/routing/kind";
import type { OrgFlow, StackDeployment } from "../../org/model";
import { readPeople, type FlowToRead } from "../../org/peopleRead";
import { readRoutingObjects } from "../../org/routing";
import type { OrgConnection } from "../../org/signIn";
import { planRouting } from "../../planner/routing";
import { routingPlanInput } from "../../project/routingFiles";
import {
  configuredClientId,
  flowsDeployed,
  overwrittenVersionsOf,
  ownClientsOf,
  personChangesOf,
  versionsTellSomething,
} from "../../verify/people/changesOfFlows";
import { peopleFindings } from "../../verify/people/peopleFindings";
import {
  intendedInputs,
  knownIds,
  routingDrift,
  routingFindings,
  type RoutingDrift,
} from "../../verify/people/routingChanges";
import type { VerifyPart } from "../verifyPart";

export const peopleVerify: VerifyPart = {
  name: "people",
  /**
   * What people did to the stack's flows (locks, drafts, renames, the stack's name on another flow)
   * and every version of theirs a publish of the stack overwrote: one read of every deployed flow (50
   * a request) and of its versions where verify/people/changesOfFlows.ts versionsTellSomething says
   * (every flow's with `allVersions`), compared purely (verify/people/changesOfFlows.ts,
   * peopleFindings.ts). The flows read are verify's too, and so are the stack's own clients it found.
   */
  async beforeOrg({ stack, settings, deployment, api, skew, allVersions, read }) {
    const withVersions = (flow: OrgFlow, f: FlowToRead) =>
      allVersions ||
      versionsTellSomething(
        flow,
        f.deployedAt !== undefined ? f.deployedAt + skew : undefined,
        settings.acknowledge[f.flow] !== undefined,
        f.releasedVersions,
      );
    const people = await readPeople(api, flowsDeployed(deployment), {
      clockSkewMs: skew,
      withVersions,
      ...(read ? { read } : {}),
    });
    const own = ownClientsOf(people, configuredClientId(settings));
    const files = Object.fromEntries(deployment.flows.map((f) => [f.id, f.file]));
    return {
      findings: peopleFindings(personChangesOf(people, own, skew), overwrittenVersionsOf(people, own), {
        acknowledgements: settings.acknowledge,
        files,
        stack,
      }),
      flows: new Map(people.observations.flatMap((o) => (o.org ? [[o.flowId, o.org] as const] : []))),
      ownClients: own,
    };
  },
  /**
   * What people changed in the stack's routing objects since it deployed them, and what it
   * overwrote of their changes: one list per kind the stack deployed (verify/people/routingChanges.ts).
   */
  async afterOrg({ stack, settings, sources, deployment, api }, portfolio) {
    const deployed = deployment.routing ?? [];
    if (deployed.length === 0) return [];
    let intended = new Map<string, Json>();
    try {
      if (portfolio) intended = intendedInputs(planRouting(routingPlanInput(sources, portfolio)).objects, deployment);
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
    }
    return routingFindings(await readRoutingDrifts(api, deployment, intended), deployed, {
      stack,
      acknowledgements: settings.acknowledge,
    });
  },
};

/** Each routing object the stack deployed that the org holds otherwise (one list per kind), against `intended` (the stack's provider inputs now). */
export async function readRoutingDrifts(
  api: OrgConnection["api"],
  deployment: StackDeployment,
  intended: ReadonlyMap<string, Json>,
): Promise<RoutingDrift[]> {
  const deployed = deployment.routing ?? [];
  if (deployed.length === 0) return [];
  const org = await readRoutingObjects(
    api,
    deployed.map((d) => d.kind),
  );
  return deployed.flatMap((d) => routingDrift(d, org.get(d.objectId), intended.get(d.id), knownIds(deployment)) ?? []);
}
