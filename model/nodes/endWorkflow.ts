// End workflow: ends a workflow, with an optional exit reason (Archy `endWorkflow` with `exitReason`,
// `noValue` or a literal as real exports write it: export:GenesysCloudBlueprints/callback-prioritization
// terraform/Callback-Prioritization-Workflow.yaml line 282; https://help.mypurecloud.com/articles/end-workflow-action/).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isEmptyField, litOf } from "../../archy/values";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const endWorkflow = defineNodeType({
  schema: nodeSchema("endWorkflow", {
    /** Why the workflow ended: a text (exports give it literally). */
    exitReason: z.string().min(1).optional(),
    transitions: z.object({}).strict().default({}),
  }),
  summary: "Ends the workflow, with an optional exit reason.",
  fields: "`exitReason` (optional text)",
  transitions: () => [],
  terminal: true,
  describe: (n) => `end workflow${n.exitReason !== undefined ? ` (${n.exitReason})` : ""}`,
  example: { label: "Done", exitReason: "Success", transitions: {} },
  emit: (node, id) => [
    {
      endWorkflow: {
        name: actionName(node, id),
        exitReason: node.exitReason !== undefined ? A.lit(node.exitReason) : A.noValue(),
      },
    },
  ],
  importer: {
    fields: ["name", "exitReason"],
    map(a) {
      const text = litOf(a.exitReason)?.value;
      const exitReason = typeof text === "string" && text !== "" ? text : undefined;
      if (!isEmptyField(a.exitReason) && exitReason === undefined)
        return keepRaw("its exit reason is not a literal text");
      return { node: { type: "endWorkflow", ...(exitReason !== undefined ? { exitReason } : {}) }, branches: {} };
    },
  },
});
