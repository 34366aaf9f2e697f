// Whether an Archy action (or menu choice) exists in a flow type, from the catalogue: documented
// for the flow type's tags (actions.ts `in`), or seen in a public export of that type (seen.ts):
// yes; ruled out by the documentation (`notIn`): no; anything else: unknown. One implementation,
// used by the validator (a finding per action) and by the flow kinds (which node types a kind
// offers follows from the actions each node type compiles to).
import type { ActionInfo, FlowTag } from "./actions";
import type { FlowTypeInfo } from "./flowTypes";
import { ACTIONS_SEEN, MENU_CHOICES_SEEN } from "./seen";

export type Availability = "yes" | "no" | "unknown";

/** yes: documented or seen in this flow type; no: the documentation rules it out; unknown otherwise. */
export function availability(
  key: string,
  info: Pick<ActionInfo, "in" | "notIn" | "maybeIn">,
  ft: FlowTypeInfo,
): Availability {
  const has = (tags: readonly FlowTag[] | undefined): boolean =>
    (tags ?? []).some((t) => t === "all" || ft.tags.includes(t));
  if (has(info.in)) return "yes";
  const seen = Object.hasOwn(ACTIONS_SEEN, key)
    ? ACTIONS_SEEN[key]
    : Object.hasOwn(MENU_CHOICES_SEEN, key)
      ? MENU_CHOICES_SEEN[key]
      : undefined;
  if (seen?.in.includes(ft.archyKey)) return "yes";
  if (has(info.maybeIn)) return "unknown";
  if (has(info.notIn)) return "no";
  return "unknown";
}
