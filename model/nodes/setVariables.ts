// Set variables: assigns several variables in one step, in order. Compiles to one Archy `updateData`
// holding a typed statement per variable (real exports set up to a dozen variables in one action:
// e.g. export:andrewappleton/rjv-blueprint "RJV Callback Direct Table_v6-0.yaml" line 193); imports
// from one whose every statement sets a variable the model can declare to an expression or a plain
// literal. One variable is a setVariable node.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single, type Json } from "../../archy/json";
import { expOf, literalExpression, litOf } from "../../archy/values";
import { expression, nodeId, VALUE_TYPES, variableName, type ValueType } from "../types";
import { actionName } from "./emitContext";
import { keepRaw, type ImportContext, type KeepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const setVariables = defineNodeType({
  schema: nodeSchema("setVariables", {
    /** Variable -> an Architect expression of its type; assigned in the order written (a later one sees the earlier ones). */
    values: z.record(variableName, expression).refine((v) => Object.keys(v).length > 0, "set at least one variable"),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "Assigns several variables in one step, in the order written.",
  fields: "`values` (variable → expression of its type, in order)",
  // Each expected type is the variable's declared type: the variables check resolves it.
  expressions: (n) =>
    Object.entries(n.values).map(([variable, text]) => ({ field: `values.${variable}`, text, expectOf: { variable } })),
  writes: (n) => Object.keys(n.values).map((variable) => ({ field: `values.${variable}`, variable })),
  describe: (n) => `set ${Object.keys(n.values).join(", ")}`,
  example: {
    label: "Remember both",
    values: { note: '"hello"', count: "2" },
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => [
    A.updateData(
      actionName(node, id),
      Object.entries(node.values).map(([variable, value]) => ({
        type: ctx.variableType(variable),
        variable: ctx.variable(variable),
        value: A.valueOf(ctx.variableType(variable), ctx.expression(value)),
      })),
    ),
    ...ctx.goto(id, "next", node.transitions.next),
  ],
  importer: {
    action: "updateData",
    fields: ["name", "statements"],
    map(a, ctx) {
      if (!Array.isArray(a.statements) || a.statements.length < 2) return keepRaw("it does not set several variables");
      const values: Record<string, string> = {};
      for (const s of a.statements) {
        const read = statementOf(s, ctx);
        if ("raw" in read) return read;
        // The same variable twice cannot be a key twice: the action stays as exported.
        if (Object.hasOwn(values, read.variable)) return keepRaw(`it sets ${read.variable} twice`);
        values[read.variable] = read.value;
      }
      return { node: { type: "setVariables", values }, branches: { next: undefined } };
    },
  },
});

/** One typed updateData statement (`- string: {variable, value}`) as a model variable and an expression. */
export function statementOf(s: Json, ctx: ImportContext): { variable: string; value: string } | KeepRaw {
  const statement = single(s);
  if (!statement || !isMap(statement[1]) || !(VALUE_TYPES as readonly string[]).includes(statement[0]))
    return keepRaw("its statement's type has no model variable type");
  const [type, { variable, value, ...rest }] = [statement[0] as ValueType, statement[1]];
  if (Object.keys(rest).length > 0 || typeof variable !== "string")
    return keepRaw("its statement has fields a node lacks");
  const target = ctx.variable(variable, type);
  if (!target || target.type !== type) return keepRaw(`${variable} is not a ${type} variable the model can declare`);
  const lit = litOf(value);
  const expression =
    expOf(value) ?? (lit ? (literalExpression(lit.value) ?? promptLiteral(type, lit.value)) : undefined);
  if (expression === undefined) return keepRaw("its value is neither an expression nor a plain literal");
  return { variable: target.name, value: expression };
}

/** A user prompt literal of a prompt statement (`lit: {name: Prompt.X}`) as its expression `Prompt.X`. */
function promptLiteral(type: ValueType, lit: Json): string | undefined {
  return type === "prompt" &&
    isMap(lit) &&
    Object.keys(lit).length === 1 &&
    typeof lit.name === "string" &&
    A.PROMPT_REFERENCE.test(lit.name)
    ? lit.name
    : undefined;
}
