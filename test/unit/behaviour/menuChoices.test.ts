// Menu choices beyond a menu's own: a choice global to the flow (Archy globalDtmf /
// globalSpeechRecTerms) is offered in every menu, entered or not its own menu (a key offered twice
// is not simulated); a previous-menu choice goes back to the menu entered before. Scenarios and journeys
// run the compiled Archy. A loop whose body jumps to a menu is left by the jump.
import { compileFlow, parseArchyYaml } from "../../../compiler";
import { coverageOf } from "../../../behaviour/coverage";
import { journeysOf } from "../../../behaviour/journeys";
import { programOfPortfolio } from "../../../behaviour/program";
import { parseScenarioText } from "../../../behaviour/scenario/load";
import { runScenario, type ScenarioResult } from "../../../behaviour/scenario/run";
import { runChecks } from "../../../checks";
import { sectionsOf } from "../../../diagram/layout";
import { parseFlowText } from "../../../model/load";
import { loopStructure } from "../../../model/graph";
import { plan } from "../../../testkit/portfolio";
import { stringify } from "yaml";

const MENUS = {
  kind: "inboundCall",
  name: "Menus",
  start: "Welcome",
  nodes: {
    Welcome: { type: "playMessage", prompt: "Welcome.", transitions: { next: "Main" } },
    Main: {
      type: "menu",
      prompt: "For billing press 1.",
      choices: { billing: { dtmf: 1 } },
      repeatCount: 0,
      transitions: { billing: "Billing", noInput: "Bye" },
    },
    Billing: {
      type: "menu",
      prompt: "For invoices press 1. To go back press star. For an agent press 0.",
      choices: { invoices: { dtmf: 1 }, back: { dtmf: "*", previousMenu: true }, operator: { dtmf: 0 } },
      repeatCount: 0,
      transitions: { invoices: "Invoices", operator: "Operator", noInput: "Bye" },
    },
    // Never entered: its choice is offered in every menu of the flow.
    Anywhere: {
      type: "menu",
      choices: { agent: { dtmf: 0, globalDtmf: true, speech: ["agent"], globalSpeech: true } },
      transitions: { agent: "Agent" },
    },
    Invoices: { type: "transferToQueue", queue: "Invoices", transitions: { failure: "Bye" } },
    Operator: { type: "transferToQueue", queue: "Operator", transitions: { failure: "Bye" } },
    Agent: { type: "transferToQueue", queue: "Agents", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

const program = programOfPortfolio(plan({ "calls/menus": MENUS }));

function run(scenario: string): ScenarioResult {
  const [s] = parseScenarioText(`flow: calls/menus\nscenarios:\n${scenario}`, "menus.yaml");
  return runScenario(program, s);
}

const passes = (r: ScenarioResult) =>
  expect({ status: r.status, stop: r.stop, differences: r.differences }).toEqual({ status: "passed", differences: [] });

test("the flow passes its checks, and the menu holding a global choice is compiled though no path enters it", () => {
  const flow = parseFlowText(stringify(MENUS), "flows/calls/menus.yaml");
  expect(
    runChecks({ flows: [{ file: flow.file, id: "menus", model: flow.model, displayName: flow.model.name }] }),
  ).toEqual([]);
  // The diagram draws it with the flow, not among the nodes nothing reaches.
  expect(sectionsOf(flow.model).get("Anywhere")).toBe("main");
  const doc = parseArchyYaml(compileFlow(flow, { publishedName: "Menus", modules: new Map() })) as {
    inboundCall: {
      menus: Array<{
        menu: { refId: string; audio?: unknown; choices: Array<Record<string, Record<string, unknown>>> };
      }>;
    };
  };
  const menus = new Map(doc.inboundCall.menus.map((m) => [m.menu.refId, m.menu]));
  expect([...menus.keys()].sort()).toEqual(["Anywhere", "Billing", "Main"]);
  expect(menus.get("Anywhere")!.audio).toBeUndefined();
  expect(menus.get("Anywhere")!.choices[0].menuTask).toMatchObject({
    name: "agent",
    dtmf: "digit_0",
    globalDtmf: true,
    globalSpeechRecTerms: true,
  });
  expect(menus.get("Billing")!.choices[1]).toEqual({
    menuPreviousMenu: { name: "back", dtmf: "digit_*", globalDtmf: false, globalSpeechRecTerms: false },
  });
});

test("a global key is taken in a menu that does not define it", () => {
  passes(
    run(`  - name: agent from the main menu
    steps: [{ at: Main, digits: "0" }]
    expect: { path: [Welcome, Main, Agent], outcome: { transferToQueue: Agents } }
`),
  );
});

test("a global choice's words are taken in any menu", () => {
  passes(
    run(`  - name: agent by voice
    steps: [{ at: Main, digits: "1" }, { at: Billing, say: agent }]
    expect: { path: [Welcome, Main, Billing, Agent], outcome: { transferToQueue: Agents } }
`),
  );
});

test("a key that is both a menu's own and a global one cannot be simulated: which one Architect takes is not documented", () => {
  const r = run(`  - name: operator
    steps: [{ at: Main, digits: "1" }, { at: Billing, digits: "0" }]
    expect: { path: [Welcome, Main, Billing, Operator], outcome: { transferToQueue: Operator } }
`);
  expect(r.status).toBe("stopped");
  expect(r.stop).toMatch(/key 0 at menu "Billing", which is also a key menu "Anywhere" offers in every menu/);
});

test("a previous-menu choice goes back to the menu entered before", () => {
  passes(
    run(`  - name: back and forth
    steps: [{ at: Main, digits: "1" }, { at: Billing, digits: "*" }, { at: Main, digits: "1" }, { at: Billing, digits: "1" }]
    expect: { path: [Welcome, Main, Billing, Main, Billing, Invoices], outcome: { transferToQueue: Invoices } }
`),
  );
});

test("journeys take global and previous-menu choices as choices of each menu", () => {
  const table = journeysOf(program, "calls/menus", { maxJumps: 2 });
  const paths = table.journeys.map((j) => j.path.join(" "));
  expect(paths).toContain("Welcome Main Agent");
  expect(paths).toContain("Welcome Main Billing Agent");
  expect(paths.some((p) => p.startsWith("Welcome Main Billing Main"))).toBe(true);
});

describe("a loop whose body jumps to a menu", () => {
  // As real exports do (BFSI_POC-INBOUNDCALL, corpus-2): the jump leaves the loop; the menu's way
  // back to the loop node enters the loop again, from its start.
  const LOOPING = {
    kind: "inboundCall",
    name: "Looping",
    variables: { amount: { type: "string" } },
    start: "Welcome",
    nodes: {
      Welcome: { type: "playMessage", prompt: "Welcome.", transitions: { next: "Retry" } },
      Retry: { type: "loop", maxLoops: 2, transitions: { body: "Ask", done: "Bye" } },
      Ask: {
        type: "collectDigits",
        prompt: "Enter the amount.",
        variable: "amount",
        maxDigits: 3,
        transitions: { success: "Confirm", failure: "Retry" },
      },
      Confirm: {
        type: "menu",
        prompt: "To confirm press 1, to start again press 2.",
        choices: { confirm: { dtmf: 1 }, again: { dtmf: 2 } },
        repeatCount: 0,
        transitions: { confirm: "Bye", again: "Retry" },
      },
      Bye: { type: "disconnect" },
    },
  };

  test("the body stops at the menu, the flow passes its checks and compiles", () => {
    const flow = parseFlowText(stringify(LOOPING), "flows/calls/looping.yaml");
    expect([...loopStructure(flow.model).bodies.get("Retry")!]).toEqual(["Ask"]);
    expect(
      runChecks({ flows: [{ file: flow.file, id: "looping", model: flow.model, displayName: flow.model.name }] }),
    ).toEqual([]);
    expect(() => compileFlow(flow, { publishedName: "Looping", modules: new Map() })).not.toThrow();
  });

  test("coming back from the menu runs the loop again from its start", () => {
    const looping = programOfPortfolio(plan({ "calls/looping": LOOPING }));
    const [s] = parseScenarioText(
      `flow: calls/looping
scenarios:
  - name: a second try after starting again, which a loop that went on would not give
    steps: [{ at: Ask, silence: true }, { at: Ask, digits: "5" }, { at: Confirm, digits: "2" }, { at: Ask, silence: true }, { at: Ask, digits: "7" }, { at: Confirm, digits: "1" }]
    expect: { path: [Welcome, Retry, Ask, Retry, Ask, Confirm, Retry, Ask, Retry, Ask, Confirm, Bye], outcome: disconnect, variables: { amount: "7" } }
`,
      "looping.yaml",
    );
    passes(runScenario(looping, s));
  });
});

describe("choices written as the export wrote them (issue 87)", () => {
  // What an import keeps of an export's menus: a jump to a task, a transfer, a jump to a menu, a
  // disconnect, a default choice that is one of the choices, and a menu without default choice.
  const KINDS = {
    kind: "inboundCall",
    name: "Choice kinds",
    start: "Main",
    nodes: {
      Main: {
        type: "menu",
        prompt: "For sales press 1, for more press 3, for an agent press 0, to hang up press 9.",
        choices: {
          sales: { dtmf: 1, archyChoice: "menuJumpToTask" },
          more: { dtmf: 3, archyChoice: "menuJumpToMenu" },
          agent: { dtmf: 0, archyChoice: "menuTransferToAcd" },
          bye: { dtmf: 9, disconnect: true },
        },
        defaultChoice: "agent",
        repeatCount: 0,
        transitions: { sales: "Sales", more: "More", agent: "Agent" },
      },
      Sales: { type: "playMessage", prompt: "Sales calls you back.", transitions: { next: "Done" } },
      Done: { type: "disconnect" },
      Agent: { type: "transferToQueue", queue: "Agents" },
      More: {
        type: "menu",
        prompt: "To hang up press 9.",
        choices: { bye: { dtmf: 9, disconnect: true } },
        defaultChoice: false,
        repeatCount: 0,
      },
    },
  };
  const kinds = programOfPortfolio(plan({ "calls/kinds": KINDS }));
  const runKinds = (scenario: string) =>
    runScenario(kinds, parseScenarioText(`flow: calls/kinds\nscenarios:\n${scenario}`, "kinds.yaml")[0]);

  test("each choice compiles to its kind, the default choice is the one named, and the menu without one gets none", () => {
    const flow = parseFlowText(stringify(KINDS), "flows/calls/kinds.yaml");
    expect(
      runChecks({ flows: [{ file: flow.file, id: "kinds", model: flow.model, displayName: flow.model.name }] }),
    ).toEqual([]);
    const doc = parseArchyYaml(compileFlow(flow, { publishedName: "Kinds", modules: new Map() })) as {
      inboundCall: {
        menus: Array<{
          menu: {
            refId: string;
            choices: Array<Record<string, Record<string, unknown>>>;
            defaultChildMenuRef?: string;
          };
        }>;
        tasks: Array<{ task: { refId: string } }>;
      };
    };
    const [main, more] = doc.inboundCall.menus.map((m) => m.menu);
    expect(main.choices.map((c) => Object.keys(c)[0])).toEqual([
      "menuJumpToTask",
      "menuJumpToMenu",
      "menuTransferToAcd",
      "menuDisconnect",
    ]);
    expect(main.choices[0].menuJumpToTask.targetTaskRef).toBe("/inboundCall/tasks/task[Sales]");
    expect(doc.inboundCall.tasks.map((t) => t.task.refId)).toEqual(["Sales"]);
    expect(main.choices[1].menuJumpToMenu.targetMenuRef).toBe("/inboundCall/menus/menu[More]");
    expect(main.choices[2].menuTransferToAcd).toMatchObject({
      name: "agent",
      refId: "Main_agent",
      dtmf: "digit_0",
      targetQueue: { lit: { name: "Agents" } },
    });
    expect(main.defaultChildMenuRef).toBe("./choices/menuTransferToAcd[Main_agent]");
    expect(more.choices.map((c) => Object.keys(c)[0])).toEqual(["menuDisconnect"]);
    expect(more.defaultChildMenuRef).toBeUndefined();
  });

  test("a jump to a task, a transfer and a disconnect run as their choices say; the transitions they take are covered", () => {
    const results = [
      runKinds(`  - name: sales
    steps: [{ at: Main, digits: "1" }]
    expect: { path: [Main, Sales, Done], outcome: disconnect }
`),
      runKinds(`  - name: agent
    steps: [{ at: Main, digits: "0" }]
    expect: { path: [Main, Agent], outcome: { transferToQueue: Agents } }
`),
      runKinds(`  - name: hang up
    steps: [{ at: Main, digits: "9" }]
    expect: { path: [Main], outcome: disconnect }
`),
      runKinds(`  - name: more, then hang up
    steps: [{ at: Main, digits: "3" }, { at: More, digits: "9" }]
    expect: { path: [Main, More], outcome: disconnect }
`),
    ];
    for (const r of results) passes(r);
    const [coverage] = coverageOf(
      kinds,
      results.map((r) => r.events),
    );
    expect(coverage.transitions.filter((t) => !t.covered)).toEqual([]);
    expect(coverage.percent).toBe(100);
  });

  test("of two jumps to the same node, the one taken is the transition covered", () => {
    const TWO = {
      ...KINDS,
      nodes: {
        ...KINDS.nodes,
        Main: {
          ...KINDS.nodes.Main,
          choices: {
            ...KINDS.nodes.Main.choices,
            again: { dtmf: 2, archyChoice: "menuJumpToTask" },
            other: { dtmf: 4, archyChoice: "menuJumpToMenu" },
          },
          transitions: { ...KINDS.nodes.Main.transitions, again: "Sales", other: "More" },
        },
      },
    };
    const two = programOfPortfolio(plan({ "calls/kinds": TWO }));
    const taken = (digits: string) => {
      const then = digits === "3" || digits === "4" ? ', { at: More, digits: "9" }' : "";
      const r = runScenario(
        two,
        parseScenarioText(
          `flow: calls/kinds\nscenarios:\n  - name: key ${digits}\n    steps: [{ at: Main, digits: "${digits}" }${then}]\n    expect: { outcome: disconnect }\n`,
          "two.yaml",
        )[0],
      );
      expect(r.status).toBe("passed");
      return coverageOf(two, [r.events])[0]
        .transitions.filter((t) => t.covered && t.from === "Main")
        .map((t) => t.transition);
    };
    expect([taken("1"), taken("2"), taken("3"), taken("4")]).toEqual([["sales"], ["again"], ["more"], ["other"]]);
  });

  test("silence takes the default choice; where a menu has none, what Genesys does is not documented: not simulated", () => {
    passes(
      runKinds(`  - name: silence
    steps: [{ at: Main, silence: true }]
    expect: { path: [Main, Agent], outcome: { transferToQueue: Agents } }
`),
    );
    const none = runKinds(`  - name: silence in more
    steps: [{ at: Main, digits: "3" }, { at: More, silence: true }]
    expect: { path: [Main, More], outcome: disconnect }
`);
    expect(none.status).toBe("stopped");
    expect(none.stop).toMatch(/menu "More" without a default choice/);
  });

  test("a transfer choice that fails is not simulated: a choice has no failure path", () => {
    const r = runKinds(`  - name: no agent
    org: { queues: { Agents: unavailable } }
    steps: [{ at: Main, digits: "0" }]
    expect: { path: [Main, Agent], outcome: disconnect }
`);
    expect(r.status).toBe("stopped");
    expect(r.stop).toMatch(/a menu choice's transfer to a queue that fails/);
  });

  test("a choice the Archy kind it names cannot be written for is refused at compile, naming the menu and the choice", () => {
    const compile =
      (main: Record<string, unknown>, nodes: Record<string, unknown> = {}) =>
      () =>
        compileFlow(
          parseFlowText(
            stringify({ ...KINDS, nodes: { ...KINDS.nodes, Main: { ...KINDS.nodes.Main, ...main }, ...nodes } }),
            "flows/calls/kinds.yaml",
          ),
          { publishedName: "Kinds", modules: new Map() },
        );
    const choices = (over: Record<string, unknown>) => ({ choices: { ...KINDS.nodes.Main.choices, ...over } });
    expect(compile(choices({ more: { dtmf: 3, archyChoice: "menuJumpToTask" } }))).toThrow(
      /node "Main".*choice "more" is written as Archy menuJumpToTask: its transition must lead to a node that can start a reusable task/s,
    );
    expect(compile(choices({ sales: { dtmf: 1, archyChoice: "menuJumpToMenu" } }))).toThrow(
      /choice "sales" is written as Archy menuJumpToMenu: its transition must lead to a menu node/,
    );
    expect(
      compile({}, { Agent: { type: "transferToQueue", queue: "Agents", transitions: { failure: "Done" } } }),
    ).toThrow(
      /choice "agent" is written as Archy menuTransferToAcd: its transition must lead to a transferToQueue node with no failure transition/,
    );
  });

  test("the menu's shape: a default choice is one of its choices and stands for noInput; a choice that disconnects has no transition", () => {
    const load = (main: Record<string, unknown>) => () =>
      parseFlowText(
        stringify({ ...KINDS, nodes: { ...KINDS.nodes, Main: { ...KINDS.nodes.Main, ...main } } }),
        "flows/calls/kinds.yaml",
      );
    expect(load({ defaultChoice: "operator" })).toThrow(
      /field "defaultChoice": "operator" is not a choice of this menu/,
    );
    expect(load({ transitions: { ...KINDS.nodes.Main.transitions, noInput: "Done" } })).toThrow(
      /transition "noInput" the menu has defaultChoice agent: no input takes that choice, so it has no noInput transition/,
    );
    expect(load({ transitions: { ...KINDS.nodes.Main.transitions, bye: "Done" } })).toThrow(
      /choice "bye" disconnects: it has no transition/,
    );
    expect(
      load({
        choices: { ...KINDS.nodes.Main.choices, bye: { dtmf: 9, disconnect: true, archyChoice: "menuJumpToTask" } },
      }),
    ).toThrow(/a choice goes back to the previous menu, disconnects, or has an archyChoice: one of them/);
  });
});
