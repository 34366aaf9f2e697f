// Communicate: a digital bot sends the customer a message (Archy `communicate`, its `communication`
// an expression such as MakeCommunication(ToCommunication("...")) in real exports:
// export:CII-GitHub-Account-Org/cx-as-code-cicd-gitactions-blueprint
// blueprint/genesys-cloud-architect-flows/cicd-sample-digital-bot-flow.yaml line 53;
// https://help.mypurecloud.com/articles/communicate-action/).
import { z } from "zod";
import { exp } from "../../archy/construct";
import { expOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const communicate = defineNodeType({
  schema: nodeSchema("communicate", {
    /** The message: a communication expression, e.g. MakeCommunication(ToCommunication("Hello")). */
    communication: expression,
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "A bot sends the customer a message (a communication expression).",
  fields: "`communication` (communication expression)",
  expressions: (n) => [{ field: "communication", text: n.communication }],
  describe: () => "communicate",
  example: {
    label: "Say hello",
    communication: 'MakeCommunication(ToCommunication("Hello"))',
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    { communicate: { name: actionName(node, id), communication: exp(ctx.expression(node.communication)) } },
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "communication"],
    map(a) {
      const communication = expOf(a.communication);
      if (communication === undefined) return keepRaw("its communication is not an expression");
      return { node: { type: "communicate", communication }, branches: { next: undefined } };
    },
  },
});
