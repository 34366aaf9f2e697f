import { languageShape } from "./common";
import { defineKind } from "./descriptor";

export const inboundCall = defineKind({
  kind: "inboundCall",
  title: "inbound call flow",
  label: "call",
  body: "tasks",
  reusableTasks: true,
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    initialGreeting: { exp: "AudioPlaybackOptions(ToAudioBlank(100), true)" },
    settingsErrorHandling: {
      errorHandling: { disconnect: { none: true } },
      preHandlingAudio: { tts: "Sorry, an error occurred. Please try your call again." },
    },
  },
  // As real inbound call exports with menus have them: Architect's menu defaults (each menu may
  // override repeats and timeout) and speech recognition on, for choices made by voice.
  menuSettings: {
    settingsMenu: {
      extensionDialingMaxDelay: { lit: { seconds: 1 } },
      listenForExtensionDialing: { lit: false },
      menuSelectionTimeout: { lit: { seconds: 10 } },
      repeatCount: { lit: 3 },
    },
    settingsSpeechRec: {
      completeMatchTimeout: { lit: { ms: 100 } },
      incompleteMatchTimeout: { lit: { ms: 1500 } },
      maxSpeechLengthTimeout: { lit: { seconds: 20 } },
      minConfidenceLevel: { lit: 50 },
      asrCompanyDir: "none",
      asrEnabledOnFlow: true,
    },
  },
});
