// Hostile flow input: a corpus of malformed and adversarial flow files (test/unit/fixtures/hostile,
// each saying on a "# probes:" line what it probes) plus generated big cases. Every case goes
// through parseFlowText on its own and through planPortfolio as one flow file of a small
// portfolio (the fixture Lookup module and a plain call flow), and must end in one of two ways:
//   - a FlowLoadError whose issues name the hostile file, say something meaningful and point at
//     the place (line and column, or node and field) whenever the problem has one, or
//   - a clean plan whose every published text parses as YAML 1.2 and passes the emulator's
//     Archy validation (the pure validator the emulator's publish jobs run) without an Error.
// Anything else (another exception type, invalid Archy) fails the test; a hang fails it through
// the per-test timeout. The generated cases keep the loader's linear-time guards honest: inputs
// that a quadratic duplicate-key check or alias resolution would take minutes on.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { validateArchy, type ValidationMessage } from "../../emulator/archyValidation";
import { FlowLoadError, type FlowIssue } from "../../model/errors";
import { parseFlowText } from "../../model/load";
import { MAX_FLOW_FILE_BYTES } from "../../model/parse";
import { planPortfolio, type FlowSource, type Portfolio } from "../../planner/portfolio";
import { parseStackSettings } from "../../planner/stackSettings";
import { portfolioTexts } from "../../testkit/fixtureProject";

const FIXTURES = join(__dirname, "fixtures", "hostile");
const MODULE: FlowSource = {
  id: "modules/lookup",
  file: "flows/modules/lookup.yaml",
  text: portfolioTexts().get("flows/modules/lookup.yaml")!,
};
const PLAIN: FlowSource = {
  id: "calls/plain",
  file: "flows/calls/plain.yaml",
  text: `kind: inboundCall
name: Plain
start: Hello
nodes:
  Hello:
    type: playMessage
    prompt: Hello.
    transitions: {next: Bye}
  Bye:
    type: disconnect
`,
};
/** Substitutions of the stack (the placeholder fixtures use them). */
const SUBSTITUTIONS = { brand: "Acme", queue: "Support" };
/** Per-case guard against hangs (the jest-wide default is 5 s; the big cases need more). */
const CASE_TIMEOUT_MS = 60_000;

type Outcome = { kind: "error"; error: FlowLoadError } | { kind: "planned"; portfolio: Portfolio };

/** planPortfolio over the hostile file and the companions; only FlowLoadError is caught. */
function plan(file: string, text: string, substitutions: Record<string, string> = SUBSTITUTIONS): Outcome {
  const settings = parseStackSettings({ environment: "test", namePrefix: "test-", substitutions }, "Pulumi.test.yaml");
  const id = file.replace(/^flows\//, "").replace(/\.ya?ml$/, "");
  try {
    return {
      kind: "planned",
      portfolio: planPortfolio({ stack: "test", settings, sources: [MODULE, PLAIN, { id, file, text }] }),
    };
  } catch (e) {
    if (e instanceof FlowLoadError) return { kind: "error", error: e };
    throw new Error(
      `a hostile flow crashed the planner with ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`,
    );
  }
}

/** parseFlowText on its own: loads, or a FlowLoadError; nothing else. */
function parse(file: string, text: string): FlowLoadError | undefined {
  try {
    parseFlowText(text, file);
    return undefined;
  } catch (e) {
    if (e instanceof FlowLoadError) return e;
    throw new Error(
      `a hostile flow crashed parseFlowText with ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`,
    );
  }
}

function errors(messages: ValidationMessage[]): string[] {
  return messages.filter((m) => m.type === "Error").map((m) => m.text);
}

/** Every published text parses (YAML 1.2 core, unique keys) and passes the emulator's validation. */
function expectValidArchy(portfolio: Portfolio): void {
  const published = new Map<
    string,
    {
      flowId: string;
      name: string;
      versionId: string;
      moduleInterface: NonNullable<ReturnType<typeof validateArchy>["flow"]>["moduleInterface"] & object;
    }
  >();
  // Modules come first in the plan, so callers find them.
  for (const flow of portfolio.flows) {
    const doc = YAML.parseDocument(flow.substitutedYaml, { version: "1.2", schema: "core", uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    const result = validateArchy(flow.substitutedYaml, {
      strict: false,
      findModule: (name) => published.get(name),
      flowExists: () => false,
    });
    expect({ flow: flow.id, errors: errors(result.messages) }).toEqual({ flow: flow.id, errors: [] });
    expect(result.flow?.name).toBe(flow.publishedName);
    if (result.flow?.moduleInterface) {
      published.set(flow.publishedName, {
        flowId: flow.id,
        name: flow.publishedName,
        versionId: "1.0",
        moduleInterface: result.flow.moduleInterface,
      });
    }
  }
}

/** A clear error: issues naming the file, each with a meaningful message. */
function expectClearError(error: FlowLoadError, file: string): void {
  expect(error.issues.length).toBeGreaterThan(0);
  // Plain loop (a case may report thousands of issues): collect the unclear or misplaced ones.
  const bad = error.issues.filter(
    (i) =>
      i.file !== file || i.message.length <= 10 || /undefined|\[object Object\]|Maximum call stack/.test(i.message),
  );
  expect(bad).toEqual([]);
}

function expectAcceptable(outcome: Outcome, file: string): void {
  if (outcome.kind === "error") expectClearError(outcome.error, file);
  else expectValidArchy(outcome.portfolio);
}

// ---------------------------------------------------------------------------------------------
// The file corpus.

/** Where an issue must point: a YAML position, a node and/or field, or the whole file (`{}`). */
type Place = Pick<FlowIssue, "line" | "column" | "node" | "field">;
type Expectation = { as: "error"; contains: string; at: Place; alsoAt?: Place } | { as: "plan" };

/**
 * What each fixture must do in the portfolio: "error" with a text one issue's message must
 * contain and where that issue points, or "plan". Listing every file keeps the corpus honest: a
 * new fixture needs an expectation.
 */
const EXPECTED: Record<string, Expectation> = {
  "alias-bomb.yaml": { as: "error", contains: "too many alias expansions", at: {} },
  "alias-recursive.yaml": { as: "error", contains: "(recursive alias)", at: {} },
  "alias-undefined.yaml": { as: "error", contains: "Unresolved alias", at: {} },
  "anchors-aliases.yaml": { as: "plan" },
  "bom.yaml": { as: "plan" },
  "braces-in-prompt.yaml": {
    as: "error",
    contains: '"{{}}" looks like a placeholder but is not one',
    at: { node: "Hello", field: "prompt" },
  },
  "comment-only.yaml": { as: "error", contains: "found nothing", at: {} },
  "complex-keys.yaml": { as: "error", contains: 'invalid node id "[ a, b ]"', at: { field: "nodes" } },
  "control-chars-prompt.yaml": { as: "plan" },
  "crlf.yaml": { as: "plan" },
  "custom-tags.yaml": { as: "error", contains: "expected a string", at: { field: "name" } },
  "cycle-module-return-loop.yaml": {
    as: "error",
    contains:
      "nodes form a cycle (Check -> Check) that goes through neither a loop node nor a menu (a common module has no reusable tasks",
    at: { node: "Check", field: "transitions" },
  },
  "cycle-self-loop.yaml": {
    as: "error",
    contains: "nodes form a cycle (Again -> Again) with no way out",
    at: { node: "Again", field: "transitions" },
  },
  "cycle-two-nodes.yaml": { as: "error", contains: "nodes form a cycle", at: { node: "Ask", field: "transitions" } },
  "deep-nesting-flow-style.yaml": {
    as: "error",
    contains: "nesting deeper than 72 levels",
    at: { line: 5, column: 106 },
  },
  "duplicate-bool-keys.yaml": {
    as: "error",
    contains: 'duplicate key "true" (first at line 6, column 3, written "true")',
    at: { line: 8, column: 3 },
  },
  "duplicate-keys.yaml": {
    as: "error",
    contains: 'duplicate key "Bye" (first at line 6, column 3)',
    at: { line: 8, column: 3 },
  },
  "long-strings-ids.yaml": {
    as: "error",
    contains: "expected at most 200 characters",
    at: { field: "name" },
    alsoAt: { field: "start" },
  },
  "merge-keys.yaml": { as: "error", contains: 'YAML merge keys ("<<") are not supported', at: { line: 11, column: 5 } },
  "module-as-inbound.yaml": { as: "plan" },
  "multi-document.yaml": {
    as: "error",
    contains: "the text holds more than one YAML document",
    at: { line: 8, column: 1 },
  },
  "name-whitespace-controls.yaml": {
    as: "error",
    contains: "a flow name that has leading or trailing spaces",
    at: { field: "name" },
  },
  "non-utf8.yaml": { as: "plan" },
  "placeholder-in-name.yaml": { as: "plan" },
  "placeholder-unresolved.yaml": {
    as: "error",
    contains: 'placeholder "{{no_such_key}}" has no value',
    at: { node: "Queue", field: "queue" },
  },
  "prototype-names-as-ids.yaml": { as: "plan" },
  "prototype-names-start.yaml": { as: "error", contains: 'points to "toString", no such node', at: { field: "start" } },
  "proto-key-node.yaml": { as: "error", contains: '"__proto__" is not allowed', at: { line: 8, column: 3 } },
  "proto-key-top.yaml": { as: "error", contains: '"__proto__" is not allowed', at: { line: 4, column: 1 } },
  "tabs-indentation.yaml": {
    as: "error",
    contains: "indentation: this line is indented with a tab; YAML indents with spaces only",
    at: { line: 6, column: 1 },
  },
  // Names a person can see (issue 88): a zero-width joiner and a right-to-left override are refused, named.
  "unicode-invisible-name.yaml": {
    as: "error",
    contains: "a flow name that holds a character nobody sees, U+200D at position 6",
    at: { field: "name" },
  },
  "unicode-names.yaml": { as: "plan" },
  "unicode-node-id.yaml": {
    as: "error",
    contains: 'invalid node id "Grüße"',
    at: { field: "nodes" },
    alsoAt: { field: "start" },
  },
  "unknown-module-call.yaml": {
    as: "error",
    contains: 'no common module named "SomeOtherModule"',
    at: { node: "Call", field: "module" },
  },
  "wrong-type-kind-boolean.yaml": { as: "error", contains: "found true", at: { field: "kind" } },
  "wrong-type-max-digits-infinity.yaml": {
    as: "error",
    contains: "expected an integer, found Infinity",
    at: { node: "Ask", field: "maxDigits" },
    alsoAt: { node: "Ask", field: "minDigits" },
  },
  "wrong-type-name-number.yaml": { as: "error", contains: 'found 12345; quote it: "12345"', at: { field: "name" } },
  "wrong-type-nodes-list.yaml": { as: "error", contains: "expected a mapping, found a list", at: { field: "nodes" } },
  "wrong-type-null-prompt.yaml": {
    as: "error",
    contains: "expected a string, found nothing",
    at: { node: "Hello", field: "prompt" },
  },
  "wrong-type-transitions-string.yaml": {
    as: "error",
    contains: 'expected a mapping, found "Bye"',
    at: { node: "Hello", field: "transitions" },
  },
  "yaml-injection-in-texts.yaml": { as: "plan" },
  "yaml11-directive.yaml": { as: "plan" },
};

const fixtureFiles = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".yaml"))
  .sort();
const fixtureText = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

describe("the hostile corpus", () => {
  it("holds at least 40 files, each saying what it probes and each with an expectation", () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(40);
    for (const f of fixtureFiles) {
      const head = readFileSync(join(FIXTURES, f), "latin1").split(/\r?\n/).slice(0, 3);
      expect({ f, probes: head.some((l) => l.replace(/^\xef\xbb\xbf/, "").startsWith("# probes: ")) }).toEqual({
        f,
        probes: true,
      });
    }
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureFiles);
  });

  it.each(fixtureFiles)(
    "%s: a located FlowLoadError or a clean, valid plan",
    (name) => {
      const file = `flows/hostile/${name}`;
      // Read as the program reads flow files (utf8: invalid bytes become U+FFFD).
      const text = fixtureText(name);
      const parsed = parse(file, text);
      if (parsed) expectClearError(parsed, file);
      const outcome = plan(file, text);
      expectAcceptable(outcome, file);
      const expected = EXPECTED[name];
      if (expected.as === "plan") {
        if (outcome.kind === "error") throw new Error(`expected ${name} to plan, got:\n${outcome.error.message}`);
        return;
      }
      if (outcome.kind === "planned") throw new Error(`expected ${name} to be refused, but it was planned`);
      // Whatever parseFlowText refuses, the planner refuses with the same issues.
      if (parsed) expect(outcome.error.issues).toEqual(parsed.issues);
      const issue = outcome.error.issues.find((i) => i.message.includes(expected.contains));
      expect({ contains: expected.contains, found: issue !== undefined }).toEqual({
        contains: expected.contains,
        found: true,
      });
      expect(issue).toMatchObject({ file, ...expected.at });
      for (const key of ["line", "column", "node", "field"] as const) {
        if (!(key in expected.at)) expect({ key, value: issue![key] }).toEqual({ key, value: undefined });
      }
      if (expected.alsoAt)
        expect(outcome.error.issues).toContainEqual(expect.objectContaining({ file, ...expected.alsoAt }));
    },
    CASE_TIMEOUT_MS,
  );
});

describe("specific guarantees of the corpus", () => {
  const planned = (name: string): Portfolio => {
    const o = plan(`flows/hostile/${name}`, fixtureText(name));
    if (o.kind !== "planned") throw new Error(o.error.message);
    return o.portfolio;
  };
  const hostile = (name: string) => planned(name).flows.find((f) => f.file === `flows/hostile/${name}`)!;
  const ttsTexts = (yaml: string): string[] => {
    const out: string[] = [];
    JSON.stringify(YAML.parse(yaml, { version: "1.2" }), (k, v: unknown) =>
      k === "tts" && typeof v === "string" ? (out.push(v), v) : v,
    );
    return out;
  };

  it("duplicate keys are refused with both locations, also when one is a string and the other a boolean", () => {
    for (const [name, key] of [
      ["duplicate-keys.yaml", "Bye"],
      ["duplicate-bool-keys.yaml", "true"],
    ]) {
      const error = parse(`flows/hostile/${name}`, fixtureText(name))!;
      expect(error.issues).toEqual([
        {
          file: `flows/hostile/${name}`,
          line: 8,
          column: 3,
          message:
            key === "true"
              ? expect.stringContaining(`duplicate key "true" (first at line 6, column 3, written "true")`)
              : `duplicate key "Bye" (first at line 6, column 3); keys must be unique`,
        },
      ]);
      expect(error.message).toBe(`flows/hostile/${name}:8:3: ${error.issues[0].message}`);
    }
  });

  it("texts that look like YAML are published as the exact text, never as structure", () => {
    const text = hostile("yaml-injection-in-texts.yaml").substitutedYaml;
    expect(ttsTexts(text)).toContain(`key: value # not a comment &anchor *alias !tag | > ' " \\ {a: b} [c]`);
    expect(YAML.parse(text).inboundCall.name).toBe('test-Hostile: "quoted" #not-a-comment');
    // the "injected" disconnect stays inside strings: no action anywhere is named "injected"
    const names: string[] = [];
    JSON.stringify(YAML.parse(text), (k, v: unknown) =>
      k === "name" && typeof v === "string" ? (names.push(v), v) : v,
    );
    expect(names.filter((n) => /^injected$/i.test(n))).toEqual([]);
    expect(text).toContain("injected");
  });

  it("unicode survives verbatim in the published name", () => {
    expect(YAML.parse(hostile("unicode-names.yaml").substitutedYaml).inboundCall.name).toBe(
      "test-Ventes – 販売 – مبيعات 🚀",
    );
  });

  it("a BOM, CRLF line ends and a %YAML 1.1 directive do not change the meaning", () => {
    expect(hostile("bom.yaml").publishedName).toBe("test-Hostile BOM");
    expect(hostile("crlf.yaml").model.nodes.Hello).toEqual(expect.objectContaining({ prompt: "Hello." }));
    const yaml11 = hostile("yaml11-directive.yaml").model;
    expect(yaml11.variables.answer.initial).toBe('"no"');
    expect(Object.keys(yaml11.nodes.Check.transitions).sort()).toEqual(["no", "yes"]);
  });

  it("placeholders are substituted in the name, label and queue", () => {
    const flow = hostile("placeholder-in-name.yaml");
    expect(flow.publishedName).toBe("test-Acme Hotline");
    expect(flow.templateYaml).toContain("{{queue}}");
    expect(flow.substitutedYaml).not.toContain("{{");
  });

  it("a module nobody calls is still planned, before the flows", () => {
    const p = planned("module-as-inbound.yaml");
    expect(p.flows.map((f) => f.id)).toEqual(["hostile/module-as-inbound", "modules/lookup", "calls/plain"]);
  });

  it("Object.prototype names are ordinary ids when declared, and never resolve when not", () => {
    expect(Object.keys(hostile("prototype-names-as-ids.yaml").model.nodes).sort()).toEqual([
      "constructor",
      "hasOwnProperty",
      "toString",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const refused = plan("flows/hostile/prototype-names-start.yaml", fixtureText("prototype-names-start.yaml"));
    expect(refused.kind === "error" && refused.error.message).toContain(
      'node "Hello" (playMessage): transition "next" points to "constructor", no such node',
    );
  });

  it("__proto__ keys are refused and pollute nothing", () => {
    for (const name of ["proto-key-top.yaml", "proto-key-node.yaml"]) {
      expect(parse(`flows/hostile/${name}`, fixtureText(name))).toBeInstanceOf(FlowLoadError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated cases: big inputs (the linear-time guards) and substitution values.

function chain(count: number, last: "disconnect" | "ring"): string {
  const lines = ["kind: inboundCall", `name: Chain ${count}`, "start: N0", "nodes:"];
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? `N${i + 1}` : last === "ring" ? "N0" : undefined;
    if (next)
      lines.push(`  N${i}:`, "    type: playMessage", `    prompt: Step ${i}.`, `    transitions: {next: ${next}}`);
    else lines.push(`  N${i}:`, "    type: disconnect");
  }
  return `${lines.join("\n")}\n`;
}

/** A valid call flow of its own name, for the generated cases to grow. */
const GENERATED = PLAIN.text.replace("name: Plain", "name: Generated");

describe("generated hostile input", () => {
  const generated: Array<[string, () => string, Expectation | undefined]> = [
    ["an empty file (0 bytes)", () => "", { as: "error", contains: "found nothing", at: {} }],
    ["only whitespace and newlines", () => " \n\n\t\n   \n", undefined],
    // Fails until fixed: the compiler emits a chain recursively, and from about 1,600 nodes the
    // planner dies with "RangeError: Maximum call stack size exceeded" instead of planning the
    // flow or refusing it with a located error.
    ["2,000 nodes in a chain", () => chain(2_000, "disconnect"), undefined],
    [
      "10,000 nodes in a ring (one big cycle)",
      () => chain(10_000, "ring"),
      { as: "error", contains: "nodes form a cycle", at: { node: "N0", field: "transitions" } },
    ],
    [
      "a prompt of 900,000 characters",
      () => GENERATED.replace("prompt: Hello.", `prompt: "${"x".repeat(900_000)}"`),
      { as: "plan" },
    ],
    [
      "a file over the size limit",
      () => `${GENERATED}# ${"x".repeat(MAX_FLOW_FILE_BYTES)}\n`,
      { as: "error", contains: `more than the limit of ${MAX_FLOW_FILE_BYTES} bytes`, at: {} },
    ],
    // 1,300 levels: deep enough to overflow the YAML library's recursive composer, under 1 MiB.
    [
      "1,300 levels of block nesting",
      () =>
        "kind: inboundCall\nnested:\n" +
        Array.from({ length: 1_300 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n") +
        " x\n",
      { as: "error", contains: "nesting deeper than 72 levels", at: {} },
    ],
    [
      "1,300 levels of block sequences",
      () =>
        "kind: inboundCall\nnested:\n" +
        Array.from({ length: 1_300 }, (_, i) => `${" ".repeat(i + 1)}-`).join("\n") +
        " x\n",
      { as: "error", contains: "nesting deeper than 72 levels", at: {} },
    ],
    [
      "100,000 levels of flow nesting",
      () => `kind: inboundCall\nnested: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
      { as: "error", contains: "nesting deeper than 72 levels", at: {} },
    ],
    [
      "an alias bomb of 10 levels of 10 (10^10 expansions)",
      () => {
        const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
        for (let i = 1; i < 10; i++)
          lines.push(
            `a${i}: &a${i} [${Array(10)
              .fill(`*a${i - 1}`)
              .join(", ")}]`,
          );
        return `${lines.join("\n")}\nkind: inboundCall\n`;
      },
      { as: "error", contains: "too many alias expansions", at: {} },
    ],
    // Each alias resolved by a search of the whole document would be quadratic.
    [
      "20,000 anchors each aliased once",
      () => `${GENERATED + Array.from({ length: 20_000 }, (_, i) => `x${i}: &x${i} v\ny${i}: *x${i}`).join("\n")}\n`,
      { as: "error", contains: "more than 100 aliases", at: {} },
    ],
    // A duplicate-key check comparing every key with every other one would be quadratic.
    [
      "one line of 20,000 keys of flow mapping",
      () =>
        `{kind: inboundCall, name: Wide, start: Bye, nodes: {Bye: {type: disconnect}}, ${Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join(", ")}}\n`,
      { as: "error", contains: "unknown key", at: { field: "k0" } },
    ],
    [
      "30,000 node ids, the last one a duplicate",
      () =>
        "kind: inboundCall\nname: Many\nstart: N0\nnodes:\n" +
        Array.from({ length: 30_000 }, (_, i) => `  N${i}: {type: disconnect}`).join("\n") +
        "\n  N0: {type: disconnect}\n",
      { as: "error", contains: 'duplicate key "N0" (first at line 5, column 3)', at: { line: 30_005, column: 3 } },
    ],
    [
      "5,000 variables",
      () =>
        GENERATED.replace(
          "start: Hello",
          "variables:\n" +
            Array.from({ length: 5_000 }, (_, i) => `  v${i}: {type: string}`).join("\n") +
            "\nstart: Hello",
        ),
      { as: "plan" },
    ],
  ];

  it.each(generated)(
    "%s: a located FlowLoadError or a clean, valid plan",
    (_name, make, expected) => {
      const file = "flows/generated.yaml";
      const text = make();
      const parsed = parse(file, text);
      if (parsed) expectClearError(parsed, file);
      const outcome = plan(file, text);
      expectAcceptable(outcome, file);
      if (expected === undefined) return;
      if (expected.as === "plan") {
        if (outcome.kind === "error") throw new Error(`expected a plan, got:\n${outcome.error.message.slice(0, 2000)}`);
        return;
      }
      if (outcome.kind === "planned") throw new Error("expected a refusal, but it was planned");
      expect(outcome.error.issues.find((i) => i.message.includes(expected.contains))).toMatchObject({
        file,
        ...expected.at,
      });
    },
    CASE_TIMEOUT_MS,
  );
});

describe("substitution values that would break the YAML", () => {
  const FLOW = `kind: inboundCall
name: Subst
start: Hello
nodes:
  Hello:
    type: playMessage
    label: "Label {{v}}"
    prompt: "Hello {{v}}"
    transitions: {next: Queue}
  Queue:
    type: transferToQueue
    queue: "{{v}}"
`;
  const values: Array<[string, string]> = [
    ["a double quote", 'say "hi"'],
    ["a single quote", "it's"],
    ["a backslash", "C:\\queues\\new"],
    ["a line break", "line one\nline two"],
    ["a CRLF and YAML structure after it", "x\r\n    - disconnect:\n        name: injected"],
    ["a placeholder", "{{other}}"],
    ["an empty placeholder", "{{}}"],
    ["closing braces", "}} and {{"],
    ["a colon and a hash", "key: value # comment"],
    ["a leading dash, anchor, alias and tag", "- &a *b !!binary"],
    ["a YAML directive and document markers", "%YAML 1.1\n---\n..."],
    ["a NUL and other control characters", "nul\u0000bel\u0007esc\u001b"],
    ["a tab", "a\tb"],
    ["leading and trailing spaces", "  padded  "],
    ["an empty value", ""],
    ["unicode line separators", "a\u2028b\u2029c"],
    ["emoji and RTL text", "🚀 مرحبا"],
    ["template syntax of other tools", "${HOME} $(id) `id` <script>alert(1)</script>"],
    ["100,000 characters", "y".repeat(100_000)],
  ];

  it.each(values)(
    "%s: refused naming the file and the key, or published as the exact text",
    (_name, value) => {
      const file = "flows/subst.yaml";
      const o = plan(file, FLOW, { v: value });
      if (o.kind === "error") {
        // A value that breaks the flow's YAML is reported with the flow; a value holding a
        // placeholder once, at its key in the stack file (the placeholder then also shows up
        // unresolved in the substituted flow, located there).
        const inFlow = o.error.issues.some(
          (i) =>
            i.file === file &&
            /^(substitution "v": its value cannot be inserted safely into the compiled YAML because it contains|after this stack's substitutions: )/.test(
              i.message,
            ),
        );
        const inStack = o.error.issues.some(
          (i) =>
            i.file === "Pulumi.test.yaml" &&
            i.field === "genesys-flows:substitutions.v" &&
            /^substitution "v": its value contains the placeholder/.test(i.message),
        );
        expect(inFlow || inStack).toBe(true);
        const unclear = o.error.issues.filter(
          (i) => i.message.length <= 10 || /undefined|\[object Object\]/.test(i.message),
        );
        expect(unclear).toEqual([]);
        return;
      }
      expectValidArchy(o.portfolio);
      const flow = o.portfolio.flows.find((f) => f.file === file)!;
      expect(ttsOf(flow.substitutedYaml)).toContain(`Hello ${value}`);
    },
    CASE_TIMEOUT_MS,
  );

  it("only values that cannot be inserted verbatim (quote, backslash, line break), hold a placeholder or make the substituted flow invalid (an empty queue name, a 100,000-character label) are refused", () => {
    const refused = values.filter(([, v]) => plan("flows/subst.yaml", FLOW, { v }).kind === "error").map(([n]) => n);
    expect(refused).toEqual([
      "a double quote",
      "a backslash",
      "a line break",
      "a CRLF and YAML structure after it",
      "a placeholder",
      "an empty placeholder",
      "a YAML directive and document markers",
      "an empty value",
      "100,000 characters",
    ]);
  });
});

function ttsOf(yaml: string): string[] {
  const tts: string[] = [];
  JSON.stringify(YAML.parse(yaml, { version: "1.2" }), (k, v: unknown) =>
    k === "tts" && typeof v === "string" ? (tts.push(v), v) : v,
  );
  return tts;
}
