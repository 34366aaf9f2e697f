import { z } from "zod";
import { NODE_TYPES } from "../nodes";
import { valueType, variableName } from "../types";
import type { FlowKindDescriptor } from "./descriptor";

export const moduleInput = z
  .object({
    type: valueType,
    description: z.string().optional(),
    /** A required input must be bound by every subflow node that calls the module. Default true. */
    required: z.boolean().default(true),
  })
  .strict();

export const moduleOutput = z
  .object({
    type: valueType,
    description: z.string().optional(),
  })
  .strict();

/** The kinds a module may be compatible with (every kind but modules). */
export const CALLER_KINDS = [
  "inboundCall",
  "inboundEmail",
  "inboundShortMessage",
  "inQueueCall",
  "outboundCall",
  "secureCall",
  "inboundChat",
  "workflow",
  "workitem",
  "surveyInvite",
  "botFlow",
  "digitalBot",
] as const;

export const commonModule: FlowKindDescriptor = {
  kind: "commonModule",
  title: "common module",
  archyKey: "commonModule",
  apiType: "COMMONMODULE",
  flowType: "commonmodule",
  isModule: true,
  variableScope: "Common",
  body: "startUpTaskActions",
  reusableTasks: false,
  // The real allowed set is narrowed by the module's compatibleFlowTypes (see checks/flow). No
  // menus: a module has no `menus` (neither real module export holds any).
  nodeTypes: NODE_TYPES.filter((t) => t !== "menu"),
  builtins: {},
  shape: {
    /**
     * Flow kinds allowed to call this module (Archy `settingsCommonModule.compatibleFlowTypes`).
     * Genesys only lets a flow call a module compatible with its type, and offers in a module
     * only the actions every compatible type shares.
     */
    compatibleFlowTypes: z.array(z.enum(CALLER_KINDS)).min(1).default(["inboundCall"]),
    inputs: z.record(variableName, moduleInput).default({}),
    outputs: z.record(variableName, moduleOutput).default({}),
  },
  fallthrough: "endTask",
  archySettings: {},
};
