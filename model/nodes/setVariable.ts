// Set variable: assigns an expression to a variable. Compiles to an Archy `updateData` with one
// typed statement; imports from one that sets one variable the model can declare (several
// statements stay one raw updateData: splitting them would publish more actions).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import { expOf, extraFields, literalExpression, litOf } from "../../archy/values";
import { expression, label, nodeId, VALUE_TYPES, variableName, type ValueType } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, next } from "./unit";
import { variableOf } from "./runFields";

export const setVariable = defineNodeType({
  schema: z
    .object({
      type: z.literal("setVariable"),
      label,
      variable: variableName,
      /** An Architect expression of the variable's type. */
      value: expression,
      transitions: z.object({ next: nodeId }).strict(),
    })
    .strict(),
  summary: "Assigns an expression to a variable.",
  fields: "`variable`, `value` (expression of the variable's type)",
  transitions: () => [next],
  terminal: false,
  // The expected type is the variable's declared type: the variables check resolves it.
  expressions: (n) => [{ field: "value", text: n.value, expectOf: { variable: n.variable } }],
  writes: (n) => [{ field: "variable", variable: n.variable }],
  describe: (n) => `${n.variable} = ${n.value}`,
  example: { type: "setVariable", label: "Remember", variable: "note", value: '"hello"', transitions: { next: "Next" } },
  archyActions: ["updateData"],
  emit: (node, id, ctx) => [
    A.updateData(actionName(node, id), [
      { type: ctx.variableType(node.variable), variable: ctx.variable(node.variable), value: A.exp(ctx.expression(node.value)) },
    ]),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    action: "updateData",
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
  },
  // Update Data assigns each statement's value to its variable, in order (sdk: ArchActionUpdateData
  // statements); a result of another type converts as Architect converts results (help:implicit-casting).
  run: {
    updateData: (a, rt) => {
      for (const item of Array.isArray(a.statements) ? a.statements : []) {
        const statement = single(item);
        const body = statement && isMap(statement[1]) ? statement[1] : undefined;
        const variable = body ? variableOf(body.variable) : undefined;
        if (!statement || !body || variable === undefined) return rt.cannot("an updateData statement that names no variable");
        rt.assign(variable, rt.value(body.value, statement[0]));
      }
      return { kind: "next" };
    },
  },
});
export type SetVariableNode = z.infer<typeof setVariable.schema>;
