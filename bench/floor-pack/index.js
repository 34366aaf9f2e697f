// The benchmark's floor (issue 28): a policy pack with no rules. Run with the bare baseline, it costs
// what any design gated by CrossGuard pays (the analyzer process, @pulumi/policy and @pulumi/pulumi
// loaded, every resource sent to it) and nothing of ours. JavaScript, like the real pack's pack.js,
// so Pulumi's run-plugin type-checks nothing. It resolves @pulumi/policy from the copy's node_modules.
"use strict";
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("genesys-flows-bench-floor", { policies: [] });
