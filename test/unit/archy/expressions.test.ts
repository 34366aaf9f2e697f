// Architect expressions: the parser refuses malformed ones at the fault; the checker resolves
// variables and types. (Every expression of the real exports parses: the exports tier, test/exports/.)
import { checkExpression, parseExpression, variableReferences, type TypeEnv } from "../../../archy/expressions";

const env = (vars: Record<string, string>): TypeEnv => ({
  variableType: (name) => Object.entries(vars).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1],
  names: () => Object.keys(vars),
});

const VARS_WITH_FORMAT: TypeEnv = {
  variableType: (name) =>
    ({
      "flow.count": "integer",
      "flow.choice": "string",
      "format.number": "numberFormats",
      "format.string": "stringFormats",
    })[name.toLowerCase()],
};

const VARS = env({
  "Flow.choice": "string",
  "Flow.count": "integer",
  "Flow.ratio": "decimal",
  "Flow.ok": "boolean",
  "Flow.when": "dateTime",
  "Flow.wait": "duration",
  "Flow.data": "json",
  "Flow.queue": "queue",
  "Flow.names": "stringCollection",
  "Call.Ani": "string",
  "Email.Message": "emailMessage",
});

/** The invalid problems (certain: Architect refuses them). */
function problems(text: string, expected?: string): string[] {
  return checkExpression(text, VARS, expected)
    .problems.filter((p) => p.verdict !== "unknown")
    .map((p) => p.message);
}

/** The unknown problems (what the catalogue cannot settle: warnings). */
function unknowns(text: string, expected?: string): string[] {
  return checkExpression(text, VARS, expected)
    .problems.filter((p) => p.verdict === "unknown")
    .map((p) => p.message);
}

/** The problem of an expression that does not parse (the test fails when it parses). */
function syntaxProblem(text: string) {
  const r = parseExpression(text);
  if (r.ok) throw new Error(`${text} parsed`);
  return r.problem;
}

describe("parseExpression", () => {
  it.each([
    ['"a \\"quoted\\" \\\\ text\\n"', "string"],
    ["42", "number"],
    ["4.25", "number"],
    ["true", "boolean"],
    ["NOT_SET", "notSet"],
    ["not_set", "notSet"],
    ["Flow.choice", "variable"],
    ['Append("a", Flow.choice)', "call"],
    ["Flow.names[Flow.count]", "index"],
    ["Chat.Guest.customFields[Task.i].key", "member"],
    ["ToPhoneNumber(Call.Ani).e164", "member"],
    ["!IsSet(Flow.choice)", "unary"],
    ["not IsSet(Flow.choice)", "unary"],
    ["-Flow.count", "unary"],
    ["Flow.count * 60 + 3", "binary"],
    ["Flow.a == 1 AND Flow.b != 2 Or Flow.c < 3", "binary"],
    ["(If(Flow.ok, 1, 2))", "call"],
  ])("parses %s", (text, kind) => {
    const r = parseExpression(text);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.ast.kind).toBe(kind);
  });

  it.each([
    ["IsSet(Flow.x", 0, "never closed", "invalid"],
    ["(Flow.x == 1", 0, 'unbalanced "("', "invalid"],
    ["Flow.x == 1)", 11, 'unbalanced ")"', "invalid"],
    ["Flow.x ==", 7, "no right operand", "invalid"],
    ["Flow.x + * 2", 9, 'followed by operator "*"', "invalid"],
    ["Flow.x = 1", 7, '"=="', "invalid"],
    ["Flow.x & Flow.y", 7, '"and"', "invalid"],
    ["'text'", 0, "double quotes", "invalid"],
    ['"unclosed', 0, "unclosed string", "invalid"],
    ['Append("a" "b")', 11, 'expected "," or ")"', "invalid"],
    ['Append("a",)', 11, "argument is missing", "invalid"],
    ["Flow.x[]", 7, "index is missing", "invalid"],
    ["choice", 0, "not a value", "invalid"],
    ["Flow.x. y", 6, "a name is expected", "invalid"],
    ["", 0, "empty", "invalid"],
    ["12abc", 0, "malformed number", "invalid"],
    ["Flow.x $ 2", 7, "unexpected character", "invalid"],
    // Forms Architect may accept though no source shows them: unknown, the expression unchecked.
    ["ToString(1.5e3)", 9, "write plain digits); the expression is not checked", "unknown"],
    ["Count([1, 2])", 6, "write MakeList(...)); the expression is not checked", "unknown"],
  ])("%s: a problem at offset %i (%s), %s", (text, offset, fragment, verdict) => {
    const problem = syntaxProblem(text);
    expect(problem).toMatchObject({ offset, code: "syntax" });
    expect(problem.message).toContain(fragment);
    expect(problem.verdict ?? "invalid").toBe(verdict);
  });

  it.each([
    ["Flow.x && Flow.y", "and", 'write "and"); the expression is checked as if "and" were written'],
    ["Flow.x || Flow.y", "or", 'write "or"); the expression is checked as if "or" were written'],
    ["Flow.x <> 1", "!=", 'write "!="); the expression is checked as if "!=" were written'],
  ])("%s: an operator no source shows is read as %s, with an unknown problem at its offset", (text, op, fragment) => {
    const r = parseExpression(text);
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.ast).toMatchObject({ kind: "binary", op, opOffset: 7 });
    expect(r.unseen).toHaveLength(1);
    expect(r.unseen[0]).toMatchObject({ offset: 7, length: 2, verdict: "unknown", code: "syntax" });
    expect(r.unseen[0].message).toContain(fragment);
  });

  it("an expression with such an operator is still checked: a dangling one does not parse (certain), an undeclared variable beside it is found", () => {
    expect(syntaxProblem('Flow.x == "1" &&')).toMatchObject({ offset: 14, code: "syntax" });
    expect(syntaxProblem('Flow.x == "1" &&').verdict ?? "invalid").toBe("invalid");
    expect(syntaxProblem("&& Flow.x").message).toContain('"&&"');
    expect(problems('Flow.ok && Flow.missing == "1"')).toEqual([expect.stringContaining("Flow.missing")]);
    expect(unknowns('Flow.ok && Flow.missing == "1"')).toEqual([
      expect.stringContaining('the operator "&&" is not a form the catalogue knows'),
    ]);
    expect(checkExpression("Flow.ok && Flow.count > 1", VARS).type).toBe("boolean");
  });

  it("lists variable references as written, in order, with their offsets", () => {
    const r = parseExpression(
      "Append(Flow.a, Email.Message.subject, Chat.Guest.customFields[Task.i].key, ToString(flow.B))",
    );
    if (!r.ok) throw new Error(r.problem.message);
    expect(variableReferences(r.ast)).toEqual([
      { name: "Flow.a", offset: 7, length: 6 },
      { name: "Email.Message.subject", offset: 15, length: 21 },
      { name: "Chat.Guest.customFields", offset: 38, length: 23 },
      { name: "Task.i", offset: 62, length: 6 },
      { name: "flow.B", offset: 84, length: 6 },
    ]);
  });
});

describe("checkExpression", () => {
  it("leaves an expression that parses only once its {{placeholders}} are filled to the stack's check: unknown, never invalid", () => {
    // A real blueprint's (send-email-notification-when-outbound-message-fails-blueprint) data action input.
    expect(problems("Flow.externalContactResult.{{external_contact_email_type}}")).toEqual([]);
    expect(unknowns("Flow.externalContactResult.{{external_contact_email_type}}")).toEqual([
      "it parses only once {{external_contact_email_type}} is filled, which each stack does: it is checked with the stack's substitutions (lint --stack, preview, up)",
    ]);
    expect(problems("{{count}} + 1")).toEqual([]);
    // A fault the placeholder does not explain is still certain; one inside a string is checked as ever.
    expect(problems("Flow.count + + {{n}} )")).not.toEqual([]);
    expect(unknowns('Append("{{greeting}}", Flow.choice)')).toEqual([]);
    expect(problems('Append("{{greeting}}", Flow.choice)')).toEqual([]);
  });

  it.each([
    ['Append("Hi ", Flow.choice)', "string"],
    ["Flow.count + 1", "integer"],
    ["Flow.count / 2", "decimal"],
    ["Flow.ratio * Flow.count", "decimal"],
    ['Flow.choice == "1" and Flow.ok', "boolean"],
    ['If(Flow.ok, "a", "b")', "string"],
    ["MakeList(1, 2, 3)", "integerCollection"],
    ["Count(Flow.names)", "integer"],
    ["Flow.names[0]", "string"],
    ["Flow.when + Flow.wait", "dateTime"],
    ['GetJsonObjectProperty(Flow.data, "a")', "json"],
    ["Email.Message.subject", "string"],
    ["ToPhoneNumber(Call.Ani).e164", "string"],
    ["FindQueue(Flow.choice)", "queue"],
    ["ToAudioTTS(Flow.choice)", "audio"],
    ['contains(Flow.choice, "x")', "boolean"],
  ])("%s is %s", (text, type) => {
    const r = checkExpression(text, VARS);
    expect(r.problems).toEqual([]);
    expect(r.type).toBe(type);
  });

  it("integer is assignable to decimal; the other way round is a conversion the catalogue has not seen", () => {
    expect(problems("Flow.count", "decimal")).toEqual([]);
    expect(unknowns("Flow.count", "decimal")).toEqual([]);
    expect(problems("Flow.ratio", "integer")).toEqual([]);
    expect(unknowns("Flow.ratio", "integer")).toEqual(["expected an integer, found a decimal"]);
  });

  it("a result converts implicitly to text (help:implicit-casting), not inside a function's arguments", () => {
    expect(unknowns("Flow.ok", "string")).toEqual([]);
    expect(unknowns("Flow.names", "string")).toEqual([]);
    expect(unknowns("Left(Flow.count, 2)")).toEqual([expect.stringContaining("argument 1 of Left is an integer")]);
  });

  it.each([
    ["Flow.names.length", ['a collection has no member "length"']],
    ["Flow.chioce", ['unknown variable "Flow.chioce": it is not declared in this flow; did you mean "Flow.choice"?']],
  ])("%s is invalid", (text, messages) => {
    const got = problems(text);
    expect(got.length).toBe(messages.length);
    messages.forEach((m, i) => {
      expect(got[i]).toContain(m);
    });
    expect(unknowns(text)).toEqual([]);
  });

  // Operator and function type rules, overloads and functions come from the catalogue, whose
  // overload lists are not documented in full: what it cannot reconcile is a warning, never an error.
  // (VARS does not say which variables the flow declares, so their types are not certain here.)
  it.each([
    ["Flow.choice + 1 == Flow.ok", undefined, ["cannot compare a string with a boolean"]],
    ["Flow.count or true", undefined, ['"or" needs Boolean operands, found an integer']],
    ["Flow.count[0]", undefined, ["only a collection can be indexed"]],
    [
      "ToInt()",
      undefined,
      [
        "ToInt with 0 arguments is not an overload the catalogue knows (ToInt(any)); its overload list is not documented in full",
      ],
    ],
    ["Left(Flow.choice)", undefined, ["Left with 1 argument is not an overload the catalogue knows"]],
    [
      'Substring(Flow.choice, "1", 2)',
      undefined,
      [
        "argument 2 of Substring is a string, and no overload the catalogue knows takes that (Substring(string, integer, integer))",
      ],
    ],
    ['If(Flow.ok, 1, "a")', undefined, ["the two results of If have different types"]],
    ["Appnd(Flow.choice)", undefined, ['function "Appnd" is not in the catalogue (nearest: Append']],
    ["Flow.queue == 3 and Flow.choice < true", undefined, ["cannot compare a string with a boolean"]],
  ])("%s is unknown to the catalogue, not invalid", (text, expected, messages) => {
    expect(problems(text, expected)).toEqual([]);
    const got = unknowns(text, expected);
    expect(got.length).toBe(messages.length);
    messages.forEach((m, i) => {
      expect(got[i]).toContain(m);
    });
  });

  // Architect's expressions are typed and convert only an expression's result, to text
  // (help:implicit-casting): a mismatch between two types that are certain (literals, variables the
  // flow declares, what an operator gives) is a fault wherever the catalogue's knowledge ends.
  describe("certain types: a literal, a variable the flow declares, an operator's result", () => {
    const DECLARED: TypeEnv = {
      ...VARS,
      declares: (name) => ["flow.choice", "flow.count", "flow.ok"].includes(name.toLowerCase()),
    };
    const certain = (text: string, expected?: string) =>
      checkExpression(text, DECLARED, expected).problems.map((p) => `${p.verdict}: ${p.message}`);

    it.each([
      ['"three"', "integer", "expected an integer, found a string"],
      ['"not a number"', "decimal", "expected a decimal, found a string"],
      ['"yes"', "boolean", "expected a boolean, found a string"],
      ["Flow.count", "boolean", "expected a boolean, found an integer"],
      ["Flow.choice", "integer", "expected an integer, found a string"],
      ["3 or true", undefined, '"or" needs Boolean operands, found an integer'],
      ["not Flow.choice", undefined, '"not" needs a Boolean, found a string'],
      ["1 + true", undefined, '"+" cannot combine an integer and a boolean'],
      ['"a" - 1', undefined, '"-" cannot combine a string and an integer'],
      ["Flow.choice == 5", undefined, "cannot compare a string with an integer"],
      ['Flow.count > "5"', undefined, "cannot compare an integer with a string"],
      ['-"5"', undefined, '"-" needs a number, found a string'],
    ])("%s (expecting %s) is invalid", (text, expected, message) => {
      const got = certain(text, expected);
      expect(got).toEqual([expect.stringContaining(`invalid: ${message}`)]);
    });

    it.each([
      ["Flow.count", "string"],
      ["Flow.ok", "string"],
      ["5", "decimal"],
      ['"3" + Flow.choice', "string"],
    ])("%s converts to %s: no finding", (text, expected) => {
      expect(certain(text, expected)).toEqual([]);
    });

    it.each([
      // A built-in's and a function's type come from the catalogue.
      ["Call.Ani", "integer", "expected an integer, found a string"],
      ["Length(Flow.choice)", "boolean", "expected a boolean, found an integer"],
      ["Flow.ratio", "integer", "expected an integer, found a decimal"],
      // Text with a {{placeholder}} is settled with the stack's values.
      ['"{{count}}"', "integer", "expected an integer, found a string"],
    ])("%s (expecting %s) is unknown: its type is not certain", (text, expected, message) => {
      expect(certain(text, expected)).toEqual([`unknown: ${message}`]);
    });
  });

  it("overloads: ToAudioNumber and ToAudioTTS take a playback format (export:CI_CD2/BFSI_POC-...)", () => {
    expect(checkExpression("ToAudioNumber(Flow.count, Format.Number.playDigits)", VARS_WITH_FORMAT).problems).toEqual(
      [],
    );
    expect(checkExpression("ToAudioTTS(Flow.choice, Format.String.playChars)", VARS_WITH_FORMAT).problems).toEqual([]);
    expect(checkExpression("ToAudioNumber(Flow.count, Format.Number.playDigits)", VARS_WITH_FORMAT).type).toBe("audio");
  });

  it("the JSON functions of public exports are known (help:json-values, export:genesys-architect-tutorials/...)", () => {
    const known = (text: string) => checkExpression(text, VARS).problems.map((p) => p.message);
    expect(known("IsJsonObject(Flow.data)")).toEqual([]);
    expect(known('SetJsonObjectProperty(Flow.data, "items", ReplaceJsonArrayItem(Flow.data.items, 1, 2))')).toEqual([]);
    expect(known("Count(GetJsonObjectPropertyNames(Flow.data)) + Count(ToJsonCollection(Flow.data.items))")).toEqual(
      [],
    );
    expect(checkExpression('SetJsonObjectProperty(Flow.data, "k", ToJson(Flow.count))', VARS).type).toBe("json");
  });

  it("a quoted member name reads a property with spaces (help:access-properties)", () => {
    const r = parseExpression('Call.Contact."Alert Type" == "X"');
    if (!r.ok) throw new Error(r.problem.message);
    expect(variableReferences(r.ast).map((v) => v.name)).toEqual(["Call.Contact.Alert Type"]);
    expect(parseExpression('ToPhoneNumber(Call.Ani)."e164"').ok).toBe(true);
    expect(parseExpression('Call.Contact."Alert Type').ok).toBe(false);
  });

  it("single-quoted text is not an Architect string literal (help:string-literals)", () => {
    const r = parseExpression("Flow.choice == '1'");
    expect(r.ok).toBe(false);
  });

  it("variables are matched without regard to case (published exports write flow.ani)", () => {
    expect(problems('right(flow.CHOICE, 2) == "ab"')).toEqual([]);
  });

  it("an undocumented function or member is unknown (a warning), named with what the catalogue lacks", () => {
    const r = checkExpression("SomeNewFunction(Flow.choice)", VARS);
    expect(r.problems.map((p) => [p.verdict, p.subject])).toEqual([["unknown", "function SomeNewFunction"]]);
    const m = checkExpression("Email.Message.spamScore", VARS);
    expect(m.problems.map((p) => [p.verdict, p.code, p.subject])).toEqual([
      ["unknown", "member", "member spamScore of emailMessage"],
    ]);
  });

  it("reports the offset of the fault inside the expression", () => {
    const r = checkExpression('Append("a", Flow.nope)', VARS);
    expect(r.problems[0]).toEqual(expect.objectContaining({ offset: 12, length: 9, code: "variable" }));
  });
});
