// One implementation of every check, one verdict everywhere: for a matrix of fixture projects,
// the planner (what the stack program runs before registering anything), flows:compile, the stack
// program itself (index.ts under Pulumi mocks), flows:diff --stack, lint:flows --stack and the
// policy pack report the same problems. Core problems stop the first four; lint and the pack also
// report policy rules.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import YAML from "yaml";
import { formatIssue, FlowLoadError, type FlowIssue } from "../../model/errors";
import { readPortfolio } from "../../project/portfolio";
import { readStackSettings } from "../../project/stackFile";
import { readFlowSources } from "../../project/flowFiles";
import { runPipeline } from "../../planner/pipeline";
import { diffPortfolios } from "../../diff/portfolioDiff";
import { COMMON_MODULE_TYPE, INTERACTION_FLOW_TYPE, registeredFacts, type FlowFacts } from "../../model/facts";
import { buildPolicies } from "../../policies/adapter";
import { main as compileMain } from "../../tools/compileFlows";
import { runLint } from "../../tools/lintFlows";
import { isModuleModel } from "../../model/schema";
import { FLOW_KINDS } from "../../model/kinds";
import { NODE_DESCRIPTORS, NODE_TYPES } from "../../model/nodes";
import { installMocks, valueOf } from "../../testkit/pulumiMocks";
import { emulatorFor, emulatorRunIo } from "../../testkit/programRun";
import { callFlow, callViaNumber, flowText, lookupModule, outerModule, tempProject } from "../../testkit/portfolio";
import type { StackValidationPolicy } from "@pulumi/policy";

/** The node types that end a flow, as the terminates rule names them. */
const TERMINALS = NODE_TYPES.filter((t) => NODE_DESCRIPTORS[t].terminal).join(", ");

const STACK = "test";
const POLICY_CONFIG = JSON.stringify({
  "reachable-nodes": "mandatory",
  terminates: "mandatory",
  "module-required-inputs": "mandatory",
});

interface Case {
  flows: Record<string, Record<string, unknown>>;
  substitutions?: Record<string, string>;
  perFlow?: Record<string, Record<string, string>>;
  /** More `genesys-flows:*` settings of the stack file (bare keys). */
  config?: Record<string, unknown>;
  /**
   * The problem is in what the components' facts do not carry (the stack file's settings, or the
   * compiled text): the program refuses before registering anything, so a deploy never reaches the
   * pack, and the pack, given the facts of the flows as loaded, finds only the policy problems.
   */
  beforeRegistering?: true;
  /** Expected core problems (`<rule> <formatted issue>`), the same from every entry point. */
  core: string[];
  /** Expected policy problems, reported by lint and the pack only. */
  policy?: string[];
}

const outer = (calls = "Lookup") => outerModule("Outer", calls);
const viaOuter = (name: string) => callViaNumber(name);
const email = (name = "Mail", queue = "Mail") => ({
  kind: "inboundEmail",
  name,
  variables: { customer: { type: "string" } },
  start: "Find",
  nodes: {
    Find: {
      type: "subflow",
      module: "Lookup",
      inputs: { address: "Email.Message.from.email" },
      outputs: { customerId: "customer" },
      transitions: { completed: "Q", error: "Q" },
    },
    Q: { type: "transferToQueue", queue, transitions: { failure: "D" } },
    D: { type: "disconnect" },
  },
});
/** A module with one input `number` calling `calls` with it. */
const cyc = (name: string, calls: string) => outerModule(name, calls, "number");
const viaModule = (name: string, module: string) => callViaNumber(name, module);
const clean = {
  "modules/lookup": lookupModule(),
  "modules/outer": outer(),
  "calls/a": viaOuter("A"),
  "calls/b": callFlow("B"),
  "digital/mail": email(),
};
const withVar = (type: string, output: string) => {
  const f = callFlow("Scores", { variables: { customer: { type: "string" }, s: { type } } });
  (f.nodes.Call as Record<string, unknown>).outputs = { [output]: "s" };
  return f;
};

/** An email flow whose paths cross at every rung of a 12-rung ladder: 2^12 paths, over the compiler's cap. */
const ladder = () => {
  const nodes: Record<string, unknown> = {
    Start: { type: "decision", expression: "true", transitions: { yes: "D0", no: "E0" } },
  };
  for (let i = 0; i < 12; i++) {
    nodes[`D${i}`] = { type: "decision", expression: "true", transitions: { yes: `D${i + 1}`, no: `E${i + 1}` } };
    nodes[`E${i}`] = { type: "decision", expression: "false", transitions: { yes: `D${i + 1}`, no: `E${i + 1}` } };
  }
  nodes.D12 = { type: "disconnect" };
  nodes.E12 = { type: "disconnect" };
  return { kind: "inboundEmail", name: "Wide", start: "Start", nodes };
};
/** A call flow that plays `prompt`. */
const greeting = (prompt: string) => ({
  kind: "inboundCall",
  name: "Greeting",
  start: "Hello",
  nodes: { Hello: { type: "playMessage", prompt, transitions: { next: "Bye" } }, Bye: { type: "disconnect" } },
});

const CASES: Record<string, Case> = {
  "a clean portfolio of two modules and three kinds": { flows: clean, core: [] },
  "an integer output stored in a decimal variable": {
    flows: { ...clean, "calls/scores": withVar("decimal", "score") },
    core: [],
  },
  "a string output stored in an integer variable": {
    flows: { ...clean, "calls/scores": withVar("integer", "customerId") },
    core: [
      'module-interface flows/calls/scores.yaml: node "Call" (subflow): field "outputs.customerId": module output "customerId" is string but variable "s" is integer',
    ],
  },
  "modules calling each other in a cycle": {
    flows: { "modules/a": cyc("A", "B"), "modules/b": cyc("B", "A"), "calls/c": viaModule("C", "A") },
    core: [
      'module-cycles flows/modules/a.yaml: node "Find" (subflow): field "module": modules call each other in a cycle: A -> B -> A; a module is compiled with the modules it calls, so a cycle has no end',
    ],
  },
  "a call to a module that does not exist": {
    flows: { ...clean, "calls/c": callFlow("C", {}, "Lokup") },
    core: [
      'module-interface flows/calls/c.yaml: node "Call" (subflow): field "module": no common module named "Lokup"; did you mean "Lookup"?',
    ],
  },
  "an email flow that plays audio, and a transition to a missing node": {
    flows: {
      ...clean,
      "digital/mail": {
        ...email(),
        nodes: { ...email().nodes, Q: { type: "playMessage", prompt: "hi", transitions: { next: "Nope" } } },
      },
    },
    core: [
      'flow-references flows/digital/mail.yaml: node "Q" (playMessage): transition "next" points to "Nope", no such node',
      `node-kinds flows/digital/mail.yaml: node "Q" (playMessage): field "type": an inbound email flow cannot use a playMessage node; node types of this kind: ${FLOW_KINDS.inboundEmail.nodeTypes.join(", ")}`,
    ],
    policy: [
      'reachable-nodes flows/digital/mail.yaml: node "D" (disconnect): node is not reachable from start node "Find"',
      `terminates flows/digital/mail.yaml: node "Find" (subflow): field "transitions": no path from this node reaches a node that ends the flow (${TERMINALS})`,
      `terminates flows/digital/mail.yaml: node "Q" (playMessage): field "transitions": no path from this node reaches a node that ends the flow (${TERMINALS})`,
    ],
  },
  "two flows published under one name after substitution": {
    flows: { ...clean, "digital/copy": email("{{line}}") },
    perFlow: { "digital/copy": { line: "MAIL" } },
    core: [
      'unique-names flows/digital/mail.yaml: flow "t-Mail": field "name": published name "t-Mail" is also the published name of flows/digital/copy.yaml ("t-MAIL"); Genesys compares flow names case-insensitively, so one would overwrite the other',
    ],
  },
  "a placeholder without a value": {
    flows: { ...clean, "digital/mail": email("Mail", "{{mail_queue}}") },
    core: [
      'placeholders flows/digital/mail.yaml: node "Q" (transferToQueue): field "queue": placeholder "{{mail_queue}}" has no value in stack "test"',
    ],
  },
  "a subflow without an error transition, and an unreachable node (policy rules)": {
    flows: {
      ...clean,
      "calls/b": (() => {
        const f = callFlow("B");
        delete (f.nodes.Call.transitions as Record<string, unknown>).error;
        (f.nodes as Record<string, unknown>).Spare = { type: "disconnect" };
        return f;
      })(),
    },
    core: [],
    policy: [
      'reachable-nodes flows/calls/b.yaml: node "Spare" (disconnect): node is not reachable from start node "Call"',
      'subflow-transitions flows/calls/b.yaml: node "Call" (subflow): transition "" subflow has no "error" transition'.replace(
        'transition "" ',
        'field "transitions": ',
      ),
    ],
  },
};

// The cases where lint:flows --stack passed what flows:compile and a deploy refused (issue 24).
Object.assign(CASES, {
  "an include that selects no flow": {
    flows: clean,
    config: { include: ["nothing/**"] },
    beforeRegistering: true,
    core: [
      'load-error Pulumi.test.yaml: field "genesys-flows:include": selects no flow of flows/ (5 flow files); check genesys-flows:include and genesys-flows:exclude',
    ],
  },
  "a substitution value holding a quote and a newline": {
    flows: { ...clean, "calls/greeting": greeting("{{welcome}}") },
    substitutions: { welcome: 'Say "hi"\nthen wait' },
    beforeRegistering: true,
    core: [
      'load-error flows/calls/greeting.yaml: flow "Greeting": substitution "welcome": its value cannot be inserted safely into the compiled YAML because it contains a double quote ("); the provider inserts values verbatim, so change the value in the stack config',
    ],
  },
  "a typo in a per-flow stack key": {
    flows: clean,
    perFlow: { "calls/aa": { line: "x" } },
    beforeRegistering: true,
    core: [
      'load-error Pulumi.test.yaml: field "genesys-flows:flows.calls/aa": no flow file flows/calls/aa.yaml; did you mean "calls/a"?; per-flow settings are keyed by the flow file\'s path under flows/ without .yaml',
    ],
  },
  "a flow over the compiler's size cap": {
    flows: { ...clean, "digital/wide": ladder() },
    beforeRegistering: true,
    core: [
      'load-error flows/digital/wide.yaml: flow "Wide": compiling would emit more than 2000 node copies for 27 nodes (nodes reached from several places are repeated in each branch; node "D12" alone 399 times); simplify the flow so fewer paths share the same nodes',
    ],
  },
  "a substitution value holding a placeholder": {
    flows: { ...clean, "digital/mail": email("Mail", "{{mail_queue}}") },
    substitutions: { mail_queue: "{{queue}}", queue: "Mail" },
    beforeRegistering: true,
    core: [
      'load-error Pulumi.test.yaml: field "genesys-flows:substitutions.mail_queue": substitution "mail_queue": its value contains the placeholder "{{queue}}"; substitution values are inserted verbatim and must not contain placeholders',
    ],
  },
} satisfies Record<string, Case>);

function project(c: Case): string {
  const files: Record<string, string> = {};
  for (const [id, spec] of Object.entries(c.flows)) files[`flows/${id}.yaml`] = flowText(spec);
  const config: Record<string, unknown> = {
    "genesys-flows:environment": "test",
    "genesys-flows:namePrefix": "t-",
    "genesys-flows:substitutions": c.substitutions ?? {},
    ...Object.fromEntries(Object.entries(c.config ?? {}).map(([k, v]) => [`genesys-flows:${k}`, v])),
    ...(c.perFlow
      ? {
          "genesys-flows:flows": Object.fromEntries(
            Object.entries(c.perFlow).map(([id, s]) => [id, { substitutions: s }]),
          ),
        }
      : {}),
  };
  files[`Pulumi.${STACK}.yaml`] = YAML.stringify({ config });
  files[`policies/config/${STACK}.json`] = POLICY_CONFIG;
  return tempProject(files);
}

const withRule = (i: FlowIssue) => `${(i as FlowIssue & { ruleId?: string }).ruleId ?? "load-error"} ${formatIssue(i)}`;

/** 1. The planner, as the stack program and flows:compile call it. */
function planner(root: string): string[] {
  try {
    readPortfolio(root, STACK);
    return [];
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    return e.issues.map(withRule);
  }
}

/** 2. flows:compile: its stderr lists formatted issues (no rule ids). */
function compileCli(root: string): string[] {
  let err = "";
  const code = compileMain(["--root", root, "--stack", STACK, "--out", join(root, ".work", "out")], {
    out: { write: () => true } as never,
    err: { write: (s: string) => ((err += s), true) } as never,
  });
  return code === 0 ? [] : err.trim().split("\n");
}

/**
 * 2b. flows:diff --stack, the working tree against a base without flows (the git reads are the
 * CLI's; what it loads, selects and refuses is this): the problems of the working tree it lists
 * and exits 1 with (the base's own, here that it has no stack file, are the base's).
 */
function diff(root: string): string[] {
  const head = { sources: readFlowSources(root), stackText: readFileSync(join(root, `Pulumi.${STACK}.yaml`), "utf8") };
  const r = diffPortfolios({ sources: [] }, head, { stack: STACK, format: "text", base: "empty" });
  return [...r.problems.filter((p) => p.side === "head").flatMap((p) => p.message.split("\n")), ...r.refusals];
}

/** 3. lint:flows --stack: JSON results. */
function lint(root: string): string[] {
  const r = runLint(["--stack", STACK, "--format", "json"], { cwd: root });
  expect(r.stderr).toBe("");
  const json = JSON.parse(r.stdout) as { results: Array<{ ruleId: string; message: string }> };
  return json.results.map((x) => `${x.ruleId} ${issueText(x.message)}`);
}

/** The formatted issue inside a pack/lint message `[rule] stack "test": <issue>. Fix: ...`. */
function issueText(message: string): string {
  return message
    .replace(/^\[[^\]]+\] stack "[^"]+": /, "")
    .replace(/\. Fix: .*$/s, "")
    .replace(/\.$/, "");
}

/**
 * 4. The policy pack: every policy over the components' facts as the program would register them:
 * the flows the shared pipeline loads and selects, substituted (none when the stack file is wrong).
 */
function pack(root: string): string[] {
  const settings = readStackSettings(root, STACK);
  const input = runPipeline({ sources: readFlowSources(root), stack: { name: STACK, settings }, compile: false })
    .checkInput ?? { flows: [] };
  const byName = new Map(input.flows.filter((f) => isModuleModel(f.model)).map((f) => [f.model.name, f]));
  const resources = input.flows.map((f) => {
    const calls = [
      ...new Set(
        Object.values(f.model.nodes).flatMap((n) => (n.type === "subflow" && byName.has(n.module) ? [n.module] : [])),
      ),
    ].sort();
    const facts: FlowFacts = {
      stack: STACK,
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      forceUnlock: settings.forceUnlock,
      id: f.id,
      file: f.file,
      kind: f.model.kind,
      publishedName: f.displayName,
      model: f.model,
      calls: calls.map((name) => ({ id: byName.get(name)!.id, name, publishedName: byName.get(name)!.displayName })),
      substitutionKeys: [],
    };
    const type = isModuleModel(f.model) ? COMMON_MODULE_TYPE : INTERACTION_FLOW_TYPE;
    // As the components register them: the model as JSON (decoded once, frozen, shared by the rules).
    return {
      type,
      name: f.id,
      urn: `urn:pulumi:${STACK}::genesys-flows::${type}::${f.id}`,
      props: { facts: registeredFacts(facts) },
    };
  });
  const out: string[] = [];
  for (const policy of buildPolicies(join(root, "policies", "config")) as StackValidationPolicy[]) {
    if (policy.name === "module-wiring") continue; // reads the engine's registrations, not the files
    policy.validateStack!({ resources } as never, (message: string) =>
      out.push(`${policy.name} ${issueText(message)}`),
    );
  }
  return out;
}

/** 5. The stack program under mocks, with the stack's settings as engine config. */
async function program(root: string): Promise<string[]> {
  const session = await installMocks(STACK);
  const { runProgram } = await import("../../components/program");
  const { engineRun } = await import("../../run/engineRun");
  const raw = YAML.parse(readFileSync(join(root, `Pulumi.${STACK}.yaml`), "utf8")).config as Record<string, unknown>;
  pulumi.runtime.setAllConfig(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
  );
  let problems: string[] = [];
  try {
    // The org every guard reads: an emulator with the objects the flows name, no flow of the stack's names.
    const emu = await emulatorFor(root, STACK);
    try {
      const result = await runProgram(engineRun(root, emulatorRunIo(emu, STACK)));
      await Promise.all([...result.summary.map((f) => valueOf(f.flowId)), valueOf(result.releases)]);
    } finally {
      await emu.stop();
    }
  } catch (e) {
    if (!(e instanceof pulumi.RunError)) throw e;
    problems = e.message.replace(/^flow files are not valid:\n/, "").split("\n");
  }
  // Every component registered its outputs before the next case installs new mocks.
  await session.settled();
  const flows = session.registrations.filter((r) => r.type === "genesyscloud:index/flow:Flow").length;
  expect(flows).toBe(problems.length === 0 ? readFlowSources(root).length : 0);
  return problems;
}

const plain = (lines: string[]) => lines.map((l) => l.replace(/^[a-z-]+ /, ""));

describe.each(Object.entries(CASES))("%s", (_name, c) => {
  const root = project(c);
  mkdirSync(join(root, ".work"), { recursive: true });
  writeFileSync(join(root, ".work", ".keep"), "");

  test("the planner, flows:compile, flows:diff and the stack program stop with the same core problems", async () => {
    const expected = [...c.core].sort();
    expect(planner(root).sort()).toEqual(expected);
    expect(compileCli(root).sort()).toEqual(plain(expected).sort());
    expect(diff(root).sort()).toEqual(plain(expected).sort());
    expect((await program(root)).sort()).toEqual(plain(expected).sort());
  });

  test("lint:flows --stack and the policy pack report the same core and policy problems", () => {
    const expected = [...c.core, ...(c.policy ?? [])].sort();
    expect(lint(root).sort()).toEqual(expected);
    expect(pack(root).sort()).toEqual(c.beforeRegistering ? [...(c.policy ?? [])].sort() : expected);
  });
});
