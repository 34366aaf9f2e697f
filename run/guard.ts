// The run's guard before the engine changes a flow in the org (bound to every genesyscloud.Flow by
// components/flowGuard.ts as Pulumi resource hooks, so it runs whoever started the engine). The
// engine calls it for exactly the flows it is about to update, replace or delete, in preview too.
// What it decides is the run's, once for the whole run, before the first flow changes:
//  - a flow the run's plan publishes or deletes (run/flowChanges.ts): the run's decision over every
//    such flow (run/people.ts), so a lock or a person's version on one caller stops the module too;
//  - a delete the plan did not foresee: `destroy` (the program runs on destroy: delete hooks
//    require it): the decision over every flow the stack deployed;
//  - an update the plan did not foresee (a refresh found the org changed): that flow's own, with a
//    warning naming it;
//  - a caller a module's rollout in waves holds: never published (it would move onto the new
//    module ahead of its wave).
// Preview reports (the same text `up` stops with); `up` throws, so the engine changes nothing
// (every hook of the run awaits the same decision); a lock the run may break (its own, or one the
// stack file acknowledges, with forceUnlock) is broken just before that flow's publish.
import { FLOW_KINDS, type FlowKind } from "../model/kinds";
import { renderOverwriteDecision, type OverwriteDecision } from "../verify/overwriteDecision";
import type { OrgStateOfRun } from "../org/personChanges";
import { WRITES_EXISTING, type FlowChange } from "./flowChanges";
import type { StackRun } from "./stackRun";

/** What the engine tells a hook about the flow it is about to change. */
export interface EngineChange {
  action: "create" | "update" | "delete";
  /** The flow's resource name: its id (planner/names.ts). */
  name: string;
  urn: string;
  /** The Genesys flow id (update and delete; a create has none yet). */
  flowId?: string;
  /** Preview: nothing is published; the guard reports instead of acting. */
  dryRun: boolean;
}

/** A guard: throws to refuse the change, with the message a person reads. */
export interface FlowGuard {
  beforeChange(change: EngineChange): Promise<void>;
}

/** Where the guard writes what it decided (the engine's log, inside the program). */
export interface GuardOutput {
  warn(message: string): void;
  info(message: string): void;
}

/** What the guard does to the org besides deciding. */
export interface GuardActions {
  /** Breaks Architect's lock on a flow (org/flows.ts unlockFlow). */
  unlock(flowId: string): Promise<void>;
  /** Records the acknowledged overwrites of a run that goes ahead (run/people.ts logAcknowledged); the file written. */
  logAcknowledged(decision: OverwriteDecision): string | undefined;
}

interface Judgement {
  decision: OverwriteDecision;
  state: OrgStateOfRun;
  /** What the text calls the scope, for the short refusal of every flow after the first. */
  scope: string;
}

/** The refusal every flow of a stopped run gets after the first, which carries the whole text. */
const SEE_ABOVE = "stopped before anything publishes: what people changed in the org would be overwritten (listed on the first flow refused)";

export class RunGuard implements FlowGuard {
  private readonly reported = new Set<string>();
  private readonly refused = new Set<string>();
  private acknowledgedLogged = false;
  private readonly single = new Map<string, Promise<Judgement>>();

  constructor(
    private readonly run: StackRun,
    private readonly output: GuardOutput,
    private readonly actions: GuardActions,
  ) {}

  async beforeChange(change: EngineChange): Promise<void> {
    // A caller a rollout in waves holds never publishes (the run refused what its plan foresaw:
    // planner/wavesChecks.ts heldCallerMoves); the engine is right when it disagrees: named in preview, refused in up.
    const held = change.action === "delete" ? undefined : (await this.run.waves())?.plan.held.get(change.name);
    if (held) {
      const text = `the engine is about to ${change.action === "create" ? "create (replace)" : "publish"} ${change.name}, which moves ${change.name} onto the new module now: the rollout in waves of module ${held.heldBy.join(" and ")} holds it on the version it was published with (the run's plan foresaw no change of it; docs/waves.md)`;
      if (change.dryRun) return this.output.warn(text);
      throw new Error(text);
    }
    // A create writes no flow the org has (the ownership check refused taken names before anything registered).
    if (change.action === "create") return;
    const judgement = await this.judge(change);
    const text = renderOverwriteDecision(judgement.decision, judgement.state, this.run.stack, change.dryRun ? "preview" : "up");
    const first = !this.reported.has(judgement.scope);
    if (first) {
      this.reported.add(judgement.scope);
      const worth = !judgement.state.checked || judgement.decision.judged.length > 0 || judgement.decision.unused.length > 0;
      if (worth && !(judgement.decision.stop && !change.dryRun)) this.output.warn(text.trimEnd());
    }
    if (change.dryRun) return;
    if (judgement.decision.stop) {
      const firstRefusal = !this.refused.has(judgement.scope);
      this.refused.add(judgement.scope);
      throw new Error(firstRefusal ? text.trimEnd() : SEE_ABOVE);
    }
    if (!this.acknowledgedLogged) {
      this.acknowledgedLogged = true;
      const log = this.actions.logAcknowledged(judgement.decision);
      if (log) this.output.info(`acknowledged overwrites logged in ${log}`);
    }
    const breakable = judgement.decision.judged.find((j) => j.change.flow === change.name && j.change.kind === "locked" && (j.verdict === "note" || j.verdict === "acknowledged"));
    if (breakable && change.flowId !== undefined) await this.actions.unlock(change.flowId);
  }

  /** The decision that covers this change: the run's, destroy's, or the flow's own. */
  private async judge(change: EngineChange): Promise<Judgement> {
    const changes = await this.run.changes();
    const planned = changes.find((c) => c.flow === change.name && WRITES_EXISTING.has(c.action));
    if (planned) return { decision: await this.run.decision(), state: await this.run.orgState(), scope: "run" };
    if (change.action === "delete") return { decision: await this.run.destroyDecision(), state: await this.run.destroyState(), scope: "destroy" };
    let j = this.single.get(change.name);
    if (!j) {
      this.output.warn(`the engine updates flow ${change.name}, which this run's plan did not name (a refresh found the org changed, or a bug in the plan): judging it on its own`);
      j = this.judgeOne(change, changes);
      this.single.set(change.name, j);
    }
    return j;
  }

  private async judgeOne(change: EngineChange, changes: readonly FlowChange[]): Promise<Judgement> {
    const known = changes.find((c) => c.flow === change.name);
    const deployed = known?.deployed ?? (await this.run.deployment()).flows.find((f) => f.id === change.name);
    const asChange: FlowChange[] =
      deployed && Object.hasOwn(FLOW_KINDS, deployed.kind as FlowKind)
        ? [{ flow: deployed.id, file: deployed.file, publishedName: deployed.publishedName, flowId: deployed.flowId, deployed, action: "update", differs: [] }]
        : [];
    const state = await this.run.peopleOn(asChange);
    return { decision: this.run.decide(state), state, scope: `flow ${change.name}` };
  }
}
