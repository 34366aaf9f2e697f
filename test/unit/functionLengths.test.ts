// Functions a person can read in one sitting (issue 80): fewer than 18 production functions of 80
// lines or more, none over 120 lines on the deploy path (what `up`, `preview`, `down` and the stack
// program run), and the rollout plan (planner/waves.ts) within 250 lines. A function is a
// declaration, method, constructor, arrow or function expression, measured from its first line to
// its last; a table of routes or rules is a constant, not a function.
import * as ts from "typescript";
import { productionSources, read } from "./tree";

/** What `up`, `preview` and `down` run, from the command line to the provider's inputs. */
const DEPLOY_PATH =
  /^(archy|model|checks|compiler|planner|project|org|ownership|verify|policies|run|components|engine)\/|^index\.ts$|^tools\/deploy\.ts$/;

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

const all = productionSources()
  .filter((f) => f.endsWith(".ts"))
  .flatMap((f) => functionLengths(f));

test("fewer than 18 production functions of 80 lines or more", () => {
  const long = all.filter((f) => f.lines >= 80).map((f) => `${f.at} (${f.lines} lines)`);
  // On failure, the list: the functions to split.
  expect(long.length < 18 ? [] : long).toEqual([]);
});

/** The deploy path's functions over 120 lines, as "file:line (n lines)". The pattern is matched against the file, not "file:line". */
const overLongOnDeployPath = (functions: readonly FunctionLength[]): string[] =>
  functions.filter((f) => f.lines > 120 && DEPLOY_PATH.test(f.file)).map((f) => `${f.at} (${f.lines} lines)`);

test("no function on the deploy path is over 120 lines", () => {
  expect(overLongOnDeployPath(all)).toEqual([]);
});

test("the deploy-path check fails for a function over 120 lines in tools/deploy.ts, index.ts or a core folder, and for nothing else (a test of the test)", () => {
  const body = (n: number) =>
    `export async function main(argv: string[]): Promise<number> {\n${'  argv.push("x");\n'.repeat(n - 2)}}\n`;
  const long = body(121);
  expect(overLongOnDeployPath(functionLengths("tools/deploy.ts", long))).toEqual(["tools/deploy.ts:1 (121 lines)"]);
  expect(overLongOnDeployPath(functionLengths("index.ts", `// the program\n${long}`))).toEqual([
    "index.ts:2 (121 lines)",
  ]);
  expect(overLongOnDeployPath(functionLengths("run/operation.ts", long))).toEqual(["run/operation.ts:1 (121 lines)"]);
  expect(overLongOnDeployPath(functionLengths("tools/deploy.ts", body(120)))).toEqual([]);
  expect(overLongOnDeployPath(functionLengths("tools/verify.ts", long))).toEqual([]);
  expect(overLongOnDeployPath(functionLengths("emulator/server.ts", long))).toEqual([]);
});

test("the rollout plan (planner/waves.ts) is at most 250 lines", () => {
  expect(read("planner/waves.ts").trimEnd().split("\n").length).toBeLessThanOrEqual(250);
});
