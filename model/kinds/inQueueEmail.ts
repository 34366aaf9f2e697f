import { languageShape } from "./common";
import { defineKind, type FlowKindSpec } from "./descriptor";

/**
 * In-queue email and message flows: a start-up state that runs when the interaction enters the
 * queue, and a periodic state Architect runs again while it waits (export:rjv-blueprint/RJV
 * Default In-Queue Email_v1-0, and the Genesys provider's acceptance tests). Both end with endState.
 */
const inQueueState = {
  body: "startUpState",
  reusableTasks: false,
  // The state runs while the interaction waits in queue; only what the in-queue exports show is
  // offered (routing, replies and participant data are left to the inbound flow).
  excludes: Object.fromEntries(
    [
      "schedule",
      "scheduleGroup",
      "getParticipantData",
      "setParticipantData",
      "subflow",
      "callModule",
      "sendAutoReply",
      "sendResponse",
      "transferToQueue",
      "disconnect",
    ].map((t) => [t, "no in-queue email or message export uses it"]),
  ),
  shape: languageShape,
  fallthrough: "endState",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endInQueueState: { none: true } } },
  },
} as const satisfies Partial<FlowKindSpec>;

export const inQueueEmail = defineKind({
  ...inQueueState,
  kind: "inQueueEmail",
  title: "in-queue email flow",
  label: "in-queue email",
  archyKey: "inqueueEmail",
});

export const inQueueShortMessage = defineKind({
  ...inQueueState,
  kind: "inQueueShortMessage",
  title: "in-queue message flow",
  label: "in-queue message",
  archyKey: "inqueueShortMessage",
});
