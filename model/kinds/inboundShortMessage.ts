import { MESSAGE_BUILTINS } from "./builtins";
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
  nodeTypes: ["decision", "setVariable", "subflow", "transferToQueue", "disconnect", "loop", "archy"],
  builtins: MESSAGE_BUILTINS,
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
};
