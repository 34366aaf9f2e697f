import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const surveyInvite = defineKind({
  kind: "surveyInvite",
  title: "survey invite flow",
  label: "survey invite",
  body: "states",
  // The real export holds a state and no reusable tasks or languages.
  reusableTasks: false,
  omits: ["languages"],
  shape: languageShape,
  // A survey invite ends by completing or aborting the invite (raw Archy): nothing is implied.
  fallthrough: "none",
  archySettings: {},
});
