// How the node types' run-time semantics read the fields of an Archy action (value wrappers,
// literal org objects, output paths). Shared by the `run` of several node types. Pure.
import type { RunValue } from "../../archy/expressions/values";
import type { RunContext } from "./runContext";
import { isMap } from "../../archy/json";

/** `{lit: {name: X}}` (an org object named literally) -> X. */
export function literalName(field: unknown): string | undefined {
  if (!isMap(field) || !isMap(field.lit)) return undefined;
  const name = field.lit.name;
  return typeof name === "string" ? name : undefined;
}

/** `{var: X}` or `X` -> X (where an action writes a value). */
export function variableOf(field: unknown): string | undefined {
  if (typeof field === "string") return field;
  return isMap(field) && typeof field.var === "string" ? field.var : undefined;
}

/** Whether a field is left out or unset (`noValue`). */
export function isUnset(field: unknown): boolean {
  return field === undefined || field === null || (isMap(field) && field.noValue === true);
}

/** The name of the org object a field names: `{lit: {name}}`, or an expression such as FindQueue("X"). */
export function objectName(rt: RunContext, field: unknown, type: string, what: string): string {
  const literal = literalName(field);
  if (literal !== undefined) return literal;
  const v = rt.value(field, type);
  const name = v.kind === "set" && isMap(v.value) ? (v.value as Record<string, RunValue>).name : undefined;
  if (name?.kind === "set" && typeof name.value === "string") return name.value;
  if (v.kind === "notSet") return rt.fault(`${what} is NOT_SET`);
  return rt.cannot(`${what} given as ${v.kind === "unknown" ? v.term : "a value that names no object"}`);
}

/** A string field's value as text; an unknown one as its term. NOT_SET stays undefined. */
export function textOf(rt: RunContext, field: unknown): string | undefined {
  const v = rt.value(field, "string");
  if (v.kind === "notSet") return undefined;
  if (v.kind === "unknown") return v.term;
  if (v.kind === "set" && typeof v.value === "string") return v.value;
  return rt.cannot(`a text given as ${v.kind === "list" ? "a collection" : `a ${v.type}`}`);
}

/** A whole number field's value. */
export function integerOf(rt: RunContext, field: unknown, what: string): number {
  const v = rt.value(field, "integer");
  if (v.kind === "set" && typeof v.value === "number" && Number.isInteger(v.value)) return v.value;
  if (v.kind === "notSet") return rt.fault(`${what} is NOT_SET`);
  return rt.cannot(`${what} given as ${v.kind === "unknown" ? v.term : "a value that is not a whole number"}`);
}
