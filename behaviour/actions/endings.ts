// The actions that end flows of kinds without a call or a conversation to disconnect, each a
// terminating action of its flow type: End Workflow ("a terminating action in the workflow flow
// type", sdk: ArchActionEndWorkflow), Exit Bot Flow (sdk: ArchActionExitBotFlow), Exit Workitem Flow
// (archy/catalogue/actions.ts, terminates).
import type { ActionRuns } from "../../model/nodes/runContext";

export const ENDING_ACTIONS: ActionRuns = {
  endWorkflow: () => ({ kind: "end", ending: { type: "end", action: "endWorkflow" } }),
  exitBotFlow: () => ({ kind: "end", ending: { type: "end", action: "exitBotFlow" } }),
  exitWorkitemFlow: () => ({ kind: "end", ending: { type: "end", action: "exitWorkitemFlow" } }),
};
