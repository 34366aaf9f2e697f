// Guard: a new flow name a person cannot tell from a flow the org holds outside the stack. Lint and
// every deploy refuse twins among the stack's own names (checks/names.ts); a person in Architect, or
// picking the flow a number routes to, sees the org's flows too. So before anything registers, a run
// that creates or renames a flow lists the org's flows, every type (GET /api/v2/flows, pages of 500),
// and refuses a new published name that is the twin of one the stack's state does not hold (UTS #39's
// skeleton, the same check: orgTwinProblems), naming both. A run that creates no name reads nothing.
// Runs on preview too.
import { orgTwinProblems, TWIN_FIX } from "../../checks/names";
import { listAllFlows } from "../../org/flows";
import { nothing, type Guard } from "../guards/guard";
import { runChanges } from "../changes";

export const orgNameTwinsGuard: Guard<"orgNameTwins", undefined> = {
  name: "orgNameTwins",
  description: "new flow names a person cannot tell from a flow the org holds",
  onPreview: true,
  async decide(run) {
    const changes = await runChanges(run);
    const named = new Set(changes.filter((c) => c.action === "create" || c.action === "replace").map((c) => c.flow));
    if (named.size === 0) return nothing;
    const flows = run.portfolio().flows.filter((f) => named.has(f.id));
    const ours = new Set((await run.deployment()).flows.map((f) => f.flowId));
    let problems: string[];
    try {
      const org = await listAllFlows((await run.connection()).api);
      problems = orgTwinProblems(
        flows,
        org.filter((f) => !ours.has(f.flowId)),
      );
    } catch (e) {
      const what = "cannot check that the stack's new flow names differ visibly from the org's flows";
      return { refusal: `${what}: ${(e as Error).message}`, product: undefined };
    }
    if (problems.length === 0) return nothing;
    const what = problems.length === 1 ? "a flow name" : `${problems.length} flow names`;
    const head = `refusing to publish ${what} a person cannot tell from a flow in the org (nothing was deployed):`;
    return { refusal: [head, ...problems.map((p) => `  ${p}`), `  Fix: ${TWIN_FIX}.`].join("\n"), product: undefined };
  },
};
