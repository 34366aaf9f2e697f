// People in the org (docs/people-in-the-org.md): the reads of one run, each once per run. What
// people did in the org to the flows a run publishes, replaces or deletes and to the routing
// objects it writes (verify/people/routingChanges.ts), what they did to everything the stack deployed (what
// `destroy` deletes), and whether the run may go ahead over it (run/people/decision.ts,
// verify/people/overwriteDecision.ts). The people guard (run/people/guard.ts) decides with them.
import { FlowLoadError } from "../../model/errors";
import { FLOW_KINDS, type FlowKind } from "../../model/kinds";
import type { Json } from "../../model/routing/kind";
import { OrgApiError } from "../../org/client";
import type { FlowToRead } from "../../org/peopleRead";
import type { OrgStateOfRun } from "../../org/personChanges";
import { ConnectError } from "../../org/signIn";
import { keptOnDelete, objectDecisionsOf } from "../../planner/objects/decisions";
import { differingFields, fieldDigests, type OverwriteEvidence } from "../../planner/routingRecord";
import { ackCovers, type OverwriteDecision } from "../../verify/people/overwriteDecision";
import { flowToRead } from "../../verify/people/changesOfFlows";
import { intendedInputs, routingPersonChange, type RoutingDrift } from "../../verify/people/routingChanges";
import { runChanges } from "../changes";
import { WRITES_EXISTING, type FlowChange } from "../flowChanges";
import { perRun } from "../perRun";
import type { StackRun } from "../stackRun";
import { readRoutingDrifts } from "./verify";
import { decideRun, orgStateOfFlows } from "./decision";

/**
 * What people did in the org to the flows this run publishes, replaces or deletes, and to every
 * flow a run that stopped part-way may have touched (its record rewritten without outputs, an
 * operation pending): judged as changed, whatever this run's plan says of it; and to the routing
 * objects this run writes (routingWrites) where the org holds otherwise than the files.
 */
export const peopleState = perRun(
  async (run: StackRun): Promise<OrgStateOfRun> =>
    withRouting(
      run,
      await peopleOn(
        run,
        (await runChanges(run)).filter((c) => WRITES_EXISTING.has(c.action) || c.deployed?.interrupted === true),
      ),
      (r, writes) => writes.has(r.deployed.id) && !r.takenIn,
    ),
);

/** Whether the run may go ahead over what people did (verify/people/overwriteDecision.ts). */
export const peopleDecision = perRun(
  async (run: StackRun): Promise<OverwriteDecision> => keepingDrifts(run, decidePeople(run, await peopleState(run))),
);

/**
 * What people did to every flow and routing object the stack deployed: what `destroy` deletes
 * (not an org object it keeps: adopted, or in use).
 */
export const destroyState = perRun(async (run: StackRun): Promise<OrgStateOfRun> => {
  const routing = (await run.deployment()).routing ?? [];
  const kept = await objectDecisionsOf(run.routing().objects, routing, run.orgObjects).then(
    keptOnDelete,
    () => new Set<string>(),
  );
  const flows = (await run.deployment()).flows.filter((f) => f.retainOnDelete !== true && f.read !== true);
  const deleting = flows.map((f) => {
    const { id: flow, file, publishedName, flowId } = f;
    return { flow, file, publishedName, flowId, deployed: f, action: "delete" as const, differs: [] };
  });
  const deleted = (r: RoutingDrift) => !r.gone && r.deployed.retainOnDelete !== true && !kept.has(r.deployed.id);
  return withRouting(run, await peopleOn(run, deleting), deleted);
});

/** Whether `destroy` may delete every flow the stack deployed. */
export const destroyDecision = perRun(
  async (run: StackRun): Promise<OverwriteDecision> =>
    keepingDrifts(run, decidePeople(run, await destroyState(run), true)),
);

/** `d` without the acknowledgements that cover a routing change the org shows, which this run leaves as it is (they are not stale). */
async function keepingDrifts(run: StackRun, d: OverwriteDecision): Promise<OverwriteDecision> {
  const acks = run.settings().acknowledge;
  const drifts = await routingDrifts(run).catch(() => []);
  const shown = new Set(
    drifts
      .filter((r) => {
        const ack = acks[r.deployed.id];
        return ack !== undefined && ackCovers(ack, r);
      })
      .map((r) => r.deployed.id),
  );
  return { ...d, unused: d.unused.filter((id) => !shown.has(id)) };
}

/** The decision for `state` (protection from the stack's policy config, acknowledgements from its stack file). */
export function decidePeople(run: StackRun, state: OrgStateOfRun, deleting = false): OverwriteDecision {
  let files: Record<string, string> = {};
  try {
    files = Object.fromEntries([...run.portfolio().flows, ...run.routing().objects].map((f) => [f.id, f.file]));
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
  }
  return decideRun({ stack: run.stack, settings: run.settings() }, state, files, run.policyDir, deleting);
}

/** What people did to the flows of `changes`, read once. */
export async function peopleOn(run: StackRun, changes: readonly FlowChange[]): Promise<OrgStateOfRun> {
  const flows: FlowToRead[] = changes.flatMap((c) => {
    const d = c.deployed;
    if (!d || !Object.hasOwn(FLOW_KINDS, d.kind)) return [];
    return [flowToRead(d, FLOW_KINDS[d.kind as FlowKind].apiType)];
  });
  const io = { stack: run.stack, settings: run.settings(), connect: () => run.connection() };
  const state = await orgStateOfFlows(io, flows, "(no flow the stack deployed changes)");
  // A rename the stack file follows already (the flow's name in it is the org's): nothing to repair.
  const named = (n: string | undefined, flow: string) =>
    changes.some((c) => c.flow === flow && c.publishedName.toLowerCase() === n?.toLowerCase());
  if (!state.checked) return state;
  return { ...state, changes: state.changes.filter((p) => p.kind !== "renamed" || !named(p.orgName, p.flow)) };
}

/** `state` with the routing drifts `judged` picks as people's changes; not checked when the org's routing cannot be read. */
async function withRouting(
  run: StackRun,
  state: OrgStateOfRun,
  judged: (r: RoutingDrift, writes: ReadonlySet<string>) => boolean,
): Promise<OrgStateOfRun> {
  if (!state.checked) return state;
  try {
    const writes = await routingWrites(run);
    const more = (await routingDrifts(run)).filter((r) => judged(r, writes)).map(routingPersonChange);
    return more.length === 0
      ? state
      : { checked: true, org: (await run.connection()).target, changes: [...state.changes, ...more] };
  } catch (e) {
    if (e instanceof ConnectError || e instanceof OrgApiError) return { checked: false, reason: e.message };
    throw e;
  }
}

/** What people changed in every routing object the files say otherwise of: what a refresh makes the engine write back. */
export const refreshState = perRun(
  async (run: StackRun): Promise<OrgStateOfRun> =>
    withRouting(run, { checked: true, org: "", changes: [] }, (r) => !r.takenIn),
);

/** The routing objects the stack deployed as the org has them now (one list per kind), where they differ from what the stack wrote (verify/people/routingChanges.ts). */
export const routingDrifts = perRun(async (run: StackRun): Promise<RoutingDrift[]> => {
  const deployment = await run.deployment();
  if ((deployment.routing ?? []).length === 0) return [];
  return readRoutingDrifts((await run.connection()).api, deployment, await intendedRouting(run));
});

/** The planned routing objects' provider inputs, references as the state's Genesys ids (none when the files do not plan: the run is refused). */
const intendedRouting = perRun(async (run: StackRun): Promise<Map<string, Json>> => {
  try {
    const renewed = new Set(
      (await runChanges(run)).filter((c) => c.action === "create" || c.action === "replace").map((c) => c.flow),
    );
    return intendedInputs(run.routing().objects, await run.deployment(), renewed);
  } catch (e) {
    if (e instanceof FlowLoadError) return new Map();
    throw e;
  }
});

/**
 * The routing objects the engine writes in this run: those whose inputs the files change (a
 * reference renewed included), those the files no longer hold (deleted, unless retained), and
 * those whose state holds the org's values (a refresh read them) where the files say otherwise.
 */
export const routingWrites = perRun(async (run: StackRun): Promise<Set<string>> => {
  const intended = await intendedRouting(run);
  const drifts = new Map((await routingDrifts(run)).map((r) => [r.deployed.id, r]));
  const writes = ((await run.deployment()).routing ?? []).filter((d) => {
    const now = intended.get(d.id);
    if (now === undefined) return d.retainOnDelete !== true;
    const org = drifts.get(d.id)?.orgFields;
    const files = fieldDigests(d.kind, now);
    return (
      differingFields(files, d.fields).length > 0 ||
      (org !== undefined && differingFields(d.stateFields, org).length === 0 && differingFields(files, org).length > 0)
    );
  });
  return new Set(writes.map((d) => d.id));
});

/** What this run overwrote of people's routing changes (the people guard's hooks say). */
export const routingOverwritten = perRun((_run: StackRun) => new Map<string, OverwriteEvidence>());

/** What this run overwrote of people's routing changes, with what earlier runs did: the record's evidence. */
export async function routingEvidence(run: StackRun): Promise<Map<string, OverwriteEvidence>> {
  const earlier = ((await run.deployment()).routing ?? []).flatMap((d) =>
    d.overwritten ? [[d.id, d.overwritten] as const] : [],
  );
  return new Map([...earlier, ...routingOverwritten(run)]);
}
