import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const digitalBot = defineKind({
  kind: "digitalBot",
  title: "digital bot flow",
  label: "digital bot",
  archyKey: "digitalBot",
  apiType: "DIGITALBOT",
  flowType: "digitalbot",
  isModule: false,
  variableScope: "Flow",
  body: "bots",
  // No real export of a digital bot flow holds reusable tasks: a node reached from two places is repeated.
  reusableTasks: false,
  builtins: builtinVariablesOf("digitalBot"),
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
});
