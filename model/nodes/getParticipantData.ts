// Get participant data: reads attributes of the interaction into string variables. Compiles to
// Archy `getParticipantData`; imports from one whose attributes are named literally and read into
// string variables the model can declare.
import { z } from "zod";
import * as A from "../../archy/construct";
import { nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { attributeName, attributesOf } from "./participantData";
import { defineNodeType, nodeSchema } from "./unit";
import { textOf, variableOf } from "./runFields";
import { isMap } from "../../archy/json";

/** Reads participant data attributes of the interaction into string variables (Archy `getParticipantData`). */
export const getParticipantData = defineNodeType({
  schema: nodeSchema("getParticipantData", {
    /** Attribute name -> string variable that receives its value. */
    attributes: z
      .record(attributeName, variableName)
      .refine((a) => Object.keys(a).length > 0, "name at least one attribute"),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Reads participant data attributes of the interaction into string variables.",
  fields: "`attributes` (attribute → string variable)",
  writes: (n) =>
    Object.entries(n.attributes).map(([attribute, variable]) => ({
      field: `attributes.${attribute}`,
      variable,
      type: "string",
    })),
  describe: (n) => `get participant data ${Object.keys(n.attributes).join(", ")}`,
  example: {
    label: "Read context",
    attributes: { "customer.tier": "tier" },
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.getParticipantData(
      actionName(node, id),
      Object.keys(node.attributes)
        .sort()
        .map((name) => ({ name, variable: ctx.variable(node.attributes[name]) })),
    ),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    fields: ["name", "attributes"],
    map(a, ctx) {
      const list = attributesOf(a, ["name", "variable"]);
      if ("raw" in list) return list;
      const attributes: Record<string, string> = {};
      for (const { name, variable } of list) {
        const target = typeof variable === "string" ? ctx.variable(variable, "string") : undefined;
        if (target?.type !== "string")
          return keepRaw(`attribute ${String(name)} is not read into a string variable the model can declare`);
        attributes[name as string] = target.name;
      }
      return { node: { type: "getParticipantData", attributes }, branches: { next: undefined } };
    },
  },
  // Get Participant Data stores each named attribute of the participant in its string variable;
  // "Attributes are case-sensitive" (help.mypurecloud.com/articles/get-participant-data-action/).
  run: {
    getParticipantData: (a, rt) => {
      for (const item of Array.isArray(a.attributes) ? a.attributes : []) {
        const attribute = isMap(item) && isMap(item.attribute) ? item.attribute : undefined;
        const name = attribute ? textOf(rt, attribute.name) : undefined;
        const variable = attribute ? variableOf(attribute.variable) : undefined;
        if (name === undefined || variable === undefined)
          return rt.cannot("a participant data attribute without a name or a variable");
        rt.assign(variable, rt.getAttribute(name));
      }
      return { kind: "next" };
    },
  },
});
