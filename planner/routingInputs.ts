// What a routing object's provider resource receives: its published name (a kind Genesys names),
// its description, and the kind's provider arguments with the ids of the objects and flows it
// refers to. One implementation for the routing component (components/routing.ts), which hands it
// Pulumi outputs as references, and the review (diff/resourcePlan.ts), which hands it tokens that
// change exactly when the object referred to gets a new Genesys id. Pure.
import { descriptionOf, unitOf, type RoutingFile, type RoutingKind } from "../model/routing/schema";
import type { Json, ProviderRefs } from "../model/routing/kind";
import { sha256 } from "./revisions";
import { canonical } from "./routingRecord";

/** A routing object as its resource is built from it. */
export interface RoutingResourceSource {
  kind: RoutingKind;
  value: RoutingFile;
  publishedName: string;
  /** Its file (from the project root): what files it names are relative to. */
  file?: string;
}

/** The provider resource's inputs. Descriptions are always explicit (the provider reads them back). */
export function routingResourceInputs(o: RoutingResourceSource, refs: ProviderRefs): Json {
  const unit = unitOf(o.kind);
  const description = descriptionOf(o.value);
  const named = unit.named ? { name: o.publishedName } : {};
  return {
    ...named,
    ...(description !== undefined ? { description } : {}),
    ...unit.provider.args(o.value, refs, o.file),
  };
}

/** The inputs whose change makes the provider replace an object of the kind (a new Genesys id). */
export function replacingInputs(kind: RoutingKind): readonly string[] {
  return unitOf(kind).provider.replaceOn ?? [];
}

/**
 * Each routing object's revision (routing id -> digest of its resource's inputs, a reference as the
 * id of the object or flow it names): what a release records, so an up changing only routing is
 * one, and a rollback knows which objects it puts back.
 */
export function routingRevisions(objects: readonly (RoutingResourceSource & { id: string })[]): Record<string, string> {
  const refs = { flow: (id: string) => `flow ${id}`, routing: (id: string) => `routing ${id}` };
  const revision = (o: RoutingResourceSource) => sha256(JSON.stringify(canonical(routingResourceInputs(o, refs))));
  return Object.fromEntries(objects.map((o) => [o.id, revision(o)]));
}
