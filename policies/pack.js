// The policy pack as Pulumi runs it (package.json main): index.ts, precompiled to JavaScript
// (project/jsbuild.js). @pulumi/pulumi's run-plugin type-checks every TypeScript file a pack
// loads; this file and the compiled ones are JavaScript, so a run type-checks nothing.
// `npm run typecheck` and CI type-check the pack.
"use strict";
module.exports = require("../project/jsbuild").load("policies/index.ts");
