// Real Archy exports for the tiers that read them (the exports and mutation tiers): the folders
// named by the setting GENESYS_FLOWS_CORPUS, a path list separated by ':' (`.ci/run` points it at
// ../shared/archy-corpus and ../shared/archy-corpus-2 when they are there). Nothing outside the
// repository is read without it, and `npm test` passes without it. The exports are read at run
// time and never copied into the repository; tests never assume how many files the folders hold.
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import YAML from "yaml";
import { exportFiles } from "../exportCheck/run";
import { fillExportPlaceholders } from "../exportCheck/placeholders";
import { cmp } from "../archy/json";

export const CORPUS_SETTING = "GENESYS_FLOWS_CORPUS";
export const REPO_ROOT = resolve(__dirname, "..");
/** The org the public exports expect: every object they name (emulator/orgs/corpus-org.yaml). */
export const CORPUS_ORG_FILE = join(REPO_ROOT, "emulator", "orgs", "corpus-org.yaml");
export const NOT_EXPORTS_FILE = join(REPO_ROOT, "test", "fixtures", "corpus-not-exports.yaml");
/** The repository's own exports, written for the tests (test/fixtures/exports/README.md), and the org they expect. */
export const OWN_EXPORTS = join(REPO_ROOT, "test", "fixtures", "exports", "good");
export const OWN_EXPORTS_ORG_FILE = join(REPO_ROOT, "test", "fixtures", "exports", "org.yaml");

/** What a tier given no corpus says, once. */
export const NO_CORPUS = `no real exports given: set ${CORPUS_SETTING} to folders of Archy exports separated by ':' (e.g. ${CORPUS_SETTING}=../shared/archy-corpus:../shared/archy-corpus-2 npm test)`;

/** The folders the setting names (none when it is unset or empty); a folder that is not there is an error naming the setting. */
export function corpusFolders(env: NodeJS.ProcessEnv = process.env): string[] {
  const folders = (env[CORPUS_SETTING] ?? "")
    .split(":")
    .filter((f) => f.trim() !== "")
    .map((f) => resolve(f));
  for (const f of folders) {
    if (!existsSync(f) || !statSync(f).isDirectory())
      throw new Error(`${CORPUS_SETTING} names ${f}, which is not a folder`);
  }
  return folders;
}

/**
 * Values that tie the public exports together: a module and the flow calling it must agree on its
 * name, and a division placeholder needs a real one. A defaultLanguage placeholder is filled as
 * check-exports fills it for anyone (exportCheck/placeholders.ts: the flow's first supported
 * language). Every other placeholder is filled with its own key (`{{queue_name}}` -> `queue_name`),
 * which emulator/orgs/corpus-org.yaml declares.
 */
export const CORPUS_VALUES: Readonly<Record<string, string>> = {
  module_name: "Corpus Resolve Contact",
  common_module_name: "Corpus Resolve Contact",
  division: "Home",
  home_division_name: "Home",
};

export interface CorpusFile {
  file: string;
  /** The folder it comes from. */
  folder: string;
  /** The text with its placeholders filled as check-exports fills them (exportCheck/placeholders.ts). */
  text: string;
  /** The single top-level key: inboundCall, commonModule, ... */
  flowType: string;
}

/** Every export of `folders` (default: the setting's), sorted by file name. */
export function readCorpus(folders: readonly string[] = corpusFolders()): CorpusFile[] {
  const out = exportFiles(folders, REPO_ROOT).map((abs) => {
    const file = basename(abs);
    const text = fillExportPlaceholders(readFileSync(abs, "utf8"), file, CORPUS_VALUES);
    return { file, folder: basename(resolve(abs, "..")), text, flowType: /^([A-Za-z]+):/m.exec(text)?.[1] ?? "" };
  });
  return out.sort((a, b) => cmp(a.file, b.file));
}

export interface NotAnExport {
  file: string;
  /** Certain findings the file must be refused with: rule, YAML path and line. */
  refusedWith: Array<{ rule: string; path: string; line: number }>;
}

/** Files of the public corpus that are not flows Genesys publishes, with the findings that refuse them (test/fixtures/corpus-not-exports.yaml). */
export function readNotExports(): NotAnExport[] {
  const list = YAML.parse(readFileSync(NOT_EXPORTS_FILE, "utf8")) as Array<{ file: string; refusedWith: string[] }>;
  return list.map((e) => ({
    file: e.file,
    refusedWith: e.refusedWith.map((r) => {
      const m = /^([a-z-]+) at (\S+) line (\d+)$/.exec(r);
      if (!m) throw new Error(`${NOT_EXPORTS_FILE}: "${r}" is not "<rule> at <path> line <n>"`);
      return { rule: m[1], path: m[2], line: Number(m[3]) };
    }),
  }));
}
