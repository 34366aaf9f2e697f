// Send response: sends a message to the customer of a message interaction. Compiles to Archy
// `sendResponse`; imports from one whose text is an expression or a plain literal (a message body
// style keeps it raw).
import { z } from "zod";
import * as A from "../../archy/construct";
import { stringExpressionOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

/** Sends a message to the customer of a message interaction (Archy `sendResponse`). */
export const sendResponse = defineNodeType({
  schema: nodeSchema("sendResponse", {
    /** The message: a string Architect expression (a literal text is written in double quotes). */
    message: expression,
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Sends a message to the customer (SMS, web messaging).",
  fields: "`message` (string expression)",
  expressions: (n) => [{ field: "message", text: n.message, expect: "string" }],
  describe: () => "send message",
  example: {
    label: "Greet",
    message: '"Thanks for your message."',
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.sendResponse(actionName(node, id), ctx.expression(node.message)),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "messageBody"],
    map(a) {
      const message = stringExpressionOf(a.messageBody);
      if (message === undefined) return keepRaw("its message is neither an expression nor a plain literal");
      return { node: { type: "sendResponse", message }, branches: { next: undefined } };
    },
  },
  // Send Response sends its message body to the customer (sdk: ArchActionSendResponse.messageBody).
  run: {
    sendResponse: (a, rt) => {
      rt.send(rt.value(a.messageBody, "string"));
      return { kind: "next" };
    },
  },
});
