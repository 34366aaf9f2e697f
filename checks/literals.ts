// The type of an expression that is a plain literal, told without parsing the expression
// language: `"text"`, `42`, `4.2`, `true`. Anything else is left to the expression checker.
import type { ValueType } from "../model/types";

export function literalType(expression: string): ValueType | undefined {
  const e = expression.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(e)) return "string";
  if (/^-?\d+$/.test(e)) return "integer";
  if (/^-?\d+\.\d+$/.test(e)) return "decimal";
  if (e === "true" || e === "false") return "boolean";
  return undefined;
}
