// sendResponse -> sendResponse; sendAutoReply with its addresses unset -> sendAutoReply. Their
// text may be an expression or a literal. A message body style, or addresses, keep them raw.
import type { Json } from "../json";
import { expOf, extraFields, isEmptyField, literalExpression, litOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

/** A string value as an expression: `{exp}`, or a literal string that reads the same in quotes. */
function textOf(v: Json): string | undefined {
  const lit = litOf(v);
  return expOf(v) ?? (typeof lit?.value === "string" ? literalExpression(lit.value) : undefined);
}

export const sendResponse: ActionImporter = {
  nodeType: "sendResponse",
  map(a) {
    const extra = extraFields(a, ["name", "messageBody"]);
    if (extra.length > 0) return keepRaw(`a sendResponse node has no field for ${extra.join(", ")}`);
    const message = textOf(a.messageBody);
    if (message === undefined) return keepRaw("its message is neither an expression nor a plain literal");
    return { node: { type: "sendResponse", message }, branches: { next: undefined } };
  },
};

export const sendAutoReply: ActionImporter = {
  nodeType: "sendAutoReply",
  map(a) {
    const extra = extraFields(a, ["name", "messageBody", "replyMode"]);
    if (extra.length > 0) return keepRaw(`a sendAutoReply node has no field for ${extra.join(", ")}`);
    const body = textOf(a.messageBody);
    if (body === undefined) return keepRaw("its body is neither an expression nor a plain literal");
    const replyTo = a.replyMode === "replyToAll" ? "all" : a.replyMode === "replyToSender" || isEmptyField(a.replyMode) ? "sender" : undefined;
    if (replyTo === undefined) return keepRaw(`its reply mode ${JSON.stringify(a.replyMode)} is neither replyToSender nor replyToAll`);
    return { node: { type: "sendAutoReply", body, replyTo }, branches: { next: undefined } };
  },
};
