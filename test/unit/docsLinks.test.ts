// The README and docs/ link to each other by file and heading: when a section moves or is renamed,
// a link that points at nothing is a dead end for a newcomer. Every relative link of the README and
// of docs/*.md names a file of the repository and, with #anchor, a heading of that file (GitHub's
// anchor of a heading: lower case, punctuation dropped, spaces as hyphens).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "../..");
const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchors of a markdown file's headings (outside fenced code). */
function anchorsOf(file: string): Set<string> {
  const out = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("```")) fence = !fence;
    const m = !fence && /^#{1,6} (.*)$/.exec(line);
    if (m)
      out.add(
        m[1]
          .trim()
          .toLowerCase()
          .replace(/[^\w\- ]/g, "")
          .replace(/ /g, "-"),
      );
  }
  return out;
}

/** The relative links of a page, outside fenced code. */
function linksOf(text: string): string[] {
  const out: string[] = [];
  let fence = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("```")) fence = !fence;
    if (fence) continue;
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) if (!/^[a-z]+:/.test(m[1])) out.push(m[1]);
  }
  return out;
}

test.each(pages)("every relative link of %s names a file and heading that exist", (page) => {
  const dead: string[] = [];
  for (const link of linksOf(readFileSync(join(ROOT, page), "utf8"))) {
    const [path, anchor] = link.split("#");
    const target = path === "" ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), path);
    if (!existsSync(target)) dead.push(`${link} (no ${relative(ROOT, target)})`);
    else if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(target).has(anchor))
      dead.push(`${link} (no heading #${anchor})`);
  }
  expect(dead).toEqual([]);
});

test("the README stays a guide a newcomer finishes: at most 400 lines, the org within the first 150", () => {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  expect(lines.length).toBeLessThanOrEqual(400);
  const order = ["## The two commands", "## Use it on your org", "## Daily work", "## Reference"].map((h) =>
    lines.indexOf(h),
  );
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(order[1]).toBeLessThan(150);
});
