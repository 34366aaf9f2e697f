import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const digitalBot = defineKind({
  kind: "digitalBot",
  title: "digital bot flow",
  label: "digital bot",
  body: "bots",
  // Real exports hold reusable tasks entered with callTask and jumpToTask
  // (export:Vishnu-NVD/CxAsCode Flows/Digital Bot/Archy_d_bot_test.yaml@3be81a2: 5 tasks).
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "exitBotFlow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { exit: { none: true } } },
  },
});
