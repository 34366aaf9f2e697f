// Faults that must never reach an org, refused where they are written: a module call's inputs
// typed like its outputs (every pair of the model's declarable types), the variables the compiler
// declares for a node (`<node>_outcome`, `<loop>_index`) never taking a declared name nor growing
// past the name limit, and a {{placeholder}} inside an expression only ever as text.
import { runChecks, type CheckInput, type Finding } from "../../checks";
import { compileFlow } from "../../compiler";
import { parseFlowText } from "../../model/load";
import { MAX_NAME_LENGTH, VALUE_TYPES, type ValueType } from "../../model/types";
import { callFlow, flowText, issuesOf, lookupModule, outerModule, type FlowSpec } from "../../testkit/portfolio";

function input(flows: Record<string, FlowSpec>): CheckInput {
  return {
    flows: Object.entries(flows).map(([id, spec]) => {
      const f = parseFlowText(flowText(spec), `flows/${id}.yaml`);
      return { file: f.file, id, model: f.model, displayName: f.model.name };
    }),
  };
}
const run = (flows: Record<string, FlowSpec>, rules: readonly string[]): Finding[] =>
  runChecks(input(flows), { include: (r) => rules.includes(r.id) });
const line = (f: Finding) => `${f.ruleId}|${f.node ?? ""}|${f.field ?? ""}|${f.message}`;

describe("a module call's inputs are typed like its outputs", () => {
  /** A caller binding its variable `v` (of `from`) to the module's input `address` (of `to`). */
  const binding = (from: ValueType, to: ValueType, value = "Flow.v") => {
    const module = lookupModule({
      inputs: { address: { type: to } },
      nodes: { Found: { type: "return", outcome: "completed" } },
      start: "Found",
    });
    const caller = callFlow("Main", { variables: { customer: { type: "string" }, v: { type: from } } });
    (caller.nodes.Call as Record<string, unknown>).inputs = { address: value };
    return { m: module, main: caller };
  };
  const RULES = ["module-interface", "module-input-conversion", "expressions", "archy-unknown"];
  const verdicts = (flows: Record<string, FlowSpec>) => run(flows, RULES).filter((f) => f.file === "flows/main.yaml");

  // What fits without a word, as Architect's typed expressions and the catalogue's cited conversions
  // say (archy/catalogue/types.ts): the same type; an integer or currency where a decimal goes; a
  // JSON value where any single value goes; anything where JSON goes; a duration or a Boolean where
  // an integer goes (real exports rely on both); and anything into text, which Architect converts
  // (help:implicit-casting) and the module-input-conversion policy then names.
  const fits = (from: ValueType, to: ValueType) =>
    from === to ||
    (to === "decimal" && (from === "integer" || from === "currency")) ||
    (from === "json" && !to.endsWith("Collection")) ||
    to === "json" ||
    (to === "integer" && (from === "duration" || from === "boolean")) ||
    to === "string";
  /** Types a mismatch between is certain: Architect's typed primitives. */
  const PRIMITIVE: readonly ValueType[] = [
    "string",
    "integer",
    "decimal",
    "boolean",
    "dateTime",
    "duration",
    "currency",
  ];

  const pairs = VALUE_TYPES.flatMap((from) => VALUE_TYPES.map((to) => [from, to] as const));
  test.each(pairs)("a %s variable bound to a %s input", (from, to) => {
    const found = verdicts(binding(from, to));
    const rules = found.map((f) => f.ruleId);
    if (fits(from, to)) {
      const converted = to === "string" && from !== "string" && from !== "json";
      expect(rules).toEqual(converted ? ["module-input-conversion"] : []);
      if (converted)
        expect(found[0].message).toBe(
          `module input "address" is a string but Flow.v is ${article(from)}: Architect would pass it converted to text (help:implicit-casting)`,
        );
    } else if (PRIMITIVE.includes(from) && PRIMITIVE.includes(to)) {
      expect(rules).toEqual(["module-interface"]);
      expect(found[0]).toMatchObject({ node: "Call", field: "inputs.address" });
      expect(found[0].message).toMatch(
        new RegExp(`^module input "address" is ${article(to)} but Flow\\.v is ${article(from)}; `),
      );
    } else {
      // A type the catalogue cannot settle a conversion of: a warning naming the conversion.
      expect(rules).toEqual(["archy-unknown"]);
      expect(found[0].subject).toBe(`conversion ${from} to ${to}`);
    }
  });

  test("an integer literal or a Boolean variable bound to a string input is named with both types; ToString says it is meant", () => {
    expect(verdicts(binding("boolean", "string", "5")).map(line)).toEqual([
      'module-input-conversion|Call|inputs.address|module input "address" is a string but 5 is an integer: Architect would pass it converted to text (help:implicit-casting)',
    ]);
    const [verified] = verdicts(binding("boolean", "string"));
    expect(verified.fix).toBe(
      "bind a string expression to inputs.address; write ToString(Flow.v) if the text is what the module should get",
    );
    expect(verdicts(binding("boolean", "string", "ToString(Flow.v)"))).toEqual([]);
    expect(verdicts(binding("boolean", "string", '"text"'))).toEqual([]);
  });

  test("a function's result of another type, and an operator's over it, bound to a string input are named too", () => {
    expect(verdicts(binding("string", "string", "Length(Call.Ani)")).map(line)).toEqual([
      'module-input-conversion|Call|inputs.address|module input "address" is a string but Length(Call.Ani) is an integer: Architect would pass it converted to text (help:implicit-casting)',
    ]);
    expect(verdicts(binding("string", "string", "Length(Flow.v) + 1")).map((f) => f.ruleId)).toEqual([
      "module-input-conversion",
    ]);
    expect(verdicts(binding("string", "string", "ToInt(Flow.v) > 3")).map((f) => f.ruleId)).toEqual([
      "module-input-conversion",
    ]);
    // Text from a function, or a function whose result the catalogue cannot settle, is not judged.
    expect(verdicts(binding("string", "string", "ToString(Length(Call.Ani))"))).toEqual([]);
    expect(verdicts(binding("string", "string", 'Append(Call.Ani, "x")'))).toEqual([]);
    // Not a core error: the catalogue's overload lists are not complete, so the result's type is not certain.
    const core = runChecks(input(binding("string", "string", "Length(Call.Ani)")), { include: (r) => r.core }).filter(
      (f) => f.file === "flows/main.yaml",
    );
    expect(core).toEqual([]);
  });

  test("a value whose type is not certain (a built-in the catalogue types) is not judged by the policy", () => {
    expect(verdicts(binding("string", "string", "Call.Ani"))).toEqual([]);
  });

  test("the module-input-conversion policy is mandatory by default and not core (Genesys accepts the conversion)", () => {
    const flows = binding("integer", "string");
    const core = runChecks(input(flows), { include: (r) => r.core }).filter((f) => f.file === "flows/main.yaml");
    expect(core).toEqual([]);
  });
});

describe("the variables the compiler declares for a node", () => {
  test("a declared variable taking a subflow's outcome variable, in any case, is refused at the node", () => {
    const flow = callFlow("Main", { variables: { customer: { type: "string" }, call_OUTCOME: { type: "string" } } });
    expect(run({ m: lookupModule(), main: flow }, ["variables"]).map(line)).toEqual([
      'variables|Call||the compiler declares variable "Call_outcome" for this node (Outcome of the module call in node Call: completed or error), and variables.call_OUTCOME takes that name (Architect compares names case-insensitively)',
    ]);
    expect(run({ m: lookupModule(), main: callFlow() }, ["variables"])).toEqual([]);
  });

  test("a loop's index, only when the loop names no counter of its own", () => {
    const looping = (counter?: string) => ({
      kind: "inboundCall",
      name: "L",
      variables: { Retry_index: { type: "integer" } },
      start: "Retry",
      nodes: {
        Retry: {
          type: "loop",
          maxLoops: 3,
          ...(counter ? { counter } : {}),
          transitions: { body: "Say", done: "Bye" },
        },
        Say: { type: "playMessage", prompt: "Hello.", transitions: { next: "Retry" } },
        Bye: { type: "disconnect" },
      },
    });
    expect(run({ l: looping() }, ["variables"]).map((f) => `${f.node}: ${f.message}`)).toEqual([
      expect.stringMatching(/^Retry: the compiler declares variable "Retry_index" for this node/),
    ]);
    expect(run({ l: looping("Retry_index") }, ["variables"])).toEqual([]);
  });

  test("a subflow in a module declares no outcome variable (the module is compiled in place)", () => {
    const outer = { ...outerModule(), variables: { Find_outcome: { type: "string" } } };
    expect((outer.nodes.Find as { type: string }).type).toBe("subflow");
    expect(run({ m: lookupModule(), outer }, ["variables"])).toEqual([]);
  });

  test(`a generated name longer than ${MAX_NAME_LENGTH} characters is refused at the node, saying how long the id may be`, () => {
    const longId = `C${"a".repeat(MAX_NAME_LENGTH - "_outcome".length)}`; // one character too many
    const flow = callFlow("Main");
    const nodes = flow.nodes as Record<string, unknown>;
    nodes[longId] = nodes.Call;
    delete nodes.Call;
    (flow as { start: string }).start = longId;
    const [f] = run({ m: lookupModule(), main: flow }, ["variables"]);
    expect(f).toMatchObject({ node: longId, ruleId: "variables" });
    expect(f.message).toBe(
      `the compiler declares variable "${longId}_outcome" for this node, ${MAX_NAME_LENGTH + 1} characters long; a variable name is at most ${MAX_NAME_LENGTH}`,
    );
    expect(f.fix).toBe(`shorten node id "${longId}" to at most ${MAX_NAME_LENGTH - "_outcome".length} characters`);
    // One character shorter fits.
    const ok = callFlow("Main");
    const okNodes = ok.nodes as Record<string, unknown>;
    okNodes[longId.slice(1)] = okNodes.Call;
    delete okNodes.Call;
    (ok as { start: string }).start = longId.slice(1);
    expect(run({ m: lookupModule(), main: ok }, ["variables"])).toEqual([]);
  });

  test("a module compiled in place names its variables after the calling node: too long is refused at that node", () => {
    const callerNode = `N${"x".repeat(MAX_NAME_LENGTH - "_address".length)}`;
    const outer = outerModule();
    const nodes = outer.nodes as Record<string, Record<string, unknown>>;
    const callId = Object.keys(nodes).find((id) => nodes[id].type === "subflow")!;
    nodes[callerNode] = nodes[callId];
    delete nodes[callId];
    for (const n of Object.values(nodes))
      for (const [t, target] of Object.entries((n.transitions ?? {}) as Record<string, string>))
        if (target === callId) (n.transitions as Record<string, string>)[t] = callerNode;
    if ((outer as { start: string }).start === callId) (outer as { start: string }).start = callerNode;
    const module = parseFlowText(flowText(lookupModule()), "flows/m.yaml");
    const flow = parseFlowText(flowText(outer), "flows/outer.yaml");
    const [issue] = issuesOf(() =>
      compileFlow(flow, {
        publishedName: "Outer",
        modules: new Map([["Lookup", { publishedName: "Lookup", model: module.model as never }]]),
      }),
    );
    expect(issue).toMatchObject({ file: "flows/outer.yaml", node: callerNode });
    expect(issue.message).toContain(
      `"${callerNode}_address" is ${MAX_NAME_LENGTH + 1} characters, and a variable name is at most ${MAX_NAME_LENGTH}`,
    );
  });
});

describe("a {{placeholder}} inside an expression is text, never code", () => {
  const withExpression = (expression: string) => {
    const flow = callFlow("Main");
    (flow.nodes as Record<string, unknown>).Check = {
      type: "decision",
      expression,
      transitions: { yes: "Bye", no: "Bye" },
    };
    (flow.nodes.Transfer.transitions as Record<string, string>).failure = "Check";
    return flowText(flow);
  };

  test("outside a string literal it is refused where it is written, with the quoted form", () => {
    const [issue] = issuesOf(() => parseFlowText(withExpression("Flow.customer == {{gold}}"), "flows/main.yaml"));
    expect(issue).toMatchObject({ file: "flows/main.yaml", node: "Check", field: "expression" });
    expect(issue.message).toBe(
      `{{gold}} stands outside a string literal (column 18), so the stack's value would be spliced into the expression's code; placeholders in expressions are text: write "{{gold}}" (in double quotes)`,
    );
    const [whole] = issuesOf(() => parseFlowText(withExpression("{{flag}}"), "flows/main.yaml"));
    expect(whole.message).toContain(
      `write '"{{flag}}"' (in double quotes), and convert it where a number or Boolean is needed (ToInt, ToBool)`,
    );
    const [member] = issuesOf(() => parseFlowText(withExpression('Flow.customer.{{field}} == "x"'), "flows/main.yaml"));
    expect(member.message).toMatch(/^\{\{field\}\} stands outside a string literal \(column 15\)/);
  });

  test("inside a string literal (escaped quotes included) it is a value like any other", () => {
    for (const text of [
      'Flow.customer == "{{gold}}"',
      'Append("{{brand}}: ", Flow.customer) == "x"',
      'Flow.customer == "say \\"{{brand}}\\" twice"',
    ]) {
      expect(() => parseFlowText(withExpression(text), "flows/main.yaml")).not.toThrow();
    }
  });

  test("module inputs and variable values are expressions too", () => {
    const flow = callFlow("Main");
    (flow.nodes.Call as Record<string, unknown>).inputs = { address: "{{number}}" };
    expect(issuesOf(() => parseFlowText(flowText(flow), "flows/main.yaml"))[0]).toMatchObject({
      node: "Call",
      field: "inputs.address",
    });
  });
});

function article(type: string): string {
  const words = type
    .replace(/Collection$/, " collection")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}
