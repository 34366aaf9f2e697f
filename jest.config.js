// Test tiers (see README): unit and policy are pure and fast; emulator starts real
// HTTP servers on 127.0.0.1; exports runs check-exports over real Archy exports; e2e drives the real Pulumi engine against the emulator; render draws
// diagrams with Mermaid in a headless Chromium and measures them; conformance checks the emulator against
// Genesys's published API spec; provider runs the official provider's own acceptance tests against it.
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];
const tier = (name, extra = {}) => ({
  displayName: name,
  // Node's, removing the temporary projects a test file made after it (testkit/testEnvironment.js).
  testEnvironment: "<rootDir>/testkit/testEnvironment.js",
  roots: [`<rootDir>/test/${name}`],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": tsJest },
  ...extra,
});
module.exports = {
  // Several test files at once (jest's default is one fewer than the cores: a single worker on the
  // project's 2-core machine). The e2e files spend much of their time waiting on pulumi, its plugins
  // and the emulator's Retry-After; the provider and conformance tiers run beside the others.
  // Measured in docs/tests.md (Speed); `--maxWorkers <n>` on the command line overrides it.
  maxWorkers: 3,
  // No test's outcome is about the machine's speed (2 cores, shared): every test may take minutes
  // on a loaded machine, and a hung one still ends. A test file sets no timeout of its own
  // (test/unit/testTimeouts.test.ts checks the unit, policy and emulator tiers).
  testTimeout: 300_000,
  // The slowest files first (test/timings.json when jest's cache has no times, as on a fresh clone):
  // a long file started last would run alone at the end (testkit/testSequencer.js).
  testSequencer: "<rootDir>/testkit/testSequencer.js",
  projects: [
    tier("unit"),
    tier("policy"),
    tier("emulator"),
    // Real Archy exports from the folders GENESYS_FLOWS_CORPUS names (testkit/corpus.ts); without it,
    // one line says so and the tier runs on the repository's own exports.
    tier("exports", { globalSetup: "<rootDir>/testkit/corpusNotice.ts" }),
    tier("mutation"),
    tier("e2e"),
    // A team's repository on the packed tool: npm pack, init, npm install, the team's commands, an upgrade.
    tier("team"),
    // The review against pulumi preview --json on the real engine (test/agreement, docs/tests.md).
    tier("agreement"),
    // Documented outputs: every output block of the README and docs/ marked with its producer (test/docs).
    tier("docs"),
    tier("render"),
    tier("conformance"),
    tier("provider"),
  ],
};
