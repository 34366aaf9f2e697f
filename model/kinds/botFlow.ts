import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const botFlow = defineKind({
  kind: "botFlow",
  title: "bot flow",
  label: "bot",
  archyKey: "botFlow",
  apiType: "BOT",
  flowType: "bot",
  body: "bots",
  reusableTasks: true,
  builtins: builtinVariablesOf("botFlow"),
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
});
