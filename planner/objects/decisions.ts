// What a run does with each org object the stack declares (objects/: queues, skills, ...;
// docs/objects.md), from the org's objects of its kind (one list each) and what the stack deployed:
//  - one the stack's state does not hold, which the org has under its name (Genesys names are
//    unique per kind, whatever their case), is adopted (Pulumi `import` of that id), never created
//    again. Pulumi refuses an import whose inputs differ from what it reads, so the watched fields
//    the org holds otherwise are imported as they are (`ignoreChanges` for that run), the stack's
//    record keeps them as the org has them, and the next up writes the file's (the review and the
//    adopting run say which, beforehand);
//  - one the org holds in use (a queue with members) stays in the org when the stack deletes it
//    (`down`, its file removed: Pulumi's `retainOnDelete`), and so does one the stack adopted;
//  - the rest is created, and deleted with the stack.
// Pure: the caller reads the org (run/objects/reads.ts).
import type { Json } from "../../model/routing/kind";
import { unitOf, type RoutingKind } from "../../model/routing/schema";
import type { PlannedRouting } from "../routing";
import { routingResourceInputs } from "../routingInputs";
import { differingFields, fieldDigests, observedFields, shownValue, watchedFields } from "../routingRecord";

/** What happens to one declared org object. */
export interface ObjectDecision {
  /** The org's object of its name, adopted now: its Genesys id, the watched fields that differ (org values; words). */
  adopt?: { id: string; differs: string[]; org: Json; words: string[] };
  /** Adopted by name, now or in an earlier run: it stays in the org when the stack deletes it. */
  adopted: boolean;
  /** Why the org holds it in use (a queue's members): it stays in the org when the stack deletes it. */
  inUse?: string;
}

/** What the stack's state holds of an object (org/model.ts DeployedRouting). */
type Deployed = { id: string; kind: RoutingKind; objectId: string; adopted?: true };

/** The stack's declared org objects (model/routing/kind.ts `object`), from its routing plan. */
export function declaredObjects(objects: readonly PlannedRouting[]): PlannedRouting[] {
  return objects.filter((o) => unitOf(o.kind).object !== undefined);
}

/** Each declared object's decision, by its id; the org's objects (`org`) read only when the stack declares one. */
export async function objectDecisionsOf(
  objects: readonly PlannedRouting[],
  deployed: readonly Deployed[],
  org: () => Promise<ReadonlyMap<RoutingKind, readonly Json[]>>,
): Promise<Map<string, ObjectDecision>> {
  const declared = declaredObjects(objects);
  return declared.length === 0 ? new Map() : decideObjects(declared, deployed, await org());
}

/** The declared objects the stack's deletion leaves in the org (adopted, or in use), by id. */
export function keptOnDelete(decisions: ReadonlyMap<string, ObjectDecision>): Set<string> {
  return new Set([...decisions].flatMap(([id, d]) => (d.adopted || d.inUse ? [id] : [])));
}

const live = (e: Json) => typeof e.id === "string" && e.state !== "deleted";

/** Each declared object's decision, by its id. `org`: the org's objects of each kind declared, as the API answers. */
export function decideObjects(
  objects: readonly PlannedRouting[],
  deployed: readonly Deployed[],
  org: ReadonlyMap<RoutingKind, readonly Json[]>,
): Map<string, ObjectDecision> {
  const out = new Map<string, ObjectDecision>();
  for (const o of declaredObjects(objects)) {
    const mine = deployed.find((d) => d.id === o.id && d.kind === o.kind);
    const listed = (org.get(o.kind) ?? []).filter(live);
    const name = o.publishedName.toLowerCase();
    const named = (x: Json) => (mine ? x.id === mine.objectId : String(x.name).toLowerCase() === name);
    const e = listed.find(named);
    const inUse = e ? unitOf(o.kind).object?.inUse?.(e) : undefined;
    const found = mine === undefined && e !== undefined ? { adopt: adoption(o, e) } : {};
    const adopted = mine?.adopted === true || (e !== undefined && mine === undefined);
    out.set(o.id, { ...found, adopted, ...(inUse ? { inUse } : {}) });
  }
  return out;
}

/** The org's object `e` taken over by `o`: its id, and the watched fields the org holds otherwise than the file. */
function adoption(o: PlannedRouting, e: Json): NonNullable<ObjectDecision["adopt"]> {
  const file = routingResourceInputs(o, { routing: () => undefined, flow: () => undefined });
  const org = observedFields(o.kind, e);
  const differs = differingFields(fieldDigests(o.kind, file), fieldDigests(o.kind, org));
  const words = watchedFields(o.kind);
  const shown = (v: unknown) => shownValue(v, () => undefined);
  return {
    id: String(e.id),
    differs,
    org: Object.fromEntries(differs.map((f) => [f, org[f]])),
    words: differs.map((f) => `${words[f] ?? f}: the org has ${shown(org[f])}, ${o.file} says ${shown(file[f])}`),
  };
}

/** An org object's plan as the engine registers it: adopted by its org id, kept in the org when adopted or in use. */
export function withDecision(o: PlannedRouting, d: ObjectDecision | undefined): PlannedRouting {
  if (d === undefined) return o;
  const adopted = d.adopted ? { adopted: { differs: d.adopt?.differs ?? [], org: d.adopt?.org ?? {} } } : {};
  const retainOnDelete = o.retainOnDelete || d.adopted || d.inUse !== undefined;
  return { ...o, ...adopted, ...(d.adopt ? { adopt: d.adopt.id } : {}), retainOnDelete };
}

/** What the run does with `o`, in a line (the guard's note, the review's why). */
export function decisionWords(o: PlannedRouting, d: ObjectDecision): string[] {
  const what = `${unitOf(o.kind).label} "${o.publishedName}"`;
  const out: string[] = [];
  if (d.adopt) {
    const inOrg = `${what} is in the org (id ${d.adopt.id}): adopted as it is`;
    const next = `then updated by the next up: ${d.adopt.words.join("; ")}`;
    out.push(d.adopt.differs.length === 0 ? `${inOrg} (Pulumi import, no write)` : `${inOrg}, ${next}`);
  }
  if (d.inUse) {
    const kept = "the stack leaves it in the org when it deletes it (down, or its file removed)";
    out.push(`${what} is in use (${d.inUse}): ${kept}`);
  }
  return out;
}
