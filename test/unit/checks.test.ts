// Every rule of checks/ with a flow that breaks it and one that does not. The planner, lint and
// the policy pack all run these same functions (see test/policy/sameVerdict.test.ts).
import { runChecks, type CheckInput, type Finding } from "../../checks";
import { parseFlowText } from "../../model/load";
import { compileFlow } from "../../compiler";
import { callFlow, flowText, lookupModule, messageOf, plan, type FlowSpec } from "../../testkit/portfolio";

function input(flows: Record<string, FlowSpec>, stack?: CheckInput["stack"]): CheckInput {
  return {
    flows: Object.entries(flows).map(([id, spec]) => {
      const f = parseFlowText(flowText(spec), `flows/${id}.yaml`);
      return {
        file: f.file,
        id,
        model: f.model,
        displayName: stack ? `${stack.namePrefix}${f.model.name}` : f.model.name,
      };
    }),
    ...(stack ? { stack } : {}),
  };
}

function findings(flows: Record<string, FlowSpec>, rule: string, stack?: CheckInput["stack"]): Finding[] {
  return runChecks(input(flows, stack), { include: (r) => r.id === rule });
}

const line = (f: Finding) => `${f.file}|${f.node ?? ""}|${f.field ?? ""}|${f.message}`;

describe("flow-references", () => {
  test("start and transitions must name nodes of the flow, with a did-you-mean", () => {
    const flow = callFlow("Main", { start: "Cal" });
    (flow.nodes.Transfer.transitions as Record<string, string>).failure = "Bya";
    const out = findings({ m: lookupModule(), main: flow }, "flow-references").map(line);
    expect(out).toEqual([
      'flows/main.yaml|||points to "Cal", no such node; did you mean "Call"?'.replace("|||", "||start|"),
      'flows/main.yaml|Transfer|transitions.failure|points to "Bya", no such node; did you mean "Bye"?',
    ]);
  });

  test("`start: toString` does not resolve to Object.prototype", () => {
    expect(
      findings({ main: callFlow("Main", { start: "toString" }), m: lookupModule() }, "flow-references"),
    ).toHaveLength(1);
  });
});

describe("node-kinds", () => {
  test("an email flow cannot play audio; a call flow cannot return", () => {
    const email = {
      kind: "inboundEmail",
      name: "E",
      start: "P",
      nodes: { P: { type: "playMessage", prompt: "hi", transitions: { next: "D" } }, D: { type: "disconnect" } },
    };
    const call = { kind: "inboundCall", name: "C", start: "R", nodes: { R: { type: "return", outcome: "completed" } } };
    const out = findings({ email, call }, "node-kinds").map(line);
    expect(out).toHaveLength(2);
    expect(out[0]).toContain("flows/call.yaml|R|type|a return node is only allowed in a common module");
    expect(out[1]).toContain("flows/email.yaml|P|type|an inbound email flow cannot use a playMessage node");
  });

  test("a module offers only the node types every compatible kind shares", () => {
    const m = lookupModule(
      {
        nodes: {
          A: { type: "playMessage", prompt: "hi", transitions: { next: "B" } },
          B: { type: "return", outcome: "completed" },
        },
        start: "A",
      },
      ["inboundCall", "inboundEmail"],
    );
    const [f] = findings({ m }, "node-kinds");
    expect(f.node).toBe("A");
    expect(f.message).toContain("compatible with inboundEmail, which cannot use a playMessage node");
    expect(findings({ m: { ...m, compatibleFlowTypes: ["inboundCall"] } }, "node-kinds")).toEqual([]);
  });
});

describe("variables", () => {
  test("writes to undeclared variables and of the wrong type are refused", () => {
    const flow = {
      kind: "inboundCall",
      name: "C",
      variables: { n: { type: "integer" } },
      start: "A",
      nodes: {
        A: {
          type: "collectDigits",
          prompt: "p",
          variable: "n",
          maxDigits: 2,
          transitions: { success: "B", failure: "B" },
        },
        B: { type: "setVariable", variable: "choice", value: '"1"', transitions: { next: "C" } },
        C: { type: "disconnect" },
      },
    };
    const out = findings({ flow }, "variables").map(line);
    expect(out).toEqual([
      'flows/flow.yaml|A|variable|variable "n" is integer; this node stores a string value',
      'flows/flow.yaml|B|variable|variable "choice" is not declared; declare it under variables',
    ]);
  });

  test("initial values are literals of the variable's type", () => {
    const flow = {
      ...callFlow(),
      variables: {
        customer: { type: "string" },
        ok: { type: "boolean", initial: "false" },
        n: { type: "integer", initial: 1.5 },
      },
    };
    const out = findings({ flow, m: lookupModule() }, "variables").map((f) => `${f.field}: ${f.message}`);
    expect(out).toEqual([
      "variables.n.initial: expected a integer literal, found 1.5",
      'variables.ok.initial: expected a boolean literal, found "false"; write it without quotes',
    ]);
  });

  test("a module may not declare `outcome` or one name twice (case-insensitively)", () => {
    const m = lookupModule({ variables: { Address: { type: "string" }, outcome: { type: "string" } } });
    const out = findings({ m }, "variables").map((f) => f.field);
    expect(out).toEqual(["variables.Address", "variables.outcome"]);
  });
});

describe("graph-loops", () => {
  const retry = (back: string) => ({
    kind: "inboundCall",
    name: "R",
    variables: { pin: { type: "string" } },
    start: "L",
    nodes: {
      L: { type: "loop", maxLoops: 3, transitions: { body: "Ask", done: "Bye" } },
      Ask: {
        type: "collectDigits",
        prompt: "PIN?",
        variable: "pin",
        maxDigits: 4,
        transitions: { success: "Ok", failure: back },
      },
      Ok: { type: "transferToQueue", queue: "Q" },
      Bye: { type: "disconnect" },
    },
  });

  test("nested loops: leaving the inner loop and going round the outer one is not the inner loop's body", () => {
    // Outer: O -> Ask -> Inner; Inner's body Pick leaves it (done: Next), and Next continues O.
    const nested = {
      kind: "inboundCall",
      name: "N",
      variables: { pin: { type: "string" } },
      start: "O",
      nodes: {
        O: { type: "loop", maxLoops: 3, transitions: { body: "Ask", done: "Bye" } },
        Ask: { type: "decision", expression: 'Flow.pin == "1"', transitions: { yes: "Inner", no: "O" } },
        Inner: { type: "loop", maxLoops: 2, transitions: { body: "Pick", done: "Next" } },
        Pick: { type: "decision", expression: 'Flow.pin == "2"', transitions: { yes: "Next", no: "Inner" } },
        Next: { type: "setVariable", variable: "pin", value: '"3"', transitions: { next: "O" } },
        Bye: { type: "disconnect" },
      },
    };
    expect(findings({ n: nested }, "graph-loops")).toEqual([]);
    expect(findings({ n: nested }, "flow-references")).toEqual([]);
    // It compiles: Next follows the inner loop (loopExit), then the outer loop goes round.
    const flow = parseFlowText(flowText(nested as FlowSpec), "flows/n.yaml");
    const compiled = compileFlow(flow, { publishedName: "N", modules: new Map() });
    expect(compiled).toContain("loopExit");
  });

  test("a loop back to the loop node is fine", () => {
    expect(findings({ r: retry("L") }, "graph-loops")).toEqual([]);
  });

  test("a cycle inside a loop's body that skips the loop node is refused with its path", () => {
    const [f] = findings({ r: retry("Ask") }, "graph-loops");
    expect(f.message).toBe(
      "nodes form a cycle (Ask -> Ask) that goes through neither a loop node nor a menu and holds a loop or part of a loop's body",
    );
  });

  const again = (kind: string, last: Record<string, unknown>) => ({
    kind,
    name: "A",
    variables: { pin: { type: "string" } },
    start: "Hi",
    nodes: {
      Hi: { type: "setVariable", variable: "pin", value: '""', transitions: { next: "Check" } },
      Check: { type: "decision", expression: 'Flow.pin == ""', transitions: { yes: "Again", no: "Bye" } },
      Again: last,
      Bye: { type: "disconnect" },
    },
  });

  test("a cycle back to an earlier node with a way out is fine in a kind with reusable tasks (a jump to its task)", () => {
    expect(
      findings(
        {
          a: again("inboundShortMessage", {
            type: "setVariable",
            variable: "pin",
            value: '"1"',
            transitions: { next: "Hi" },
          }),
        },
        "graph-loops",
      ),
    ).toEqual([]);
  });

  test("the same cycle is refused in a kind without reusable tasks", () => {
    const [f] = findings(
      { a: again("inboundEmail", { type: "setVariable", variable: "pin", value: '"1"', transitions: { next: "Hi" } }) },
      "graph-loops",
    );
    expect(f.message).toBe(
      "nodes form a cycle (Again -> Hi -> Check -> Again) that goes through neither a loop node nor a menu (an inbound email flow has no reusable tasks to jump back to)",
    );
  });

  test("a cycle with no way out is refused in every kind", () => {
    const flow = again("inboundShortMessage", {
      type: "setVariable",
      variable: "pin",
      value: '"1"',
      transitions: { next: "Hi" },
    });
    (flow.nodes.Check as { transitions: Record<string, string> }).transitions.no = "Hi";
    const [f] = findings({ a: flow }, "graph-loops");
    expect(f.message).toBe(
      "nodes form a cycle (Again -> Hi -> Check -> Again) with no way out: no path from it reaches a node that ends the flow",
    );
  });

  test("entering a loop's body from outside is refused", () => {
    const flow = retry("L");
    flow.start = "Pre";
    (flow.nodes as Record<string, unknown>).Pre = { type: "playMessage", prompt: "hi", transitions: { next: "Ask" } };
    const out = findings({ r: flow }, "graph-loops");
    expect(out.map((f) => f.node)).toEqual(["Pre"]);
    expect(out[0].message).toContain('go to "L" instead');
  });
});

describe("module-interface", () => {
  test("a missing module, undeclared inputs and outputs are named", () => {
    const flow = callFlow("Main", {}, "Lookpu");
    const out = findings({ m: lookupModule(), main: flow }, "module-interface").map(line);
    expect(out).toEqual(['flows/main.yaml|Call|module|no common module named "Lookpu"; did you mean "Lookup"?']);
    const bad = callFlow();
    (bad.nodes.Call as Record<string, unknown>).inputs = { adress: "Call.Ani" };
    (bad.nodes.Call as Record<string, unknown>).outputs = { outcome: "customer" };
    const msgs = findings({ m: lookupModule(), main: bad }, "module-interface").map((f) => f.message);
    expect(msgs).toEqual([
      'module "Lookup" has no input "adress"; did you mean "address"? Its inputs: address',
      'module "Lookup" has no output "outcome"; its outputs: customerId, score; the outcome is read through the completed and error transitions',
    ]);
  });

  test("an integer output may land in a decimal variable, a decimal output not in an integer one", () => {
    const widen = callFlow("Main", { variables: { customer: { type: "string" }, s: { type: "decimal" } } });
    (widen.nodes.Call as Record<string, unknown>).outputs = { score: "s" };
    expect(findings({ m: lookupModule(), main: widen }, "module-interface")).toEqual([]);
    const narrow = callFlow("Main", { variables: { customer: { type: "string" }, s: { type: "integer" } } });
    (narrow.nodes.Call as Record<string, unknown>).outputs = { customerId: "s" };
    expect(findings({ m: lookupModule(), main: narrow }, "module-interface").map((f) => f.message)).toEqual([
      'module output "customerId" is string but variable "s" is integer',
    ]);
  });

  test("a value bound to an input converts as Architect converts results: to text always, otherwise a warning", () => {
    const flow = callFlow();
    (flow.nodes.Call as Record<string, unknown>).inputs = { address: "42" };
    expect(findings({ m: lookupModule(), main: flow }, "module-interface")).toEqual([]);
    // "the parser adds the ToString value around the expression" (help:implicit-casting)
    expect(findings({ m: lookupModule(), main: flow }, "expressions")).toEqual([]);
    expect(findings({ m: lookupModule(), main: flow }, "archy-unknown")).toEqual([]);
  });
});

describe("module-compatibility and module-cycles", () => {
  test("a caller's kind must be among the module's compatibleFlowTypes", () => {
    const email = {
      kind: "inboundEmail",
      name: "E",
      variables: { customer: { type: "string" } },
      start: "Call",
      nodes: {
        ...callFlow().nodes,
        Call: { ...callFlow().nodes.Call, inputs: { address: "Email.Message.from.email" } },
      },
    };
    const [f] = findings({ m: lookupModule({}, ["inboundCall"]), e: email }, "module-compatibility");
    expect(f.message).toContain('module "Lookup" is not compatible with inbound email flows');
    expect(f.fix).toContain("add inboundEmail to compatibleFlowTypes");
  });

  test("a module calling a module needs the callee compatible with every kind it serves", () => {
    const outer = {
      kind: "commonModule",
      name: "Outer",
      compatibleFlowTypes: ["inboundCall", "inQueueCall"],
      variables: { c: { type: "string" } },
      start: "Call",
      nodes: {
        Call: {
          type: "subflow",
          module: "Lookup",
          inputs: { address: '"x"' },
          outputs: { customerId: "c" },
          transitions: { completed: "Done", error: "Done" },
        },
        Done: { type: "return", outcome: "completed" },
      },
    };
    const [f] = findings({ m: lookupModule(), o: outer }, "module-compatibility");
    expect(f.message).toContain('this module is compatible with inQueueCall, and module "Lookup" is not');
  });

  test("modules calling each other in a cycle are refused with the cycle's path", () => {
    const mod = (name: string, calls: string) => ({
      kind: "commonModule",
      name,
      start: "Call",
      nodes: {
        Call: { type: "subflow", module: calls, transitions: { completed: "Done", error: "Done" } },
        Done: { type: "return", outcome: "completed" },
      },
    });
    const out = findings({ a: mod("A", "B"), b: mod("B", "C"), c: mod("C", "A") }, "module-cycles");
    expect(out.map((f) => f.message)).toEqual([
      "modules call each other in a cycle: A -> B -> C -> A; a module is compiled with the modules it calls, so a cycle has no end",
    ]);
    expect(out[0].node).toBe("Call");
  });
});

describe("unique-names", () => {
  test("model names are compared case-insensitively", () => {
    const out = findings({ a: callFlow("Sales"), b: callFlow("sales"), m: lookupModule() }, "unique-names");
    expect(out.map((f) => `${f.file}: ${f.message}`)).toEqual([
      'flows/b.yaml: flow name "sales" is also the flow name of flows/a.yaml ("Sales"); Genesys compares flow names case-insensitively, so one would overwrite the other',
    ]);
  });

  test("without a stack a name holding a placeholder is not compared (each stack may fill it per flow); with one, the published names are", () => {
    const flows = {
      a: callFlow("{{flow_name}}"),
      b: callFlow("{{flow_name}}"),
      c: callFlow("Sales {{env}}"),
      d: callFlow("sales {{env}}"),
      m: lookupModule(),
    };
    expect(findings(flows, "unique-names")).toEqual([]);
    // A plain name is still compared with the others.
    expect(findings({ ...flows, e: callFlow("Lookup") }, "unique-names").map((f) => f.file)).toEqual(["flows/m.yaml"]);
    const stack = { stack: "dev", environment: "dev", namePrefix: "dev-", forceUnlock: false };
    expect(findings(flows, "unique-names", stack).map((f) => f.file)).toEqual(["flows/b.yaml", "flows/d.yaml"]);
    // Filled per flow, they differ; filled with one shared value, they collide.
    const perFlow = {
      namePrefix: "t-",
      substitutions: { env: "x" },
      flows: { a: { substitutions: { flow_name: "A" } }, b: { substitutions: { flow_name: "B" } } },
    };
    const twoFlows = { a: callFlow("{{flow_name}}"), b: callFlow("{{flow_name}}"), m: lookupModule() };
    expect(
      plan(twoFlows, perFlow)
        .flows.map((f) => f.publishedName)
        .sort(),
    ).toEqual(["t-A", "t-B", "t-Lookup"]);
    expect(messageOf(() => plan(twoFlows, { namePrefix: "t-", substitutions: { flow_name: "Same" } }))).toContain(
      'published name "t-Same" is also the published name of flows/a.yaml',
    );
  });
});

describe("policy rules", () => {
  test("subflow-transitions, module-required-inputs, reachable-nodes, terminates", () => {
    const flow = callFlow();
    delete (flow.nodes.Call.transitions as Record<string, unknown>).error;
    (flow.nodes.Call as Record<string, unknown>).inputs = {};
    (flow.nodes as Record<string, unknown>).Orphan = {
      type: "playMessage",
      prompt: "x",
      transitions: { next: "Orphan2" },
    };
    (flow.nodes as Record<string, unknown>).Orphan2 = {
      type: "setVariable",
      variable: "customer",
      value: '"x"',
      transitions: { next: "Orphan" },
    };
    const flows = { m: lookupModule(), main: flow };
    expect(findings(flows, "subflow-transitions").map((f) => f.message)).toEqual(['subflow has no "error" transition']);
    expect(findings(flows, "module-required-inputs").map((f) => f.message)).toEqual([
      'required input "address" (string) of module "Lookup" is not bound',
    ]);
    expect(findings(flows, "reachable-nodes").map((f) => f.node)).toEqual(["Orphan", "Orphan2"]);
    expect(findings(flows, "terminates").map((f) => f.node)).toEqual(["Orphan", "Orphan2"]);
  });

  test("guardrails key on the stack's name as well as its environment", () => {
    const stack = { stack: "prod", environment: "production", namePrefix: "", forceUnlock: true };
    const flows = { m: lookupModule(), main: callFlow() };
    expect(findings(flows, "prod-force-unlock", stack).map((f) => f.file)).toEqual(["Pulumi.prod.yaml"]);
    expect(findings(flows, "prod-name-prefix", stack).map((f) => f.message)).toEqual([
      'stack "prod" publishes flows with no name prefix, so they can clash with other environments\' flows',
      'stack "prod" publishes flows with no name prefix, so they can clash with other environments\' flows',
    ]);
    const pinned = runChecks(input(flows, { ...stack, namePrefix: "dev-" }), {
      include: (r) => r.id === "prod-name-prefix",
      settingsOf: () => ({ environments: ["prod"], namePrefix: "prod-" }),
    });
    expect(pinned.map((f) => f.message)).toEqual([
      'published name "dev-Lookup" does not start with "prod-"',
      'published name "dev-Main" does not start with "prod-"',
    ]);
  });
});

describe("expressions (the same parser and type checker as the emulator's validator)", () => {
  const withValue = (value: string, type = "string") => {
    const f = callFlow("Main", { variables: { customer: { type: "string" }, n: { type: "integer" }, out: { type } } });
    (f.nodes as Record<string, unknown>).Set = {
      type: "setVariable",
      variable: "out",
      value,
      transitions: { next: "Bye" },
    };
    (f.nodes.Transfer.transitions as Record<string, string>).failure = "Set";
    return f;
  };
  const messages = (flows: Record<string, FlowSpec>, stack?: CheckInput["stack"]) =>
    findings(flows, "expressions", stack).map((f) => `${f.node} ${f.field}: ${f.message}`);
  /** What the catalogue cannot settle: rule archy-unknown, a warning. */
  const doubts = (flows: Record<string, FlowSpec>) =>
    findings(flows, "archy-unknown").map((f) => `${f.node} ${f.field}: ${f.message}`);

  test("a caller reading Common.x: the module's variables do not exist in the caller", () => {
    const [m] = messages({ m: lookupModule(), main: withValue("Common.address") });
    expect(m).toMatch(/^Set value: .*Common/);
  });

  test("a variable the flow does not declare", () => {
    expect(messages({ m: lookupModule(), main: withValue('Append(Flow.custmer, "x")') })).toEqual([
      expect.stringMatching(/^Set value: .*Flow\.custmer.*(did you mean "Flow\.customer"|not declared)/),
    ]);
  });

  // Architect converts an expression's result only to text (help:implicit-casting): text where a
  // number or a Boolean is expected is certain, as is a declared variable of another type.
  test("a string assigned to an integer variable is refused", () => {
    const flows = { m: lookupModule(), main: withValue('"twelve"', "integer") };
    expect(messages(flows)).toEqual([expect.stringMatching(/^Set value: expected an? integer, found a string/)]);
    expect(doubts(flows)).toEqual([]);
  });

  test("a declared string variable assigned to an integer variable is refused; a {{placeholder}} text is unknown", () => {
    expect(messages({ m: lookupModule(), main: withValue("Flow.customer", "integer") })).toEqual([
      expect.stringMatching(/^Set value: expected an? integer, found a string/),
    ]);
    const placeholder = { m: lookupModule(), main: withValue('"{{count}}"', "integer") };
    expect(messages(placeholder)).toEqual([]);
    expect(doubts(placeholder)).toEqual([expect.stringMatching(/^Set value: expected an? integer, found a string/)]);
  });

  test("a module returning text for its integer output is refused", () => {
    const m = lookupModule();
    (m.nodes.Found as Record<string, unknown>).outputs = { customerId: '"C-1"', score: '"high"' };
    expect(messages({ m })).toEqual([
      expect.stringMatching(/^Found outputs\.score: expected an? integer, found a string/),
    ]);
    expect(doubts({ m })).toEqual([]);
  });

  test("text bound to a module's integer input is refused by module-interface, at the binding, with both types", () => {
    const m = lookupModule();
    const flow = callFlow();
    (flow.nodes.Call as Record<string, unknown>).inputs = { address: '"three"' };
    expect(findings({ m, main: flow }, "module-interface")).toEqual([]);
    (m as { inputs: Record<string, unknown> }).inputs = { address: { type: "integer" } };
    expect(messages({ m, main: flow })).toEqual([]);
    expect(findings({ m, main: flow }, "module-interface").map(line)).toEqual([
      'flows/main.yaml|Call|inputs.address|module input "address" is an integer but "three" is a string; Architect converts an expression\'s result only to text (help:implicit-casting)',
    ]);
  });

  test("a substitution that injects `3 or true` into an expression is checked after substitution", () => {
    const f = withValue('ToInt("{{threshold}}")', "integer");
    const flows = { m: lookupModule(), main: f };
    const substituted = input(flows);
    // The stack's value lands in the model the checks see (the planner substitutes before checking).
    const main = substituted.flows.find((x) => x.id === "main")!;
    (main.model.nodes.Set as { value: string }).value = "3 or true";
    const out = runChecks(substituted, { include: (r) => r.id === "expressions" || r.id === "archy-unknown" }).map(
      (x) => `${x.node}: ${x.message}`,
    );
    expect(out).toContain('Set: "or" needs Boolean operands, found an integer in "3 or true"');
    expect(out.every((m) => m.startsWith("Set: "))).toBe(true);
  });

  test("a condition must be boolean, and a malformed expression is located", () => {
    const f = callFlow("Main");
    (f.nodes as Record<string, unknown>).Check = {
      type: "decision",
      expression: 'Length("abc"',
      transitions: { yes: "Bye", no: "Bye" },
    };
    (f.nodes as Record<string, unknown>).Check2 = {
      type: "decision",
      expression: "Length(Flow.customer)",
      transitions: { yes: "Bye", no: "Bye" },
    };
    (f.nodes.Transfer.transitions as Record<string, string>).failure = "Check";
    expect(messages({ m: lookupModule(), main: f })).toEqual([expect.stringMatching(/^Check expression: /)]);
    expect(doubts({ m: lookupModule(), main: f })).toEqual([
      expect.stringMatching(/^Check2 expression: expected a boolean, found an? integer/),
    ]);
  });
});

describe("archy-actions: the escape hatch is validated like a publish", () => {
  test("a misspelt wrapper is refused, an action the catalogue lacks is a grouped warning; a valid action passes", () => {
    const f = callFlow("Main");
    (f.nodes as Record<string, unknown>).Raw = {
      type: "archy",
      actions: [
        { playAudioo: { name: "x", audio: { tts: "hi" } } },
        { playAudio: { name: "y", audio: { ttx: "hi" } } },
      ],
      transitions: { next: "Bye" },
    };
    (f.nodes.Transfer.transitions as Record<string, string>).failure = "Raw";
    const out = findings({ m: lookupModule(), main: f }, "archy-actions");
    expect(out.map((x) => x.field)).toEqual(["actions[1].playAudio.audio.ttx"]);
    const unknown = findings({ m: lookupModule(), main: f }, "archy-unknown");
    expect(unknown.map((x) => [x.field, x.subject])).toEqual([["actions[0].playAudioo", "action playAudioo"]]);
    expect(unknown[0].message).toContain("nearest known: playAudio");
    const ok = callFlow("Main");
    (ok.nodes as Record<string, unknown>).Raw = {
      type: "archy",
      actions: [{ playAudio: { name: "y", audio: { tts: "hi" } } }],
      transitions: { next: "Bye" },
    };
    (ok.nodes.Transfer.transitions as Record<string, string>).failure = "Raw";
    expect(findings({ m: lookupModule(), main: ok }, "archy-actions")).toEqual([]);
  });

  test("an unknown name is one finding per file with its count of places, located at the first", () => {
    const f = callFlow("Main");
    const raw = (n: number) => ({
      type: "archy",
      actions: Array.from({ length: n }, (_, i) => ({ callFancyThing: { name: `x${i}` } })),
      transitions: { next: "Bye" },
    });
    (f.nodes as Record<string, unknown>).Raw = raw(3);
    (f.nodes as Record<string, unknown>).Raw2 = raw(2);
    (f.nodes.Transfer.transitions as Record<string, string>).failure = "Raw";
    (f.nodes as unknown as Record<string, { transitions: Record<string, string> }>).Raw.transitions.next = "Raw2";
    const unknown = findings({ m: lookupModule(), main: f }, "archy-unknown");
    expect(unknown.map((x) => [x.node, x.field])).toEqual([["Raw", "actions[0].callFancyThing"]]);
    expect(unknown[0].message).toMatch(/\(5 places; the first is located here\)$/);
  });
});

describe("a common module's raw Archy reads the built-ins of the kinds that may call it", () => {
  const moduleWith = (compatible: string) =>
    parseFlowText(
      `kind: commonModule
name: Caller Number
compatibleFlowTypes: [${compatible}]
outputs:
  ani: { type: string }
start: Read
nodes:
  Read:
    type: archy
    actions:
      - updateData:
          name: Ani
          statements:
            - string:
                variable: Common.ani
                value:
                  exp: Call.Ani
    transitions: { next: Done }
  Done: { type: return, outcome: completed }
`,
      "flows/modules/caller-number.yaml",
    );
  /** Every finding of the module, as `rule: message` (an unknown name would be archy-unknown). */
  const errorsOf = (compatible: string) => {
    const flow = moduleWith(compatible);
    return runChecks({
      flows: [{ file: flow.file, id: "caller-number", model: flow.model, displayName: flow.model.name }],
    }).map((f) => `${f.ruleId}: ${f.message}`);
  };

  it("Call.Ani in a module for call flows is the call's; in a module for email flows it does not exist", () => {
    expect(errorsOf("inboundCall")).toEqual([]);
    expect(errorsOf("inboundEmail")).toEqual([
      expect.stringMatching(
        /^archy-actions: .*Call variables do not exist in the flow types that may call this module \(inboundEmail\)/,
      ),
    ]);
  });
});
