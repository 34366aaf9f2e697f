import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const workflow = defineKind({
  kind: "workflow",
  title: "workflow",
  label: "workflow",
  body: "states",
  // None of the real workflow exports holds reusable tasks: a node reached from two places is repeated.
  reusableTasks: false,
  shape: languageShape,
  fallthrough: "endWorkflow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endWorkflow: { none: true } } },
  },
});
