// Menu choices beyond a menu's own: a choice global to the flow (Archy globalDtmf /
// globalSpeechRecTerms) is offered in every menu, entered or not its own menu (a key offered twice
// is not simulated); a previous-menu choice goes back to the menu entered before. Scenarios and journeys
// run the compiled Archy. A loop whose body jumps to a menu is left by the jump.
import { compileFlow, parseArchyYaml } from "../../../compiler";
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

const passes = (r: ScenarioResult) => expect({ status: r.status, stop: r.stop, differences: r.differences }).toEqual({ status: "passed", differences: [] });

test("the flow passes its checks, and the menu holding a global choice is compiled though no path enters it", () => {
  const flow = parseFlowText(stringify(MENUS), "flows/calls/menus.yaml");
  expect(runChecks({ flows: [{ file: flow.file, id: "menus", model: flow.model, displayName: flow.model.name }] })).toEqual([]);
  // The diagram draws it with the flow, not among the nodes nothing reaches.
  expect(sectionsOf(flow.model).get("Anywhere")).toBe("main");
  const doc = parseArchyYaml(compileFlow(flow, { publishedName: "Menus", modules: new Map() })) as { inboundCall: { menus: Array<{ menu: { refId: string; audio?: unknown; choices: Array<Record<string, Record<string, unknown>>> } }> } };
  const menus = new Map(doc.inboundCall.menus.map((m) => [m.menu.refId, m.menu]));
  expect([...menus.keys()].sort()).toEqual(["Anywhere", "Billing", "Main"]);
  expect(menus.get("Anywhere")!.audio).toBeUndefined();
  expect(menus.get("Anywhere")!.choices[0].menuTask).toMatchObject({ name: "agent", dtmf: "digit_0", globalDtmf: true, globalSpeechRecTerms: true });
  expect(menus.get("Billing")!.choices[1]).toEqual({ menuPreviousMenu: { name: "back", dtmf: "digit_*", globalDtmf: false, globalSpeechRecTerms: false } });
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
      Ask: { type: "collectDigits", prompt: "Enter the amount.", variable: "amount", maxDigits: 3, transitions: { success: "Confirm", failure: "Retry" } },
      Confirm: { type: "menu", prompt: "To confirm press 1, to start again press 2.", choices: { confirm: { dtmf: 1 }, again: { dtmf: 2 } }, repeatCount: 0, transitions: { confirm: "Bye", again: "Retry" } },
      Bye: { type: "disconnect" },
    },
  };

  test("the body stops at the menu, the flow passes its checks and compiles", () => {
    const flow = parseFlowText(stringify(LOOPING), "flows/calls/looping.yaml");
    expect([...loopStructure(flow.model).bodies.get("Retry")!]).toEqual(["Ask"]);
    expect(runChecks({ flows: [{ file: flow.file, id: "looping", model: flow.model, displayName: flow.model.name }] })).toEqual([]);
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
