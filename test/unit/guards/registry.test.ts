// Guards are units (run/guards/guard.ts): each one file under run/guards/, registered once in
// run/guards/index.ts, with its own test beside this one. Adding a guard touches no other production
// file but the registry: no production file outside run/guards/ imports a guard's file for anything
// but its types (what the program wires with comes through the registry's decisions), and the
// program (components/program.ts) stays small, with no test seams (tests hand the run their reads).
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { GUARDS } from "../../../run/guards";

const ROOT = path.resolve(__dirname, "../../..");
const GUARD_DIR = path.join(ROOT, "run/guards");
const FRAME = new Set(["guard.ts", "index.ts"]);
const guardFiles = fs
  .readdirSync(GUARD_DIR)
  .filter((f) => f.endsWith(".ts") && !FRAME.has(f))
  .sort();

function productionFiles(dir = ROOT, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    const rel = path.relative(ROOT, abs).split(path.sep).join("/");
    if (
      e.name.startsWith(".") ||
      e.name === "node_modules" ||
      ["test", "sdks", "docs", "flows", "routing", "scenarios"].includes(rel)
    )
      continue;
    if (e.isDirectory()) productionFiles(abs, out);
    else if (/\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

test("every file under run/guards/ (but the frame) registers exactly one guard, and every guard is registered once", async () => {
  const registered = new Map<unknown, string>();
  for (const file of guardFiles) {
    const mod = (await import(path.join(GUARD_DIR, file))) as Record<string, unknown>;
    const guards = Object.values(mod).filter(
      (v): v is { name: string; decide: unknown } =>
        typeof v === "object" && v !== null && "decide" in v && "name" in v,
    );
    expect({ file, guards: guards.length }).toEqual({ file, guards: 1 });
    registered.set(guards[0], file);
  }
  expect(GUARDS.map((g) => registered.get(g))).toEqual(expect.arrayContaining(guardFiles));
  expect(GUARDS).toHaveLength(guardFiles.length);
  expect(new Set(GUARDS.map((g) => g.name)).size).toBe(GUARDS.length);
});

test("every guard has its test", () => {
  for (const file of guardFiles)
    expect({ file, test: fs.existsSync(path.join(__dirname, file.replace(/\.ts$/, ".test.ts"))) }).toEqual({
      file,
      test: true,
    });
});

test("no production file outside run/guards/ imports a guard's file but for its types", () => {
  const offenders: string[] = [];
  for (const file of productionFiles()) {
    if (file.startsWith("run/guards/")) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest);
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), st.moduleSpecifier.text));
      const m = /^run\/guards\/([^/]+)$/.exec(target);
      if (!m || FRAME.has(`${m[1]}.ts`) || m[1] === "index") continue;
      if (!st.importClause?.isTypeOnly) offenders.push(`${file} imports ${target}`);
    }
  }
  expect(offenders).toEqual([]);
});

// 120 lines on the unformatted tree (issue 80), restated times 1.25 on the formatted one (issue 99:
// functionLengths.test.ts says why).
test("the program only validates and wires: at most 150 formatted lines, no test seams", () => {
  const text = fs.readFileSync(path.join(ROOT, "components/program.ts"), "utf8");
  expect(text.split("\n").length).toBeLessThanOrEqual(150);
  expect(text).not.toMatch(/ProgramOptions|options\.\w+/);
});
