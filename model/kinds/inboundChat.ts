import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const inboundChat: FlowKindDescriptor = {
  kind: "inboundChat",
  title: "inbound chat flow",
  archyKey: "inboundChat",
  apiType: "INBOUNDCHAT",
  flowType: "inboundchat",
  isModule: false,
  variableScope: "Flow",
  body: "states",
  reusableTasks: true,
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "sendResponse", "transferToQueue", "disconnect", "loop", "archy"],
  builtins: builtinVariablesOf("inboundChat"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
};
