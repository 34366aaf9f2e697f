// How Genesys's historical flow execution data names what ran in a flow version: each item of an
// execution is one object keyed by its kind (`actionDecision`, `menuMenu`, `menuJumpToTask`: the
// spec's FlowsQueryCriteriaResponse.actionTypes), and an action item carries the action's id
// (`actionId`), a tracking number (`trackingId`, Architect's "Tracking Id") and the output path it
// took (`outputPathId`: `__DEFAULT__`, or `__YES__`/`__NO__` on a decision, as downloads show them;
// help.mypurecloud.com "Historical flow execution data overview"). Which actions of an Archy
// document are items: every action, menu and menu choice, in document order. How Genesys numbers
// tracking ids is not documented (its sample starts at 11: ../shared/facts/real-org-evidence.md
// §3.2), so nothing here numbers them: the emulator gives its own (emulator/actionIds.ts), and
// `traffic pull` places action ids (traffic/actionPlaces.ts). One definition for both.
import { isMap } from "./json";

export interface TrackedAction {
  /** The document's own object (`{decision: {...}}`). */
  action: object;
  /** The Archy key (`decision`, `menu`, `menuTask`). */
  type: string;
  name: string;
  /** Where it is (`inboundCall.tasks[0].task.actions[1]`, the validator's format). */
  path: string;
}

/** The output path id of an action that went on along its default path. */
export const DEFAULT_PATH = "__DEFAULT__";

/** The id of an action's built-in output path: `__YES__`, `__NO__` (decisions) and, by the same rule, `__SUCCESS__`, `__FAILURE__`. */
export const builtInPathId = (name: string): string => `__${name.toUpperCase()}__`;

/** The kind an execution item of an action has: `actionDecision`, a menu `menuMenu`, a menu choice its own Archy key (`menuJumpToTask`). */
export const itemKind = (type: string): string =>
  type === "menu" ? "menuMenu" : type.startsWith("menu") ? type : `action${type[0].toUpperCase()}${type.slice(1)}`;

/** Every action, menu and menu choice of a parsed Archy document, in document order. */
export function trackedActions(doc: unknown): TrackedAction[] {
  const found: TrackedAction[] = [];
  const walk = (value: unknown, path: string, listed: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${path}[${i}]`, listed);
      });
      return;
    }
    if (!isMap(value)) return;
    const keys = Object.keys(value);
    if (listed && keys.length === 1 && isMap(value[keys[0]])) {
      const body = value[keys[0]] as Record<string, unknown>;
      found.push({ action: value, type: keys[0], name: typeof body.name === "string" ? body.name : "", path });
    }
    for (const k of keys)
      walk(
        value[k],
        path === "" ? k : `${path}.${k}`,
        ["actions", "choices", "menus", "startUpTaskActions"].includes(k),
      );
  };
  walk(doc, "", false);
  return found;
}
