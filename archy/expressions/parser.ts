// Architect expression syntax: tokens and a recursive-descent parser to an AST with offsets.
//
// Grounded in help.mypurecloud.com/articles/work-expressions/ (operators, literals, functions,
// "expressions are not case-sensitive" for keywords and names) and in every expression of the
// public Archy exports: string literals with backslash escapes, integers and decimals, `+`
// concatenation, arithmetic, `==` `!=` `<` `<=` `>` `>=`, `and`/`or`/`not` in any case and `!`,
// function calls, indexing (`Chat.Guest.customFields[Task.i].key`), member access on a value
// (`ToPhoneNumber(Flow.ani).e164`), `true`/`false` and `NOT_SET`.

export interface ExpressionProblem {
  /** Offset (UTF-16 code units) of the fault in the expression text. */
  offset: number;
  length: number;
  message: string;
  /**
   * Absent or "invalid": Architect refuses the expression. "unknown": the catalogue cannot settle
   * it (a function, overload, member or scope it lacks, a conversion it has not seen).
   */
  verdict?: "invalid" | "unknown";
  /** For an unknown problem: what the catalogue lacks ("function ToCurrency"), to group repeats. */
  subject?: string;
  /**
   * What kind of fault: lets callers classify (syntax, an unresolved variable, a type mismatch
   * inside the expression, the whole result's type not fitting where it is used, ...).
   */
  code?: "syntax" | "variable" | "type" | "result" | "function" | "member" | "placeholder";
}

interface Span {
  offset: number;
  length: number;
}

export type Expr =
  | (Span & { kind: "string"; value: string })
  | (Span & { kind: "number"; value: number; integer: boolean })
  | (Span & { kind: "boolean"; value: boolean })
  | (Span & { kind: "notSet" })
  /**
   * A dotted name: `Flow.choice`, `Call.Ani`, `Email.Message.subject`, `Call.Contact."Alert Type"`.
   * `name` joins the segments with "." (a quoted segment without its quotes); `segments` keeps them
   * apart, since a quoted one may hold a "." itself.
   */
  | (Span & { kind: "variable"; name: string; segments: string[] })
  | (Span & { kind: "call"; name: string; nameLength: number; args: Expr[] })
  | (Span & { kind: "member"; object: Expr; member: string; memberOffset: number })
  | (Span & { kind: "index"; object: Expr; index: Expr })
  | (Span & { kind: "unary"; op: "-" | "not"; operand: Expr })
  | (Span & { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; opOffset: number });

export type BinaryOp = "or" | "and" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

type TokenKind = "string" | "number" | "ident" | "op" | "(" | ")" | "[" | "]" | "," | "." | "eof";

interface Token extends Span {
  kind: TokenKind;
  text: string;
  /** For strings: the decoded value. */
  value?: string;
}

class SyntaxFault extends Error {
  readonly problem: ExpressionProblem;
  constructor(problem: ExpressionProblem) {
    super(problem.message);
    this.problem = { ...problem, code: "syntax" };
  }
}

const OPERATORS = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!"];
/** Forms not documented nor seen in an export, and what is written instead: an unknown, not a fault. */
const UNSEEN_FORMS: Readonly<Record<string, string>> = {
  'the operator "&&"': '"and"',
  'the operator "||"': '"or"',
  'the operator "<>"': '"!="',
  "a number with an exponent": "plain digits",
  "a list written [...]": "MakeList(...)",
};
/** A form of UNSEEN_FORMS met at `offset`: Architect may still accept it, so it is a warning and the expression is left unchecked. */
function unseenForm(offset: number, length: number, form: string): never {
  throw new SyntaxFault({
    offset,
    length,
    message: `${form} is not a form the catalogue knows (the documentation and the exports write ${UNSEEN_FORMS[form]}); the expression is not checked`,
    verdict: "unknown",
    subject: `expression form ${form}`,
  });
}

/**
 * An operator of UNSEEN_FORMS (`&&`, `||`, `<>`): if Architect takes it, it can only mean the
 * documented one, so the expression is read with that one and checked (a dangling `&&` or an
 * undeclared variable beside it is certain either way), and the form itself is a warning.
 */
function unseenOperator(offset: number, length: number, form: string): ExpressionProblem {
  return {
    offset,
    length,
    message: `${form} is not a form the catalogue knows (the documentation and the exports write ${UNSEEN_FORMS[form]}); the expression is checked as if ${UNSEEN_FORMS[form]} were written`,
    verdict: "unknown",
    subject: `expression form ${form}`,
    code: "syntax",
  };
}
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  n: "\n",
  r: "\r",
  t: "\t",
  b: "\b",
  f: "\f",
};

function tokenize(text: string, unseen: ExpressionProblem[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fault = (offset: number, length: number, message: string): never => {
    throw new SyntaxFault({ offset, length, message });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) fault(start, text.length - start, 'unclosed string literal: add the closing "');
        const d = text[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\") {
          const e = text[i + 1];
          if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
            value += ESCAPES[e];
            i += 2;
            continue;
          }
          fault(
            i,
            2,
            `unknown escape sequence "\\${e ?? ""}" in a string literal (use \\" for a quote, \\\\ for a backslash)`,
          );
        }
        value += d;
        i++;
      }
      tokens.push({ kind: "string", text: text.slice(start, i), value, offset: start, length: i - start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(text[i + 1] ?? ""))) {
      while (i < text.length && /[0-9]/.test(text[i])) i++;
      if (text[i] === "." && /[0-9]/.test(text[i + 1] ?? "")) {
        i++;
        while (i < text.length && /[0-9]/.test(text[i])) i++;
      }
      if (/[eE]/.test(text[i] ?? "") && /^[+-]?[0-9]/.test(text.slice(i + 1)))
        unseenForm(start, i + 1 - start, "a number with an exponent");
      if (/[A-Za-z_]/.test(text[i] ?? ""))
        fault(start, i + 1 - start, `malformed number "${text.slice(start, i + 1)}"`);
      tokens.push({ kind: "number", text: text.slice(start, i), offset: start, length: i - start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      tokens.push({ kind: "ident", text: text.slice(start, i), offset: start, length: i - start });
      continue;
    }
    if (text.startsWith("<>", i)) {
      unseen.push(unseenOperator(start, 2, 'the operator "<>"'));
      i += 2;
      tokens.push({ kind: "op", text: "!=", offset: start, length: 2 });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      tokens.push({ kind: "op", text: op, offset: start, length: op.length });
      continue;
    }
    if ("()[],.".includes(c)) {
      i++;
      tokens.push({ kind: c as TokenKind, text: c, offset: start, length: 1 });
      continue;
    }
    if (c === "=") fault(start, 1, 'unexpected "="; compare with "=="');
    if ((c === "&" || c === "|") && text[i + 1] === c) {
      unseen.push(unseenOperator(start, 2, `the operator "${c}${c}"`));
      i += 2;
      tokens.push({ kind: "ident", text: c === "&" ? "and" : "or", offset: start, length: 2 });
      continue;
    }
    if (c === "&" || c === "|") fault(start, 1, `unexpected "${c}"; use "${c === "&" ? "and" : "or"}"`);
    // help.mypurecloud.com/articles/use-string-literals-expressions/: string literals are in double quotes.
    if (c === "'") fault(start, 1, 'unexpected "\'": string literals use double quotes');
    fault(start, 1, `unexpected character "${c}"`);
  }
  tokens.push({ kind: "eof", text: "", offset: text.length, length: 0 });
  return tokens;
}

const KEYWORDS = new Set(["and", "or", "not", "true", "false", "not_set"]);

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  /** The current token (a method, not a getter: TypeScript would keep a narrowed kind across next()). */
  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    return this.tokens[this.pos++];
  }

  private fault(token: Token, message: string): never {
    throw new SyntaxFault({ offset: token.offset, length: Math.max(token.length, 1), message });
  }

  private isKeyword(word: string): boolean {
    return this.peek().kind === "ident" && this.peek().text.toLowerCase() === word;
  }

  /** A token as the author wrote it: `&&` is read as `and` but named as written. */
  private written(token: Token): string {
    return this.text.slice(token.offset, token.offset + token.length);
  }

  private describe(token: Token): string {
    return token.kind === "eof" ? "the end of the expression" : `"${this.written(token)}"`;
  }

  parse(): Expr {
    if (this.peek().kind === "eof") this.fault(this.peek(), "the expression is empty");
    const expr = this.parseOr();
    if (this.peek().kind !== "eof") {
      if (this.peek().kind === ")") this.fault(this.peek(), 'unbalanced ")": no "(" opens it');
      this.fault(
        this.peek(),
        `unexpected ${this.describe(this.peek())} after a complete expression; an operator or "," is missing`,
      );
    }
    return expr;
  }

  private span(start: number, end: number): Span {
    return { offset: start, length: end - start };
  }

  private end(e: Expr): number {
    return e.offset + e.length;
  }

  private binary(op: BinaryOp, left: Expr, right: Expr, opOffset: number): Expr {
    return { kind: "binary", op, left, right, opOffset, ...this.span(left.offset, this.end(right)) };
  }

  /**
   * One level of binary operators, joined left to right: the `operand`s between the operators of
   * `ops` (the keywords `or` and `and` are ident tokens, the others op tokens).
   */
  private binaryLevel(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (let op = this.binaryOp(ops); op !== undefined; op = this.binaryOp(ops)) {
      const token = this.next();
      left = this.binary(op, left, this.operand(token, operand), token.offset);
    }
    return left;
  }

  /** The operator of `ops` the next token is, if it is one. */
  private binaryOp(ops: readonly BinaryOp[]): BinaryOp | undefined {
    const t = this.peek();
    const text = t.kind === "ident" ? t.text.toLowerCase() : t.kind === "op" ? t.text : "";
    return ops.find((op) => op === text);
  }

  private parseOr(): Expr {
    return this.binaryLevel(["or"], () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.binaryLevel(["and"], () => this.parseNot());
  }

  private parseNot(): Expr {
    if (this.isKeyword("not")) {
      const op = this.next();
      const operand = this.operand(op, () => this.parseNot());
      return { kind: "unary", op: "not", operand, ...this.span(op.offset, this.end(operand)) };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    return this.binaryLevel(["==", "!=", "<", "<=", ">", ">="], () => this.parseAdditive());
  }

  private parseAdditive(): Expr {
    return this.binaryLevel(["+", "-"], () => this.parseMultiplicative());
  }

  private parseMultiplicative(): Expr {
    return this.binaryLevel(["*", "/", "%"], () => this.parseUnary());
  }

  /** The right operand of `op`: a dangling operator is reported at the operator. */
  private operand(op: Token, parse: () => Expr): Expr {
    if (
      this.peek().kind === "eof" ||
      this.peek().kind === ")" ||
      this.peek().kind === "," ||
      this.peek().kind === "]"
    ) {
      this.fault(op, `operator "${this.written(op)}" has no right operand (found ${this.describe(this.peek())})`);
    }
    if (this.peek().kind === "op" && this.peek().text !== "-" && this.peek().text !== "!") {
      this.fault(this.peek(), `operator "${this.written(op)}" is followed by operator "${this.written(this.peek())}"`);
    }
    return parse();
  }

  private parseUnary(): Expr {
    if (this.peek().kind === "op" && (this.peek().text === "-" || this.peek().text === "!")) {
      const op = this.next();
      const operand = this.operand(op, () => this.parseUnary());
      return { kind: "unary", op: op.text === "-" ? "-" : "not", operand, ...this.span(op.offset, this.end(operand)) };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      if (this.peek().kind === "[") {
        const open = this.next();
        if (this.peek().kind === "]") this.fault(this.peek(), "an index is missing between [ and ]");
        const index = this.parseOr();
        if (this.peek().kind !== "]")
          this.fault(
            this.peek().kind === "eof" ? open : this.peek(),
            `unbalanced "[": expected "]", found ${this.describe(this.peek())}`,
          );
        const close = this.next();
        expr = { kind: "index", object: expr, index, ...this.span(expr.offset, close.offset + 1) };
      } else if (this.peek().kind === ".") {
        const dot = this.next();
        const member = this.peek();
        // A quoted member name holds any character (help:access-properties: `Flow.MyCurrency."Amount"`).
        if (member.kind !== "ident" && member.kind !== "string")
          this.fault(member.kind === "eof" ? dot : member, `a member name is expected after "."`);
        this.next();
        const memberName = member.kind === "string" ? (member.value ?? "") : member.text;
        expr = {
          kind: "member",
          object: expr,
          member: memberName,
          memberOffset: member.offset,
          ...this.span(expr.offset, member.offset + member.length),
        };
      } else if (this.peek().kind === "(") {
        this.fault(this.peek(), "only a function name can be called");
      } else {
        return expr;
      }
    }
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case "string":
        this.next();
        return { kind: "string", value: t.value ?? "", ...this.span(t.offset, t.offset + t.length) };
      case "number": {
        this.next();
        const integer = !t.text.includes(".");
        return { kind: "number", value: Number(t.text), integer, ...this.span(t.offset, t.offset + t.length) };
      }
      case "(": {
        const open = this.next();
        if (this.peek().kind === ")") this.fault(this.peek(), "empty parentheses");
        const inner = this.parseOr();
        if (this.peek().kind !== ")") {
          if (this.peek().kind === "eof") this.fault(open, 'unbalanced "(": it is never closed');
          this.fault(
            this.peek(),
            `expected ")" to close the "(" at offset ${open.offset}, found ${this.describe(this.peek())}`,
          );
        }
        this.next();
        return inner;
      }
      case "ident":
        return this.parseName();
      case "eof":
        return this.fault(t, "the expression ends where a value is expected");
      case ")":
        return this.fault(t, 'unbalanced ")": a value is expected here');
      case "[":
        // A list literal ([1, 2]): the documented way is MakeList(1, 2).
        return unseenForm(t.offset, 1, "a list written [...]");
      default:
        return this.fault(t, `unexpected ${this.describe(t)} where a value is expected`);
    }
  }

  private parseName(): Expr {
    const first = this.next();
    const lower = first.text.toLowerCase();
    if (lower === "true" || lower === "false")
      return { kind: "boolean", value: lower === "true", ...this.span(first.offset, first.offset + first.length) };
    if (lower === "not_set") return { kind: "notSet", ...this.span(first.offset, first.offset + first.length) };
    if (KEYWORDS.has(lower)) this.fault(first, `"${this.written(first)}" is an operator and needs a value before it`);
    if (this.peek().kind === "(") {
      this.next();
      const args: Expr[] = [];
      if (this.peek().kind !== ")") {
        for (;;) {
          if (this.peek().kind === "," || this.peek().kind === ")")
            this.fault(this.peek(), `a function argument is missing in ${first.text}(...)`);
          args.push(this.parseOr());
          if (this.peek().kind === ",") {
            this.next();
            continue;
          }
          if (this.peek().kind === ")") break;
          if (this.peek().kind === "eof")
            this.fault(first, `unbalanced "(": the call to ${first.text} is never closed`);
          this.fault(
            this.peek(),
            `expected "," or ")" in the arguments of ${first.text}, found ${this.describe(this.peek())}`,
          );
        }
      }
      const close = this.next();
      return {
        kind: "call",
        name: first.text,
        nameLength: first.length,
        args,
        ...this.span(first.offset, close.offset + 1),
      };
    }
    // A variable: Scope.name, followed by more ".member" segments that are part of the name as
    // written; a segment may be a quoted name (`Call.Contact."Alert Type"`, help:access-properties).
    const segments = [first.text];
    let end = first.offset + first.length;
    const segmentAfterDot = (): Token | undefined => {
      const after = this.tokens[this.pos + 1];
      return this.peek().kind === "." &&
        after !== undefined &&
        (after.kind === "ident" || after.kind === "string") &&
        after.offset === this.peek().offset + 1
        ? after
        : undefined;
    };
    for (let seg = segmentAfterDot(); seg !== undefined; seg = segmentAfterDot()) {
      this.next();
      this.next();
      segments.push(seg.kind === "string" ? (seg.value ?? "") : seg.text);
      end = seg.offset + seg.length;
    }
    const name = segments.join(".");
    if (this.peek().kind === ".") this.fault(this.peek(), `a name is expected after "${name}."`);
    if (segments.length === 1) {
      this.fault(
        first,
        `"${first.text}" is not a value: variables are written with their scope (Flow.${first.text}, Task.${first.text}, ...) and functions are called with ( )`,
      );
    }
    if (this.peek().kind === "(")
      this.fault(this.peek(), `"${name}" is a variable and cannot be called; function names have no "."`);
    return { kind: "variable", name, segments, ...this.span(first.offset, end) };
  }
}

/**
 * Parses an Architect expression; never throws. The AST, or the first syntax problem. `unseen`:
 * the operators of a form no source shows (`&&`, `||`, `<>`), each read as the documented one; a
 * warning for the caller.
 */
export function parseExpression(
  text: string,
): { ok: true; ast: Expr; unseen: ExpressionProblem[] } | { ok: false; problem: ExpressionProblem } {
  try {
    const unseen: ExpressionProblem[] = [];
    const tokens = tokenize(text, unseen);
    return { ok: true, ast: new Parser(tokens, text).parse(), unseen };
  } catch (err) {
    if (err instanceof SyntaxFault) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** Visits every node of the AST, parents before children, in source order. */
export function walkExpression(ast: Expr, visit: (e: Expr) => void): void {
  const walk = (e: Expr): void => {
    visit(e);
    switch (e.kind) {
      case "call":
        e.args.forEach(walk);
        return;
      case "member":
        walk(e.object);
        return;
      case "index":
        walk(e.object);
        walk(e.index);
        return;
      case "unary":
        walk(e.operand);
        return;
      case "binary":
        walk(e.left);
        walk(e.right);
        return;
      default:
        return;
    }
  };
  walk(ast);
}

/** Every call of the AST whose arguments are all string literals: `FindQueue("Sales")` -> {name: "FindQueue", args: ["Sales"]}. */
export function literalCalls(ast: Expr): Array<{ name: string; args: string[] }> {
  const out: Array<{ name: string; args: string[] }> = [];
  walkExpression(ast, (e) => {
    if (e.kind === "call" && e.args.length > 0 && e.args.every((a) => a.kind === "string"))
      out.push({ name: e.name, args: e.args.map((a) => (a as { value: string }).value) });
  });
  return out;
}

export interface VariableRef {
  /** Full dotted name as written before any index/member: "Flow.choice", "Call.Ani", "Email.Message.subject". */
  name: string;
  offset: number;
  length: number;
}

/** Every variable reference of the AST, in source order. */
export function variableReferences(ast: Expr): VariableRef[] {
  const out: VariableRef[] = [];
  walkExpression(ast, (e) => {
    if (e.kind === "variable") out.push({ name: e.name, offset: e.offset, length: e.length });
  });
  return out.sort((a, b) => a.offset - b.offset);
}
