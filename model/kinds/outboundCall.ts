import { builtinVariablesOf } from "../../archy/catalogue/flowTypes";
import { languageShape } from "./common";
import type { FlowKindDescriptor } from "./descriptor";
import { CALL_NODE_TYPES, inboundCall } from "./inboundCall";

export const outboundCall: FlowKindDescriptor = {
  kind: "outboundCall",
  title: "outbound call flow",
  archyKey: "outboundCall",
  apiType: "OUTBOUNDCALL",
  flowType: "outboundcall",
  isModule: false,
  variableScope: "Flow",
  body: "tasks",
  // The real exports hold menus and no reusable tasks: a node reached from two places is repeated.
  reusableTasks: false,
  nodeTypes: CALL_NODE_TYPES,
  startNode: "menu",
  builtins: builtinVariablesOf("outboundCall"),
  shape: languageShape,
  fallthrough: "disconnect",
  // The real exports carry the same greeting and error handling as inbound calls.
  archySettings: inboundCall.archySettings,
};
