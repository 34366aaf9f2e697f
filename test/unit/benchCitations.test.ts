// Every benchmark figure the README and the docs cite is in the committed round's record they cite
// (issue 63.1; bench/citations.ts says how a doc cites). Fails when a doc cites a figure no committed
// result holds, cites a record that is not a round's, shows an uncited timing on the benchmark's
// page, or gives the benchmark as the source of an uncited figure anywhere else.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  benchmarkSourcedFigures,
  citationProblems,
  citationsIn,
  numbersHeld,
  numbersIn,
  ruleFigures,
  uncitedFigures,
} from "../../bench/citations";

const ROOT = path.resolve(__dirname, "../..");
/** The benchmark's own page: every timing there is cited or is one of the rules' figures. */
const BENCHMARK_PAGE = "docs/benchmark.md";

function docs(): string[] {
  const under = (dir: string): string[] =>
    fs
      .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? under(path.join(dir, e.name)) : e.name.endsWith(".md") ? [path.join(dir, e.name)] : [],
      );
  return ["README.md", "bench/README.md", ...under("docs")].sort();
}

function readRecord(doc: string, target: string): unknown {
  const file = path.resolve(path.dirname(path.join(ROOT, doc)), target.split("#")[0]);
  if (!file.startsWith(path.join(ROOT, "bench/results") + path.sep) || !fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
}

const record = {
  recording: "round",
  dirty: false,
  rules: { file: "bench/targets.ts", commit: "77f00d0" },
  targets: [{ value: "median 181.3 s of 175.2, 181.3, 190 s" }],
  tables: { steps: [{ wallS: 1002.5 }] },
};

describe("how a doc cites a benchmark figure (bench/citations.ts)", () => {
  it("finds links to bench/results/ outside fenced code, with their line", () => {
    const md = [
      "Intro.",
      "The cascade took [median 181.3 s](../bench/results/r.json) and [docs](other.md).",
      "```",
      "[12 s](../bench/results/r.json)",
      "```",
    ].join("\n");
    expect(citationsIn(md)).toEqual([{ text: "median 181.3 s", target: "../bench/results/r.json", line: 2 }]);
  });

  it("reads numbers with thousands separators, decimals and units; a record holds its numbers and those written in its texts", () => {
    expect(numbersIn("1,002 flows in 452.2 s, 1.23× and 3")).toEqual([1002, 452.2, 1.23, 3]);
    const held = numbersHeld(record);
    for (const n of [175.2, 181.3, 190, 1002.5]) expect(held.has(n)).toBe(true);
    expect(held.has(299)).toBe(false);
  });

  it("accepts a figure the record holds, and refuses one it does not, a missing file, an .md twin, a link without a figure and a record that is no round's", () => {
    const c = (text: string, target = "../bench/results/r.json") => ({ text, target, line: 7 });
    expect(citationProblems(c("median 181.3 s"), record)).toEqual([]);
    expect(citationProblems(c("1,002.5 s"), record)).toEqual([]);
    expect(citationProblems(c("299 s"), record)).toEqual([
      "line 7: [299 s](../bench/results/r.json): the record holds no 299",
    ]);
    expect(citationProblems(c("12 s"), undefined)).toEqual([expect.stringContaining("no such file")]);
    expect(citationProblems(c("12 s", "../bench/results/r.md"), record)).toEqual([
      expect.stringContaining("cite the record (.json)"),
    ]);
    expect(citationProblems(c("the record"), record)).toEqual([expect.stringContaining("cites no figure")]);
    expect(citationProblems(c("181.3 s"), { ...record, dirty: true })).toEqual([
      expect.stringContaining("not a round's record"),
    ]);
    expect(citationProblems(c("181.3 s"), { ...record, rules: undefined })).toEqual([
      expect.stringContaining("not a round's record"),
    ]);
  });

  it("on the benchmark's page, a timing or ratio is cited or is one of the rules' own figures", () => {
    const allowed = ruleFigures();
    // The target (5 minutes = 300 s), the stretch (2 minutes), the job (5 s) and the provider's poll (15 s) are the rules'.
    expect(
      uncitedFigures(
        "Under 5 minutes (stretch 2 minutes), 5 s jobs, the provider's 15 s poll, ours ÷ shape ≤ 1.15×.",
        allowed,
      ),
    ).toEqual([]);
    expect(uncitedFigures("It took [median 181.3 s](../bench/results/r.json).", allowed)).toEqual([]);
    // Not figures of time or ratios: a count of 429 answers, a multiplier, a Go duration, an example in code.
    expect(
      uncitedFigures("Its 429s; 4 × the CPU count; retry 15s; `[12 s](../bench/results/r.json)`.", allowed),
    ).toEqual([]);
    expect(
      uncitedFigures(
        "A 250-caller cascade interpolates to 299 s,\nand 73 s at 40 [at once](x.md); 1.4× the floor.",
        allowed,
      ),
    ).toEqual([
      { line: 1, figure: "299 s" },
      { line: 2, figure: "73 s" },
      { line: 2, figure: "1.4×" },
    ]);
  });

  it("elsewhere, a paragraph that names the benchmark as a figure's source cites a record", () => {
    const allowed = ruleFigures();
    const md =
      "A first deploy took 23-28% less time and 18 s (docs/benchmark.md).\n\nThe provider retries 1-30 s apart.";
    expect(benchmarkSourcedFigures(md, allowed)).toEqual([
      { line: 1, figure: "28%" },
      { line: 1, figure: "18 s" },
    ]);
    expect(benchmarkSourcedFigures("The benchmark's record: [181.3 s](bench/results/r.json).", allowed)).toEqual([]);
  });
});

describe("the README and the docs", () => {
  const files = docs();

  it("cite only figures the committed records they cite hold", () => {
    const problems = files.flatMap((doc) => {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
      return citationsIn(text).flatMap((c) => citationProblems(c, readRecord(doc, c.target)).map((p) => `${doc} ${p}`));
    });
    expect(problems).toEqual([]);
  });

  it("show no uncited timing on the benchmark's page, and give the benchmark as the source of no uncited figure elsewhere", () => {
    const allowed = ruleFigures();
    const problems = files.flatMap((doc) => {
      const text = fs.readFileSync(path.join(ROOT, doc), "utf8");
      const found = doc === BENCHMARK_PAGE ? uncitedFigures(text, allowed) : benchmarkSourcedFigures(text, allowed);
      return found.map(
        (f) =>
          `${doc}:${f.line}: ${f.figure} (cite the round's record: [${f.figure}](…/bench/results/<record>.json), or remove it)`,
      );
    });
    expect(problems).toEqual([]);
  });
});
