// Which test files read the shipped portfolio (the repository's flows/ and routing/ folders), checked
// in every unit, policy and emulator test file (jest.config.js setupFilesAfterEnv).
//
// Why: tests own their fixtures. The growth check (test/portfolio-growth.sh) adds a third module
// and a 50-node flow to flows/ in a scratch copy and runs again the test files whose outcome can
// depend on flows/: those that read it. They are listed in testkit/portfolioReaders.json, and this
// file keeps the list exact: a test file that reads flows/ and is not listed fails ("add it"), and
// in the growth check's own run a listed file that no longer reads it fails ("remove it"). So the
// growth check reruns the few files that read flows/, not the three tiers.
//
// How: the Node.js `fs` functions that read a file, a folder or an existence are wrapped once per
// jest worker (the core module object is shared by every test file a worker runs, one at a time);
// each test file's reads of `<repository>/flows` and `<repository>/routing` are collected between
// its beforeAll and afterAll.
// Reads by TypeScript itself (ts-jest resolving tsconfig.json's `include` walks the repository) are
// not the test's. Not seen: reads by a child process a test starts (none of these tiers starts one
// in the repository's own folder; a test that does would need its own run in the growth check).
import fs = require("node:fs");
import * as path from "node:path";
import readers from "./portfolioReaders.json";

const ROOT = path.resolve(__dirname, "..");
/** What a team grows: its flows and its routing. */
const PORTFOLIO = [path.join(ROOT, "flows"), path.join(ROOT, "routing")];
const KEY = Symbol.for("genesys-flows.portfolioReads");

interface Recorder {
  reads: Set<string>;
}

const READERS = ["readFileSync", "readdirSync", "opendirSync", "existsSync", "statSync", "lstatSync", "accessSync", "createReadStream", "readFile", "readdir", "opendir", "stat", "lstat", "access"] as const;
const PROMISE_READERS = ["readFile", "readdir", "opendir", "stat", "lstat", "access"] as const;

function inPortfolio(p: unknown): string | undefined {
  let s: string;
  if (typeof p === "string") s = p;
  else if (p instanceof URL) s = p.protocol === "file:" ? p.pathname : "";
  else if (Buffer.isBuffer(p)) s = p.toString();
  else return undefined;
  const abs = path.resolve(s);
  return PORTFOLIO.some((dir) => abs === dir || abs.startsWith(dir + path.sep)) ? abs : undefined;
}

function install(): Recorder {
  const rec: Recorder = { reads: new Set() };
  const note = (p: unknown) => {
    const abs = inPortfolio(p);
    if (abs === undefined) return;
    // ts-jest parses tsconfig.json with TypeScript, whose file matching walks the repository.
    if (/[\\/]node_modules[\\/](typescript|ts-jest)[\\/]/.test(new Error().stack ?? "")) return;
    rec.reads.add(path.relative(ROOT, abs).split(path.sep).join("/"));
  };
  // The wrapped functions keep their own properties (fs.realpathSync.native and the like).
  const wrap = <F extends (...args: never[]) => unknown>(original: F): F =>
    Object.assign(function (this: unknown, ...args: Parameters<F>) {
      note(args[0]);
      return original.apply(this, args);
    } as F, original);
  const target = fs as unknown as Record<string, unknown> & { promises: Record<string, unknown> };
  for (const name of READERS) target[name] = wrap(target[name] as (...args: never[]) => unknown);
  for (const name of PROMISE_READERS) target.promises[name] = wrap(target.promises[name] as (...args: never[]) => unknown);
  Object.defineProperty(fs, KEY, { value: rec });
  return rec;
}

const recorder: Recorder = (fs as unknown as Record<symbol, Recorder | undefined>)[KEY] ?? install();
const listed = new Set<string>(readers.files);

// Cleared when the file starts (this runs before the test file is loaded): reads at its top level count.
recorder.reads.clear();

afterAll(() => {
  const file = path.relative(ROOT, expect.getState().testPath ?? "").split(path.sep).join("/");
  const reads = [...recorder.reads].sort();
  recorder.reads.clear();
  if (reads.length > 0 && !listed.has(file)) {
    throw new Error(
      `${file} reads the shipped portfolio (${reads.slice(0, 3).join(", ")}${reads.length > 3 ? ", ..." : ""}) but is not listed in testkit/portfolioReaders.json: ` +
        `add it there, so the growth check (test/portfolio-growth.sh) runs it with a grown portfolio; or give the test a fixture of its own (testkit/tempProject.ts; the shipped examples: testkit/shippedExamples.ts).`,
    );
  }
  // Checked in the growth check's run, which runs every listed file whole (a run of some tests of a file, `-t`, may read nothing).
  if (reads.length === 0 && listed.has(file) && process.env.GENESYS_FLOWS_GROWTH_CHECK === "1") {
    throw new Error(`${file} is listed in testkit/portfolioReaders.json but no longer reads the shipped portfolio (flows/, routing/): remove it from the list.`);
  }
});
