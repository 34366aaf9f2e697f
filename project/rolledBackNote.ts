// The line preview, up and flows:diff --stack print when the stack runs a rolled-back release
// (docs/rollback.md): deploying the flow files now puts git's content back. Its own file so the
// deploy (tools/deploy.ts) and the review (tools/flowsDiff.ts) import no cycle.
import type { Release } from "../planner/releases";
import type { StackSettings } from "../planner/stackSettings";

/**
 * When the stack runs a rolled-back release, the line saying that deploying the flow files in
 * `root` now puts other content back (planner/releases.ts rolledBackNote); undefined otherwise.
 * For preview, up and flows:diff --stack. Throws when the flows do not plan (callers say nothing then).
 */
export async function rolledBackNoteFor(
  root: string,
  stack: string,
  history: readonly Release[],
  settings?: StackSettings,
): Promise<string | undefined> {
  if (history.at(-1)?.rollbackOf === undefined) return undefined;
  const { rolledBackNote } = await import("../planner/releases");
  const { readPortfolio } = await import("./portfolio");
  const { workingTreeSource } = await import("./releaseSource");
  const portfolio = readPortfolio(root, stack, settings);
  return rolledBackNote(history, {
    commit: workingTreeSource(root, stack).commit,
    revisions: new Map(portfolio.flows.map((f) => [f.id, f.revision])),
  });
}
