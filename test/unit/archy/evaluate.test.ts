// The expression evaluator (archy/expressions/evaluate.ts and functions.ts): typed results, NOT_SET as
// the documentation describes it, collections, dates and durations, unknown values carried as terms,
// and "cannot simulate" wherever the documentation does not settle what Architect does.
import { CannotEvaluate, EvaluationFault, evaluate, type EvaluationEnv } from "../../../archy/expressions/evaluate";
import { SIMULATED_FUNCTIONS } from "../../../archy/expressions/functions";
import { FUNCTIONS } from "../../../archy/catalogue/functions";
import { input, int, list, notSet, str, structured, toPlain, type RunValue } from "../../../archy/expressions/values";

const NOW = Date.UTC(2026, 10, 24, 15, 30, 0);

function env(vars: Record<string, RunValue> = {}): EvaluationEnv {
  const lower = new Map(Object.entries(vars).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    variable: (name) => lower.get(name.toLowerCase()),
    now: () => ({ kind: "set", type: "dateTime", value: NOW }),
  };
}

const plain = (text: string, vars: Record<string, RunValue> = {}) => toPlain(evaluate(text, env(vars)));
const cannot = (text: string, vars: Record<string, RunValue> = {}) => {
  try {
    evaluate(text, env(vars));
  } catch (e) {
    if (e instanceof CannotEvaluate) return e.message;
    throw e;
  }
  throw new Error(`${text} evaluated`);
};
const faults =
  (text: string, vars: Record<string, RunValue> = {}) =>
  () =>
    evaluate(text, env(vars));

describe("operators", () => {
  test.each([
    ['"a" + "b"', "ab"],
    ["1 + 2", 3],
    ["7 / 2", 3.5],
    ["7 % 3", 1],
    ["1 < 2 and 2 <= 2", true],
    ["not (1 > 2)", true],
    ['"gold" == "gold"', true],
    ['"gold" != "silver"', true],
    ["-3 + 1", -2],
    ["1.5 * 2", 3],
  ])("%s = %j", (text, expected) => expect(plain(text)).toEqual(expected));

  test("integer arithmetic stays integer, mixed becomes decimal", () => {
    expect(evaluate("2 * 3", env()).type).toBe("integer");
    expect(evaluate("2 * 3.0", env()).type).toBe("decimal");
    expect(evaluate("4 / 2", env()).type).toBe("decimal");
  });

  test("names are not case-sensitive: variables and functions", () => {
    expect(plain("left(flow.NAME, 2)", { "Flow.name": str("Ada") })).toBe("Ad");
  });

  test("texts that differ only in case cannot be simulated: whether == is case-sensitive is not documented", () => {
    expect(cannot('"Gold" == "gold"')).toMatch(/case-sensitively is not documented/);
  });
});

describe("NOT_SET (help:not-set)", () => {
  test("arithmetic with NOT_SET is a run-time error: the flow's error handling runs", () => {
    expect(faults("5 + Flow.MyInteger", { "Flow.MyInteger": notSet("integer") })).toThrow(EvaluationFault);
  });
  test('ToString(NOT_SET) == "" is false', () => expect(plain('ToString(NOT_SET) == ""')).toBe(false));
  test("5 + If(IsSet(Flow.x), Flow.x, 0) treats NOT_SET as 0", () => {
    expect(plain("5 + If(IsSet(Flow.x), Flow.x, 0)", { "Flow.x": notSet("integer") })).toBe(5);
    expect(plain("5 + If(IsSet(Flow.x), Flow.x, 0)", { "Flow.x": int(2) })).toBe(7);
  });
  test("IsNotSetOrEmpty", () => {
    expect(plain("IsNotSetOrEmpty(Flow.s)", { "Flow.s": notSet("string") })).toBe(true);
    expect(plain("IsNotSetOrEmpty(Flow.s)", { "Flow.s": str("") })).toBe(true);
    expect(plain("IsNotSetOrEmpty(Flow.s)", { "Flow.s": str("x") })).toBe(false);
  });
  test("a function given NOT_SET cannot be simulated (which parameters accept it is not public)", () => {
    expect(cannot("Length(Flow.s)", { "Flow.s": notSet("string") })).toMatch(/Length with a NOT_SET argument/);
  });
  test("If whose untaken branch would fail cannot be simulated", () => {
    expect(cannot("If(true, 1, 5 + Flow.x)", { "Flow.x": notSet("integer") })).toMatch(/other branch fails/);
  });
  test("and/or whose deciding side is known while the other fails cannot be simulated", () => {
    expect(cannot("IsSet(Flow.x) and Flow.x + 1 > 2", { "Flow.x": notSet("integer") })).toMatch(/is not documented/);
  });
});

describe("functions of the catalogue", () => {
  test.each([
    ['Append("CUST-", Right("+13175550100", 6))', "CUST-550100"],
    ['Left("+18005550100", 5)', "+1800"],
    ['Length("1234")', 4],
    ['Lower("AbC")', "abc"],
    ['Split("a,b", ",")', ["a", "b"]],
    ['Contains("hello world", "world")', true],
    ['ToInt("42")', 42],
    ["Count(MakeList(1, 2, 3))", 3],
    ["GetAt(AddItem(MakeList(3, 4), 5), 2)", 5],
    ["AddItemAt(MakeList(3, 4), 0, 7)[0]", 7],
  ])("%s = %j", (text, expected) => expect(plain(text)).toEqual(expected));

  test("dates are UTC: GetCurrentDateTimeUtc is the run's clock; durations add", () => {
    expect(evaluate("AddHours(GetCurrentDateTimeUtc(), 2)", env())).toEqual({
      kind: "set",
      type: "dateTime",
      value: NOW + 2 * 3_600_000,
    });
    expect(plain("MakeDuration(0, 1, 30, 0) > MakeDuration(0, 1, 0, 0)")).toBe(true);
    expect(plain("GetCurrentDateTimeUtc() + MakeDuration(1, 0, 0, 0) > GetCurrentDateTimeUtc()")).toBe(true);
  });

  test("Left past the text's end cannot be simulated", () =>
    expect(cannot('Left("abc", 5)')).toMatch(/past the text's end is not documented/));
  test("a function the catalogue lacks cannot be simulated", () =>
    expect(cannot("DayOfWeek(GetCurrentDateTimeUtc())")).toMatch(
      /function DayOfWeek, which the catalogue does not know/,
    ));
  test("ToInt of a text that is no number is a run-time error", () =>
    expect(faults('ToInt("abc")')).toThrow(EvaluationFault));
  test("every implemented function is in the catalogue, the rest are listed as not simulated", () => {
    const unsimulated = [...FUNCTIONS.values()].map((f) => f.name).filter((n) => !SIMULATED_FUNCTIONS.includes(n));
    expect(SIMULATED_FUNCTIONS.length + unsimulated.length).toBe(FUNCTIONS.size);
    expect(cannot(`${unsimulated[0]}()`)).toMatch(/cannot simulate/);
  });
  test("members of structured values", () => {
    const message = structured("emailMessage", {
      from: structured("emailAddress", { email: str("ada@example.com"), name: str("Ada") }),
    });
    expect(plain("Email.Message.from.email", { "Email.Message": message })).toBe("ada@example.com");
  });
});

describe("unknown values (journeys)", () => {
  test("carry a term over the inputs they depend on", () => {
    const v = evaluate(
      'IsNotSetOrEmpty(Call.Ani) or Left(Call.Ani, 5) == "+1800"',
      env({ "Call.Ani": input("string", "Call.Ani") }),
    );
    expect(v).toEqual({
      kind: "unknown",
      type: "boolean",
      term: '(IsNotSetOrEmpty(⟨Call.Ani⟩) or (Left(⟨Call.Ani⟩, 5) == "+1800"))',
      symbols: ["Call.Ani"],
    });
  });
  test("a known operand that decides and/or decides", () => {
    expect(plain("false and Flow.x == 1", { "Flow.x": input("integer", "x") })).toBe(false);
    expect(plain("true or Flow.x == 1", { "Flow.x": input("integer", "x") })).toBe(true);
  });
  test("collections of unknowns are indexed as unknowns", () => {
    expect(evaluate("Flow.list[0]", env({ "Flow.list": input("stringCollection", "list") })).kind).toBe("unknown");
    expect(
      toPlain(evaluate("Flow.list[1]", env({ "Flow.list": list("stringCollection", [str("a"), str("b")]) }))),
    ).toBe("b");
  });
});
