// Revisions: SHA-256 fingerprints that change exactly when what Genesys publishes changes. A
// module is compiled into the modules that call it, and a caller's trigger follows the modules it
// calls, so revisions cascade along the module graph (planner/moduleGraph.ts).
import { createHash } from "node:crypto";
import { ModuleGraph, type GraphFlow } from "./moduleGraph";
import { cmp } from "../archy/json";

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A flow's revision: its content's, combined with the revisions of the modules it calls (in id order). */
export function flowRevision(
  contentRevision: string,
  calledModules: ReadonlyArray<{ id: string; revision: string }>,
): string {
  if (calledModules.length === 0) return contentRevision;
  const sorted = [...calledModules].sort((a, b) => cmp(a.id, b.id));
  return sha256([contentRevision, ...sorted.map((m) => `${m.id}=${m.revision}`)].join("\n"));
}

/** Every flow's revision, by id: its content's, with the revisions of the modules it calls, computed callees first. */
export function cascadeRevisions(flows: ReadonlyArray<GraphFlow & { contentRevision: string }>): Map<string, string> {
  const graph = new ModuleGraph(flows);
  const content = new Map(flows.map((f) => [f.id, f.contentRevision]));
  const revisions = new Map<string, string>();
  for (const id of graph.order()) {
    revisions.set(
      id,
      flowRevision(
        content.get(id)!,
        graph.calls(id).map((c) => ({ id: c, revision: revisions.get(c)! })),
      ),
    );
  }
  return revisions;
}

/** The update trigger of a flow that calls modules: it changes exactly when one of them changes. */
export function moduleTrigger(revisionsOfCalledModules: readonly string[]): string {
  return sha256([...revisionsOfCalledModules].sort().join("\n"));
}
