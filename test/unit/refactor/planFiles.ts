// What the refactoring tests read of a plan: a file it would write, and the reasons it was refused.
import { Refused } from "../../../refactor/project";

/** The text a plan would write to `file`. */
export const fileOf = (plan: { files: Array<{ file: string; after: string }> }, file: string): string =>
  plan.files.find((f) => f.file === file)!.after;

/** The messages of the refusal `run` throws (a test fails when it is not refused). */
export function refusalsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof Refused) return e.refusals.map((r) => r.message);
    throw e;
  }
  throw new Error("not refused");
}
