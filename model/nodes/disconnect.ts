// Disconnect: ends the interaction (Archy `disconnect`).
import { z } from "zod";
import * as A from "../../archy/construct";
import { actionName } from "./emitContext";
import { defineNodeType, nodeSchema } from "./unit";

export const disconnect = defineNodeType({
  schema: nodeSchema("disconnect", {
    transitions: z.object({}).strict().default({}),
  }),
  summary: "Ends the interaction.",
  fields: "",
  transitions: () => [],
  terminal: true,
  describe: () => "disconnect",
  example: { label: "Goodbye", transitions: {} },
  emit: (node, id) => [A.disconnect(actionName(node, id))],
  importer: {
    fields: ["name"],
    map: () => ({ node: { type: "disconnect" }, branches: {} }),
  },
  // Disconnect ends the interaction (a terminating action: sdk: ArchActionDisconnect; archy/catalogue/actions.ts).
  run: {
    disconnect: () => ({ kind: "end", ending: { type: "disconnect" } }),
  },
});
