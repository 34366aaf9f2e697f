import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const workitem = defineKind({
  kind: "workitem",
  title: "work item flow",
  label: "work item",
  archyKey: "workitem",
  apiType: "WORKITEM",
  flowType: "workitem",
  body: "states",
  reusableTasks: true,
  builtins: builtinVariablesOf("workitem"),
  shape: languageShape,
  fallthrough: "exitWorkitemFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endFlow: { none: true } } },
  },
});
