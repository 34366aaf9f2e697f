// Guard: the numbers the stack routes, and its routing files. Before anything registers, the
// routing plan (planner/routing.ts: schedules, schedule groups, IVR configs, emergency groups, DID
// pools, checked like flows) and, when the stack routes numbers, the org's IVR configs (a number
// an IVR config outside the stack routes is refused; one moving between the stack's own IVR
// configs is released first) and DID pools (a routed number no pool holds is a warning). Runs on
// preview too. Product: the objects to register, and which IVR configs update before which. The
// names of the objects it would create are the ownership feature's (run/ownership/routingNames.ts,
// with the flows'), and their creates are claimed at the org (run/ownership/claimGuard.ts).
import { FlowLoadError, formatIssue } from "../../model/errors";
import { orgIvrFacts, planRouting, routesNumbers, type PlannedRouting, type RoutingPlan } from "../../planner/routing";
import type { OrgDidPool } from "../../checks/routing";
import { readDidPools } from "../../org/routing";
import { readIvrs } from "../../org/flows";
import type { Guard, GuardNote } from "./guard";

export interface StackRouting {
  objects: PlannedRouting[];
  /** An IVR config's routing id -> those whose numbers it takes over in the org now (they update first). */
  releases: Map<string, string[]>;
}

const refused = (e: FlowLoadError) => ({
  refusal: `routing files are not valid:\n${e.message}`,
  product: { objects: [], releases: new Map() },
});

export const routingGuard: Guard<"routing", StackRouting> = {
  name: "routing",
  description: "the stack's routing files, and the numbers the org routes outside the stack",
  onPreview: true,
  async decide(run) {
    let plan: RoutingPlan;
    try {
      plan = run.routing();
    } catch (e) {
      if (e instanceof FlowLoadError) return refused(e);
      throw e;
    }
    const advisories = (p: RoutingPlan): GuardNote[] =>
      p.advisories.map((a) => ({ level: "warn", text: `${formatIssue(a)} [${a.ruleId}]` }));
    if (!routesNumbers(plan.objects))
      return { notes: advisories(plan), product: { objects: plan.objects, releases: new Map() } };
    const notes: GuardNote[] = [];
    let orgIvrs: Awaited<ReturnType<typeof readIvrs>>;
    try {
      orgIvrs = await readIvrs((await run.connection()).api);
    } catch (e) {
      return {
        refusal: `cannot read the org's IVR configs to check the stack's numbers: ${(e as Error).message}`,
        product: { objects: [], releases: new Map() },
      };
    }
    let orgDidPools: OrgDidPool[] | undefined;
    try {
      orgDidPools = await readDidPools((await run.connection()).api);
    } catch (e) {
      notes.push({
        level: "warn",
        text: `cannot read the org's DID pools (${(e as Error).message}); not checked: that a DID pool holds every number the stack routes`,
      });
    }
    // An IVR config this run renames (a namePrefix change) has its old name in the org: the state says it is the stack's own.
    const facts = orgIvrFacts(
      plan.objects,
      orgIvrs,
      new Map(((await run.deployment()).routing ?? []).map((r) => [r.id, r.objectId])),
    );
    try {
      const checked = planRouting({
        ...run.routingInput(),
        unmanagedIvrs: facts.unmanaged,
        ...(orgDidPools !== undefined ? { orgDidPools } : {}),
      });
      return {
        notes: [...advisories(checked), ...notes],
        product: { objects: checked.objects, releases: facts.releases },
      };
    } catch (e) {
      if (e instanceof FlowLoadError) return refused(e);
      throw e;
    }
  },
};
