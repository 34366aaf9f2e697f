// The docs tier's own check (issue 89.4): every fenced block of README.md and docs/*.md is input
// (registry.ts's languages and list) or a command's output marked `<!-- output: <id> -->`; every
// id is registered, marked once, and handed to `documented` by the test file the registry names,
// which fails when the block differs from what the command printed (testkit/docOutputs.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { blocksOf, docPages, documented, DOCS_ROOT, excerpt, normalise } from "../../testkit/docOutputs";
import { tempProject } from "../../testkit/tempProject";
import { INPUT_LANGUAGES, NOT_OUTPUT, PRODUCERS } from "./registry";

const blocks = docPages().flatMap((p) => blocksOf(p));
const first = (text: string) => text.split("\n")[0]!.trim();
const isListed = (b: { page: string; text: string }) =>
  NOT_OUTPUT.some((n) => n.page === b.page && first(b.text) === n.first);

test("every fenced block that is not input is a command's output marked with the id of its producer", () => {
  const unmarked = blocks.filter((b) => b.id === undefined && !INPUT_LANGUAGES.has(b.lang) && !isListed(b));
  // On failure: mark each with <!-- output: <id> --> on the line before it and register the test that prints it (test/docs/registry.ts).
  expect(unmarked.map((b) => `${b.page}:${b.line} \`\`\`${b.lang} ${first(b.text)}`)).toEqual([]);
});

test("every marked id is registered, and marked once; every registered id is marked", () => {
  const ids = blocks.flatMap((b) => (b.id === undefined ? [] : [b.id]));
  expect(ids.filter((id) => PRODUCERS[id] === undefined)).toEqual([]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  expect(Object.keys(PRODUCERS).filter((id) => !ids.includes(id))).toEqual([]);
});

test("the test file registered for each id hands its output to documented(id, ...)", () => {
  const missing = Object.entries(PRODUCERS).filter(([id, file]) => {
    const text = fs.existsSync(path.join(DOCS_ROOT, file)) ? fs.readFileSync(path.join(DOCS_ROOT, file), "utf8") : "";
    return !new RegExp(`documented\\(\\s*"${id.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}"`).test(text);
  });
  expect(missing.map(([id, file]) => `${id}: ${file}`)).toEqual([]);
});

test("each block listed as not output is still on its page", () => {
  expect(NOT_OUTPUT.filter((n) => !blocks.some((b) => b.page === n.page && first(b.text) === n.first))).toEqual([]);
});

describe("documented (testkit/docOutputs.ts) on a page of its own", () => {
  const page = (block: string) =>
    tempProject({
      "README.md": "# x\n",
      "docs/a.md": `Run it:\n\n<!-- output: a/run -->\n\`\`\`\n${block}\n\`\`\`\n\nafter\n`,
    });
  const printed =
    "Verified at http://127.0.0.1:45403 on 2026-11-28T07:04:02.798Z (id 32d6b443-26dc-403a-b56e-fcb9bc40445a):\n  ok   \n";
  // Checked as a test file checks, whatever this run's UPDATE_DOCS.
  const update = process.env.UPDATE_DOCS;
  beforeEach(() => delete process.env.UPDATE_DOCS);
  afterAll(() => {
    if (update !== undefined) process.env.UPDATE_DOCS = update;
  });

  test("passes when the block is what was printed, times, ports and ids aside", () => {
    const root = page(
      "Verified at http://127.0.0.1:8787 on 2026-11-20T01:00:00.000Z (id 00000000-1111-2222-3333-444444444444):\n  ok",
    );
    expect(() => documented("a/run", printed, root)).not.toThrow();
  });

  test("fails naming the page, the line and both texts when a word differs; UPDATE_DOCS=1 rewrites the lines that differ", () => {
    const root = page(
      "Verified at http://127.0.0.1:8787 on 2026-11-20T01:00:00.000Z (id 00000000-1111-2222-3333-444444444444):\n  fine",
    );
    expect(() => documented("a/run", printed, root)).toThrow(
      /^docs\/a\.md:4 \(<!-- output: a\/run -->\) is not what the test printed .*; line 2 of the block:\n {2}the page: {3}fine\n {2}printed: {4}ok\n/,
    );
    process.env.UPDATE_DOCS = "1";
    documented("a/run", printed, root);
    delete process.env.UPDATE_DOCS;
    // The line that differs only in its port, time and id stays as the page has it.
    expect(fs.readFileSync(path.join(root, "docs/a.md"), "utf8")).toBe(
      "Run it:\n\n<!-- output: a/run -->\n```\nVerified at http://127.0.0.1:8787 on 2026-11-20T01:00:00.000Z (id 00000000-1111-2222-3333-444444444444):\n  ok\n```\n\nafter\n",
    );
    expect(() => documented("a/run", printed, root)).not.toThrow();
  });

  test("fails on a missing line and on an id marked twice or not at all", () => {
    expect(() =>
      documented(
        "a/run",
        printed,
        page("Verified at http://127.0.0.1:1 on 2026-11-20T01:00:00.000Z (id 00000000-1111-2222-3333-444444444444):"),
      ),
    ).toThrow(/line 2 of the block:\n {2}the page: \(nothing\)/);
    expect(() => documented("a/other", printed, page("x"))).toThrow(
      'output "a/other": 0 blocks of README.md and docs/*.md are marked <!-- output: a/other --> (one expected)',
    );
  });

  test("normalises only the volatile parts: a changed version number or count still differs", () => {
    expect(normalise("version 2.0 at 127.0.0.1:40439")).toBe("version 2.0 at 127.0.0.1:<port>");
    expect(normalise("3 flows")).not.toBe(normalise("4 flows"));
    expect(normalise("refreshing (15s) error")).toBe(normalise("refreshing (1m2.5s) error"));
    expect(normalise("commit 3f2c9a1b0d4e, probe-9c0c2e9d")).toBe("commit <hex>, probe-<hex>");
    expect(normalise("12345678 deadbeef")).toBe("12345678 deadbeef");
  });

  test("excerpt: from a line through a later one, or a line and its deeper-indented continuation, dedented", () => {
    const text = "start\nWhat people changed:\n  STOP a\n    do x\n  STOP b\nup will stop.\nend";
    expect(excerpt(text, "What people changed", "up will stop")).toBe(
      "What people changed:\n  STOP a\n    do x\n  STOP b\nup will stop.",
    );
    expect(excerpt(text, "STOP a")).toBe("STOP a\n  do x");
    expect(() => excerpt(text, "nothing like it")).toThrow("no line of the output has nothing like it");
  });
});
