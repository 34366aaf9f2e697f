// Values as the interpreter stores them: a literal of the compiled file read as a value of its
// field's type, and a value converted to the type of the variable or field that takes it. An
// expression's result converts where Architect converts results ("the parser adds the ToString
// value around the expression", help.mypurecloud.com/articles/use-implicit-casting-expressions/;
// integers widen to decimals); any other conversion cannot be simulated. Pure.
import { elementType, isCollection, type ArchyType } from "../archy/catalogue/types";
import { CannotEvaluate } from "../archy/expressions/evaluate";
import {
  audio,
  bool,
  dec,
  display,
  int,
  list,
  named,
  notSet,
  str,
  type JsonData,
  type RunValue,
} from "../archy/expressions/values";
import { isMap } from "../archy/json";

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** A `{lit: ...}` of the compiled file as a value of `type`. */
export function literalValue(lit: unknown, type: ArchyType): RunValue {
  if (isCollection(type)) {
    if (!Array.isArray(lit)) throw new CannotEvaluate(`a literal ${JSON.stringify(lit)} for a ${type}`);
    return list(
      type,
      lit.map((item) => literalValue(item, elementType(type))),
    );
  }
  if (type === "json") return { kind: "set", type: "json", value: lit as JsonData };
  if (isMap(lit)) {
    const entries = Object.entries(lit as Record<string, unknown>);
    if (type === "duration" || entries.every(([k]) => Object.hasOwn(DURATION_UNITS, k))) {
      let ms = 0;
      for (const [unit, n] of entries) {
        if (!Object.hasOwn(DURATION_UNITS, unit) || typeof n !== "number")
          throw new CannotEvaluate(`the duration literal ${JSON.stringify(lit)}`);
        ms += n * DURATION_UNITS[unit];
      }
      return { kind: "set", type: "duration", value: ms };
    }
    const name = (lit as Record<string, unknown>).name;
    // An org object named in the file ({name: ...}): a value of the field's type (any kind of
    // archy/orgObjectKinds.ts, contact lists and data tables included), or an object when untyped.
    if (typeof name === "string") return named(type === "unknown" ? "object" : type, name);
    throw new CannotEvaluate(`the literal ${JSON.stringify(lit)}`);
  }
  if (typeof lit === "string") return type === "audio" ? audio([{ tts: lit }]) : convert(str(lit), type, "result");
  if (typeof lit === "boolean") return convert(bool(lit), type, "result");
  if (typeof lit === "number")
    return type === "decimal" || !Number.isInteger(lit)
      ? convert(dec(lit), type, "result")
      : convert(int(lit), type, "result");
  throw new CannotEvaluate(`the literal ${JSON.stringify(lit)}`);
}

/**
 * `value` where a `type` is expected. `result`: an expression's result in a field; `assignment`:
 * a value stored in a variable (the same conversions: an assignment's value is an expression's result).
 */
export function convert(value: RunValue, type: ArchyType, _where: "result" | "assignment"): RunValue {
  if (type === "unknown" || type === value.type) return value;
  if (value.kind === "unknown") return { ...value, type };
  if (value.kind === "notSet") return notSet(type);
  if (value.kind === "list") {
    if (!isCollection(type)) throw new CannotEvaluate(`a collection where ${type} is expected`);
    return list(
      type,
      value.items.map((i) => convert(i, elementType(type), "result")),
    );
  }
  const x = value.value;
  if (type === "decimal" && value.type === "integer") return dec(x as number);
  if (type === "string") {
    if (typeof x === "string") return str(x);
    if (typeof x === "boolean" || (value.type === "integer" && typeof x === "number")) return str(String(x));
  }
  if (type === "communication" && typeof x === "string") return { kind: "set", type, value: x };
  if (type === "audio" && value.type === "prompt") {
    const n = isMap(x) ? (x as Record<string, RunValue>).name : undefined;
    return audio([{ prompt: n?.kind === "set" && typeof n.value === "string" ? n.value : "prompt" }]);
  }
  if (value.type === "json") {
    if (type === "string" && typeof x === "string") return str(x);
    if (type === "integer" && typeof x === "number" && Number.isInteger(x)) return int(x);
    if (type === "decimal" && typeof x === "number") return dec(x);
    if (type === "boolean" && typeof x === "boolean") return bool(x);
  }
  if (value.type === "object" && isMap(x)) return { kind: "set", type, value: x };
  throw new CannotEvaluate(`converting ${display(value)} (${value.type}) to ${type}`);
}
