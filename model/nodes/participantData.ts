import { z } from "zod";
import { expression, label, nodeId, variableName } from "../types";
import { next, type NodeTypeDescriptor } from "./descriptor";

/**
 * A participant data attribute name: free text in Genesys (real exports use spaces: "Customer
 * Number"), here one line of at most 128 characters without leading or trailing spaces.
 */
export const ATTRIBUTE_NAME = /^(?=[^\x00-\x1f\x7f]{1,128}$)\S(?:.*\S)?$/;
const attributeName = z.string().regex(ATTRIBUTE_NAME, "an attribute name: one line of at most 128 characters, no leading or trailing space");

/** Reads participant data attributes of the interaction into string variables (Archy `getParticipantData`). */
export const getParticipantDataNode = z
  .object({
    type: z.literal("getParticipantData"),
    label,
    /** Attribute name -> string variable that receives its value. */
    attributes: z.record(attributeName, variableName).refine((a) => Object.keys(a).length > 0, "name at least one attribute"),
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type GetParticipantDataNode = z.infer<typeof getParticipantDataNode>;

export const getParticipantData: NodeTypeDescriptor<GetParticipantDataNode> = {
  type: "getParticipantData",
  summary: "Reads participant data attributes of the interaction into string variables.",
  fields: "`attributes` (attribute → string variable)",
  transitions: () => [next],
  terminal: false,
  expressions: () => [],
  writes: (n) => Object.entries(n.attributes).map(([attribute, variable]) => ({ field: `attributes.${attribute}`, variable, type: "string" })),
  describe: (n) => `get participant data ${Object.keys(n.attributes).join(", ")}`,
  example: { type: "getParticipantData", label: "Read context", attributes: { "customer.tier": "tier" }, transitions: { next: "Next" } },
};

/** Sets participant data attributes on the interaction (Archy `setParticipantData`). */
export const setParticipantDataNode = z
  .object({
    type: z.literal("setParticipantData"),
    label,
    /** Attribute name -> string Architect expression. */
    attributes: z.record(attributeName, expression).refine((a) => Object.keys(a).length > 0, "name at least one attribute"),
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();
export type SetParticipantDataNode = z.infer<typeof setParticipantDataNode>;

export const setParticipantData: NodeTypeDescriptor<SetParticipantDataNode> = {
  type: "setParticipantData",
  summary: "Sets participant data attributes on the interaction (agents and other flows read them).",
  fields: "`attributes` (attribute → string expression)",
  transitions: () => [next],
  terminal: false,
  expressions: (n) => Object.entries(n.attributes).map(([attribute, text]) => ({ field: `attributes.${attribute}`, text, expect: "string" })),
  writes: () => [],
  describe: (n) => `set participant data ${Object.keys(n.attributes).join(", ")}`,
  example: { type: "setParticipantData", label: "Tag interaction", attributes: { "customer.tier": '"gold"' }, transitions: { next: "Next" } },
};
