// Set participant data: sets attributes on the interaction (agents and other flows read them).
// Compiles to Archy `setParticipantData`; imports from one whose attributes are named literally
// and whose values are expressions or plain literals.
import { z } from "zod";
import * as A from "../../archy/construct";
import { stringExpressionOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { attributeName, attributesOf } from "./participantData";
import { defineNodeType, nodeSchema } from "./unit";
import { textOf } from "./runFields";
import { isMap } from "../../archy/json";

/** Sets participant data attributes on the interaction (Archy `setParticipantData`). */
export const setParticipantData = defineNodeType({
  schema: nodeSchema("setParticipantData", {
    /** Attribute name -> string Architect expression. */
    attributes: z
      .record(attributeName, expression)
      .refine((a) => Object.keys(a).length > 0, "name at least one attribute"),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Sets participant data attributes on the interaction (agents and other flows read them).",
  fields: "`attributes` (attribute → string expression)",
  expressions: (n) =>
    Object.entries(n.attributes).map(([attribute, text]) => ({
      field: `attributes.${attribute}`,
      text,
      expect: "string",
    })),
  describe: (n) => `set participant data ${Object.keys(n.attributes).join(", ")}`,
  example: {
    label: "Tag interaction",
    attributes: { "customer.tier": '"gold"' },
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.setParticipantData(
      actionName(node, id),
      Object.keys(node.attributes)
        .sort()
        .map((name) => ({ name, value: ctx.expression(node.attributes[name]) })),
    ),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "attributes"],
    map(a) {
      const list = attributesOf(a, ["name", "value"]);
      if ("raw" in list) return list;
      const attributes: Record<string, string> = {};
      for (const { name, value } of list) {
        const expression = stringExpressionOf(value);
        if (expression === undefined)
          return keepRaw(`attribute ${String(name)}'s value is neither an expression nor a plain literal`);
        attributes[name as string] = expression;
      }
      return { node: { type: "setParticipantData", attributes }, branches: { next: undefined } };
    },
  },
  // Set Participant Data sets each attribute (a name/value pair of strings) on the participant; they
  // persist beyond the flow (help.mypurecloud.com/articles/set-participant-data-action/).
  run: {
    setParticipantData: (a, rt) => {
      for (const item of Array.isArray(a.attributes) ? a.attributes : []) {
        const attribute = isMap(item) && isMap(item.attribute) ? item.attribute : undefined;
        const name = attribute ? textOf(rt, attribute.name) : undefined;
        if (name === undefined || !attribute) return rt.cannot("a participant data attribute without a name");
        rt.setAttribute(name, rt.value(attribute.value, "string"));
      }
      return { kind: "next" };
    },
  },
});
