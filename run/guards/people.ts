// Guard: what people did in the org (docs/people-in-the-org.md). Bound to every flow and routing
// object as resource hooks, so it runs whoever started the engine, for exactly the resources the
// engine is about to change, in preview too. What it decides is the run's, once, before the first
// resource changes:
//  - a flow the run's plan publishes or deletes (run/flowChanges.ts): the run's decision over every
//    such flow (run/people.ts), so a lock or a person's version on one caller stops the module too;
//  - a delete the plan did not foresee (`destroy`: delete hooks make the program run on destroy),
//    of a flow or of a routing object: destroy's decision over every flow the stack deployed, the
//    same promise for every delete, so `destroy` deletes everything or nothing (an IVR config is
//    deleted before the flows it routes to: its hook waits for the decision over those flows);
//  - an update the plan did not foresee (a refresh found the org changed): that flow's own, named.
// Preview reports (the same text `up` stops with); `up` throws, once with the whole text and then
// with one line, so the engine changes nothing; a lock the run may break (its own, or one the stack
// file acknowledges, with forceUnlock) is broken just before that flow's publish. Acknowledged
// overwrites are logged (.work/acknowledgements/<stack>.log). Before anything registers, an
// acknowledgement in the stack file that covers nothing the org shows is named (decide).
import { FLOW_KINDS, type FlowKind } from "../../model/kinds";
import { renderOverwriteDecision, type OverwriteDecision } from "../../verify/overwriteDecision";
import type { OrgStateOfRun } from "../../org/personChanges";
import { unlockFlow } from "../../org/flows";
import { WRITES_EXISTING, type FlowChange } from "../flowChanges";
import { logAcknowledged } from "../people";
import type { StackRun } from "../stackRun";
import type { EngineChange, Guard, GuardOutput } from "./guard";

interface Judgement {
  decision: OverwriteDecision;
  state: OrgStateOfRun;
  /** What the text calls the scope, for the short refusal of every change after the first. */
  scope: string;
}

/** The refusal every change of a stopped run gets after the first, which carries the whole text. */
const SEE_ABOVE = "stopped before anything changes in the org: what people changed would be overwritten or deleted (listed once above)";

/** The decision that covers this change: the run's, destroy's, or the flow's own. */
async function judge(run: StackRun, change: EngineChange, single: Map<string, Promise<Judgement>>, output: GuardOutput): Promise<Judgement> {
  const changes = await run.changes();
  // A delete the plan foresees (a flow removed from the files, the old half of a rename) is the run's;
  // any other delete is destroy's (the engine deletes what the files keep).
  const foreseen = (c: FlowChange) => (change.action === "delete" ? c.action === "delete" || c.action === "replace" : WRITES_EXISTING.has(c.action) || c.deployed?.interrupted === true);
  const planned = change.resource === "flow" && changes.some((c) => c.flow === change.name && foreseen(c));
  if (planned) return { decision: await run.decision(), state: await run.orgState(), scope: "run" };
  if (change.action === "delete") return { decision: await run.destroyDecision(), state: await run.destroyState(), scope: "destroy" };
  let j = single.get(change.name);
  if (!j) {
    output.warn(`the engine updates flow ${change.name}, which this run's plan did not name (a refresh found the org changed): judged on its own`);
    j = judgeOne(run, change, changes);
    single.set(change.name, j);
  }
  return j;
}

async function judgeOne(run: StackRun, change: EngineChange, changes: readonly FlowChange[]): Promise<Judgement> {
  const deployed = changes.find((c) => c.flow === change.name)?.deployed ?? (await run.deployment()).flows.find((f) => f.id === change.name);
  const asChange: FlowChange[] =
    deployed && Object.hasOwn(FLOW_KINDS, deployed.kind as FlowKind) ? [{ flow: deployed.id, file: deployed.file, publishedName: deployed.publishedName, flowId: deployed.flowId, deployed, action: "update", differs: [] }] : [];
  const state = await run.peopleOn(asChange);
  return { decision: run.decide(state), state, scope: `flow ${change.name}` };
}

export const peopleGuard: Guard<"people", undefined> = {
  name: "people",
  description: "what people did in the org to the flows the engine changes or deletes",
  onPreview: true,
  async decide(run) {
    // Acknowledgements on a run that writes no flow the org has: no hook judges them, so say here which cover nothing.
    if (Object.keys(run.settings().acknowledge).length === 0) return { product: undefined };
    if ((await run.changes()).some((c) => WRITES_EXISTING.has(c.action))) return { product: undefined };
    try {
      const decision = await run.decision();
      return { notes: decision.unused.map((flow) => ({ level: "warn" as const, text: `genesys-flows:acknowledge.${flow} in Pulumi.${run.stack}.yaml covers nothing the org shows now: remove it` })), product: undefined };
    } catch (e) {
      return { notes: [{ level: "warn", text: `cannot tell which acknowledgements of Pulumi.${run.stack}.yaml still cover a change people made: ${(e as Error).message}` }], product: undefined };
    }
  },
  hooks(run, output) {
    const reported = new Set<string>();
    const refused = new Set<string>();
    const single = new Map<string, Promise<Judgement>>();
    let acknowledgedLogged = false;
    return {
      async before(change) {
        // A create writes no flow the org has (the ownership guard refused taken names).
        if (change.action === "create") return;
        // A routing object's update writes nothing people did to a flow; so does the delete of one the
        // routing files removed. The delete of one the files keep is `destroy` (or the delete half of
        // its replacement): it waits for destroy's decision, taken over every flow before anything goes.
        if (change.resource === "routing" && (change.action !== "delete" || !run.routing().objects.some((o) => o.resourceName === change.name))) return;
        const judgement = await judge(run, change, single, output);
        const destroy = judgement.scope === "destroy";
        const text = renderOverwriteDecision(judgement.decision, judgement.state, run.stack, change.dryRun ? (destroy ? "destroy-preview" : "preview") : destroy ? "destroy" : "up").trimEnd();
        if (!reported.has(judgement.scope)) {
          reported.add(judgement.scope);
          const worth = !judgement.state.checked || judgement.decision.judged.length > 0 || judgement.decision.unused.length > 0;
          // The engine repeats a message's first line on its progress lines: a heading of its own, the text once.
          if (worth && !(judgement.decision.stop && !change.dryRun)) output.warn(`people in the org, on the flows this run ${destroy ? "deletes" : "changes"}:\n${text}`);
        }
        if (change.dryRun) return;
        if (judgement.decision.stop) {
          const first = !refused.has(judgement.scope);
          refused.add(judgement.scope);
          // The engine repeats a failure's first line on its progress lines: a pointer, so the
          // refusal's text (from its heading on) is printed once, in the diagnostics.
          const pointer = `refused before anything ${judgement.scope === "destroy" ? "is deleted" : "publishes"}: what people changed in the org, and what to do, follows`;
          throw new Error(first ? `${pointer}\n${text}` : SEE_ABOVE);
        }
        if (!acknowledgedLogged) {
          acknowledgedLogged = true;
          const log = logAcknowledged(run.root, run.stack, judgement.decision);
          if (log) output.info(`acknowledged overwrites logged in ${log}`);
        }
        const breakable = judgement.decision.judged.find((j) => j.change.flow === change.name && j.change.kind === "locked" && (j.verdict === "note" || j.verdict === "acknowledged"));
        if (breakable && change.objectId !== undefined) await unlockFlow((await run.connection()).api, change.objectId);
      },
    };
  },
};
