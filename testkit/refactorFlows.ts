// The refactoring tests' own portfolio (test/unit/refactor*.test.ts, test/e2e/refactor.test.ts):
// three inbound call flows that each check the caller's PIN with the same four nodes under
// different names and labels (the copy a team makes by hand), reading a PIN length the flow set
// before, each its own way (an input), and setting `verified`, which the flow reads after (an
// output), with two ways out (verified, on to the flow's own routing; not verified, to the flow's
// own apology); a fourth whose copy says another prompt (not the same subgraph); a fifth whose
// copy has a third way out; a module to inject. Besides: three callers asking the caller's language
// the same way before their own transfers, two screening the call with a question asked the
// negative way, the PIN check with its variables named otherwise, and a module testing the
// caller's number as a flow does. As files under flows/ (path -> text), with the scenarios of the
// first flow.
import { routingIdOf } from "../model/routing/load";
import { flowIdOf } from "../planner/names";
import { parseStackFile } from "../planner/stackSettings";
import type { ProjectSnapshot } from "../refactor/project";
import { cmp } from "../archy/json";

/** A caller: its PIN check named `names` (ask, check, set yes, set no), labelled or not, and where verified callers go. */
function caller(o: {
  name: string;
  queue: string;
  names: [string, string, string, string];
  labels: boolean;
  length: string;
  route: string;
  prompt?: string;
  thirdExit?: boolean;
}): string {
  const [ask, check, yes, no] = o.names;
  const lower = o.name.toLowerCase();
  const label = (text: string) => (o.labels ? `\n    label: ${text}` : "");
  return `# yaml-language-server: $schema=../../schema/flow.schema.json
# ${o.name} line: welcome, the PIN check, then the ${o.name.toLowerCase()} queue for verified callers.
kind: inboundCall
name: ${o.name}
variables:
  pin: { type: string }
  pinLength: { type: integer }
  verified: { type: boolean, initial: false }
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome to ${lower}.
    transitions: { next: SetLength }
  SetLength:
    type: setVariable
    variable: pinLength
    value: ${JSON.stringify(o.length)}
    transitions: { next: ${ask} }
  # The PIN check, copied from flow to flow.
  ${ask}:
    type: collectDigits${label("Ask for the PIN")}
    prompt: ${o.prompt ?? "Please enter your four digit PIN."}
    variable: pin
    minDigits: 4
    maxDigits: 4
    transitions: { success: ${check}, failure: ${o.thirdExit ? "Goodbye" : no} }
  ${check}:
    type: decision${label("PIN well formed?")}
    expression: Length(Flow.pin) == Flow.pinLength and Flow.pin != "0000"
    transitions: { yes: ${yes}, no: ${no} }
  ${yes}:
    type: setVariable
    variable: verified
    value: "true"
    transitions: { next: Route }
  ${no}:
    type: setVariable
    variable: verified
    value: "false"
    transitions: { next: Sorry }
  Route:
    type: decision
    expression: ${o.route}
    transitions: { yes: Transfer, no: Sorry }
  Transfer:
    type: transferToQueue
    queue: "{{${o.queue}}}"
    prompt: Connecting you to ${lower}.
    transitions: { failure: Sorry }
  Sorry:
    type: playMessage
    prompt: Sorry, ${lower} cannot help you today.
    transitions: { next: Goodbye }
  Goodbye:
    type: disconnect
`;
}

/** A module the tests inject: it says a line and completes. */
export const NOTICE_MODULE = `# yaml-language-server: $schema=../../schema/flow.schema.json
kind: commonModule
name: RecordingNotice
compatibleFlowTypes: [inboundCall]
start: Notice
nodes:
  Notice:
    type: playMessage
    prompt: This call may be recorded.
    transitions: { next: Done }
  Done:
    type: return
    outcome: completed
`;

/** The three callers sharing the PIN check under different names (path under flows/ -> text). */
export const PIN_CALLERS: Readonly<Record<string, string>> = {
  "calls/sales.yaml": caller({
    name: "Sales",
    queue: "sales_queue",
    names: ["AskPin", "CheckPin", "Verified", "NotVerified"],
    labels: true,
    length: "4",
    route: "Flow.verified",
  }),
  "calls/support.yaml": caller({
    name: "Support",
    queue: "support_queue",
    names: ["GetPin", "PinOk", "Verified", "NotVerified"],
    labels: true,
    length: "2 + 2",
    route: "Flow.verified == true",
  }),
  "calls/billing.yaml": caller({
    name: "Billing",
    queue: "billing_queue",
    names: ["AskPin", "CheckPin", "SetVerified", "SetNotVerified"],
    labels: false,
    length: 'Length("1234")',
    route: "Flow.verified and Flow.pinLength > 0",
  }),
};

/** A fourth caller whose copy says another prompt: not the same subgraph. */
export const OTHER_PROMPT_CALLER = caller({
  name: "Returns",
  queue: "returns_queue",
  names: ["AskPin", "CheckPin", "Verified", "NotVerified"],
  labels: true,
  length: "4",
  route: "Flow.verified",
  prompt: "Enter your PIN now.",
});

/** A caller whose copy leaves for a third place (a failed collect hangs up). */
export const THIRD_EXIT_CALLER = caller({
  name: "Claims",
  queue: "claims_queue",
  names: ["AskPin", "CheckPin", "Verified", "NotVerified"],
  labels: true,
  length: "4",
  route: "Flow.verified",
  thirdExit: true,
});

/**
 * Inbound call flows named `names` (path under flows/ -> text), each declaring `variable`,
 * welcoming the caller, then `steps` (YAML node text, from a node `first`), then a transfer to the
 * flow's own queue and a hang-up.
 */
function transferringCallers(
  names: readonly string[],
  variable: string,
  first: string,
  steps: string,
): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => [
      `calls/${name.toLowerCase()}.yaml`,
      `kind: inboundCall
name: ${name}
variables:
  ${variable}
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome to ${name.toLowerCase()}.
    transitions: { next: ${first} }
${steps}  Transfer:
    type: transferToQueue
    queue: "{{${name.toLowerCase()}_queue}}"
    transitions: { failure: Goodbye }
  Goodbye:
    type: disconnect
`,
    ]),
  );
}

/**
 * Three callers asking the caller's language with the same four steps (ask, test, Spanish,
 * English) before each transfers to its own queue and hangs up: the copies share the whole tail,
 * which ends the interaction and names each stack's own queue, so only the four steps before the
 * transfer make a module.
 */
export const LANGUAGE_CALLERS = transferringCallers(
  ["Sales", "Support", "Billing"],
  "choice: { type: string }",
  "AskLanguage",
  `  AskLanguage:
    type: collectDigits
    prompt: For English press 1, para espanol oprima 2.
    variable: choice
    maxDigits: 1
    transitions: { success: IsSpanish, failure: English }
  IsSpanish:
    type: decision
    expression: Flow.choice == "2"
    transitions: { yes: Spanish, no: English }
  Spanish:
    type: setLanguage
    language: es-us
    transitions: { next: Transfer }
  English:
    type: setLanguage
    language: en-us
    transitions: { next: Transfer }
`,
);

/**
 * Two callers screening the call with a question asked the negative way (blocked? yes: an
 * apology and a hang-up; no: a thank-you and on to the transfer): the normal path takes the
 * decision's second transition and continues after the block.
 */
export const SCREEN_CALLERS = transferringCallers(
  ["Sales", "Support"],
  "blocked: { type: boolean, initial: false }",
  "IsBlocked",
  `  IsBlocked:
    type: decision
    expression: Flow.blocked or IsNotSetOrEmpty(Call.Ani)
    transitions: { yes: Blocked, no: Thanks }
  Blocked:
    type: playMessage
    prompt: We cannot take your call.
    transitions: { next: Goodbye }
  Thanks:
    type: playMessage
    prompt: Thanks for calling.
    transitions: { next: Transfer }
`,
);

/** The Support caller with its variables named otherwise (code, codeLength, ok): the same PIN check up to variable names. */
export const RENAMED_SUPPORT_CALLER = PIN_CALLERS["calls/support.yaml"]
  .replace(/\bpinLength\b/g, "codeLength")
  .replace(/\bpin\b/g, "code")
  .replace(/\bverified\b/g, "ok");

/** A module that tests the caller's number as the flow below does, and completes either way. */
export const ANI_MODULE = `kind: commonModule
name: KnownCaller
compatibleFlowTypes: [inboundCall]
start: IsKnown
nodes:
  IsKnown:
    type: decision
    expression: Call.Ani == "tel:+13175550100"
    transitions: { yes: Greet, no: Done }
  Greet:
    type: playMessage
    prompt: Welcome back.
    transitions: { next: Done }
  Done:
    type: return
    outcome: completed
`;

/** A caller that tests the caller's number too (the same condition as ANI_MODULE), then transfers or hangs up. */
export const ANI_CALLER = `kind: inboundCall
name: Vip
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome.
    transitions: { next: IsVip }
  IsVip:
    type: decision
    expression: Call.Ani == "tel:+13175550100"
    transitions: { yes: Transfer, no: Goodbye }
  Transfer:
    type: transferToQueue
    queue: "{{sales_queue}}"
    transitions: { failure: Goodbye }
  Goodbye:
    type: disconnect
`;

/** The stack's substitutions for the queues these flows name. */
export const PIN_QUEUES: Readonly<Record<string, string>> = {
  sales_queue: "Sales",
  support_queue: "Support",
  billing_queue: "Billing",
  returns_queue: "Returns",
  claims_queue: "Claims",
};

/** Scenarios of the Sales flow (scenarios/calls/sales/pin.yaml): a step at a node the refactoring moves. */
export const SALES_SCENARIOS = `# yaml-language-server: $schema=../../../schema/scenario.schema.json
stack: local
scenarios:
  - name: A good PIN reaches the sales queue
    steps:
      - { at: AskPin, digits: "4821" }
    expect:
      path: [Welcome, SetLength, AskPin, CheckPin, Verified, Route, Transfer]
      outcome: { transferToQueue: Sales }
  - name: A bad PIN is sorry
    steps: [{ at: AskPin, digits: "0000" }]
    expect:
      passes: [CheckPin, Sorry]
      outcome: disconnect
`;

/** A module that fails when the hours are closed (its error outcome): injected before a transfer. */
export const HOURS_MODULE = `kind: commonModule
name: CheckHours
compatibleFlowTypes: [inboundCall]
start: Hours
nodes:
  Hours:
    type: schedule
    schedule: Office hours
    timeZone: America/Chicago
    transitions: { open: Open, closed: Closed }
  Open:
    type: return
    outcome: completed
  Closed:
    type: return
    outcome: error
`;

/** A module that asks the caller something: a scenario written without it does not answer it. */
export const SURVEY_MODULE = `kind: commonModule
name: Survey
compatibleFlowTypes: [inboundCall]
variables:
  answer: { type: string }
start: Ask
nodes:
  Ask:
    type: collectDigits
    prompt: Press 1 to take a survey after the call.
    variable: answer
    maxDigits: 1
    transitions: { success: Done, failure: Done }
  Done:
    type: return
    outcome: completed
`;

/** The stack file of the tests' local stack: the queues' substitutions. */
export const PIN_STACK_FILE = `config:\n  genesys-flows:environment: local\n  genesys-flows:substitutions:\n${Object.entries(
  PIN_QUEUES,
)
  .map(([k, v]) => `    ${k}: ${v}\n`)
  .join("")}`;

/** A project snapshot as the refactoring core reads it, from files (path -> text): flows/, scenarios/, routing/, and the local stack. */
export function refactorSnapshot(files: Readonly<Record<string, string>>, stackFile = PIN_STACK_FILE): ProjectSnapshot {
  const under = (dir: string) =>
    Object.entries(files)
      .filter(([f]) => f.startsWith(`${dir}/`))
      .sort(([a], [b]) => cmp(a, b));
  return {
    flows: under("flows").map(([file, text]) => ({ id: flowIdOf(file)!, file, text })),
    scenarios: under("scenarios").map(([file, text]) => ({ file, text })),
    routing: under("routing").map(([file, text]) => ({ id: routingIdOf(file) ?? file, file, text })),
    stacks: [{ name: "local", settings: parseStackFile(stackFile, "Pulumi.local.yaml") }],
  };
}

/** The three PIN callers (and `extra` flows, path under flows/ -> text) with the Sales scenarios, as files of a project. */
export function pinProjectFiles(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const files: Record<string, string> = { "scenarios/calls/sales/pin.yaml": SALES_SCENARIOS };
  for (const [f, text] of Object.entries({ ...PIN_CALLERS, ...extra })) files[`flows/${f}`] = text;
  return files;
}
