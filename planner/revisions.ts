// Revisions: SHA-256 fingerprints that change exactly when what Genesys publishes changes.
import { createHash } from "crypto";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A flow's revision: its content's, combined with the revisions of the modules it calls (in id order). */
export function flowRevision(contentRevision: string, calledModules: ReadonlyArray<{ id: string; revision: string }>): string {
  if (calledModules.length === 0) return contentRevision;
  const sorted = [...calledModules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sha256([contentRevision, ...sorted.map((m) => `${m.id}=${m.revision}`)].join("\n"));
}

/** The update trigger of a flow that calls modules: it changes exactly when one of them changes. */
export function moduleTrigger(revisionsOfCalledModules: readonly string[]): string {
  return sha256([...revisionsOfCalledModules].sort().join("\n"));
}
