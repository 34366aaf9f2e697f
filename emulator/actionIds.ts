// The identities of a published version's actions as its recorded executions name them: the item
// kind Genesys gives (archy/trackingIds.ts), an action id, a stable uuid of (flow, version, its place
// in the document), and a tracking number: Genesys does not say how it numbers them (its sample
// starts at 11), so the emulator numbers them from 11 in an order of its own, not the document's,
// and no reader can lean on an order. An output path is
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
  trackingId: number;
}

/** The id of the path an action took (`path` as the behaviour interpreter names it; none: on along the default). */
export function outputPathId(id: ActionIdentity, body: unknown, path: string | undefined): string {
  if (path === undefined) return DEFAULT_PATH;
  const outputs = ACTIONS[id.type]?.outputs;
  const builtIn =
    (Array.isArray(outputs) && outputs.includes(path)) ||
    (isMap(body) && isMap(body.outputs) && Object.hasOwn(body.outputs, path));
  return builtIn ? builtInPathId(path) : stableId(`output-path:${id.actionId}`, path);
}

/** Every action, menu and menu choice of a parsed Archy document, by object identity. */
export function actionIdentities(flowId: string, versionId: string, doc: unknown): Map<object, ActionIdentity> {
  const idOf = (path: string) => stableId(`action:${flowId}:${versionId}`, path);
  const tracked = trackedActions(doc).map((t) => ({ ...t, actionId: idOf(t.path) }));
  const order = tracked.map((t) => t.actionId).sort();
  return new Map(tracked.map(({ action, ...t }) => [action, { ...t, trackingId: 11 + order.indexOf(t.actionId) }]));
}
