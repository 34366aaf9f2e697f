// Every node type, tested the same way so that a new one cannot go untested:
//  - a compiler golden: its fixtures (testkit/nodeTypeFixtures.ts: every field set, optional
//    fields left out, reached from two places) compiled in the first kind that calls modules and
//    allows it (a module for `return`); review changes with UPDATE_GOLDEN=1;
//  - a lint test: a misuse of the node, caught by `lint:flows` with a message that names the file
//    (with line and column), the node and the field;
//  - its transitions: those node_types (the agent's reference) calls needed are those lint refuses
//    a node to lack, and no other.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CALLER_KINDS, FLOW_KINDS, KIND_NAMES, type FlowKind } from "../../model/kinds";
import { NODE_DESCRIPTORS, NODE_TYPES, type NodeType } from "../../model/nodes";
import { runLint } from "../../tools/lintFlows";
import { EXAMPLE_MODULE, allows, nodeTypeFixtures, nodeTypePortfolio } from "../../testkit/nodeTypeFixtures";
import { flowText, plan, tempProject } from "../../testkit/portfolio";
import { callTool, MCP_TOOLS } from "../../tools/mcp/tools";

const GOLDEN = join(__dirname, "golden", "nodeTypes");

/** The kind a node type's golden is compiled in: the first caller kind allowing it, else a module, else the first kind allowing it. */
function goldenKind(type: NodeType): FlowKind {
  return (
    CALLER_KINDS.find((k) => allows(k, type)) ??
    (allows("commonModule", type) ? "commonModule" : KIND_NAMES.find((k) => allows(k, type))!)
  );
}

describe("compiler goldens, one per node type", () => {
  const fixtures = nodeTypeFixtures({ everyType: false }).filter((f) => f.kind === goldenKind(f.type));
  const portfolio = plan(nodeTypePortfolio(fixtures), { namePrefix: "t-" });

  test.each(NODE_TYPES)("%s", (type) => {
    const docs = fixtures
      .filter((f) => f.type === type)
      .map((f) => portfolio.flows.find((p) => p.id === f.id)!.templateYaml);
    expect(docs.length).toBeGreaterThanOrEqual(2);
    const text = docs.join("---\n");
    const file = join(GOLDEN, `${type}.yaml`);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, text);
    }
    if (!existsSync(file)) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1 and review it`);
    expect(text).toBe(readFileSync(file, "utf8"));
  });
});

interface Misuse {
  kind: FlowKind;
  variables?: Record<string, unknown>;
  /** The node under test is `M`; it may go to `End` (a disconnect, or a return in a module) and `Other`. */
  node: Record<string, unknown>;
  extra?: Record<string, unknown>;
  rule: string;
  field: string;
  message: RegExp;
}

const VARS = { text: { type: "string" }, n: { type: "integer" } };

/** One misuse per node type: what a teammate could get wrong, and what lint must say. */
const MISUSES: Record<NodeType, Misuse> = {
  playMessage: {
    kind: "inboundCall",
    node: { type: "playMessage", prompt: "", transitions: { next: "End" } },
    rule: "load-error",
    field: "prompt",
    message: /non-empty text to speak/,
  },
  collectDigits: {
    kind: "inboundCall",
    variables: VARS,
    node: {
      type: "collectDigits",
      prompt: "Enter it",
      variable: "n",
      maxDigits: 4,
      transitions: { success: "End", failure: "End" },
    },
    rule: "variables",
    field: "variable",
    message: /variable "n" is integer; this node stores a string value/,
  },
  menu: {
    kind: "inboundCall",
    node: {
      type: "menu",
      prompt: "Press 1",
      choices: { a: { dtmf: 1 }, b: { dtmf: "1" } },
      transitions: { a: "End", b: "End" },
    },
    rule: "load-error",
    field: "choices.b.dtmf",
    message: /key 1 is already the key of choice "a"/,
  },
  decision: {
    kind: "inboundEmail",
    variables: VARS,
    node: { type: "decision", expression: 'Flow.txt == "a"', transitions: { yes: "End", no: "End" } },
    rule: "expressions",
    field: "expression",
    message: /unknown variable "Flow\.txt": it is not declared in this flow.*did you mean "Flow\.text"\?/,
  },
  switch: {
    kind: "inboundShortMessage",
    variables: VARS,
    node: {
      type: "switch",
      cases: { big: "Flow.n > 3", odd: "Flow.n >" },
      transitions: { big: "End", odd: "End", default: "End" },
    },
    rule: "expressions",
    field: "cases.odd",
    message: /operator ">" has no right operand/,
  },
  schedule: {
    kind: "inboundCall",
    node: {
      type: "schedule",
      schedule: "Hours",
      timeZone: "Central time",
      transitions: { open: "End", closed: "End" },
    },
    rule: "load-error",
    field: "timeZone",
    message: /an IANA time zone name/,
  },
  scheduleGroup: {
    kind: "inboundCall",
    node: {
      type: "scheduleGroup",
      scheduleGroup: "Office",
      emergencyGroup: "Storm",
      transitions: { open: "End", closed: "End", holiday: "End" },
    },
    rule: "load-error",
    field: "transitions",
    message: /has no "emergency" transition/,
  },
  setVariable: {
    kind: "inQueueCall",
    variables: VARS,
    node: { type: "setVariable", variable: "n", value: '"three', transitions: { next: "End" } },
    rule: "expressions",
    field: "value",
    message: /unclosed string literal/,
  },
  setVariables: {
    kind: "inboundEmail",
    variables: VARS,
    node: { type: "setVariables", values: { text: '"a"', nn: "1" }, transitions: { next: "End" } },
    rule: "variables",
    field: "values.nn",
    message: /variable "nn" is not declared/,
  },
  dataAction: {
    kind: "inboundCall",
    variables: VARS,
    node: {
      type: "dataAction",
      category: "Web",
      action: "Lookup",
      outputs: { name: "customerName" },
      transitions: { success: "End", failure: "End", timeout: "End" },
    },
    rule: "variables",
    field: "outputs.name",
    message: /variable "customerName" is not declared/,
  },
  getParticipantData: {
    kind: "inboundEmail",
    variables: VARS,
    node: { type: "getParticipantData", attributes: { tier: "n" }, transitions: { next: "End" } },
    rule: "variables",
    field: "attributes.tier",
    message: /variable "n" is integer; this node stores a string value/,
  },
  setParticipantData: {
    kind: "inboundCall",
    variables: VARS,
    node: { type: "setParticipantData", attributes: { tier: "Flow.nn" }, transitions: { next: "End" } },
    rule: "expressions",
    field: "attributes.tier",
    message: /unknown variable "Flow\.nn"/,
  },
  subflow: {
    kind: "inboundCall",
    node: {
      type: "subflow",
      module: "Example",
      inputs: { text: "42 +" },
      transitions: { completed: "End", error: "End" },
    },
    rule: "expressions",
    field: "inputs.text",
    message: /operator "\+" has no right operand/,
  },
  dataTableLookup: {
    kind: "inboundCall",
    variables: VARS,
    node: {
      type: "dataTableLookup",
      table: "Area codes",
      key: "Flow.area",
      outputs: {},
      transitions: { found: "End", notFound: "End", failure: "End" },
    },
    rule: "expressions",
    field: "key",
    message: /unknown variable "Flow\.area"/,
  },
  setWrapupCode: {
    kind: "inboundShortMessage",
    node: { type: "setWrapupCode", wrapupCode: "", transitions: { next: "End" } },
    rule: "load-error",
    field: "wrapupCode",
    message: /wrapupCode/,
  },
  setLanguage: {
    kind: "inboundCall",
    node: { type: "setLanguage", language: "Spanish", transitions: { next: "End" } },
    rule: "load-error",
    field: "language",
    message: /a language code such as en-us/,
  },
  communicate: {
    kind: "inboundCall",
    node: { type: "communicate", communication: 'MakeCommunication("Hi"', transitions: { next: "End" } },
    rule: "node-kinds",
    field: "type",
    message: /an inbound call flow cannot use a communicate node/,
  },
  askForSlot: {
    kind: "inboundCall",
    node: {
      type: "askForSlot",
      slot: "Order",
      question: 'MakeCommunication("Which order?")',
      transitions: { next: "End" },
    },
    rule: "node-kinds",
    field: "type",
    message: /an inbound call flow cannot use a askForSlot node/,
  },
  askSurveyQuestion: {
    kind: "voiceSurvey",
    node: {
      type: "askSurveyQuestion",
      surveyForm: "Survey",
      surveyQuestion: "Friendly?",
      question: 'MakeCommunication("Friendly?"',
      transitions: { next: "End" },
    },
    rule: "expressions",
    field: "question",
    message: /unbalanced "\(": the call to MakeCommunication is never closed/,
  },
  setScreenPop: {
    kind: "inboundCall",
    variables: VARS,
    node: { type: "setScreenPop", script: "CRM", inputs: { Account: "Flow.acount" }, transitions: { next: "End" } },
    rule: "expressions",
    field: "inputs.Account",
    message: /unknown variable "Flow\.acount"/,
  },
  holdMusic: {
    kind: "inboundCall",
    node: { type: "holdMusic", holdPrompt: "Flow.HoldPrompt", transitions: { next: "End" } },
    rule: "node-kinds",
    field: "type",
    message: /an inbound call flow cannot use a holdMusic node/,
  },
  wait: {
    kind: "workflow",
    node: { type: "wait", seconds: 90, transitions: { next: "End" } },
    rule: "load-error",
    field: "seconds",
    message: /under 60 seconds, or a whole number of minutes/,
  },
  findQueue: {
    kind: "inboundCall",
    variables: VARS,
    node: {
      type: "findQueue",
      queueName: '"Support"',
      variable: "text",
      transitions: { found: "End", notFound: "End" },
    },
    rule: "variables",
    field: "variable",
    message: /variable "text" is string; this node stores a queue value/,
  },
  transferToNumber: {
    kind: "inboundCall",
    node: { type: "transferToNumber", number: "Flow.partnerNumber" },
    rule: "expressions",
    field: "number",
    message: /unknown variable "Flow\.partnerNumber"/,
  },
  exitBotFlow: {
    kind: "inboundEmail",
    node: { type: "exitBotFlow" },
    rule: "node-kinds",
    field: "type",
    message: /an inbound email flow cannot use a exitBotFlow node/,
  },
  flushAudio: {
    kind: "inboundEmail",
    node: { type: "flushAudio", transitions: { next: "End" } },
    rule: "node-kinds",
    field: "type",
    message: /an inbound email flow cannot use a flushAudio node/,
  },
  endWorkflow: {
    kind: "inboundCall",
    node: { type: "endWorkflow" },
    rule: "node-kinds",
    field: "type",
    message: /an inbound call flow cannot use a endWorkflow node/,
  },
  callModule: {
    kind: "inboundCall",
    node: { type: "callModule", module: "Example", inputs: { text: "42 +" }, transitions: { next: "End" } },
    rule: "expressions",
    field: "inputs.text",
    message: /operator "\+" has no right operand/,
  },
  sendAutoReply: {
    kind: "inboundEmail",
    variables: VARS,
    node: { type: "sendAutoReply", body: "Append(Flow.text", transitions: { next: "End" } },
    rule: "expressions",
    field: "body",
    message: /the call to Append is never closed/,
  },
  sendResponse: {
    kind: "inboundShortMessage",
    node: { type: "sendResponse", message: "Flow.greeting", transitions: { next: "End" } },
    rule: "expressions",
    field: "message",
    message: /unknown variable "Flow\.greeting": it is not declared/,
  },
  transferToQueue: {
    kind: "inboundCall",
    node: { type: "transferToQueue", queue: "Support", priority: "Flow.priority" },
    rule: "expressions",
    field: "priority",
    message: /unknown variable "Flow\.priority"/,
  },
  transferToFlow: {
    kind: "inboundEmail",
    node: { type: "transferToFlow", flow: "Billing IVR" },
    rule: "node-kinds",
    field: "type",
    message: /an inbound email flow cannot use a transferToFlow node/,
  },
  disconnect: {
    kind: "inboundCall",
    node: { type: "disconnect", transitions: { next: "End" } },
    rule: "load-error",
    field: "transitions",
    message: /unknown transition "next"; a disconnect node has no transitions/,
  },
  return: {
    kind: "inboundCall",
    node: { type: "return", outcome: "completed" },
    rule: "node-kinds",
    field: "type",
    message: /a return node is only allowed in a common module/,
  },
  loop: {
    kind: "inboundCall",
    variables: VARS,
    node: { type: "loop", maxLoops: 3, counter: "text", transitions: { body: "End", done: "End" } },
    rule: "variables",
    field: "counter",
    message: /variable "text" is string; this node stores a integer value/,
  },
  archy: {
    kind: "inboundEmail",
    node: {
      type: "archy",
      actions: [{ playAudio: { name: "Hello", audio: { tts: "hi" } } }],
      transitions: { next: "End" },
    },
    rule: "archy-actions",
    field: "actions[0].playAudio",
    message: /playAudio/,
  },
};

/** Types the catalogue cannot reconcile (a built-in's type is the catalogue's): a located warning, an error only in strict mode. */
const DOUBTFUL_TYPES: Array<{ kind: FlowKind; node: Record<string, unknown>; field: string; message: RegExp }> = [
  {
    kind: "inboundEmail",
    node: { type: "decision", expression: "Email.Message.subject", transitions: { yes: "End", no: "End" } },
    field: "expression",
    message: /expected a boolean, found a string/,
  },
  {
    kind: "inQueueCall",
    node: { type: "setVariable", variable: "n", value: "Call.Ani", transitions: { next: "End" } },
    field: "value",
    message: /expected an integer, found a string/,
  },
  {
    kind: "inboundCall",
    node: { type: "transferToQueue", queue: "Support", priority: "Call.Ani" },
    field: "priority",
    message: /expected an integer, found a string/,
  },
];

/** Types that are certain (a literal, a declared variable) with no conversion Architect makes (help:implicit-casting): an error. */
const CERTAIN_TYPE_ERRORS: Array<{ kind: FlowKind; node: Record<string, unknown>; field: string; message: RegExp }> = [
  {
    kind: "inboundEmail",
    node: { type: "decision", expression: "Flow.text", transitions: { yes: "End", no: "End" } },
    field: "expression",
    message: /expected a boolean, found a string/,
  },
  {
    kind: "inQueueCall",
    node: { type: "setVariable", variable: "n", value: '"three"', transitions: { next: "End" } },
    field: "value",
    message: /expected an integer, found a string/,
  },
  {
    kind: "inboundCall",
    node: { type: "transferToQueue", queue: "Support", priority: '"high"' },
    field: "priority",
    message: /expected an integer, found a string/,
  },
];

describe("a type error between certain types is refused at its node and field (rule expressions)", () => {
  test.each(CERTAIN_TYPE_ERRORS.map((d) => [d.node.type as string, d] as const))("%s", (_type, d) => {
    const flow = {
      kind: d.kind,
      name: "Certain",
      variables: VARS,
      start: "M",
      nodes: { M: d.node, End: { type: "disconnect" } },
    };
    const r = runLint([], { cwd: tempProject({ "flows/certain.yaml": flowText(flow) }) });
    expect(r.exitCode).toBe(1);
    const hit = r.stdout
      .split("\n")
      .find(
        (l) =>
          l.includes("[expressions]") &&
          l.includes(`node "M"`) &&
          l.includes(`field "${d.field}"`) &&
          d.message.test(l),
      );
    expect({ hit, out: r.stdout }).toEqual({
      hit: expect.stringMatching(/^flows\/certain\.yaml:\d+:\d+: error /),
      out: r.stdout,
    });
  });
});

describe("a type the catalogue cannot reconcile is a located warning (rule archy-unknown)", () => {
  test.each(DOUBTFUL_TYPES.map((d) => [d.node.type as string, d] as const))("%s", (_type, d) => {
    const flow = {
      kind: d.kind,
      name: "Doubtful",
      variables: VARS,
      start: "M",
      nodes: { M: d.node, End: { type: "disconnect" } },
    };
    const root = tempProject({ "flows/doubtful.yaml": flowText(flow) });
    const r = runLint([], { cwd: root });
    expect(r.exitCode).toBe(0);
    const hit = r.stdout
      .split("\n")
      .find(
        (l) =>
          l.includes("[archy-unknown]") &&
          l.includes(`node "M"`) &&
          l.includes(`field "${d.field}"`) &&
          d.message.test(l),
      );
    expect({ hit, out: r.stdout }).toEqual({
      hit: expect.stringMatching(/^flows\/doubtful\.yaml:\d+:\d+: warning /),
      out: r.stdout,
    });
  });
});

describe("lint catches a misuse of every node type, naming the file, the node and the field", () => {
  test("every node type has a misuse case", () => {
    expect(Object.keys(MISUSES).sort()).toEqual([...NODE_TYPES].sort());
  });

  test.each(NODE_TYPES)("%s", (type) => {
    const m = MISUSES[type];
    const isModule = FLOW_KINDS[m.kind].isModule;
    const flow = {
      kind: m.kind,
      name: "Misuse",
      ...(isModule ? { compatibleFlowTypes: ["inboundCall"] } : {}),
      variables: m.variables ?? {},
      start: "M",
      nodes: {
        M: m.node,
        End: isModule ? { type: "return", outcome: "completed" } : { type: "disconnect" },
        ...m.extra,
      },
    };
    const root = tempProject({ "flows/misuse.yaml": flowText(flow), "flows/example.yaml": flowText(EXAMPLE_MODULE) });
    const r = runLint([], { cwd: root });
    expect(r.exitCode).toBe(1);
    const lines = r.stdout
      .split("\n")
      .filter((l) => l.includes(`[${m.rule}]`) && l.includes(`node "M" (${NODE_DESCRIPTORS[type].type})`));
    const field = m.field.startsWith("transitions.")
      ? `transition "${m.field.slice("transitions.".length)}"`
      : `field "${m.field}"`;
    const hit = lines.find((l) => l.includes(field) && m.message.test(l));
    expect({ hit: hit !== undefined, out: r.stdout }).toEqual({ hit: true, out: r.stdout });
    expect(hit).toMatch(/^flows\/misuse\.yaml:\d+:\d+: error /);
  });
});

describe("node_types and lint say the same of the transitions a node needs", () => {
  // One source: a node type's transition specs (model/nodes), `needed` for node_types and the README,
  // their `required` for the load and flow-references, their `requiredBy` for the policy that reports them.
  test("each transition node_types lists without (optional) is one lint refuses to lack, and only those", async () => {
    const answer = await callTool(MCP_TOOLS.find((t) => t.name === "node_types")!, tempProject({}), {
      kind: "inboundCall",
    });
    if (!answer.ok) throw new Error(answer.error);
    const listed = new Map(
      (answer.value as { nodeTypes: Array<{ type: NodeType; transitions: string }> }).nodeTypes.map((n) => [
        n.type,
        n.transitions,
      ]),
    );
    // Every transition of every call-flow node type whose transitions are fixed, each left out of its own flow.
    const cases = nodeTypeFixtures({ everyType: false })
      .filter(
        (f) =>
          f.kind === "inboundCall" && f.variant === "start" && NODE_DESCRIPTORS[f.type].transitionsDoc === undefined,
      )
      .flatMap((f) =>
        Object.keys((f.spec.nodes as { Sample: { transitions: Record<string, string> } }).Sample.transitions).map(
          (transition) => ({ f, transition, id: `${f.type}-without-${transition}` }),
        ),
      );
    expect(cases.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        "subflow-without-error",
        "collectDigits-without-failure",
        "transferToQueue-without-failure",
      ]),
    );
    const files: Record<string, string> = { "flows/example.yaml": flowText(EXAMPLE_MODULE) };
    for (const c of cases) {
      const spec = structuredClone(c.f.spec) as {
        name: string;
        nodes: { Sample: { transitions: Record<string, string> } };
      };
      spec.name = c.id;
      delete spec.nodes.Sample.transitions[c.transition];
      files[`flows/${c.id}.yaml`] = flowText(spec);
    }
    const r = runLint(["--format", "json"], { cwd: tempProject(files) });
    const results = (
      JSON.parse(r.stdout) as { results: Array<{ file: string; ruleId: string; message: string; level: string }> }
    ).results;
    for (const c of cases) {
      const refused = results.some(
        (x) =>
          x.file === `flows/${c.id}.yaml` &&
          x.level === "mandatory" &&
          ["load-error", "flow-references", "subflow-transitions"].includes(x.ruleId) &&
          x.message.includes(c.transition),
      );
      const needed = listed.get(c.f.type)!.split(", ").includes(c.transition);
      expect({ case: c.id, refused }).toEqual({ case: c.id, refused: needed });
    }
  });
});
