#!/usr/bin/env bash
# The production line count the project's budget is kept in (docs/architecture.md, "The line
# budget"): every tracked .ts/.js/.mjs/.cjs file outside test/ and sdks/ (the generated SDK), no
# .d.ts, lines as `wc -l` counts them, of the tree Biome formats (npm run format). The same count,
# by the same commands, as the check a developer's session runs before it stops, so the figure
# reported is the one checked.
#   bash tools/lineBudget.sh          the working tree's tracked files
#   bash tools/lineBudget.sh <rev>    the files of a commit (e.g. main, to compare a branch)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
production() { grep -v -E '^(test|sdks)/' | grep -v '\.d\.ts$'; }
if [ $# -eq 0 ]; then
  git ls-files '*.ts' '*.js' '*.mjs' '*.cjs' | production | xargs -r cat | wc -l
else
  git ls-tree -r --name-only "$1" | grep -E '\.(ts|js|mjs|cjs)$' | production | while read -r f; do git cat-file blob "$1:$f"; done | wc -l
fi
