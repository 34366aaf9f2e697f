// Set variable: assigns an expression to a variable. Compiles to an Archy `updateData` with one
// typed statement; imports from one that sets one variable the model can declare (several
// statements are one setVariables node: splitting them would publish more actions).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import { expression, nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { statementOf } from "./setVariables";
import { defineNodeType, nodeSchema } from "./unit";
import { variableOf } from "./runFields";

export const setVariable = defineNodeType({
  schema: nodeSchema("setVariable", {
    variable: variableName,
    /** An Architect expression of the variable's type. */
    value: expression,
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Assigns an expression to a variable.",
  fields: "`variable`, `value` (expression of the variable's type)",
  // The expected type is the variable's declared type: the variables check resolves it.
  expressions: (n) => [{ field: "value", text: n.value, expectOf: { variable: n.variable } }],
  writes: (n) => [{ field: "variable", variable: n.variable }],
  describe: (n) => `${n.variable} = ${n.value}`,
  example: {
    label: "Remember",
    variable: "note",
    value: '"hello"',
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.updateData(actionName(node, id), [
      {
        type: ctx.variableType(node.variable),
        variable: ctx.variable(node.variable),
        value: A.valueOf(ctx.variableType(node.variable), ctx.expression(node.value)),
      },
    ]),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    action: "updateData",
    fields: ["name", "statements"],
    map(a, ctx) {
      if (!Array.isArray(a.statements) || a.statements.length !== 1)
        return keepRaw("it sets several variables at once");
      const read = statementOf(a.statements[0], ctx);
      if ("raw" in read) return read;
      return {
        node: { type: "setVariable", variable: read.variable, value: read.value },
        branches: { next: undefined },
      };
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
        if (!statement || !body || variable === undefined)
          return rt.cannot("an updateData statement that names no variable");
        rt.assign(variable, rt.value(body.value, statement[0]));
      }
      return { kind: "next" };
    },
  },
});
