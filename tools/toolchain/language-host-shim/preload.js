// Loaded by `node --require` before @pulumi/pulumi's run script, in a program the Node.js
// language host starts through tools/toolchain/language-host-shim: the program's resource
// monitor becomes the engine's own (from the configuration key the shim added, removed here so the
// program never sees it) instead of the 3.163 host's proxy, which lacks resource hooks.
"use strict";
const KEY = "genesys-flows-langhost:config:monitor";
try {
  const config = JSON.parse(process.env.PULUMI_CONFIG || "{}");
  const address = config[KEY];
  if (typeof address === "string" && address !== "") {
    delete config[KEY];
    process.env.PULUMI_CONFIG = JSON.stringify(config);
    const at = process.argv.indexOf("--monitor");
    if (at >= 0 && at + 1 < process.argv.length) process.argv[at + 1] = address;
  }
} catch (e) {
  process.stderr.write(`language-host-shim preload: ${e?.message}\n`);
}
