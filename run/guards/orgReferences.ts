// Guard: the org objects the flows name. Before anything registers, the objects the compiled flows
// this run publishes name (queues, data actions, schedules, prompts...: archy/orgObjectKinds.ts)
// are read from the org the provider reaches, only the kinds named, and a flow naming an object the
// org lacks, or calling a data action against its contract, refuses the run with every problem
// listed (org/orgReferences.ts, the same check lint --org and verify run). A flow the run leaves
// as it is sends nothing to the org and is not checked. The stack's own routing objects count as
// there. `genesys-flows:skipOrgReferenceCheck: <reason>` skips it with a warning (protected stacks
// refuse that setting: the pack). Runs on preview too.
import { routingObjectsOf } from "../../planner/routing";
import { PUBLISHES } from "../flowChanges";
import { checkOrgReferences } from "../../org/orgReferences";
import { nothing, type Guard } from "./guard";
import { runChanges } from "../changes";

export const orgReferencesGuard: Guard<"orgReferences", undefined> = {
  name: "orgReferences",
  description: "the org objects the flows this run publishes name",
  onPreview: true,
  async decide(run) {
    const portfolio = run.portfolio();
    const skip = portfolio.settings.skipOrgReferenceCheck;
    if (skip !== undefined) {
      return {
        notes: [
          {
            level: "warn",
            text: `the org-reference check is skipped for stack "${run.stack}" (genesys-flows:skipOrgReferenceCheck: "${skip}"): a flow naming a queue, data action or other object the org lacks fails at its publish, mid-rollout`,
          },
        ],
        product: undefined,
      };
    }
    const publishing = new Set((await runChanges(run)).filter((c) => PUBLISHES.has(c.action)).map((c) => c.flow));
    try {
      const outcome = await checkOrgReferences(portfolio, () => run.connection(), {
        stackObjects: routingObjectsOf(run.routing().objects),
        publishing,
        references: (flows) => run.orgReferences(flows),
      });
      return outcome.refusal !== undefined ? { refusal: outcome.refusal, product: undefined } : nothing;
    } catch (e) {
      const err = e as Error & { fix?: unknown };
      return {
        refusal: `cannot check that the org objects the flows name exist: ${err.message}${typeof err.fix === "string" && err.fix !== "" ? `\n  ${err.fix}` : ""}\n  (for an emergency, genesys-flows:skipOrgReferenceCheck: <reason> skips the check; protected stacks refuse it)`,
        product: undefined,
      };
    }
  },
};
