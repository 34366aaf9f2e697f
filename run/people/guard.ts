// Guard: what people did in the org (docs/people-in-the-org.md). Bound to every flow and routing
// object as resource hooks, so it runs whoever started the engine, for exactly the resources the
// engine is about to change, in preview too. What it decides is the run's, once, before the first
// resource changes (a create waits for it too):
//  - a flow the run's plan publishes or deletes (run/flowChanges.ts), and a routing object it writes
//    where the org holds a person's change (run/stackRun.ts routingWrites, verify/people/routingChanges.ts):
//    the run's decision over all of them (run/people/decision.ts), so a lock on one caller stops the module too;
//  - a delete the plan did not foresee (`destroy`: delete hooks make the program run on destroy),
//    of a flow or of a routing object: destroy's decision over everything the stack deployed, so
//    `destroy` deletes everything or nothing;
//  - an update the plan did not foresee (a refresh found the org changed): that flow's own, named; the
//    create half of a replacement it did not foresee: the decision on its delete half, before the create;
//  - a delete a guard refused or a stop left pending in the state (org/stackExport.ts doomedFlows): the
//    run's, like any delete the plan foresees (run/flowChanges.ts);
//    for a routing object, the decision over every one a person changed that the files say otherwise.
// Preview reports (the same text `up` stops with); `up` throws, once with the whole text and then
// with one line, so the engine changes nothing; a lock the run may break is broken just before that
// flow's publish; a routing change overwritten is kept in the stack's record (planner/routingRecord.ts).
// Acknowledged overwrites are logged (.work/acknowledgements/<stack>.log). Before anything registers,
// people's routing changes the run leaves, and acknowledgements that cover nothing, are named (decide).
import { stackFileName } from "../../model/stackFile";
import { FLOW_KINDS, type FlowKind } from "../../model/kinds";
import { renderOverwriteDecision, type OverwriteDecision } from "../../verify/people/overwriteDecision";
import type { OrgStateOfRun } from "../../org/personChanges";
import { unlockFlow } from "../../org/flows";
import { WRITES_EXISTING, type FlowAction, type FlowChange } from "../flowChanges";
import { logAcknowledged } from "./decision";
import type { StackRun } from "../stackRun";
import type { EngineChange, Guard, GuardNote, GuardOutput } from "../guards/guard";
import { driftDetail } from "../../verify/people/routingChanges";
import {
  decidePeople,
  destroyDecision,
  destroyState,
  peopleDecision,
  peopleOn,
  peopleState,
  refreshState,
  routingDrifts,
  routingOverwritten,
  routingWrites,
} from "./reads";
import { runChanges } from "../changes";

interface Judgement {
  decision: OverwriteDecision;
  state: OrgStateOfRun;
  /** What the text calls the scope, for the short refusal of every change after the first. */
  scope: string;
}

/** The refusal every change of a stopped run gets after the first, which carries the whole text. */
const SEE_ABOVE =
  "stopped before anything changes in the org: what people changed would be overwritten or deleted (listed once above)";

/** The decision that covers this change: the run's, destroy's, or the flow's or routing object's own. */
async function judge(
  run: StackRun,
  change: EngineChange,
  single: Map<string, Promise<Judgement>>,
  output: GuardOutput,
): Promise<Judgement> {
  const ofRun = async (): Promise<Judgement> => ({
    decision: await peopleDecision(run),
    state: await peopleState(run),
    scope: "run",
  });
  // A create changes nothing people made, but waits for the run's decision: a run that stops creates nothing either.
  // The create half of a replacement the plan did not foresee (a refresh read another name) waits for
  // the decision on its delete half, taken now: a refused run leaves nothing to undo (no new flow, nothing re-pointed).
  if (change.action === "create") {
    const replaced = change.resource === "flow" && (await run.deployment()).flows.some((f) => f.urn === change.urn);
    const foreseen = (await runChanges(run)).some((c) => c.flow === change.name && c.action === "replace");
    if (!replaced || foreseen) return ofRun();
    const why =
      `the engine replaces flow ${change.name}, which this run's plan did not name (a refresh read another name): ` +
      "the delete of the flow it replaces is judged before anything changes";
    return once(single, change.name, output, why, async () => judgeOne(run, change, await runChanges(run), "delete"));
  }
  if (change.action === "delete" && single.has(change.name)) return single.get(change.name)!;
  if (change.resource === "routing") {
    const id = change.name.replace(/^(?:routing|objects)\//, "");
    // The delete of an object the files keep is `destroy` (or the delete half of its replacement): destroy's decision, taken over everything before anything goes.
    if (change.action === "delete" && run.routing().objects.some((o) => o.id === id))
      return { decision: await destroyDecision(run), state: await destroyState(run), scope: "destroy" };
    if ((await routingWrites(run)).has(id)) return ofRun();
    // A refresh read the org's values into the state: it writes back every object a person changed that the files say otherwise.
    return once(
      single,
      "refresh",
      output,
      `the engine writes routing object ${id}, which this run's plan did not name (a refresh read the org's values): judged with every routing object a person changed`,
      async () => {
        const state = await refreshState(run);
        return { decision: decidePeople(run, state), state, scope: "refresh" };
      },
    );
  }
  const changes = await runChanges(run);
  // A delete the plan foresees (a flow removed from the files, the old half of a rename) is the run's;
  // any other delete is destroy's (the engine deletes what the files keep).
  const foreseen = (c: FlowChange) =>
    change.action === "delete"
      ? c.action === "delete" || c.action === "replace"
      : WRITES_EXISTING.has(c.action) || c.deployed?.interrupted === true;
  if (changes.some((c) => c.flow === change.name && foreseen(c))) return ofRun();
  if (change.action === "delete")
    return { decision: await destroyDecision(run), state: await destroyState(run), scope: "destroy" };
  return once(
    single,
    change.name,
    output,
    `the engine updates flow ${change.name}, which this run's plan did not name (a refresh found the org changed): judged on its own`,
    () => judgeOne(run, change, changes),
  );
}

/** A judgement of one resource, made (and said) once per run. */
function once(
  single: Map<string, Promise<Judgement>>,
  name: string,
  output: GuardOutput,
  why: string,
  make: () => Promise<Judgement>,
): Promise<Judgement> {
  let j = single.get(name);
  if (!j) {
    output.warn(why);
    j = make();
    single.set(name, j);
  }
  return j;
}

async function judgeOne(
  run: StackRun,
  change: EngineChange,
  changes: readonly FlowChange[],
  action: FlowAction = "update",
): Promise<Judgement> {
  const deployed =
    changes.find((c) => c.flow === change.name)?.deployed ??
    (await run.deployment()).flows.find((f) => f.id === change.name);
  const asChange: FlowChange[] = [];
  if (deployed && Object.hasOwn(FLOW_KINDS, deployed.kind as FlowKind)) {
    const { id: flow, file, publishedName, flowId } = deployed;
    asChange.push({ flow, file, publishedName, flowId, deployed, action, differs: [] });
  }
  const state = await peopleOn(run, asChange);
  return { decision: decidePeople(run, state), state, scope: `flow ${change.name}` };
}

/** The routing object `id` goes ahead over a person's change: the stack's record keeps their values (planner/routingRecord.ts). */
async function overwriting(run: StackRun, id: string, decision: OverwriteDecision): Promise<void> {
  const j = decision.judged.find(
    (x) =>
      x.change.kind === "routing-changed" &&
      x.change.flow === id &&
      (x.verdict === "warn" || x.verdict === "acknowledged"),
  );
  const r = j && (await routingDrifts(run)).find((d) => d.deployed.id === id);
  if (!j || !r) return;
  const theirs = r.gone ? { object: "deleted" } : Object.fromEntries(r.fields.map((f) => [f.words, f.org]));
  routingOverwritten(run).set(id, {
    at: new Date().toISOString(),
    ...(r.version ? { version: r.version } : {}),
    ...(r.seen ? { seen: r.seen } : {}),
    ...(r.who ? { by: r.who } : {}),
    theirs,
  });
}

/** People's routing changes this run does not write: said, as verify reports them. */
async function leftAsItIs(run: StackRun): Promise<GuardNote[]> {
  try {
    const writes = await routingWrites(run);
    return (await routingDrifts(run))
      .filter((r) => !writes.has(r.deployed.id) && !r.takenIn)
      .map((r) => ({
        level: "warn",
        text: `${driftDetail(r)}: this run leaves it as the org has it; verify reports it until it is taken into ${r.deployed.file} or acknowledged in ${stackFileName(run.stack)}`,
      }));
  } catch (e) {
    return [
      {
        level: "warn",
        text: `cannot read the org's routing objects to tell what people changed: ${(e as Error).message}`,
      },
    ];
  }
}

export const peopleGuard: Guard<"people", undefined> = {
  name: "people",
  description: "what people did in the org to the flows the engine changes or deletes",
  onPreview: true,
  async decide(run) {
    const notes = await leftAsItIs(run);
    // Acknowledgements on a run that writes nothing the org has: no hook judges them, so say here which cover nothing.
    if (Object.keys(run.settings().acknowledge).length === 0) return { notes, product: undefined };
    try {
      if ((await runChanges(run)).some((c) => WRITES_EXISTING.has(c.action)) || (await routingWrites(run)).size > 0)
        return { notes, product: undefined };
      const decision = await peopleDecision(run);
      return {
        notes: [
          ...notes,
          ...decision.unused.map((flow) => ({
            level: "warn" as const,
            text: `genesys-flows:acknowledge.${flow} in ${stackFileName(run.stack)} covers nothing the org shows now: remove it`,
          })),
        ],
        product: undefined,
      };
    } catch (e) {
      return {
        notes: [
          ...notes,
          {
            level: "warn",
            text: `cannot tell which acknowledgements of ${stackFileName(run.stack)} still cover a change people made: ${(e as Error).message}`,
          },
        ],
        product: undefined,
      };
    }
  },
  hooks(run, output) {
    const reported = new Set<string>();
    const refused = new Set<string>();
    const single = new Map<string, Promise<Judgement>>();
    let acknowledgedLogged = false;
    return {
      async before(change) {
        const judgement = await judge(run, change, single, output);
        const destroy = judgement.scope === "destroy";
        const text = renderOverwriteDecision(
          judgement.decision,
          judgement.state,
          run.stack,
          change.dryRun ? (destroy ? "destroy-preview" : "preview") : destroy ? "destroy" : "up",
        ).trimEnd();
        if (!reported.has(judgement.scope)) {
          reported.add(judgement.scope);
          const worth =
            !judgement.state.checked || judgement.decision.judged.length > 0 || judgement.decision.unused.length > 0;
          // The engine repeats a message's first line on its progress lines: a heading of its own, the text once.
          if (worth && !(judgement.decision.stop && !change.dryRun))
            output.warn(`people in the org, on the flows this run ${destroy ? "deletes" : "changes"}:\n${text}`);
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
        const routingId = change.name.replace(/^(?:routing|objects)\//, "");
        if (change.resource === "routing") await overwriting(run, routingId, judgement.decision);
        const breakable = judgement.decision.judged.find(
          (j) =>
            j.change.flow === change.name &&
            j.change.kind === "locked" &&
            (j.verdict === "note" || j.verdict === "acknowledged"),
        );
        if (breakable && change.objectId !== undefined) await unlockFlow((await run.connection()).api, change.objectId);
      },
    };
  },
};
