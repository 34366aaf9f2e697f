// Which stacks are protected from overwriting what people did in the org: those whose policy config
// enforces the guardrail that already keeps a deployment from discarding a flow someone is
// editing (prod-force-unlock, mandatory for prod as shipped). On a protected stack `up` stops
// before any publish that would overwrite a person's version or bury their draft, unless the stack
// file acknowledges it; elsewhere the same cases are warnings (verify/people/overwriteDecision.ts). To
// protect dev: set prod-force-unlock to mandatory in policies/config/dev.json.
import { guardrailApplies } from "../checks/guardrails";
import { ruleInfo } from "../checks/rules";
import { effectiveEnforcement, settingsFromConfig, type PolicyConfig } from "./config";

export const PROTECTING_RULE = "prod-force-unlock";

export function protectsPeopleChanges(stack: { stack: string; environment: string }, config: PolicyConfig): boolean {
  const rule = ruleInfo(PROTECTING_RULE);
  return (
    effectiveEnforcement(rule, config) === "mandatory" && guardrailApplies(stack, settingsFromConfig(rule, config))
  );
}
