// Send auto reply: replies to the email being handled. Compiles to Archy `sendAutoReply`; imports
// from one whose addresses are unset and whose text is an expression or a plain literal.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isEmptyField, stringExpressionOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

/** Replies to the email being handled (Archy `sendAutoReply`). */
export const sendAutoReply = defineNodeType({
  schema: nodeSchema("sendAutoReply", {
    /** The reply's text: a string Architect expression (a literal text is written in double quotes). */
    body: expression,
    /** Reply to the sender only (default) or to every recipient. */
    replyTo: z.enum(["sender", "all"]).default("sender"),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Sends an automatic reply to the email being handled.",
  fields: "`body` (string expression), `replyTo` (`sender`/`all`)",
  expressions: (n) => [{ field: "body", text: n.body, expect: "string" }],
  describe: () => "auto-reply",
  example: {
    label: "Acknowledge",
    body: '"We received your email."',
    replyTo: "all",
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.sendAutoReply(
      actionName(node, id),
      ctx.expression(node.body),
      node.replyTo === "all" ? "replyToAll" : "replyToSender",
    ),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "messageBody", "replyMode"],
    map(a) {
      const body = stringExpressionOf(a.messageBody);
      if (body === undefined) return keepRaw("its body is neither an expression nor a plain literal");
      const replyTo =
        a.replyMode === "replyToAll"
          ? "all"
          : a.replyMode === "replyToSender" || isEmptyField(a.replyMode)
            ? "sender"
            : undefined;
      if (replyTo === undefined)
        return keepRaw(`its reply mode ${JSON.stringify(a.replyMode)} is neither replyToSender nor replyToAll`);
      return { node: { type: "sendAutoReply", body, replyTo }, branches: { next: undefined } };
    },
  },
  // Send Auto Reply sends its message body as a reply to the email (sdk: ArchActionSendAutoReply.messageBody).
  run: {
    sendAutoReply: (a, rt) => {
      rt.send(rt.value(a.messageBody, "string"));
      return { kind: "next" };
    },
  },
});
