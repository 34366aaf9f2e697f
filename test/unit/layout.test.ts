// The map and the tree agree. docs/layout.md is the project's one map of its folders: every
// top-level folder is a row of it, and its code folders are in the order of the layers
// (LAYERS, which architecture.test.ts measures). And what comments and documents name exists:
// a repository path (a file under one of the top-level folders) in a comment of production code
// or in a Markdown document names a file or folder that is there, so a move that forgets a
// reference fails here. Example paths of a user's own files (flows/, routing/, scenarios/) are
// not the repository's and are not checked.
import * as fs from "node:fs";
import * as path from "node:path";
import { filesUnder, LAYERS, productionSources, read, ROOT } from "./tree";

/** The top-level folders of the tree (hidden ones and dependencies aside). */
const folders = fs
  .readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
  .map((e) => e.name)
  .sort();

/** The folders of docs/layout.md's tables, in order: the first cell of each row, `name/`. */
function mapped(): string[] {
  return [...read("docs/layout.md").matchAll(/^\| `([\w-]+)\/` \|/gm)].map((m) => m[1]);
}

test("docs/layout.md has a row for every top-level folder, and only for those", () => {
  expect([...mapped()].sort()).toEqual(folders);
});

test("docs/layout.md lists the code folders in the layers' order", () => {
  const code = LAYERS.filter((l) => folders.includes(l));
  expect(mapped().filter((f) => code.includes(f))).toEqual(code);
});

test("the README and docs/architecture.md point at docs/layout.md", () => {
  for (const page of ["README.md", "docs/architecture.md"])
    expect([page, read(page).includes("layout.md")]).toEqual([page, true]);
});

/** Folders whose paths in comments and documents are examples of a user's files, not the repository's. */
const USER_DATA = new Set(["flows", "routing", "scenarios"]);
const PATH = new RegExp(
  `(?<![\\w./@-])((?:${folders.filter((f) => !USER_DATA.has(f)).join("|")})/[\\w./-]*\\.(?:ts|js|mjs|cjs|md|json|yaml|yml|sh))(?![\\w/])`,
  "g",
);

/** The comment text of a line of code (a line comment, or a line of a block comment), or undefined. */
function commentOf(line: string): string | undefined {
  const whole = /^\s*(?:\/\/|\/\*\*?|\*)(.*)$/.exec(line);
  if (whole) return whole[1];
  const trailing = line.indexOf(" // ");
  return trailing >= 0 ? line.slice(trailing + 4) : undefined;
}

test("every repository path named in a comment of production code or in a document exists", () => {
  const docs = [
    "README.md",
    "AGENTS.md",
    ...filesUnder().filter((f) => f.endsWith(".md") && !f.startsWith("test/") && !f.startsWith("sdks/")),
  ];
  const missing: string[] = [];
  const check = (file: string, line: number, text: string) => {
    for (const m of text.matchAll(PATH))
      if (!fs.existsSync(path.join(ROOT, m[1]))) missing.push(`${file}:${line}: ${m[1]}`);
  };
  for (const file of productionSources())
    read(file)
      .split("\n")
      .forEach((l, i) => {
        check(file, i + 1, commentOf(l) ?? "");
      });
  for (const file of [...new Set(docs)])
    read(file)
      .split("\n")
      .forEach((l, i) => {
        check(file, i + 1, l);
      });
  expect(missing).toEqual([]);
});
