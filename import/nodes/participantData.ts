// getParticipantData into string variables -> getParticipantData; setParticipantData of values
// given as expressions or literals -> setParticipantData. Attributes named by an expression, or
// named twice in one action, keep the action raw.
import { isMap, single, type Json } from "../json";
import { ATTRIBUTE_NAME } from "../../model/nodes/participantData";
import { expOf, extraFields, literalExpression, litOf } from "./values";
import { keepRaw, type ActionImporter, type KeepRaw } from "./types";

/** The attribute mappings of an action: `attributes: [{attribute: {...}}]`, or why not. */
function attributesOf(a: Record<string, Json>, fields: readonly string[]): Array<Record<string, Json>> | KeepRaw {
  if (!Array.isArray(a.attributes) || a.attributes.length === 0) return keepRaw("it names no attribute");
  const out: Array<Record<string, Json>> = [];
  const names = new Set<string>();
  for (const item of a.attributes) {
    const entry = single(item);
    if (!entry || entry[0] !== "attribute" || !isMap(entry[1])) return keepRaw("an attribute is not an `attribute` mapping");
    const extra = extraFields(entry[1], fields);
    if (extra.length > 0) return keepRaw(`an attribute has fields the node lacks (${extra.join(", ")})`);
    const name = litOf(entry[1].name)?.value;
    if (typeof name !== "string" || !ATTRIBUTE_NAME.test(name)) return keepRaw("an attribute's name is not a literal name");
    if (names.has(name)) return keepRaw(`it names attribute ${name} twice`);
    names.add(name);
    out.push({ ...entry[1], name });
  }
  return out;
}

export const getParticipantData: ActionImporter = {
  nodeType: "getParticipantData",
  map(a, ctx) {
    const extra = extraFields(a, ["name", "attributes"]);
    if (extra.length > 0) return keepRaw(`a getParticipantData node has no field for ${extra.join(", ")}`);
    const list = attributesOf(a, ["name", "variable"]);
    if ("raw" in list) return list;
    const attributes: Record<string, string> = {};
    for (const { name, variable } of list) {
      const target = typeof variable === "string" ? ctx.variable(variable, "string") : undefined;
      if (!target || target.type !== "string") return keepRaw(`attribute ${String(name)} is not read into a string variable the model can declare`);
      attributes[name as string] = target.name;
    }
    return { node: { type: "getParticipantData", attributes }, branches: { next: undefined } };
  },
};

export const setParticipantData: ActionImporter = {
  nodeType: "setParticipantData",
  map(a) {
    const extra = extraFields(a, ["name", "attributes"]);
    if (extra.length > 0) return keepRaw(`a setParticipantData node has no field for ${extra.join(", ")}`);
    const list = attributesOf(a, ["name", "value"]);
    if ("raw" in list) return list;
    const attributes: Record<string, string> = {};
    for (const { name, value } of list) {
      const lit = litOf(value);
      const expression = expOf(value) ?? (typeof lit?.value === "string" ? literalExpression(lit.value) : undefined);
      if (expression === undefined) return keepRaw(`attribute ${String(name)}'s value is neither an expression nor a plain literal`);
      attributes[name as string] = expression;
    }
    return { node: { type: "setParticipantData", attributes }, branches: { next: undefined } };
  },
};
