import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";
import { CALL_NODE_TYPES, inboundCall } from "./inboundCall";

export const secureCall: FlowKindDescriptor = {
  kind: "secureCall",
  title: "secure call flow",
  archyKey: "secureCall",
  apiType: "SECURECALL",
  flowType: "securecall",
  isModule: false,
  variableScope: "Flow",
  body: "tasks",
  reusableTasks: true,
  // No real export of a secure call flow holds a menu or a division.
  nodeTypes: CALL_NODE_TYPES.filter((t) => t !== "menu"),
  omits: ["division"],
  builtins: builtinVariablesOf("secureCall"),
  shape: languageShape,
  fallthrough: "disconnect",
  archySettings: inboundCall.archySettings,
};
