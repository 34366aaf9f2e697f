// The real Archy exports (../shared/archy-corpus, relative to the repository root) and the invalid
// fixtures (test/fixtures/archy-invalid), as the Archy tests read them. The corpus is read at run
// time and never copied into the repository.
import { existsSync, readdirSync, readFileSync } from "fs";
import { join, resolve } from "path";

export const REPO_ROOT = resolve(__dirname, "..", "..", "..");
export const CORPUS_DIR = resolve(REPO_ROOT, "..", "shared", "archy-corpus");
export const INVALID_DIR = join(REPO_ROOT, "test", "fixtures", "archy-invalid");
export const CORPUS_ORG_FILE = join(REPO_ROOT, "emulator", "orgs", "corpus-org.yaml");

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
  /** The text with its placeholders filled. */
  text: string;
  /** The single top-level key: inboundCall, commonModule, ... */
  flowType: string;
}

/** Every corpus file, sorted by name; throws a message naming the folder when it is absent. */
export function readCorpus(): CorpusFile[] {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(`the Archy corpus folder is absent: ${CORPUS_DIR} (expected ../shared/archy-corpus next to the repository)`);
  }
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`the Archy corpus folder ${CORPUS_DIR} holds no .yaml files`);
  return files.map((file) => {
    const text = fillPlaceholders(readFileSync(join(CORPUS_DIR, file), "utf8"), file);
    return { file, text, flowType: /^([A-Za-z]+):/m.exec(text)?.[1] ?? "" };
  });
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
      if (!category || !m || !/^# What is wrong: /m.test(text) || !/^# Why Genesys refuses it: /m.test(text)) {
        throw new Error(`${file}: a fixture starts with "# What is wrong:", "# Why Genesys refuses it:", "# category:" and "# expect: <rule> at <path> line <n>" lines`);
      }
      return { file, text, category, expect: { rule: m[1], path: m[2], line: Number(m[3]) } };
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
};
