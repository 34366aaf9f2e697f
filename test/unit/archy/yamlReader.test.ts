// The one YAML reader (model/yamlReader.ts): YAML 1.2 values, limits, keys that collide once read
// as text, forbidden keys, syntax errors located at the fault, and the path locator.
import { formatYamlProblem, readYaml, type YamlProblem } from "../../../model/yamlReader";

function problems(text: string, limits?: Parameters<typeof readYaml>[1]): YamlProblem[] {
  const r = readYaml(text, limits);
  if (r.ok) throw new Error(`expected problems, got ${JSON.stringify(r.value)}`);
  return r.problems;
}

function value(text: string): unknown {
  const r = readYaml(text);
  if (!r.ok) throw new Error(r.problems.map(formatYamlProblem).join("\n"));
  return r.value;
}

/** `lines` numbered lines of `k<i>: v<i>` under a root key, with line `faultLine` replaced. */
function document(lines: number, faultLine: number, fault: string): string {
  const out = ["root:"];
  for (let i = 2; i <= lines; i++) out.push(i === faultLine ? fault : `  k${i}: v${i}`);
  return `${out.join("\n")}\n`;
}

describe("readYaml: values", () => {
  it("reads YAML 1.2 core: yes/no/on stay strings, numbers and booleans are typed", () => {
    expect(value("a: yes\nb: no\nc: on\nd: 1\ne: true\nf: ~\n")).toEqual({
      a: "yes",
      b: "no",
      c: "on",
      d: 1,
      e: true,
      f: null,
    });
  });

  it("keeps a %YAML 1.1 directive from changing yes/no into booleans", () => {
    expect(value("%YAML 1.1\n---\na: yes\n")).toEqual({ a: "yes" });
  });

  it("takes every YAML 1.2 line break: CR LF, LF, and a carriage return alone (old Mac line ends, a file ending in a bare CR), with positions as in the text", () => {
    const expected = { a: 1, b: { c: "digit_9" } };
    expect(value("a: 1\r\nb:\r\n  c: digit_9\r\n")).toEqual(expected);
    expect(value("a: 1\rb:\r  c: digit_9\r")).toEqual(expected);
    expect(value("a: 1\r\nb:\r\n  c: digit_9\r")).toEqual(expected);
    const r = readYaml("a: 1\rb:\r  c: digit_9\r");
    expect(r.ok && r.locator.locate(["b", "c"])).toMatchObject({ line: 3, column: 3 });
    expect(problems("a: 1\rb: [x\r")[0]).toMatchObject({ line: 2 });
  });
});

describe("readYaml: syntax errors are located at the fault, not where the parser gave up", () => {
  it("an unclosed double quote at line 15 of 30 is reported at line 15", () => {
    const p = problems(document(30, 15, '  k15: "never closed'));
    expect(p[0]).toEqual(expect.objectContaining({ kind: "syntax", line: 15, column: 8 }));
    expect(p[0].message).toContain("double quote");
    expect(p.every((x) => x.line === 15)).toBe(true);
  });

  it("an unclosed single quote, [ and { are reported where they open", () => {
    expect(problems(document(20, 7, "  k7: 'never closed"))[0]).toEqual(
      expect.objectContaining({ line: 7, column: 7 }),
    );
    expect(problems(document(20, 9, "  k9: [1, 2"))[0]).toEqual(expect.objectContaining({ line: 9, column: 7 }));
    const brace = problems(document(20, 4, "  k4: {a: 1, b: 2"))[0];
    expect(brace).toEqual(expect.objectContaining({ line: 4, column: 7 }));
    expect(brace.message).toContain('"{" that is never closed');
  });

  it("a closed quote with an escaped quote inside is not mistaken for an unclosed one", () => {
    expect(value("a: \"say \\\"hi\\\"\"\nb: 'it''s'\n")).toEqual({ a: 'say "hi"', b: "it's" });
  });

  it("bad indentation and tabs are reported at their line", () => {
    expect(problems("a:\n  b: 1\n c: 2\n  d: 3\n")[0]).toEqual(expect.objectContaining({ kind: "syntax", line: 3 }));
    expect(problems("a:\n\tb: 1\n")[0]).toEqual(expect.objectContaining({ kind: "syntax", line: 2 }));
  });

  it("a second document is refused in the user's terms", () => {
    expect(problems("a: 1\n---\nb: 2\n")[0]).toEqual(
      expect.objectContaining({ line: 2, message: expect.stringContaining("more than one YAML document") }),
    );
  });
});

describe("readYaml: keys", () => {
  it("refuses a repeated key with both locations", () => {
    const [p] = problems("a: 1\nb: 2\na: 3\n");
    expect(p).toEqual(
      expect.objectContaining({ kind: "duplicate-key", line: 3, column: 1, related: { line: 1, column: 1 } }),
    );
  });

  it.each([
    ['"true" and true', '"true": a\ntrue: b\n', 2, 1],
    ['1 and "1"', '1: a\n"1": b\n', 2, 1],
    ["1 and 1.0", "1: a\n1.0: b\n", 2, 1],
    ['~ and ""', '~: a\n"": b\n', 2, 1],
    ["nested, in a list item", 'list:\n  - x: 1\n    "false": 2\n    false: 3\n', 4, 3],
  ])("refuses keys that collide once read as text: %s", (_what, text, line, firstLine) => {
    const [p] = problems(text);
    expect(p).toEqual(
      expect.objectContaining({ kind: "duplicate-key", line, related: expect.objectContaining({ line: firstLine }) }),
    );
    expect(p.message).toMatch(/same key|duplicate key/);
  });

  it('keeps keys that differ as text: null and "null", 1 and "01"', () => {
    expect(value('null: a\n"null": b\n1: c\n"01": d\n')).toEqual({ "": "a", null: "b", "1": "c", "01": "d" });
  });

  it("refuses __proto__ and << merge keys anywhere", () => {
    expect(problems("a:\n  __proto__: {x: 1}\n")[0]).toEqual(
      expect.objectContaining({ kind: "forbidden-key", line: 2, column: 3 }),
    );
    expect(problems("base: &b {x: 1}\nother:\n  <<: *b\n")[0]).toEqual(
      expect.objectContaining({ kind: "forbidden-key", line: 3, message: expect.stringContaining("merge keys") }),
    );
  });

  it("checks a large mapping of distinct keys with its own linear check, not the library's quadratic one", () => {
    // The library's uniqueKeys compares every key with every other one (minutes at 100,000 keys); with
    // it on, its own "Map keys must be unique" would be among the problems. Only the reader's is.
    const lines = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`);
    const r = readYaml(`${lines.join("\n")}\nk5: again\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.kind, p.line, p.message])).toEqual([
      ["duplicate-key", 100_001, 'duplicate key "k5" (first at line 6, column 1); keys must be unique'],
    ]);
  });
});

describe("readYaml: limits", () => {
  it("refuses a text over the byte limit", () => {
    expect(problems(`a: ${"x".repeat(2000)}\n`, { limits: { maxBytes: 1000 } })[0]).toEqual(
      expect.objectContaining({ kind: "limits", message: expect.stringContaining("1000 bytes") }),
    );
  });

  it("refuses deep flow and block nesting without overflowing the stack", () => {
    expect(problems(`a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)[0].kind).toBe("limits");
    const block = `${Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} x\n`;
    expect(problems(block, { limits: { maxDepth: 32 } })[0]).toEqual(
      expect.objectContaining({ kind: "limits", message: expect.stringContaining("32 levels") }),
    );
  });

  it("refuses alias bombs and recursive aliases", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    expect(problems(`${bomb.join("\n")}\n`)[0].kind).toBe("limits");
    expect(problems("a: &r\n  self: *r\n")[0]).toEqual(
      expect.objectContaining({ kind: "limits", message: expect.stringContaining("recursive alias") }),
    );
  });

  it("accepts a few aliases", () => {
    expect(value("a: &x {q: 1}\nb: *x\n")).toEqual({ a: { q: 1 }, b: { q: 1 } });
  });
});

describe("readYaml: locator", () => {
  const text = [
    "inboundCall:",
    "  name: Sales",
    "  tasks:",
    "    - task:",
    "        name: Main",
    "        actions:",
    "          - disconnect:",
    "              name: Bye",
    "",
  ].join("\n");
  const r = readYaml(text);
  if (!r.ok) throw new Error("fixture must parse");

  it("locates keys and list items", () => {
    expect(r.locator.locate(["inboundCall", "name"])).toEqual({ line: 2, column: 3, exact: true });
    expect(r.locator.locate(["inboundCall", "tasks", 0, "task", "actions", 0, "disconnect", "name"])).toEqual({
      line: 8,
      column: 15,
      exact: true,
    });
    expect(r.locator.locate(["inboundCall", "tasks", 0])).toEqual({ line: 4, column: 7, exact: true });
  });

  it("points a missing path at its deepest existing ancestor", () => {
    expect(r.locator.locate(["inboundCall", "startUpRef"])).toEqual({ line: 1, column: 1, exact: false });
    expect(r.locator.locate(["inboundCall", "tasks", 0, "task", "refId"])).toEqual({
      line: 4,
      column: 7,
      exact: false,
    });
    expect(r.locator.locate(["inboundCall", "tasks", 5])).toEqual({ line: 3, column: 3, exact: false });
  });
});
