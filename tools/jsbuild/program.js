// The Pulumi program as Pulumi.yaml runs it: index.ts, precompiled to JavaScript (jsbuild.js), so
// a run neither type-checks nor transpiles it. `npm run typecheck` and CI type-check it.
"use strict";
module.exports = require("./jsbuild").load("index.ts");
