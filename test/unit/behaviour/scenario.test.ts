// Scenario files end to end, in memory: parse and validate (errors name file, line, scenario and
// field), run against the compiled Archy of a small portfolio (a call flow calling a module), the
// differences a broken expectation gives (the first differing entry and its flow node), runs that
// stop instead of passing, coverage, and the reports.
import { coverageDiagram, coverageOf, totalPercent } from "../../../behaviour/coverage";
import { compileProgram, programOfPortfolio, type Program } from "../../../behaviour/program";
import { parseScenarioText } from "../../../behaviour/scenario/load";
import { formatJunit, formatText } from "../../../behaviour/scenario/report";
import { runScenario, type ScenarioResult } from "../../../behaviour/scenario/run";
import { FlowLoadError } from "../../../model/errors";
import { plan, type FlowSpec } from "../../../testkit/portfolio";

const MODULE = {
  kind: "commonModule",
  name: "CheckPin",
  inputs: { callerNumber: { type: "string" } },
  outputs: { verified: { type: "boolean" }, tier: { type: "string" } },
  variables: { pin: { type: "string" } },
  start: "AskPin",
  nodes: {
    AskPin: {
      type: "collectDigits",
      prompt: "Enter your PIN.",
      variable: "pin",
      minDigits: 4,
      maxDigits: 4,
      transitions: { success: "Check", failure: "Failed" },
    },
    Check: { type: "decision", expression: 'Common.pin == "1234"', transitions: { yes: "Ok", no: "Failed" } },
    Ok: {
      type: "return",
      outcome: "completed",
      outputs: { verified: "true", tier: 'If(Left(Common.callerNumber, 5) == "+1800", "gold", "standard")' },
    },
    Failed: { type: "return", outcome: "error", outputs: { verified: "false" } },
  },
};

const CALL = {
  kind: "inboundCall",
  name: "Sales",
  variables: { choice: { type: "string" }, verified: { type: "boolean", initial: false }, tier: { type: "string" } },
  start: "Welcome",
  nodes: {
    Welcome: { type: "playMessage", prompt: "Welcome to {{brand}}.", transitions: { next: "Verify" } },
    Verify: {
      type: "subflow",
      module: "CheckPin",
      inputs: { callerNumber: "Call.Ani" },
      outputs: { verified: "verified", tier: "tier" },
      transitions: { completed: "Menu", error: "General" },
    },
    Menu: {
      type: "collectDigits",
      prompt: "For sales press 1, for orders press 2.",
      variable: "choice",
      maxDigits: 1,
      transitions: { success: "Route", failure: "General" },
    },
    Route: { type: "decision", expression: 'Flow.choice == "1"', transitions: { yes: "Sales", no: "Orders" } },
    Sales: {
      type: "transferToQueue",
      queue: "Sales",
      prompt: "Connecting you to sales.",
      transitions: { failure: "Bye" },
    },
    Orders: { type: "transferToQueue", queue: "Orders", transitions: { failure: "Bye" } },
    General: { type: "transferToQueue", queue: "General", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

function program(flows: Record<string, FlowSpec> = { "modules/check-pin": MODULE, "calls/sales": CALL }): Program {
  return programOfPortfolio(plan(flows, { substitutions: { brand: "Acme" } }));
}

const FILE = "scenarios/calls/sales/menu.yaml";

function run(text: string, p: Program = program(), file = FILE): ScenarioResult[] {
  return parseScenarioText(text, file).map((s) => runScenario(p, s));
}

const NEW_ORDER = `scenarios:
  - name: New order goes to sales
    call: { ani: "+13175550100" }
    steps:
      - { at: CheckPin.AskPin, digits: "1234" }
      - { at: Menu, digits: "1" }
    expect:
      path: [Welcome, Verify, Menu, Route, Sales]
      prompts: [Welcome to Acme., Enter your PIN., "For sales press 1, for orders press 2.", Connecting you to sales.]
      outcome: { transferToQueue: Sales }
      variables: { choice: "1", verified: true, tier: standard }
`;

describe("scenario files", () => {
  test("a file under scenarios/<flow id>/ tests that flow", () => {
    const [s] = parseScenarioText(NEW_ORDER, FILE);
    expect(s.flow).toBe("calls/sales");
    expect(s.line).toBe(2);
  });

  test("errors name the file, line, scenario and field, with a did-you-mean", () => {
    const text = `scenarios:
  - name: Typo
    steps:
      - digts: "1"
    expect:
      outcom: disconnect
`;
    let error: unknown;
    try {
      parseScenarioText(text, FILE);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlowLoadError);
    const message = (error as Error).message;
    expect(message).toContain(
      `${FILE}:6:7: scenario "Typo": field "expect.outcom": unknown key; did you mean "outcome"?`,
    );
    expect(message).toMatch(new RegExp(`${FILE}:4:\\d+: scenario "Typo": field "steps\\[0\\]"`));
  });

  test("two scenarios of a file with one name are refused", () => {
    const text = `flow: calls/sales
scenarios:
  - { name: A, expect: { outcome: disconnect } }
  - { name: A, expect: { outcome: disconnect } }
`;
    expect(() => parseScenarioText(text, "tests.yaml")).toThrow(
      /tests.yaml:4:\d+: scenario "A": field "name": the name is already that of the scenario on line 3/,
    );
  });
});

describe("running scenarios against the compiled Archy", () => {
  test("a caller verified by the module who presses 1 reaches sales, hearing every prompt in order", () => {
    const [r] = run(NEW_ORDER);
    expect(r.differences).toEqual([]);
    expect(r.status).toBe("passed");
    expect(r.actual.path).toEqual([
      "Welcome",
      "Verify",
      "CheckPin.AskPin",
      "CheckPin.Check",
      "CheckPin.Ok",
      "Menu",
      "Route",
      "Sales",
    ]);
  });

  test("a changed menu digit fails at the first differing entry, naming the flow node", () => {
    const [r] = run(NEW_ORDER.replace('{ at: Menu, digits: "1" }', '{ at: Menu, digits: "2" }'));
    expect(r.status).toBe("failed");
    const path = r.differences.find((d) => d.field === "expect.path")!;
    expect(path.message).toBe('entry 5 is "Orders", expected "Sales"');
    expect(path.where).toBe('flows/calls/sales.yaml node "Orders"');
    expect(path.step).toBe('step 2: digits "2" at Menu');
    expect(formatText([r])).toContain(
      '  expect.path: entry 5 is "Orders", expected "Sales" (after step 2: digits "2" at Menu)\n',
    );
    expect(formatText([r])).toContain(`    > 5   Sales     Orders   <- flows/calls/sales.yaml node "Orders"`);
    expect(r.differences.map((d) => d.field)).toEqual([
      "expect.path",
      "expect.prompts",
      "expect.outcome",
      "expect.variables.choice",
    ]);
  });

  test("a renamed module output fails the scenario that expects it", () => {
    const renamed = {
      ...MODULE,
      outputs: { verified: { type: "boolean" }, level: { type: "string" } },
      nodes: {
        ...MODULE.nodes,
        Ok: { type: "return", outcome: "completed", outputs: { verified: "true", level: '"standard"' } },
      },
    };
    const caller = {
      ...CALL,
      nodes: { ...CALL.nodes, Verify: { ...CALL.nodes.Verify, outputs: { verified: "verified", level: "tier" } } },
    };
    const moduleTest = `flow: modules/check-pin
scenarios:
  - name: Right PIN
    inputs: { callerNumber: "+13175550100" }
    steps: [{ digits: "1234" }]
    expect:
      outcome: { return: completed, outputs: { verified: true, tier: standard } }
`;
    expect(run(moduleTest, program(), "scenarios/check-pin.yaml")[0].status).toBe("passed");
    const [r] = run(
      moduleTest,
      program({ "modules/check-pin": renamed, "calls/sales": caller }),
      "scenarios/check-pin.yaml",
    );
    expect(r.status).toBe("failed");
    expect(r.differences[0]).toMatchObject({ field: "expect.outcome", message: "the module has no output tier" });
  });

  test("a wrong PIN returns error and the caller goes to the general queue", () => {
    const [r] = run(`scenarios:
  - name: Wrong PIN
    call: { ani: "+13175550100" }
    steps: [{ digits: "9999" }]
    expect:
      passes: [Verify, CheckPin.Failed, General]
      avoids: [Menu]
      outcome: { transferToQueue: General }
      variables: { verified: false }
`);
    expect(r.differences).toEqual([]);
  });

  test("a run stops, never passes, when the scenario does not answer what the flow asks", () => {
    const [r] = run(`scenarios:
  - name: Forgot the steps
    call: { ani: "+13175550100" }
    expect: { outcome: disconnect }
`);
    expect(r.status).toBe("stopped");
    expect(r.stop).toContain("the flow waits for the customer at CheckPin.AskPin");
    expect(r.actual.path).toEqual(["Welcome", "Verify", "CheckPin.AskPin"]);
  });

  test("steps the flow never asks for fail the scenario", () => {
    const [r] = run(
      NEW_ORDER.replace(
        '      - { at: Menu, digits: "1" }\n',
        '      - { at: Menu, digits: "1" }\n      - { digits: "9" }\n',
      ),
    );
    expect(r.status).toBe("failed");
    expect(r.differences).toEqual([
      { field: "steps[2]", message: 'the flow never waits for step 3 (digits "9"): it ends after 2 steps' },
    ]);
  });

  test("a step meant for another node stops the run where the flow really waits", () => {
    const [r] = run(NEW_ORDER.replace("at: CheckPin.AskPin", "at: Menu"));
    expect(r.status).toBe("stopped");
    expect(r.stop).toContain("step 1 is for Menu, but the flow waits at CheckPin.AskPin");
  });
});

describe("run semantics of node types a scenario cannot answer for", () => {
  const partner = (next: Record<string, unknown>) =>
    program({
      "calls/partner": {
        kind: "inboundCall",
        name: "Partner",
        start: "Pop",
        nodes: {
          Pop: { type: "setScreenPop", script: "CRM", inputs: { Caller: "Call.Ani" }, transitions: { next: "Next" } },
          Next: next,
          Bye: { type: "disconnect" },
        },
      },
    });
  const SCENARIO = `scenarios:
  - name: Goes on
    call: { ani: "+13175550100" }
    expect: { outcome: disconnect }
`;

  test("a screen pop changes nothing the flow does: the run goes on", () => {
    const [r] = run(
      SCENARIO,
      partner({ type: "playMessage", prompt: "Bye.", transitions: { next: "Bye" } }),
      "scenarios/calls/partner/pop.yaml",
    );
    expect(r.differences).toEqual([]);
    expect(r.status).toBe("passed");
  });

  test("a transfer to an outside number stops the run with cannot simulate, never passes", () => {
    const [r] = run(
      SCENARIO,
      partner({ type: "transferToNumber", number: '"+13175550199"', transitions: { failure: "Bye" } }),
      "scenarios/calls/partner/number.yaml",
    );
    expect(r.status).toBe("stopped");
    expect(r.stop).toContain("cannot simulate a transfer to an external number");
  });
});

describe("coverage and reports", () => {
  test("coverage counts the nodes entered and the transitions taken, per flow", () => {
    const p = program();
    const results = run(NEW_ORDER, p);
    const coverage = coverageOf(
      p,
      results.map((r) => r.events),
    );
    const sales = coverage.find((c) => c.flow === "calls/sales")!;
    expect(sales.nodes.filter((n) => !n.covered).map((n) => n.node)).toEqual(["Bye", "General", "Orders"]);
    expect(sales.transitions.filter((t) => t.covered).map((t) => `${t.from}.${t.transition}`)).toEqual([
      "Menu.success",
      "Route.yes",
      "Verify.completed",
      "Welcome.next",
    ]);
    expect(sales.percent).toBe(50); // 5 of 8 nodes, 4 of 10 transitions
    const module = coverage.find((c) => c.flow === "modules/check-pin")!;
    expect(module.nodes.filter((n) => n.covered).map((n) => n.node)).toEqual(["AskPin", "Check", "Ok"]);
    expect(totalPercent(coverage)).toBeGreaterThan(0);
  });

  test("the coverage diagram styles covered nodes apart from the rest, and the transitions no scenario took", () => {
    const p = program();
    const coverage = coverageOf(
      p,
      run(NEW_ORDER, p).map((r) => r.events),
    );
    const sales = coverage.find((c) => c.flow === "calls/sales")!;
    const diagram = coverageDiagram(p.flows.get("calls/sales")!.model, sales);
    expect(diagram).toContain("  class n_Welcome,n_Verify,n_Menu,n_Route,n_Sales covered\n");
    expect(diagram).toMatch(/ {2}class (n_\w+,)*n_Orders(,n_\w+)* uncovered\n/);
    // Links in writing order (the start marker's is 0); transitions drawn as references in a node (`failure → Bye`) are not links.
    const links = diagram
      .split("\n")
      .filter((l) => / -(->|\.->)/.test(l))
      .map((l) => l.trim());
    expect(links[4]).toBe('n_General -.->|"failure"| n_Bye');
    expect(links[6]).toBe('n_Route -->|"no"| n_Orders');
    expect(diagram).toContain("  linkStyle 4,6 stroke:#b42318,stroke-dasharray:5 5\n");
  });

  test("the JUnit report has a case per scenario and escapes what it quotes", () => {
    const results = run(
      NEW_ORDER.replace("New order goes to sales", "Sales <&> orders").replace('digits: "1" }', 'digits: "2" }'),
    );
    const xml = formatJunit(results);
    expect(xml).toContain('name="Sales &lt;&amp;&gt; orders"');
    expect(xml).toContain('<failure message="expect.path: entry 5 is &quot;Orders&quot;, expected &quot;Sales&quot;">');
  });

  test("flows compiled from their models alone (no published text to check against) run the same", () => {
    // compileProgram is what the flow diff uses (flow files alone, placeholders as written).
    const p = compileProgram(
      plan({ "modules/check-pin": MODULE, "calls/sales": CALL }, { substitutions: { brand: "Acme" } }).flows.map(
        (f) => ({ id: f.id, file: f.file, model: f.substitutedModel, publishedName: f.publishedName }),
      ),
    );
    expect(run(NEW_ORDER, p)[0].status).toBe("passed");
  });
});
