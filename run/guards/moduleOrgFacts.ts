// Guard: the org's facts about the stack's modules that this run changes. A module the stack
// deployed that changes is read in the org (its published version, who outside the stack calls it:
// dependency tracking) so the policy pack's rule module-outside-callers can judge the change
// (policies/outsideCallers.ts) with what the org says now. Read only when such a module changes; an
// org that cannot be read is a warning (the rule then says the callers are unknown). Product: the
// facts the module components register (components/stackProgram.ts outsideCallersOf).
import { WRITES_EXISTING } from "../flowChanges";
import { stackImpact } from "../verifyStack";
import type { OrgFacts } from "../../verify/orgFacts";
import type { Guard } from "./guard";
import { runChanges } from "../changes";
import { stackContext } from "../runVerify";

export const moduleOrgFactsGuard: Guard<"moduleOrgFacts", OrgFacts | undefined> = {
  name: "moduleOrgFacts",
  description: "who outside the stack calls the modules this run changes",
  onPreview: true,
  async decide(run) {
    const changes = await runChanges(run);
    if (!changes.some((c) => c.deployed?.isModule === true && WRITES_EXISTING.has(c.action)))
      return { product: undefined };
    try {
      return { product: (await stackImpact(stackContext(run))).facts };
    } catch (e) {
      return {
        notes: [
          {
            level: "warn",
            text: `who outside the stack calls the changing modules is not known: ${(e as Error).message}`,
          },
        ],
        product: undefined,
      };
    }
  },
};
