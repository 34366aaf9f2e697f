// The policy pack. The only file that calls `new PolicyPack` (doing so starts the analyzer's
// gRPC server): never import it from a test; tests use policies/adapter.ts.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./adapter";

new PolicyPack("genesys-flows", {
  description: "Genesys Cloud Architect flows: subflow outcomes, module interfaces, graph shape, prod guardrails, module wiring.",
  policies: buildPolicies(),
});
