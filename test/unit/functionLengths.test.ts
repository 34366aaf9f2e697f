// Functions a person can read in one sitting (issue 80), in lines of the formatted tree (Biome,
// width 120: issue 99; the caps of issue 80 were set on the unformatted tree, which formatting grew
// by 26 %, 72,418 to 91,575 production lines at 801268c, so each cap is restated once, times 1.25):
// no more long functions (100 lines or more) than the 39 of 801268c, none over 150 lines on the
// deploy path (every file what `up`, `preview`, `down`, the stack program and the policy pack run
// imports, directly or not), and the rollout plan (planner/waves/wavePlan.ts) within 315 lines. A function
// is a declaration, method, constructor, arrow or function expression, measured from its first line
// to its last; a table of routes or rules is a constant, not a function.
import * as ts from "typescript";
import { importClosure, importsOf as importsOfText, productionSources, read } from "./tree";

/** Where `up`, `preview` and `down` start: the command, the stack program and the policy pack. */
const DEPLOY_ENTRIES = ["tools/deploy.ts", "index.ts", "policies/index.ts"];
const sources = productionSources();
const DEPLOY_PATH = new Set(importClosure(DEPLOY_ENTRIES, new Set(sources)));

interface FunctionLength {
  file: string;
  at: string;
  lines: number;
}

function functionLengths(file: string, text = read(file)): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ file, at: `${file}:${first + 1}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const all = sources.filter((f) => f.endsWith(".ts")).flatMap((f) => functionLengths(f));

test("no more production functions of 100 lines or more than the 39 of 801268c", () => {
  const long = all.filter((f) => f.lines >= 100).map((f) => `${f.at} (${f.lines} lines)`);
  // On failure, the list: the functions to split.
  expect(long.length <= 39 ? [] : long).toEqual([]);
});

/** The deploy path's functions over 150 lines, as "file:line (n lines)". */
const overLongOnDeployPath = (functions: readonly FunctionLength[], deployPath = DEPLOY_PATH): string[] =>
  functions.filter((f) => f.lines > 150 && deployPath.has(f.file)).map((f) => `${f.at} (${f.lines} lines)`);

test("the deploy path is the import closure of its entries: the emulator npm start serves is on it, bench is not", () => {
  expect(DEPLOY_PATH.has("emulator/localStack.ts")).toBe(true);
  expect(DEPLOY_PATH.has("run/operation.ts")).toBe(true);
  expect([...DEPLOY_PATH].filter((f) => /^(bench|test|testkit)\//.test(f))).toEqual([]);
});

test("no function on the deploy path is over 150 lines", () => {
  expect(overLongOnDeployPath(all)).toEqual([]);
});

test("the deploy-path check fails for a function over 150 lines in a file the entries reach, and for nothing else (a test of the test)", () => {
  const body = (n: number) =>
    `export async function main(argv: string[]): Promise<number> {\n${'  argv.push("x");\n'.repeat(n - 2)}}\n`;
  const long = body(151);
  expect(overLongOnDeployPath(functionLengths("tools/deploy.ts", long))).toEqual(["tools/deploy.ts:1 (151 lines)"]);
  expect(overLongOnDeployPath(functionLengths("index.ts", `// the program\n${long}`))).toEqual([
    "index.ts:2 (151 lines)",
  ]);
  expect(overLongOnDeployPath(functionLengths("emulator/localStack.ts", long))).toEqual([
    "emulator/localStack.ts:1 (151 lines)",
  ]);
  expect(overLongOnDeployPath(functionLengths("tools/deploy.ts", body(150)))).toEqual([]);
  expect(overLongOnDeployPath(functionLengths("bench/run.ts", long))).toEqual([]);
  // A file the entries reach only through another is on the path; one they do not reach is not.
  const files = new Set(["tools/deploy.ts", "run/a.ts", "run/b.ts", "run/unused.ts"]);
  const texts: Record<string, string> = {
    "tools/deploy.ts": 'import "../run/a";',
    "run/a.ts": 'import { b } from "./b";',
  };
  const closure = new Set(importClosure(["tools/deploy.ts"], files, (f) => importsOfText(f, files, texts[f] ?? "")));
  expect([...closure]).toEqual(["run/a.ts", "run/b.ts", "tools/deploy.ts"]);
  expect(overLongOnDeployPath(functionLengths("run/b.ts", long), closure)).toEqual(["run/b.ts:1 (151 lines)"]);
  expect(overLongOnDeployPath(functionLengths("run/unused.ts", long), closure)).toEqual([]);
});

test("the rollout plan (planner/waves/wavePlan.ts) is at most 315 lines", () => {
  expect(read("planner/waves/wavePlan.ts").trimEnd().split("\n").length).toBeLessThanOrEqual(315);
});
