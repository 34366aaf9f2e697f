// The environment pulumi runs in for a stack (tools/pulumiEnv.sh, the lines `genesys-flows env`
// prints) and the engine's default parallelism (tools/pulumiArgs.sh): one implementation of each,
// read through bash, in the project (its .work/state for the local stack) with the tool's scripts.
import { capture } from "../project/pulumiCli";
import { toolRoot } from "../project/root";

/** What the environment adds to this process's, and the parallelism pulumi_parallel chose (if any). */
export async function engineEnvironment(
  stack: string,
  root: string,
): Promise<{ env: Record<string, string>; parallel?: number }> {
  // Run in the project ($PWD: its .work/state for the local stack); the scripts are the tool's ($2).
  const script = `set -euo pipefail
source "$2/tools/pulumiArgs.sh"
source "$2/tools/pulumiEnv.sh"
# tools/bootstrap.sh set the toolchain up for this tool already (npm start, npm run up): not again.
[ "\${GENESYS_FLOWS_TOOLCHAIN_READY:-}" = "$2" ] && [ -x "\${GENESYS_FLOWS_PULUMI:-}" ] || eval "$(bash "$2/tools/toolchain/setup.sh" --quiet --print-env --deploy-only)"
eval "$(pulumi_env_lines "$PWD" "$1")"
pulumi_parallel up --stack "$1"
printf 'GENESYS_FLOWS_ENGINE_PARALLEL=%s\\0' "\${PULUMI_PARALLEL_ARGS[1]:-}"
# Set up for this tool: the run's own pulumi calls (tools/pulumi.sh) need not check again.
export GENESYS_FLOWS_TOOLCHAIN_READY="$2"
export GENESYS_FLOWS_PROJECT="$PWD"
env -0`;
  const r = await capture("bash", ["-c", script, "engine-env", stack, toolRoot()], root);
  if (r.code !== 0)
    throw new Error(`the pulumi environment for stack "${stack}" could not be set up: ${r.stderr.trim()}`);
  const env: Record<string, string> = {};
  let parallel: number | undefined;
  for (const entry of r.stdout.split("\0")) {
    const at = entry.indexOf("=");
    if (at <= 0) continue;
    const key = entry.slice(0, at);
    const value = entry.slice(at + 1);
    if (key === "GENESYS_FLOWS_ENGINE_PARALLEL") parallel = value === "" ? undefined : Number(value);
    else if (process.env[key] !== value) env[key] = value;
  }
  return { env, ...(parallel !== undefined ? { parallel } : {}) };
}
