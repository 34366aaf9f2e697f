import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { CALL_NODE_TYPES } from "./inboundCall";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const inQueueCall: FlowKindDescriptor = {
  kind: "inQueueCall",
  title: "in-queue call flow",
  archyKey: "inqueueCall",
  apiType: "INQUEUECALL",
  flowType: "inqueuecall",
  isModule: false,
  variableScope: "Flow",
  // Real in-queue exports run one startUpTaskActions list (Architect repeats it while the call waits).
  body: "startUpTaskActions",
  reusableTasks: false,
  // A call flow's node types but menus: in-queue flows have none.
  nodeTypes: CALL_NODE_TYPES.filter((t) => t !== "menu"),
  builtins: builtinVariablesOf("inqueueCall"),
  shape: languageShape,
  // When its actions end, Architect plays hold music and runs them again while the call waits.
  fallthrough: "none",
  archySettings: {
    settingsInQueueCall: { holdMusic: { lit: { name: "PromptSystem.on_hold_music" } } },
    settingsErrorHandling: { errorHandling: { disconnect: { none: true } }, preHandlingAudio: { tts: "Sorry, an error occurred. Please try your call again." } },
  },
};
