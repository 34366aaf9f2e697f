#!/usr/bin/env bash
# Runs the project's pinned `pulumi` with the offline environment set:
#   - no update checks, no automatic plugin downloads, the Genesys provider from the local cache;
#   - for the `local` stack (and when no --stack is given): a file backend in .work/state
#     (git-ignored) and passphrase secrets (PULUMI_CONFIG_PASSPHRASE, default for local only);
#   - for any other stack (dev, prod, ...): whatever backend you are logged into is kept
#     (Pulumi Cloud, S3, a shared file backend), so team state stays where the team keeps it.
# Two guards, before and around pulumi:
#   - the policy gate (tools/policyGate.sh): `up`/`preview` on any stack but `local` refuses to run
#     without `--policy-pack policies --policy-pack-config policies/config/<stack>.json`, unless you
#     say so with --without-policy-pack or GENESYS_FLOWS_WITHOUT_POLICY_PACK=1;
#   - the stack-file guard (tools/stackFileGuard.sh): nothing but `config`/`stack init`-style
#     commands may rewrite a committed Pulumi.<stack>.yaml.
# And one default: `up`/`preview`/`refresh`/`destroy` run 40 resource operations at once on an
# org's stack and 10 on local (not Pulumi's 4 x CPUs) unless the line says --parallel or
# GENESYS_FLOWS_PARALLEL another value (tools/pulumiArgs.sh pulumi_parallel).
# Usage: npm run pulumi -- <pulumi args>     e.g. npm run pulumi -- preview --stack dev
# Set GENESYS_FLOWS_BACKEND=local to force the project's file backend for any stack.
set -euo pipefail

# The tool's scripts are beside this one; the project is GENESYS_FLOWS_PROJECT (a team's repository:
# the tool is its node_modules/genesys-flows), else this repository itself.
tool="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "${GENESYS_FLOWS_PROJECT:-$tool}" && pwd)"
# shellcheck source=pulumiArgs.sh
source "$tool/tools/pulumiArgs.sh"
# shellcheck source=policyGate.sh
source "$tool/tools/policyGate.sh"
# shellcheck source=stackFileGuard.sh
source "$tool/tools/stackFileGuard.sh"
# shellcheck source=pulumiEnv.sh
source "$tool/tools/pulumiEnv.sh"

# The gate first: a refused run costs nothing, not even the toolchain check.
policy_gate "$root" "$@" || exit $?
set -- ${POLICY_GATE_ARGS[@]+"${POLICY_GATE_ARGS[@]}"}

# tools/bootstrap.sh has already set the toolchain up for a command of this project (npm start
# runs pulumi several times): it says so for this folder only. Otherwise set it up (~0.5 s when built).
if [ "${GENESYS_FLOWS_TOOLCHAIN_READY:-}" != "$tool" ] || [ ! -x "${GENESYS_FLOWS_PULUMI:-}" ]; then
  env_lines="$("$tool/tools/toolchain/setup.sh" --quiet --print-env --deploy-only)" || exit $?
  eval "$env_lines"
fi

pulumi_stack "$@"
stack="$PULUMI_ARG_STACK"
pulumi_parallel "$@" || exit $?

# The offline switches, and for the local stack its file backend and passphrase (tools/pulumiEnv.sh,
# which `genesys-flows env` prints for a user's own pulumi).
eval "$(pulumi_env_lines "$root" "$stack")"

stack_file_guard_begin "$root" "$@"
trap 'stack_file_guard_end >/dev/null 2>&1 || true' EXIT
# pulumi runs as a child (not exec) so the guard can check the files after it. Ctrl-C and a
# hang-up reach pulumi directly (same process group; forwarding them would make pulumi's graceful
# cancel a forced one), so here they only keep this script waiting; SIGTERM sent to this script
# is passed on.
# A background command of a script starts with SIGINT ignored; `env --default-signal` (GNU
# coreutils) gives pulumi back the default, so commands that do not handle Ctrl-C still stop.
trap ':' INT HUP
launch=()
env --default-signal=INT,QUIT true 2>/dev/null && launch=(env --default-signal=INT,QUIT)
exec 3<&0
${launch[@]+"${launch[@]}"} "$GENESYS_FLOWS_PULUMI" "$@" ${PULUMI_PARALLEL_ARGS[@]+"${PULUMI_PARALLEL_ARGS[@]}"} ${STACK_FILE_GUARD_ARGS[@]+"${STACK_FILE_GUARD_ARGS[@]}"} <&3 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM
rc=0
wait "$child" || rc=$?
# A trapped signal interrupts `wait`; wait again for pulumi to finish its own shutdown.
while kill -0 "$child" 2>/dev/null; do wait "$child" || rc=$?; done
trap - EXIT
stack_file_guard_end || { [ "$rc" = 0 ] && rc=1; }
exit "$rc"
