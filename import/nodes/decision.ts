// decision -> decision: its condition, and its `yes`/`no` paths as transitions.
import { expOf, extraFields, litOf, otherPaths, pathActions } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const decision: ActionImporter = {
  nodeType: "decision",
  map(a) {
    const extra = extraFields(a, ["name", "condition", "outputs"]);
    if (extra.length > 0) return keepRaw(`a decision node has no field for ${extra.join(", ")}`);
    const lit = litOf(a.condition);
    const expression = expOf(a.condition) ?? (typeof lit?.value === "boolean" ? String(lit.value) : undefined);
    if (expression === undefined) return keepRaw("its condition is not an expression");
    const others = otherPaths(a, ["yes", "no"]);
    if (others.length > 0) return keepRaw(`a decision node has no transition for ${others.join(", ")}`);
    return { node: { type: "decision", expression }, branches: { yes: pathActions(a, "yes"), no: pathActions(a, "no") } };
  },
};
