// Transfer to flow: transfers the call to another published call flow (Archy `transferToFlow`,
// its `failure` path continuing).
import { z } from "zod";
import * as A from "../../archy/construct";
import { nodeId, speech } from "../types";
import { actionName } from "./emitContext";
import { defineNodeType, nodeSchema } from "./unit";
import { isUnset } from "./runFields";
import { isMap } from "../../archy/json";

/** Transfers the call to another published flow (Archy `transferToFlow`). */
export const transferToFlow = defineNodeType({
  schema: nodeSchema("transferToFlow", {
    /** The target flow's published name (often a `{{placeholder}}`). */
    flow: z.string().min(1),
    /** Spoken before the transfer. */
    prompt: speech.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  }),
  summary: "Transfers the call to another published call flow; ends the flow when it succeeds.",
  fields: "`flow` (published flow name), `prompt` (optional)",
  transitions: () => [{ name: "failure", required: false, failure: true }],
  terminal: true,
  describe: (n) => `transfer to flow ${n.flow}`,
  example: {
    label: "To billing IVR",
    flow: "Billing IVR",
    prompt: "Transferring you now.",
    transitions: { failure: "Next" },
  },
  archyActions: ["transferToFlow"],
  emit: (node, id, ctx) =>
    A.transferToFlow(actionName(node, id), node.flow, node.prompt, ctx.goto(id, "failure", node.transitions.failure)),
  // Transfer to Flow plays its pre-transfer audio and transfers the call to the flow; when it fails
  // the actions after it run (real exports give it no failure path) and its failure audio plays
  // (sdk: ArchActionTransferToFlow.targetFlow, ArchBaseActionTransfer.failureTransferAudio).
  run: {
    transferToFlow: (a, rt) => {
      if (!isUnset(a.preTransferAudio)) rt.play(rt.value(a.preTransferAudio, "audio"));
      const target = isMap(a.targetFlow) && typeof a.targetFlow.name === "string" ? a.targetFlow.name : undefined;
      if (target === undefined) return rt.cannot("a transfer to a flow not named literally");
      if (rt.world.transfer({ to: "flow", target, action: rt.name }) === "success")
        return { kind: "end", ending: { type: "transferToFlow", flow: target } };
      if (!isUnset(a.failureTransferAudio)) rt.play(rt.value(a.failureTransferAudio, "audio"));
      return { kind: "path", path: "failure" };
    },
  },
});
