#!/usr/bin/env bash
# A portfolio can grow without breaking the test suite: in a scratch copy of the repository, add a
# third common module and a 50-node flow calling it (a number routed to it), a call flow no number
# reaches and a flow lint warns about, then run there the unit, policy and emulator test files that
# read flows/ or routing/. Tests own their fixtures: the tests of the shipped examples read a copy
# of the examples (testkit/shippedExamples.ts), so the new flows are not theirs to judge. Which
# files read flows/ or routing/ is listed in testkit/portfolioReaders.json, and every run of those
# tiers checks the list against what each file reads (testkit/portfolioReads.ts): a file that reads
# them and is not listed fails there, and here a listed file that reads nothing fails. Run by the
# e2e tier (test/e2e/portfolioGrowth.test.ts).
# Usage: test/portfolio-growth.sh [--keep]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
parent="$(mktemp -d "${TMPDIR:-/tmp}/genesys-flows-growth-XXXXXX")"
scratch="$parent/repo"
mkdir "$scratch"
[ "${1:-}" = "--keep" ] || trap 'rm -rf "$parent"' EXIT
echo "[growth] scratch copy: $scratch" >&2
# Tracked and new (not ignored) files: the repository as a user's working tree has it.
(cd "$root" && git ls-files -z --cached --others --exclude-standard) | (cd "$root" && xargs -0 cp --parents -t "$scratch")
ln -s "$root/node_modules" "$scratch/node_modules"
rm -rf "$scratch/sdks/genesyscloud/node_modules" "$scratch/sdks/genesyscloud/bin"
[ -d "$root/sdks/genesyscloud/bin" ] && ln -s "$root/sdks/genesyscloud/bin" "$scratch/sdks/genesyscloud/bin"
cd "$scratch"
node -r ts-node/register/transpile-only testkit/growFlows.ts "$scratch"
echo "[growth] flows now: $(find flows -name '*.y*ml' | wc -l) files (+ a third module, a 50-node flow, an unrouted call flow, a flow with a warning)" >&2
mapfile -t readers < <(node -e 'for (const f of require("./testkit/portfolioReaders.json").files) console.log(f)')
[ "${#readers[@]}" -gt 0 ] || { echo "[growth] testkit/portfolioReaders.json lists no test file" >&2; exit 1; }
for f in "${readers[@]}"; do [ -f "$f" ] || { echo "[growth] testkit/portfolioReaders.json lists $f, which does not exist" >&2; exit 1; }; done
echo "[growth] running the ${#readers[@]} test files that read flows/ or routing/: ${readers[*]}" >&2
# jest runs as a child, not exec'd, so the EXIT trap removes the scratch copy after it (an exec'd
# jest left one whole copy of the repository in the temp folder per run); a TERM, INT or HUP that
# stops this script (a timeout) is passed on to the test run.
# One worker: the run this script is part of already runs several test files at once (jest.config.js).
# --runTestsByPath: exactly these files. GENESYS_FLOWS_GROWTH_CHECK: a listed file that reads nothing fails.
export GENESYS_FLOWS_GROWTH_CHECK=1
node_modules/.bin/jest --selectProjects unit policy emulator --ci --maxWorkers=1 --runTestsByPath "${readers[@]}" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT HUP
rc=0
wait "$child" || rc=$?
# A trapped signal interrupts `wait`: wait for the test run to end before the copy goes.
while kill -0 "$child" 2>/dev/null; do wait "$child" || rc=$?; done
exit "$rc"
