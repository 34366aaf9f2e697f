// What a command built on `up` (rollback, rollout next) asks of the run it starts, and the shape of
// that `up` as the deploy command runs it: tools/cli.ts hands the deploy command to them, so no
// command imports another.
import type { RollbackSource } from "./releaseSource";

/** What a command built on `up` asks of its run: who runs it (a rollout's log), a person's `rollout next`. */
export interface RunRequest {
  person?: string;
  next?: { module: string; reason: string };
}

/** An `up` of a stack as the deploy command runs it: from a rollback's sources when given; its exit code. */
export type RunDeploy = (argv: string[], rollback?: RollbackSource, request?: RunRequest) => Promise<number>;
