// Exit bot flow: ends a bot flow and hands the interaction back to the flow that called the bot
// (Archy `exitBotFlow` with only its name: export:CII-GitHub-Account-Org/cx-as-code-cicd-gitactions-blueprint
// blueprint/genesys-cloud-architect-flows/cicd-sample-bot-flow.yaml line 144;
// https://help.mypurecloud.com/articles/exit-bot-flow-action/).
import { z } from "zod";
import { actionName } from "./emitContext";
import { defineNodeType, nodeSchema } from "./unit";

export const exitBotFlow = defineNodeType({
  schema: nodeSchema("exitBotFlow", {
    transitions: z.object({}).strict().default({}),
  }),
  summary: "Ends the bot flow; the flow that called the bot goes on.",
  fields: "",
  transitions: () => [],
  terminal: true,
  describe: () => "exit bot flow",
  example: { label: "Hand back", transitions: {} },
  emit: (node, id) => [{ exitBotFlow: { name: actionName(node, id) } }],
  importer: {
    fields: ["name"],
    map: () => ({ node: { type: "exitBotFlow" }, branches: {} }),
  },
});
