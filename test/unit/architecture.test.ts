// The layers hold: the project's own import graph, read from the source with TypeScript's own
// import scanner, has no folder that imports a folder above it, no import cycle between files
// (type-only imports included) outside the generated SDK, no production file that imports
// test code, and no test tier that imports another tier's test code (what tiers share is in
// testkit/). docs/architecture.md describes the same order; this test is its measure
// (`npx jest test/unit/architecture.test.ts`). A new top-level folder must be placed in LAYERS (test/unit/tree.ts) and in docs/layout.md.
import * as fs from "node:fs";
import * as path from "node:path";
import { importsOf, LAYERS } from "./tree";

const ROOT = path.resolve(__dirname, "../..");

/** Not production code: tests, dependencies, generated and cached output, data. */
const SKIP = new Set([
  "node_modules",
  "test",
  ".git",
  ".work",
  "flows",
  "routing",
  "scenarios",
  "docs",
  "schema",
  ".github",
  ".ci",
]);
const SOURCE = /\.(ts|js|mjs|cjs)$/;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith(".") && dir === ROOT) continue;
    const abs = path.join(dir, e.name);
    const rel = path.relative(ROOT, abs).split(path.sep).join("/");
    if (SKIP.has(rel.split("/")[0]) || e.name === "node_modules") continue;
    if (e.isDirectory()) sourceFiles(abs, out);
    else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith(".d.ts") && rel !== "jest.config.js") out.push(rel);
  }
  return out;
}

function folderOf(file: string): string {
  return file.includes("/") ? file.split("/")[0] : file;
}

const files = sourceFiles(ROOT).sort();
const fileSet = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, fileSet)]));

test("every top-level folder of production code has a place in the layers", () => {
  const folders = [...new Set(files.map(folderOf))].sort();
  expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
});

test("no folder imports a folder above it", () => {
  const upward = new Set<string>();
  for (const [file, targets] of graph) {
    const from = LAYERS.indexOf(folderOf(file));
    for (const target of targets) {
      const folder = folderOf(target);
      const to = LAYERS.indexOf(folder);
      if (to > from) upward.add(`${file} -> ${target} (${folderOf(file)} is below ${folder})`);
    }
  }
  expect([...upward]).toEqual([]);
});

/**
 * The command line only parses, confirms and prints: a command never imports another; what two
 * commands share lives with its concept below tools/, and the entry (tools/cli.ts) hands one
 * command's run to another (rollback's and rollout's `up`). A command's own folder (tools/mcp/)
 * is one command. The entry's launcher (tools/jsbuild/cli.js, starting it precompiled) is the entry.
 */
test("no tools/ file imports another command but the command line's entry", () => {
  const commandOf = (f: string) =>
    f
      .split("/")
      .slice(0, 2)
      .join("/")
      .replace(/\.(ts|js)$/, "");
  const across = [...graph].flatMap(([file, targets]) =>
    !file.startsWith("tools/") || file === "tools/cli.ts" || file === "tools/jsbuild/cli.js"
      ? []
      : targets.filter((t) => t.startsWith("tools/") && commandOf(t) !== commandOf(file)).map((t) => `${file} -> ${t}`),
  );
  expect(across).toEqual([]);
});

/**
 * The emulator is the org a run talks to; it depends on what a flow is (archy/, model/, planner/)
 * and on the project's files (project/: the org file), never on the org client, the run or the
 * deploy: what a command reads of a stack to start one is the command's (tools/emulator.ts), and
 * so is the simulator its simulated traffic runs through (behaviour/simulatedCalls.ts, handed in).
 */
test("the emulator's floor is project/: it imports nothing above it", () => {
  const floor = LAYERS.indexOf("project");
  const above = [...graph].flatMap(([file, targets]) =>
    !file.startsWith("emulator/")
      ? []
      : targets
          .filter((t) => LAYERS.indexOf(folderOf(t)) > floor && folderOf(t) !== "emulator")
          .map((t) => `${file} -> ${t}`),
  );
  expect(above).toEqual([]);
});

test("no production file imports test code", () => {
  const intoTests = [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => t.startsWith("test/")).map((t) => `${file} -> ${t}`),
  );
  expect(intoTests).toEqual([]);
});

/**
 * Test support (`testkit/`) is for the test tiers, the benchmark and the docs' images; the product
 * (what a command, the stack program or the policy pack runs) never imports it.
 */
const TESTKIT_USERS: readonly string[] = ["testkit/", "bench/", "tools/diagrams/docsImages.ts"];

test("only tests, the benchmark and the docs' images import test support", () => {
  const intoTestkit = [...graph].flatMap(([file, targets]) =>
    TESTKIT_USERS.some((u) => file.startsWith(u))
      ? []
      : targets.filter((t) => t.startsWith("testkit/")).map((t) => `${file} -> ${t}`),
  );
  expect(intoTestkit).toEqual([]);
});

/** The test files, each with what it imports (test code and data included), relative to ROOT. */
function testFiles(): Map<string, string[]> {
  const walk = (dir: string, out: string[] = []): string[] => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory() && e.name !== "node_modules") walk(rel, out);
      else if (e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
    }
    return out;
  };
  const tests = walk("test");
  const all = new Set([...files, ...tests]);
  return new Map(tests.map((f) => [f, importsOf(f, all)]));
}

/** `test/<tier>/...` -> `test/<tier>/`; shared data (`test/fixtures/`) belongs to every tier. */
const tierOf = (file: string): string => `${file.split("/").slice(0, 2).join("/")}/`;

test("a test tier imports test code only from its own folder: what tiers share is in testkit/", () => {
  const crossTier = [...testFiles()].flatMap(([file, targets]) =>
    targets
      .filter((t) => t.startsWith("test/") && !t.startsWith("test/fixtures/") && tierOf(t) !== tierOf(file))
      .map((t) => `${file} -> ${t}`),
  );
  expect(crossTier).toEqual([]);
});

test("no import cycle between files outside the generated SDK", () => {
  // Tarjan's strongly connected components over the file graph.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  expect(cycles.filter((c) => !c.every((f) => f.startsWith("sdks/")))).toEqual([]);
});
