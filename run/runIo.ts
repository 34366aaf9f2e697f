// What a run of a stack (run/stackRun.ts) is made with and reads through: its reads, each made once
// and injectable (tests, the program inside the engine, the operation), what it counts for the test
// that it reads and signs in once, and its options.
import type { StackSettings } from "../planner/stackSettings";
import type { PlanCache } from "../project/planCache";
import type { ReleaseSource } from "../project/releaseSource";
import type { OrgConnection } from "../org/signIn";

/** What a run reads, each once; injectable (tests, the program inside the engine, the command line). */
export interface RunIo {
  /** The stack's `genesys-flows:*` settings as Pulumi resolves them for this run. */
  readSettings(): StackSettings;
  /** The JSON `pulumi stack export` prints; undefined when the stack has no state yet. */
  readExport(): Promise<string | undefined>;
  /** Signs in to the stack's org as its provider does; with client credentials holding at most `tokens` tokens (org/tokenPool.ts). */
  connect(settings: StackSettings, tokens?: number): Promise<OrgConnection>;
}

/** What a run counts, for the test that it reads and signs in once (GENESYS_FLOWS_RUN_TRACE). */
export type RunEvent = "settings" | "plan" | "state" | "state after" | "sign-in";

export interface RunOptions {
  stack: string;
  /** The project: compiled files, .work, the policy config. */
  root: string;
  /** Where the release comes from and where flows/ and routing/ are read (a rollback's folder). */
  source: ReleaseSource;
  io: RunIo;
  /** Told of every read the run makes (RunEvent). */
  trace?: (event: RunEvent) => void;
  /** The policy config folder (default: <root>/policies/config). */
  policyDir?: string;
  /** Who runs it, for a rollout's log (`rollout next`, a rollback); default "unknown". */
  person?: string;
  /** A person's `genesys-flows rollout next`: that module's next wave starts past the gate and a pause. */
  next?: { module: string; reason: string };
  /** The clock of the rollout's log (default: now). */
  now?: () => Date;
  /** Plans kept between runs (project/planCache.ts); default: every run plans. */
  planCache?: PlanCache;
}
