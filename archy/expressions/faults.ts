// The two ways evaluating an expression can stop: Architect would do something no public page
// describes (the interpreter cannot simulate it), or Architect reports a run-time error to the
// flow's error handling. Shared by the evaluator and the functions it calls.

/** Architect would do something no public page describes: the interpreter cannot simulate it. */
export class CannotEvaluate extends Error {
  constructor(
    /** What cannot be simulated, e.g. `function DayOfWeek`, `Left with a count past the text's end`. */
    readonly what: string,
  ) {
    super(`cannot simulate ${what}`);
    this.name = "CannotEvaluate";
  }
}

/**
 * A run-time error Architect reports by running the flow's error handling ("If, at runtime,
 * Architect evaluates a parameter with an invalid NOT_SET value, it invokes an error handler",
 * help:not-set).
 */
export class EvaluationFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvaluationFault";
  }
}
