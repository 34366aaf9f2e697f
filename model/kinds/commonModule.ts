import { z } from "zod";
import { valueType, variableName } from "../types";
import { defineKind } from "./descriptor";

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

export const commonModule = defineKind({
  kind: "commonModule",
  title: "common module",
  label: "module",
  isModule: true,
  variableScope: "Common",
  body: "startUpTaskActions",
  reusableTasks: false,
  // A module offers what the kinds that may call it offer (model/kinds/index.ts), narrowed to what
  // its compatibleFlowTypes share (checks/symbols.ts).
  excludes: {
    menu: "a module has no menus (neither real module export holds any)",
    callModule:
      "a common module cannot call another common module (help.mypurecloud.com/articles/work-with-common-module-flows); a subflow node is compiled in place",
  },
  builtins: {},
  shape: ({ callerKinds }) => ({
    /**
     * Flow kinds allowed to call this module (Archy `settingsCommonModule.compatibleFlowTypes`).
     * Genesys only lets a flow call a module compatible with its type, and offers in a module
     * only the actions every compatible type shares.
     */
    compatibleFlowTypes: z.array(z.enum(callerKinds)).min(1).default(["inboundCall"]),
    inputs: z.record(variableName, moduleInput).default({}),
    outputs: z.record(variableName, moduleOutput).default({}),
  }),
  fallthrough: "endTask",
  archySettings: {},
});
