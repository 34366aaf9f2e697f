import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const workitem = defineKind({
  kind: "workitem",
  title: "work item flow",
  label: "work item",
  body: "states",
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "exitWorkitemFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endFlow: { none: true } } },
  },
});
