// The Pulumi program as Pulumi.yaml runs it: the project's index.ts, precompiled to JavaScript
// (project/jsbuild.js), so a run neither type-checks nor transpiles it. `npm run typecheck` and CI
// type-check it. In this repository the project is the tool's own folder; in a team's repository
// (its package.json "main" names this file in node_modules/genesys-flows) the project is the one
// pulumi runs in, and its index.ts imports the package's program.
"use strict";
// Pulumi's run script installs source-map-support, and Pulumi captures the whole stack of every
// resource it registers (Resource.callsites), each frame mapped through it: about 3 s of CPU per
// engine pass at 100 flows (docs/benchmark.md). So the program's stack traces use V8's own format,
// which names the compiled files in the jsbuild cache (one per source, same names and layout).
// GENESYS_FLOWS_SOURCE_MAPS=1 keeps the mapped traces.
if (process.env.GENESYS_FLOWS_SOURCE_MAPS !== "1") Error.prepareStackTrace = undefined;
const path = require("node:path");
const tool = path.resolve(__dirname, "../..");
const project = process.env.GENESYS_FLOWS_PROJECT || process.cwd();
module.exports = require("../../project/jsbuild").load(
  "index.ts",
  require("node:fs").existsSync(path.join(project, "index.ts")) ? project : tool,
);
