// The agreement tier's own portfolio (tests own their fixtures; the shipped flows/ and routing/ are
// never read): modules calling modules, callers of three kinds, a flow with its own substitutions,
// a flow naming the schedule group, and routing objects of every kind. The tier deploys it once
// and changes it case by case (cases.ts, mutations.ts).
//
//   modules/lookup   Lookup (call, email, message)
//   modules/verify   Verify  -> Lookup                 (a module calling a module)
//   modules/greet    Greet   -> Verify -> Lookup       (two levels: a Lookup change reaches Greet's callers)
//   calls/sales      -> Verify  (queue {{sales_queue}}: a shared substitution)
//   calls/support    -> Verify
//   calls/vip        -> Greet
//   calls/direct     -> Lookup
//   calls/imported   -> Verify, by a callModule node (as the import of a module and its callers writes it)
//   calls/billing    no module (queue {{billing_queue}}: its own substitution; the schedule group {{hours}})
//   calls/closed     no module (the IVR configs' closed-hours flow, the emergency group's flow)
//   digital/mail     (email)   -> Lookup
//   digital/chat     (message) -> Lookup
//   digital/extra    (message) no module; the stack excludes it (a case includes it)
// Routing: three schedules, a schedule group, two IVR configs, an emergency group, a DID pool.
// An adopted flow joins at the second step (agreement.test.ts: flows:import of an org flow).
import YAML from "yaml";
import { callFlow, digitalFlow, LOOKUP, VERIFY } from "../../testkit/fixtures";

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });

export const GREET = {
  kind: "commonModule",
  name: "Greet",
  compatibleFlowTypes: ["inboundCall"],
  inputs: { number: { type: "string" } },
  outputs: { customerId: { type: "string" } },
  start: "Check",
  nodes: {
    Check: {
      type: "subflow",
      module: "Verify",
      inputs: { number: "Common.number" },
      outputs: { customerId: "customerId" },
      transitions: { completed: "Ok", error: "Failed" },
    },
    Ok: { type: "return", outcome: "completed" },
    Failed: { type: "return", outcome: "error" },
  },
};

export const BILLING = {
  kind: "inboundCall",
  name: "Billing",
  start: "Hours",
  nodes: {
    Hours: {
      type: "scheduleGroup",
      scheduleGroup: "{{hours}}",
      transitions: { open: "Queue", closed: "Closed", holiday: "Closed" },
    },
    Queue: {
      type: "transferToQueue",
      queue: "{{billing_queue}}",
      prompt: "Connecting you to billing.",
      transitions: { failure: "Closed" },
    },
    Closed: { type: "playMessage", prompt: "Billing is closed. Goodbye.", transitions: { next: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

/** A caller as the import of a module with its callers writes it: a callModule naming the module as its file does. */
export const IMPORTED = {
  kind: "inboundCall",
  name: "Imported",
  start: "Verify",
  nodes: {
    Verify: { type: "callModule", module: "Verify", inputs: { number: "Call.Ani" }, transitions: { next: "Queue" } },
    Queue: { type: "transferToQueue", queue: "Support", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
};

export const CLOSED = {
  kind: "inboundCall",
  name: "Closed",
  start: "Sorry",
  nodes: {
    Sorry: {
      type: "playMessage",
      prompt: "We are closed. Please call again during business hours.",
      transitions: { next: "Bye" },
    },
    Bye: { type: "disconnect" },
  },
};

/** The flow files under flows/ (path -> text). */
export function agreementFlows(): Record<string, string> {
  return {
    "modules/lookup.yaml": y(LOOKUP),
    "modules/verify.yaml": y(VERIFY),
    "modules/greet.yaml": y(GREET),
    "calls/sales.yaml": y(callFlow("Sales", "Verify", "number", "{{sales_queue}}")),
    "calls/support.yaml": y(callFlow("Support", "Verify", "number", "Support")),
    "calls/vip.yaml": y(callFlow("VIP", "Greet", "number", "VIP")),
    "calls/direct.yaml": y(callFlow("Direct", "Lookup", "address", "General")),
    "calls/imported.yaml": y(IMPORTED),
    "calls/billing.yaml": y(BILLING),
    "calls/closed.yaml": y(CLOSED),
    "digital/mail.yaml": y(digitalFlow("inboundEmail", "Mail", "Email.Message.from.email", "Mail")),
    "digital/chat.yaml": y(digitalFlow("inboundShortMessage", "Chat", "Message.RemoteAddress", "Chat")),
    "digital/extra.yaml": y({
      kind: "inboundShortMessage",
      name: "Extra",
      start: "Done",
      nodes: { Done: { type: "disconnect" } },
    }),
  };
}

/** The routing files under routing/ (path -> text). */
export function agreementRouting(): Record<string, string> {
  return {
    "schedules/weekdays.yaml": y({
      kind: "schedule",
      name: "Weekdays",
      start: "2026-01-05T08:00:00",
      end: "2026-01-05T18:00:00",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    }),
    "schedules/weekend.yaml": y({
      kind: "schedule",
      name: "Weekend",
      start: "2026-01-03T00:00:00",
      end: "2026-01-03T23:59:59",
      rrule: "FREQ=WEEKLY;BYDAY=SA,SU",
    }),
    "schedules/new-year.yaml": y({
      kind: "schedule",
      name: "New Year",
      start: "2026-01-01T00:00:00",
      end: "2026-01-01T23:59:59",
      rrule: "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1",
    }),
    "hours/business.yaml": y({
      kind: "scheduleGroup",
      name: "Business hours",
      timeZone: "America/New_York",
      open: ["schedules/weekdays"],
      closed: ["schedules/weekend"],
      holiday: ["schedules/new-year"],
    }),
    "ivr/sales-line.yaml": y({
      kind: "ivr",
      name: "Sales line",
      numbers: ["+13175550100"],
      flows: { open: "calls/sales", closed: "calls/closed", holiday: "calls/closed" },
      scheduleGroup: "hours/business",
    }),
    "ivr/support-line.yaml": y({
      kind: "ivr",
      name: "Support line",
      numbers: ["+13175550110"],
      flows: { open: "calls/support", closed: "calls/support" },
      scheduleGroup: "hours/business",
    }),
    "emergency/closure.yaml": y({
      kind: "emergencyGroup",
      name: "Emergency closure",
      enabled: false,
      flow: "calls/closed",
      ivrs: ["ivr/sales-line"],
    }),
    "numbers/block.yaml": y({
      kind: "didPool",
      description: "Agreement numbers (a fictional 555 block)",
      numbers: { from: "+13175550100", to: "+13175550199" },
    }),
  };
}

/** The stack's settings besides the harness's (bare `genesys-flows:` keys). */
export function agreementSettings(): Record<string, unknown> {
  return {
    // `spare` is used by no flow; calls/billing overrides the shared billing_queue, and has a key of its own it does not use.
    substitutions: {
      sales_queue: "Sales",
      hours: "local-Business hours",
      billing_queue: "Billing (shared)",
      spare: "not used by any flow",
    },
    flows: { "calls/billing": { substitutions: { billing_queue: "Billing", billing_spare: "not used by billing" } } },
    exclude: ["digital/extra"],
    routing: {
      objects: { "ivr/sales-line": { numbers: ["+13175550101"] }, "hours/business": { timeZone: "America/Chicago" } },
    },
  };
}
