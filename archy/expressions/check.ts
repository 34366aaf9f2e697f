// Type checking of Architect expressions: every variable resolved through a TypeEnv, every known
// function checked against its signature, operators checked against their operand types, and the
// result checked against the type the field expects.
import { MEMBERS } from "../catalogue/builtins";
import { closest, nearest } from "../suggest";
import {
  collectionOf,
  describeType,
  elementType,
  fits,
  isCollection,
  isNumeric,
  normalizeType,
  UNKNOWN,
  type ArchyType,
} from "../catalogue/types";
import { arity, findFunction, formatOverload, FUNCTIONS, type Overload } from "../catalogue/functions";
import { parseExpression, type Expr, type ExpressionProblem } from "./parser";
import { fillPlaceholders, firstPlaceholder } from "../placeholder";

export interface TypeEnv {
  /** The type of a variable; undefined => not declared. Names are matched without regard to case. */
  variableType(name: string): ArchyType | undefined;
  /**
   * Optional: why `name` does not resolve, for a better message ("Call variables do not exist in
   * an inboundEmail flow"), and whether Architect would refuse it (error) or it is merely not
   * known to this checker (warning, with the type to go on with).
   */
  explainUnknown?(name: string): {
    message: string;
    verdict: "invalid" | "unknown";
    subject?: string;
    type?: ArchyType;
  };
  /** Optional: the declared names, for "did you mean" suggestions. */
  names?(): readonly string[];
  /**
   * Optional: whether the flow itself declares `name` with its type (a `<type>Variable` element,
   * a model variable, a module input), so that its type is certain; a type the catalogue gives (a
   * built-in) or an action's write implies is not. Without it no variable's type is certain.
   */
  declares?(name: string): boolean;
}

export interface CheckResult {
  type: ArchyType;
  /** Whether `type` is certain: a literal's, a declared variable's, an operator's result built from certain operands. */
  certain: boolean;
  /**
   * Whether the catalogue determines `type`, certain or not: besides what is certain, a function's
   * result where every overload of its arity returns that type (or its arguments' types are
   * determined too), and an operator's over such values. What a policy judges (a module input's
   * conversion), never what an error is made of: the catalogue's lists are not complete.
   */
  determined: boolean;
  problems: ExpressionProblem[];
}

/**
 * Parses, resolves every variable reference through env, infers the type and reports problems;
 * with `expected` it also reports a value of the wrong type (integer is assignable to decimal).
 */
export function checkExpression(text: string, env: TypeEnv, expected?: ArchyType): CheckResult {
  const parsed = parseExpression(text);
  if (!parsed.ok)
    return { type: UNKNOWN, certain: false, determined: false, problems: [placeholderProblem(text) ?? parsed.problem] };
  const problems: ExpressionProblem[] = [...parsed.unseen];
  const checker = new Checker(env, problems);
  const type = checker.infer(parsed.ast);
  if (expected !== undefined) {
    // The whole expression's result may be converted implicitly (help:implicit-casting): to text
    // always, and the conversions IMPLICIT_CONVERSIONS cites. Any other mismatch between two
    // primitive types is certain when the result's type is (a literal, a declared variable, an
    // operator's result): Architect's expressions are typed and convert nothing else.
    const fit = fits(type, expected, "result");
    if (fit !== "yes") {
      const certain = fit === "no" && checker.isCertain(parsed.ast) && isPrimitive(type) && isPrimitive(expected);
      problems.push({
        offset: parsed.ast.offset,
        length: parsed.ast.length,
        message: certain
          ? `expected ${describeType(expected)}, found ${describeType(type)}; Architect converts an expression's result only to text (help:implicit-casting)`
          : `expected ${describeType(expected)}, found ${describeType(type)}`,
        verdict: certain ? "invalid" : "unknown",
        ...(certain ? {} : { subject: `conversion ${normalizeType(type)} to ${normalizeType(expected)}` }),
        code: "result",
      });
    }
  }
  return { type, certain: checker.isCertain(parsed.ast), determined: checker.isDetermined(parsed.ast), problems };
}

/**
 * Infers types and records which are certain: a literal's, a variable's the flow declares, and an
 * operator's result built from certain operands (and, or, not and the comparisons give a Boolean
 * whatever they are given). A function's result, a member's and a built-in's come from the
 * catalogue and are not certain. A mismatch between two certain primitive types is invalid
 * (Architect's operators are typed, and conversions happen only on an expression's result,
 * help:implicit-casting); any other mismatch is unknown.
 */
class Checker {
  private readonly certain = new Set<Expr>();
  /** The expressions whose type the catalogue determines (the certain ones among them): CheckResult.determined. */
  private readonly determined = new Set<Expr>();

  constructor(
    private readonly env: TypeEnv,
    private readonly problems: ExpressionProblem[],
  ) {}

  /** Whether the type inferred for `e` is certain. */
  isCertain(e: Expr): boolean {
    return this.certain.has(e);
  }

  isDetermined(e: Expr): boolean {
    return this.determined.has(e);
  }

  /** Whether both types are certain primitives: a mismatch between them can be nothing but a fault. */
  private bothCertain(...sides: Array<[Expr, ArchyType]>): boolean {
    return sides.every(([e, t]) => this.certain.has(e) && isPrimitive(t));
  }

  private verdictFor(...sides: Array<[Expr, ArchyType]>): "invalid" | "unknown" {
    return this.bothCertain(...sides) ? "invalid" : "unknown";
  }

  private report(
    node: { offset: number; length: number },
    message: string,
    // Type rules of operators and functions come from the catalogue, which cannot be sure of them
    // (Architect converts between many types): unknown unless a caller knows better.
    verdict: "invalid" | "unknown" = "unknown",
    code: NonNullable<ExpressionProblem["code"]> = "type",
    subject?: string,
  ): void {
    const about = verdict === "unknown" ? { subject: subject ?? message } : {};
    this.problems.push({ offset: node.offset, length: node.length, message, verdict, code, ...about });
  }

  infer(e: Expr): ArchyType {
    const type = this.inferType(e);
    if (this.certainOf(e)) this.certain.add(e);
    if (
      this.certain.has(e) ||
      (e.kind === "unary" && this.determined.has(e.operand)) ||
      (e.kind === "binary" && this.determined.has(e.left) && this.determined.has(e.right))
    )
      this.determined.add(e);
    return type;
  }

  private certainOf(e: Expr): boolean {
    switch (e.kind) {
      case "string":
        // Text holding a {{placeholder}} is what a stack's substitution gives: settled with the stack's values.
        return firstPlaceholder(e.value) === undefined;
      case "number":
      case "boolean":
        return true;
      case "variable":
        return this.env.declares?.(e.name) === true;
      case "unary":
        return e.op === "-" ? this.certain.has(e.operand) : true;
      case "binary":
        if (["and", "or", "==", "!=", "<", "<=", ">", ">="].includes(e.op)) return true;
        return this.certain.has(e.left) && this.certain.has(e.right);
      default:
        return false;
    }
  }

  private inferType(e: Expr): ArchyType {
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
        if (fits(index, "integer") === "no")
          this.report(e.index, `a collection index must be an integer, found ${describeType(index)}`);
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
          if (t !== UNKNOWN && t !== "json" && !isNumeric(t) && t !== "duration")
            this.report(e, `"-" needs a number, found ${describeType(t)}`, this.verdictFor([e.operand, t]));
          return t;
        }
        if (fits(t, "boolean") === "no")
          this.report(e, `"not" needs a Boolean, found ${describeType(t)}`, this.verdictFor([e.operand, t]));
        return "boolean";
      }
      case "binary":
        return this.binary(e);
    }
  }

  private variable(e: Extract<Expr, { kind: "variable" }>): ArchyType {
    const segments = e.segments;
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
      this.report(e, explained.message, explained.verdict, "variable", explained.subject);
      return explained.type ?? UNKNOWN;
    }
    const names = this.env.names?.() ?? [];
    const suggestion = closest(e.name, names);
    this.report(
      e,
      `unknown variable "${e.name}": it is not declared in this flow${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
      "invalid",
      "variable",
    );
    return UNKNOWN;
  }

  private member(type: ArchyType, member: string, at: { offset: number; length: number }): ArchyType {
    if (type === UNKNOWN) return UNKNOWN;
    const table = MEMBERS[normalizeType(type)];
    if (table === "any-json") return "json";
    if (table === "any-string") return "string";
    if (table === undefined) {
      if (isCollection(type)) {
        this.report(
          at,
          `a collection has no member "${member}"; index it first ([0]) or use Count()`,
          "invalid",
          "member",
        );
        return UNKNOWN;
      }
      this.report(
        at,
        `${describeType(type)} has no member "${member}"`,
        isPrimitive(type) ? "invalid" : "unknown",
        "member",
        `member ${member} of ${normalizeType(type)}`,
      );
      return UNKNOWN;
    }
    const key = Object.keys(table).find((k) => k.toLowerCase() === member.toLowerCase());
    if (key === undefined && Object.hasOwn(table, "*")) return table["*"];
    if (key === undefined) {
      const suggestion = closest(member, Object.keys(table));
      this.report(
        at,
        `${describeType(type)} has no documented member "${member}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
        "unknown",
        "member",
        `member ${member} of ${normalizeType(type)}`,
      );
      return UNKNOWN;
    }
    return table[key];
  }

  private call(e: Extract<Expr, { kind: "call" }>): ArchyType {
    const argTypes = e.args.map((a) => this.infer(a));
    const nameSpan = { offset: e.offset, length: e.nameLength };
    const fn = findFunction(e.name);
    if (!fn) {
      const names = [...FUNCTIONS.values()].map((f) => f.name);
      const near = nearest(e.name, names);
      this.report(
        nameSpan,
        `function "${e.name}" is not in the catalogue${near.length > 0 ? ` (nearest: ${near.join(", ")})` : ""}; its arguments and result are not checked`,
        "unknown",
        "function",
        `function ${e.name}`,
      );
      return UNKNOWN;
    }
    const byArity = fn.overloads.filter((o) => {
      const { min, max } = arity(o);
      return e.args.length >= min && e.args.length <= max;
    });
    if (byArity.length === 0) {
      const known = fn.overloads.map((o) => formatOverload(fn.name, o)).join(", ");
      // Only a complete (documented) overload list makes a wrong argument count certain.
      this.report(
        e,
        `${fn.name} with ${e.args.length} argument${e.args.length === 1 ? "" : "s"} is not an overload the catalogue knows (${known})${fn.complete ? "" : "; its overload list is not documented in full"}`,
        fn.complete ? "invalid" : "unknown",
        "function",
        `overload ${fn.name}/${e.args.length}`,
      );
      return fn.overloads.length > 0 ? this.resultType(fn.overloads[0].returns, undefined) : UNKNOWN;
    }
    // The overload whose parameters the arguments fit best: every argument fits, else the fewest misfits.
    let best:
      | {
          o: Overload;
          bound: ArchyType | undefined;
          misfits: Array<{ i: number; expected: ArchyType; found: ArchyType }>;
        }
      | undefined;
    for (const o of byArity) {
      const fit = this.fitOverload(fn.name, o, argTypes);
      if (!best || fit.misfits.length < best.misfits.length) best = { o, ...fit };
      if (fit.misfits.length === 0) break;
    }
    const chosen = best!;
    for (const m of chosen.misfits) {
      this.report(
        e.args[m.i],
        `argument ${m.i + 1} of ${fn.name} is ${describeType(m.found)}, and no overload the catalogue knows takes that (${byArity.map((o) => formatOverload(fn.name, o)).join(", ")})`,
        fn.complete ? "invalid" : "unknown",
        "type",
        `argument ${describeType(m.found)} of ${fn.name}`,
      );
    }
    if (fn.name === "If" && argTypes.length === 3) {
      const [, a, b] = argTypes;
      if (isPrimitive(a) && isPrimitive(b) && fits(a, b) === "no" && fits(b, a) === "no") {
        this.report(
          e,
          `the two results of If have different types (${describeType(a)} and ${describeType(b)})`,
          "unknown",
          "type",
          `If of ${normalizeType(a)} and ${normalizeType(b)}`,
        );
      }
      return unify(a, b);
    }
    const result = this.resultType(chosen.o.returns, chosen.bound);
    // One result type whichever overload of this arity Architect picks, or the one the determined arguments pick.
    const oneResult = byArity.every((o) => o.returns === chosen.o.returns && PRIMITIVES.has(normalizeType(o.returns)));
    if (
      chosen.misfits.length === 0 &&
      isPrimitive(result) &&
      (oneResult || e.args.every((a) => this.determined.has(a)))
    )
      this.determined.add(e);
    return result;
  }

  /** How the argument types fit an overload: the bound T and the arguments that do not fit. */
  private fitOverload(
    name: string,
    o: Overload,
    argTypes: ArchyType[],
  ): { bound: ArchyType | undefined; misfits: Array<{ i: number; expected: ArchyType; found: ArchyType }> } {
    const paramAt = (i: number): string =>
      i < o.params.length ? o.params[i].type : o.params[o.params.length - 1].type;
    let bound: ArchyType | undefined;
    argTypes.forEach((t, i) => {
      const p = paramAt(i);
      if (bound === undefined && t !== UNKNOWN) {
        if (p === "T") bound = t;
        else if (p === "TCollection" && isCollection(t)) bound = elementType(t);
      }
    });
    const misfits: Array<{ i: number; expected: ArchyType; found: ArchyType }> = [];
    argTypes.forEach((t, i) => {
      if (name === "If" && i > 0) return; // the results are compared with each other
      const p = paramAt(i);
      let expected: ArchyType | undefined;
      if (p === "any") return;
      if (p === "anyCollection") {
        if (t !== UNKNOWN && t !== "json" && !isCollection(t)) misfits.push({ i, expected: "anyCollection", found: t });
        return;
      }
      if (p === "T") expected = bound;
      else if (p === "TCollection") expected = bound === undefined ? undefined : collectionOf(bound);
      else expected = p;
      if (expected === undefined) return;
      const fit = fits(t, expected);
      // Numbers mix in the numeric functions (Min(1, 2.5)); a NOT_SET argument is unknown and fits.
      if (fit === "no" && !(isNumeric(t) && isNumeric(expected))) misfits.push({ i, expected, found: t });
    });
    return { bound, misfits };
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
          if (fits(t, "boolean") === "no")
            this.report(side, `"${e.op}" needs Boolean operands, found ${describeType(t)}`, this.verdictFor([side, t]));
        }
        return "boolean";
      case "==":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=":
        if (!comparable(l, r))
          this.report(
            opSpan,
            `cannot compare ${describeType(l)} with ${describeType(r)} using "${e.op}"`,
            this.verdictFor([e.left, l], [e.right, r]),
          );
        else if (e.op !== "==" && e.op !== "!=" && (l === "boolean" || r === "boolean"))
          this.report(opSpan, `"${e.op}" does not order Boolean values`);
        return "boolean";
      case "+":
        if (l === "string" || r === "string") return "string";
        return this.arithmetic(e, l, r, opSpan);
      default:
        return this.arithmetic(e, l, r, opSpan);
    }
  }

  private arithmetic(
    e: Extract<Expr, { kind: "binary" }>,
    l: ArchyType,
    r: ArchyType,
    opSpan: { offset: number; length: number },
  ): ArchyType {
    if (l === UNKNOWN || r === UNKNOWN || l === "json" || r === "json")
      return isNumeric(l) ? l : isNumeric(r) ? r : UNKNOWN;
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
    this.report(
      opSpan,
      `"${e.op}" cannot combine ${describeType(l)} and ${describeType(r)}`,
      this.verdictFor([e.left, l], [e.right, r]),
    );
    return UNKNOWN;
  }
}

const PRIMITIVES = new Set([
  "string",
  "integer",
  "decimal",
  "boolean",
  "date",
  "dateTime",
  "time",
  "duration",
  "currency",
]);

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

/**
 * An expression that parses only once its `{{placeholders}}` are filled (`Flow.contact.{{field}}`,
 * `{{count}} + 1`): the provider fills them before the publish, so nothing certain can be said
 * before; with a stack the checks see the substituted text. Each placeholder is replaced by a
 * variable to try; when that parses, the expression is unknown here, never invalid.
 */
function placeholderProblem(text: string): ExpressionProblem | undefined {
  const first = firstPlaceholder(text);
  if (first === undefined) return undefined;
  const filled = fillPlaceholders(text, "Flow.Placeholder");
  if (!parseExpression(filled).ok) return undefined;
  return {
    offset: first.offset,
    length: first.text.length,
    message: `it parses only once ${first.text} is filled, which each stack does: it is checked with the stack's substitutions (lint --stack, preview, up)`,
    verdict: "unknown",
    subject: `expression with ${first.text}`,
    code: "placeholder",
  };
}
