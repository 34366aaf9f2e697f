// The docs tier's registry (docs/tests.md, "The docs tier"): every fenced block of README.md and
// docs/*.md that shows what a command prints is marked `<!-- output: <id> -->`, and each id names
// here the test file that runs the command and hands its output to `documented` (testkit/docOutputs.ts).
// Each is checked where its command already runs: the e2e (or team) tests for the real engine, the
// emulator and unit tests for theirs, this tier's own files for the rest.

/** Output id -> the test file that produces it. */
export const PRODUCERS: Readonly<Record<string, string>> = {
  "people/preview-protected": "test/e2e/peopleInTheOrg.test.ts",
  "people/up-protected": "test/e2e/peopleInTheOrg.test.ts",
  "people/up-locked": "test/e2e/peopleInTheOrg.test.ts",
  "people/up-acknowledged": "test/e2e/peopleInTheOrg.test.ts",
  "people/verify-acknowledged": "test/e2e/peopleInTheOrg.test.ts",
  "people/verify-locked": "test/e2e/peopleInTheOrg.test.ts",
  "people/up-overwrite-warning": "test/e2e/overwrittenEvidence.test.ts",
  "people/verify-overwritten": "test/e2e/overwrittenEvidence.test.ts",
  "people/verify-unrecorded": "test/e2e/interruptedVerify.test.ts",
  "people/deleted-verify": "test/e2e/deletedFlow.test.ts",
  "people/deleted-refresh": "test/e2e/deletedFlow.test.ts",
  "people/verify-renamed": "test/e2e/renamedRoutedFlow.test.ts",
  "people/verify-script-drift": "test/e2e/scriptDuringDeploy.test.ts",
  "people/up-routing-stop": "test/e2e/routingPeople.test.ts",
  "people/verify-routing-drift": "test/e2e/routingPeople.test.ts",
  "people/verify-routing-overwritten": "test/e2e/routingPeople.test.ts",
  "objects/review-adopt": "test/e2e/orgObjects.test.ts",
  "objects/people-verify": "test/e2e/objectsPeople.test.ts",
  "objects/people-up-stop": "test/e2e/objectsPeople.test.ts",
  "objects/promote-init": "test/e2e/promotion.test.ts",
  "review/refused": "test/docs/review.test.ts",
  "review/name-prefix": "test/docs/review.test.ts",
  "review/name-prefix-comment": "test/docs/review.test.ts",
  "review/name-prefix-json-change": "test/docs/review.test.ts",
  "review/name-prefix-json-resource": "test/docs/review.test.ts",
  "review/substitution-prod": "test/docs/review.test.ts",
  "review/substitution-dev": "test/docs/review.test.ts",
  "review/rename": "test/docs/review.test.ts",
  "review/exclude": "test/docs/review.test.ts",
  "review/module": "test/docs/review.test.ts",
  "review/bad-prefix": "test/docs/review.test.ts",
  "review/bad-prefix-stderr": "test/docs/review.test.ts",
  "review/bad-yaml-stderr": "test/docs/review.test.ts",
  "review/no-base-stderr": "test/docs/review.test.ts",
  "review/org-state": "test/e2e/reviewOrgState.test.ts",
  "review/org-state-preview": "test/e2e/reviewOrgState.test.ts",
  "review/not-checked-fork": "test/e2e/reviewOrgState.test.ts",
  "verify/drift-and-outside": "test/e2e/verify.test.ts",
  "verify/validate-ok": "test/e2e/validate.test.ts",
  "verify/validate-failure": "test/e2e/validate.test.ts",
  "assumptions/probe-refused": "test/emulator/probe.test.ts",
  "refactor/suggest": "test/docs/refactor.test.ts",
  "readme/refactor-extract": "test/docs/refactor.test.ts",
  "refactor/review": "test/docs/refactor.test.ts",
  "refactor/proof-fails": "test/unit/refactorCli.test.ts",
  "refactor/outputs-refused": "test/unit/refactor/outputs.test.ts",
  "testing/scenario-fail": "test/docs/testing.test.ts",
  "testing/journeys": "test/docs/testing.test.ts",
  "testing/journeys-change": "test/docs/testing.test.ts",
  "journeys/one-key-summary": "test/unit/behaviour/journeyReview.test.ts",
  "journeys/two-digit": "test/unit/behaviour/journeyReview.test.ts",
  "journeys/orders-wording": "test/unit/behaviour/journeyReview.test.ts",
  "journeys/pin-tries": "test/unit/behaviour/journeyReview.test.ts",
  "flow-format/errors-read": "test/docs/flowFormat.test.ts",
  "flow-format/errors-graph": "test/docs/flowFormat.test.ts",
  "flow-format/errors-stack-file": "test/docs/flowFormat.test.ts",
  "commands/check-exports": "test/emulator/checkExports.test.ts",
  "policy-pack/lint-finding": "test/docs/lint.test.ts",
  "traffic/review-weighed": "test/emulator/trafficShare.test.ts",
  "waves/held": "test/e2e/waves.test.ts",
  "waves/stopped": "test/e2e/waves.test.ts",
  "waves/held-caller-refused": "test/e2e/waves.test.ts",
  "waves/pause": "test/e2e/waves.test.ts",
  "waves/paused-up": "test/e2e/waves.test.ts",
  "waves/rollback": "test/e2e/waves.test.ts",
  "waves/rolled-back-up": "test/e2e/waves.test.ts",
  "waves/next": "test/e2e/waves.test.ts",
  "waves/status": "test/e2e/waves.test.ts",
  "waves/stopped-rollback-status": "test/e2e/stoppedRollback.test.ts",
  "waves/stopped-rollback-up": "test/e2e/stoppedRollback.test.ts",
  "rollback/releases-flows": "test/e2e/waves.test.ts",
  "rollback/re-applies": "test/e2e/waves.test.ts",
  "rollback/rollback-start": "test/e2e/waves.test.ts",
  "rollback/rollback-routing": "test/e2e/rootLayout.test.ts",
  "readme/npm-start": "test/team/teamRepository.test.ts",
  "diagrams/stack": "test/docs/diagrams.test.ts",
  "diagrams/sales": "test/docs/diagrams.test.ts",
  "import/ownership-refused": "test/e2e/ownership.test.ts",
  "org-binding/refused": "test/e2e/orgBinding.test.ts",
  "stacks/org-references": "test/e2e/orgReferences.test.ts",
  "migrate/report": "test/e2e/migrateFromTerraform.test.ts",
  "migrate/removed-blocks": "test/e2e/migrateFromTerraform.test.ts",
  "migrate/references": "test/e2e/migrateFromTerraform.test.ts",
  "migrate/tofu-plan": "test/e2e/migrateFromTerraform.test.ts",
};

/**
 * Languages of blocks that are input, not output: commands a person types (sh, bash) and files a
 * person writes (yaml, json, js). A block of them that shows output is marked all the same.
 */
export const INPUT_LANGUAGES: ReadonlySet<string> = new Set(["sh", "bash", "yaml", "json", "js", "ts"]);

/** The other blocks that are not a command's output: page, the block's first line, and what it is. */
export const NOT_OUTPUT: ReadonlyArray<{ page: string; first: string; what: string }> = [
  {
    page: "README.md",
    first: "flows/**/*.yaml + routing/**/*.yaml + objects/**/*.yaml + Pulumi.<stack>.yaml",
    what: "a figure: how the data flows",
  },
  { page: "docs/migrate-from-cx-as-code.md", first: "infra/", what: "the estate a team brings, annotated: input" },
  // Records of single runs, dated by their commit: a disagreement made by breaking the review on
  // purpose, and two measured runs (their times are the point). No test reproduces them.
  {
    page: "docs/tests.md",
    first: "DISAGREEMENT in case: provider: customRetryTimeout",
    what: "a record: the report of a fault injected on purpose",
  },
  {
    page: "docs/tests.md",
    first:
      "agreement tier (stateful): 5 cases, 0 disagreements, 2 previews, 2 ups, 82 s (32 s of CPU): the engine 73 s, the review and the run's change set 17 s; commit f380d0d",
    what: "a record: a measured run",
  },
  {
    page: "docs/tests.md",
    first:
      "agreement tier: seed 1098784051, 200 random cases (rerun: npm run test:agreement -- --seed 1098784051 --cases 200)",
    what: "a record: a measured run",
  },
];
