import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inboundChat = defineKind({
  kind: "inboundChat",
  title: "inbound chat flow",
  label: "chat",
  archyKey: "inboundChat",
  apiType: "INBOUNDCHAT",
  flowType: "inboundchat",
  body: "states",
  reusableTasks: true,
  builtins: builtinVariablesOf("inboundChat"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
});
