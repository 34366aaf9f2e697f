// What a run does with each org object the stack declares (objects/: queues, skills, ...;
// docs/objects.md), from the org's objects of its kind (one list each) and what the stack deployed:
//  - one the stack's state does not hold, which the org has under its name (Genesys names are
//    unique per kind, whatever their case), is adopted (Pulumi `import` of that id), never created
//    again. Pulumi refuses an import whose inputs differ from what it reads, so the watched fields
//    the org holds otherwise are imported as they are (`ignoreChanges` for that run), the stack's
//    record keeps them as the org has them, and the next up writes the file's (the review and the
//    adopting run say which, beforehand);
//  - one the org holds in use (a queue with members or conversations waiting, or whose waiting
//    conversations cannot be read; a prompt a published flow outside the stack plays, as dependency
//    tracking answers, or any while its index is not operational) stays in the org when the stack
//    deletes it (`down`, its file removed: Pulumi's `retainOnDelete`), and
//    so does one the stack adopted;
//  - the rest is created, and deleted with the stack.
// Pure: the caller reads the org (run/objects/reads.ts).
import type { Json } from "../../model/routing/kind";
import { unitOf, type RoutingKind } from "../../model/routing/schema";
import type { PlannedRouting } from "../routing";
import { routingResourceInputs } from "../routingInputs";
import { differingFields, fieldChanges, fieldDigests, observedFields } from "../routingRecord";

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

/**
 * Each declared object's decision, by its id; the org's objects (`org`) and what uses the ones the
 * stack created (`usage`) read only when the stack declares one.
 */
export async function objectDecisionsOf(
  objects: readonly PlannedRouting[],
  deployed: readonly Deployed[],
  org: () => Promise<ReadonlyMap<RoutingKind, readonly Json[]>>,
  usage: (declared: readonly PlannedRouting[]) => Promise<ReadonlyMap<string, Usage>> = async () => new Map(),
): Promise<Map<string, ObjectDecision>> {
  const declared = declaredObjects(objects);
  return declared.length === 0 ? new Map() : decideObjects(declared, deployed, await org(), await usage(declared));
}

/** The declared objects the stack's deletion leaves in the org (adopted, or in use), by id. */
export function keptOnDelete(decisions: ReadonlyMap<string, ObjectDecision>): Set<string> {
  return new Set([...decisions].flatMap(([id, d]) => (d.adopted || d.inUse ? [id] : [])));
}

const live = (e: Json) => typeof e.id === "string" && e.state !== "deleted";

/** What flows outside the stack use of an object: dependency tracking's status and the consumers' names. */
export interface FlowsUsing {
  status: string;
  flows: readonly string[];
}

/** Why flows outside the stack keep an object in use; undefined when none does. An index not operational may miss one: in use. */
export function usedByFlowsWords(u: FlowsUsing): string | undefined {
  if (u.status !== "OPERATIONAL") return `dependency tracking is ${u.status}: which flows name it is not known`;
  if (u.flows.length === 0) return undefined;
  return `${u.flows.map((n) => `flow "${n}"`).join(", ")}, outside the stack, name${u.flows.length === 1 ? "s" : ""} it`;
}

/** What the run read of an object's use besides its own fields (model/routing/kind.ts `object`). */
export interface Usage {
  /** Flows outside the stack naming it (dependency tracking). */
  flows?: FlowsUsing;
  /** Conversations waiting in it (analytics' queue observations), or why they could not be read. */
  waiting?: number | { unread: string };
}

/** Why its use keeps an object in the org; undefined when nothing does. What could not be read keeps it. */
export function usageWords(u: Usage): string | undefined {
  const waiting =
    u.waiting === undefined
      ? undefined
      : typeof u.waiting !== "number"
        ? `its waiting conversations could not be read (${u.waiting.unread})`
        : u.waiting > 0
          ? `${u.waiting} conversation(s) waiting`
          : undefined;
  const words = [u.flows && usedByFlowsWords(u.flows), waiting].filter((w) => w !== undefined);
  return words.length > 0 ? words.join("; ") : undefined;
}

/** The declared objects whose use (`flows` outside the stack, `waiting` conversations) the run reads: created by the stack (adopted ones stay anyway), of a kind it keeps in use. */
export function objectsToAsk(
  objects: readonly PlannedRouting[],
  deployed: readonly Deployed[],
  use: "usedByFlows" | "waiting",
): Deployed[] {
  return declaredObjects(objects).flatMap((o) => {
    const mine = deployed.find((d) => d.id === o.id && d.kind === o.kind);
    return mine && !mine.adopted && unitOf(o.kind).object?.[use] ? [mine] : [];
  });
}

/**
 * Each declared object's decision, by its id. `org`: the org's objects of each kind declared, as
 * the API answers; `usage`: what the run read of an object's use, by its Genesys id.
 */
export function decideObjects(
  objects: readonly PlannedRouting[],
  deployed: readonly Deployed[],
  org: ReadonlyMap<RoutingKind, readonly Json[]>,
  usage: ReadonlyMap<string, Usage> = new Map(),
): Map<string, ObjectDecision> {
  const out = new Map<string, ObjectDecision>();
  for (const o of declaredObjects(objects)) {
    const mine = deployed.find((d) => d.id === o.id && d.kind === o.kind);
    const listed = (org.get(o.kind) ?? []).filter(live);
    const name = o.publishedName.toLowerCase();
    const named = (x: Json) => (mine ? x.id === mine.objectId : String(x.name).toLowerCase() === name);
    const e = listed.find(named);
    const used = e ? usage.get(String(e.id)) : undefined;
    const why = e ? [unitOf(o.kind).object?.inUse?.(e), used && usageWords(used)].filter((w) => w !== undefined) : [];
    const inUse = why.length > 0 ? why.join("; ") : undefined;
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
  const changes = differs.flatMap((f) => fieldChanges(o.kind, f, org[f], file, () => undefined));
  return {
    id: String(e.id),
    differs,
    org: Object.fromEntries(differs.map((f) => [f, org[f]])),
    words: changes.map((c) => `${c.words}: the org has ${c.org}, ${o.file} says ${c.stack ?? "(none)"}`),
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
