import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inQueueCall = defineKind({
  kind: "inQueueCall",
  title: "in-queue call flow",
  label: "in-queue",
  archyKey: "inqueueCall",
  // Real in-queue exports run one startUpTaskActions list (Architect repeats it while the call waits).
  body: "startUpTaskActions",
  reusableTasks: false,
  shape: languageShape,
  // When its actions end, Architect plays hold music and runs them again while the call waits.
  fallthrough: "none",
  archySettings: {
    settingsInQueueCall: { holdMusic: { lit: { name: "PromptSystem.on_hold_music" } } },
    settingsErrorHandling: {
      errorHandling: { disconnect: { none: true } },
      preHandlingAudio: { tts: "Sorry, an error occurred. Please try your call again." },
    },
  },
});
