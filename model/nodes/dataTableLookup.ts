// Data table lookup: finds the row of an org data table whose key is a value, storing columns of
// the row in variables. Compiles to Archy `dataTableLookup` as real exports write it (the table
// as the single key of `dataTable`, `foundOutputs` column -> variable, `failureOutputs` errorType
// and errorMessage left unset, paths `found`, `notFound` and `failure`: export:jpercs/
// terraform-github-actions flows/EUSA_OB_Collections_Customer_PROD.yaml line 561;
// https://help.mypurecloud.com/articles/data-table-lookup-action/). Imports from one that names
// its table literally and stores no failure output.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single } from "../../archy/json";
import {
  expOf,
  extraFields,
  isNoValue,
  literalExpression,
  litOf,
  otherPaths,
  pathActions,
  varOf,
} from "../../archy/values";
import { expression, nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

/** The failure outputs Archy has; real exports leave both unset (48 of 48 in the corpus). */
const FAILURE_OUTPUTS = ["errorType", "errorMessage"] as const;

export const dataTableLookup = defineNodeType({
  schema: nodeSchema("dataTableLookup", {
    /** The data table's name in the org. */
    table: z.string().min(1),
    /** An Architect expression of type string: the row's key. */
    key: expression,
    /** Column of the row found -> variable that receives it. */
    outputs: z.record(z.string().min(1), variableName).default({}),
    transitions: z.object({ found: nodeId, notFound: nodeId, failure: nodeId }).strict(),
  }),
  summary:
    "Looks up the row of an org data table by its key, storing columns in variables; continues on found, not found or failure.",
  fields: "`table` (data table name), `key` (string expression), `outputs` (column → variable)",
  transitions: () => [
    { name: "found", required: true, failure: false },
    { name: "notFound", required: true, failure: false },
    { name: "failure", required: true, failure: true },
  ],
  // The columns' types are the table's, known to the org only: the output variables must be declared.
  expressions: (n) => [{ field: "key", text: n.key, expect: "string" }],
  writes: (n) => Object.entries(n.outputs).map(([column, variable]) => ({ field: `outputs.${column}`, variable })),
  describe: (n) => `look up ${n.table}`,
  example: {
    label: "Find area",
    table: "Area codes",
    key: '"602"',
    outputs: { state: "note" },
    transitions: { found: "Next", notFound: "Next", failure: "Next" },
  },
  emit: (node, id, ctx) => {
    const foundOutputs: Record<string, A.Value> = {};
    for (const column of Object.keys(node.outputs).sort())
      foundOutputs[column] = A.varRef(ctx.variable(node.outputs[column]));
    return [
      A.dataTableLookup(actionName(node, id), node.table, A.exp(ctx.expression(node.key)), foundOutputs, {
        found: ctx.goto(id, "found", node.transitions.found),
        notFound: ctx.goto(id, "notFound", node.transitions.notFound),
        failure: ctx.goto(id, "failure", node.transitions.failure),
      }),
    ];
  },
  importer: {
    fields: ["name", "lookupValue", "dataTable", "outputs"],
    map(a, ctx) {
      const lit = litOf(a.lookupValue);
      const key = expOf(a.lookupValue) ?? (lit ? literalExpression(lit.value) : undefined);
      if (key === undefined) return keepRaw("its key is neither an expression nor a plain literal");
      const table = single(a.dataTable);
      if (!table || !isMap(table[1])) return keepRaw("its data table is not one named literally");
      const tableExtra = extraFields(table[1], ["foundOutputs", "failureOutputs"]);
      if (tableExtra.length > 0) return keepRaw(`a dataTableLookup node has no field for ${tableExtra.join(", ")}`);
      const failure = isMap(table[1].failureOutputs) ? table[1].failureOutputs : {};
      const stored = Object.entries(failure).filter(
        ([name, v]) => !(FAILURE_OUTPUTS as readonly string[]).includes(name) || !isNoValue(v),
      );
      if (stored.length > 0)
        return keepRaw(
          `a dataTableLookup node has no field for failure outputs (${stored.map(([name]) => name).join(", ")})`,
        );
      const outputs: Record<string, string> = {};
      for (const [column, value] of Object.entries(isMap(table[1].foundOutputs) ? table[1].foundOutputs : {})) {
        if (isNoValue(value)) continue;
        const archyName = varOf(value);
        const target = archyName !== undefined ? ctx.variable(archyName) : undefined;
        if (!target) return keepRaw(`its column ${column} is not stored in a variable the model can declare`);
        outputs[column] = target.name;
      }
      const others = otherPaths(a, ["found", "notFound", "failure"]);
      if (others.length > 0) return keepRaw(`a dataTableLookup node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "dataTableLookup", table: table[0], key, outputs },
        branches: {
          found: pathActions(a, "found"),
          notFound: pathActions(a, "notFound"),
          failure: pathActions(a, "failure"),
        },
      };
    },
  },
});
