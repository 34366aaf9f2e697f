// Diagrams that scale (diagram/layout.ts and the renderer using it), on a 50-node inbound call flow
// built here (testkit/growFlows.ts: 16 failure transitions into one node, 9 decisions into
// another) and small crafted flows: sections, hubs written as references, collapsed runs, wrapped
// labels, the changed neighbourhood a pull request draws, and that nothing of the flow is lost.
// Sizes as rendered by Mermaid are checked in the render tier (test/render/diagramSize.test.ts).
import fc from "fast-check";
import { join } from "node:path";
import YAML from "yaml";
import {
  edgesOf,
  HUB_IN_DEGREE,
  MAX_REVIEW_NODES,
  MIN_RUN,
  neighbourhood,
  NEIGHBOURHOOD_MIN_NODES,
  planDiagram,
  reviewScope,
  sectionsOf,
} from "../../diagram/layout";
import { MAX_TEXT_LINES, renderFlowDiagram, WRAP_WIDTH, wrap } from "../../diagram/mermaid";
import { parseFlowText } from "../../model/load";
import type { FlowModel } from "../../model/schema";
import { growthFlows } from "../../testkit/growFlows";
import { golden } from "../../testkit/fixtureProject";

const GOLDEN = join(__dirname, "golden", "layout");
const fiftyDoc = () =>
  growthFlows()["growth/fifty-nodes.yaml"] as { nodes: Record<string, Record<string, unknown>> } & Record<
    string,
    unknown
  >;
const load = (doc: unknown, file = "flows/growth/fifty-nodes.yaml"): FlowModel =>
  parseFlowText(YAML.stringify(doc), file).model;
const fifty = load(fiftyDoc());
const full = renderFlowDiagram(fifty);

/** A straight flow: `n` play messages, then a disconnect. */
function straight(n: number): FlowModel {
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    nodes[`P${i}`] = {
      type: "playMessage",
      prompt: `Message ${i}.`,
      transitions: { next: i + 1 < n ? `P${i + 1}` : "End" },
    };
  nodes.End = { type: "disconnect" };
  return load({ kind: "inboundCall", name: "Straight", start: "P0", nodes }, "flows/straight.yaml");
}

describe("the 50-node fixture flow", () => {
  it("has 50 nodes, 16 failure transitions into Sorry and 9 decisions into Agent", () => {
    expect(Object.keys(fifty.nodes)).toHaveLength(50);
    const edges = edgesOf(fifty);
    expect(edges.filter((e) => e.to === "Sorry" && e.failure)).toHaveLength(21);
    expect(edges.filter((e) => e.to === "Agent")).toHaveLength(9);
  });
  it("sections: every node but Sorry is on the main path; Sorry is error handling", () => {
    const sections = sectionsOf(fifty);
    expect([...sections].filter(([, s]) => s === "errors").map(([id]) => id)).toEqual(["Sorry"]);
    expect([...sections].filter(([, s]) => s === "main")).toHaveLength(49);
  });
  it("hubs: transitions into Sorry and Agent are lines in their nodes, not edges across the diagram", () => {
    const plan = planDiagram(fifty);
    expect([...plan.hubs]).toEqual(
      [
        ["Agent", 9],
        ["Sorry", 21],
      ].sort((a, b) => plan.nodes.indexOf(a[0] as string) - plan.nodes.indexOf(b[0] as string)),
    );
    expect(plan.edges.filter((e) => e.to === "Sorry" || e.to === "Agent")).toEqual([]);
    expect(full).not.toMatch(/--> n_Sorry|-\.-> n_Sorry|\| n_Sorry|\| n_Agent/);
    expect(full).toContain("⚠ error → Sorry");
    expect(full).toContain("yes → Agent");
    expect(full).toMatch(/n_Sorry\(\["Sorry<br\/>disconnect<br\/>← 21 transitions"\]\)/);
  });
  it("is grouped: the main path, then error handling", () => {
    expect(full).toContain('  subgraph sg_main["Main path"]');
    expect(full).toContain('  subgraph sg_errors["Error handling"]');
    expect(full.indexOf("sg_main")).toBeLessThan(full.indexOf("sg_errors"));
  });
  it("loses nothing: every node is drawn (alone or in a run) and every transition is an edge or a line", () => {
    const plan = planDiagram(fifty);
    for (const id of Object.keys(fifty.nodes)) expect(full).toMatch(new RegExp(`\\b${id}\\b`));
    const drawnEdges = plan.edges.length + plan.references.length;
    expect(drawnEdges).toBe(edgesOf(fifty).length);
    for (const e of plan.references) expect(full).toContain(`${e.name} → ${e.to}`);
  });
  it("does not depend on the order of keys in the file (byte-identical)", () => {
    const doc = fiftyDoc();
    doc.nodes = Object.fromEntries(Object.entries(doc.nodes).reverse());
    expect(renderFlowDiagram(load(doc))).toBe(full);
  });
  it("golden: the full diagram (UPDATE_GOLDEN=1 rewrites it)", () => {
    golden(GOLDEN, "fifty-nodes.mmd", full);
  });
});

describe("collapsed runs", () => {
  it(`a straight run of ${MIN_RUN} or more simple nodes is one box listing each`, () => {
    const m = straight(6);
    const plan = planDiagram(m);
    expect(plan.runs).toEqual([["P0", "P1", "P2", "P3", "P4", "P5", "End"]]);
    const d = renderFlowDiagram(m);
    expect(d).toContain('run_P0["P0 … End (7 steps)<br/>P0: play: Message 0.<br/>');
    expect(d).toContain("End: disconnect");
    expect(d).toContain('flow_start(("start")) --> run_P0');
    expect(d).not.toMatch(/\bn_P\d/);
  });
  it("shorter runs are drawn node by node", () => {
    expect(planDiagram(straight(MIN_RUN - 2)).runs).toEqual([]);
  });
  it("a highlighted node is never hidden in a run: it splits the run", () => {
    const m = straight(8);
    const d = renderFlowDiagram(m, { highlight: { changed: new Set(["P3"]) } });
    expect(d).toContain("n_P3[/");
    expect(d).toMatch(/^ {2}class n_P3 changed$/m);
    expect(planDiagram(m, { keep: new Set(["P3"]) }).runs).toEqual([
      ["P0", "P1", "P2"],
      ["P4", "P5", "P6", "P7", "End"],
    ]);
  });
  it("a node entered from elsewhere starts a new run; module calls and branches are never in one", () => {
    const plan = planDiagram(fifty);
    for (const run of plan.runs) {
      for (const id of run) expect(["subflow", "decision", "loop"]).not.toContain(fifty.nodes[id].type);
      for (const id of run.slice(1)) expect(edgesOf(fifty).filter((e) => e.to === id)).toHaveLength(1);
    }
  });
});

describe("labels wrap instead of being truncated", () => {
  const longExpression = `Flow.customerTier == "platinum" and Flow.accountBalance > 10000 and not IsNotSetOrEmpty(Flow.accountManagerQueue)`;
  const m = load(
    {
      kind: "inboundCall",
      name: "Long",
      variables: {
        customerTier: { type: "string" },
        accountBalance: { type: "decimal" },
        accountManagerQueue: { type: "string" },
      },
      start: "Route",
      nodes: {
        Route: { type: "decision", expression: longExpression, transitions: { yes: "A", no: "B" } },
        A: { type: "disconnect" },
        B: { type: "disconnect" },
      },
    },
    "flows/long.yaml",
  );
  it("a long decision expression is drawn whole, over several lines", () => {
    const d = renderFlowDiagram(m);
    const route = d.split("\n").find((l) => l.includes("n_Route{"))!;
    expect(route).not.toContain("…");
    const text = route
      .replace(/^.*n_Route\{"|"\}$/g, "")
      .split("<br/>")
      .slice(1)
      .join(" ")
      .replace(/#quot;/g, '"')
      .replace(/#gt;/g, ">");
    expect(text.replace(/\s/g, "")).toBe(`if ${longExpression}`.replace(/\s/g, ""));
  });
  it("every line fits the width; the words are all there (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 150 }), fc.integer({ min: 4, max: 40 }), (text, width) => {
        const lines = wrap(text, width, 1000);
        for (const l of lines) expect([...l].length).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }),
      { numRuns: 300 },
    );
  });
  it(`only text beyond ${MAX_TEXT_LINES} lines is cut, with …`, () => {
    const lines = wrap("word ".repeat(200));
    expect(lines).toHaveLength(MAX_TEXT_LINES);
    expect(lines[MAX_TEXT_LINES - 1].endsWith("…")).toBe(true);
    expect(wrap("a/b.c_d-e,f(g)".repeat(3), 8).every((l) => l.length <= 8)).toBe(true);
    expect(wrap("commonModule · flows/modules/verify.yaml", WRAP_WIDTH)).toEqual([
      "commonModule ·",
      "flows/modules/verify.",
      "yaml",
    ]);
  });
});

describe("the changed neighbourhood a pull request draws", () => {
  const changed = new Set(["Step21", "Step22b"]);
  const doc = fiftyDoc();
  doc.nodes.Step22b = { type: "playMessage", prompt: "An added node.", transitions: { next: "Step23" } };
  (doc.nodes.Step22.transitions as Record<string, string>).success = "Step22b";
  doc.nodes.Step21.prompt = "A changed prompt.";
  const head = load(doc);

  it("is the changed nodes and the nodes one transition away, hubs left out", () => {
    expect([...neighbourhood(head, changed)].sort()).toEqual(["Step20", "Step21", "Step22", "Step22b", "Step23"]);
    expect(neighbourhood(head, new Set(["Sorry"])).size).toBeGreaterThan(HUB_IN_DEGREE);
  });
  it(`a flow of more than ${NEIGHBOURHOOD_MIN_NODES} nodes is drawn by its neighbourhood; a small one whole; too many changes, not at all`, () => {
    const scope = reviewScope(head, changed);
    expect(scope.kind).toBe("neighbourhood");
    expect(scope.nodes).toBe(5);
    expect(reviewScope(straight(5), new Set(["P1"]))).toEqual({ kind: "full", nodes: 6 });
    const all = reviewScope(head, new Set(Object.keys(head.nodes)));
    expect(all).toEqual({ kind: "none", nodes: 51, total: 51 });
    expect(all.nodes).toBeGreaterThan(MAX_REVIEW_NODES);
    expect(reviewScope(head, new Set())).toEqual({ kind: "none", nodes: 0, total: 51 });
  });
  it("draws only those nodes; transitions leaving the view and entering it are lines", () => {
    const scope = reviewScope(head, changed);
    if (scope.kind !== "neighbourhood") throw new Error("expected a neighbourhood");
    const d = renderFlowDiagram(head, {
      highlight: { added: new Set(["Step22b"]), changed: new Set(["Step21"]) },
      only: scope.only,
    });
    const declared = d
      .split("\n")
      .filter((l) => /^\s+n_\w+[[({>/]/.test(l))
      .map((l) => l.trim().split(/[[({>/]/)[0]);
    expect(declared).toEqual(["n_Step20", "n_Step21", "n_Step22", "n_Step22b", "n_Step23"]);
    expect(d).toContain("← from Step19");
    expect(d).toContain("no → Step24");
    expect(d).not.toContain("flow_start");
    expect(d).toMatch(/^ {2}class n_Step22b added$/m);
    golden(GOLDEN, "fifty-nodes-neighbourhood.mmd", d);
  });
});
