// The crafted invalid flows (test/fixtures/archy-invalid): each says what is wrong, why Genesys
// refuses it, its category, the finding to expect (rule, YAML path, line) and its verdict. Read by
// the Archy validator's unit tests and the emulator tier's publishes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./corpus";

export const INVALID_DIR = join(REPO_ROOT, "test", "fixtures", "archy-invalid");

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
      if (
        !category ||
        !m ||
        !verdict ||
        !/^# What is wrong: /m.test(text) ||
        !/^# Why Genesys refuses it: /m.test(text)
      ) {
        throw new Error(
          `${file}: a fixture starts with "# What is wrong:", "# Why Genesys refuses it:", "# category:", "# expect: <rule> at <path> line <n>" and "# verdict: invalid|unknown" lines`,
        );
      }
      return { file, text, category, expect: { rule: m[1], path: m[2], line: Number(m[3]) }, verdict };
    });
}

/** The categories the "Why" lists, each with the fixtures that cover it. */
export const WHY_CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  "an unknown action key (playAudioo)": ["unknown-action-key.yaml", "unknown-action-key-in-path.yaml"],
  "an expression with an undeclared variable": [
    "undeclared-variable.yaml",
    "undeclared-task-variable.yaml",
    "state-variable-in-call-flow.yaml",
  ],
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
  "a type error Architect's typed expressions make certain (text into an integer)": [
    "text-to-integer-variable.yaml",
    "expression-wrong-type.yaml",
  ],
};
