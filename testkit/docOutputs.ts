// Documented outputs are produced by tests (issue 89.4; docs/tests.md, "The docs tier"): a block of
// README.md or docs/*.md marked `<!-- output: <id> -->` is checked by the test that already runs its
// command, whatever its tier (no run of its own), against what it printed, VOLATILE aside;
// UPDATE_DOCS=1 rewrites it. test/docs/ holds the registry of ids and fails on unmarked output.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const DOCS_ROOT = path.resolve(__dirname, "..");

/** A fenced block: its page, its opening fence's line (1-based), language, marker's id and text. */
export interface DocBlock {
  page: string;
  line: number;
  lang: string;
  id?: string;
  text: string;
}

/** The pages the docs tier reads: the README and every page under docs/. */
export const docPages = (root = DOCS_ROOT): string[] => [
  "README.md",
  ...fs
    .readdirSync(path.join(root, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];

/** The fenced blocks of a page, with their markers. */
export function blocksOf(page: string, root = DOCS_ROOT): DocBlock[] {
  const lines = fs.readFileSync(path.join(root, page), "utf8").split("\n");
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const close = lines.findIndex((l, j) => j > i && l.trim() === "```");
    if (close < 0) throw new Error(`${page}:${i + 1}: a fenced block that is never closed`);
    const id = /<!-- output: (\S+) -->\s*$/.exec(lines[i - 1] ?? "")?.[1];
    out.push({
      page,
      line: i + 1,
      lang: open[2]!,
      id,
      text: lines
        .slice(i + 1, close)
        .map((l) => l.slice(open[1]!.length))
        .join("\n"),
    });
    i = close;
  }
  return out;
}

/**
 * What may differ between two runs of a command, and so between a run and its page: times, dates, ids
 * (and hex ones: commits, hashes), ports, the tool's version, the engine's elapsed seconds, temporary paths.
 */
const VOLATILE: ReadonlyArray<[RegExp, string]> = [
  // The tool's version (a pre-release's with its commit): the pages are not rewritten at each release.
  [/(?<=genesys-flows )\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?/g, "<version>"],
  [/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>"],
  [/\b\d{4}-\d\d-\d\d\b/g, "<date>"],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<id>"],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,40}\b/g, "<hex>"],
  // A short commit (planner/releases.ts: 12 characters) may be all digits, one run in 280.
  [/\b[0-9a-f]{12}\b/g, "<hex>"],
  // The probe's throwaway names (org/probe.ts: 4 random bytes in hex), digits only one run in 43.
  [/(?<=genesys-flows-probe-)[0-9a-f]{8}\b/g, "<hex>"],
  [/127\.0\.0\.1:\d+/g, "127.0.0.1:<port>"],
  [/\((\d+m)?\d+(\.\d+)?s\)/g, "(<elapsed>)"],
  [new RegExp(`${os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/[^/\\s'"]+`, "g"), "<tmp>"],
];

/** Lines without trailing spaces, no blank lines at either end. */
export const tidy = (text: string): string =>
  text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");

export const normalise = (text: string): string => VOLATILE.reduce((t, [re, to]) => t.replace(re, to), tidy(text));

/**
 * The lines of `text` from the first containing `first` through the first later one containing
 * `last`; without `last`, `first`'s line and the lines indented deeper after it (its continuation).
 * Dedented by `first`'s indentation.
 */
export function excerpt(text: string, first: string | RegExp, last?: string | RegExp): string {
  const lines = text.split("\n");
  const has = (l: string, p: string | RegExp) => (typeof p === "string" ? l.includes(p) : p.test(l));
  const from = lines.findIndex((l) => has(l, first));
  if (from < 0) throw new Error(`no line of the output has ${String(first)}:\n${text}`);
  const depth = (l: string) => l.length - l.trimStart().length;
  const to =
    last === undefined
      ? lines.findIndex((l, i) => i > from && (l.trim() === "" || depth(l) <= depth(lines[from]!)))
      : lines.findIndex((l, i) => i > from && has(l, last));
  if (last !== undefined && to < 0)
    throw new Error(`no line of the output after ${String(first)} has ${String(last)}:\n${text}`);
  return lines
    .slice(from, last === undefined ? (to < 0 ? lines.length : to) : to + 1)
    .map((l) => l.slice(Math.min(depth(l), depth(lines[from]!))))
    .join("\n");
}

/** Fails unless the block marked `<!-- output: <id> -->` shows `printed` (VOLATILE aside); UPDATE_DOCS=1 rewrites it instead. */
export function documented(id: string, printed: string, root = DOCS_ROOT): void {
  const found = docPages(root)
    .flatMap((p) => blocksOf(p, root))
    .filter((b) => b.id === id);
  if (found.length !== 1)
    throw new Error(
      `output "${id}": ${found.length} blocks of README.md and docs/*.md are marked <!-- output: ${id} --> (one expected)`,
    );
  const block = found[0]!;
  const [shown, ran] = [normalise(block.text).split("\n"), normalise(printed).split("\n")];
  const at = shown.findIndex((l, i) => l !== ran[i]);
  if (at < 0 && shown.length === ran.length) return;
  // A line that differs only in its volatile parts stays as the page has it: a rewrite changes what changed.
  if (process.env.UPDATE_DOCS === "1") {
    rewrite(
      block,
      tidy(printed)
        .split("\n")
        .map((l, i) => (ran[i] === shown[i] ? tidy(block.text).split("\n")[i]! : l))
        .join("\n"),
      root,
    );
    return;
  }
  const line = at < 0 ? shown.length : at;
  throw new Error(
    `${block.page}:${block.line} (<!-- output: ${id} -->) is not what the test printed (times, dates, ids, ports, ` +
      `versions, elapsed seconds and temporary paths aside); line ${line + 1} of the block:\n` +
      `  the page: ${shown[line] ?? "(nothing)"}\n  printed:  ${ran[line] ?? "(nothing)"}\n` +
      `The whole output:\n${tidy(printed)}\nUPDATE_DOCS=1 with the same jest command rewrites the block from it.`,
  );
}

/** Replaces the block's lines with `text`, at the block's indentation (re-read first: several test files write one page). */
function rewrite(block: DocBlock, text: string, root: string): void {
  const file = path.join(root, block.page);
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const start = lines.findIndex((l, i) => l.includes(`<!-- output: ${block.id} -->`) && /```/.test(lines[i + 1] ?? ""));
  const end = lines.findIndex((l, i) => i > start + 1 && l.trim() === "```");
  const indent = /^ */.exec(lines[start + 1]!)![0];
  lines.splice(start + 2, end - start - 2, ...text.split("\n").map((l) => (l === "" ? "" : indent + l)));
  fs.writeFileSync(file, lines.join("\n"));
}
