// The e2e tier's own portfolio, shared with the benchmark (tests own their fixtures; none reads the shipped flows/): two
// modules, Verify calling Lookup, and five flows of three kinds calling them.
//   modules/lookup  Lookup   (call, email, message)
//   modules/verify  Verify   calls Lookup (call)
//   calls/sales     calls Verify      calls/support  calls Verify      calls/direct  calls Lookup
//   digital/mail    (email) calls Lookup               digital/chat  (message) calls Lookup
import YAML from "yaml";

export const LOOKUP = {
  kind: "commonModule",
  name: "Lookup",
  compatibleFlowTypes: ["inboundCall", "inboundEmail", "inboundShortMessage"],
  inputs: { address: { type: "string" } },
  outputs: { customerId: { type: "string" } },
  start: "Check",
  nodes: {
    Check: {
      type: "decision",
      label: "Address given?",
      expression: "IsNotSetOrEmpty(Common.address)",
      transitions: { yes: "Unknown", no: "Found" },
    },
    Found: { type: "return", outcome: "completed", outputs: { customerId: 'Append("C-", Right(Common.address, 4))' } },
    Unknown: { type: "return", outcome: "error" },
  },
};

export const VERIFY = {
  kind: "commonModule",
  name: "Verify",
  compatibleFlowTypes: ["inboundCall"],
  inputs: { number: { type: "string" } },
  outputs: { customerId: { type: "string" } },
  variables: { pin: { type: "string" } },
  start: "Tries",
  nodes: {
    Tries: { type: "loop", maxLoops: 3, transitions: { body: "Ask", done: "Failed" } },
    Ask: {
      type: "collectDigits",
      prompt: "Please enter your PIN.",
      variable: "pin",
      maxDigits: 4,
      minDigits: 4,
      transitions: { success: "Find", failure: "Tries" },
    },
    Find: {
      type: "subflow",
      module: "Lookup",
      inputs: { address: "Common.number" },
      outputs: { customerId: "customerId" },
      transitions: { completed: "Ok", error: "Tries" },
    },
    Ok: { type: "return", outcome: "completed" },
    Failed: { type: "return", outcome: "error" },
  },
};

export function callFlow(name: string, module: string, input: string, queue: string) {
  return {
    kind: "inboundCall",
    name,
    variables: { customer: { type: "string" } },
    start: "Welcome",
    nodes: {
      Welcome: { type: "playMessage", prompt: `Welcome to ${name}.`, transitions: { next: "Call" } },
      Call: {
        type: "subflow",
        module,
        inputs: { [input]: "Call.Ani" },
        outputs: { customerId: "customer" },
        transitions: { completed: "Transfer", error: "Bye" },
      },
      Transfer: { type: "transferToQueue", queue, transitions: { failure: "Bye" } },
      Bye: { type: "disconnect" },
    },
  };
}

export function digitalFlow(
  kind: "inboundEmail" | "inboundShortMessage",
  name: string,
  address: string,
  queue: string,
) {
  return {
    kind,
    name,
    variables: { customer: { type: "string" } },
    start: "Find",
    nodes: {
      Find: {
        type: "subflow",
        module: "Lookup",
        inputs: { address },
        outputs: { customerId: "customer" },
        transitions: { completed: "Queue", error: "Queue" },
      },
      Queue: { type: "transferToQueue", queue, transitions: { failure: "Done" } },
      Done: { type: "disconnect" },
    },
  };
}

/** The portfolio as files under flows/ (path -> text). */
export function portfolioFiles(): Record<string, string> {
  const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
  return {
    "modules/lookup.yaml": y(LOOKUP),
    "modules/verify.yaml": y(VERIFY),
    "calls/sales.yaml": y(callFlow("Sales", "Verify", "number", "{{sales_queue}}")),
    "calls/support.yaml": y(callFlow("Support", "Verify", "number", "Support")),
    "calls/direct.yaml": y(callFlow("Direct", "Lookup", "address", "General")),
    "digital/mail.yaml": y(digitalFlow("inboundEmail", "Mail", "Email.Message.from.email", "Mail")),
    "digital/chat.yaml": y(digitalFlow("inboundShortMessage", "Chat", "Message.RemoteAddress", "Chat")),
  };
}

/** Who depends on whom: published names of the flows a change to each module republishes (the module first). */
export const PUBLISHED = {
  lookup: "local-Lookup",
  verify: "local-Verify",
  sales: "local-Sales",
  support: "local-Support",
  direct: "local-Direct",
  mail: "local-Mail",
  chat: "local-Chat",
};
