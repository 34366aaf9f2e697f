// The real Archy exports (../shared/archy-corpus and ../shared/archy-corpus-2, relative to the
// repository root) and the invalid fixtures (test/fixtures/archy-invalid), as the Archy tests read
// them. The corpus is read at run time and never copied into the repository; tests never assume
// how many files it holds.
import { existsSync, readdirSync, readFileSync } from "fs";
import { basename, join, resolve } from "path";
import YAML from "yaml";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..");
export const CORPUS_DIRS = [resolve(REPO_ROOT, "..", "shared", "archy-corpus"), resolve(REPO_ROOT, "..", "shared", "archy-corpus-2")];
export const INVALID_DIR = join(REPO_ROOT, "test", "fixtures", "archy-invalid");
export const CORPUS_ORG_FILE = join(REPO_ROOT, "emulator", "orgs", "corpus-org.yaml");
export const NOT_EXPORTS_FILE = join(REPO_ROOT, "test", "fixtures", "corpus-not-exports.yaml");

export interface NotAnExport {
  file: string;
  /** Certain findings the file must be refused with: rule, YAML path and line. */
  refusedWith: Array<{ rule: string; path: string; line: number }>;
}

/** The corpus files that are not flows Genesys publishes, with the findings that refuse them (test/fixtures/corpus-not-exports.yaml). */
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

/**
 * Values that tie corpus files together: a module and the flow calling it must agree on its name.
 * Every other placeholder is filled with its own key (`{{queue_name}}` -> `queue_name`), which is
 * what emulator/orgs/corpus-org.yaml declares.
 */
const SHARED_VALUES: Readonly<Record<string, string>> = {
  module_name: "Corpus Resolve Contact",
  common_module_name: "Corpus Resolve Contact",
  default_language: "en-us",
  language: "en-us",
  division: "Home",
  home_division_name: "Home",
};

/**
 * Fill `{{key}}` placeholders textually (before parsing, as the provider does). With `file`, a
 * placeholder that is the flow's own name (`  name: {{flow_name}}` right under the flow type) gets a
 * value of its own per file: many exports are named `{{flow_name}}`, and publishing upserts by type
 * and name, so they would otherwise overwrite each other.
 */
export function fillPlaceholders(text: string, file?: string): string {
  let out = text;
  if (file !== undefined) {
    out = out.replace(/^(\w+:\r?\n(?:(?: {2}.*|\s*)\r?\n)*? {2}name: "?)\{\{([^{}\s]+)\}\}/m, (_m, head: string, key: string) =>
      Object.hasOwn(SHARED_VALUES, key) ? `${head}${SHARED_VALUES[key]}` : `${head}${key} (${file.replace(/\.ya?ml$/, "")})`,
    );
  }
  return out.replace(/\{\{([^{}\s]+)\}\}/g, (_m, key: string) => SHARED_VALUES[key] ?? key);
}

export interface CorpusFile {
  file: string;
  /** The folder it comes from (archy-corpus, archy-corpus-2). */
  folder: string;
  /** The text with its placeholders filled. */
  text: string;
  /** The single top-level key: inboundCall, commonModule, ... */
  flowType: string;
}

/** Every file of both corpus folders, sorted by name; throws a message naming a folder that is absent or empty. */
export function readCorpus(): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const dir of CORPUS_DIRS) {
    if (!existsSync(dir)) throw new Error(`the Archy corpus folder is absent: ${dir} (expected ../shared/${basename(dir)} next to the repository)`);
    const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    if (files.length === 0) throw new Error(`the Archy corpus folder ${dir} holds no .yaml files`);
    for (const file of files) {
      const text = fillPlaceholders(readFileSync(join(dir, file), "utf8"), file);
      out.push({ file, folder: basename(dir), text, flowType: /^([A-Za-z]+):/m.exec(text)?.[1] ?? "" });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Publish order: modules first, then bots (callers need both published). */
export function publishOrder(files: CorpusFile[]): CorpusFile[] {
  const rank = (f: CorpusFile): number => (f.flowType === "commonModule" ? 0 : f.flowType === "botFlow" || f.flowType === "digitalBot" ? 1 : 2);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
}

export interface InvalidFixture {
  file: string;
  text: string;
  category: string;
  /** The finding that must be among the errors. */
  expect: { rule: string; path?: string; line: number };
  /** The finding's verdict: invalid (an error everywhere) or unknown (a warning, an error in strict mode). */
  verdict: "invalid" | "unknown";
}

/** The crafted invalid flows; each says what is wrong, why Genesys refuses it and what to expect. */
export function readInvalidFixtures(): InvalidFixture[] {
  return readdirSync(INVALID_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(INVALID_DIR, file), "utf8");
      const category = /^# category: (\S+)$/m.exec(text)?.[1];
      const m = /^# expect: ([a-z-]+) at (?:(\S+) )?line (\d+)$/m.exec(text);
      const verdict = /^# verdict: (invalid|unknown)$/m.exec(text)?.[1] as "invalid" | "unknown" | undefined;
      if (!category || !m || !verdict || !/^# What is wrong: /m.test(text) || !/^# Why Genesys refuses it: /m.test(text)) {
        throw new Error(`${file}: a fixture starts with "# What is wrong:", "# Why Genesys refuses it:", "# category:", "# expect: <rule> at <path> line <n>" and "# verdict: invalid|unknown" lines`);
      }
      return { file, text, category, expect: { rule: m[1], path: m[2], line: Number(m[3]) }, verdict };
    });
}

/** The categories the "Why" lists, each with the fixtures that cover it. */
export const WHY_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  "an unknown action key (playAudioo)": ["unknown-action-key.yaml", "unknown-action-key-in-path.yaml"],
  "an expression with an undeclared variable": ["undeclared-variable.yaml", "undeclared-task-variable.yaml", "state-variable-in-call-flow.yaml"],
  "inbound-call actions under an inboundEmail key": ["call-actions-in-email-flow.yaml", "menus-in-email-flow.yaml"],
  'globalDtmf: "sometimes"': ["global-dtmf-not-boolean.yaml"],
  "asrEnabledOnFlow: 42": ["asr-enabled-not-boolean.yaml"],
  "a task with no name": ["task-without-name.yaml", "state-without-name.yaml"],
  "ttx: in place of tts:": ["ttx-instead-of-tts.yaml", "expr-instead-of-exp.yaml"],
  "an unknown flow-level settings key": ["unknown-settings-key.yaml", "unknown-settings-key-workflow.yaml"],
  "transferToAcd inside a workflow": ["transfer-to-acd-in-workflow.yaml", "disconnect-in-workflow.yaml"],
  "a malformed expression": ["malformed-expression-parenthesis.yaml", "malformed-expression-dangling-operator.yaml"],
  "a workflow with no startUpRef": ["workflow-without-startupref.yaml"],
  "a YAML syntax error (located at the fault)": ["yaml-unclosed-quote.yaml"],
  "a flow missing its name (located at the flow, not a nested name)": ["flow-without-name.yaml"],
  "a type error Architect's typed expressions make certain (text into an integer)": ["text-to-integer-variable.yaml", "expression-wrong-type.yaml"],
};
