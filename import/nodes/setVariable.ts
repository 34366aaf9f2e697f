// updateData with one statement into a variable the model declares -> setVariable. Several
// statements stay one raw updateData (splitting them would publish more actions).
import { VALUE_TYPES, type ValueType } from "../../model/types";
import { isMap, single } from "../json";
import { expOf, extraFields, literalExpression, litOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const setVariable: ActionImporter = {
  nodeType: "setVariable",
  map(a, ctx) {
    const extra = extraFields(a, ["name", "statements"]);
    if (extra.length > 0) return keepRaw(`a setVariable node has no field for ${extra.join(", ")}`);
    if (!Array.isArray(a.statements) || a.statements.length !== 1) return keepRaw("it sets several variables at once");
    const statement = single(a.statements[0]);
    if (!statement || !isMap(statement[1]) || !(VALUE_TYPES as readonly string[]).includes(statement[0])) return keepRaw("its statement's type has no model variable type");
    const [type, { variable, value, ...rest }] = [statement[0] as ValueType, statement[1]];
    if (Object.keys(rest).length > 0 || typeof variable !== "string") return keepRaw("its statement has fields a setVariable node lacks");
    const target = ctx.variable(variable, type);
    if (!target || target.type !== type) return keepRaw(`${variable} is not a ${type} variable the model can declare`);
    const lit = litOf(value);
    const expression = expOf(value) ?? (lit ? literalExpression(lit.value) : undefined);
    if (expression === undefined) return keepRaw("its value is neither an expression nor a plain literal");
    return { node: { type: "setVariable", variable: target.name, value: expression }, branches: { next: undefined } };
  },
};
