// The flow model's shape: kinds and node types from their descriptors, located messages for
// every kind of mistake a person makes in a flow file.
import { parseFlowText } from "../../model/load";
import { FLOW_KINDS, KIND_NAMES } from "../../model/kinds";
import { NODE_DESCRIPTORS, NODE_TYPES } from "../../model/nodes";
import { flowText, issuesOf, messageOf } from "../../testkit/portfolio";

const minimal = (kind: string, extra: Record<string, unknown> = {}) => ({
  kind,
  name: "F",
  start: "A",
  nodes: { A: { type: "disconnect" } },
  ...extra,
});

describe("flow kinds and node types are data", () => {
  test("every kind has a descriptor with its Archy key, API types and body", () => {
    expect([...KIND_NAMES].sort()).toEqual([
      "botFlow",
      "commonModule",
      "digitalBot",
      "inQueueCall",
      "inQueueEmail",
      "inQueueShortMessage",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "outboundCall",
      "secureCall",
      "surveyInvite",
      "voiceSurvey",
      "workflow",
      "workitem",
    ]);
    for (const k of KIND_NAMES) {
      const d = FLOW_KINDS[k];
      expect(d.apiType).toBe(d.apiType.toUpperCase());
      expect(d.flowType).toBe(d.apiType.toLowerCase());
      expect(["tasks", "states", "bots", "startUpTaskActions", "startUpState"]).toContain(d.body);
      for (const t of d.nodeTypes) expect(NODE_TYPES).toContain(t);
    }
  });

  test("every node type's descriptor lists transitions the schema accepts", () => {
    for (const t of NODE_TYPES) {
      const d = NODE_DESCRIPTORS[t];
      expect(d.type).toBe(t);
      expect(d.summary.length).toBeGreaterThan(10);
    }
  });

  test("a flow of each non-module kind with one disconnect node loads", () => {
    for (const k of ["inboundCall", "inboundEmail", "inboundShortMessage", "inQueueCall"]) {
      const f = parseFlowText(flowText(minimal(k)), "flows/f.yaml");
      expect(f.model.kind).toBe(k);
      expect((f.model as { defaultLanguage: string }).defaultLanguage).toBe("en-us");
    }
  });
});

describe("shape errors name the file, node and field", () => {
  test("an unknown node type gets a did-you-mean and the valid types", () => {
    const m = messageOf(() =>
      parseFlowText(flowText(minimal("inboundCall", { nodes: { A: { type: "disconect" } } })), "flows/f.yaml"),
    );
    expect(m).toContain(
      'flows/f.yaml: node "A": field "type": unknown node type "disconect"; did you mean "disconnect"?',
    );
  });

  test("an unknown kind lists the kinds", () => {
    const m = messageOf(() => parseFlowText(flowText(minimal("inboundcall")), "flows/f.yaml"));
    expect(m).toContain('unknown flow kind "inboundcall"; did you mean "inboundCall"?');
  });

  test("an unknown key in a node is named with its valid neighbours", () => {
    const m = messageOf(() =>
      parseFlowText(
        flowText(
          minimal("inboundCall", {
            nodes: { A: { type: "playMessage", promt: "Hi", transitions: { next: "B" } }, B: { type: "disconnect" } },
          }),
        ),
        "flows/f.yaml",
      ),
    );
    expect(m).toContain('node "A" (playMessage): field "promt": unknown key; did you mean "prompt"?');
    // The missing `prompt` the typo explains is not reported a second time.
    expect(m).not.toContain('field "prompt"');
  });

  test("a number where an expression is expected says to quote it", () => {
    const m = messageOf(() =>
      parseFlowText(
        flowText(
          minimal("inboundCall", {
            nodes: { A: { type: "decision", expression: 3, transitions: { yes: "A", no: "A" } } },
          }),
        ),
        "flows/f.yaml",
      ),
    );
    expect(m).toContain('field "expression": expected a string, found 3; quote it: "3"');
  });

  test("a YAML syntax error is located at the line of the fault", () => {
    const text = ["kind: inboundCall", "name: F", "start: A", "nodes:", '  A: {type: "disconnect"', "  B: x"].join(
      "\n",
    );
    const [issue] = issuesOf(() => parseFlowText(text, "flows/f.yaml"));
    expect(issue.line).toBeGreaterThanOrEqual(5);
    expect(issue.message).toMatch(/^YAML syntax error/);
  });

  test('keys that collide once read as text ("true" and true) are refused with both places', () => {
    const text = [
      "kind: inboundCall",
      "name: F",
      "start: A",
      "nodes:",
      "  A: {type: disconnect}",
      '  "true": {type: disconnect}',
      "  true: {type: disconnect}",
    ].join("\n");
    const issues = issuesOf(() => parseFlowText(text, "flows/f.yaml"));
    expect(issues).toHaveLength(1);
    expect(issues[0].line).toBe(7);
    expect(issues[0].message).toContain('duplicate key "true" (first at line 6, column 3, written "true")');
  });

  test("a module's compatibleFlowTypes are kind names, with a did-you-mean for API names", () => {
    const m = messageOf(() =>
      parseFlowText(
        flowText({
          ...minimal("commonModule"),
          nodes: { A: { type: "return", outcome: "completed" } },
          compatibleFlowTypes: ["inboundcall"],
        }),
        "flows/m.yaml",
      ),
    );
    expect(m).toContain('field "compatibleFlowTypes[0]"');
    expect(m).toContain('did you mean "inboundCall"?');
  });

  test("flow names follow Genesys's rules (no slash, not ending in -debug)", () => {
    expect(messageOf(() => parseFlowText(flowText(minimal("inboundCall", { name: "a/b" })), "f.yaml"))).toContain(
      "a flow name that contains a slash (/), which Genesys refuses in flow names",
    );
    expect(
      messageOf(() => parseFlowText(flowText(minimal("inboundCall", { name: "Sales-debug" })), "f.yaml")),
    ).toContain("a flow name that ends in -debug, which Genesys reserves");
  });
});
