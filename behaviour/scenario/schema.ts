// The scenario file: tests of a stack's flows, in YAML. A file holds scenarios of one entry flow
// (by default the flow its folder mirrors: scenarios/calls/sales/*.yaml test flows/calls/sales.yaml);
// each scenario gives the interaction (who calls, what they send, participant data), what the
// customer does where the flow waits (keys, words, silence), what the org answers (schedule states,
// data action answers, queues and flows that cannot take a transfer, the clock), and what must
// happen (the path, what is heard and sent, the outcome, variables and participant data at the
// end). A scenario may dial a number instead of naming its entry flow: the stack's routing files
// then choose the flow (behaviour/routing.ts). Validated with zod; schema/scenario.schema.json is
// generated from it for editors. Pure.
import { z } from "zod";

/** A flow id: its path under flows/ without the extension. */
const flowId = z
  .string()
  .regex(
    /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/,
    "a flow id: the flow file's path under flows/ without .yaml, e.g. calls/sales",
  );

/** A value as YAML writes it: text, a number, true/false, null (NOT_SET), or a list of them. */
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const plainValue = z.union([scalar, z.array(scalar)]);

/** Where the flow is expected to wait: a node of the entry flow, or `<Module>.<node>` of a module it calls. */
const nodeRef = z.string().min(1);

const step = z.union([
  z
    .object({
      at: nodeRef.optional().describe("Where the flow waits for this (a node id, or Module.node)"),
      digits: z
        .string()
        .regex(/^[0-9*#]+$/, "keys: digits, * and #")
        .describe("Keys the caller presses"),
    })
    .strict(),
  z
    .object({
      at: nodeRef.optional(),
      say: z.string().min(1).describe("Words the caller says (a menu's speech terms)"),
    })
    .strict(),
  z
    .object({
      at: nodeRef.optional(),
      silence: z.literal(true).describe("The caller does nothing: the no-entry timeout"),
    })
    .strict(),
]);

const dataActionAnswer = z.union([
  z
    .object({
      success: z.record(z.string(), plainValue).default({}).describe("The data action answers with these outputs"),
    })
    .strict(),
  z.literal("failure"),
  z.literal("timeout"),
]);

const availability = z.enum(["available", "unavailable"]);

const org = z
  .object({
    /** Schedule name -> open (active) or closed (inactive) now. */
    schedules: z.record(z.string(), z.enum(["open", "closed"])).optional(),
    /** Schedule group name -> its state now. */
    scheduleGroups: z.record(z.string(), z.enum(["open", "closed", "holiday", "emergency"])).optional(),
    /** `Category/Action name` -> its answer, or a list of answers for successive calls. */
    dataActions: z.record(z.string(), z.union([dataActionAnswer, z.array(dataActionAnswer).min(1)])).optional(),
    /** Queue name -> whether a transfer to it connects (default: it does). */
    queues: z.record(z.string(), availability).optional(),
    /** Published flow name -> whether a transfer to it connects (default: it does). */
    flows: z.record(z.string(), availability).optional(),
  })
  .strict();

/** The clock: an ISO date and time with its offset (`2026-11-24T09:30:00-06:00`), or a local time in a time zone. */
const clock = z.union([
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
      "an ISO date and time with its offset, e.g. 2026-11-24T09:30:00-06:00",
    ),
  z
    .object({
      local: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "a local date and time, e.g. 2026-11-24T09:30"),
      timeZone: z
        .string()
        .min(1)
        .optional()
        .describe(
          "An IANA time zone, e.g. America/Chicago; with dial, leave it out for the time zone of the schedule group of the number's IVR config",
        ),
    })
    .strict(),
]);

/** An E.164 number, as the routing files write them. */
const dialled = z.string().regex(/^\+[1-9]\d{1,14}$/, "an E.164 number such as +13175550100");

/** Where routing sent the call (a scenario that dials a number). */
const route = z
  .object({
    ivr: z
      .string()
      .min(1)
      .optional()
      .describe("The IVR config that routes the number (its routing id, e.g. ivr/sales-line)"),
    state: z
      .enum(["open", "closed", "holiday", "emergency"])
      .optional()
      .describe("The state that chose the flow: the schedule group's, or emergency"),
    flow: flowId.optional().describe("The flow the call runs (a flow id)"),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 0, "expect at least one of ivr, state, flow");

const outcome = z.union([
  z.literal("disconnect"),
  z
    .object({
      transferToQueue: z.string().min(1),
      priority: z.number().int().optional(),
      skills: z.array(z.string()).optional(),
      languageSkill: z.string().optional(),
    })
    .strict(),
  z.object({ transferToFlow: z.string().min(1) }).strict(),
  z
    .object({ return: z.enum(["completed", "error"]), outputs: z.record(z.string(), plainValue).optional() })
    .strict()
    .describe("A common module returns"),
  z
    .object({ errorHandling: z.string().min(1).describe("The flow's error handling ran (disconnect, queue, ...)") })
    .strict(),
  z
    .object({ end: z.string().min(1).describe("The flow ended with this action (endWorkflow, exitBotFlow, endState)") })
    .strict(),
]);

const expectation = z
  .object({
    /** The nodes entered, in order, exactly: nodes of the entry flow (then modules stay hidden), or with `Module.node` entries too. */
    path: z.array(nodeRef).min(1).optional(),
    /** Nodes (or `Module.node`, or `action:<Archy action name>`) entered in this order, others between them allowed. */
    passes: z.array(nodeRef).min(1).optional(),
    /** Nodes never entered. */
    avoids: z.array(nodeRef).min(1).optional(),
    /** Everything the caller hears, in order (text to speech after substitution; prompts as [prompt Name]). */
    prompts: z.array(z.string()).optional(),
    /** Texts heard in this order, others between them allowed. */
    hears: z.array(z.string()).min(1).optional(),
    /** Messages sent to the customer (responses, auto replies), in order. */
    messages: z.array(z.string()).optional(),
    outcome: outcome.optional(),
    /** The entry flow's variables at the end (by name, or Flow.name / Common.name); null is NOT_SET. */
    variables: z.record(z.string(), plainValue).optional(),
    /** Participant data attributes at the end; null: not set. */
    participantData: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
    /** A scenario that dials a number: the IVR config, state and flow routing chose. */
    route: route.optional(),
  })
  .strict()
  .refine(
    (e) => Object.keys(e).length > 0,
    "expect at least one thing (path, passes, avoids, prompts, hears, messages, outcome, variables, participantData, route)",
  );

export const scenario = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().optional(),
    /** The entry flow, when it is not the file's. */
    flow: flowId.optional(),
    /**
     * The number called (DNIS), instead of an entry flow: the stack's IVR config for the number and
     * its schedule group at the clock's time (or its emergency group, when on) choose the flow.
     */
    dial: dialled.optional().describe("The number called: the stack's routing chooses the flow (give clock: too)"),
    /** A call: the caller's number (Call.Ani), the number called (Call.CalledAddress), language, name. */
    call: z
      .object({
        ani: z.string().optional(),
        dnis: z.string().optional(),
        language: z.string().optional(),
        remoteName: z.string().optional(),
      })
      .strict()
      .optional(),
    /** An email: its sender, subject and body (Email.Message). */
    email: z
      .object({
        from: z.string().optional(),
        fromName: z.string().optional(),
        to: z.string().optional(),
        subject: z.string().optional(),
        body: z.string().optional(),
      })
      .strict()
      .optional(),
    /** A message: its text and channel (Message.Message body and type). */
    message: z.object({ text: z.string().optional(), channel: z.string().optional() }).strict().optional(),
    /** Any other built-in value by its Archy name, e.g. `Message.Message.senderAddress: "+13175550100"`. */
    builtins: z
      .record(
        z.string().regex(/^[A-Za-z]+\.[A-Za-z0-9_.]+$/, "a built-in's name with its scope, e.g. Call.Ani"),
        plainValue,
      )
      .optional(),
    /** The inputs of a common module under test (by input name). */
    inputs: z.record(z.string(), plainValue).optional(),
    /** Participant data the interaction has when the flow starts. */
    participantData: z.record(z.string(), z.string()).optional(),
    clock: clock.optional(),
    /** What the customer does each time the flow waits, in order. */
    steps: z.array(step).optional(),
    org: org.optional(),
    expect: expectation,
  })
  .strict();

export const scenarioFile = z
  .object({
    /** The entry flow of every scenario of the file (default: the flow the file's folder mirrors). */
    flow: flowId.optional(),
    /** The stack whose substitutions the flows run with (default: the one `genesys-flows test --stack` names, else local). */
    stack: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+$/, "a stack name")
      .optional(),
    scenarios: z.array(scenario).min(1),
  })
  .strict();

export type Scenario = z.infer<typeof scenario>;
export type ScenarioStep = z.infer<typeof step>;
export type DataActionAnswer = z.infer<typeof dataActionAnswer>;
export type Expectation = z.infer<typeof expectation>;
export type Outcome = z.infer<typeof outcome>;
export type PlainValue = z.infer<typeof plainValue>;
