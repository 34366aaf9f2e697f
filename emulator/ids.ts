import { createHash, randomUUID } from "node:crypto";

/** A random v4 uuid: used for flow, job and token ids. */
export function newId(): string {
  return randomUUID();
}

/** A deterministic uuid-shaped id derived from a namespace and a name (e.g. divisions by name). */
export function stableId(namespace: string, name: string): string {
  const hex = createHash("sha256").update(`${namespace}\u0000${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
