// Functions a person can read in one sitting (issue 80): fewer than 18 production functions of 80
// lines or more, none over 120 lines on the deploy path (what `up`, `preview`, `down` and the stack
// program run), and the rollout plan (planner/waves.ts) within 250 lines. A function is a
// declaration, method, constructor, arrow or function expression, measured from its first line to
// its last; a table of routes or rules is a constant, not a function.
import * as ts from "typescript";
import { productionSources, read } from "./tree";

/** What `up`, `preview` and `down` run, from the command line to the provider's inputs. */
const DEPLOY_PATH = /^(archy|model|checks|compiler|planner|project|org|ownership|verify|policies|run|components|engine)\/|^index\.ts$|^tools\/deploy\.ts$/;

function functionLengths(file: string): Array<{ at: string; lines: number }> {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
  const out: Array<{ at: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ at: `${file}:${first + 1}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const all = productionSources()
  .filter((f) => f.endsWith(".ts"))
  .flatMap(functionLengths);

test("fewer than 18 production functions of 80 lines or more", () => {
  const long = all.filter((f) => f.lines >= 80).map((f) => `${f.at} (${f.lines} lines)`);
  // On failure, the list: the functions to split.
  expect(long.length < 18 ? [] : long).toEqual([]);
});

test("no function on the deploy path is over 120 lines", () => {
  expect(all.filter((f) => f.lines > 120 && DEPLOY_PATH.test(f.at)).map((f) => `${f.at} (${f.lines} lines)`)).toEqual([]);
});

test("the rollout plan (planner/waves.ts) is at most 250 lines", () => {
  expect(read("planner/waves.ts").trimEnd().split("\n").length).toBeLessThanOrEqual(250);
});
