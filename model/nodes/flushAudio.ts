// Flush audio: stops the audio queued to play to the caller, so what follows is heard at once
// (Archy `flushAudio` with only its name: https://help.mypurecloud.com/articles/flush-audio-action/;
// export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Voicemail_DEV.yaml line 137).
import { z } from "zod";
import { extraFields } from "../../archy/values";
import { label, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, next } from "./unit";

export const flushAudio = defineNodeType({
  schema: z
    .object({
      type: z.literal("flushAudio"),
      label,
      transitions: z.object({ next: nodeId }).strict(),
    })
    .strict(),
  summary: "Stops the audio queued to play to the caller.",
  fields: "",
  transitions: () => [next],
  describe: () => "flush audio",
  example: { type: "flushAudio", label: "Stop audio", transitions: { next: "Next" } },
  archyActions: ["flushAudio"],
  emit: (node, id, ctx) => [
    { flushAudio: { name: actionName(node, id) } },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    action: "flushAudio",
    map(a) {
      const extra = extraFields(a, ["name"]);
      if (extra.length > 0) return keepRaw(`a flushAudio node has no field for ${extra.join(", ")}`);
      return { node: { type: "flushAudio" }, branches: { next: undefined } };
    },
  },
});
