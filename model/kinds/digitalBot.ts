import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const digitalBot: FlowKindDescriptor = {
  kind: "digitalBot",
  title: "digital bot flow",
  archyKey: "digitalBot",
  apiType: "DIGITALBOT",
  flowType: "digitalbot",
  isModule: false,
  variableScope: "Flow",
  body: "bots",
  // No real export of a digital bot flow holds reusable tasks: a node reached from two places is repeated.
  reusableTasks: false,
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "transferToQueue", "disconnect", "loop", "archy"],
  builtins: builtinVariablesOf("digitalBot"),
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
};
