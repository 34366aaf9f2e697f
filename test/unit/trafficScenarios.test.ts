// Real journeys as scenarios (issue 77 item 3). The journeys are made as a pull makes them:
// callers (hand-written scenarios) run through the compiled flow, each run recorded as the
// emulator records an execution (emulator/traffic.ts executionRecord: a module's items nested in
// its call), kept by the pull's own core (traffic/journeys.ts). From them: a journey becomes a scenario whose run takes exactly
// its steps, a changed flow makes it fail where the journey differs, what cannot be replayed is
// named; the choice of journeys and the coverage of real traffic; the command and `test`'s line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { actionIdentities } from "../../emulator/actionIds";
import { executionRecord, type Published, type Run } from "../../emulator/traffic";
import { Machine } from "../../behaviour/machine";
import { programOfPortfolio } from "../../behaviour/program";
import { realSteps, replayJourney } from "../../behaviour/replay";
import { parseScenarioText } from "../../behaviour/scenario/load";
import { runScenario } from "../../behaviour/scenario/run";
import { ScenarioWorld } from "../../behaviour/scenario/world";
import { plan } from "../../testkit/portfolio";
import { runMain } from "../../testkit/fixtureProject";
import { tempProject } from "../../testkit/tempProject";
import { main as trafficMain } from "../../tools/traffic";
import { main as testMain } from "../../tools/testFlows";
import { keepJourneys, sortedJson, type ExecutionFile, type Journey, type TrafficFile } from "../../traffic/journeys";
import { realCoverage, selectJourneys } from "../../traffic/scenarios";

const ORDERS = `kind: inboundCall
name: Orders
description: The orders line.
variables:
  choice: { type: string }
  status: { type: string }
start: Hours
nodes:
  Hours:
    type: scheduleGroup
    scheduleGroup: Main office
    transitions: { open: Menu, closed: Closed, holiday: Closed }
  Menu:
    type: collectDigits
    prompt: For a new order press 1, for an existing order press 2.
    variable: choice
    maxDigits: 1
    transitions: { success: Route, failure: Closed }
  Route:
    type: decision
    expression: Flow.choice == "1"
    transitions: { "yes": Sales, "no": Lookup }
  Lookup:
    type: dataAction
    category: Web Services
    action: Get order
    outputs: { status: status }
    timeoutSeconds: 5
    transitions: { success: Status, failure: Sales, timeout: Sales }
  Status:
    type: decision
    expression: Flow.status == "shipped"
    transitions: { "yes": Shipped, "no": Sales }
  Shipped:
    type: playMessage
    prompt: Your order has shipped.
    transitions: { next: Bye }
  Sales:
    type: transferToQueue
    queue: Sales
    transitions: { failure: Closed }
  Closed:
    type: playMessage
    prompt: We are closed.
    transitions: { next: Bye }
  Bye:
    type: disconnect
`;

/** The callers of the pull: what each did, and how many did it. */
const CALLERS: Array<[string, number]> = [
  ["{ org: { scheduleGroups: { Main office: open } }, steps: [{ digits: '1' }] }", 5],
  [
    "{ org: { scheduleGroups: { Main office: open }, dataActions: { Web Services/Get order: failure } }, steps: [{ digits: '2' }] }",
    3,
  ],
  ["{ org: { scheduleGroups: { Main office: closed } } }", 2],
  [
    "{ org: { scheduleGroups: { Main office: open }, dataActions: { Web Services/Get order: { success: { status: shipped } } } }, steps: [{ digits: '2' }] }",
    1,
  ],
  ["{ org: { scheduleGroups: { Main office: open }, queues: { Sales: unavailable } }, steps: [{ digits: '1' }] }", 1],
];

const programOf = (flow: string) => programOfPortfolio(plan({ "calls/orders": parse(flow) }));

/**
 * What a pull of the callers' calls to `entry` keeps: each run recorded as the emulator records
 * one (a module's actions inside its caller's), kept as journeys.ts keeps it.
 */
function pulled(flows: Record<string, string>, entry: string, callers: ReadonlyArray<[string, number]>): TrafficFile {
  const planned = plan(Object.fromEntries(Object.entries(flows).map(([id, text]) => [id, parse(text)])));
  const program = programOfPortfolio(planned);
  const published = new Map<string, Published>(
    [...program.flows.values()].map((f) => {
      const doc = { [f.archyKey]: f.body } as Published["doc"];
      return [
        f.id,
        {
          flowId: f.id,
          name: f.publishedName,
          type: f.archyKey.toUpperCase(),
          version: "2.0",
          datePublished: 0,
          division: "Home",
          ids: actionIdentities(f.id, "2.0", doc),
          doc,
          archyKey: f.archyKey,
        },
      ];
    }),
  );
  const executions: ExecutionFile[] = callers.flatMap(([caller, times], index) => {
    const [loaded] = parseScenarioText(
      `flow: ${entry}\nscenarios:\n  - { name: caller, expect: { outcome: disconnect }, ${caller.slice(1)}\n`,
      "caller.yaml",
    );
    const run: Run = { ran: [], menus: [], ending: "" };
    const machine = new Machine(program, new ScenarioWorld(loaded.scenario, (at) => at.node ?? ""), ({ flow, ...r }) =>
      run.ran.push({ flowId: flow.id, ...r }),
    );
    machine.run(machine.start(entry));
    const record = executionRecord(
      { seed: 1, index, at: 0, ani: "+13175550000" },
      published,
      published.get(entry)!,
      run,
      "Base",
    );
    return Array.from({ length: times }, () => ({
      flow: { flowId: entry, flowName: record.flowName, flowVersion: "2.0", execution: record.execution },
    }));
  });
  return keepJourneys({
    stack: "test",
    window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" },
    flows: planned.flows.map((f) => ({
      id: f.id,
      file: f.file,
      publishedName: f.publishedName,
      revision: f.revision,
      doc: published.get(f.id)!.doc,
      actionNodes: f.actionNodes,
      ...(f.kind.isModule ? { moduleName: f.model.name } : {}),
    })),
    current: new Set([`${entry}@2.0`]),
    executions,
    pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} },
    keepValues: false,
  });
}

const program = programOf(ORDERS);
const traffic = pulled({ "calls/orders": ORDERS }, "calls/orders", CALLERS);
const journeys = traffic.flows[0].versions[0].journeys;
const loaded = (scenario: object) => ({
  file: "x.yaml",
  flow: "calls/orders",
  scenario: { name: "replay", ...scenario } as never,
  line: 1,
  lineOf: () => 1,
});

const journey = (text: string) => journeys.find((j) => j.steps.join(" · ") === text)!;
const NEW_ORDER = "Hours -> open · Menu -> success · Route -> yes · Sales";
const CLOSED = "Hours -> closed · Closed · Bye";
const SALES_BUSY = "Hours -> open · Menu -> success · Route -> yes · Sales -> failure · Closed · Bye";
const SHIPPED = "Hours -> open · Menu -> success · Route -> no · Lookup -> success · Status -> yes · Shipped · Bye";

test("the pull keeps the callers' five journeys in the stack's nodes", () => {
  expect(journeys.map((j) => [j.count, j.steps.join(" · ")]).sort()).toEqual([
    [1, SHIPPED],
    [1, SALES_BUSY],
    [2, CLOSED],
    [3, "Hours -> open · Menu -> success · Route -> no · Lookup -> failure · Sales"],
    [5, NEW_ORDER],
  ]);
});

test("a real journey becomes a scenario whose run takes exactly its steps and ends where it ended; what no scenario can drive is named", () => {
  expect(replayJourney(program, "calls/orders", journey(NEW_ORDER))).toEqual({
    scenario: {
      steps: [{ at: "Menu", digits: "1" }],
      org: { scheduleGroups: { "Main office": "open" }, queues: { Sales: "available" } },
      expect: { path: ["Hours", "Menu", "Route", "Sales"], outcome: { transferToQueue: "Sales" } },
    },
  });
  expect(replayJourney(program, "calls/orders", journey(SALES_BUSY))).toEqual({
    scenario: expect.objectContaining({
      org: { scheduleGroups: { "Main office": "open" }, queues: { Sales: "unavailable" } },
    }),
  });
  // The status the data action answered is not in the pull: the branch it chose cannot be driven.
  expect(replayJourney(program, "calls/orders", journey(SHIPPED))).toEqual({
    notReplayable: 'after 4 steps the flow goes to "Status -> no", where the journey went to "Status -> yes"',
  });
  for (const j of journeys.filter((x) => x !== journey(SHIPPED))) {
    const replay = replayJourney(program, "calls/orders", j) as { scenario: object };
    const run = runScenario(program, loaded(replay.scenario));
    expect([run.status, realSteps(run.events, "calls/orders", () => undefined)]).toEqual(["passed", j.steps]);
  }
});

test("a changed flow fails the scenario where the journey differs, and only there", () => {
  const changed = programOf(ORDERS.replace('{ "yes": Sales, "no": Lookup }', '{ "yes": Closed, "no": Lookup }'));
  const [newOrder, closed] = [NEW_ORDER, CLOSED].map(
    (j) => replayJourney(program, "calls/orders", journey(j)) as { scenario: object },
  );
  const failed = runScenario(changed, loaded(newOrder.scenario));
  expect(failed.status).toBe("failed");
  expect(failed.differences[0]).toEqual(
    expect.objectContaining({ field: "expect.path", at: 3, message: 'entry 4 is "Closed", expected "Sales"' }),
  );
  expect(runScenario(changed, loaded(closed.scenario)).status).toBe("passed");
});

const VERIFY = `kind: commonModule
name: Verify
description: Asks whether the caller is a customer.
variables:
  answer: { type: string }
start: Ask
nodes:
  Ask:
    type: collectDigits
    prompt: If you are a customer, press 1.
    variable: answer
    maxDigits: 1
    transitions: { success: Customer, failure: Fail }
  Customer:
    type: decision
    expression: Common.answer == "1"
    transitions: { "yes": Ok, "no": Fail }
  Ok: { type: return, outcome: completed }
  Fail: { type: return, outcome: error }
`;
const FRONT = `kind: inboundCall
name: Front
description: Verifies, then sales.
start: Check
nodes:
  Check:
    type: subflow
    module: Verify
    transitions: { completed: Sales, error: Bye }
  Sales:
    type: transferToQueue
    queue: Sales
    transitions: { failure: Bye }
  Bye: { type: disconnect }
`;

// A module runs inside its caller's execution; a pull names its steps `<Module>.<node>` (traffic/journeys.ts).
test("a module's steps inside its caller's journey (Module.node) are replayed through the module", () => {
  const flows = { "calls/front": FRONT, "modules/verify": VERIFY };
  const modular = programOfPortfolio(
    plan(Object.fromEntries(Object.entries(flows).map(([id, text]) => [id, parse(text)]))),
  );
  const front = pulled(flows, "calls/front", [
    ["{ steps: [{ digits: '1' }] }", 2],
    ["{ steps: [{ silence: true }] }", 1],
  ]).flows.find((f) => f.name === "Front")!;
  const [customer, silent] = front.versions[0].journeys.map((j) => j.steps);
  expect(customer).toEqual([
    "Check",
    "Verify.Ask -> success",
    "Verify.Customer -> yes",
    "Verify.Ok",
    "Verify.Ok",
    "Check -> yes",
    "Sales",
  ]);
  expect(silent).toEqual(["Check", "Verify.Ask -> failure", "Verify.Fail", "Check -> no", "Bye"]);
  const replay = replayJourney(modular, "calls/front", { steps: customer }) as { scenario: object };
  expect(replay.scenario).toEqual(
    expect.objectContaining({
      steps: [{ at: "Verify.Ask", digits: "1" }],
      expect: { path: ["Check", "Sales"], outcome: { transferToQueue: "Sales" } },
    }),
  );
  const run = runScenario(modular, { ...loaded(replay.scenario), flow: "calls/front" });
  expect([run.status, realSteps(run.events, "calls/front", (id) => modular.flows.get(id)?.model.name)]).toEqual([
    "passed",
    customer,
  ]);
  expect(replayJourney(modular, "calls/front", { steps: silent })).toEqual({
    scenario: expect.objectContaining({ steps: [{ at: "Verify.Ask", silence: true }] }),
  });
});

const J = (id: string, count: number, steps: string[]): Journey => ({ id, count, steps });
const FILE: TrafficFile = {
  stack: "test",
  window: { from: "a", to: "b" },
  keepValues: false,
  flows: [
    {
      name: "Orders",
      flowId: "f1",
      file: "flows/calls/orders.yaml",
      versions: [
        { version: "1.0", inStack: false, executions: 5, journeys: [J("old", 5, ["X"])] },
        {
          version: "2.0",
          inStack: true,
          executions: 10,
          journeys: [J("a", 6, ["A"]), J("b", 3, ["B"]), J("c", 1, ["? tracking 4"])],
        },
      ],
    },
  ],
  limits: {
    queries: 1,
    cappedWindows: [],
    failedDownloads: [],
    flowsWithoutData: [],
    flowsNotInStack: {},
    versionsNotInStack: ["Orders 1.0"],
    unmappedActions: {},
  },
};

test("the most frequent journeys by count or by share of all the flow's executions; old versions and unmapped actions named, not chosen", () => {
  const ids = (s: ReturnType<typeof selectJourneys>) => s.chosen.map((c) => c.journey.id);
  expect(ids(selectJourneys(FILE, { top: 1 }))).toEqual(["a"]);
  expect(ids(selectJourneys(FILE, { share: 40 }))).toEqual(["a"]);
  expect(ids(selectJourneys(FILE, { share: 41 }))).toEqual(["a", "b"]);
  expect(ids(selectJourneys(FILE, { top: 9 }))).toEqual(["a", "b"]);
  expect(selectJourneys(FILE, { top: 1 })).toEqual(
    expect.objectContaining({
      oldVersions: ["Orders 1.0: 1 journeys, 5 executions"],
      unmapped: ["Orders 2.0 journey c: 1 executions"],
    }),
  );
  expect(
    realCoverage(
      FILE,
      new Map([["flows/calls/orders.yaml", new Set([JSON.stringify([["A"], false]), JSON.stringify([["X"], false])])]]),
    ),
  ).toEqual({ covered: 11, total: 15, notMapped: 1 });
  expect(
    realCoverage(FILE, new Map([["flows/calls/other.yaml", new Set([JSON.stringify([["A"], false])])]])).covered,
  ).toBe(0);
});

async function traffic_(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = { out: "", err: "", code: -1 };
  r.code = await trafficMain(
    argv,
    {
      out: { write: (s: string) => ((r.out += s), true) },
      err: { write: (s: string) => ((r.err += s), true) },
    } as never,
    {},
  );
  return r;
}

test("traffic scenarios writes the replayable journeys, validated and byte-identical run after run; test replays them and says how much real traffic they cover", async () => {
  const root = tempProject({
    "Pulumi.test.yaml": "config:\n  genesys-flows:environment: test\n",
    "flows/calls/orders.yaml": ORDERS,
    ".work/traffic/test.json": sortedJson(traffic),
  });
  const r = await traffic_(["scenarios", "--root", root, "--stack", "test"]);
  expect([r.code, r.err]).toEqual([0, ""]);
  expect(r.out).toBe(
    "wrote scenarios/calls/orders/real-journeys-test.yaml (4 scenarios)\nnot written (1):\n  Orders journey " +
      `${journey(SHIPPED).id}, 1 of 12 journeys (8.3 %): after 4 steps the flow goes to "Status -> no", where the journey went to "Status -> yes"\n`,
  );
  const file = join(root, "scenarios/calls/orders/real-journeys-test.yaml");
  const first = readFileSync(file, "utf8");
  const [top] = (parse(first) as { scenarios: Array<{ name: string; description: string }> }).scenarios;
  expect(top).toEqual(
    expect.objectContaining({
      name: `Real journey ${journey(NEW_ORDER).id}: 5 of 12 journeys (41.7 %)`,
      description: `From stack test, flow Orders (flows/calls/orders.yaml) version 2.0, journey ${journey(NEW_ORDER).id}: 5 of 12 journeys (41.7 %) of the flow's real executions from 2026-11-20T00:00:00.000Z to 2026-11-27T00:00:00.000Z.`,
    }),
  );
  expect((await traffic_(["scenarios", "--root", root, "--stack", "test"])).code).toBe(0);
  expect(readFileSync(file, "utf8")).toBe(first);

  const tested = runMain(testMain, ["--root", root, "--stack", "test", "--coverage"]);
  expect(tested.err).toBe("");
  expect(tested.out).toContain("4 scenarios: 4 passed, 0 failed, 0 stopped");
  expect(tested.out).toContain("scenarios cover 11 of 12 journeys (91.7 %) of the last pull\n");
  expect(tested.code).toBe(0);

  expect(await traffic_(["scenarios", "--root", root, "--stack", "test", "--top", "2", "--share", "50"])).toEqual(
    expect.objectContaining({ code: 2, err: expect.stringContaining("give --top or --share, not both") }),
  );
  expect(await traffic_(["scenarios", "--root", root, "--since", "1d"])).toEqual(
    expect.objectContaining({ code: 2, err: expect.stringContaining('--since is an option of "traffic pull"') }),
  );
  expect(await traffic_(["scenarios", "--root", root, "--stack", "dev"])).toEqual(
    expect.objectContaining({
      code: 1,
      err: expect.stringContaining("no such file (pull it first: genesys-flows traffic pull --stack dev)"),
    }),
  );
});
