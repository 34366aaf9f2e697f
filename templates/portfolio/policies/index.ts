// The policy pack's entry (policies/pack.js runs it precompiled): genesys-flows' rules with this
// repository's policy config (policies/config/<stack>.json, one per stack), and this repository's
// own rules (./rules.ts).
import { startPolicyPack } from "genesys-flows/policies";
import { rules } from "./rules";

startPolicyPack({ rules });
