// The order jest starts test files in (jest.config.js testSequencer): the slowest first, so a run
// does not end on one long file started last. jest's own order sorts by the times in its cache and,
// for files it has no time for (every file of a fresh clone, as in CI), by file size: a small file
// that runs for minutes (the portfolio growth check, the agreement tier) then started last and ran
// alone at the end, about four minutes of `npm test` on two cores.
// A file's expected time: jest's cached time when it has one (as jest's own order), else its time in
// test/timings.json (each file's seconds in a green `.ci/run`, written by
// `tools/ci/slowestTests.ts <jest-results.json> --timings test/timings.json`), else a default by tier
// (a new e2e file is assumed slow). Files that failed last time still go first. Only the order
// changes: every file runs, as before.
// Plain CommonJS JavaScript: jest loads the sequencer without transforming it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

/** Seconds assumed for a file with no recorded time, by tier (the folder under test/). */
const DEFAULT_SECONDS = {
  e2e: 60,
  agreement: 60,
  provider: 60,
  team: 60,
  mutation: 30,
  exports: 20,
  render: 20,
  conformance: 10,
};
const FALLBACK_SECONDS = 2;

function readTimings(rootDir) {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(rootDir, "test", "timings.json"), "utf8"));
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    return {};
  }
}

class SlowestFirst extends Sequencer {
  sort(tests) {
    const timings = new Map();
    const expected = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      const rootDir = test.context.config.rootDir;
      if (!timings.has(rootDir)) timings.set(rootDir, readTimings(rootDir));
      const rel = path.relative(rootDir, test.path).split(path.sep).join("/");
      const recorded = timings.get(rootDir)[rel];
      if (typeof recorded === "number") return recorded;
      const tier = rel.split("/")[1];
      return DEFAULT_SECONDS[tier] ?? FALLBACK_SECONDS;
    };
    const keyed = tests.map((test) => ({ test, failed: this.hasFailed(test), seconds: expected(test) }));
    keyed.sort((a, b) =>
      a.failed !== b.failed
        ? a.failed
          ? -1
          : 1
        : b.seconds - a.seconds || (a.test.path < b.test.path ? -1 : a.test.path > b.test.path ? 1 : 0),
    );
    return keyed.map((k) => k.test);
  }
}

module.exports = SlowestFirst;
