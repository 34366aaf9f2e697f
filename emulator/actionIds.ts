// The identities of a published version's actions: Genesys gives every action of a flow version's
// configuration an id and a tracking number (Architect shows it as the action's "Tracking Id"), and
// its historical execution data names the actions that ran by both (`actionId`, `trackingId`) and
// the path each took by `outputPathId` (help.mypurecloud.com, "Historical flow execution data
// overview"). The emulator derives them from the version's Archy document: an action's id is a
// stable uuid of (flow, version, its place in the document), its tracking number its order in the
// document, so the configuration route (which lists them) and the recorded executions agree, and
// a journey maps back to an action through the version that ran.
import { ACTIONS } from "../archy/catalogue/actions";
import { isMap } from "../archy/json";
import { stableId } from "./ids";

export interface ActionIdentity {
  actionId: string;
  trackingId: number;
  /** The Archy action key (`decision`, `playAudio`, ...). */
  type: string;
  name: string;
  /** Where it is in the document (`inboundCall.tasks[0].task.actions[1]`). */
  path: string;
}

/** Genesys's id of the default path (the facts' "__DEFAULT__"); a named path's id is derived from the action's. */
export const DEFAULT_PATH = "__DEFAULT__";

export function outputPathId(actionId: string, path: string | undefined): string {
  return path === undefined ? DEFAULT_PATH : stableId(`output-path:${actionId}`, path);
}

/** The configuration route's list of a version's actions: ids, tracking numbers and the ids of their named output paths (an action that goes on to the next records `__DEFAULT__`). */
export function configurationActions(flowId: string, versionId: string, doc: unknown): Array<ActionIdentity & { outputPaths: Record<string, string> }> {
  return [...actionIdentities(flowId, versionId, doc)].map(([action, id]) => {
    const body = (action as Record<string, unknown>)[id.type];
    // The paths the action type has (the catalogue's), and any other its outputs name.
    const outputs = [...new Set([...(ACTIONS[id.type]?.outputs ?? []), ...(isMap(body) && isMap(body.outputs) ? Object.keys(body.outputs) : [])])];
    return { ...id, outputPaths: Object.fromEntries(outputs.map((p) => [p, outputPathId(id.actionId, p)])) };
  });
}

/**
 * Every action of a parsed Archy document (objects of an `actions` list, wherever they are: tasks,
 * menus' choices, output paths, states, and a module's or workflow's `startUpTaskActions`), in
 * document order, by object identity.
 */
export function actionIdentities(flowId: string, versionId: string, doc: unknown): Map<object, ActionIdentity> {
  const found = new Map<object, ActionIdentity>();
  const walk = (value: unknown, path: string, inActions: boolean): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`, inActions));
      return;
    }
    if (!isMap(value)) return;
    const keys = Object.keys(value);
    if (inActions && keys.length === 1 && isMap(value[keys[0]])) {
      const body = value[keys[0]] as Record<string, unknown>;
      found.set(value, { actionId: stableId(`action:${flowId}:${versionId}`, path), trackingId: found.size + 1, type: keys[0], name: typeof body.name === "string" ? body.name : "", path });
    }
    for (const k of keys) walk(value[k], path === "" ? k : `${path}.${k}`, k === "actions" || k === "choices" || k === "startUpTaskActions");
  };
  walk(doc, "", false);
  return found;
}
