// The crafted invalid flows (test/fixtures/archy-invalid), validated without a server: the shared
// YAML reader, then archy/validate/. Each gets the finding its header announces, at the announced
// path and line: in strict mode an error; in default mode an error when the verdict is certain
// (invalid), a located warning naming the problem when it is a name the catalogue lacks (unknown).
// The emulator tier checks the same fixtures through publishes.
import { validateArchyDocument } from "../../../archy/validate";
import { readYaml } from "../../../model/yamlReader";
import { readInvalidFixtures, WHY_CATEGORIES } from "../../../testkit/invalidArchy";

interface Located {
  rule: string;
  path?: string;
  line?: number;
  severity: string;
  verdict: string;
  message: string;
}

function findingsOf(text: string, strict = false): Located[] {
  const read = readYaml(text);
  if (!read.ok)
    return read.problems.map((p) => ({
      rule: "yaml-parse",
      line: p.line,
      severity: "error",
      verdict: "invalid",
      message: p.message,
    }));
  return validateArchyDocument(read.value, { locate: (p) => read.locator.locate(p), strict });
}

const fixtures = readInvalidFixtures();

describe("crafted invalid Archy flows", () => {
  it("at least 25 fixtures, covering every category of the issue", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    const names = fixtures.map((f) => f.file);
    for (const [category, files] of Object.entries(WHY_CATEGORIES)) {
      for (const f of files)
        expect({ category, file: f, present: names.includes(f) }).toEqual({ category, file: f, present: true });
    }
    console.log(
      `archy invalid fixtures: ${fixtures.length} files covering ${Object.keys(WHY_CATEGORIES).length} categories of the issue`,
    );
  });

  const at = (found: Located[], fixture: (typeof fixtures)[number]) =>
    found.find(
      (e) => e.rule === fixture.expect.rule && e.path === fixture.expect.path && e.line === fixture.expect.line,
    );

  it.each(fixtures.map((f) => [f.file, f] as const))(
    "%s is refused in strict mode at the announced path and line",
    (_file, fixture) => {
      const errors = findingsOf(fixture.text, true).filter((f) => f.severity === "error");
      const hit = at(errors, fixture);
      if (!hit)
        throw new Error(
          `${fixture.file}: expected ${JSON.stringify(fixture.expect)}, got ${JSON.stringify(errors, null, 1)}`,
        );
      expect(hit.message.length).toBeGreaterThan(20);
    },
  );

  it.each(fixtures.map((f) => [f.file, f] as const))(
    "%s in default mode: refused when certain, else a located warning",
    (_file, fixture) => {
      const hit = at(findingsOf(fixture.text), fixture);
      if (!hit) throw new Error(`${fixture.file}: expected ${JSON.stringify(fixture.expect)}`);
      expect(hit.severity).toBe(hit.verdict === "invalid" ? "error" : "warning");
      expect(hit.verdict).toBe(fixture.verdict);
    },
  );

  it("a missing flow name is located at the flow's key, not at the first nested name", () => {
    const fixture = fixtures.find((f) => f.file === "flow-without-name.yaml")!;
    const lines = fixture.text.split("\n");
    expect(lines[fixture.expect.line - 1]).toBe("inboundCall:");
    expect(lines.findIndex((l) => /^\s+name: Main$/.test(l)) + 1).not.toBe(fixture.expect.line);
  });

  it("an unclosed quote is located at the line that opens it, not at the end of the file", () => {
    const fixture = fixtures.find((f) => f.file === "yaml-unclosed-quote.yaml")!;
    const lines = fixture.text.split("\n");
    expect(lines[fixture.expect.line - 1]).toContain('name: "Greet');
    expect(fixture.expect.line).toBeLessThan(lines.length - 3);
  });
});
