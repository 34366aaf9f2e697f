// The policy pack. The only file that calls `new PolicyPack` (doing so starts the analyzer's
// gRPC server): never import it from a test; tests use policies/adapter.ts.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./adapter";
import { readPolicyConfig, stacksWithConfig } from "./config";
import { deserializeEachResourceOnce } from "./deserializeOnce";

// Refuse to run with a policy config in this pack that lowers a core rule: a pull request that
// edits policies/config/*.json to weaken the gate fails every preview and up instead.
for (const stack of stacksWithConfig()) readPolicyConfig(stack);

deserializeEachResourceOnce();

new PolicyPack("genesys-flows", {
  description: "Genesys Cloud Architect flows: the project's checks (flow references, variables, module interfaces and cycles, unique names), subflow outcomes, graph shape, prod guardrails, module wiring.",
  policies: buildPolicies(),
});
