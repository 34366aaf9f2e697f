// No test of the unit, policy and emulator tiers has a timeout a loaded 2-core machine reaches: jest
// gives every test jest.config.js's testTimeout (minutes), and no test file of these tiers sets a
// shorter one (jest.setTimeout, or a number after the function of a test or a hook). A check of the
// files' syntax, so a new test with a tight timeout of its own fails here, not on a busy machine.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { tempProject } from "../../testkit/tempProject";

const ROOT = join(__dirname, "..", "..");
// jest.config.js is CommonJS: the config object as jest reads it.
const config = require(join(ROOT, "jest.config.js")) as { testTimeout?: number };

const TESTS = new Set(["it", "test", "beforeAll", "afterAll", "beforeEach", "afterEach"]);

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) =>
    statSync(join(dir, e)).isDirectory() ? testFiles(join(dir, e)) : e.endsWith(".ts") ? [join(dir, e)] : [],
  );
}

/** `jest.setTimeout(...)` calls, and tests or hooks given a timeout (`it("x", fn, 60_000)`, `it.each(rows)("x", fn, 60_000)`), by line. */
function ownTimeouts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isCallExpression(callee) || ts.isPropertyAccessExpression(callee))
        callee = ts.isCallExpression(callee) ? callee.expression : callee.expression;
      const name = node.expression.getText(source);
      const timed =
        ts.isIdentifier(callee) &&
        TESTS.has(callee.text) &&
        node.arguments.length >= 2 &&
        ts.isNumericLiteral(node.arguments[node.arguments.length - 1]);
      if (name === "jest.setTimeout" || timed)
        found.push(
          `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${name}`,
        );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test("every test may take minutes: jest's default timeout is raised for all tiers", () => {
  expect(config.testTimeout).toBeGreaterThanOrEqual(300_000);
});

test("the check finds a test's own timeout, and only that", () => {
  const file = join(
    tempProject({
      "some.test.ts":
        'jest.setTimeout(10);\nit("a", () => {}, 5);\nit.each([1])("b %s", () => {}, 5);\nsetTimeout(() => {}, 5);\nit("c", () => {});\n',
    }),
    "some.test.ts",
  );
  expect(ownTimeouts(file).map((l) => l.replace(/^.*:(\d+): /, "$1: "))).toEqual([
    "1: jest.setTimeout",
    "2: it",
    "3: it.each([1])",
  ]);
});

test("no test file of the unit, policy and emulator tiers sets a timeout of its own", () => {
  expect(
    ["unit", "policy", "emulator"].flatMap((tier) => testFiles(join(ROOT, "test", tier))).flatMap(ownTimeouts),
  ).toEqual([]);
});
