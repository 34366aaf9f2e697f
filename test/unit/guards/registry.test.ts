// Guards are units (run/guards/guard.ts): each one file, under run/guards/ or in its feature's
// folder (run/<feature>/guard.ts, run/<feature>/<name>Guard.ts), registered once in
// run/guards/index.ts, with its own test (test/unit/guards/<name>.test.ts, or
// test/unit/<feature>/<name>.test.ts). Adding a guard touches no other production file but the
// registry: no production file outside its folder imports a guard's file for anything but its types
// (what the program wires with comes through the registry's decisions), and the program
// (components/program.ts) stays small, with no test seams (tests hand the run their reads).
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { GUARDS, REPORTS } from "../../../run/guards";
import { VERIFY_PARTS } from "../../../run/verifyParts";

const ROOT = path.resolve(__dirname, "../../..");
const GUARD_DIR = path.join(ROOT, "run/guards");
const FRAME = new Set(["guard.ts", "index.ts", "reportPart.ts"]);
/** The features' folders on the run's floor (run/<feature>/): every folder of run/ but the guards'. */
const FEATURES = fs
  .readdirSync(path.join(ROOT, "run"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== "guards")
  .map((e) => e.name);
/** Every guard's file, from run/: guards/<name>.ts and <feature>/guard.ts or <feature>/<name>Guard.ts. */
const guardFiles = [
  ...fs
    .readdirSync(GUARD_DIR)
    .filter((f) => f.endsWith(".ts") && !FRAME.has(f))
    .map((f) => `guards/${f}`),
  ...FEATURES.flatMap((d) =>
    fs
      .readdirSync(path.join(ROOT, "run", d))
      .filter((f) => /^guard\.ts$|Guard\.ts$/.test(f))
      .map((f) => `${d}/${f}`),
  ),
].sort();

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
    const mod = (await import(path.join(ROOT, "run", file))) as Record<string, unknown>;
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
    expect({ file, test: fs.existsSync(path.join(__dirname, "..", file.replace(/\.ts$/, ".test.ts"))) }).toEqual({
      file,
      test: true,
    });
});

test("no production file outside a guard's folder imports its file but for its types", () => {
  const offenders: string[] = [];
  const guards = new Set(guardFiles.map((f) => `run/${f.replace(/\.ts$/, "")}`));
  for (const file of productionFiles()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest);
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), st.moduleSpecifier.text));
      const registry = file === "run/guards/index.ts";
      if (!guards.has(target) || registry || path.posix.dirname(target) === path.posix.dirname(file)) continue;
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

test("no feature imports another feature's files, and the frame (the run, its reads, the guard frame) imports none", () => {
  const frame = [
    "run/stackRun.ts",
    "run/runIo.ts",
    "run/perRun.ts",
    "run/flowChanges.ts",
    "run/guards/guard.ts",
    "run/guards/reportPart.ts",
    "run/verifyPart.ts",
  ];
  const featureOf = (f: string) => /^run\/([^/]+)\//.exec(f)?.[1];
  const crossing: string[] = [];
  for (const file of productionFiles().filter((f) => f.startsWith("run/"))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), "utf8"), ts.ScriptTarget.Latest);
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), st.moduleSpecifier.text));
      const to = featureOf(target);
      if (to === undefined || !FEATURES.includes(to)) continue;
      const from = featureOf(file);
      if (frame.includes(file) || (from !== undefined && FEATURES.includes(from) && from !== to))
        crossing.push(`${file} imports ${target}`);
    }
  }
  expect(FEATURES).toEqual(expect.arrayContaining(["objects", "ownership", "people", "waves"]));
  expect(crossing).toEqual([]);
});

test("the run keeps only its own reads: run/stackRun.ts is at most 130 lines", () => {
  expect(fs.readFileSync(path.join(ROOT, "run/stackRun.ts"), "utf8").trimEnd().split("\n").length).toBeLessThanOrEqual(
    130,
  );
});

/** Each feature's pure folder (its decisions, no I/O), below the run's floor. */
const PURE: Record<string, string> = {
  objects: "planner/objects",
  ownership: "ownership",
  people: "verify/people",
  waves: "planner/waves",
};

test("every feature on the run's floor has one pure folder: no I/O, no run/ file, no other feature's pure folder", () => {
  expect(Object.keys(PURE).sort()).toEqual([...FEATURES].sort());
  const offenders: string[] = [];
  const files = productionFiles();
  for (const [feature, folder] of Object.entries(PURE)) {
    const own = files.filter((f) => f.startsWith(`${folder}/`) && !f.slice(folder.length + 1).includes("/"));
    expect({ feature, files: own.length > 0 }).toEqual({ feature, files: true });
    for (const file of own) {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const ref of ts.preProcessFile(text, true, true).importedFiles.map((r) => r.fileName)) {
        const target = ref.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)) : ref;
        const io =
          /^(node:)?(fs|child_process|net|http|https|fs\/promises)$/.test(ref) ||
          /^(run|engine|org\/client)/.test(target);
        const other = Object.entries(PURE).find(([f, d]) => f !== feature && target.startsWith(`${d}/`));
        if (io || other) offenders.push(`${file} imports ${target}`);
      }
    }
  }
  expect(offenders).toEqual([]);
});

test("a feature's report lines are registered once, by the feature's name, and in its own folder", () => {
  const names = REPORTS.map((r) => r.name);
  expect(new Set(names).size).toBe(names.length);
  expect(names.filter((n) => !FEATURES.includes(n))).toEqual([]);
  const outside = productionFiles()
    .filter((f) => f.startsWith("run/") && !f.startsWith("run/waves/"))
    .filter((f) => /\bwavesAccount\b/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
  expect(outside).toEqual([]);
});

test("a feature's part of verify is its folder's verify.ts, registered once; verify imports no feature's files", async () => {
  const names = VERIFY_PARTS.map((p) => p.name);
  expect(new Set(names).size).toBe(names.length);
  const withPart = FEATURES.filter((f) => fs.existsSync(path.join(ROOT, "run", f, "verify.ts")));
  expect([...names].sort()).toEqual(withPart.sort());
  for (const part of VERIFY_PARTS) {
    const mod = (await import(path.join(ROOT, "run", part.name, "verify.ts"))) as Record<string, unknown>;
    expect({ part: part.name, inItsFile: Object.values(mod).includes(part) }).toEqual({
      part: part.name,
      inItsFile: true,
    });
  }
  const text = fs.readFileSync(path.join(ROOT, "run/verifyStack.ts"), "utf8");
  const targets = ts
    .preProcessFile(text, true, true)
    .importedFiles.map((r) => path.posix.normalize(path.posix.join("run", r.fileName)));
  const features = [...FEATURES.map((f) => `run/${f}/`), ...Object.values(PURE).map((d) => `${d}/`)];
  expect(targets.filter((t) => features.some((f) => t.startsWith(f)))).toEqual([]);
});
