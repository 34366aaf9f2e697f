#!/usr/bin/env bash
# Keeps one GitHub issue per stack in step with the scheduled drift check (.github/workflows/drift.yml):
#   verify exit 0 (clean)       closes the stack's open drift issue, if any, saying which run found it clean;
#   verify exit 1 (findings), or exit 0 with a person's lock, draft, overwritten version or rename,
#                               opens the issue, or updates its body, with verify's report: flows that are
#                               stale, drifted, refused by Architect's validator (verify --validate), held
#                               as a person's draft or locked in Architect;
#   any other exit (3: the org could not be reached, 2: usage) changes no issue and fails the job.
# The issue is found by its exact title among the open issues labelled `drift`.
# Usage: tools/ci/driftIssue.sh <stack> <verify exit code> <report file>   (GH_TOKEN, RUN_URL set)
set -euo pipefail
stack="$1" code="$2" report="$3"
# verify exits 0 when it finds only warnings; a flow a person holds (a lock, a draft), a version the
# stack overwrote or a rename is drift all the same (verify/peopleFindings.ts, as findingLine writes it).
if [ "$code" = 0 ] && grep -qE '(^|[[:space:]])warning +\[(locked|draft|overwritten|renamed)\]' "$report" 2>/dev/null; then code=1; fi
title="Drift on stack ${stack}"
run_url="${RUN_URL:-}"

number="$(gh issue list --state open --label drift --limit 100 --json number,title \
  --jq ".[] | select(.title == \"${title}\") | .number" | head -n 1)"

case "$code" in
  0)
    if [ -n "$number" ]; then
      gh issue close "$number" --comment "Clean: \`verify --stack ${stack} --validate\` found every flow as the stack deployed it, and Architect's validator no error (${run_url})."
      echo "drift: stack ${stack} is clean; closed #${number}"
    else
      echo "drift: stack ${stack} is clean"
    fi ;;
  1)
    body="$(mktemp)"
    trap 'rm -f "$body"' EXIT
    {
      echo "\`genesys-flows verify --stack ${stack} --validate\` found flows that differ from what the stack deployed"
      echo "(stale, drifted, refused by Architect's validator, held as a person's draft, or locked in Architect)."
      echo "Checked by ${run_url}."
      echo
      echo "Review the changes in Architect, then either bring them into the flow files (a pull request) or"
      echo "let the next deploy overwrite them; for an Architect error, give the org back what the flow names"
      echo "or change the flow. This issue closes itself at the first clean check."
      echo
      echo '```text'
      cat "$report"
      echo '```'
    } > "$body"
    if [ -n "$number" ]; then
      gh issue edit "$number" --body-file "$body"
      echo "drift: stack ${stack} differs; updated #${number}"
    else
      gh label create drift --color D93F0B --description "Flows that differ from what a stack deployed" --force >/dev/null
      gh issue create --title "$title" --label drift --body-file "$body"
      echo "drift: stack ${stack} differs; opened an issue"
    fi ;;
  *)
    echo "drift: verify --stack ${stack} could not check the org (exit ${code}); no issue changed" >&2
    exit "$code" ;;
esac
