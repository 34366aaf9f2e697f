// Evaluating Architect expressions at run time, for the behaviour interpreter: operators on typed
// values, NOT_SET, collections, dates and durations, unknown values (journeys), and the functions
// of the catalogue (functions.ts implements them, named as archy/catalogue/functions.ts names
// them). Each rule cites the documentation it follows; where no public page settles what Architect
// does (a NOT_SET argument a function may or may not accept, the case of compared texts, the
// right operand of `and` when the left one decides), evaluation stops with CannotEvaluate, which
// the interpreter reports as "cannot simulate": a scenario never passes on a guess.
//
// Sources:
//   help:work-expressions   https://help.mypurecloud.com/articles/work-expressions/ (operators, literals)
//   help:not-set            https://help.mypurecloud.com/articles/using-not_set-expressions/
//   help:modify-collections https://help.mypurecloud.com/articles/modify-collection-values/ (0-based indexes)
//   help:implicit-casting   https://help.mypurecloud.com/articles/use-implicit-casting-expressions/
import { findFunction, arity } from "../catalogue/functions";
import { MEMBERS } from "../catalogue/builtins";
import { isCollection, normalizeType, UNKNOWN } from "../catalogue/types";
import { parseExpression, type Expr } from "./parser";
import { equal } from "./compare";
import { CannotEvaluate, EvaluationFault } from "./faults";
import { callFunction } from "./functions";
import { bool, dec, derived, display, int, notSet, str, type JsonData, type Members, type RunValue } from "./values";
import { isMap } from "../json";

export { CannotEvaluate, EvaluationFault } from "./faults";

/** What an expression reads: variables by their full name, and the clock. */
export interface EvaluationEnv {
  /**
   * The value of the variable named `name` as written (`Flow.choice`, `Call.Ani`,
   * `Email.Message`), undefined when there is no such variable. Names are not case-sensitive in
   * Architect ("expressions are not case-sensitive", help:work-expressions): the env resolves them.
   */
  variable(name: string): RunValue | undefined;
  /** Now, as a dateTime value (GetCurrentDateTimeUtc), or an unknown one. */
  now(): RunValue;
}

const parsed = new Map<string, Expr>();

/** The AST of an expression (parsed once per text). Throws CannotEvaluate on a syntax error. */
function astOf(text: string): Expr {
  let ast = parsed.get(text);
  if (ast === undefined) {
    const r = parseExpression(text);
    if (!r.ok)
      throw new CannotEvaluate(`the expression ${JSON.stringify(text)}, which does not parse (${r.problem.message})`);
    // Read as the documented operator by the checks; what Genesys does with it is not known.
    if (r.unseen.length > 0)
      throw new CannotEvaluate(
        `the expression ${JSON.stringify(text)}, which uses ${r.unseen[0].subject?.replace(/^expression form /, "") ?? "a form no source shows"}`,
      );
    ast = r.ast;
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(text, ast);
  }
  return ast;
}

/** Evaluates an expression's text. Throws CannotEvaluate or EvaluationFault. */
export function evaluate(text: string, env: EvaluationEnv): RunValue {
  return new Evaluator(env).eval(astOf(text));
}

/** A value inside the term of an unknown value: its own term, or the value written out. */
function termOf(v: RunValue): string {
  return v.kind === "unknown" ? v.term : display(v);
}

const isNum = (v: RunValue): boolean =>
  v.kind === "set" && typeof v.value === "number" && (v.type === "integer" || v.type === "decimal");
const TEMPORAL = new Set(["dateTime", "date", "time"]);

class Evaluator {
  constructor(private readonly env: EvaluationEnv) {}

  eval(e: Expr): RunValue {
    switch (e.kind) {
      case "string":
        return str(e.value);
      case "number":
        return e.integer ? int(e.value) : dec(e.value);
      case "boolean":
        return bool(e.value);
      case "notSet":
        return notSet(UNKNOWN);
      case "variable":
        return this.variable(e);
      case "member":
        return member(this.eval(e.object), e.member);
      case "index":
        return this.index(e);
      case "call":
        return this.call(e);
      case "unary":
        return this.unary(e);
      case "binary":
        return this.binary(e);
    }
  }

  private variable(e: Extract<Expr, { kind: "variable" }>): RunValue {
    // The longest name the env knows is the variable; what follows are members of its value
    // (`Email.Message.from.email`), as the type checker resolves it (check.ts).
    for (let n = e.segments.length; n >= 2; n--) {
      const v = this.env.variable(e.segments.slice(0, n).join("."));
      if (v === undefined) continue;
      return e.segments.slice(n).reduce(member, v);
    }
    throw new CannotEvaluate(`the variable ${e.name}, which this run does not have`);
  }

  private index(e: Extract<Expr, { kind: "index" }>): RunValue {
    const object = this.eval(e.object);
    const index = this.eval(e.index);
    if (object.kind === "unknown" || index.kind === "unknown")
      return derived(
        isCollection(object.type) ? object.type.slice(0, -"Collection".length) : UNKNOWN,
        `${termOf(object)}[${termOf(index)}]`,
        [object, index],
      );
    if (object.kind !== "list") throw new CannotEvaluate(`indexing ${display(object)}, which is not a collection`);
    if (index.kind !== "set" || typeof index.value !== "number")
      throw new EvaluationFault(`the index of a collection is NOT_SET`);
    // Indexes start at 0: "AddItemAt(Task.myIntegerColl, 0, 7) results in 7, 3, 4, 5, 6" (help:modify-collections).
    const item = object.items[index.value];
    if (item === undefined)
      throw new CannotEvaluate(
        `index ${index.value} of a collection of ${object.items.length} items (what Architect does past the end is not documented)`,
      );
    return item;
  }

  private call(e: Extract<Expr, { kind: "call" }>): RunValue {
    const fn = findFunction(e.name);
    if (!fn) throw new CannotEvaluate(`function ${e.name}, which the catalogue does not know`);
    if (!fn.overloads.some((o) => e.args.length >= arity(o).min && e.args.length <= arity(o).max)) {
      throw new CannotEvaluate(`${fn.name} with ${e.args.length} arguments, an overload the catalogue does not know`);
    }
    // If evaluates its condition first; a branch that is not taken must not decide the result.
    if (fn.name === "If" && e.args.length === 3) return this.ifThen(e);
    const args = e.args.map((a) => this.eval(a));
    return callFunction(fn.name, args, {
      now: () => this.env.now(),
      term: `${fn.name}(${args.map(termOf).join(", ")})`,
    });
  }

  private ifThen(e: Extract<Expr, { kind: "call" }>): RunValue {
    const condition = this.eval(e.args[0]);
    const [a, b] = [this.tryEval(e.args[1]), this.tryEval(e.args[2])];
    if (condition.kind === "unknown") {
      if (!("value" in a) || !("value" in b)) throw "error" in a ? a.error : (b as { error: Error }).error;
      return derived(
        a.value.type !== UNKNOWN ? a.value.type : b.value.type,
        `If(${[condition, a.value, b.value].map(termOf).join(", ")})`,
        [condition, a.value, b.value],
      );
    }
    if (condition.kind !== "set" || typeof condition.value !== "boolean")
      throw new CannotEvaluate(`If with a NOT_SET condition (what Architect does is not documented)`);
    const [taken, other] = condition.value ? [a, b] : [b, a];
    if (!("value" in taken)) throw taken.error;
    // Whether Architect evaluates the branch it does not take is not documented: only when it
    // would fail does the answer matter, and then the run cannot be simulated.
    if ("error" in other)
      throw new CannotEvaluate(
        `If whose other branch fails (${other.error.message}): whether Architect evaluates it is not documented`,
      );
    return taken.value;
  }

  private tryEval(e: Expr): { value: RunValue } | { error: Error } {
    try {
      return { value: this.eval(e) };
    } catch (error) {
      if (error instanceof CannotEvaluate || error instanceof EvaluationFault) return { error };
      throw error;
    }
  }

  private unary(e: Extract<Expr, { kind: "unary" }>): RunValue {
    const v = this.eval(e.operand);
    if (v.kind === "unknown")
      return derived(e.op === "not" ? "boolean" : v.type, e.op === "not" ? `not ${termOf(v)}` : `-${termOf(v)}`, [v]);
    if (e.op === "not") {
      if (v.kind === "set" && typeof v.value === "boolean") return bool(!v.value);
      throw new CannotEvaluate(`"not" of ${display(v)} (only a Boolean is documented)`);
    }
    if (v.kind === "notSet") throw new EvaluationFault(`"-" of a NOT_SET value has no answer (help:not-set)`);
    if (v.kind === "set" && typeof v.value === "number" && (isNum(v) || v.type === "duration"))
      return { kind: "set", type: v.type, value: -v.value };
    throw new CannotEvaluate(`"-" of ${display(v)}`);
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): RunValue {
    if (e.op === "and" || e.op === "or") return this.logical(e);
    const l = this.eval(e.left);
    const r = this.eval(e.right);
    if (l.kind === "unknown" || r.kind === "unknown") {
      const type = ["==", "!=", "<", "<=", ">", ">="].includes(e.op)
        ? "boolean"
        : e.op === "+" && (l.type === "string" || r.type === "string")
          ? "string"
          : l.kind === "unknown"
            ? l.type
            : r.type;
      return derived(type, `(${termOf(l)} ${e.op} ${termOf(r)})`, [l, r]);
    }
    switch (e.op) {
      case "==":
      case "!=": {
        const same = equal(l, r);
        return bool(e.op === "==" ? same : !same);
      }
      case "<":
      case "<=":
      case ">":
      case ">=":
        return bool(order(l, r, e.op));
      default:
        return arithmetic(e.op, l, r);
    }
  }

  /**
   * `and` / `or`. Both operands are evaluated; when one decides the result (false for and, true
   * for or) and the other fails, whether Architect evaluated it at all is not documented.
   */
  private logical(e: Extract<Expr, { kind: "binary" }>): RunValue {
    const l = this.tryEval(e.left);
    const r = this.tryEval(e.right);
    const decides = e.op !== "and";
    const booleanOf = (x: { value: RunValue } | { error: Error }, side: string): boolean | "unknown" | Error => {
      if ("error" in x) return x.error;
      const v = x.value;
      if (v.kind === "unknown") return "unknown";
      if (v.kind === "set" && typeof v.value === "boolean") return v.value;
      return new CannotEvaluate(
        `"${e.op}" with a ${v.kind === "notSet" ? "NOT_SET" : "non-Boolean"} ${side} operand (not documented)`,
      );
    };
    const a = booleanOf(l, "left");
    const b = booleanOf(r, "right");
    if (a instanceof Error && b instanceof Error) throw a;
    if (a instanceof Error) {
      if (b === decides)
        throw new CannotEvaluate(
          `"${e.op}" whose left operand fails (${a.message}) while the right one decides: the order Architect evaluates them in is not documented`,
        );
      throw a;
    }
    if (b instanceof Error) {
      if (a === decides)
        throw new CannotEvaluate(
          `"${e.op}" whose right operand fails (${b.message}) while the left one decides: whether Architect evaluates it is not documented`,
        );
      throw b;
    }
    if (a === decides || b === decides) return bool(decides);
    if (a === "unknown" || b === "unknown") {
      const operands = ["value" in l ? l.value : bool(false), "value" in r ? r.value : bool(false)];
      return derived("boolean", `(${operands.map(termOf).join(` ${e.op} `)})`, operands);
    }
    return bool(!decides);
  }
}

/** A member of a structured value (`.email`, `.name`), or of JSON. */
export function member(v: RunValue, name: string): RunValue {
  if (v.kind === "unknown") {
    const table = MEMBERS[normalizeType(v.type)];
    const type =
      table === "any-json"
        ? "json"
        : table === "any-string"
          ? "string"
          : table !== undefined
            ? (Object.entries(table).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ??
              table["*"] ??
              UNKNOWN)
            : UNKNOWN;
    return { kind: "unknown", type, term: `${v.term}.${name}`, symbols: v.symbols };
  }
  if (v.kind === "notSet") throw new EvaluationFault(`member ${name} of a NOT_SET value`);
  if (v.kind === "list") throw new CannotEvaluate(`member ${name} of a collection`);
  if (v.type === "json") {
    const data = v.value;
    if (isMap(data) && Object.hasOwn(data, name)) return jsonValue((data as Record<string, unknown>)[name]);
    throw new CannotEvaluate(`member ${name} of a JSON value that has none`);
  }
  if (typeof v.value !== "object" || v.value === null || Array.isArray(v.value))
    throw new CannotEvaluate(`member ${name} of ${display(v)}`);
  const members = v.value as Members;
  const key = Object.keys(members).find((k) => k.toLowerCase() === name.toLowerCase());
  if (key === undefined) throw new CannotEvaluate(`member ${name} of ${v.type}, which this run does not give`);
  return members[key];
}

/** A JSON document's part as a value: `json` (Architect converts it where another type is expected). */
function jsonValue(data: unknown): RunValue {
  return { kind: "set", type: "json", value: data as JsonData };
}

function order(l: RunValue, r: RunValue, op: string): boolean {
  if (l.kind !== "set" || r.kind !== "set")
    throw new CannotEvaluate(`"${op}" with a NOT_SET or collection operand (not documented)`);
  const comparable = (isNum(l) && isNum(r)) || (l.type === r.type && (l.type === "duration" || TEMPORAL.has(l.type)));
  if (!comparable || typeof l.value !== "number" || typeof r.value !== "number")
    throw new CannotEvaluate(
      `"${op}" between ${display(l)} and ${display(r)} (only numbers, durations and dates are ordered here)`,
    );
  const [a, b] = [l.value, r.value];
  return op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b;
}

function arithmetic(op: string, l: RunValue, r: RunValue): RunValue {
  // "5+Flow.MyInteger ... Because Flow.MyInteger does not have a value assigned ... it invokes an
  // error" (help:not-set): arithmetic on NOT_SET runs the flow's error handling.
  if (l.kind === "notSet" || r.kind === "notSet")
    throw new EvaluationFault(`"${op}" with a NOT_SET operand has no answer (help:not-set)`);
  if (l.kind !== "set" || r.kind !== "set") throw new CannotEvaluate(`"${op}" with a collection`);
  if (op === "+" && typeof l.value === "string" && typeof r.value === "string") return str(l.value + r.value);
  if (isNum(l) && isNum(r)) {
    const a = l.value as number;
    const b = r.value as number;
    const integer = l.type === "integer" && r.type === "integer";
    switch (op) {
      case "+":
        return integer ? int(a + b) : dec(a + b);
      case "-":
        return integer ? int(a - b) : dec(a - b);
      case "*":
        return integer ? int(a * b) : dec(a * b);
      case "/":
        if (b === 0) throw new CannotEvaluate("a division by zero (what Architect does is not documented)");
        return dec(a / b);
      case "%":
        if (b === 0) throw new CannotEvaluate("a remainder of a division by zero (not documented)");
        return integer ? int(a % b) : dec(a % b);
    }
  }
  const t = (v: RunValue) => v.type;
  if (typeof l.value === "number" && typeof r.value === "number") {
    if ((op === "+" || op === "-") && TEMPORAL.has(t(l)) && t(r) === "duration")
      return { kind: "set", type: t(l), value: op === "+" ? l.value + r.value : l.value - r.value };
    if (op === "+" && t(l) === "duration" && TEMPORAL.has(t(r)))
      return { kind: "set", type: t(r), value: l.value + r.value };
    if ((op === "+" || op === "-") && t(l) === "duration" && t(r) === "duration")
      return { kind: "set", type: "duration", value: op === "+" ? l.value + r.value : l.value - r.value };
    if (op === "-" && TEMPORAL.has(t(l)) && t(l) === t(r))
      return { kind: "set", type: "duration", value: l.value - r.value };
  }
  throw new CannotEvaluate(`"${op}" between ${display(l)} and ${display(r)}`);
}
