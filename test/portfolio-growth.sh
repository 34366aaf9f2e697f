#!/usr/bin/env bash
# A portfolio can grow without breaking the test suite: in a scratch copy of the repository, add a
# third common module and a 50-node flow calling it to flows/, then run the unit, policy and
# emulator tiers there. Tests own their fixtures, so only the test of the shipped examples sees the
# new flows, and it must publish them too. Run by the e2e tier (test/e2e/portfolioGrowth.test.ts).
# Usage: test/portfolio-growth.sh [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parent="$(mktemp -d "${TMPDIR:-/tmp}/genesys-flows-growth-XXXXXX")"
scratch="$parent/repo"
mkdir "$scratch"
[ "${1:-}" = "--keep" ] || trap 'rm -rf "$parent"' EXIT
# Tracked and new (not ignored) files: the repository as a user's working tree has it.
(cd "$root" && git ls-files -z --cached --others --exclude-standard) | (cd "$root" && xargs -0 cp --parents -t "$scratch")
ln -s "$root/node_modules" "$scratch/node_modules"
rm -rf "$scratch/sdks/genesyscloud/node_modules" "$scratch/sdks/genesyscloud/bin"
[ -d "$root/sdks/genesyscloud/bin" ] && ln -s "$root/sdks/genesyscloud/bin" "$scratch/sdks/genesyscloud/bin"
cd "$scratch"
node -r ts-node/register/transpile-only testkit/growFlows.ts "$scratch"
echo "[growth] flows now: $(find flows -name '*.y*ml' | wc -l) files (+ a third module and a 50-node flow)" >&2
# exec: a timeout that kills this script kills the test run itself.
# One worker: the run this script is part of already runs several test files at once (jest.config.js).
exec node_modules/.bin/jest --selectProjects unit policy emulator --ci --maxWorkers=1
