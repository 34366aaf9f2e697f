// The org strict mode checks against when check-exports is given no org file: every org object the
// exports name (queues, schedules, data actions, prompts, flows, ...) is taken to exist, so strict
// mode refuses only what the Archy catalogue does not know, never a team's own objects it was not
// told of. Data actions are taken without their contracts (not checked). With --org <file>, the
// team's own org file is used instead and every reference is checked. Pure.
import { ORG_OBJECT_KINDS } from "../archy/orgObjectKinds";
import { validateArchyDocument, type OrgReference } from "../archy/validate";
import type { OrgFileInput } from "../project/orgFile";
import { cmp } from "../archy/json";

type NameLists = Record<string, Set<string>>;

/** The org file input that holds every object `documents` name. */
export function assumedOrg(documents: readonly unknown[]): OrgFileInput {
  const refs: OrgReference[] = [];
  for (const doc of documents) validateArchyDocument(doc, { onReference: (r) => refs.push(r) });
  const lists: NameLists = {};
  const flows = new Map<string, { name: string; type: string }>();
  const actions = new Map<string, { category: string; name: string }>();
  const add = (key: string, name: string): void => {
    (lists[key] ??= new Set()).add(name);
  };
  for (const r of refs) {
    for (const kind of r.kinds) {
      if (kind === "dataAction") {
        const category = r.category ?? "";
        actions.set(`${category}\u0000${r.name}`, { category, name: r.name });
      } else if (kind === "flow") {
        // The validator finds a flow named this way by its name alone; the org file wants a type.
        for (const type of r.flowTypes ?? ["INBOUNDCALL"])
          flows.set(`${type}\u0000${r.name}`, { name: r.name, type: type.toLowerCase() });
      } else add(ORG_OBJECT_KINDS[kind].orgFileKey, r.name);
    }
  }
  const sorted = (s: Set<string>): string[] => [...s].sort();
  const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
  return {
    ...Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, sorted(v)])),
    flows: byKey(flows),
    dataActions: byKey(actions),
  } as OrgFileInput;
}
