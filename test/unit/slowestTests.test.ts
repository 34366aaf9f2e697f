// tools/ci/slowestTests.ts: the slowest files of a jest run (its --json output), as docs/tests.md lists them.
import { fileTimes, main, slowestTable, timingsJson } from "../../tools/ci/slowestTests";

const RESULTS = {
  startTime: 0,
  testResults: [
    { name: "/repo/test/unit/a.test.ts", startTime: 1000, endTime: 3500, status: "passed" },
    { name: "/repo/test/e2e/b.test.ts", startTime: 1000, endTime: 61000, status: "passed" },
    { name: "/repo/test/emulator/c.test.ts", startTime: 0, endTime: 9000, status: "failed" },
  ],
};

test("files slowest first, relative to the root, with the sum of their times", () => {
  const times = fileTimes(RESULTS);
  expect(times.map((t) => [t.file, t.seconds])).toEqual([
    ["test/e2e/b.test.ts", 60],
    ["test/emulator/c.test.ts", 9],
    ["test/unit/a.test.ts", 2.5],
  ]);
  expect(slowestTable(times, 2)).toBe(
    "| test file | seconds |\n| --- | --- |\n| `test/e2e/b.test.ts` | 60 |\n| `test/emulator/c.test.ts` | 9 | failed\n\n3 files; their times add up to 72 s.\n",
  );
});

test("refuses a call without a results file, and a --top that is no number", () => {
  let err = "";
  const io = { out: { write: () => true }, err: { write: (s: string) => ((err += s), true) } } as unknown as {
    out: typeof process.stdout;
    err: typeof process.stderr;
  };
  expect(main([], io)).toBe(2);
  expect(main(["x.json", "--top", "many"], io)).toBe(2);
  expect(err).toContain("--top many: expected a whole number");
});

test("--timings: every passed file's whole seconds by path (what the test sequencer orders by); a failed file's time is left out", () => {
  expect(JSON.parse(timingsJson(fileTimes(RESULTS)))).toEqual({ "test/e2e/b.test.ts": 60, "test/unit/a.test.ts": 3 });
  expect(Object.keys(JSON.parse(timingsJson(fileTimes(RESULTS))))).toEqual([
    "test/e2e/b.test.ts",
    "test/unit/a.test.ts",
  ]);
});

test("files are named from their checkout's test folder, wherever the results are read (a CI clone's, read in another checkout)", () => {
  const clone = {
    ...RESULTS,
    testResults: RESULTS.testResults.map((r) => ({ ...r, name: r.name.replace("/repo/", "/work/test/ci-clone/") })),
  };
  expect(fileTimes(clone).map((t) => t.file)).toEqual([
    "test/e2e/b.test.ts",
    "test/emulator/c.test.ts",
    "test/unit/a.test.ts",
  ]);
});
