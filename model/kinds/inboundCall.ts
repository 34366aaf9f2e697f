import type { NodeType } from "../nodes";
import { builtinVariablesOf } from "../../archy/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const CALL_NODE_TYPES: readonly NodeType[] = [
  "playMessage",
  "collectDigits",
  "decision",
  "setVariable",
  "subflow",
  "transferToQueue",
  "disconnect",
  "loop",
  "archy",
];

export const inboundCall: FlowKindDescriptor = {
  kind: "inboundCall",
  title: "inbound call flow",
  archyKey: "inboundCall",
  apiType: "INBOUNDCALL",
  flowType: "inboundcall",
  isModule: false,
  variableScope: "Flow",
  body: "tasks",
  reusableTasks: true,
  nodeTypes: CALL_NODE_TYPES,
  builtins: builtinVariablesOf("inboundCall"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: {
    initialGreeting: { exp: "AudioPlaybackOptions(ToAudioBlank(100), true)" },
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } }, preHandlingAudio: { tts: "Sorry, an error occurred. Please try your call again." } },
  },
};
