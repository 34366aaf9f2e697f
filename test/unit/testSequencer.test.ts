// testkit/testSequencer.js: the order jest starts test files in, the slowest first, from jest's
// cache, else test/timings.json, else a default by tier; only the order changes.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

interface FakeTest {
  path: string;
  context: { config: { rootDir: string; cache: boolean } };
}
// Plain JavaScript (jest loads it untransformed): required and typed by what is used here.
const SlowestFirst = require("../../testkit/testSequencer") as new () => { sort(tests: FakeTest[]): FakeTest[] };

test("the recorded slowest first, then files without a record by their tier's default, every file kept", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sequencer-"));
  try {
    fs.mkdirSync(path.join(root, "test"));
    fs.writeFileSync(
      path.join(root, "test", "timings.json"),
      JSON.stringify({ "test/e2e/growth.test.ts": 239, "test/unit/big.test.ts": 25, "test/e2e/quick.test.ts": 18 }),
    );
    const context = { config: { rootDir: root, cache: false } };
    const files = [
      "test/unit/big.test.ts",
      "test/unit/new.test.ts",
      "test/e2e/quick.test.ts",
      "test/e2e/new.test.ts",
      "test/e2e/growth.test.ts",
      "test/agreement/new.test.ts",
    ];
    const order = new SlowestFirst()
      .sort(files.map((f) => ({ path: path.join(root, f), context })))
      .map((t) => path.relative(root, t.path));
    expect(order).toEqual([
      "test/e2e/growth.test.ts",
      // No record: the e2e and agreement default (60 s), by path.
      "test/agreement/new.test.ts",
      "test/e2e/new.test.ts",
      "test/unit/big.test.ts",
      "test/e2e/quick.test.ts",
      "test/unit/new.test.ts",
    ]);
    // Without a timings file: the tier defaults alone.
    fs.rmSync(path.join(root, "test", "timings.json"));
    const plain = new SlowestFirst()
      .sort(files.map((f) => ({ path: path.join(root, f), context })))
      .map((t) => path.relative(root, t.path));
    expect(plain.slice(0, 4).sort()).toEqual([
      "test/agreement/new.test.ts",
      "test/e2e/growth.test.ts",
      "test/e2e/new.test.ts",
      "test/e2e/quick.test.ts",
    ]);
    expect(plain.slice(4).sort()).toEqual(["test/unit/big.test.ts", "test/unit/new.test.ts"]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("test/timings.json names this repository's test files as the sequencer looks them up (test/<tier>/...)", () => {
  const root = path.join(__dirname, "..", "..");
  const recorded = Object.keys(
    JSON.parse(fs.readFileSync(path.join(root, "test", "timings.json"), "utf8")) as Record<string, number>,
  );
  expect(recorded.length).toBeGreaterThan(0);
  // A name that is no file here is a time the sequencer never uses: rewrite the file from a green
  // .ci/run (tools/ci/slowestTests.ts .work/jest-results.json --timings test/timings.json).
  expect(recorded.filter((f) => !/^test\/[^/]+\/.+\.test\.ts$/.test(f) || !fs.existsSync(path.join(root, f)))).toEqual(
    [],
  );
});
