// The journeys section a reviewer reads (issue 49): a decision's condition is part of a journey,
// finite inputs are concrete keys, a loop run another number of times is one row with its range,
// joined journeys are not listed, rows that change alike fold over their answers, each flow has a
// summary line (a module once, each caller once) and rows come sorted by what changes most for the
// customer, within a hard budget. The portfolio is a copy of the example's VerifyCaller /
// LookupCustomer modules and a Sales-style caller, owned here (flows/ is never read).
import {
  journeyReport,
  journeysSection,
  renderJourneyChangesMarkdown,
  renderJourneyChangesText,
  type FlowJourneyChanges,
} from "../../../behaviour/journeyDiff";
import { journeysOf } from "../../../behaviour/journeys";
import { programOfPortfolio, type Program } from "../../../behaviour/program";
import { parseFlowText } from "../../../model/load";
import { flowText, plan, type FlowSpec } from "../../../testkit/portfolio";
import { documented, excerpt } from "../../../testkit/docOutputs";

/** VerifyCaller as the example ships it, with `tries` PIN attempts. */
const VERIFY = (tries: number) => ({
  kind: "commonModule",
  name: "VerifyCaller",
  inputs: { callerNumber: { type: "string" } },
  outputs: { accountId: { type: "string" }, verified: { type: "boolean" }, tier: { type: "string" } },
  variables: { pin: { type: "string" } },
  start: "CheckNumber",
  nodes: {
    CheckNumber: {
      type: "decision",
      expression: "IsNotSetOrEmpty(Common.callerNumber)",
      transitions: { yes: "NoNumber", no: "Attempts" },
    },
    NoNumber: { type: "return", outcome: "error", outputs: { verified: "false" } },
    Attempts: { type: "loop", maxLoops: tries, transitions: { body: "AskPin", done: "Failed" } },
    AskPin: {
      type: "collectDigits",
      prompt: "Please enter your four digit account PIN.",
      variable: "pin",
      minDigits: 4,
      maxDigits: 4,
      timeoutSeconds: 8,
      transitions: { success: "CheckPin", failure: "Attempts" },
    },
    CheckPin: {
      type: "decision",
      expression: 'Length(Common.pin) == 4 and Common.pin != "0000"',
      transitions: { yes: "Lookup", no: "TryAgain" },
    },
    TryAgain: { type: "playMessage", prompt: "Sorry, that PIN is not valid.", transitions: { next: "Attempts" } },
    Lookup: {
      type: "subflow",
      module: "LookupCustomer",
      inputs: { address: "Common.callerNumber" },
      outputs: { customerId: "accountId", tier: "tier" },
      transitions: { completed: "Verified", error: "Failed" },
    },
    Verified: { type: "return", outcome: "completed", outputs: { verified: "true" } },
    Failed: { type: "return", outcome: "error", outputs: { verified: "false" } },
  },
});

const LOOKUP = {
  kind: "commonModule",
  name: "LookupCustomer",
  compatibleFlowTypes: ["inboundCall", "inboundEmail", "inboundShortMessage"],
  inputs: { address: { type: "string" } },
  outputs: { customerId: { type: "string" }, tier: { type: "string" } },
  start: "CheckAddress",
  nodes: {
    CheckAddress: {
      type: "decision",
      expression: "IsNotSetOrEmpty(Common.address)",
      transitions: { yes: "Unknown", no: "SetCustomer" },
    },
    SetCustomer: {
      type: "setVariable",
      variable: "customerId",
      value: 'Append("CUST-", Right(Common.address, 6))',
      transitions: { next: "IsGold" },
    },
    IsGold: {
      type: "decision",
      expression: 'Left(Common.address, 5) == "+1800"',
      transitions: { yes: "Gold", no: "Standard" },
    },
    Gold: { type: "return", outcome: "completed", outputs: { tier: '"gold"' } },
    Standard: { type: "return", outcome: "completed", outputs: { tier: '"standard"' } },
    Unknown: { type: "return", outcome: "error" },
  },
};

/** The example's Sales line: verify, a one-key menu, `Route` on the key. `digits` is the menu's length. */
const SALES = (expression = 'Flow.choice == "1"', digits = 1) => ({
  kind: "inboundCall",
  name: "Sales",
  variables: {
    choice: { type: "string" },
    accountId: { type: "string" },
    verified: { type: "boolean", initial: false },
  },
  start: "Welcome",
  nodes: {
    Welcome: { type: "playMessage", prompt: "Welcome to Acme sales.", transitions: { next: "Verify" } },
    Verify: {
      type: "subflow",
      module: "VerifyCaller",
      inputs: { callerNumber: "Call.Ani" },
      outputs: { accountId: "accountId", verified: "verified" },
      transitions: { completed: "Menu", error: "TransferGeneral" },
    },
    Menu: {
      type: "collectDigits",
      prompt: "For a new order, press 1. For an existing order, press 2.",
      variable: "choice",
      minDigits: digits,
      maxDigits: digits,
      transitions: { success: "Route", failure: "TransferGeneral" },
    },
    Route: {
      type: "decision",
      label: "New order?",
      expression,
      transitions: { yes: "TransferSales", no: "TransferOrders" },
    },
    TransferSales: {
      type: "transferToQueue",
      queue: "Sales",
      prompt: "Connecting you to our sales team.",
      transitions: { failure: "Busy" },
    },
    TransferOrders: {
      type: "transferToQueue",
      queue: "Orders",
      prompt: "Connecting you to order support.",
      transitions: { failure: "Busy" },
    },
    TransferGeneral: { type: "transferToQueue", queue: "General", transitions: { failure: "Busy" } },
    Busy: {
      type: "playMessage",
      prompt: "Sorry, all our agents are busy. Please call again later.",
      transitions: { next: "Goodbye" },
    },
    Goodbye: { type: "disconnect" },
  },
});

/** A second caller of VerifyCaller (the example's Billing line, shortened). */
const BILLING = {
  kind: "inboundCall",
  name: "Billing",
  variables: { accountId: { type: "string" }, verified: { type: "boolean", initial: false } },
  start: "Verify",
  nodes: {
    Verify: {
      type: "subflow",
      module: "VerifyCaller",
      inputs: { callerNumber: "Call.Ani" },
      outputs: { accountId: "accountId", verified: "verified" },
      transitions: { completed: "TransferBilling", error: "TransferGeneral" },
    },
    TransferBilling: { type: "transferToQueue", queue: "Billing", transitions: { failure: "Goodbye" } },
    TransferGeneral: { type: "transferToQueue", queue: "General", transitions: { failure: "Goodbye" } },
    Goodbye: { type: "disconnect" },
  },
};

function portfolio(flows: { tries?: number; route?: string; digits?: number; billing?: boolean } = {}): Program {
  const files: Record<string, FlowSpec> = {
    "modules/verify-caller": VERIFY(flows.tries ?? 3),
    "modules/lookup-customer": LOOKUP,
    "calls/sales": SALES(flows.route, flows.digits),
  };
  if (flows.billing) files["calls/billing"] = BILLING;
  return programOfPortfolio(plan(files));
}

const rowsOf = (changes: readonly FlowJourneyChanges[]) =>
  changes.flatMap((f) => f.changes.map((c) => ({ flow: f.flow, ...c })));

describe("a decision's condition is part of the journey", () => {
  test('Route "1" -> "9" on a one-key menu: a changed journey in concrete keys, press 1 and press 9', () => {
    const changes = journeyReport(portfolio(), portfolio({ route: 'Flow.choice == "9"' })).changes;
    expect(changes.map((f) => f.flow)).toEqual(["calls/sales"]);
    const text = renderJourneyChangesText(changes);
    expect(text).toContain(
      '    - Verify: VerifyCaller ends at Verified · Menu: press 1 · TransferOrders: Orders connects (2 journeys)\n      transfer to queue "Sales" (priority 0) → transfer to queue "Orders" (priority 0); hears "Connecting you to order support." instead of "Connecting you to our sales team."; TransferOrders: Orders connects (was TransferSales: Sales connects)\n',
    );
    expect(text).toContain(
      '    - Verify: VerifyCaller ends at Verified · Menu: press 9 · TransferSales: Sales connects (2 journeys)\n      transfer to queue "Orders" (priority 0) → transfer to queue "Sales" (priority 0);',
    );
    // Only the keys whose route changes: no other key, no journey through the PIN retries.
    expect(rowsOf(changes).map((r) => r.choices.find((c) => c.startsWith("Menu:")))).toEqual([
      "Menu: press 1",
      "Menu: press 9",
      "Menu: press 1",
      "Menu: press 9",
    ]);
    // Outcome changes first, then the journeys that only hear something else.
    expect(rowsOf(changes).map((r) => r.before!.outcome === r.after!.outcome)).toEqual([false, false, true, true]);
    expect(changes[0].summary).toEqual([
      { change: 'transfer to queue "Sales" (priority 0) → transfer to queue "Orders" (priority 0)', journeys: 2 },
      { change: 'transfer to queue "Orders" (priority 0) → transfer to queue "Sales" (priority 0)', journeys: 2 },
      { change: "same outcome, hears or is sent other texts", journeys: 4 },
    ]);
    documented(
      "journeys/one-key-summary",
      renderJourneyChangesMarkdown(changes)
        .split("\n")
        .find((l) => l.startsWith("- calls/sales"))!,
    );
  });

  test("where the input is not finite, the row says when the branch is taken before and now", () => {
    const changes = journeyReport(
      portfolio({ route: 'Flow.choice == "12"', digits: 2 }),
      portfolio({ route: 'Flow.choice == "19"', digits: 2 }),
    ).changes;
    const rows = rowsOf(changes);
    // Each branch one row, whether the queue then takes the call or not.
    expect(rows.map((r) => [r.choices.join(" · "), r.journeys])).toEqual([
      ["Verify: VerifyCaller ends at Verified · Menu: enters digits · Route: yes", 4],
      ["Verify: VerifyCaller ends at Verified · Menu: enters digits · Route: no", 4],
    ]);
    // The journeys take the same branches: only who takes them changes.
    for (const r of rows) expect(r.kind).toBe("changed");
    const text = renderJourneyChangesText(changes);
    expect(text).toContain('Route: yes when (⟨Menu digits⟩ == "12"), now when (⟨Menu digits⟩ == "19")');
    expect(text).toContain(
      'Route: no when (⟨Menu digits⟩ == "12") is false, now when (⟨Menu digits⟩ == "19") is false',
    );
    expect(changes[0].summary.map((s) => s.change)).toEqual(["same outcome, a condition reads differently"]);
    documented("journeys/two-digit", excerpt(text, "  calls/sales:"));
    // Before, the journey's key dropped the terms and nothing changed.
    expect(
      journeysOf(portfolio({ digits: 2 }), "calls/sales").journeys.some((j) =>
        j.steps.some((s) => s.condition === '(⟨Menu digits⟩ == "1")'),
      ),
    ).toBe(true);
  });
});

describe("finite inputs are concrete", () => {
  test("a one-digit collect takes each key; a longer one stays 'enters digits'", () => {
    const program = portfolio();
    const concrete = journeysOf(program, "calls/sales", { concreteDigits: true }).journeys;
    const menu = new Set(concrete.flatMap((j) => j.steps.filter((s) => s.at === "Menu").map((s) => s.answer)));
    expect([...menu]).toEqual([
      "press 0",
      "press 1",
      "press 2",
      "press 3",
      "press 4",
      "press 5",
      "press 6",
      "press 7",
      "press 8",
      "press 9",
      "no input",
    ]);
    expect(concrete.find((j) => j.steps.some((s) => s.answer === "press 1"))!.outcome).toBe(
      'transfer to queue "Sales" (priority 0)',
    );
    expect(concrete.find((j) => j.steps.some((s) => s.answer === "press 2"))!.outcome).toBe(
      'transfer to queue "Orders" (priority 0)',
    );
    // The PIN has four digits: not a small domain.
    expect(
      new Set(concrete.flatMap((j) => j.steps.filter((s) => s.at === "VerifyCaller.AskPin").map((s) => s.answer))),
    ).toEqual(new Set(["enters digits", "no input"]));
    // The journey tables of `test --journeys` keep one "digits" unless asked.
    expect(journeysOf(program, "calls/sales").journeys.some((j) => j.steps.some((s) => s.answer === "press 1"))).toBe(
      false,
    );
  });

  test("keys that change alike fold into one row; a point every answer takes alike is left out", () => {
    const orders = (prompt: string) => {
      const f = SALES();
      return { ...f, nodes: { ...f.nodes, TransferOrders: { ...f.nodes.TransferOrders, prompt } } };
    };
    const files = (prompt: string) =>
      programOfPortfolio(
        plan({ "modules/verify-caller": VERIFY(3), "modules/lookup-customer": LOOKUP, "calls/sales": orders(prompt) }),
      );
    const changes = journeyReport(
      files("Connecting you to order support."),
      files("Connecting you to our order team."),
    ).changes;
    // Every key but 1 hears the new words, whether Orders takes the call or not: one row, the transfer's answer left out.
    expect(rowsOf(changes).map((r) => [r.choices.join(" · "), r.journeys, r.after!.outcome])).toEqual([
      [
        "Verify: VerifyCaller ends at Verified · Menu: press 0, 2-9",
        36,
        'transfer to queue "Orders" (priority 0) or disconnect',
      ],
    ]);
    documented(
      "journeys/orders-wording",
      excerpt(renderJourneyChangesText(changes), "- Verify: VerifyCaller ends at Verified · Menu: press 0, 2-9"),
    );
  });
});

describe("repetition is folded", () => {
  test("VerifyCaller's PIN tries 3 -> 4: at most 10 rows, the give-up outcome one folded row per flow, a module once and each caller once", () => {
    const changes = journeyReport(portfolio({ billing: true }), portfolio({ tries: 4, billing: true })).changes;
    const rows = rowsOf(changes);
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.some((r) => /continues as an earlier journey/.test(JSON.stringify(r)))).toBe(false);
    const text = renderJourneyChangesText(changes);
    expect(text).toBe(
      [
        "Journeys that change (what the caller does and the org answers -> what changes):",
        "  modules/verify-caller (flows/modules/verify-caller.yaml): 11 journeys change (of 14 before, 20 now): Attempts runs another number of times (11)",
        "  calls/billing (flows/calls/billing.yaml, through VerifyCaller): 13 journeys change (of 18 before, 24 now): VerifyCaller.Attempts runs another number of times (13)",
        "  calls/sales (flows/calls/sales.yaml, through VerifyCaller): 13 journeys change (of 58 before, 64 now): VerifyCaller.Attempts runs another number of times (13)",
        "",
        "  modules/verify-caller:",
        "    - CheckNumber: no · Attempts: repeated, then Lookup (2 journeys)",
        '      Attempts runs 1 to 3 times → 1 to 4 times, then Lookup; ends: returns "completed" (accountId Append("CUST-", Right(⟨input callerNumber⟩, 6)), tier "gold", verified true) or returns "completed" (accountId Append("CUST-", Right(⟨input callerNumber⟩, 6)), tier "standard", verified true)',
        "    - CheckNumber: no · Attempts: repeated, then Failed (9 journeys)",
        '      Attempts runs 3 times → 4 times, then Failed; ends: returns "error" (accountId NOT_SET, tier NOT_SET, verified false)',
        "",
        "  calls/billing:",
        "    - VerifyCaller.CheckNumber: no · VerifyCaller.Attempts: repeated, then VerifyCaller.Lookup (2 journeys)",
        '      VerifyCaller.Attempts runs 1 to 3 times → 1 to 4 times, then VerifyCaller.Lookup; ends: transfer to queue "Billing" (priority 0) or disconnect',
        "    - VerifyCaller.CheckNumber: no · VerifyCaller.Attempts: repeated, then VerifyCaller.Failed (11 journeys)",
        '      VerifyCaller.Attempts runs 3 times → 4 times, then VerifyCaller.Failed; ends: transfer to queue "General" (priority 0) or disconnect',
        "",
        "  calls/sales:",
        "    - VerifyCaller.CheckNumber: no · VerifyCaller.Attempts: repeated, then VerifyCaller.Lookup (2 journeys)",
        '      VerifyCaller.Attempts runs 1 to 3 times → 1 to 4 times, then VerifyCaller.Lookup; ends: transfer to queue "Orders" (priority 0), disconnect, transfer to queue "Sales" (priority 0) or 1 more',
        "    - VerifyCaller.CheckNumber: no · VerifyCaller.Attempts: repeated, then VerifyCaller.Failed (11 journeys)",
        '      VerifyCaller.Attempts runs 3 times → 4 times, then VerifyCaller.Failed; ends: transfer to queue "General" (priority 0) or disconnect',
        "",
      ].join("\n"),
    );
    // The page shows the module and the first caller.
    documented("journeys/pin-tries", `${text.slice(0, text.indexOf("\n\n  calls/sales:\n"))}\n  ...`);
    // One give-up row per flow.
    for (const f of changes) expect(f.changes.filter((c) => c.repeats?.exit.endsWith("Failed"))).toHaveLength(1);
  });

  test("a retry by a jump back (a counter, not a loop node) folds the same way", () => {
    const retry = (tries: number) =>
      programOfPortfolio(
        plan({
          "calls/retry": {
            kind: "inboundCall",
            name: "Retry",
            variables: { account: { type: "string" }, tries: { type: "integer", initial: 0 } },
            start: "Ask",
            nodes: {
              Ask: {
                type: "collectDigits",
                prompt: "Your account number?",
                variable: "account",
                minDigits: 6,
                maxDigits: 6,
                transitions: { success: "Done", failure: "Count" },
              },
              Count: {
                type: "setVariable",
                variable: "tries",
                value: "Flow.tries + 1",
                transitions: { next: "Again" },
              },
              Again: { type: "decision", expression: `Flow.tries < ${tries}`, transitions: { yes: "Ask", no: "Bye" } },
              Done: { type: "transferToQueue", queue: "Accounts", transitions: { failure: "Bye" } },
              Bye: { type: "disconnect" },
            },
          },
        }),
      );
    const changes = journeyReport(retry(2), retry(3), { maxJumps: 5 }).changes;
    expect(renderJourneyChangesText(changes)).toBe(
      [
        "Journeys that change (what the caller does and the org answers -> what changes):",
        "  calls/retry (flows/calls/retry.yaml): 4 journeys change (of 5 before, 7 now): Ask runs another number of times (4)",
        "",
        "  calls/retry:",
        "    - Ask: repeated, then Done (2 journeys)",
        '      Ask runs 1 to 2 times → 1 to 3 times, then Done; ends: transfer to queue "Accounts" (priority 0) or disconnect',
        "    - Ask: repeated, then Bye (2 journeys)",
        "      Ask runs 2 times → 3 times, then Bye; ends: disconnect",
        "",
      ].join("\n"),
    );
  });
});

describe("the Markdown section", () => {
  test("leads with a summary per flow, then the rows, within a hard budget of rows and characters", () => {
    const changes = journeyReport(portfolio({ billing: true }), portfolio({ tries: 4, billing: true })).changes;
    const md = renderJourneyChangesMarkdown(changes, 60_000, { maxRows: 3 });
    const lines = md.split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "",
      "### Journeys that change",
      "",
      "- modules/verify-caller (`flows/modules/verify-caller.yaml`): 11 journeys change (of 14 before, 20 now): Attempts runs another number of times (11)",
      "- calls/billing (`flows/calls/billing.yaml`, through VerifyCaller): 13 journeys change (of 18 before, 24 now): VerifyCaller.Attempts runs another number of times (13)",
      "- calls/sales (`flows/calls/sales.yaml`, through VerifyCaller): 13 journeys change (of 58 before, 64 now): VerifyCaller.Attempts runs another number of times (13)",
    ]);
    expect(
      lines.filter((l) => l.startsWith("| ") && !l.startsWith("| journey") && !l.startsWith("| ---")),
    ).toHaveLength(3);
    expect(md).toContain("_3 more rows of journeys that change: see the full report._");
    // The full report lists every row.
    const full = renderJourneyChangesMarkdown(changes);
    expect(
      full.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| journey") && !l.startsWith("| ---")),
    ).toHaveLength(6);
    const cut = renderJourneyChangesMarkdown(changes, 1200);
    expect(cut.length).toBeLessThanOrEqual(1200);
    expect(cut).toMatch(/see the full report/);
  });

  test("journeysSection compares flow files as the flow diff reads them", () => {
    const files = (route: string) =>
      new Map(
        Object.entries({
          "modules/verify-caller": VERIFY(3),
          "modules/lookup-customer": LOOKUP,
          "calls/sales": SALES(route),
        }).map(([id, spec]) => {
          const parsed = parseFlowText(flowText(spec), `flows/${id}.yaml`);
          return [id, { file: parsed.file, model: parsed.model }] as const;
        }),
      );
    const md = journeysSection(files('Flow.choice == "1"'), files('Flow.choice == "9"'), "markdown", 10_000);
    expect(md).toContain(
      "| Verify: VerifyCaller ends at Verified · Menu: press 1 · TransferOrders: Orders connects (2 journeys) |",
    );
    expect(journeysSection(files('Flow.choice == "1"'), files('Flow.choice == "1"'), "markdown")).toBe("");
  });
});

test("keys one by one only within the bound: past it the journeys say 'enters digits' and are all enumerated", () => {
  // Three one-key collects in a row: 11 x 11 x 11 journeys key by key, past the bound of 200.
  const keys = (last: string) => {
    const nodes: Record<string, unknown> = {
      Done: { type: "transferToQueue", queue: last, transitions: { failure: "Bye" } },
      Bye: { type: "disconnect" },
    };
    for (const n of [1, 2, 3])
      nodes[`Key${n}`] = {
        type: "collectDigits",
        prompt: `Key ${n}?`,
        variable: `k${n}`,
        maxDigits: 1,
        transitions: { success: n < 3 ? `Key${n + 1}` : "Done", failure: "Bye" },
      };
    return programOfPortfolio(
      plan({
        "calls/keys": {
          kind: "inboundCall",
          name: "Keys",
          variables: { k1: { type: "string" }, k2: { type: "string" }, k3: { type: "string" } },
          start: "Key1",
          nodes,
        },
      }),
    );
  };
  expect(journeysOf(keys("A"), "calls/keys", { concreteDigits: true, maxJourneys: 200 }).truncated).toBe(true);
  const [f] = journeyReport(keys("A"), keys("B"), { maxJourneys: 200 }).changes;
  expect(f.truncated).toBe(false);
  expect(f.changes.map((c) => [c.choices.join(" · "), c.before!.outcome, c.after!.outcome])).toEqual([
    [
      "Key1: enters digits · Key2: enters digits · Key3: enters digits · Done: B connects",
      'transfer to queue "A" (priority 0)',
      'transfer to queue "B" (priority 0)',
    ],
    [
      "Key1: enters digits · Key2: enters digits · Key3: enters digits · Done: B does not connect",
      'transfer to queue "A" (priority 0)',
      "disconnect",
    ],
  ]);
});
