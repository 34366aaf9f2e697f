// The command line (tools/cli.ts) as bin/genesys-flows and the npm scripts run it: precompiled to
// JavaScript by project/jsbuild.js (falling back to ts-node, transpile-only, when it cannot build), so a
// command does not transpile some 180 TypeScript files first. `npm run typecheck` and CI type-check it.
"use strict";
// The inline program runs in this process (engine/workspace.ts): @pulumi/pulumi's start-up loads of
// TypeScript and arborist, which only function serialization uses, wait for first use, as in the
// program and pack processes the language host starts (tools/toolchain/language-host-shim).
require("../toolchain/language-host-shim/deferLoads.js");
// A person waits on a first build: it says so at once (the program and the pack, run by pulumi, stay quiet).
const { runCli, settle } = require("../../project/jsbuild").load("tools/cli.ts", undefined, { progress: true });
runCli(process.argv.slice(2)).then(
  (code) => settle(process.argv.slice(2), code),
  (e) => {
    process.stderr.write(`genesys-flows: ${e?.stack || String(e)}\n`);
    process.exitCode = 1;
  },
);
