// The identities of a published version's actions as its recorded executions name them: the
// tracking number and the item kind Genesys gives (archy/trackingIds.ts, document order), and an
// action id, a stable uuid of (flow, version, its place in the document). An output path is
// `__DEFAULT__`, a built-in path of the action type (`yes`, `success`: the catalogue's, or the
// action's `outputs`) its `__NAME__` id, and a path the flow names (a switch case, a menu choice)
// a stable uuid of the action and the path, as Genesys gives such paths a GUID (the sample's
// `"outputPathId": "b12f6d65-…"` of an intent).
import { ACTIONS } from "../archy/catalogue/actions";
import { isMap } from "../archy/json";
import { builtInPathId, DEFAULT_PATH, trackedActions, type TrackedAction } from "../archy/trackingIds";
import { stableId } from "./ids";

export interface ActionIdentity extends Omit<TrackedAction, "action"> {
  actionId: string;
}

/** The id of the path an action took (`path` as the behaviour interpreter names it; none: on along the default). */
export function outputPathId(id: ActionIdentity, body: unknown, path: string | undefined): string {
  if (path === undefined) return DEFAULT_PATH;
  const outputs = ACTIONS[id.type]?.outputs;
  const builtIn = (Array.isArray(outputs) && outputs.includes(path)) || (isMap(body) && isMap(body.outputs) && Object.hasOwn(body.outputs, path));
  return builtIn ? builtInPathId(path) : stableId(`output-path:${id.actionId}`, path);
}

/** Every action, menu and menu choice of a parsed Archy document, by object identity. */
export function actionIdentities(flowId: string, versionId: string, doc: unknown): Map<object, ActionIdentity> {
  return new Map(trackedActions(doc).map(({ action, ...t }) => [action, { ...t, actionId: stableId(`action:${flowId}:${versionId}`, t.path) }]));
}
