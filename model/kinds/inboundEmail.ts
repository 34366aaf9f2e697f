import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const inboundEmail: FlowKindDescriptor = {
  kind: "inboundEmail",
  title: "inbound email flow",
  archyKey: "inboundEmail",
  apiType: "INBOUNDEMAIL",
  flowType: "inboundemail",
  isModule: false,
  variableScope: "Flow",
  body: "states",
  // No real inbound email export holds reusable tasks: shared nodes are repeated instead.
  reusableTasks: false,
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "sendAutoReply", "transferToQueue", "disconnect", "loop", "archy"],
  builtins: builtinVariablesOf("inboundEmail"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsInboundEmailHandling: { emailHandling: { disconnect: { none: true } } },
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
};
