// The policy pack as Pulumi runs it (policies/package.json main): policies/index.ts precompiled by
// genesys-flows' loader, so a run neither type-checks nor transpiles it.
"use strict";
module.exports = require("genesys-flows/loader").load(
  "policies/index.ts",
  require("node:path").resolve(__dirname, ".."),
);
