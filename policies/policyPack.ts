// The policy pack: the only file that calls `new PolicyPack` (doing so starts the analyzer's gRPC
// server): never import it from a test; tests use policies/adapter.ts. A pack entry calls
// startPolicyPack once: this repository's policies/index.ts, and a team's (templates/portfolio/
// policies/index.ts, importing it as "genesys-flows/policies", with the team's own rules: its
// templates/portfolio/policies/rules.ts, policies/teamRules.ts); the config is the project's own (policies/config/<stack>.json,
// policies/config.ts).
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./adapter";
import { readPolicyConfig, stacksWithConfig } from "./config";
import { deserializeEachResourceOnce } from "./deserializeOnce";
import { teamPolicies, type TeamRule } from "./teamRules";

export type { TeamRule, TeamRuleFlow, TeamViolation } from "./teamRules";

export interface PolicyPackOptions {
  /** The team's own rules, beside the package's (policies/teamRules.ts): each is one more policy of the pack. */
  rules?: readonly TeamRule[];
}

export function startPolicyPack(options: PolicyPackOptions = {}): void {
  // Refuse to run with a policy config in this pack that lowers a core rule: a pull request that
  // edits policies/config/*.json to weaken the gate fails every preview and up instead.
  for (const stack of stacksWithConfig()) readPolicyConfig(stack);

  deserializeEachResourceOnce();

  new PolicyPack("genesys-flows", {
    description:
      "Genesys Cloud Architect flows: the project's checks (flow references, variables, module interfaces and cycles, unique names), subflow outcomes, graph shape, prod guardrails, module wiring.",
    policies: [...buildPolicies(), ...teamPolicies(options.rules ?? [])],
  });
}
