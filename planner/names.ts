// Names derived from flow files and stacks: a flow's id (from its path under flows/), its Pulumi
// resource name, where its compiled template goes, and its published name. Pure; shared by the
// stack program and the CLIs so a flow has one name everywhere.
import { routingName, unitOf, type RoutingFile } from "../model/routing/schema";

/** The folder of the portfolio, relative to the project root. */
export const FLOWS_DIR = "flows";
/** Folder (relative to the project root) where compiled templates are written for the provider. */
export const COMPILED_DIR = ".work/compiled";

/** `flows/billing/after-hours.yaml` -> `billing/after-hours`; undefined for a file outside flows/ or not YAML. */
export function flowIdOf(file: string): string | undefined {
  const normal = file.replace(/\\/g, "/").replace(/^\.\//, "");
  const m = /^flows\/(.+)\.ya?ml$/i.exec(normal);
  return m ? m[1] : undefined;
}

/** The Pulumi resource name of a flow: its id (stable while the file keeps its path). */
export function resourceNameOf(id: string): string {
  return id;
}

/** Where a flow's compiled template goes, relative to the project root. */
export function compiledPathOf(stack: string, id: string): string {
  return `${COMPILED_DIR}/${stack}/${id}.yaml`;
}

/** The name a flow is published under: the stack's prefix and the flow's (substituted) name. */
export function publishedNameOf(namePrefix: string, name: string): string {
  return namePrefix + name;
}

/**
 * The name a flow of a stack is published under: the name the stack keeps for an adopted flow
 * (`genesys-flows:flows.<id>.name`, which the prefix does not touch), else the stack's prefix and
 * the flow's (substituted) name.
 */
export function flowPublishedName(
  settings: { namePrefix: string; flows: Readonly<Record<string, { name?: string }>> },
  id: string,
  name: string,
): string {
  return settings.flows[id]?.name ?? publishedNameOf(settings.namePrefix, name);
}

/** A routing object's name in the org: the stack's prefix and its name; a DID pool (no name in Genesys) its range. */
export function publishedRoutingName(namePrefix: string, v: RoutingFile): string {
  return unitOf(v.kind).named ? publishedNameOf(namePrefix, routingName(v)) : routingName(v);
}
