#!/usr/bin/env bash
# The environment that runs this project's pulumi offline, in one place for tools/pulumi.sh (which
# sources it) and `genesys-flows env` (which runs it and prints the lines for a user's own shell):
#   - no update checks and no automatic plugin downloads (the Genesys provider comes from the
#     machine's cache, see tools/toolchain/setup.sh);
#   - for the `local` stack (and when no stack is named, or GENESYS_FLOWS_BACKEND=local): the
#     project's file backend in .work/state and the local stack's passphrase, unless already set;
#     any other stack keeps the backend you are logged into and your own secrets provider.
# Run directly: prints the toolchain's lines (setup.sh --print-env) and these, as export lines.
# Usage: tools/pulumiEnv.sh [--stack <name>]

# pulumi_env_lines <root> <stack>: the export lines (values shell-quoted).
pulumi_env_lines() {
  local root="$1" stack="$2"
  printf 'export PULUMI_SKIP_UPDATE_CHECK=true\n'
  printf 'export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true\n'
  printf 'export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true\n'
  if [ "${GENESYS_FLOWS_BACKEND:-}" = local ] || [ -z "$stack" ] || [ "$stack" = local ]; then
    if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
      mkdir -p "$root/.work/state"
      printf 'export PULUMI_BACKEND_URL=%q\n' "file://$root/.work/state"
    fi
    if [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
      # Protects only the local emulator stack's secrets; dev/prod use their own secrets provider.
      printf 'export PULUMI_CONFIG_PASSPHRASE=%q\n' "genesys-flows-local"
    fi
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  tool="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  root="$(cd "${GENESYS_FLOWS_PROJECT:-$tool}" && pwd)"
  stack=local
  while [ $# -gt 0 ]; do
    case "$1" in
      --stack) [ $# -ge 2 ] || { echo "env: --stack needs a stack name" >&2; exit 2; }; stack="$2"; shift 2 ;;
      --stack=*) stack="${1#--stack=}"; shift ;;
      -h|--help)
        cat <<'HELP'
Usage: genesys-flows env [--stack <name>]

Prints the environment (export lines) that makes your own `pulumi` run this project as the
project's wrappers do: the pinned pulumi and its Node.js language host first on PATH, the
Genesys provider from the machine's cache, no update checks and no plugin downloads; for the
local stack (the default) also the project's file backend (.work/state) and the local stack's
passphrase. Other stacks keep the backend you are logged into and your secrets provider.
Builds the toolchain first when it is missing (npm run setup).

  eval "$(genesys-flows env)"
  pulumi preview --stack local --policy-pack policies --policy-pack-config policies/config/local.json

See docs/using-your-own-pulumi.md.

Options:
  --stack <name>  the stack you will run (default: local)
  -h, --help      show this help
HELP
        exit 0 ;;
      *) echo "env: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
  done
  case "$stack" in ''|*[!A-Za-z0-9_.-]*) echo "env: '$stack' is not a stack name" >&2; exit 2 ;; esac
  "$tool/tools/toolchain/setup.sh" --quiet --print-env
  pulumi_env_lines "$root" "$stack"
  printf 'export PULUMI_STACK=%q\n' "$stack"
fi
