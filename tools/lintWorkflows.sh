#!/usr/bin/env bash
# Checks the GitHub Actions workflows (and the local actions they use) with the project's pinned
# actionlint, built by the toolchain step (tools/toolchain/setup.sh; no download site is reachable).
# Usage: npm run lint:workflows [-- <workflow files>]   default: every .github/workflows/*.yml
set -euo pipefail
tool="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The project's workflows (a team's repository passes GENESYS_FLOWS_PROJECT), else this repository's.
root="$(cd "${GENESYS_FLOWS_PROJECT:-$tool}" && pwd)"
env_lines="$("$tool/tools/toolchain/setup.sh" --quiet --print-env)" || exit $?
eval "$env_lines"
if [ ! -x "${GENESYS_FLOWS_ACTIONLINT:-}" ]; then
  echo "lint:workflows: actionlint is missing (${GENESYS_FLOWS_ACTIONLINT:-not set}); build it: npm run setup" >&2
  exit 1
fi
cd "$root"
if [ "$#" -eq 0 ]; then set -- .github/workflows/*.yml; fi
exec "$GENESYS_FLOWS_ACTIONLINT" "$@"
