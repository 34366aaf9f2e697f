#!/usr/bin/env bash
# Runs the project's pinned `pulumi` with the offline environment set:
#   - no update checks, no automatic plugin downloads, the Genesys provider from the local cache;
#   - for the `local` stack (and when no --stack is given): a file backend in .work/state
#     (git-ignored) and passphrase secrets (PULUMI_CONFIG_PASSPHRASE, default for local only);
#   - for any other stack (dev, prod, ...): whatever backend you are logged into is kept
#     (Pulumi Cloud, S3, a shared file backend), so team state stays where the team keeps it.
# Usage: npm run pulumi -- <pulumi args>     e.g. npm run pulumi -- preview --stack dev
# Set GENESYS_FLOWS_BACKEND=local to force the project's file backend for any stack.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
env_lines="$("$root/tools/toolchain/setup.sh" --quiet --print-env)" || exit $?
eval "$env_lines"

stack=""
prev=""
for arg in "$@"; do
  case "$prev" in --stack|-s) stack="$arg" ;; esac
  case "$arg" in --stack=*) stack="${arg#--stack=}" ;; -s=*) stack="${arg#-s=}" ;; esac
  prev="$arg"
done
# `pulumi stack select|init|rm <name>` names the stack as a positional argument.
if [ -z "$stack" ] && [ "${1:-}" = stack ] && [ -n "${3:-}" ] && [ "${3#-}" = "$3" ]; then
  case "${2:-}" in select|init|rm) stack="$3" ;; esac
fi
[ -z "$stack" ] && stack="${PULUMI_STACK:-}"

export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true

if [ "${GENESYS_FLOWS_BACKEND:-}" = local ] || [ -z "$stack" ] || [ "$stack" = local ]; then
  if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
    mkdir -p "$root/.work/state"
    export PULUMI_BACKEND_URL="file://$root/.work/state"
  fi
  if [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    # Protects only the local emulator stack's secrets; dev/prod use their own secrets provider.
    export PULUMI_CONFIG_PASSPHRASE="genesys-flows-local"
  fi
fi

exec "$GENESYS_FLOWS_PULUMI" "$@"
