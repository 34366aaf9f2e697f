// The lint command: golden outputs on fixture flow sets (UPDATE_GOLDEN=1 rewrites them), the
// SARIF validated against the SARIF 2.1.0 JSON schema, exit codes and usage errors.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { lintLoaded } from "../../policies/lint/engine";
import { escapeXml, formatJunit } from "../../policies/lint/junit";
import { makeLocator } from "../../policies/lint/locate";
import { toSarif } from "../../policies/lint/sarif";
import { parseArgs, runLint } from "../../tools/lintFlows";
import { MODULE, caller } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = "test/policy/fixtures";
const GOLDEN = path.join(__dirname, "golden");
const EXT = { text: "txt", json: "json", sarif: "sarif", junit: "xml" } as const;

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI && process.env.UPDATE_GOLDEN !== "1") throw new Error(`missing golden file ${name}`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/**
 * The official SARIF 2.1.0 schema (sarif-2.1.0-rtm.5.json) as shipped by @microsoft/jest-sarif.
 * It is draft-04: Ajv 8 reads it once the draft-04 `id` is renamed `$id` (it uses no other
 * draft-04-only keyword). Its `language` pattern has a stray `]` that is only valid in a
 * non-unicode RegExp, hence `unicodeRegExp: false`.
 */
function sarifValidator() {
  const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
  const { $schema: _draft, id, ...rest } = JSON.parse(readFileSync(schemaPath, "utf8"));
  expect(_draft).toBe("http://json-schema.org/draft-04/schema#");
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: id, ...rest });
}

describe.each(["clean", "violations"])("fixture set %s", (set) => {
  for (const format of ["text", "json", "sarif", "junit"] as const) {
    test(`${format} output matches the golden file`, () => {
      const result = runLint([`${FIXTURES}/${set}`, "--format", format], { cwd: ROOT });
      expect(result.stderr).toBe("");
      expect(result.exitCode).toBe(set === "clean" ? 0 : 1);
      golden(`${set}.${EXT[format]}`, result.stdout);
    });
  }

  test("SARIF validates against the SARIF 2.1.0 schema", () => {
    const validate = sarifValidator();
    const sarif = JSON.parse(runLint([`${FIXTURES}/${set}`, "--format", "sarif"], { cwd: ROOT }).stdout);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe("lint results", () => {
  test("violations set: every rule the lint runs shows up, with load errors, at the node's line", () => {
    const { report } = runLint([`${FIXTURES}/violations`], { cwd: ROOT });
    const ids = new Set(report!.findings.map((f) => f.ruleId));
    expect([...ids].sort()).toEqual([
      "load-error",
      "module-compatibility",
      "module-interface",
      "reachable-nodes",
      "subflow-transitions",
      "terminates",
    ]);
    const missingError = report!.findings.find((f) => f.ruleId === "subflow-transitions")!;
    expect(missingError).toMatchObject({ file: `${FIXTURES}/violations/broken.yaml`, node: "Lookup", level: "mandatory" });
    const text = readFileSync(path.join(ROOT, missingError.file), "utf8").split("\n");
    expect(text[missingError.line - 1].trim()).toBe("transitions:");
    const orphan = report!.findings.find((f) => f.node === "Orphan")!;
    expect(text[orphan.line - 1]).toBe("  Orphan:");
  });

  test("--stack applies that stack's levels: dev makes subflow-transitions advisory", () => {
    const { report } = runLint([`${FIXTURES}/violations/broken.yaml`, `${FIXTURES}/violations/common.yaml`, "--stack", "dev"], { cwd: ROOT });
    expect(report!.stack).toBe("dev");
    expect(report!.findings.find((f) => f.ruleId === "subflow-transitions")).toMatchObject({ level: "advisory" });
    expect(report!.findings[0].message).toMatch(/^\[[a-z-]+\] stack "dev", flow "/);
  });

  test("advisory only exits 0", () => {
    const withOrphan = caller({ Orphan: { type: "disconnect" } });
    const report = lintLoaded([
      { file: "flows/common.yaml", model: MODULE },
      { file: "flows/sales.yaml", model: withOrphan },
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.level, f.node])).toEqual([["reachable-nodes", "advisory", "Orphan"]]);
    expect(report.exitCode).toBe(0);
  });

  test("two modules with one name: the second is a load error", () => {
    const report = lintLoaded([
      { file: "a.yaml", model: MODULE },
      { file: "b.yaml", model: MODULE },
    ]);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: "load-error", file: "b.yaml", level: "mandatory" })]);
    expect(report.exitCode).toBe(1);
  });

  test("--out writes the report and keeps the exit code", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "lint-")), "sub", "lint.sarif");
    const result = runLint([`${FIXTURES}/violations`, "--format=sarif", "--out", out], { cwd: ROOT });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8")).version).toBe("2.1.0");
  });

  test("with no paths it lints flows/", () => {
    const result = runLint(["--format", "json"], { cwd: ROOT });
    const files = JSON.parse(result.stdout).summary.files;
    expect(files).toBeGreaterThan(0);
  });
});

describe("usage", () => {
  test("parses options", () => {
    expect(parseArgs(["a.yaml", "--stack", "prod", "--format=junit", "--out", "x.xml"])).toEqual({
      paths: ["a.yaml"],
      stack: "prod",
      format: "junit",
      out: "x.xml",
      help: false,
    });
  });

  test.each([
    [["--format", "xml"], /unknown format "xml"/],
    [["--bogus"], /unknown option --bogus/],
    [["--stack"], /--stack needs a value/],
    [["--stack", "qa"], /no policy config for stack "qa"/],
    [["no/such/file.yaml"], /no such file or directory: no\/such\/file.yaml/],
  ])("%j exits 2", (argv, message) => {
    const result = runLint(argv as string[], { cwd: ROOT });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: npm run lint:flows/);
  });

  test("--help", () => {
    expect(runLint(["--help"], { cwd: ROOT })).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^Usage/) });
  });
});

describe("formats", () => {
  test("XML escaping", () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;\uFFFD");
    const report = lintLoaded([{ file: "f<1>.yaml", model: caller({ "Orphan": { type: "disconnect" } }) }], {});
    const xml = formatJunit({ ...report, files: ["f<1>.yaml"] });
    expect(xml).toContain('classname="f&lt;1&gt;.yaml"');
    expect(xml).not.toMatch(/<[^a-z/?!]/i);
  });

  test("SARIF levels: mandatory -> error, advisory -> warning", () => {
    const report = lintLoaded([{ file: "s.yaml", model: caller({ Orphan: { type: "disconnect" } }) }]);
    const run = (toSarif(report).runs as Array<Record<string, any>>)[0];
    expect(run.results[0]).toMatchObject({ ruleId: "reachable-nodes", level: "warning" });
    const rule = run.tool.driver.rules[run.results[0].ruleIndex];
    expect(rule).toMatchObject({ id: "reachable-nodes", defaultConfiguration: { level: "warning" } });
  });

  test("locator maps node ids and paths to lines, and falls back to the top", () => {
    const locate = makeLocator("kind: inboundCall\nnodes:\n  A:\n    type: disconnect\n  B:\n    transitions:\n      next: A\n");
    expect(locate("B")).toEqual({ line: 5, column: 3 });
    expect(locate("B", ["transitions", "next"])).toEqual({ line: 7, column: 7 });
    expect(locate("B", ["transitions", "error"])).toEqual({ line: 6, column: 5 });
    expect(locate("Z")).toEqual({ line: 2, column: 1 });
    expect(makeLocator("{{{")("A")).toEqual({ line: 1, column: 1 });
  });
});
