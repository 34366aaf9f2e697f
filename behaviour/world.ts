// The world a run asks: what the customer does where the flow waits, what the org answers
// (schedules, data actions, transfers), the interaction's built-in values and participant data, and
// the clock. A scenario answers from its file (scenario/world.ts), a journey enumeration with every
// answer in turn (journeys.ts), a test with an oracle. Each question comes with where it is asked.
import type { RunValue } from "../archy/expressions/values";
import type { GroupState, WorldAnswers } from "../model/nodes/runContext";
import type { Where } from "./trace";

type WithWhere<T> = { [K in keyof T]: T[K] extends (q: infer Q) => infer R ? (q: Q, at: Where) => R : never };

export interface World extends WithWhere<WorldAnswers> {
  /** A built-in variable of the interaction (`Call.Ani`, `Email.Message`), by name in any case; undefined when it gives none. */
  builtin(name: string): RunValue | undefined;
  /** The value of a participant data attribute the interaction does not have. */
  missingAttribute(name: string, at: Where): RunValue;
  /** Now (GetCurrentDateTimeUtc, Flow.StartDateTimeUtc). */
  now(): RunValue;
}

/**
 * The run stops: it cannot be simulated, or the scenario does not say what the world answers.
 * `past`: the action it could not run (where, and its Archy kind), when that is what stopped it.
 */
export class RunStop extends Error {
  constructor(
    readonly reason: "cannot-simulate" | "scenario",
    message: string,
    readonly past?: { at: Where; kind: string },
  ) {
    super(message);
    this.name = "RunStop";
  }
}

/** The run stops: the interpreter cannot simulate what the flow does here. */
export const cannotSimulate = (message: string, past?: RunStop["past"]) =>
  new RunStop("cannot-simulate", message, past);

/** The run stops: the scenario says nothing more, or what it says does not hold. */
export const scenarioStop = (message: string, past?: RunStop["past"]) => new RunStop("scenario", message, past);

/** The states a schedule group can answer: emergency only when it has an emergency group. */
export const groupStates = (q: { emergencyGroup?: string }): GroupState[] => [
  "open",
  "closed",
  "holiday",
  ...(q.emergencyGroup !== undefined ? (["emergency"] as const) : []),
];
