// The `archy` escape hatch: raw Archy actions in a flow are checked by the same validator the
// emulator runs on every publish (archy/validate/), in the context of the flow's kind and its
// declared variables, so the escape hatch is checked too. Invalid findings are rule archy-actions
// (an error); names the catalogue lacks are rule archy-unknown (a warning unless strict).
import { RULES, validateActionList } from "../archy/validate";
import { FLOW_KINDS } from "../model/kinds";
import { contextKinds } from "./symbols";
import { declaredArchyVariables } from "./expressions";
import type { Finding } from "./finding";
import type { CheckFlow } from "./input";
import { archyFinding, findingsOf, nodeFinding, sortedKeys } from "./locate";
import { archyBranches } from "../model/nodes/archy";
import { valueAt } from "../model/location";
import { rawRefIds } from "../model/archySettings";
import { compiledRefIds } from "../model/rawEntries";
import { pathText } from "../archy/json";
import { loopStructure } from "../model/graph";

/**
 * What raw actions may move to: the elements and menus kept raw (archySettings), the tasks and
 * menus the nodes compile to (model/rawEntries.ts compiledRefIds), and the start state or bot.
 */
function knownRefs(model: CheckFlow["model"]): Map<string, Set<string>> {
  const refs = rawRefIds(model);
  for (const [kind, ids] of compiledRefIds(model)) refs.set(kind, new Set([...(refs.get(kind) ?? []), ...ids]));
  for (const kind of ["state", "bot"]) refs.set(kind, new Set([...(refs.get(kind) ?? []), "Start"]));
  return refs;
}

export function checkArchyNodes(flow: CheckFlow): Finding[] {
  const found = findingsOf(flow, "archy-actions");
  const variables = declaredArchyVariables(flow.model);
  // A module's actions must be valid in every kind it serves (and in a module).
  const archyKeys = [
    ...new Set([FLOW_KINDS[flow.model.kind].archyKey, ...contextKinds(flow.model).map((k) => k.archyKey)]),
  ];
  const refs = knownRefs(flow.model);
  // A module reads the built-ins of the kinds that may call it (Call.Ani in a module for calls).
  const callers = FLOW_KINDS[flow.model.kind].isModule ? contextKinds(flow.model).map((k) => k.archyKey) : undefined;
  // Raw actions in a loop node's body run inside the loop: Next Loop and Exit Loop act on it.
  const inLoop = new Set([...loopStructure(flow.model).bodies.values()].flatMap((members) => [...members]));
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    if (node.type !== "archy") continue;
    // A branch that is a transition continues at a node: raw actions of its own would be dropped.
    const last = node.actions.length - 1;
    for (const b of archyBranches(node)) {
      const given = valueAt(node.actions[last], [Object.keys(node.actions[last])[0], ...b.path]);
      if (Object.hasOwn(node.transitions, b.name) && Array.isArray(given) && given.length > 0) {
        found.node(
          id,
          pathText(["actions", last, Object.keys(node.actions[last])[0], ...b.path]),
          `branch "${b.name}" holds actions and is also a transition; move the actions to the node it goes to, or remove transitions.${b.name}`,
        );
      }
    }
    const seen = new Set<string>();
    for (const flowType of archyKeys) {
      for (const f of validateActionList(
        node.actions,
        { flowType, variables, ...(callers && flowType === archyKeys[0] ? { callers } : {}), inLoop: inLoop.has(id) },
        "actions",
        { refs },
      )) {
        // In the kinds a module serves, what matters is whether each action exists there; its
        // variables are the module's own (Common.*), checked in the module's flow type.
        if (flowType !== archyKeys[0] && f.rule !== RULES.actionNotAllowed) continue;
        const key = `${f.path}\u0000${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const context = archyKeys.length > 1 ? ` (in ${flowType})` : "";
        const finding = archyFinding(
          f,
          "archy-actions",
          (rule, message) => nodeFinding(flow, rule, id, f.path, message),
          context,
        );
        if (finding) found.list.push(finding);
      }
    }
  }
  return found.list;
}
