import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const botFlow = defineKind({
  kind: "botFlow",
  title: "bot flow",
  label: "bot",
  body: "bots",
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
});
