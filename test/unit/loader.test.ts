// Loader: every bad input yields an exact, actionable message naming file, flow/node and field.
import { join } from "path";
import { readFileSync } from "fs";
import {
  checkFlowSet,
  checkSubstitutions,
  FlowLoadError,
  loadFlowFile,
  parseFlowText,
  findPlaceholders,
  applySubstitutions,
} from "../../components/model/loader";
import type { CommonModuleFlow, InboundCallFlowModel, LoadedFlow } from "../../components/model/schema";
import { messageOf } from "./helpers/flowFiles";

const FILE = "flows/sales.yaml";
const FIXTURES = join(__dirname, "fixtures", "loader");

const load = (text: string) => messageOf(() => parseFlowText(text, FILE));

const inbound = (nodes: string, extra = "") =>
  `kind: inboundCall\nname: Sales\nstart: Welcome\n${extra}nodes:\n${nodes}`;
const strVar = "variables:\n  x: {type: string}\n";

describe("parseFlowText rejects bad input with exact messages", () => {
  const cases: Array<[string, string, string]> = [
    [
      "YAML syntax error with line and column",
      "kind: inboundCall\nname: Sales\nnodes:\n  A: [\n",
      "flows/sales.yaml:5:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    ["duplicate keys", "kind: inboundCall\nname: Sales\nname: Other\n", "flows/sales.yaml:3:1: YAML syntax error: Map keys must be unique"],
    [
      "top level is not a mapping",
      "- a\n- b\n",
      'flows/sales.yaml: expected a mapping with "kind: commonModule" or "kind: inboundCall" at the top, found a list',
    ],
    [
      "empty file",
      "",
      'flows/sales.yaml: expected a mapping with "kind: commonModule" or "kind: inboundCall" at the top, found nothing',
    ],
    [
      "unknown flow kind",
      "kind: inboundcall\nname: X\nstart: A\nnodes: {}\n",
      'flows/sales.yaml: flow "X": field "kind": unknown flow kind "inboundcall"; did you mean "inboundCall"? Valid flow kinds: commonModule, inboundCall',
    ],
    [
      "missing kind",
      "name: X\n",
      'flows/sales.yaml: flow "X": field "kind": is missing; expected one of: commonModule, inboundCall',
    ],
    [
      "unknown node type lists the valid types",
      inbound("  Welcome:\n    type: playMesage\n    prompt: hi\n    transitions: {next: Welcome}\n"),
      'flows/sales.yaml: node "Welcome": field "type": unknown node type "playMesage"; did you mean "playMessage"? Valid node types: playMessage, collectDigits, decision, setVariable, subflow, transferToQueue, disconnect, return',
    ],
    [
      "transitions to missing nodes",
      inbound(
        "  Welcome:\n    type: playMessage\n    prompt: hi\n    transitions: {next: Bye}\n  Route:\n    type: disconnect\n  CallCommon:\n    type: subflow\n    module: M\n    transitions: {completed: Rout, error: Route}\n",
      ),
      'flows/sales.yaml: node "Welcome" (playMessage): transition "next" points to "Bye", no such node\n' +
        'flows/sales.yaml: node "CallCommon" (subflow): transition "completed" points to "Rout", no such node; did you mean "Route"?',
    ],
    [
      "start pointing nowhere",
      "kind: inboundCall\nname: Sales\nstart: Welcom\nnodes:\n  Welcome:\n    type: disconnect\n",
      'flows/sales.yaml: flow "Sales": field "start": points to "Welcom", no such node; did you mean "Welcome"?',
    ],
    [
      "return node in an inbound flow",
      inbound("  Welcome:\n    type: return\n    outcome: completed\n"),
      'flows/sales.yaml: node "Welcome" (return): a return node is only allowed in a commonModule; end an inboundCall path with disconnect or transferToQueue',
    ],
    [
      "unknown key in a node suggests the closest valid key",
      inbound("  Welcome:\n    type: playMessage\n    promt: hi\n    transitions: {next: Welcome}\n"),
      'flows/sales.yaml: node "Welcome" (playMessage): field "promt": unknown key; did you mean "prompt"? Valid keys here: label, prompt, transitions, type',
    ],
    [
      "unknown transition name",
      inbound("  Welcome:\n    type: playMessage\n    prompt: hi\n    transitions: {nxt: Welcome}\n"),
      'flows/sales.yaml: node "Welcome" (playMessage): field "transitions": unknown transition "nxt"; did you mean "next"? Valid transitions: next',
    ],
    [
      "missing transition",
      inbound("  Welcome:\n    type: decision\n    expression: Flow.x\n    transitions: {yes: Welcome}\n"),
      'flows/sales.yaml: node "Welcome" (decision): transition "no" is missing; expected the id of a node',
    ],
    [
      "missing required field",
      inbound("  Welcome:\n    type: collectDigits\n    prompt: hi\n    variable: x\n    transitions: {success: Welcome, failure: Welcome}\n", strVar),
      'flows/sales.yaml: node "Welcome" (collectDigits): field "maxDigits": is missing; expected an integer',
    ],
    [
      "number out of range",
      inbound("  Welcome:\n    type: collectDigits\n    prompt: hi\n    variable: x\n    maxDigits: 40\n    transitions: {success: Welcome, failure: Welcome}\n", strVar),
      'flows/sales.yaml: node "Welcome" (collectDigits): field "maxDigits": expected an integer of at most 32, found 40',
    ],
    [
      "wrong value type",
      inbound('  Welcome:\n    type: collectDigits\n    prompt: hi\n    variable: x\n    maxDigits: "4"\n    transitions: {success: Welcome, failure: Welcome}\n', strVar),
      'flows/sales.yaml: node "Welcome" (collectDigits): field "maxDigits": expected an integer, found "4"',
    ],
    [
      "unknown variable type",
      inbound("  Welcome:\n    type: disconnect\n", "variables:\n  x: {type: str}\n"),
      'flows/sales.yaml: flow "Sales": field "variables.x.type": expected one of "string", "integer", "decimal", "boolean", found "str"; did you mean "string"?',
    ],
    [
      "invalid node id",
      inbound("  Welcome:\n    type: disconnect\n  1st:\n    type: disconnect\n"),
      'flows/sales.yaml: flow "Sales": field "nodes": invalid node id "1st"; expected a node id: a letter, then letters, digits or _ (at most 64)',
    ],
    [
      "empty prompt",
      inbound('  Welcome:\n    type: playMessage\n    prompt: ""\n    transitions: {next: Welcome}\n'),
      'flows/sales.yaml: node "Welcome" (playMessage): field "prompt": expected non-empty text to speak, found an empty string',
    ],
    [
      "setVariable on an undeclared variable",
      inbound("  Welcome:\n    type: setVariable\n    variable: choise\n    value: '\"1\"'\n    transitions: {next: Welcome}\n", "variables:\n  choice: {type: string}\n"),
      'flows/sales.yaml: node "Welcome" (setVariable): field "variable": variable "choise" is not declared; did you mean "choice"? Declare it under variables',
    ],
    [
      "subflow output into an undeclared variable",
      inbound("  Welcome:\n    type: subflow\n    module: M\n    outputs: {verified: isVerifed}\n    transitions: {completed: Welcome, error: Welcome}\n", "variables:\n  isVerified: {type: boolean}\n"),
      'flows/sales.yaml: node "Welcome" (subflow): field "outputs.verified": variable "isVerifed" is not declared; did you mean "isVerified"? Declare it under variables',
    ],
    [
      "unknown top-level key",
      "kind: inboundCall\nname: Sales\nstart: A\nnode: {}\n",
      'flows/sales.yaml: flow "Sales": field "node": unknown key; did you mean "nodes"? Valid keys here: defaultLanguage, description, kind, name, nodes, start, variables',
    ],
    [
      "module declares the reserved outcome output",
      "kind: commonModule\nname: M\nstart: A\noutputs:\n  outcome: {type: string}\nnodes:\n  A: {type: return, outcome: completed}\n",
      `flows/sales.yaml: flow "M": field "outputs.outcome": "outcome" is reserved for the module's outcome (completed or error), which callers read through the subflow's transitions; choose another name`,
    ],
    [
      "module name declared twice",
      "kind: commonModule\nname: M\nstart: A\ninputs:\n  x: {type: string}\nvariables:\n  x: {type: string}\nnodes:\n  A: {type: return, outcome: completed}\n",
      `flows/sales.yaml: flow "M": field "variables.x": "x" is declared in both "inputs" and "variables"; a name must be unique across a module's inputs, outputs and variables`,
    ],
    [
      "return output not declared by the module",
      "kind: commonModule\nname: M\nstart: A\noutputs:\n  accountId: {type: string}\nnodes:\n  A: {type: return, outcome: completed, outputs: {acountId: '\"x\"'}}\n",
      'flows/sales.yaml: node "A" (return): field "outputs.acountId": module output "acountId" is not declared; did you mean "accountId"? Declared outputs: accountId',
    ],
    [
      "unknown return outcome",
      "kind: commonModule\nname: M\nstart: A\nnodes:\n  A: {type: return, outcome: done}\n",
      'flows/sales.yaml: node "A" (return): field "outcome": expected one of "completed", "error", found "done"',
    ],
    [
      "alias bomb",
      "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
      "flows/sales.yaml: YAML error: too many alias expansions (more than 100); do not use anchors and aliases to repeat large parts",
    ],
    ["deep nesting", "a: " + "[".repeat(100) + "]".repeat(100) + "\n", "flows/sales.yaml: YAML nesting is deeper than 32 levels"],
    [
      "collectDigits into a non-string variable, min above max",
      inbound("  Welcome:\n    type: collectDigits\n    prompt: hi\n    variable: n\n    minDigits: 3\n    maxDigits: 2\n    transitions: {success: Welcome, failure: Welcome}\n", "variables:\n  n: {type: integer}\n"),
      'flows/sales.yaml: node "Welcome" (collectDigits): field "variable": variable "n" is integer; collected digits need a string variable\n' +
        'flows/sales.yaml: node "Welcome" (collectDigits): field "minDigits": 3 is greater than maxDigits 2',
    ],
    [
      "unquoted number where an expression is expected",
      inbound("  Welcome: {type: subflow, module: M, inputs: {maxAttempts: 3}, transitions: {completed: Welcome, error: Welcome}}\n"),
      'flows/sales.yaml: node "Welcome" (subflow): field "inputs.maxAttempts": expected a string, found 3; quote it: "3"',
    ],
    [
      "unknown key in a module input",
      "kind: commonModule\nname: M\nstart: A\ninputs:\n  x: {type: string, requird: false}\nnodes:\n  A: {type: return, outcome: completed}\n",
      'flows/sales.yaml: flow "M": field "inputs.x.requird": unknown key; did you mean "required"? Valid keys here: description, required, type',
    ],
    [
      "node that is not a mapping",
      inbound("  Welcome: disconnect\n"),
      'flows/sales.yaml: node "Welcome": expected a mapping, found "disconnect"',
    ],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(load(text)).toBe(expected);
  });

  it("keeps yes/no as strings (YAML 1.2 core schema)", () => {
    const f = parseFlowText(
      inbound("  Welcome:\n    type: decision\n    expression: Flow.x == \"1\"\n    transitions:\n      yes: Bye\n      no: Bye\n  Bye:\n    type: disconnect\n"),
      FILE,
    );
    expect(f.model.nodes.Welcome.transitions).toEqual({ yes: "Bye", no: "Bye" });
  });

  it("every issue carries its location as data", () => {
    try {
      parseFlowText(readFileSync(join(FIXTURES, "bad-transition.yaml"), "utf8"), FILE);
      throw new Error("expected failure");
    } catch (e) {
      expect((e as FlowLoadError).issues).toEqual([
        {
          file: FILE,
          node: "CallCommon",
          nodeType: "subflow",
          field: "transitions.completed",
          message: 'points to "Rout", no such node; did you mean "Route"?',
        },
      ]);
    }
  });
});

describe("loadFlowFile", () => {
  it("names a missing file", () => {
    expect(messageOf(() => loadFlowFile(join(FIXTURES, "nope.yaml"), "flows/nope.yaml"))).toBe("flows/nope.yaml: no such file");
  });
  it("reports syntax errors of a fixture with its display path", () => {
    expect(messageOf(() => loadFlowFile(join(FIXTURES, "syntax-error.yaml"), "flows/broken.yaml"))).toBe(
      "flows/broken.yaml:7:1: YAML syntax error: All mapping items must start at the same column",
    );
  });
  it("loads every example flow", () => {
    for (const f of ["verify-caller", "sales", "support", "billing"]) {
      const loaded = loadFlowFile(join(__dirname, "..", "..", "flows", `${f}.yaml`), `flows/${f}.yaml`);
      expect(loaded.file).toBe(`flows/${f}.yaml`);
    }
  });
});

const moduleFlow = parseFlowText(
  `kind: commonModule
name: VerifyCaller
start: Done
inputs:
  callerNumber: {type: string}
outputs:
  verified: {type: boolean}
nodes:
  Done: {type: return, outcome: completed}
`,
  "flows/verify-caller.yaml",
) as LoadedFlow<CommonModuleFlow>;

const caller = (file: string, name: string, subflow: string, vars = "  ok: {type: boolean}\n  s: {type: string}\n") =>
  parseFlowText(
    `kind: inboundCall
name: ${name}
start: Call
variables:
${vars}nodes:
  Call:
${subflow}    transitions: {completed: Bye, error: Bye}
  Bye: {type: disconnect}
`,
    file,
  ) as LoadedFlow<InboundCallFlowModel>;

describe("checkFlowSet", () => {
  it("accepts a consistent set", () => {
    expect(() =>
      checkFlowSet(moduleFlow, [caller("flows/a.yaml", "A", "    type: subflow\n    module: VerifyCaller\n    inputs: {callerNumber: Call.Ani}\n    outputs: {verified: ok}\n")]),
    ).not.toThrow();
  });
  it("reports unknown modules, inputs, outputs, type mismatches and duplicate names", () => {
    const msg = messageOf(() =>
      checkFlowSet(moduleFlow, [
        caller("flows/a.yaml", "A", "    type: subflow\n    module: VerifyCaler\n"),
        caller("flows/b.yaml", "B", "    type: subflow\n    module: VerifyCaller\n    inputs: {callerNum: Call.Ani}\n    outputs: {verifed: ok, outcome: s}\n"),
        caller("flows/c.yaml", "B", "    type: subflow\n    module: VerifyCaller\n    outputs: {verified: s}\n"),
        caller("flows/d.yaml", "D", "    type: subflow\n    module: Billing\n"),
      ]),
    );
    expect(msg).toBe(
      [
        'flows/c.yaml: flow "B": field "name": flow name "B" is also used by flows/b.yaml; flow names must be unique in a stack',
        'flows/a.yaml: node "Call" (subflow): field "module": no module named "VerifyCaler" in this stack; did you mean "VerifyCaller"?',
        'flows/b.yaml: node "Call" (subflow): field "inputs.callerNum": module "VerifyCaller" has no input "callerNum"; did you mean "callerNumber"? Its inputs: callerNumber',
        'flows/b.yaml: node "Call" (subflow): field "outputs.verifed": module "VerifyCaller" has no output "verifed"; did you mean "verified"? Its outputs: verified',
        'flows/b.yaml: node "Call" (subflow): field "outputs.outcome": module "VerifyCaller" has no output "outcome"; its outputs: verified; the outcome is read through the completed and error transitions',
        'flows/c.yaml: node "Call" (subflow): field "outputs.verified": module output "verified" is boolean but variable "s" is string',
        'flows/d.yaml: node "Call" (subflow): field "module": no module named "Billing" in this stack; the stack\'s module is "VerifyCaller" (flows/verify-caller.yaml)',
      ].join("\n"),
    );
  });
});

describe("placeholders", () => {
  it("finds each placeholder once, in order", () => {
    expect(findPlaceholders("{{a}} x {{b.c}} {{a}} {{ no }} {{d-e}}")).toEqual(["a", "b.c", "d-e"]);
  });
  it("replaces known keys verbatim and leaves others", () => {
    expect(applySubstitutions("q: {{a}} {{b}}", { a: 'x "y"' })).toBe('q: x "y" {{b}}');
  });
  it("reports unresolved placeholders with flow, key, node and field", () => {
    const f = parseFlowText(
      inbound('  Welcome:\n    type: transferToQueue\n    queue: "{{sales_queue}}"\n    prompt: Welcome to {{brand}}\n'),
      FILE,
    );
    expect(messageOf(() => checkSubstitutions(f, { sales_queu: "Sales" }))).toBe(
      [
        'flows/sales.yaml: node "Welcome" (transferToQueue): field "queue": placeholder "{{sales_queue}}" has no value in the substitutions of flow "Sales"; did you mean "sales_queu"? Add "sales_queue" to this flow\'s substitutions in the stack config',
        'flows/sales.yaml: node "Welcome" (transferToQueue): field "prompt": placeholder "{{brand}}" has no value in the substitutions of flow "Sales"; add "brand" to this flow\'s substitutions in the stack config',
      ].join("\n"),
    );
    expect(() => checkSubstitutions(f, { sales_queue: "Sales", brand: "Acme" })).not.toThrow();
  });
  it("refuses substitution values that hold placeholders", () => {
    const f = parseFlowText(inbound('  Welcome:\n    type: transferToQueue\n    queue: "{{q}}"\n'), FILE);
    expect(messageOf(() => checkSubstitutions(f, { q: "{{other}}" }))).toBe(
      'flows/sales.yaml: flow "Sales": substitution "q": its value contains the placeholder "{{other}}"; substitution values are inserted verbatim and must not contain placeholders',
    );
  });
});
