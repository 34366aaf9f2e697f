import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";

export const workflow: FlowKindDescriptor = {
  kind: "workflow",
  title: "workflow",
  archyKey: "workflow",
  apiType: "WORKFLOW",
  flowType: "workflow",
  isModule: false,
  variableScope: "Flow",
  body: "states",
  // None of the real workflow exports holds reusable tasks: a node reached from two places is repeated.
  reusableTasks: false,
  // No interaction: nothing to disconnect or transfer.
  nodeTypes: ["decision", "switch", "schedule", "scheduleGroup", "setVariable", "dataAction", "subflow", "loop", "archy"],
  builtins: builtinVariablesOf("workflow"),
  shape: languageShape,
  fallthrough: "endWorkflow",
  archySettings: {
    settingsErrorHandling: { errorHandling: { endWorkflow: { none: true } } },
  },
};
