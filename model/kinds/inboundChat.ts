import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inboundChat = defineKind({
  kind: "inboundChat",
  title: "inbound chat flow",
  label: "chat",
  body: "states",
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
});
