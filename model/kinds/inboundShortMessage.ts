import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const inboundShortMessage: FlowKindDescriptor = {
  kind: "inboundShortMessage",
  title: "inbound message flow (SMS, web messaging)",
  archyKey: "inboundShortMessage",
  apiType: "INBOUNDSHORTMESSAGE",
  flowType: "inboundshortmessage",
  isModule: false,
  variableScope: "Flow",
  body: "states",
  reusableTasks: true,
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "sendResponse", "transferToQueue", "disconnect", "loop", "archy"],
  builtins: builtinVariablesOf("inboundShortMessage"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
};
