// Messages that help: a YAML indentation mistake is named as one, at the line that is wrong (the
// parser's own text points one line early and speaks of "implicit keys"), once: a key indented one
// level too deep is named, not the errors and "duplicate keys" it causes below it; SARIF's rule pages are
// absolute URLs (the CI's repository, a setting, or the project's folder), never a relative path.
import { parseFlowText } from "../../model/load";
import { formatSarif, toSarif } from "../../policies/lint/sarif";
import { lintSources } from "../../policies/lint/engine";
import { docsBaseUrl } from "../../tools/lintFlows";
import { issuesOf } from "../../testkit/portfolio";

const load = (text: string) => issuesOf(() => parseFlowText(text, "flows/calls/x.yaml"));

describe("YAML indentation mistakes", () => {
  test("a key indented deeper than the line before, whose value is on that line: the deeper line, named as indentation", () => {
    const text = [
      "kind: inboundCall",
      "name: X",
      "start: A",
      "nodes:",
      "  A:",
      "    type: playMessage",
      "    prompt: hi",
      "      transitions: { next: B }",
      "  B: { type: disconnect }",
      "",
    ].join("\n");
    expect(load(text)).toEqual([
      {
        file: "flows/calls/x.yaml",
        line: 8,
        column: 7,
        message:
          'YAML syntax error: indentation: "transitions" is indented deeper than "prompt" on line 7, whose value is already on that line, so YAML reads the two lines as one key; indent it like "prompt" (column 5)',
      },
    ]);
  });

  test("a key that lines up with nothing: its line and column, and the keys it could line up with", () => {
    const text = [
      "kind: inboundCall",
      "name: X",
      "start: A",
      "nodes:",
      "  A:",
      "    type: playMessage",
      "    prompt: hi",
      "   transitions:",
      "      next: B",
      "  B: { type: disconnect }",
      "",
    ].join("\n");
    expect(load(text)).toEqual([
      {
        file: "flows/calls/x.yaml",
        line: 8,
        column: 4,
        message:
          'YAML syntax error: indentation: "transitions" starts at column 4, which lines up with no key around it; indent it like "prompt" (line 7, column 5) or with "A" (line 5, column 3)',
      },
    ]);
  });

  // One slip, one error: the key that is indented too deep, named at its line, never the errors it causes below it.
  const flow = [
    "kind: inboundCall",
    "name: X",
    "start: A",
    "nodes:",
    "  A:",
    "    type: playMessage",
    "    prompt: hi",
    "    transitions:",
    "      next: B",
    "  B:",
    "    type: playMessage",
    "    prompt: bye",
    "    transitions:",
    "      next: C",
    "  C:",
    "    type: disconnect",
    "",
  ];
  const slip = (line: number, by = "  ") => flow.map((l, i) => (i === line - 1 ? by + l : l)).join("\n");

  test("a node's key indented one level too deep falls into the node above it: named as that, not as the duplicate keys under it", () => {
    expect(load(slip(10))).toEqual([
      {
        file: "flows/calls/x.yaml",
        line: 10,
        column: 5,
        message:
          'YAML syntax error: indentation: "B" is indented one level too deep: YAML reads it as a key of "A" (line 5) with no value, and the lines under it as more keys of "A" ("type" on line 11 repeats one); indent it like "A" (column 3)',
      },
    ]);
    // The last node too (one repeated key under it).
    expect(load(slip(15))).toEqual([
      expect.objectContaining({
        line: 15,
        column: 5,
        message: expect.stringContaining('"C" is indented one level too deep'),
      }),
    ]);
  });

  test("the first key of a mapping indented deeper than the keys after it: that key, once (not each key after it)", () => {
    expect(load(slip(6))).toEqual([
      {
        file: "flows/calls/x.yaml",
        line: 6,
        column: 7,
        message:
          'YAML syntax error: indentation: "type" is indented deeper than the keys after it at column 5 ("prompt" (line 7), "transitions" (line 8)), so YAML cannot read them as one mapping; indent it like them (column 5)',
      },
    ]);
    // A node key first under nodes:, and the file's first key: once each, named.
    expect(load(slip(5))).toEqual([
      expect.objectContaining({
        line: 5,
        column: 5,
        message: expect.stringContaining(
          '"A" is indented deeper than the keys after it at column 3 ("B" (line 10), "C" (line 15))',
        ),
      }),
    ]);
    expect(load(["# a comment", ...flow].map((l, i) => (i === 1 ? `  ${l}` : l)).join("\n"))).toEqual([
      expect.objectContaining({
        line: 2,
        column: 3,
        message: expect.stringContaining('"kind" is indented deeper than the keys after it at column 1'),
      }),
    ]);
  });

  test("a syntax error is reported once: the first", () => {
    expect(load("kind: inboundCall\nname: X\n  start: A\n nodes: {\n")).toHaveLength(1);
  });

  test("a tab used to indent", () => {
    expect(load("kind: inboundCall\nnodes:\n\tA: 1\n")).toEqual([
      {
        file: "flows/calls/x.yaml",
        line: 3,
        column: 1,
        message: "YAML syntax error: indentation: this line is indented with a tab; YAML indents with spaces only",
      },
    ]);
  });

  test("other syntax errors keep the parser's words", () => {
    expect(load("kind: inboundCall\nname: [X\n")[0].message).toMatch(/^YAML syntax error: a "\[" that is never closed/);
  });
});

describe("SARIF rule pages are absolute", () => {
  const report = lintSources(
    [
      {
        id: "calls/x",
        file: "flows/calls/x.yaml",
        text: "kind: inboundCall\nname: X\nstart: A\nnodes:\n  A: { type: disconnect }\n  B: { type: disconnect }\n",
      },
    ],
    { cwd: "/nowhere" },
  );
  const rulesOf = (docsBase?: string) =>
    (
      toSarif(report, docsBase !== undefined ? { docsBase } : {}).runs as Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri?: string; properties: Record<string, unknown> }> } };
      }>
    )[0].tool.driver.rules;

  test("each rule's helpUri is its section of docs/rules.md under the docs base; nothing relative is left in its properties", () => {
    const rules = rulesOf("https://github.com/acme/flows/blob/abc123/");
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(r.helpUri).toBe(`https://github.com/acme/flows/blob/abc123/docs/rules.md#${r.id}`);
      expect(Object.values(r.properties)).not.toContain(`docs/rules.md#${r.id}`);
    }
    expect(formatSarif(report, { docsBase: "https://x.test/" })).toContain(
      '"helpUri": "https://x.test/docs/rules.md#reachable-nodes"',
    );
  });

  test("the docs base: a setting, else GitHub Actions' repository at the commit, else the project's folder", () => {
    expect(
      docsBaseUrl(
        {
          GENESYS_FLOWS_DOCS_URL: "https://docs.example.com/flows",
          GITHUB_SERVER_URL: "https://github.com",
          GITHUB_REPOSITORY: "a/b",
        },
        "/p",
      ),
    ).toBe("https://docs.example.com/flows/");
    expect(
      docsBaseUrl(
        { GITHUB_SERVER_URL: "https://github.example.com", GITHUB_REPOSITORY: "acme/flows", GITHUB_SHA: "abc" },
        "/p",
      ),
    ).toBe("https://github.example.com/acme/flows/blob/abc/");
    expect(docsBaseUrl({}, "/work/my flows")).toBe("file:///work/my%20flows/");
    expect(new URL("docs/rules.md#terminates", docsBaseUrl({}, "/work/my flows")).href).toBe(
      "file:///work/my%20flows/docs/rules.md#terminates",
    );
  });
});
