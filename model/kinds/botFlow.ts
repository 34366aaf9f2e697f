import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const botFlow: FlowKindDescriptor = {
  kind: "botFlow",
  title: "bot flow",
  archyKey: "botFlow",
  apiType: "BOT",
  flowType: "bot",
  isModule: false,
  variableScope: "Flow",
  body: "bots",
  reusableTasks: true,
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "getParticipantData", "setParticipantData", "subflow", "loop", "archy"],
  builtins: builtinVariablesOf("botFlow"),
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
};
