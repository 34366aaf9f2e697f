// The waves' part of a run's report (run/guards/reportPart.ts): which module version each caller of
// every rollout in progress runs, after an up and after a failed one.
import type { ReportPart } from "../guards/reportPart";
import { wavesAccount } from "./gate";

export const wavesReport: ReportPart = {
  name: "waves",
  account: (run, deployment) => wavesAccount(run.portfolio(), deployment),
};
