// How an import reads the org object an action names: a literal `{lit: {name: X}}` (exports may
// repeat it as a plain `name: X` beside it), and the evaluation time `now`. Shared by the schedule
// and schedule group importers. Pure.
import { isMap, type Json } from "../../archy/json";
import { litOf } from "../../archy/values";

/** `{lit: {name: X}}` (with an optional `name: X` beside it, as exports write it) -> X. */
export function literalName(v: Json): string | undefined {
  if (!isMap(v)) return undefined;
  const { name, ...rest } = v;
  const value = litOf(rest as Json)?.value;
  if (!isMap(value) || Object.keys(value).length !== 1 || typeof value.name !== "string" || value.name === "")
    return undefined;
  return name === undefined || name === value.name ? value.name : undefined;
}

export const NOW = (v: Json) => isMap(v) && Object.keys(v).length === 1 && v.now === true;
