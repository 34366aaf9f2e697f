// The world of one scenario: the interaction's built-in values (call, email, message, any other by
// name), its participant data, the clock, the customer's steps (consumed in order where the flow
// waits) and the org's answers (schedule states, data action answers, queues and flows a transfer
// cannot reach). What the flow asks and the scenario does not say stops the run with a message that
// says what to add: a scenario never passes on an answer it did not give. Pure.
import { collectionOf } from "../../archy/catalogue/types";
import {
  bool,
  dec,
  int,
  list,
  notSet,
  str,
  structured,
  type Members,
  type RunValue,
} from "../../archy/expressions/values";
import { member } from "../../archy/expressions/evaluate";
import { instantOf, parseLocalTime } from "../../model/routing/scheduleTime";
import type { StackRouting } from "../routing";
import type { Where } from "../trace";
import { cannotSimulate, scenarioStop, type World } from "../world";
import type { DataActionOutcome, GroupState } from "../../model/nodes/runContext";
import type { DataActionAnswer, PlainValue, Scenario } from "./schema";

/** A value of the scenario file (text, number, true/false, null, list) as a run-time value. */
export function fromPlain(v: PlainValue): RunValue {
  if (v === null) return notSet("unknown");
  if (Array.isArray(v)) {
    const items = v.map((x) => fromPlain(x));
    return list(collectionOf(items[0]?.type ?? "string"), items);
  }
  if (typeof v === "string") return str(v);
  if (typeof v === "boolean") return bool(v);
  return Number.isInteger(v) ? int(v) : dec(v);
}

/**
 * Milliseconds since the epoch of the scenario's clock. A local time without a time zone is in
 * `timeZone` (the dialled number's schedule group's); undefined when neither gives one.
 */
export function clockTime(clock: NonNullable<Scenario["clock"]>, timeZone?: string): number | undefined {
  if (typeof clock === "string") return Date.parse(clock);
  const zone = clock.timeZone ?? timeZone;
  return zone === undefined ? undefined : instantOf(parseLocalTime(clock.local), zone);
}

/** How a node where the flow waits is named in a scenario: `AskPin` in the entry flow, `VerifyCaller.AskPin` in a module. */
export type NodeNamer = (at: Where) => string;

const BUILTIN_SCOPES = new Set(["call", "email", "message", "chat", "survey", "workitem", "system"]);

export class ScenarioWorld implements World {
  private readonly builtins = new Map<string, RunValue>();
  private readonly steps: Scenario["steps"] & object;
  private readonly answers = new Map<string, DataActionAnswer[]>();
  /** Steps used so far. */
  used = 0;
  /** Whether the flow read the clock. */
  readClock = false;

  constructor(
    private readonly s: Scenario,
    private readonly nodeName: NodeNamer,
    /** The stack's routing (schedule groups it declares are evaluated at the clock), and the time zone of a local clock that gives none. */
    private readonly routing: { routing?: StackRouting; timeZone?: string } = {},
  ) {
    this.steps = s.steps ?? [];
    const set = (name: string, value: RunValue | undefined) => {
      if (value !== undefined) this.builtins.set(name.toLowerCase(), value);
    };
    const text = (v: string | undefined) => (v === undefined ? notSet("string") : str(v));
    // A scenario that dials a number calls it: that is the number called.
    const dnis = s.call?.dnis ?? s.dial;
    set("Call.CalledAddress", dnis !== undefined ? str(dnis) : undefined);
    set("Call.CalledAddressOriginal", dnis !== undefined ? str(dnis) : undefined);
    if (s.call) {
      set("Call.Ani", s.call.ani !== undefined ? str(s.call.ani) : undefined);
      set("Call.Language", s.call.language !== undefined ? str(s.call.language) : undefined);
      set("Call.RemoteName", s.call.remoteName !== undefined ? str(s.call.remoteName) : undefined);
    }
    if (s.email) {
      const address = (email: string | undefined, name?: string): RunValue =>
        email === undefined
          ? notSet("emailAddress")
          : structured("emailAddress", { email: str(email), name: text(name) });
      const members: Members = {
        from: address(s.email.from, s.email.fromName),
        to: list("emailAddressCollection", s.email.to !== undefined ? [address(s.email.to)] : []),
        subject: text(s.email.subject),
        body: text(s.email.body),
      };
      set("Email.Message", structured("emailMessage", members));
    }
    if (s.message)
      set("Message.Message", structured("message", { body: text(s.message.text), type: text(s.message.channel) }));
    for (const [name, value] of Object.entries(s.builtins ?? {})) set(name, fromPlain(value));
    for (const [key, answer] of Object.entries(s.org?.dataActions ?? {}))
      this.answers.set(key, Array.isArray(answer) ? [...answer] : [answer]);
  }

  builtin(name: string): RunValue | undefined {
    const own = this.builtins.get(name.toLowerCase());
    if (own) return own;
    // A member of a structured built-in the scenario gives (`Email.Message.from.email`).
    const parts = name.split(".");
    for (let i = parts.length - 1; i >= 2; i--) {
      const whole = this.builtins.get(parts.slice(0, i).join(".").toLowerCase());
      if (whole) return parts.slice(i).reduce((v, m) => member(v, m), whole);
    }
    const scope = name.split(".")[0].toLowerCase();
    if (BUILTIN_SCOPES.has(scope)) {
      throw scenarioStop(
        `the flow reads ${name}, which the scenario does not give: add it (call: {ani, dnis, language, remoteName}, email: {from, subject, body}, message: {text, channel}, or builtins: {${name}: ...})`,
      );
    }
    return undefined;
  }

  missingAttribute(name: string, at: Where): RunValue {
    throw scenarioStop(
      `the flow reads participant data "${name}" at ${this.nodeName(at)}, which the interaction does not have: give it under participantData (what Architect reads for a missing attribute is not documented)`,
    );
  }

  now(): RunValue {
    this.readClock = true;
    return {
      kind: "set",
      type: "dateTime",
      value: this.instant("reads the time (GetCurrentDateTimeUtc or Flow.StartDateTimeUtc)"),
    };
  }

  /** The clock's instant; stops the run when the scenario gives none (`what` the flow does that needs it). */
  private instant(what: string): number {
    if (!this.s.clock)
      throw scenarioStop(
        `the flow ${what}, and the scenario gives no clock: add clock: 2026-11-24T09:30:00-06:00 (or {local, timeZone})`,
      );
    const t = clockTime(this.s.clock, this.routing.timeZone);
    if (t === undefined)
      throw scenarioStop(
        `the flow ${what}, and the scenario's clock has no time zone (the number's IVR config has no schedule group to give one): add clock.timeZone`,
      );
    return t;
  }

  /** The next step, checked against where the flow waits. */
  private step(at: Where, what: string): NonNullable<Scenario["steps"]>[number] {
    const here = this.nodeName(at);
    const step = this.steps[this.used];
    if (step === undefined)
      throw scenarioStop(
        `the flow waits for the customer at ${here} (${what}), and the scenario has no step left: add one (digits, say or silence)`,
      );
    if (step.at !== undefined && step.at !== here)
      throw scenarioStop(`step ${this.used + 1} is for ${step.at}, but the flow waits at ${here} (${what})`);
    this.used++;
    return step;
  }

  collectDigits(q: { name: string; prompt: string }, at: Where): { digits: RunValue } | { noInput: true } {
    const step = this.step(at, `collects digits: "${q.prompt}"`);
    if ("digits" in step) return { digits: str(step.digits) };
    if ("silence" in step) return { noInput: true };
    throw scenarioStop(`step ${this.used} says words at ${this.nodeName(at)}, which collects digits only`);
  }

  menuChoice(
    q: {
      name: string;
      prompt: string;
      choices: ReadonlyArray<{ name: string; dtmf?: string; speech: readonly string[] }>;
    },
    at: Where,
  ): { choice: number } | { noInput: true } {
    const step = this.step(at, `menu: "${q.prompt}"`);
    if ("silence" in step) return { noInput: true };
    const index =
      "digits" in step
        ? q.choices.findIndex((c) => c.dtmf === step.digits)
        : q.choices.findIndex((c) => c.speech.some((t) => t.toLowerCase() === step.say.toLowerCase()));
    if (index < 0) {
      const given = "digits" in step ? `key ${step.digits}` : `the words "${step.say}"`;
      throw cannotSimulate(
        `cannot simulate ${given} at menu ${this.nodeName(at)}, which no choice takes (choices: ${q.choices.map((c) => `${c.name}${c.dtmf ? ` ${c.dtmf}` : ""}${c.speech.length ? ` "${c.speech.join('", "')}"` : ""}`).join("; ")}): what Architect does with an invalid choice is not documented`,
      );
    }
    return { choice: index };
  }

  schedule(q: { name: string }, at: Where): "active" | "inactive" {
    const state = this.s.org?.schedules?.[q.name];
    if (state === undefined)
      throw scenarioStop(
        `the flow evaluates schedule "${q.name}" at ${this.nodeName(at)}, and the scenario gives no state for it: add org: {schedules: {"${q.name}": open}} (or closed)`,
      );
    return state === "open" ? "active" : "inactive";
  }

  scheduleGroup(q: { name: string; emergencyGroup?: string }, at: Where): GroupState {
    let state = this.s.org?.scheduleGroups?.[q.name];
    // A group the stack's routing declares is evaluated at the clock, as routing evaluates it.
    if (state === undefined && this.s.clock !== undefined && this.routing.routing) {
      state = this.routing.routing.scheduleGroupState(
        q.name,
        q.emergencyGroup,
        this.instant(`evaluates schedule group "${q.name}" at ${this.nodeName(at)}`),
      );
    }
    if (state === undefined) {
      throw scenarioStop(
        `the flow evaluates schedule group "${q.name}"${q.emergencyGroup ? ` with emergency group "${q.emergencyGroup}"` : ""} at ${this.nodeName(at)}, and the scenario gives no state for it${this.s.clock !== undefined ? " (the stack's routing files declare no such group to evaluate at the clock)" : ""}: add org: {scheduleGroups: {"${q.name}": open}} (or closed, holiday${q.emergencyGroup ? ", emergency" : ""})${this.s.clock === undefined && this.routing.routing ? ", or a clock: a group of the routing files is evaluated at it" : ""}`,
      );
    }
    if (state === "emergency" && q.emergencyGroup === undefined)
      throw scenarioStop(
        `schedule group "${q.name}" is in emergency in the scenario, but ${this.nodeName(at)} evaluates no emergency group`,
      );
    return state;
  }

  dataAction(q: { category: string; action: string; outputs: readonly string[] }, at: Where): DataActionOutcome {
    const key = `${q.category}/${q.action}`;
    const queue = this.answers.get(key);
    const answer = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (answer === undefined)
      throw scenarioStop(
        `the flow calls data action "${key}" at ${this.nodeName(at)}, and the scenario gives no answer: add org: {dataActions: {"${key}": {success: {${q.outputs.map((o) => `${o}: ...`).join(", ")}}}}} (or failure, timeout)`,
      );
    if (answer === "failure" || answer === "timeout") return { outcome: answer };
    return {
      outcome: "success",
      outputs: Object.fromEntries(Object.entries(answer.success).map(([k, v]) => [k, fromPlain(v)])),
    };
  }

  transfer(q: { to: "queue" | "flow"; target: string }): "success" | "failure" {
    const table = q.to === "queue" ? this.s.org?.queues : this.s.org?.flows;
    return table?.[q.target] === "unavailable" ? "failure" : "success";
  }

  decide(_q: unknown, at: Where): boolean {
    throw cannotSimulate(`cannot simulate a condition whose value is unknown at ${this.nodeName(at)}`);
  }
}
