#!/usr/bin/env bash
# Entry point of the npm scripts that need a working project: installs what is missing, then
# runs the command. On a fresh clone this is what makes `npm start` and `npm test` one command.
#   1. npm packages (npm ci) when node_modules is missing or older than package-lock.json;
#   2. the compiled @pulumi/genesyscloud SDK (its postinstall) when missing or older than its sources;
#   3. the Pulumi toolchain (tools/toolchain/setup.sh: builds what is missing, cached per machine;
#      for `run`, only what a deploy needs: --deploy-only);
#   4. for jest, a Chromium for the render tier (tools/diagrams/browser.sh: Debian's, with apt-get).
#   `sdk` stops after 2 (the type-check needs the compiled SDK's declarations, nothing more).
# Usage: tools/bootstrap.sh setup | sdk | run <script.ts> [args] | jest [args]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf '[bootstrap] %s\n' "$*" >&2; }

# A node_modules that is a link (a git worktree sharing another checkout's install) is never
# reinstalled from here: npm ci through the link would empty the checkout it points to.
if [ -L node_modules ]; then
  if [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "node_modules is a link to another checkout's install, older than package-lock.json: not installing through it (run npm ci there)"
  fi
elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error || { say "npm ci failed; rerun: npm ci"; exit 1; }
fi
# Compiled again when a source of the SDK is newer than its build (a merged `npm run sdk:generate`).
if [ ! -f sdks/genesyscloud/bin/index.js ] || [ -n "$(find sdks/genesyscloud -name '*.ts' -not -path '*/bin/*' -not -path '*/node_modules/*' -newer sdks/genesyscloud/bin/package.json -print -quit 2>/dev/null)" ]; then
  say "compiling the generated @pulumi/genesyscloud SDK"
  (cd sdks/genesyscloud && PATH="$root/sdks/genesyscloud/node_modules/.bin:$root/node_modules/.bin:$PATH" node ./scripts/postinstall.js >/dev/null) || { say "SDK build failed; rerun: npm ci"; exit 1; }
fi

cmd="${1:-setup}"
shift || true
case "$cmd" in
  setup) exec bash tools/toolchain/setup.sh "$@" ;;
  sdk) exit 0 ;;
  run)
    env_lines="$(bash tools/toolchain/setup.sh --quiet --print-env --deploy-only)" || exit $?
    eval "$env_lines"
    # tools/pulumi.sh skips its own set-up for this folder (saves ~0.5 s per pulumi call).
    export GENESYS_FLOWS_TOOLCHAIN_READY="$root"
    script="$1"; shift
    # The command line runs precompiled (tools/jsbuild/cli.js); any other script through ts-node.
    [ "$script" = tools/cli.ts ] && exec node tools/jsbuild/cli.js "$@"
    exec node -r ts-node/register/transpile-only "$script" "$@" ;;
  jest)
    bash tools/toolchain/setup.sh --quiet
    # The render tier draws diagrams in a headless Chromium; without one only that tier fails.
    bash tools/diagrams/browser.sh --quiet || say "no browser for the render tier (see above)"
    exec npx jest "$@" ;;
  *) say "unknown command '$cmd' (setup | sdk | run <script> | jest)"; exit 2 ;;
esac
