// What the participant data nodes share: the attribute name (free text in Genesys, here one line),
// and how their importers read an action's `attributes` list. Pure.
import { z } from "zod";
import { isMap, single, type Json } from "../../archy/json";
import { extraFields, litOf } from "../../archy/values";
import { keepRaw, type KeepRaw } from "./importContext";

/**
 * A participant data attribute name: free text in Genesys (real exports use spaces: "Customer
 * Number"), here one line of at most 128 characters without leading or trailing spaces.
 */
export const ATTRIBUTE_NAME = /^(?=[^\x00-\x1f\x7f]{1,128}$)\S(?:.*\S)?$/;

export const attributeName = z
  .string()
  .regex(ATTRIBUTE_NAME, "an attribute name: one line of at most 128 characters, no leading or trailing space");

/** The attribute mappings of an action: `attributes: [{attribute: {...}}]`, or why not. */
export function attributesOf(
  a: Record<string, Json>,
  fields: readonly string[],
): Array<Record<string, Json>> | KeepRaw {
  if (!Array.isArray(a.attributes) || a.attributes.length === 0) return keepRaw("it names no attribute");
  const out: Array<Record<string, Json>> = [];
  const names = new Set<string>();
  for (const item of a.attributes) {
    const entry = single(item);
    if (entry?.[0] !== "attribute" || !isMap(entry[1])) return keepRaw("an attribute is not an `attribute` mapping");
    const extra = extraFields(entry[1], fields);
    if (extra.length > 0) return keepRaw(`an attribute has fields the node lacks (${extra.join(", ")})`);
    const name = litOf(entry[1].name)?.value;
    if (typeof name !== "string" || !ATTRIBUTE_NAME.test(name))
      return keepRaw("an attribute's name is not a literal name");
    if (names.has(name)) return keepRaw(`it names attribute ${name} twice`);
    names.add(name);
    out.push({ ...entry[1], name });
  }
  return out;
}
