// How the README and the docs cite a benchmark figure, and the check that every cited figure is in
// the committed record it cites (issue 63.1; test/unit/benchCitations.test.ts runs it over the docs).
//
// A doc cites a figure by making the figure the text of a link to a round's record:
//   the change reaching every caller took [median 181.3 s](../bench/results/<time>-cascade-<commit>.json)
// The record must be a round's (or a recorded run's): a clean work tree, the commit of its rules
// (bench/record.ts), and every number of the link's text among the record's numbers. A figure that
// is not a citation may appear in the benchmark's page only when it is one of the rules' own figures
// (a target, a setting: bench/targets.ts) or a constant of the provider the round models
// (bench/cascade.ts); other docs may not give the benchmark as the source of an uncited figure.
// Pure: texts in, problems out.
import { MAX_PUBLISH_JOB_MS, PROVIDER_JOB_LIMIT_S, PROVIDER_POLL_SLEEP_S } from "./cascade";
import {
  ADOPTION_RULE,
  CASCADE_RULE,
  CORE_RULES,
  LATENCY_RULES,
  RATIO_RULES,
  SCALE_RULE,
  SHIPPED_START_RULE,
  TEAM_REPOSITORY_RULE,
} from "./targets";

export interface Citation {
  /** The link's text: the figure(s) cited. */
  text: string;
  /** The link's target as written (relative to the doc). */
  target: string;
  line: number;
}

const LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;

/** The links of `markdown` to a file under bench/results/, outside fenced code. */
export function citationsIn(markdown: string): Citation[] {
  const out: Citation[] = [];
  withoutFences(markdown)
    .split("\n")
    .forEach((text, i) => {
      for (const m of withoutCodeSpans(text).matchAll(LINK))
        if (/(^|\/)bench\/results\//.test(m[2])) out.push({ text: m[1], target: m[2], line: i + 1 });
    });
  return out;
}

/** The numbers written in `text`: "1,002" is 1002, "452.2 s" 452.2, "1.23×" 1.23. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])\d+(?:\.\d+)?(?![\d])/g)].map(
    (m) => Number(m[0].replace(/,/g, "")),
  );
}

/** Every number a record holds: its numeric values, and the numbers written in its texts (a target's value). */
export function numbersHeld(record: unknown): Set<number> {
  const out = new Set<number>();
  const walk = (v: unknown): void => {
    if (typeof v === "number") out.add(v);
    else if (typeof v === "string") for (const n of numbersIn(v)) out.add(n);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(record);
  return out;
}

/** What a citable record says of itself (bench/record.ts RunRecord). */
interface RecordHeader {
  dirty?: unknown;
  rules?: { commit?: unknown };
  recording?: unknown;
}

/**
 * The problems of one citation, given the record it names (undefined when there is no such file):
 * not a record of a round, or a number of the link's text the record does not hold.
 */
export function citationProblems(c: Citation, record: unknown): string[] {
  const where = `line ${c.line}: [${c.text}](${c.target})`;
  if (!/\.json$/.test(c.target.split("#")[0]))
    return [`${where}: cite the record (.json), which the check reads; its .md twin shows the same tables`];
  if (record === undefined) return [`${where}: no such file; commit the round's record with the doc that cites it`];
  const header = record as RecordHeader;
  const problems: string[] = [];
  if (
    header.dirty !== false ||
    typeof header.rules?.commit !== "string" ||
    header.rules.commit === "uncommitted" ||
    (header.recording !== "round" && header.recording !== "record")
  )
    problems.push(
      `${where}: not a round's record (a clean work tree and the commit of its rules, bench/record.ts); only those can be cited`,
    );
  const numbers = numbersIn(c.text);
  if (numbers.length === 0)
    problems.push(`${where}: the link's text cites no figure (write the figure as the link's text)`);
  const held = numbersHeld(record);
  for (const n of numbers) if (!held.has(n)) problems.push(`${where}: the record holds no ${n}`);
  return problems;
}

/**
 * A figure of time or of a ratio: "452.2 s", "5 minutes", "150 ms", "1.15×". Seconds take a space
 * ("429s" counts answers, "15s" is a Go duration); a ratio takes none ("4 × the CPU count" multiplies).
 */
const FIGURE =
  /(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s(?:s|seconds?)|\s?(?:ms|min|minutes?|h|hours?|%)|×)(?![\w])/g;

/** Seconds, or the ratio, a figure's number and unit stand for. */
function valueOf(number: string, written: string): number {
  const n = Number(number.replace(/,/g, ""));
  const unit = written.trim();
  if (unit === "ms") return n / 1000;
  if (/^min/.test(unit)) return n * 60;
  if (/^h/.test(unit)) return n * 3600;
  return n;
}

/**
 * The figures the rules and the modelled provider state, which a doc may write without a citation
 * (seconds, or the ratio): the targets' limits, the rounds' job duration and added latency, the
 * provider's poll and its 16-minute limit on a job.
 */
export function ruleFigures(): Set<number> {
  const out = new Set<number>([
    CASCADE_RULE.maxWallS,
    CASCADE_RULE.stretchWallS,
    CASCADE_RULE.jobMs / 1000,
    PROVIDER_POLL_SLEEP_S,
    MAX_PUBLISH_JOB_MS / 1000,
    PROVIDER_JOB_LIMIT_S,
    SHIPPED_START_RULE.maxWallS,
    SCALE_RULE.maxGrowth,
    LATENCY_RULES.perFlowMax,
    LATENCY_RULES.previewMax,
    LATENCY_RULES.latencyMs / 1000,
    CASCADE_RULE.tofuMaxRatio,
    TEAM_REPOSITORY_RULE.testMaxWallS,
    ADOPTION_RULE.importMaxRatio,
    ADOPTION_RULE.firstUpMaxRatio,
    ADOPTION_RULE.endToEndMaxRatio,
    ADOPTION_RULE.noopMaxRatio,
    ADOPTION_RULE.latencyMs / 1000,
  ]);
  for (const r of RATIO_RULES) out.add(r.max);
  for (const r of CORE_RULES) out.add(r.maxMs / 1000);
  return out;
}

/** Where a doc shows a figure of time or a ratio that is neither cited nor one of the rules' own. */
export interface UncitedFigure {
  line: number;
  figure: string;
}

/** The figures of time and ratios in `markdown` outside citations and fenced code that are not in `allowed`. */
export function uncitedFigures(markdown: string, allowed: ReadonlySet<number>): UncitedFigure[] {
  const out: UncitedFigure[] = [];
  withoutFences(markdown)
    .split("\n")
    .forEach((text, i) => {
      const bare = withoutCodeSpans(text).replace(LINK, (_link, label: string, target: string) =>
        /(^|\/)bench\/results\//.test(target) ? "" : label,
      );
      for (const m of bare.matchAll(FIGURE))
        if (!allowed.has(valueOf(m[1], m[2]))) out.push({ line: i + 1, figure: m[0] });
    });
  return out;
}

/** Words that give the benchmark's runs as where a figure comes from. */
const BENCHMARK_AS_SOURCE =
  /benchmark\.md|bench\/results|benchmark(?:'s)? (?:runs?|rounds?|results?|records?)|(?:measured|shown) (?:by|in) the (?:full )?benchmark|npm run bench/i;

/**
 * In a doc other than the benchmark's page: the figures of time and ratios in a paragraph that gives
 * the benchmark's runs as a source (docs/benchmark.md, bench/results, "the benchmark runs",
 * `npm run bench`), outside citations, that are not the rules' own.
 */
export function benchmarkSourcedFigures(markdown: string, allowed: ReadonlySet<number>): UncitedFigure[] {
  const out: UncitedFigure[] = [];
  const lines = withoutFences(markdown).split("\n");
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i].trim() !== "") continue;
    const paragraph = lines.slice(start, i).join("\n");
    if (BENCHMARK_AS_SOURCE.test(paragraph))
      for (const f of uncitedFigures(paragraph, allowed)) out.push({ line: start + f.line, figure: f.figure });
    start = i + 1;
  }
  return out;
}

/** A line with its inline code spans blanked: an example there (`[12 s](…)`) is no citation. */
function withoutCodeSpans(line: string): string {
  return line.replace(/`[^`]*`/g, (code) => " ".repeat(code.length));
}

/** `markdown` with the lines of fenced code blanked (line numbers kept): commands and output there are not citations. */
function withoutFences(markdown: string): string {
  let inFence = false;
  return markdown
    .split("\n")
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        return "";
      }
      return inFence ? "" : line;
    })
    .join("\n");
}
