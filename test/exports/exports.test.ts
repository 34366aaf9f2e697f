// The real-export tier: `genesys-flows check-exports` (exportCheck/) over the folders the setting
// GENESYS_FLOWS_CORPUS names (`.ci/run` gives it ../shared/archy-corpus and archy-corpus-2), with the
// org those public exports expect (emulator/orgs/corpus-org.yaml) and the values that tie them
// together (testkit/corpus.ts). Without the setting the tier says so in one line
// (testkit/corpusNotice.ts) and runs on the repository's own exports (test/fixtures/exports/good,
// with their org file). For every export:
//   - it imports, lints with no finding at all, compiles back keeping its action kinds, and publishes
//     (itself and compiled back) in default mode and in strict mode with the org file; the files
//     test/fixtures/corpus-not-exports.yaml lists (hand-written, not exports) are refused instead,
//     in default mode, with the certain findings it names, and by the import at one of their lines;
//   - import then compile keeps every action, by check-exports' one comparison (exportCheck/actionKinds.ts):
//     the same action kinds in the same numbers, loops (loop, loopNext) included, and the same data
//     actions called, over these exports and the repository's own (test/fixtures/exports good and roundtrip);
//   - importing and compiling are deterministic (same input, same bytes);
//   - every expression parses and type-checks against its flow;
//   - the compiler's fidelity evidence (compiler/fidelity-evidence.yaml) holds for the exports it
//     cites that are here, and no exception (compiler/fidelity-exceptions.yaml) is shown by them;
//     UPDATE_GOLDEN=1 rewrites the evidence from these exports (review the diff).
// The tests never assume how many exports there are. Each prints its figure.
import { writeFileSync } from "node:fs";
import { checkExpression } from "../../archy/expressions";
import { documentTypeEnv } from "../../archy/validate";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { EXPORTS } from "../../archy/catalogue/exports";
import { checkExports } from "../../exportCheck/run";
import type { ExportResult, ExportsReport } from "../../exportCheck/report";
import { compileStep, importedSource, importStep } from "../../exportCheck/steps";
import { actionCounts, choiceCounts, type Doc } from "../../exportCheck/actionKinds";
import { join } from "node:path";
import { importArchyText } from "../../import";
import { readYaml } from "../../model/yamlReader";
import { parseFlowText } from "../../model/load";
import { keyPathsOf } from "../../testkit/archyKeyPaths";
import {
  compiledFixtures,
  emittedKeys,
  EVIDENCE_FILE,
  evidenceText,
  keysOf,
  readEvidence,
  readExceptions,
} from "../../testkit/compilerKeys";
import {
  CORPUS_ORG_FILE,
  CORPUS_VALUES,
  corpusFolders,
  OWN_EXPORTS,
  OWN_EXPORTS_ORG_FILE,
  readCorpus,
  readNotExports,
  type CorpusFile,
} from "../../testkit/corpus";

// check-exports publishes every export four times (about 140 exports in the public corpus).
jest.setTimeout(600_000);

const given = corpusFolders();
const folders = given.length > 0 ? given : [OWN_EXPORTS];
const notExports = new Map(readNotExports().map((n) => [n.file, n]));
const exportsRead: CorpusFile[] = readCorpus(folders);
const realExports = exportsRead.filter((f) => !notExports.has(f.file));
const baseName = (r: ExportResult): string => r.file.split("/").pop()!;

describe(`check-exports over ${given.length > 0 ? given.join(", ") : "the repository's own exports"}`, () => {
  let report: ExportsReport;
  beforeAll(async () => {
    report = await checkExports({
      inputs: folders,
      cwd: process.cwd(),
      orgFile: given.length > 0 ? CORPUS_ORG_FILE : OWN_EXPORTS_ORG_FILE,
      values: CORPUS_VALUES,
    });
  });

  it("every export passes every step, with no lint finding at all; the listed non-exports are refused at their findings", () => {
    const t = report.totals;
    console.log(
      `check-exports: ${t.files} exports, ${t.passed} passed; actions ${t.typed} typed (${((t.typed * 100) / (t.typed + t.raw)).toFixed(1)}%), ${t.raw} raw; ` +
        `publish of the export ${t.steps.exportDefault} default / ${t.steps.exportStrict} strict, compiled back ${t.steps.compiledDefault} / ${t.steps.compiledStrict}`,
    );
    expect(report.files.length).toBe(exportsRead.length);
    expect(report.files.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const r of report.files) {
      const listed = notExports.get(baseName(r));
      if (listed) {
        const errors = r.publishExport.default.problems;
        const missing = listed.refusedWith.filter(
          (f) => !errors.some((p) => p.rule === f.rule && p.line === f.line && p.message.includes(`(at ${f.path})`)),
        );
        if (missing.length > 0) failures.push(`${r.file} (not an export): not refused with ${JSON.stringify(missing)}`);
        if (!r.import.problems.some((p) => p.line !== undefined && listed.refusedWith.some((f) => f.line === p.line)))
          failures.push(
            `${r.file} (not an export): the import did not refuse it at a listed line: ${JSON.stringify(r.import.problems)}`,
          );
        continue;
      }
      if (!r.ok)
        failures.push(
          `${r.file}: ${JSON.stringify([r.import, r.lint, r.compile, r.publishExport, r.publishCompiled].flatMap((s) => ("problems" in s ? s.problems : [...s.default.problems, ...s.strict.problems])))}`,
        );
      if (r.lint.warnings.length > 0)
        failures.push(
          `${r.file}: lint: ${r.lint.warnings.map((w) => `${w.rule} line ${w.line}: ${w.message}`).join(" | ")}`,
        );
    }
    expect(failures).toEqual([]);
  });

  it("the import types at least 74% of the actions (76.0% on both public corpus folders when written)", () => {
    // A floor against regressions: what stays raw is named in the README (Import Archy) and in
    // check-exports' report, each action with why.
    const t = report.totals;
    expect(t.typed / (t.typed + t.raw)).toBeGreaterThanOrEqual(0.74);
  });
});

describe("the exports, read again", () => {
  it("import then compile keeps every action: the same kinds and numbers, loops included, the same data actions called and menu choices by kind", () => {
    const own = readCorpus([OWN_EXPORTS, join(__dirname, "..", "fixtures", "exports", "roundtrip")]);
    const files = given.length > 0 ? [...realExports, ...own] : own;
    const totals = { actions: 0, loops: 0, loopNext: 0, dataActionCalls: 0, choices: 0, defaults: 0 };
    const failures: string[] = [];
    for (const f of files) {
      const { step, result } = importStep(f.file, f.text);
      if (result === undefined) {
        failures.push(`${f.file}: ${step.problems.map((p) => p.message).join("; ")}`);
        continue;
      }
      const exported = parseArchyYaml(f.text) as Doc;
      const { step: compile } = compileStep(f.file, importedSource(result, f.file), f.text, exported);
      for (const p of compile.problems)
        failures.push(`${f.file}${p.line !== undefined ? ` line ${p.line}` : ""}: ${p.message}`);
      for (const [key, n] of Object.entries(actionCounts(exported))) {
        totals[key.includes(" ") ? "dataActionCalls" : "actions"] += n;
        if (key === "loop") totals.loops += n;
        if (key === "loopNext") totals.loopNext += n;
      }
      for (const [key, n] of Object.entries(choiceCounts(exported))) {
        if (key.startsWith("menu")) totals.choices += n;
        if (key === "defaultChildMenuRef") totals.defaults += n;
      }
    }
    console.log(
      `round trip: ${files.length} exports (${own.length} of the repository's own), ${totals.actions} actions with ${totals.loops} loops, ${totals.loopNext} loopNext and ${totals.dataActionCalls} data action calls, ${totals.choices} menu choices and ${totals.defaults} default choices compared: ${failures.length} differences`,
    );
    expect(failures).toEqual([]);
    expect(totals.loopNext).toBeGreaterThan(0);
    expect(totals.dataActionCalls).toBeGreaterThan(0);
  });

  it("importing and compiling back are deterministic", () => {
    const failures: string[] = [];
    for (const f of realExports) {
      const once = importedSource(importArchyText(f.text, { source: f.file }), f.file);
      const twice = importedSource(importArchyText(f.text, { source: f.file }), f.file);
      if (once.text !== twice.text) failures.push(`${f.file}: importing twice wrote different files`);
      const flow = parseFlowText(once.text, once.file);
      const compile = () => compileFlow(flow, { publishedName: flow.model.name, modules: new Map() });
      const [first, second] = [compile(), compile()];
      if (first !== second) failures.push(`${f.file}: compiling twice gave different files`);
    }
    expect(failures).toEqual([]);
  });

  it("every expression of every export parses and type-checks against its flow", () => {
    let count = 0;
    const failures: string[] = [];
    for (const file of realExports) {
      const read = readYaml(file.text);
      if (!read.ok) throw new Error(`${file.file} does not parse`);
      const flowEnv = documentTypeEnv(read.value)!;
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(visit);
        if (typeof v !== "object" || v === null || Array.isArray(v)) return;
        for (const [k, c] of Object.entries(v)) {
          // An empty expression sits only inside structures the catalogue does not describe (digital bot choosers); the validator leaves those alone.
          if (k === "exp" && typeof c === "string" && c !== "") {
            count++;
            const errors = checkExpression(c, flowEnv).problems;
            if (errors.length > 0)
              failures.push(`${file.file}: ${JSON.stringify(c)}: ${errors.map((e) => e.message).join("; ")}`);
          } else visit(c);
        }
      };
      visit(read.value);
    }
    console.log(`expressions of the exports: ${count - failures.length}/${count} accepted`);
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(0);
  });
});

/** The public source an export names on its first line (`# source: <url>`), as the catalogue cites it. */
function sourceOf(text: string): string | undefined {
  const url = /^# source: (\S.*?)(?:\s{2}\(|$)/m.exec(text)?.[1];
  if (url === undefined) return undefined;
  const id = Object.entries(EXPORTS).find(([, u]) => decodeURIComponent(u) === decodeURIComponent(url))?.[0];
  return id ?? url.replace(/ /g, "%20");
}

describe("the compiler's fidelity evidence", () => {
  const emitted = emittedKeys(compiledFixtures().compiled);
  const shown = new Map(realExports.map((f) => [f, keysOf(keyPathsOf(parseArchyYaml(f.text)))]));

  it("every key the evidence cites an export for is shown by that export, where it is here", () => {
    if (process.env.UPDATE_GOLDEN === "1") {
      const excepted = new Set(readExceptions().flatMap((e) => e.keys));
      const evidence = new Map<string, string[]>();
      for (const [f, keys] of shown) {
        const source = sourceOf(f.text) ?? f.file;
        for (const key of [...keys].filter((k) => emitted.has(k) && !excepted.has(k))) {
          const cited = evidence.get(key) ?? [];
          if (cited.length < 2 && !cited.includes(source)) evidence.set(key, [...cited, source]);
        }
      }
      writeFileSync(EVIDENCE_FILE, evidenceText(evidence));
    }
    const bySource = new Map(
      [...shown].flatMap(([f, keys]) => (sourceOf(f.text) !== undefined ? [[sourceOf(f.text)!, keys] as const] : [])),
    );
    const wrong: string[] = [];
    let checked = 0;
    for (const [key, sources] of readEvidence()) {
      for (const s of sources.filter((x) => bySource.has(x))) {
        checked++;
        if (!bySource.get(s)!.has(key)) wrong.push(`${key}: ${s} does not show it`);
      }
    }
    console.log(`fidelity evidence: ${checked} citations checked against the exports here`);
    expect(wrong).toEqual([]);
  });

  it("no exception is a key these exports show (it belongs in the evidence: UPDATE_GOLDEN=1)", () => {
    const all = new Set([...shown.values()].flatMap((k) => [...k]));
    expect(
      readExceptions()
        .flatMap((e) => e.keys)
        .filter((k) => all.has(k)),
    ).toEqual([]);
  });
});
