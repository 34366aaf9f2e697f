// The slowest test files of a jest run, from the JSON jest writes with `--json --outputFile <file>`
// (`.ci/run` writes .work/jest-results.json): a markdown table of the files and their seconds, slowest
// first, and the sum of all files' times. docs/tests.md shows its output. With --timings <file>, it
// also writes every passed file's whole seconds there (test/timings.json: the order the test
// sequencer starts files in, testkit/testSequencer.js).
// Usage: ts-node tools/ci/slowestTests.ts <jest-results.json> [--top <n>] [--timings <file>]
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { parseCommandLine, UsageError } from "../../project/cliArgs";
import { cmp } from "../../archy/json";

const Results = z.object({
  startTime: z.number(),
  testResults: z.array(z.object({ name: z.string(), startTime: z.number(), endTime: z.number(), status: z.string() })),
});

export interface FileTime {
  file: string;
  seconds: number;
  status: string;
}

/** Every test file with its time, slowest first (then by name), named from its checkout's test/<tier>/ folder wherever the results are read (as the sequencer looks it up). */
export function fileTimes(json: unknown): FileTime[] {
  const results = Results.parse(json);
  return results.testResults
    .map((r) => ({
      file: r.name
        .split("\\")
        .join("/")
        .replace(/^.*\/(test\/[^/]+\/)/, "$1"),
      seconds: (r.endTime - r.startTime) / 1000,
      status: r.status,
    }))
    .sort((a, b) => b.seconds - a.seconds || cmp(a.file, b.file));
}

export function slowestTable(times: readonly FileTime[], top: number): string {
  const rows = times
    .slice(0, top)
    .map((t) => `| \`${t.file}\` | ${Math.round(t.seconds)} |${t.status === "passed" ? "" : ` ${t.status}`}`);
  const total = Math.round(times.reduce((n, t) => n + t.seconds, 0));
  return `${[
    `| test file | seconds |`,
    `| --- | --- |`,
    ...rows,
    "",
    `${times.length} files; their times add up to ${total} s.`,
  ].join("\n")}\n`;
}

/** Each passed file's whole seconds, by path, sorted by path (test/timings.json). */
export function timingsJson(times: readonly FileTime[]): string {
  const passed = times.filter((t) => t.status === "passed").sort((a, b) => cmp(a.file, b.file));
  return `${JSON.stringify(Object.fromEntries(passed.map((t) => [t.file, Math.round(t.seconds)])), null, 2)}\n`;
}

export function main(argv: string[], io = { out: process.stdout, err: process.stderr }): number {
  try {
    const parsed = parseCommandLine(
      argv,
      { top: { type: "string" }, timings: { type: "string" } },
      { positionals: true },
    );
    const [file, ...extra] = parsed.positionals;
    if (file === undefined || extra.length > 0)
      throw new UsageError("name one jest results file (jest --json --outputFile <file>)");
    const top = parsed.values.top === undefined ? 10 : Number(parsed.values.top);
    if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top ${parsed.values.top}: expected a whole number`);
    const times = fileTimes(JSON.parse(readFileSync(file, "utf8")));
    io.out.write(slowestTable(times, top));
    if (parsed.values.timings !== undefined) writeFileSync(parsed.values.timings, timingsJson(times));
    return 0;
  } catch (e) {
    io.err.write(`slowestTests: ${(e as Error).message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
