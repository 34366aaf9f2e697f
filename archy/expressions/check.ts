// Type checking of Architect expressions: every variable resolved through a TypeEnv, every known
// function checked against its signature, operators checked against their operand types, and the
// result checked against the type the field expects.
import { MEMBERS } from "../builtins";
import { closest } from "../suggest";
import { collectionOf, describeType, elementType, fits, isCollection, isNumeric, normalizeType, UNKNOWN, type ArchyType } from "../types";
import { arity, findFunction, formatSignature, FUNCTIONS } from "./functions";
import { parseExpression, type Expr, type ExpressionProblem } from "./parser";

export interface TypeEnv {
  /** The type of a variable; undefined => not declared. Names are matched without regard to case. */
  variableType(name: string): ArchyType | undefined;
  /**
   * Optional: why `name` does not resolve, for a better message ("Call variables do not exist in
   * an inboundEmail flow"), and whether Architect would refuse it (error) or it is merely not
   * known to this checker (warning, with the type to go on with).
   */
  explainUnknown?(name: string): { message: string; severity: "error" | "warning"; type?: ArchyType };
  /** Optional: the declared names, for "did you mean" suggestions. */
  names?(): readonly string[];
}

export interface CheckResult {
  type: ArchyType;
  problems: ExpressionProblem[];
}

/**
 * Parses, resolves every variable reference through env, infers the type and reports problems;
 * with `expected` it also reports a value of the wrong type (integer is assignable to decimal).
 */
export function checkExpression(text: string, env: TypeEnv, expected?: ArchyType): CheckResult {
  const parsed = parseExpression(text);
  if (!parsed.ok) return { type: UNKNOWN, problems: [parsed.problem] };
  const problems: ExpressionProblem[] = [];
  const type = new Checker(env, problems).infer(parsed.ast);
  if (expected !== undefined) {
    const fit = fits(type, expected);
    if (fit !== "yes") {
      problems.push({
        offset: parsed.ast.offset,
        length: parsed.ast.length,
        message: `expected ${describeType(expected)}, found ${describeType(type)}`,
        severity: fit === "doubtful" ? "warning" : "error",
        code: "type",
      });
    }
  }
  return { type, problems };
}

class Checker {
  constructor(
    private readonly env: TypeEnv,
    private readonly problems: ExpressionProblem[],
  ) {}

  private report(
    node: { offset: number; length: number },
    message: string,
    severity: "error" | "warning" = "error",
    code: NonNullable<ExpressionProblem["code"]> = "type",
  ): void {
    this.problems.push({ offset: node.offset, length: node.length, message, severity, code });
  }

  infer(e: Expr): ArchyType {
    switch (e.kind) {
      case "string":
        return "string";
      case "number":
        return e.integer ? "integer" : "decimal";
      case "boolean":
        return "boolean";
      case "notSet":
        return UNKNOWN;
      case "variable":
        return this.variable(e);
      case "call":
        return this.call(e);
      case "member":
        return this.member(this.infer(e.object), e.member, { offset: e.memberOffset, length: e.member.length });
      case "index": {
        const object = this.infer(e.object);
        const index = this.infer(e.index);
        if (fits(index, "integer") === "no") this.report(e.index, `a collection index must be an integer, found ${describeType(index)}`);
        if (object === UNKNOWN || object === "json") return object;
        if (!isCollection(object)) {
          this.report(e, `only a collection can be indexed with [ ], found ${describeType(object)}`);
          return UNKNOWN;
        }
        return elementType(object);
      }
      case "unary": {
        const t = this.infer(e.operand);
        if (e.op === "-") {
          if (t !== UNKNOWN && t !== "json" && !isNumeric(t) && t !== "duration") this.report(e, `"-" needs a number, found ${describeType(t)}`);
          return t;
        }
        if (fits(t, "boolean") === "no") this.report(e, `"not" needs a Boolean, found ${describeType(t)}`);
        return "boolean";
      }
      case "binary":
        return this.binary(e);
    }
  }

  private variable(e: Extract<Expr, { kind: "variable" }>): ArchyType {
    const segments = e.name.split(".");
    // The longest declared prefix is the variable; what follows are members of its value
    // (`Email.Message.subject`, `Flow.customer.age` on a JSON variable).
    for (let n = segments.length; n >= 2; n--) {
      const type = this.env.variableType(segments.slice(0, n).join("."));
      if (type === undefined) continue;
      let t = normalizeType(type);
      let offset = e.offset + segments.slice(0, n).join(".").length + 1;
      for (const member of segments.slice(n)) {
        t = this.member(t, member, { offset, length: member.length });
        offset += member.length + 1;
      }
      return t;
    }
    const explained = this.env.explainUnknown?.(e.name);
    if (explained) {
      this.report(e, explained.message, explained.severity, "variable");
      return explained.type ?? UNKNOWN;
    }
    const names = this.env.names?.() ?? [];
    const suggestion = closest(e.name, names);
    this.report(e, `unknown variable "${e.name}": it is not declared in this flow${suggestion ? `; did you mean "${suggestion}"?` : ""}`, "error", "variable");
    return UNKNOWN;
  }

  private member(type: ArchyType, member: string, at: { offset: number; length: number }): ArchyType {
    if (type === UNKNOWN) return UNKNOWN;
    const table = MEMBERS[normalizeType(type)];
    if (table === "any-json") return "json";
    if (table === "any-string") return "string";
    if (table === undefined) {
      if (isCollection(type)) {
        this.report(at, `a collection has no member "${member}"; index it first ([0]) or use Count()`, "error", "member");
        return UNKNOWN;
      }
      this.report(at, `${describeType(type)} has no member "${member}"`, isPrimitive(type) ? "error" : "warning", "member");
      return UNKNOWN;
    }
    const key = Object.keys(table).find((k) => k.toLowerCase() === member.toLowerCase());
    if (key === undefined) {
      const suggestion = closest(member, Object.keys(table));
      this.report(at, `${describeType(type)} has no documented member "${member}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`, "warning", "member");
      return UNKNOWN;
    }
    return table[key];
  }

  private call(e: Extract<Expr, { kind: "call" }>): ArchyType {
    const argTypes = e.args.map((a) => this.infer(a));
    const nameSpan = { offset: e.offset, length: e.nameLength };
    const sig = findFunction(e.name);
    if (!sig) {
      const names = [...FUNCTIONS.values()].map((s) => s.name);
      const suggestion = e.name.length >= 5 ? closest(e.name, names) : undefined;
      if (suggestion) this.report(nameSpan, `unknown function "${e.name}"; did you mean "${suggestion}"?`, "error", "function");
      else this.report(nameSpan, `function "${e.name}" is not in this checker's table of Architect functions; its arguments and result are not checked`, "warning", "function");
      return UNKNOWN;
    }
    const { min, max } = arity(sig);
    if (e.args.length < min || e.args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.report(e, `${sig.name} takes ${expected} argument${expected === "1" ? "" : "s"} (${formatSignature(sig)}), found ${e.args.length}`, "error", "function");
      return this.resultType(sig.returns, undefined);
    }
    // Bind T from the first argument typed T (or TCollection), then check every argument.
    let bound: ArchyType | undefined;
    const paramAt = (i: number): string => {
      const last = sig.params[sig.params.length - 1];
      return i < sig.params.length ? sig.params[i].type : last.type;
    };
    argTypes.forEach((t, i) => {
      const p = paramAt(i);
      if (bound === undefined && t !== UNKNOWN) {
        if (p === "T") bound = t;
        else if (p === "TCollection" && isCollection(t)) bound = elementType(t);
      }
    });
    argTypes.forEach((t, i) => {
      if (sig.name === "If" && i > 0) return; // the results are compared with each other below
      const p = paramAt(i);
      let expected: ArchyType | undefined;
      if (p === "any") expected = undefined;
      else if (p === "anyCollection") {
        if (t !== UNKNOWN && t !== "json" && !isCollection(t)) this.report(e.args[i], `argument ${i + 1} of ${sig.name} must be a collection, found ${describeType(t)}`);
        return;
      } else if (p === "T") expected = bound;
      else if (p === "TCollection") expected = bound === undefined ? undefined : collectionOf(bound);
      else expected = p;
      if (expected === undefined) return;
      const fit = fits(t, expected);
      // Numbers mix in the numeric functions (Min(1, 2.5)).
      if (fit === "no" && !(isNumeric(t) && isNumeric(expected))) {
        this.report(e.args[i], `argument ${i + 1} of ${sig.name} must be ${describeType(expected)}, found ${describeType(t)}`);
      }
    });
    if (sig.name === "If" && argTypes.length === 3) {
      const [, a, b] = argTypes;
      if (isPrimitive(a) && isPrimitive(b) && fits(a, b) === "no" && fits(b, a) === "no") {
        this.report(e, `the two results of If must have one type, found ${describeType(a)} and ${describeType(b)}`);
      }
      return unify(a, b);
    }
    return this.resultType(sig.returns, bound);
  }

  private resultType(returns: ArchyType, bound: ArchyType | undefined): ArchyType {
    if (returns === "T") return bound ?? UNKNOWN;
    if (returns === "TCollection") return bound === undefined ? UNKNOWN : collectionOf(bound);
    return returns;
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): ArchyType {
    const l = this.infer(e.left);
    const r = this.infer(e.right);
    const opSpan = { offset: e.opOffset, length: e.op.length };
    switch (e.op) {
      case "and":
      case "or":
        for (const [side, t] of [
          [e.left, l],
          [e.right, r],
        ] as const) {
          if (fits(t, "boolean") === "no") this.report(side, `"${e.op}" needs Boolean operands, found ${describeType(t)}`);
        }
        return "boolean";
      case "==":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!comparable(l, r)) this.report(opSpan, `cannot compare ${describeType(l)} with ${describeType(r)} using "${e.op}"`);
        else if ((e.op !== "==" && e.op !== "!=") && (l === "boolean" || r === "boolean")) this.report(opSpan, `"${e.op}" does not order Boolean values`);
        return "boolean";
      case "+":
        if (l === "string" || r === "string") return "string";
        return this.arithmetic(e, l, r, opSpan);
      default:
        return this.arithmetic(e, l, r, opSpan);
    }
  }

  private arithmetic(e: Extract<Expr, { kind: "binary" }>, l: ArchyType, r: ArchyType, opSpan: { offset: number; length: number }): ArchyType {
    if (l === UNKNOWN || r === UNKNOWN || l === "json" || r === "json") return isNumeric(l) ? l : isNumeric(r) ? r : UNKNOWN;
    if (isNumeric(l) && isNumeric(r)) {
      if (e.op === "/") return "decimal";
      return l === "integer" && r === "integer" ? "integer" : "decimal";
    }
    const temporal = ["dateTime", "date", "time"];
    if (e.op === "+" || e.op === "-") {
      if (temporal.includes(l) && r === "duration") return l;
      if (e.op === "+" && l === "duration" && temporal.includes(r)) return r;
      if (l === "duration" && r === "duration") return "duration";
      if (e.op === "-" && temporal.includes(l) && l === r) return "duration";
    }
    if ((e.op === "*" || e.op === "/") && l === "duration" && isNumeric(r)) return "duration";
    this.report(opSpan, `"${e.op}" cannot combine ${describeType(l)} and ${describeType(r)}`);
    return UNKNOWN;
  }
}

const PRIMITIVES = new Set(["string", "integer", "decimal", "boolean", "date", "dateTime", "time", "duration", "currency"]);

function isPrimitive(t: ArchyType): boolean {
  return PRIMITIVES.has(normalizeType(t));
}

function comparable(a: ArchyType, b: ArchyType): boolean {
  if (a === UNKNOWN || b === UNKNOWN || a === "json" || b === "json") return true;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (a === b) return true;
  // Only clear mismatches between primitives are refused; objects (queues, users) compare by identity.
  return !(isPrimitive(a) && isPrimitive(b));
}

function unify(a: ArchyType, b: ArchyType): ArchyType {
  if (a === UNKNOWN) return b;
  if (b === UNKNOWN) return a;
  if (a === b) return a;
  if (isNumeric(a) && isNumeric(b)) return "decimal";
  if (a === "json") return b;
  if (b === "json") return a;
  return UNKNOWN;
}
