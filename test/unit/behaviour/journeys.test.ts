// Journeys: every way through a flow, choice points taken each way (keys, silence, conditions over
// unknown inputs, transfers, schedule groups, data actions), loops bounded; and the journeys that
// change between two versions of a portfolio of one module and ten callers: exactly the journeys
// whose outcome changes, in exactly the callers that reach the module.
import { journeyReport, renderJourneyChangesMarkdown, renderJourneyChangesText } from "../../../behaviour/journeyDiff";
import { journeysOf } from "../../../behaviour/journeys";
import { programOfPortfolio, type Program } from "../../../behaviour/program";
import { plan, type FlowSpec } from "../../../testkit/portfolio";

const TIER = (gold: string) => ({
  kind: "commonModule",
  name: "Tier",
  inputs: { address: { type: "string" } },
  outputs: { tier: { type: "string" } },
  start: "IsGold",
  nodes: {
    IsGold: {
      type: "decision",
      expression: 'Left(Common.address, 5) == "+1800"',
      transitions: { yes: "Gold", no: "Standard" },
    },
    Gold: { type: "return", outcome: "completed", outputs: { tier: JSON.stringify(gold) } },
    Standard: { type: "return", outcome: "completed", outputs: { tier: '"standard"' } },
  },
});

/** A caller that routes on the module's tier. */
const ROUTING = (n: number) => ({
  kind: "inboundCall",
  name: `Routing${n}`,
  variables: { tier: { type: "string" } },
  start: "Lookup",
  nodes: {
    Lookup: {
      type: "subflow",
      module: "Tier",
      inputs: { address: "Call.Ani" },
      outputs: { tier: "tier" },
      transitions: { completed: "IsGold", error: "Standard" },
    },
    IsGold: { type: "decision", expression: 'Flow.tier == "gold"', transitions: { yes: "Priority", no: "Standard" } },
    Priority: { type: "transferToQueue", queue: "Priority", transitions: { failure: "Bye" } },
    Standard: { type: "transferToQueue", queue: "Standard", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
});

/** A caller that does not call the module. */
const PLAIN = (n: number) => ({
  kind: "inboundCall",
  name: `Plain${n}`,
  start: "Menu",
  variables: { choice: { type: "string" } },
  nodes: {
    Menu: {
      type: "collectDigits",
      prompt: "Press 1 for sales.",
      variable: "choice",
      maxDigits: 1,
      transitions: { success: "Sales", failure: "Bye" },
    },
    Sales: { type: "transferToQueue", queue: "Sales", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
});

function portfolio(gold: string): Program {
  const flows: Record<string, FlowSpec> = { "modules/tier": TIER(gold) };
  for (let i = 0; i < 5; i++) flows[`calls/routing${i}`] = ROUTING(i);
  for (let i = 0; i < 5; i++) flows[`calls/plain${i}`] = PLAIN(i);
  return programOfPortfolio(plan(flows));
}

describe("journeys of a flow", () => {
  test("every choice point is taken each way, in a stable order, with its outcome", () => {
    const table = journeysOf(portfolio("gold"), "calls/routing0");
    expect(table.truncated).toBe(false);
    expect(table.journeys.map((j) => [j.choices.join(" · "), j.outcome])).toEqual([
      [
        'Tier.IsGold: (Left(⟨Call.Ani⟩, 5) == "+1800") is true · Priority: Priority connects',
        'transfer to queue "Priority" (priority 0)',
      ],
      ['Tier.IsGold: (Left(⟨Call.Ani⟩, 5) == "+1800") is true · Priority: Priority does not connect', "disconnect"],
      [
        'Tier.IsGold: (Left(⟨Call.Ani⟩, 5) == "+1800") is false · Standard: Standard connects',
        'transfer to queue "Standard" (priority 0)',
      ],
      ['Tier.IsGold: (Left(⟨Call.Ani⟩, 5) == "+1800") is false · Standard: Standard does not connect', "disconnect"],
    ]);
    expect(table.journeys[0].path).toEqual(["Lookup", "Tier.IsGold", "Tier.Gold", "IsGold", "Priority"]);
  });

  test("a module's journeys return with their outputs; a collect input is entered or not", () => {
    expect(journeysOf(portfolio("gold"), "modules/tier").journeys.map((j) => j.outcome)).toEqual([
      'returns "completed" (tier "gold")',
      'returns "completed" (tier "standard")',
    ]);
    expect(
      journeysOf(portfolio("gold"), "calls/plain0").journeys.map((j) => `${j.choices.join(" · ")} => ${j.outcome}`),
    ).toEqual([
      'Menu: digits · Sales: Sales connects => transfer to queue "Sales" (priority 0)',
      "Menu: digits · Sales: Sales does not connect => disconnect",
      "Menu: no input => disconnect",
    ]);
  });

  test("a flow that loops back by jumps is bounded, and says so", () => {
    const loop = {
      kind: "inboundCall",
      name: "Loop",
      variables: { choice: { type: "string" } },
      start: "Ask",
      nodes: {
        Ask: {
          type: "collectDigits",
          prompt: "Press a key.",
          variable: "choice",
          maxDigits: 1,
          transitions: { success: "Done", failure: "Sorry" },
        },
        Sorry: { type: "playMessage", prompt: "Sorry.", transitions: { next: "Ask" } },
        Done: { type: "disconnect" },
      },
    };
    const table = journeysOf(programOfPortfolio(plan({ "calls/loop": loop })), "calls/loop", { maxJumps: 2 });
    expect(table.journeys.length).toBeGreaterThan(1);
    expect(table.journeys.length).toBeLessThan(10);
    expect(table.journeys.map((j) => j.outcome)).toContain("disconnect");
  });
});

describe("journeys that change", () => {
  test("a module change lists exactly the journeys whose outcome changes, in the callers that reach the module", () => {
    const changes = journeyReport(portfolio("gold"), portfolio("platinum")).changes;
    expect(changes.map((f) => f.flow)).toEqual([
      "calls/routing0",
      "calls/routing1",
      "calls/routing2",
      "calls/routing3",
      "calls/routing4",
      "modules/tier",
    ]);
    // A gold caller now goes to Standard: where Priority takes calls, that changes the outcome
    // whether Standard connects (then Standard) or not (then disconnect); where Priority does not,
    // the base fell back to Standard too, so nothing changes there.
    // The module's own answers are one step in a caller's row: where the module ended.
    const gold = "Lookup: Tier ends at Gold";
    for (const f of changes.filter((c) => c.flow.startsWith("calls/"))) {
      expect(f.changes).toEqual([
        {
          kind: "changed",
          choices: [gold, "Standard: Standard connects"],
          choicesBefore: [gold, "Priority: Priority connects"],
          before: { outcome: 'transfer to queue "Priority" (priority 0)', prompts: [], messages: [] },
          after: { outcome: 'transfer to queue "Standard" (priority 0)', prompts: [], messages: [] },
          journeys: 1,
        },
        {
          kind: "changed",
          choices: [gold, "Standard: Standard does not connect"],
          choicesBefore: [gold, "Priority: Priority connects"],
          before: { outcome: 'transfer to queue "Priority" (priority 0)', prompts: [], messages: [] },
          after: { outcome: "disconnect", prompts: [], messages: [] },
          journeys: 1,
        },
      ]);
    }
    const text = renderJourneyChangesText(changes);
    expect(text).toContain(
      '  calls/routing0 (flows/calls/routing0.yaml, through Tier): 2 journeys change (of 4 before, 4 now): transfer to queue "Priority" (priority 0) → transfer to queue "Standard" (priority 0) (1); transfer to queue "Priority" (priority 0) → disconnect (1)\n',
    );
    expect(text).toContain(
      '  calls/routing0:\n    - Lookup: Tier ends at Gold · Standard: Standard connects\n      transfer to queue "Priority" (priority 0) → transfer to queue "Standard" (priority 0)',
    );
    expect(journeyReport(portfolio("gold"), portfolio("gold")).changes).toEqual([]);
  });

  test("a changed prompt changes only the journeys that hear it, and says only what differs", () => {
    const flow = (sorry: string, first = "Sales") => ({
      kind: "inboundCall",
      name: "Main",
      start: "Menu",
      nodes: {
        Menu: {
          type: "menu",
          prompt: "For sales press 1, for support press 2.",
          choices: { sales: { dtmf: 1 }, support: { dtmf: 2 } },
          repeatCount: 0,
          transitions: { sales: first, support: "Support" },
        },
        Sales: {
          type: "transferToQueue",
          queue: "Sales",
          transitions: { failure: first === "Sales" ? "Support" : "Sorry" },
        },
        Support: {
          type: "transferToQueue",
          queue: "Support",
          transitions: { failure: first === "Sales" ? "Sorry" : "Sales" },
        },
        Sorry: { type: "playMessage", prompt: sorry, transitions: { next: "Bye" } },
        Bye: { type: "disconnect" },
      },
    });
    const program = (sorry: string, first?: string) => programOfPortfolio(plan({ "calls/main": flow(sorry, first) }));
    // The menu's default choice (taken on silence) is no choice a caller makes: silence is one journey.
    expect(journeysOf(program("Sorry."), "calls/main").journeys.map((j) => j.choices[0])).toEqual([
      "Menu: choice sales (1)",
      "Menu: choice sales (1)",
      "Menu: choice sales (1)",
      "Menu: choice support (2)",
      "Menu: choice support (2)",
      "Menu: no input",
    ]);
    const [f] = journeyReport(program("Sorry."), program("Sorry, we are closed.")).changes;
    expect(f.changes.map((c) => c.choices.join(" · "))).toEqual([
      "Menu: press 1 (sales) · Sales: Sales does not connect · Support: Support does not connect",
      "Menu: press 2 (support) · Support: Support does not connect",
    ]);
    expect(renderJourneyChangesText([f])).toContain('\n      hears "Sorry, we are closed." instead of "Sorry."\n');
    // Support tried first, then Sales: compared in the same org, key 1 changes only where both
    // take calls (Support now), key 2 only where Support does not and Sales does (Sales now); where
    // neither takes calls, or only one, the caller ends where they did, in whatever order the
    // transfers are now tried: those journeys are not listed as gone and new.
    const reordered = journeyReport(program("Sorry."), program("Sorry.", "Support")).changes;
    expect(
      reordered
        .flatMap((r) => r.changes)
        .map((c) => `${c.kind}: ${c.choices.join(" · ")}: ${c.before?.outcome ?? ""} -> ${c.after?.outcome ?? ""}`),
    ).toEqual([
      'changed: Menu: press 1 (sales) · Support: Support connects: transfer to queue "Sales" (priority 0) -> transfer to queue "Support" (priority 0)',
      'changed: Menu: press 2 (support) · Support: Support does not connect · Sales: Sales connects: disconnect -> transfer to queue "Sales" (priority 0)',
    ]);
  });

  test("the Markdown section keeps within its budget and counts what it leaves out", () => {
    const changes = journeyReport(portfolio("gold"), portfolio("platinum")).changes;
    const full = renderJourneyChangesMarkdown(changes);
    expect(full).toContain("### Journeys that change");
    expect(full).toContain("| journey: what the customer does and the org answers | what changes |");
    const cut = renderJourneyChangesMarkdown(changes, 900);
    expect(cut.length).toBeLessThanOrEqual(900);
    expect(cut).toMatch(/_\d+ more rows of journeys that change: see the full report._/);
  });
});
