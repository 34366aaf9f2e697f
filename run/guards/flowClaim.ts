// Guard: the claim on a new flow name, checked at the org at the moment the engine creates the flow.
// The ownership guard looks every name up when the run starts; a run of another stack (or another
// checkout with a state of its own) may create the same name in the minutes between that check and
// this run's create, and Genesys publishes by name: this run's create would then publish onto their
// flow, and both stacks would claim it. So just before the engine creates a flow (a new one, or the
// new half of a rename), its name is looked up again (GET /api/v2/flows?name=&type=) and the create
// is refused, naming the flow that holds it now, when the org has one the stack's state did not have
// when the run started (ownership/check.ts decides, as it does at the start). What remains is the
// few seconds of the publish job itself, which Genesys offers no atomic claim for through the
// provider (docs/people-in-the-org.md, "Not held"). Not in a preview: nothing is created there.
import { decideOwnership, needsOrgLookup } from "../../ownership/check";
import { parseStackExport } from "../../org/stackExport";
import { findFlowsByName, listFlowsOfType } from "../../org/flows";
import type { OrgFlow } from "../../org/model";
import { sameName } from "../../ownership/check";
import { stackFileName } from "../../project/stackFile";
import { ownedFlowPlans } from "./ownership";
import { nothing, type Guard } from "./guard";

/** Creates looked up one by one; after them, each type is listed, at most once per window. */
const FEW = 10;
const WINDOW_MS = 15_000;

export const flowClaimGuard: Guard<"flowClaim", undefined> = {
  name: "flowClaim",
  description: "the claim on a new flow name, checked at the org when the flow is created",
  onPreview: true,
  async decide() {
    return nothing;
  },
  hooks(run) {
    // A run that creates many flows reads each type's list once per window instead of a request
    // per name (the org's request budget: a first deploy of hundreds of flows).
    const listed = new Map<string, { at: number; flows: Promise<OrgFlow[]> }>();
    let creates = 0;
    const holders = async (name: string, type: string): Promise<OrgFlow[]> => {
      const api = (await run.connection()).api;
      if (++creates <= FEW) return findFlowsByName(api, name, type);
      let l = listed.get(type);
      if (!l || Date.now() - l.at > WINDOW_MS) listed.set(type, (l = { at: Date.now(), flows: listFlowsOfType(api, type) }));
      return (await l.flows).filter((f) => sameName(f.name, name));
    };
    return {
      async before(change) {
        if (change.resource !== "flow" || change.action !== "create" || change.dryRun) return;
        const plan = ownedFlowPlans(run.portfolio()).find((p) => p.resourceName === change.name);
        if (!plan || plan.adopt !== undefined) return;
        const state = parseStackExport(run.stack, await run.exportText()).ownership;
        if (!needsOrgLookup(plan, state)) return;
        const found = await holders(plan.publishedName, plan.type);
        const verdict = decideOwnership(plan, { stack: run.stack, stackFile: stackFileName(run.stack), state }, found);
        if (!verdict.ok) throw new Error(`refused before ${plan.publishedName} is created: its name was taken in the org since this run started (another stack or checkout creating it too?)\n${verdict.message}`);
      },
    };
  },
};
