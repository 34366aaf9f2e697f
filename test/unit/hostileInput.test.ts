// Hostile flow input: a corpus of malformed and adversarial flow files (test/unit/fixtures/hostile,
// each saying on a "# probes:" line what it probes) plus generated big cases. Every case, in both
// roles (as an inbound flow next to the real module, and as the stack's module next to a plain
// inbound flow), must end in exactly one of two ways:
//   - a FlowLoadError whose message names the hostile file and says something meaningful, or
//   - a clean compile whose every published text parses as YAML 1.2 and passes the emulator's
//     Archy validation (the pure validator the emulator's publish jobs run) without an Error.
// Anything else (another exception type, invalid Archy) fails the test; a hang fails it through
// the per-test jest timeout (the guard: no timed assertions here).
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { buildFlowSet, type FlowSet } from "../../components/flowSet";
import { FlowLoadError } from "../../components/model/errors";
import { MAX_FLOW_FILE_BYTES } from "../../components/model/loader";
import { parseStackConfig, type StackConfig } from "../../components/stackConfig";
import { validateArchy, type ValidationMessage } from "../../emulator/archyValidation";

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(__dirname, "fixtures", "hostile");
const MODULE_FILE = "flows/verify-caller.yaml";
const PLAIN_INBOUND_FILE = "flows/plain-inbound.yaml";
const PLAIN_INBOUND = `kind: inboundCall
name: Plain
start: Hello
nodes:
  Hello:
    type: playMessage
    prompt: Hello.
    transitions: {next: Bye}
  Bye:
    type: disconnect
`;
/** Substitutions every hostile inbound flow gets (the placeholder fixtures use them). */
const SUBSTITUTIONS = { brand: "Acme", queue: "Support" };
/** Per-case guard against hangs (the jest-wide default is 5 s; the big cases need more). */
const CASE_TIMEOUT_MS = 60_000;

type Outcome = { kind: "error"; error: FlowLoadError } | { kind: "compiled"; set: FlowSet };

function configOf(module: string, inbound: string, substitutions: Record<string, string> = {}): StackConfig {
  return parseStackConfig(
    { environment: "test", namePrefix: "test-", module: { file: module }, inboundFlows: [{ file: inbound, substitutions }] },
    "Pulumi.test.yaml",
  );
}

/** buildFlowSet on in-memory files (the real module from disk); only FlowLoadError is caught. */
function plan(config: StackConfig, files: Record<string, string>): Outcome {
  const read = (file: string): string => {
    if (Object.hasOwn(files, file)) return files[file];
    return readFileSync(join(ROOT, file), "utf8");
  };
  try {
    return { kind: "compiled", set: buildFlowSet(config, read) };
  } catch (e) {
    if (e instanceof FlowLoadError) return { kind: "error", error: e };
    throw new Error(`a hostile flow crashed the planner with ${(e as Error)?.name}: ${(e as Error)?.message}\n${(e as Error)?.stack}`);
  }
}

function errors(messages: ValidationMessage[]): string[] {
  return messages.filter((m) => m.type === "Error").map((m) => m.text);
}

/** Every published text parses (YAML 1.2 core, unique keys) and passes the emulator's validation. */
function expectValidArchy(set: FlowSet): void {
  for (const flow of [set.module, ...set.inboundFlows]) {
    const doc = YAML.parseDocument(flow.substitutedYaml, { version: "1.2", schema: "core", uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
  }
  const module = validateArchy(set.module.substitutedYaml, { strict: false, findModule: () => undefined, flowExists: () => false });
  expect(errors(module.messages)).toEqual([]);
  expect(module.flow?.name).toBe(set.module.publishedName);
  for (const inbound of set.inboundFlows) {
    const result = validateArchy(inbound.substitutedYaml, {
      strict: false,
      findModule: (name) =>
        name === set.module.publishedName
          ? { flowId: "module-id", name, versionId: "1.0", moduleInterface: module.flow!.moduleInterface! }
          : undefined,
      flowExists: () => false,
    });
    expect(errors(result.messages)).toEqual([]);
    expect(result.flow?.name).toBe(inbound.publishedName);
  }
}

/** A clear error: a FlowLoadError naming the file, each issue with a meaningful message. */
function expectClearError(error: FlowLoadError, file: string): void {
  expect(error.issues.length).toBeGreaterThan(0);
  expect(error.message).toContain(file);
  // Plain loop (a case may report tens of thousands of issues): collect the unclear ones.
  const unclear = error.issues.filter((i) => i.message.length <= 10 || /undefined|\[object Object\]|Maximum call stack/.test(i.message));
  expect(unclear).toEqual([]);
}

function expectAcceptable(outcome: Outcome, file: string): void {
  if (outcome.kind === "error") expectClearError(outcome.error, file);
  else expectValidArchy(outcome.set);
}

/** Both roles: as an inbound flow (real module), and as the module (plain inbound flow). */
function bothRoles(file: string, text: string, substitutions: Record<string, string> = SUBSTITUTIONS): { inbound: Outcome; module: Outcome } {
  const inbound = plan(configOf(MODULE_FILE, file, substitutions), { [file]: text });
  expectAcceptable(inbound, file);
  const module = plan(configOf(file, PLAIN_INBOUND_FILE), { [file]: text, [PLAIN_INBOUND_FILE]: PLAIN_INBOUND });
  expectAcceptable(module, file);
  return { inbound, module };
}

// ---------------------------------------------------------------------------------------------
// The file corpus.

/**
 * What each fixture must do as an inbound flow: "error" with a text the message must contain, or
 * "compile". Listing every file keeps the corpus honest: a new fixture needs an expectation.
 */
const EXPECTED: Record<string, { as: "error"; contains: string } | { as: "compile" }> = {
  "alias-bomb.yaml": { as: "error", contains: "too many alias expansions" },
  "alias-recursive.yaml": { as: "error", contains: "(recursive alias)" },
  "alias-undefined.yaml": { as: "error", contains: "Unresolved alias" },
  "anchors-aliases.yaml": { as: "compile" },
  "bom.yaml": { as: "compile" },
  "braces-in-prompt.yaml": { as: "error", contains: '"{{}}" looks like a placeholder but is not one' },
  "comment-only.yaml": { as: "error", contains: "found nothing" },
  "complex-keys.yaml": { as: "error", contains: 'invalid node id "[ a, b ]"' },
  "control-chars-prompt.yaml": { as: "compile" },
  "crlf.yaml": { as: "compile" },
  "custom-tags.yaml": { as: "error", contains: 'field "name": expected a string' },
  "cycle-module-return-loop.yaml": { as: "error", contains: "inboundFlows must be inboundCall flows" },
  "cycle-self-loop.yaml": { as: "compile" },
  "cycle-two-nodes.yaml": { as: "compile" },
  "deep-nesting-flow-style.yaml": { as: "error", contains: "nesting is deeper than" },
  "duplicate-keys.yaml": { as: "error", contains: "Map keys must be unique" },
  "long-strings-ids.yaml": { as: "error", contains: "expected at most 200 characters" },
  "merge-keys.yaml": { as: "error", contains: 'YAML merge keys ("<<") are not supported' },
  "module-as-inbound.yaml": { as: "error", contains: "inboundFlows must be inboundCall flows" },
  "multi-document.yaml": { as: "error", contains: "a flow file holds one YAML document" },
  "name-whitespace-controls.yaml": { as: "error", contains: "no leading or trailing spaces" },
  "non-utf8.yaml": { as: "compile" },
  "placeholder-in-name.yaml": { as: "compile" },
  "placeholder-unresolved.yaml": { as: "error", contains: 'placeholder "{{no_such_key}}" has no value' },
  "prototype-names-as-ids.yaml": { as: "compile" },
  "prototype-names-start.yaml": { as: "error", contains: 'points to "toString", no such node' },
  "proto-key-node.yaml": { as: "error", contains: '"__proto__" is not allowed' },
  "proto-key-top.yaml": { as: "error", contains: '"__proto__" is not allowed' },
  "tabs-indentation.yaml": { as: "error", contains: "Tabs are not allowed as indentation" },
  "unicode-invisible-name.yaml": { as: "compile" },
  "unicode-names.yaml": { as: "compile" },
  "unicode-node-id.yaml": { as: "error", contains: 'invalid node id "Grüße"' },
  "unknown-module-call.yaml": { as: "error", contains: 'no module named "SomeOtherModule"' },
  "wrong-type-kind-boolean.yaml": { as: "error", contains: "found true" },
  "wrong-type-max-digits-infinity.yaml": { as: "error", contains: 'field "maxDigits": expected an integer, found Infinity' },
  "wrong-type-name-number.yaml": { as: "error", contains: "found 12345" },
  "wrong-type-nodes-list.yaml": { as: "error", contains: 'field "nodes": expected a mapping, found a list' },
  "wrong-type-null-prompt.yaml": { as: "error", contains: 'field "prompt": expected a string, found nothing' },
  "wrong-type-transitions-string.yaml": { as: "error", contains: 'field "transitions": expected a mapping, found "Bye"' },
  "yaml-injection-in-texts.yaml": { as: "compile" },
  "yaml11-directive.yaml": { as: "compile" },
};

const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")).sort();

describe("the hostile corpus", () => {
  it("holds at least 30 files, each saying what it probes and each with an expectation", () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(30);
    for (const f of fixtureFiles) {
      const head = readFileSync(join(FIXTURES, f), "latin1").split(/\r?\n/).slice(0, 3);
      expect({ f, probes: head.some((l) => l.replace(/^\xef\xbb\xbf/, "").startsWith("# probes: ")) }).toEqual({ f, probes: true });
    }
    expect(Object.keys(EXPECTED).sort()).toEqual(fixtureFiles);
  });

  it.each(fixtureFiles)(
    "%s: a clear FlowLoadError or a clean, valid compile, in both roles",
    (name) => {
      const file = `flows/hostile/${name}`;
      // Read as the program reads flow files (utf8: invalid bytes become U+FFFD).
      const text = readFileSync(join(FIXTURES, name), "utf8");
      const { inbound } = bothRoles(file, text);
      const expected = EXPECTED[name];
      if (expected.as === "compile") {
        if (inbound.kind === "error") throw new Error(`expected ${name} to compile, got:\n${inbound.error.message}`);
      } else {
        if (inbound.kind === "compiled") throw new Error(`expected ${name} to be refused, but it compiled`);
        expect(inbound.error.message).toContain(expected.contains);
      }
    },
    CASE_TIMEOUT_MS,
  );
});

describe("specific guarantees of the corpus", () => {
  const load = (name: string): Outcome =>
    plan(configOf(MODULE_FILE, `flows/hostile/${name}`, SUBSTITUTIONS), { [`flows/hostile/${name}`]: readFileSync(join(FIXTURES, name), "utf8") });
  const compiled = (name: string): FlowSet => {
    const o = load(name);
    if (o.kind !== "compiled") throw new Error(o.error.message);
    return o.set;
  };
  const ttsTexts = (yaml: string): string[] => {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, c] of Object.entries(v)) {
          if (k === "tts" && typeof c === "string") out.push(c);
          else walk(c);
        }
      }
    };
    walk(YAML.parse(yaml, { version: "1.2" }));
    return out;
  };

  it("texts that look like YAML are published as the exact text, never as structure", () => {
    const set = compiled("yaml-injection-in-texts.yaml");
    const text = set.inboundFlows[0].substitutedYaml;
    expect(ttsTexts(text)).toContain(`key: value # not a comment &anchor *alias !tag | > ' " \\ {a: b} [c]`);
    expect(YAML.parse(text).inboundCall.name).toBe('test-Hostile: "quoted" #not-a-comment');
    // the "injected" disconnect stays inside strings: no action anywhere is named "injected"
    const names: string[] = [];
    JSON.stringify(YAML.parse(text), (k, v: unknown) => (k === "name" && typeof v === "string" ? (names.push(v), v) : v));
    expect(names.filter((n) => /^injected$/i.test(n))).toEqual([]);
    expect(text).toContain("injected");
  });

  it("unicode and invisible characters survive verbatim in the published name", () => {
    expect(YAML.parse(compiled("unicode-names.yaml").inboundFlows[0].substitutedYaml).inboundCall.name).toBe("test-Ventes – 販売 – مبيعات 🚀");
    expect(YAML.parse(compiled("unicode-invisible-name.yaml").inboundFlows[0].substitutedYaml).inboundCall.name).toBe("test-Sales\u200d\u202eevil");
  });

  it("a BOM, CRLF line ends and a %YAML 1.1 directive do not change the meaning", () => {
    expect(compiled("bom.yaml").inboundFlows[0].publishedName).toBe("test-Hostile BOM");
    expect(compiled("crlf.yaml").inboundFlows[0].model.nodes.Hello).toEqual(expect.objectContaining({ prompt: "Hello." }));
    const yaml11 = compiled("yaml11-directive.yaml").inboundFlows[0].model;
    expect(yaml11.variables.answer.initial).toBe('"no"');
    expect(Object.keys(yaml11.nodes.Check.transitions).sort()).toEqual(["no", "yes"]);
  });

  it("placeholders are substituted in the name, label and queue", () => {
    const set = compiled("placeholder-in-name.yaml");
    expect(set.inboundFlows[0].publishedName).toBe("test-Acme Hotline");
    expect(set.inboundFlows[0].substitutedYaml).not.toContain("{{");
  });

  it("Object.prototype names are ordinary ids when declared, and never resolve when not", () => {
    const set = compiled("prototype-names-as-ids.yaml");
    expect(Object.keys(set.inboundFlows[0].model.nodes).sort()).toEqual(["constructor", "hasOwnProperty", "toString"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const refused = load("prototype-names-start.yaml");
    expect(refused.kind === "error" && refused.error.message).toContain('transition "next" points to "constructor", no such node');
  });

  it("__proto__ keys are refused and pollute nothing", () => {
    for (const name of ["proto-key-top.yaml", "proto-key-node.yaml"]) {
      const o = load(name);
      expect(o.kind).toBe("error");
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

// ---------------------------------------------------------------------------------------------
// Generated cases: big inputs and substitution values.

function chain(count: number, last: "disconnect" | "loop"): string {
  const lines = ["kind: inboundCall", `name: Chain ${count}`, "start: N0", "nodes:"];
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? `N${i + 1}` : last === "loop" ? "N0" : undefined;
    if (next) lines.push(`  N${i}:`, "    type: playMessage", `    prompt: Step ${i}.`, `    transitions: {next: ${next}}`);
    else lines.push(`  N${i}:`, "    type: disconnect");
  }
  return lines.join("\n") + "\n";
}

describe("generated hostile input", () => {
  const generated: Array<[string, () => string]> = [
    ["an empty file (0 bytes)", () => ""],
    ["only whitespace and newlines", () => " \n\n\t\n   \n"],
    ["10,000 nodes in a chain", () => chain(10_000, "disconnect")],
    ["10,000 nodes in a ring (one big cycle)", () => chain(10_000, "loop")],
    ["a prompt of 900,000 characters", () => PLAIN_INBOUND.replace("prompt: Hello.", `prompt: "${"x".repeat(900_000)}"`)],
    ["a file over the size limit", () => PLAIN_INBOUND + `# ${"x".repeat(MAX_FLOW_FILE_BYTES)}\n`],
    // 1,300 levels: deep enough to overflow the YAML library's recursive composer, under 1 MiB.
    ["1,300 levels of block nesting", () => "kind: inboundCall\nnested:\n" + Array.from({ length: 1_300 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n") + " x\n"],
    ["1,300 levels of block sequences", () => "kind: inboundCall\nnested:\n" + Array.from({ length: 1_300 }, (_, i) => `${" ".repeat(i + 1)}-`).join("\n") + " x\n"],
    ["100,000 levels of flow nesting", () => `kind: inboundCall\nnested: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`],
    [
      "an alias bomb of 10 levels of 10 (10^10 expansions)",
      () => {
        const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
        for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
        return lines.join("\n") + "\nkind: inboundCall\n";
      },
    ],
    ["20,000 anchors each aliased once", () => PLAIN_INBOUND + Array.from({ length: 20_000 }, (_, i) => `x${i}: &x${i} v\ny${i}: *x${i}`).join("\n") + "\n"],
    ["one line of 500,000 characters of flow mapping", () => `{kind: inboundCall, name: Wide, start: Bye, nodes: {Bye: {type: disconnect}}, ${Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join(", ")}}\n`],
    ["5,000 variables", () => PLAIN_INBOUND.replace("start: Hello", "variables:\n" + Array.from({ length: 5_000 }, (_, i) => `  v${i}: {type: string}`).join("\n") + "\nstart: Hello")],
  ];

  it.each(generated)(
    "%s: a clear FlowLoadError or a clean, valid compile, in both roles",
    (name, make) => {
      const { inbound } = bothRoles("flows/generated.yaml", make());
      if (name.startsWith("10,000 nodes")) {
        // Not refused for its size: 10,000 nodes compile to 10,000 tasks the emulator accepts.
        if (inbound.kind !== "compiled") throw new Error(inbound.error.message);
        expect(YAML.parse(inbound.set.inboundFlows[0].substitutedYaml).inboundCall.tasks).toHaveLength(10_000);
      }
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
      const o = plan(configOf(MODULE_FILE, file, { v: value }), { [file]: FLOW });
      if (o.kind === "error") {
        expectClearError(o.error, file);
        expect(o.error.message).toContain('substitution "v"');
        return;
      }
      expectValidArchy(o.set);
      const doc = YAML.parse(o.set.inboundFlows[0].substitutedYaml, { version: "1.2" });
      const tts: string[] = [];
      JSON.stringify(doc, (k, v: unknown) => (k === "tts" && typeof v === "string" ? (tts.push(v), v) : v));
      expect(tts).toContain(`Hello ${value}`);
    },
    CASE_TIMEOUT_MS,
  );
});
