// The policy pack's entry (policies/pack.js runs it precompiled): the genesys-flows pack with this
// project's policy config. A team's repository has the same entry (templates/portfolio/policies/).
import { startPolicyPack } from "./policyPack";

startPolicyPack();
