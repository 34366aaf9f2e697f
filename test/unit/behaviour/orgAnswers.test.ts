// Scenarios over the org's answers and the customer's menu choices, on one call flow: a schedule
// group's four states, a menu chosen by key or by words and repeated on silence before its
// no-input path, a data action's success (its outputs in variables and participant data), failure
// and timeout, a switch, participant data read and written. Each scenario runs the compiled Archy.
import { programOfPortfolio } from "../../../behaviour/program";
import { parseScenarioText } from "../../../behaviour/scenario/load";
import { runScenario, type ScenarioResult } from "../../../behaviour/scenario/run";
import { plan } from "../../../testkit/portfolio";

const SERVICE = {
  kind: "inboundCall",
  name: "Service",
  variables: { accountName: { type: "string" }, segment: { type: "string" } },
  start: "Hours",
  nodes: {
    Hours: {
      type: "scheduleGroup",
      scheduleGroup: "Main office",
      emergencyGroup: "Site emergency",
      transitions: { open: "Menu", closed: "Closed", holiday: "Holiday", emergency: "Emergency" },
    },
    Menu: {
      type: "menu",
      prompt: "For billing press 1. For support press 2 or say support.",
      choices: { billing: { dtmf: 1 }, support: { dtmf: "2", speech: ["support"] } },
      repeatCount: 1,
      transitions: { billing: "Account", support: "Support", noInput: "Closed" },
    },
    Account: {
      type: "dataAction",
      category: "Web Services",
      action: "Get account",
      inputs: { phone: "Call.Ani" },
      outputs: { name: "accountName" },
      timeoutSeconds: 5,
      transitions: { success: "Tag", failure: "Support", timeout: "Support" },
    },
    Tag: {
      type: "setParticipantData",
      attributes: { "customer.name": "Flow.accountName" },
      transitions: { next: "ReadSegment" },
    },
    ReadSegment: { type: "getParticipantData", attributes: { segment: "segment" }, transitions: { next: "Route" } },
    Route: {
      type: "switch",
      cases: { vip: 'Flow.segment == "vip"', other: "true" },
      transitions: { vip: "Vip", other: "Billing", default: "Billing" },
    },
    Vip: { type: "transferToQueue", queue: "VIP billing", transitions: { failure: "Billing" } },
    Billing: {
      type: "transferToQueue",
      queue: "Billing",
      prompt: "Connecting you to billing.",
      transitions: { failure: "Closed" },
    },
    Support: { type: "transferToQueue", queue: "Support", transitions: { failure: "Closed" } },
    Holiday: { type: "playMessage", prompt: "We are closed for the holiday.", transitions: { next: "Bye" } },
    Emergency: {
      type: "playMessage",
      prompt: "Due to an emergency we cannot take your call.",
      transitions: { next: "Bye" },
    },
    Closed: { type: "playMessage", prompt: "We are closed.", transitions: { next: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

const program = programOfPortfolio(plan({ "calls/service": SERVICE }));

function run(scenario: string): ScenarioResult {
  const [s] = parseScenarioText(`flow: calls/service\nscenarios:\n${scenario}`, "service.yaml");
  return runScenario(program, s);
}

const passes = (r: ScenarioResult) =>
  expect({ status: r.status, stop: r.stop, differences: r.differences }).toEqual({ status: "passed", differences: [] });

test.each([
  ["closed", ["Hours", "Closed", "Bye"], "We are closed."],
  ["holiday", ["Hours", "Holiday", "Bye"], "We are closed for the holiday."],
  ["emergency", ["Hours", "Emergency", "Bye"], "Due to an emergency we cannot take your call."],
])("the schedule group %s plays its message and hangs up", (state, path, heard) => {
  passes(
    run(`  - name: ${state}
    org: { scheduleGroups: { Main office: ${state} } }
    expect: { path: ${JSON.stringify(path)}, prompts: [${JSON.stringify(heard)}], outcome: disconnect }
`),
  );
});

test("a known caller pressing 1 is looked up, tagged and routed by the segment in participant data", () => {
  const r = run(`  - name: VIP
    call: { ani: "+13175550100" }
    participantData: { segment: vip }
    org:
      scheduleGroups: { Main office: open }
      dataActions: { Web Services/Get account: { success: { name: Ada } } }
    steps: [{ at: Menu, digits: "1" }]
    expect:
      path: [Hours, Menu, Account, Tag, ReadSegment, Route, Vip]
      outcome: { transferToQueue: VIP billing }
      variables: { accountName: Ada, segment: vip }
      participantData: { customer.name: Ada, segment: vip }
`);
  passes(r);
});

test("saying a choice's words takes it; silence repeats the menu, then takes its no-input path", () => {
  passes(
    run(`  - name: Words
    call: { ani: "+1" }
    org: { scheduleGroups: { Main office: open } }
    steps: [{ say: Support }]
    expect: { path: [Hours, Menu, Support], outcome: { transferToQueue: Support } }
`),
  );
  passes(
    run(`  - name: Silence
    org: { scheduleGroups: { Main office: open } }
    steps: [{ silence: true }, { silence: true }]
    expect:
      path: [Hours, Menu, Closed, Bye]
      prompts: [For billing press 1. For support press 2 or say support., For billing press 1. For support press 2 or say support., We are closed.]
`),
  );
});

test.each(["failure", "timeout"])("a data action %s takes its path", (answer) => {
  passes(
    run(`  - name: ${answer}
    call: { ani: "+1" }
    org: { scheduleGroups: { Main office: open }, dataActions: { Web Services/Get account: ${answer} } }
    steps: [{ digits: "1" }]
    expect: { path: [Hours, Menu, Account, Support], outcome: { transferToQueue: Support } }
`),
  );
});

test("what the scenario does not answer stops the run with the line to add", () => {
  const noGroup = run(`  - name: No state
    expect: { outcome: disconnect }
`);
  expect(noGroup.status).toBe("stopped");
  expect(noGroup.stop).toContain('add org: {scheduleGroups: {"Main office": open}}');
  const noAnswer = run(`  - name: No answer
    call: { ani: "+1" }
    org: { scheduleGroups: { Main office: open } }
    steps: [{ digits: "1" }]
    expect: { outcome: disconnect }
`);
  expect(noAnswer.status).toBe("stopped");
  expect(noAnswer.stop).toContain('the flow calls data action "Web Services/Get account" at Account');
  const badKey = run(`  - name: Bad key
    org: { scheduleGroups: { Main office: open } }
    steps: [{ digits: "9" }]
    expect: { outcome: disconnect }
`);
  expect(badKey.status).toBe("stopped");
  expect(badKey.stop).toMatch(/^cannot simulate key 9 at menu Menu, which no choice takes/);
});
