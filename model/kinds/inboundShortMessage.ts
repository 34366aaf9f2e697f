import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inboundShortMessage = defineKind({
  kind: "inboundShortMessage",
  title: "inbound message flow (SMS, web messaging)",
  label: "message",
  body: "states",
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
});
