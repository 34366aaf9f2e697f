// The refactoring tests' own portfolio (test/unit/refactor*.test.ts, test/e2e/refactor.test.ts):
// three inbound call flows that each check the caller's PIN with the same four nodes under
// different names and labels (the copy a team makes by hand), reading a PIN length the flow set
// before, each its own way (an input), and setting `verified`, which the flow reads after (an
// output), with two ways out (verified, on to the flow's own routing; not verified, to the flow's
// own apology); a fourth whose copy says another prompt (not the same subgraph); a fifth whose
// copy has a third way out; a module to inject. As files under flows/ (path -> text), with the
// scenarios of the first flow.

/** A caller: its PIN check named `names` (ask, check, set yes, set no), labelled or not, and where verified callers go. */
function caller(o: { name: string; queue: string; names: [string, string, string, string]; labels: boolean; length: string; route: string; prompt?: string; thirdExit?: boolean }): string {
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
  "calls/sales.yaml": caller({ name: "Sales", queue: "sales_queue", names: ["AskPin", "CheckPin", "Verified", "NotVerified"], labels: true, length: "4", route: "Flow.verified" }),
  "calls/support.yaml": caller({ name: "Support", queue: "support_queue", names: ["GetPin", "PinOk", "Verified", "NotVerified"], labels: true, length: "2 + 2", route: "Flow.verified == true" }),
  "calls/billing.yaml": caller({ name: "Billing", queue: "billing_queue", names: ["AskPin", "CheckPin", "SetVerified", "SetNotVerified"], labels: false, length: "Length(\"1234\")", route: "Flow.verified and Flow.pinLength > 0" }),
};

/** A fourth caller whose copy says another prompt: not the same subgraph. */
export const OTHER_PROMPT_CALLER = caller({ name: "Returns", queue: "returns_queue", names: ["AskPin", "CheckPin", "Verified", "NotVerified"], labels: true, length: "4", route: "Flow.verified", prompt: "Enter your PIN now." });

/** A caller whose copy leaves for a third place (a failed collect hangs up). */
export const THIRD_EXIT_CALLER = caller({ name: "Claims", queue: "claims_queue", names: ["AskPin", "CheckPin", "Verified", "NotVerified"], labels: true, length: "4", route: "Flow.verified", thirdExit: true });

/** The stack's substitutions for the queues these flows name. */
export const PIN_QUEUES: Readonly<Record<string, string>> = { sales_queue: "Sales", support_queue: "Support", billing_queue: "Billing", returns_queue: "Returns", claims_queue: "Claims" };

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
