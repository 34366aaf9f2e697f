import { languageShape } from "./common";
import { defineKind } from "./descriptor";
import { inboundCall } from "./inboundCall";

export const outboundCall = defineKind({
  kind: "outboundCall",
  title: "outbound call flow",
  label: "outbound",
  body: "tasks",
  // Real exports start at a task or a menu and hold reusable tasks entered by callTask and
  // jumpToTask (export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Customer_DEV: 13
  // tasks, startUpRef a task; export:automated-callback-blueprint Proactive_callback_connect: a menu).
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "disconnect",
  // The real exports carry the same greeting and error handling as inbound calls.
  archySettings: inboundCall.archySettings,
});
