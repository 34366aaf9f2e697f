// A team's own Automation API program driving the project as a local program (its Pulumi.yaml,
// index.ts, the stack's config), as Pulumi Deployments and a team's release tooling do: no wrapper
// of the project's, only the environment `genesys-flows env` prints. Usage (in the project folder):
//   node ownAutomation.js up|preview|destroy <stack> [<policy pack> <policy config>]
// Prints the engine's output; exits 1 with the engine's error when the run fails.
"use strict";
const { LocalWorkspace } = require("@pulumi/pulumi/automation");

async function main() {
  const [command, stackName, pack, config] = process.argv.slice(2);
  const stack = await LocalWorkspace.selectStack({ stackName, workDir: process.cwd() });
  const opts = {
    onOutput: (text) => process.stdout.write(text),
    ...(pack ? { policyPacks: [pack], policyPackConfigs: [config] } : {}),
  };
  if (command === "up") await stack.up(opts);
  else if (command === "preview") await stack.preview(opts);
  else if (command === "destroy") await stack.destroy({ onOutput: opts.onOutput, runProgram: true });
  else throw new Error(`unknown command ${command}`);
}

main().catch((e) => {
  // The Automation API's error carries the engine's whole output again (printed above as it came): its first line only.
  process.stderr.write(`the run failed: ${String(e?.message || e).split("\n")[0]}\n`);
  process.exit(1);
});
