import { languageShape } from "./common";
import { defineKind } from "./descriptor";
import { inboundCall } from "./inboundCall";

export const secureCall = defineKind({
  kind: "secureCall",
  title: "secure call flow",
  label: "secure call",
  body: "tasks",
  reusableTasks: true,
  // No real export of a secure call flow holds a menu.
  excludes: { menu: "no real export of a secure call flow holds a menu" },
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: inboundCall.archySettings,
});
