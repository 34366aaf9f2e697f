// The names of the routing objects a run creates, against the org (moved from the routing guard:
// names the org holds outside the stack are ownership's): read by the ownership guard before
// anything registers and by the claim guard at the moment of a create.
import { FlowLoadError } from "../../model/errors";
import { unitOf } from "../../model/routing/kinds";
import type { OrgApi } from "../../org/client";
import { routingHolders } from "../../org/routing";
import { routingTakenMessage } from "../../ownership/check";
import { declaredObjects } from "../../planner/objects/decisions";
import type { PlannedRouting } from "../../planner/routing";
import { stackFileName } from "../../project/stackFile";
import type { StackRun } from "../stackRun";

/**
 * The routing objects of `objects` the run creates: neither adopted nor in the stack's state. A declared org
 * object (a queue, a skill, ...) is not one: the org objects guard adopts it by name when the org has it.
 */
function newRouting(run: StackRun, objects: readonly PlannedRouting[]): Promise<PlannedRouting[]> {
  const held = run.deployment().then((d) => new Set((d.routing ?? []).map((r) => r.id)));
  const declared = new Set(declaredObjects(objects));
  return held.then((ids) => objects.filter((o) => o.adopt === undefined && !ids.has(o.id) && !declared.has(o)));
}

/**
 * Why the run stops: routing objects it would create (of `objects`; default: every planned one, none
 * when the files do not plan: the routing guard says) whose names the org's objects hold, or undefined.
 */
export async function takenInOrg(run: StackRun, objects?: readonly PlannedRouting[], api?: OrgApi) {
  let planned: readonly PlannedRouting[] = [];
  try {
    planned = objects ?? run.routing().objects;
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
  }
  const created = await newRouting(run, planned);
  if (created.length === 0) return undefined;
  try {
    const holders = await routingHolders(api ?? (await run.connection()).api, created);
    const own = new Set(((await run.deployment()).routing ?? []).map((r) => r.objectId));
    const refusals = created.flatMap((o) => {
      const holder = holders.get(o.id);
      if (!holder || own.has(holder.id)) return [];
      return [routingTakenMessage({ ...o, label: unitOf(o.kind).label }, holder, stackFileName(run.stack))];
    });
    if (refusals.length === 0) return undefined;
    const head = "refusing to create routing objects the org holds outside this stack (nothing was registered):";
    return [head, ...refusals].join("\n");
  } catch (e) {
    return `cannot read the org's routing objects to check that the stack's new ones are free: ${(e as Error).message}`;
  }
}
