import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const workitem: FlowKindDescriptor = {
  kind: "workitem",
  title: "work item flow",
  archyKey: "workitem",
  apiType: "WORKITEM",
  flowType: "workitem",
  isModule: false,
  variableScope: "Flow",
  body: "states",
  reusableTasks: true,
  // A work item is routed to a queue, but not disconnected like a conversation (disconnectWorkitem is raw Archy).
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "transferToQueue", "loop", "archy"],
  builtins: builtinVariablesOf("workitem"),
  shape: languageShape,
  fallthrough: "exitWorkitemFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endFlow: { none: true } } },
  },
};
