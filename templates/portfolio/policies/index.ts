// The policy pack's entry (policies/pack.js runs it precompiled): genesys-flows' rules with this
// repository's policy config (policies/config/<stack>.json, one per stack).
import { startPolicyPack } from "genesys-flows/policies";

startPolicyPack();
