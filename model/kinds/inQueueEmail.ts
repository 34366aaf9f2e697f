import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

/**
 * In-queue email and message flows: a start-up state that runs when the interaction enters the
 * queue, and a periodic state Architect runs again while it waits (export:rjv-blueprint/RJV
 * Default In-Queue Email_v1-0, and the Genesys provider's acceptance tests). Both end with endState.
 */
const inQueueState = {
  isModule: false,
  variableScope: "Flow",
  body: "startUpState",
  reusableTasks: false,
  nodeTypes: ["decision", "switch", "setVariable", "dataAction", "loop", "archy"],
  shape: languageShape,
  fallthrough: "endState",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endInQueueState: { none: true } } },
  },
} as const satisfies Partial<FlowKindDescriptor>;

export const inQueueEmail: FlowKindDescriptor = {
  ...inQueueState,
  kind: "inQueueEmail",
  title: "in-queue email flow",
  archyKey: "inqueueEmail",
  apiType: "INQUEUEEMAIL",
  flowType: "inqueueemail",
  nodeTypes: [...inQueueState.nodeTypes],
  builtins: builtinVariablesOf("inqueueEmail"),
};

export const inQueueShortMessage: FlowKindDescriptor = {
  ...inQueueState,
  kind: "inQueueShortMessage",
  title: "in-queue message flow",
  archyKey: "inqueueShortMessage",
  apiType: "INQUEUESHORTMESSAGE",
  flowType: "inqueueshortmessage",
  nodeTypes: [...inQueueState.nodeTypes],
  builtins: builtinVariablesOf("inqueueShortMessage"),
};
