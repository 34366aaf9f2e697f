// A child tool of the command line (tools/cli.ts `child`: bench/run.ts), run precompiled by
// project/jsbuild.js like the command line itself (ts-node, transpile-only, when it cannot build):
// `genesys-flows bench --help` no longer transpiles the benchmark's import graph first.
// Usage: node tools/jsbuild/child.js <entry.ts> [args...]; the tool sees its own arguments only.
"use strict";
const jsbuild = require("../../project/jsbuild");
const entry = process.argv[2];
if (!jsbuild.OPTIONAL_ENTRIES.includes(entry)) {
  process.stderr.write(
    `genesys-flows: ${entry} is not a child tool the build knows (project/jsbuild.js OPTIONAL_ENTRIES: ${jsbuild.OPTIONAL_ENTRIES.join(", ")})\n`,
  );
  process.exit(1);
}
process.argv.splice(2, 1);
jsbuild.load(entry);
