import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inboundEmail = defineKind({
  kind: "inboundEmail",
  title: "inbound email flow",
  label: "email",
  body: "states",
  // No real inbound email export holds reusable tasks: shared nodes are repeated instead.
  reusableTasks: false,
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    settingsInboundEmailHandling: { emailHandling: { disconnect: { none: true } } },
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } } },
  },
});
