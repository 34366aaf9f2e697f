import { z } from "zod";
import { expression, label, nodeId } from "../types";
import { next, type NodeTypeDescriptor } from "./descriptor";

/** Replies to the email being handled (Archy `sendAutoReply`). */
export const sendAutoReplyNode = z
  .object({
    type: z.literal("sendAutoReply"),
    label,
    /** The reply's text: a string Architect expression (a literal text is written in double quotes). */
    body: expression,
    /** Reply to the sender only (default) or to every recipient. */
    replyTo: z.enum(["sender", "all"]).default("sender"),
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type SendAutoReplyNode = z.infer<typeof sendAutoReplyNode>;

export const sendAutoReply: NodeTypeDescriptor<SendAutoReplyNode> = {
  type: "sendAutoReply",
  summary: "Sends an automatic reply to the email being handled.",
  fields: "`body` (string expression), `replyTo` (`sender`/`all`)",
  transitions: () => [next],
  terminal: false,
  expressions: (n) => [{ field: "body", text: n.body, expect: "string" }],
  writes: () => [],
  describe: () => "auto-reply",
  example: { type: "sendAutoReply", label: "Acknowledge", body: '"We received your email."', replyTo: "all", transitions: { next: "Next" } },
};

/** Sends a message to the customer of a message interaction (Archy `sendResponse`). */
export const sendResponseNode = z
  .object({
    type: z.literal("sendResponse"),
    label,
    /** The message: a string Architect expression (a literal text is written in double quotes). */
    message: expression,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type SendResponseNode = z.infer<typeof sendResponseNode>;

export const sendResponse: NodeTypeDescriptor<SendResponseNode> = {
  type: "sendResponse",
  summary: "Sends a message to the customer (SMS, web messaging).",
  fields: "`message` (string expression)",
  transitions: () => [next],
  terminal: false,
  expressions: (n) => [{ field: "message", text: n.message, expect: "string" }],
  writes: () => [],
  describe: () => "send message",
  example: { type: "sendResponse", label: "Greet", message: '"Thanks for your message."', transitions: { next: "Next" } },
};
