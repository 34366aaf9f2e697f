// What a feature says in a run's report (registered once in run/guards/index.ts, beside the guards):
// where it stands in the state the engine left, said after an up (before verify) and after a failed
// one (after the account of what the run published). The operation prints every registered part
// (run/operationReports.ts); a feature adds its lines by its own file and one line in the registry.
import type { StackDeployment } from "../../org/model";
import type { StackRun } from "../stackRun";

export interface ReportPart {
  /** The feature's folder (run/<name>/). */
  name: string;
  /** Where the feature stands in `deployment` (the state after the engine): its lines, "" when it has nothing to say. */
  account(run: StackRun, deployment: StackDeployment): string;
}
