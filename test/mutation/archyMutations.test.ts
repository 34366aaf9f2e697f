// The mutation tier: every real export of the folders GENESYS_FLOWS_CORPUS names (testkit/corpus.ts;
// `.ci/run` gives it ../shared/archy-corpus and archy-corpus-2) and of the repository's own exports
// (test/fixtures/exports/good), except the listed hand-written non-exports, changed in one place at a time
// (testkit/archyMutations.ts). A certain fault is refused at its line in default and in
// strict mode; a name the catalogue lacks is a warning at its line in default mode (with no error
// anywhere) and an error in strict mode. The validator is the one import, lint, the policy pack
// and the emulator share (archy/validate/).
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { validateArchyDocument, type ArchyFinding as Finding, type ValidateOptions } from "../../archy/validate";
import { parseOrgFile } from "../../project/orgFile";
import { OrgObjects } from "../../emulator/orgObjects";
import { readYaml } from "../../model/yamlReader";
import {
  INVALID_MUTATIONS,
  mutationsOf,
  UNKNOWN_MUTATIONS,
  type Mutation,
  type MutationName,
} from "../../testkit/archyMutations";
import { CORPUS_ORG_FILE, corpusFolders, OWN_EXPORTS, readCorpus, readNotExports } from "../../testkit/corpus";

function validate(text: string, opts: ValidateOptions): Finding[] {
  const read = readYaml(text);
  if (!read.ok) throw new Error(`the mutated text does not parse: ${JSON.stringify(read.problems)}`);
  return validateArchyDocument(read.value, { locate: (p) => read.locator.locate(p), ...opts });
}

const notExports = new Set(readNotExports().map((n) => n.file));
const corpus = readCorpus([...corpusFolders(), OWN_EXPORTS]).filter((f) => !notExports.has(f.file));
const org = new OrgObjects(parseOrgFile(readFileSync(CORPUS_ORG_FILE, "utf8"), CORPUS_ORG_FILE)).catalog;
// The bots the corpus publishes itself, by API type, as the corpus tier has them.
const published = new Map(
  corpus
    .filter((f) => f.flowType === "botFlow" || f.flowType === "digitalBot")
    .map((f) => [
      (YAML.parse(f.text) as Record<string, { name: string }>)[f.flowType].name,
      f.flowType === "botFlow" ? "BOT" : "DIGITALBOT",
    ]),
);
const STRICT: ValidateOptions = {
  org,
  strict: true,
  flowExists: (name, types) => published.has(name) && (types ?? []).includes(published.get(name)!),
};

const at = (m: Mutation) => (f: Finding) =>
  f.rule === m.rule && f.verdict === m.verdict && f.line !== undefined && m.lines.includes(f.line);
const describeFindings = (found: Finding[]) =>
  found.map((f) => `${f.severity} ${f.rule} line ${f.line}: ${f.message}`).join(" | ") || "none";

const mutations = corpus.map((f) => ({ file: f.file, mutations: mutationsOf(f.text, f.file) }));
const applied = new Map<MutationName, number>();
for (const { mutations: ms } of mutations) for (const m of ms) applied.set(m.name, (applied.get(m.name) ?? 0) + 1);

describe("mutations of the real exports", () => {
  it("finds sites for every mutation in the exports", () => {
    for (const name of [...INVALID_MUTATIONS, ...UNKNOWN_MUTATIONS])
      expect([name, applied.get(name) ?? 0]).toEqual([name, expect.any(Number)]);
    // Every kind of mutation applies somewhere; most apply to most files.
    expect([...INVALID_MUTATIONS, ...UNKNOWN_MUTATIONS].filter((n) => (applied.get(n) ?? 0) === 0)).toEqual([]);
    console.log(
      `mutation tier: ${corpus.length} exports; mutations applied: ${[...applied].map(([n, c]) => `${n} ${c}`).join(", ")}`,
    );
  });

  it("a certain fault is refused at its line, in default and in strict mode", () => {
    const failures: string[] = [];
    for (const { file, mutations: ms } of mutations) {
      for (const m of ms.filter((x) => x.verdict === "invalid")) {
        for (const [mode, opts] of [
          ["default", {}],
          ["strict", STRICT],
        ] as const) {
          const found = validate(m.text, opts);
          if (!found.some((f) => at(m)(f) && f.severity === "error"))
            failures.push(
              `${file} ${m.name} (${m.change}), ${mode}: no ${m.rule} error at line ${m.lines.join(" or ")}; found: ${describeFindings(found.filter((f) => f.severity === "error"))}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("a name the catalogue lacks is a warning at its line in default mode, with no error, and an error in strict mode", () => {
    const failures: string[] = [];
    for (const { file, mutations: ms } of mutations) {
      for (const m of ms.filter((x) => x.verdict === "unknown")) {
        const loose = validate(m.text, {});
        if (!loose.some((f) => at(m)(f) && f.severity === "warning"))
          failures.push(
            `${file} ${m.name} (${m.change}), default: no ${m.rule} warning at line ${m.lines.join(" or ")}; found: ${describeFindings(loose)}`,
          );
        const errors = loose.filter((f) => f.severity === "error");
        if (errors.length > 0)
          failures.push(`${file} ${m.name} (${m.change}), default: refused: ${describeFindings(errors)}`);
        const strict = validate(m.text, STRICT);
        if (!strict.some((f) => at(m)(f) && f.severity === "error"))
          failures.push(
            `${file} ${m.name} (${m.change}), strict: no ${m.rule} error at line ${m.lines.join(" or ")}; found: ${describeFindings(strict.filter((f) => f.severity === "error"))}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
