// switch evaluating the first true of several conditions -> switch: one case per condition
// (named case1, case2, ... in order), its actions the case's transition; the default path is
// `default`. A switch matching one value against cases (firstMatch) stays raw.
import { isMap, single, type Json } from "../json";
import { expOf, extraFields, litOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const switchImporter: ActionImporter = {
  nodeType: "switch",
  map(a) {
    const extra = extraFields(a, ["name", "evaluate"]);
    if (extra.length > 0) return keepRaw(`a switch node has no field for ${extra.join(", ")}`);
    const evaluate = isMap(a.evaluate) ? single(a.evaluate) : undefined;
    if (!evaluate || evaluate[0] !== "firstTrue" || !isMap(evaluate[1])) return keepRaw("it matches a value against its cases (a switch node takes the first true condition)");
    const body = evaluate[1];
    const bodyExtra = extraFields(body, ["cases", "default"]);
    if (bodyExtra.length > 0) return keepRaw(`a switch node has no field for ${bodyExtra.join(", ")}`);
    if (!Array.isArray(body.cases) || body.cases.length === 0) return keepRaw("it has no case");
    const cases: Record<string, string> = {};
    const branches: Record<string, Json[] | undefined> = {};
    for (const [i, item] of body.cases.entries()) {
      const c = single(item);
      if (!c || c[0] !== "case" || !isMap(c[1])) return keepRaw("a case is not a `case` mapping");
      const caseExtra = extraFields(c[1], ["value", "actions"]);
      if (caseExtra.length > 0) return keepRaw(`a switch case has no field for ${caseExtra.join(", ")}`);
      const lit = litOf(c[1].value);
      const condition = expOf(c[1].value) ?? (typeof lit?.value === "boolean" ? String(lit.value) : undefined);
      if (condition === undefined) return keepRaw("a case's condition is not an expression");
      const actions = c[1].actions;
      if (actions !== undefined && !Array.isArray(actions)) return keepRaw("a case's actions are not a list");
      cases[`case${i + 1}`] = condition;
      branches[`case${i + 1}`] = actions;
    }
    const otherwise = body.default;
    if (otherwise !== undefined && !(isMap(otherwise) && extraFields(otherwise, ["actions"]).length === 0 && (otherwise.actions === undefined || Array.isArray(otherwise.actions)))) {
      return keepRaw("its default is not a list of actions");
    }
    branches.default = isMap(otherwise) && Array.isArray(otherwise.actions) ? otherwise.actions : undefined;
    return { node: { type: "switch", cases }, branches };
  },
};
