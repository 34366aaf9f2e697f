// References between the elements of an Archy flow (`targetTaskRef`, `targetStateRef`,
// `targetMenuRef`, `startUpRef`): the element kind and refId they name. Pure.
import type { Json } from "./json";

/** The refId an element reference names: `/inboundCall/tasks/task[Main_10]` or `./tasks/task[Main_10]` -> kind and refId. */
export function parseRef(ref: Json): { kind: string; refId: string } | undefined {
  if (typeof ref !== "string") return undefined;
  const m = /^(?:\/[A-Za-z]+|\.)\/([A-Za-z]+)s\/([A-Za-z]+)\[(.+)\]$/.exec(ref);
  return m && m[1] === m[2] ? { kind: m[2], refId: m[3] } : undefined;
}

/** The same reference naming another refId of the same kind (`/inboundCall/tasks/task[A]` -> `.../task[B]`). */
export function withRefId(ref: string, refId: string): string {
  return `${ref.slice(0, ref.lastIndexOf("["))}[${refId}]`;
}
