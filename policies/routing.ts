// The routing rules in the policy pack: the routing components register their object as plain,
// known inputs (model/facts.ts RoutingFacts: the value the stack deploys and the file's text), the
// flow components their facts; the pack rebuilds what the routing planner checked and runs the
// SAME routing checks (checks/routing.ts), so a stack gets the verdicts lint and the program give.
// The org-backed part (a number an unmanaged IVR config routes) needs the org: the stack program
// runs it before anything registers. Pure: tests call it with hand-built resources.
import { flowGroupReferencesOf, runRoutingChecks } from "../checks/routing";
import type { Finding } from "../checks";
import { routingKindOfType, type RoutingFacts } from "../model/facts";
import { FLOW_KINDS } from "../model/kinds";
import type { LoadedRouting } from "../model/routing/load";
import { routingFile, routingName } from "../model/routing/schema";
import { locatorOf } from "../model/yamlReader";
import { checkInputOf, isUnknown, read, type ComponentFacts, type StackResource } from "./resources";
import { cmp } from "../archy/json";

export interface RoutingComponentFacts {
  urn: string;
  facts: RoutingFacts;
}

/** Every routing component's facts, in file order; those that cannot be read, with why. */
export function readRoutingComponents(resources: readonly StackResource[]): {
  objects: RoutingComponentFacts[];
  problems: Array<{ urn: string; problem: string }>;
} {
  const objects: RoutingComponentFacts[] = [];
  const problems: Array<{ urn: string; problem: string }> = [];
  for (const r of resources) {
    const kind = routingKindOfType(r.type);
    if (kind === undefined) continue;
    // Key by key: during preview its other outputs (the object's id) are not known yet, and
    // reading the whole object would make all of it unknown.
    const keys = ["routingId", "file", "publishedName", "value", "source"] as const;
    const facts = Object.fromEntries(keys.map((k) => [k, read(r.props, [k])]));
    const unknown = keys.find((k) => isUnknown(facts[k]));
    if (unknown !== undefined) {
      problems.push({ urn: r.urn, problem: `its ${unknown} is not known yet` });
      continue;
    }
    const f = facts as Partial<RoutingFacts>;
    const value = routingFile.safeParse(f.value);
    if (
      typeof f.routingId !== "string" ||
      typeof f.file !== "string" ||
      typeof f.publishedName !== "string" ||
      typeof f.source !== "string" ||
      !value.success ||
      value.data.kind !== kind
    ) {
      problems.push({
        urn: r.urn,
        problem: "it registered no routing facts (routingId, file, publishedName, value of its kind, source)",
      });
      continue;
    }
    objects.push({ urn: r.urn, facts: { ...(f as RoutingFacts), kind, value: value.data } });
  }
  objects.sort((a, b) => cmp(a.facts.file, b.facts.file));
  return { objects, problems };
}

/** The routing checks over what the stack registered: its routing objects against its flows. */
export function routingFindingsOf(
  flows: readonly ComponentFacts[],
  routing: readonly RoutingComponentFacts[],
): Finding[] {
  const published = new Map<LoadedRouting, string>();
  const objects = routing.map(({ facts }) => {
    const o: LoadedRouting = {
      id: facts.routingId,
      file: facts.file,
      value: facts.value,
      locator: locatorOf(facts.source),
    };
    published.set(o, facts.publishedName);
    return o;
  });
  return runRoutingChecks({
    objects,
    flows: flows.map((c) => ({ id: c.facts.id, apiType: FLOW_KINDS[c.facts.kind].apiType })),
    publishedName: (o) => published.get(o) ?? routingName(o.value),
    flowGroups: flowGroupReferencesOf(checkInputOf(flows).flows),
  });
}
