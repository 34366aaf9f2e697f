// Flush audio: stops the audio queued to play to the caller, so what follows is heard at once
// (Archy `flushAudio` with only its name: https://help.mypurecloud.com/articles/flush-audio-action/;
// export:jpercs/terraform-github-actions flows/EUSA_OB_Collections_Voicemail_DEV.yaml line 137).
import { z } from "zod";
import { nodeId } from "../types";
import { actionName } from "./emitContext";
import { defineNodeType, nodeSchema } from "./unit";

export const flushAudio = defineNodeType({
  schema: nodeSchema("flushAudio", {
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Stops the audio queued to play to the caller.",
  fields: "",
  describe: () => "flush audio",
  example: { label: "Stop audio", transitions: { next: "Next" } },
  emit: (node, id, ctx) => [
    { flushAudio: { name: actionName(node, id) } },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name"],
    map: () => ({ node: { type: "flushAudio" }, branches: { next: undefined } }),
  },
});
