// Scenarios that start at a number: the stack's routing (its values applied) picks the IVR config
// for the number dialled, its emergency group when on, else its schedule group's state at the
// scenario's clock (in the group's time zone unless the clock says another), and the run goes on
// in the flow it selects. A flow's own schedule group evaluation, when the routing files declare
// the group, is answered from the clock by the same code.
import { programOfPortfolio } from "../../../behaviour/program";
import { StackRouting } from "../../../behaviour/routing";
import { parseScenarioText } from "../../../behaviour/scenario/load";
import { runScenario, type ScenarioResult } from "../../../behaviour/scenario/run";
import { FlowLoadError, formatIssue } from "../../../model/errors";
import { planRouting } from "../../../planner/routing";
import { plan, settings } from "../../../testkit/portfolio";

const say = (name: string, text: string) => ({
  kind: "inboundCall",
  name,
  variables: { called: { type: "string" } },
  start: "Note",
  nodes: {
    Note: { type: "setVariable", variable: "called", value: "Call.CalledAddress", transitions: { next: "Say" } },
    Say: { type: "playMessage", prompt: text, transitions: { next: "Bye" } },
    Bye: { type: "disconnect" },
  },
});

const DESK = {
  kind: "inboundCall",
  name: "Desk",
  start: "Hours",
  nodes: {
    Hours: {
      type: "scheduleGroup",
      scheduleGroup: "t-Desk hours",
      emergencyGroup: "t-Storm",
      transitions: { open: "Open", closed: "Closed", holiday: "Holiday", emergency: "Emergency" },
    },
    Open: { type: "playMessage", prompt: "open", transitions: { next: "Bye" } },
    Closed: { type: "playMessage", prompt: "closed", transitions: { next: "Bye" } },
    Holiday: { type: "playMessage", prompt: "holiday", transitions: { next: "Bye" } },
    Emergency: { type: "playMessage", prompt: "emergency", transitions: { next: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

const ROUTING: Record<string, string> = {
  "schedules/weekdays":
    "kind: schedule\nname: Weekdays\nstart: 2026-01-05T09:00:00\nend: 2026-01-05T17:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n",
  "schedules/christmas":
    "kind: schedule\nname: Christmas\nstart: 2026-12-25T00:00:00\nend: 2026-12-25T23:59:59\nrrule: FREQ=YEARLY\n",
  "hours/desk":
    "kind: scheduleGroup\nname: Desk hours\ntimeZone: Europe/London\nopen: [schedules/weekdays]\nholiday: [schedules/christmas]\n",
  "ivr/main":
    'kind: ivr\nname: Main\nnumbers: ["+441130000001", {from: "+441130000010", to: "+441130000019"}]\nflows: {open: calls/sales, closed: calls/closed}\nscheduleGroup: hours/desk\n',
  "emergency/storm": "kind: emergencyGroup\nname: Storm\nflow: calls/closed\nivrs: [ivr/main]\n",
};

function stack(raw: Record<string, unknown> = {}) {
  const flows = {
    "calls/sales": say("Sales", "Welcome to sales."),
    "calls/closed": say("Closed", "We are closed."),
    "calls/desk": DESK,
  };
  const stackRaw = { namePrefix: "t-", ...raw };
  const portfolio = plan(flows, stackRaw);
  const routing = planRouting({
    settings: settings(stackRaw),
    sources: Object.entries(ROUTING).map(([id, text]) => ({ id, file: `routing/${id}.yaml`, text })),
    flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
    stackFile: "Pulumi.test.yaml",
  });
  return { program: programOfPortfolio(portfolio), routing: new StackRouting("test", routing.objects) };
}

const plain = stack();
const storm = stack({ routing: { objects: { "emergency/storm": { enabled: true } } } });

function run(scenario: string, s = plain): ScenarioResult {
  const [loaded] = parseScenarioText(`scenarios:\n${scenario}`, "scenarios/routing/main.yaml");
  return runScenario(s.program, loaded, s.routing);
}

function loadProblems(scenario: string): string[] {
  try {
    parseScenarioText(`scenarios:\n${scenario}`, "scenarios/routing/main.yaml");
  } catch (e) {
    if (e instanceof FlowLoadError) return e.issues.map(formatIssue);
    throw e;
  }
  return [];
}

describe("a scenario that dials a number", () => {
  test("in open hours runs the IVR config's open-hours flow, the number being the number called", () => {
    const r = run(`  - name: open
    dial: "+441130000001"
    clock: { local: 2026-11-24T09:30 }
    expect:
      route: { ivr: ivr/main, state: open, flow: calls/sales }
      prompts: [Welcome to sales.]
      variables: { called: "+441130000001" }
      outcome: disconnect
`);
    expect(r.differences).toEqual([]);
    expect(r).toMatchObject({ status: "passed", flow: "calls/sales" });
  });

  test("a local clock is read in the schedule group's time zone; an ISO time keeps its own offset", () => {
    // 08:30 in London is before opening; 08:30 in New York is 13:30 in London.
    const early = run(`  - name: early
    dial: "+441130000015"
    clock: { local: 2026-11-24T08:30 }
    expect: { route: { state: open } }
`);
    expect(early.differences.map((d) => d.message)).toEqual(['routing chose state "closed", expected "open"']);
    expect(early.actual.route).toEqual({ ivr: "ivr/main", state: "closed", flow: "calls/closed" });
    const elsewhere = run(`  - name: elsewhere
    dial: "+441130000015"
    clock: { local: 2026-11-24T08:30, timeZone: America/New_York }
    expect: { route: { state: open, flow: calls/sales } }
`);
    expect(elsewhere.status).toBe("passed");
    const iso = run(`  - name: iso
    dial: "+441130000015"
    clock: 2026-11-24T09:30:00Z
    expect: { route: { state: open, flow: calls/sales } }
`);
    expect(iso.status).toBe("passed");
  });

  test("outside every schedule the call runs the closed-hours flow", () => {
    const r = run(`  - name: evening
    dial: "+441130000019"
    clock: { local: 2026-11-24T20:00 }
    expect: { route: { state: closed, flow: calls/closed }, prompts: [We are closed.] }
`);
    expect(r.status).toBe("passed");
  });

  test("on a holiday without a holiday flow the run stops: Genesys documents no fallback", () => {
    const r = run(`  - name: christmas
    dial: "+441130000001"
    clock: { local: 2026-12-25T10:00 }
    expect: { outcome: disconnect }
`);
    expect(r.status).toBe("stopped");
    expect(r.stop).toBe(
      "cannot simulate a call to +441130000001 while routing/ivr/main.yaml is holiday: it names no holiday flow, and what Genesys does then is not documented",
    );
  });

  test("an emergency group the stack switches on takes the call to its flow, whatever the time", () => {
    const r = run(
      `  - name: storm
    dial: "+441130000001"
    clock: { local: 2026-11-24T09:30 }
    expect: { route: { state: emergency, flow: calls/closed } }
`,
      storm,
    );
    expect(r.status).toBe("passed");
  });

  test("a number no IVR config routes stops the run, naming the numbers the stack routes", () => {
    const r = run(`  - name: unrouted
    dial: "+441130000002"
    clock: { local: 2026-11-24T09:30 }
    expect: { outcome: disconnect }
`);
    expect(r).toMatchObject({ status: "stopped", flow: "dial +441130000002" });
    expect(r.stop).toBe(
      "the scenario does not say enough: no IVR config of stack test routes +441130000002: the stack routes ivr/main (+441130000001, +441130000010..+441130000019)",
    );
  });

  test("the file says what a call to a number lacks or contradicts, at its line", () => {
    expect(
      loadProblems(`  - name: a
    dial: "+441130000001"
    flow: calls/sales
    expect: { outcome: disconnect }
`),
    ).toEqual([
      'scenarios/routing/main.yaml:4:5: scenario "a": field "flow": a scenario that dials a number runs the flow routing chooses: give dial or flow, not both (expect: {route: {flow: ...}} checks the flow)',
      'scenarios/routing/main.yaml:3:5: scenario "a": field "dial": a call to a number needs the time it is made: add clock: {local: 2026-11-24T09:30} (the time zone of the number\'s schedule group) or an ISO time with its offset',
    ]);
    expect(
      loadProblems(`  - name: b
    flow: calls/sales
    clock: { local: 2026-11-24T09:30 }
    expect: { route: { flow: calls/sales } }
`),
    ).toEqual([
      'scenarios/routing/main.yaml:5:15: scenario "b": field "expect.route": only a scenario that dials a number (dial: +1...) is routed: give dial, or leave expect.route out',
      'scenarios/routing/main.yaml:4:5: scenario "b": field "clock": a local clock needs its timeZone, unless the scenario dials a number (then the number\'s schedule group gives it)',
    ]);
    expect(
      loadProblems(`  - name: c
    dial: "+441130000001"
    call: { dnis: "+441130000002" }
    clock: 2026-11-24T09:30:00Z
    expect: { outcome: disconnect }
`),
    ).toEqual([
      expect.stringContaining(
        'field "call.dnis": the scenario dials +441130000001, and call.dnis says +441130000002: leave call.dnis out (dial sets it)',
      ),
    ]);
    expect(
      loadProblems(`  - name: d
    dial: "01130000001"
    clock: 2026-11-24T09:30:00Z
    expect: { outcome: disconnect }
`),
    ).toEqual([expect.stringContaining("an E.164 number such as +13175550100")]);
  });
});

describe("a flow's schedule group declared in routing/", () => {
  const desk = (clock: string, org = "", s = plain) =>
    run(
      `  - name: desk
    flow: calls/desk
    clock: ${clock}
${org}    expect: { outcome: disconnect }
`,
      s,
    );

  test("is evaluated at the clock, as routing evaluates it (no state in the scenario)", () => {
    expect(desk("2026-11-24T09:30:00Z").actual.prompts).toEqual(["open"]);
    expect(desk("2026-11-24T20:30:00Z").actual.prompts).toEqual(["closed"]);
    expect(desk("2026-12-25T12:00:00Z").actual.prompts).toEqual(["holiday"]);
    expect(desk("2026-11-24T09:30:00Z", "", storm).actual.prompts).toEqual(["emergency"]);
  });

  test("a state the scenario gives wins; without a clock the run asks for one or the other", () => {
    expect(
      desk("2026-11-24T09:30:00Z", "    org: { scheduleGroups: { t-Desk hours: holiday } }\n").actual.prompts,
    ).toEqual(["holiday"]);
    const [loaded] = parseScenarioText(
      "scenarios:\n  - name: no clock\n    flow: calls/desk\n    expect: { outcome: disconnect }\n",
      "scenarios/x.yaml",
    );
    const r = runScenario(plain.program, loaded, plain.routing);
    expect(r.status).toBe("stopped");
    expect(r.stop).toContain(
      'add org: {scheduleGroups: {"t-Desk hours": open}} (or closed, holiday, emergency), or a clock: a group of the routing files is evaluated at it',
    );
  });
});
