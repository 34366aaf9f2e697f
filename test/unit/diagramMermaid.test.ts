// The diagrams are valid Mermaid: every one is parsed by Mermaid's own parser (`mermaid.parse`,
// the npm `mermaid` package, in a child Node process with a jsdom window since Mermaid sanitizes
// labels with DOMPurify). Needs the devDependencies mermaid and jsdom: without them the test
// fails and says so. Deliberately broken diagrams must be rejected, proving the check is real.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import YAML from "yaml";
import { neighbourhood } from "../../diagram/layout";
import { renderFlowDiagram, renderStackDiagram } from "../../diagram/mermaid";
import { diffFlowModels, highlightOf } from "../../diff/flowDiff";
import { parseFlowText } from "../../model/load";
import { readPortfolio } from "../../project/portfolio";
import { growthFlows } from "../../testkit/growFlows";
import { loadPortfolio, PORTFOLIO, replaceIn, STACK } from "../../testkit/fixtureProject";

const ROOT = join(__dirname, "..", "..");

// Runs in a child process: Mermaid is ESM-only and needs a DOM, neither of which jest's
// CommonJS node environment gives. Reads a JSON list of diagrams on stdin, prints results.
const PARSE_SCRIPT = `
import { pathToFileURL } from "node:url";
const jsdom = (await import(pathToFileURL(process.env.JSDOM_ENTRY).href)).default;
const dom = new jsdom.JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import(pathToFileURL(process.env.MERMAID_ENTRY).href)).default;
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const r = await mermaid.parse(text);
    results.push({ ok: true, diagramType: r.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e && e.message ? e.message : e) });
  }
}
process.stdout.write(JSON.stringify({ results }));
`;

function resolveDep(name: string): string {
  try {
    return require.resolve(name, { paths: [ROOT] });
  } catch {
    throw new Error(
      `the Mermaid validity test needs the npm package "${name}" (devDependencies mermaid and jsdom); run npm ci`,
    );
  }
}

type ParseResult = { ok: boolean; diagramType?: string; error?: string };

/** Parses every diagram with Mermaid itself. */
function mermaidParse(diagrams: string[]): ParseResult[] {
  const env = { ...process.env, MERMAID_ENTRY: resolveDep("mermaid"), JSDOM_ENTRY: resolveDep("jsdom") };
  const r = spawnSync(process.execPath, ["--input-type=module", "--no-warnings", "-e", PARSE_SCRIPT], {
    input: JSON.stringify(diagrams),
    encoding: "utf8",
    env,
    timeout: 60000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`the Mermaid parser process failed (exit ${r.status}): ${r.stderr || r.error}`);
  return (JSON.parse(r.stdout) as { results: ParseResult[] }).results;
}

// A flow whose every text is hostile to Mermaid: keywords as ids, quotes, brackets, entities,
// markup, backticks, unicode, placeholders, a loop.
const NASTY = `
kind: inboundCall
name: "Nasty \\"quoted\\" [flow] {x} (y) <b>é<b>"
variables:
  v:
    type: string
start: end
nodes:
  end:
    type: playMessage
    label: 'end "graph" [subgraph] {click} (style) |pipe| #quot; &amp; <br/> \`md\` 日本語 😀 -->'
    prompt: "Say \\"hi\\" --> ; ::: %% comment {{brand}} [[x]] ((y)) >z] \\\\ / \\\\"
    transitions:
      next: subgraph
  subgraph:
    type: loop
    label: "{{loop}} }} ((x))"
    maxLoops: 2
    transitions:
      body: graph
      done: click
  graph:
    type: collectDigits
    prompt: "x"
    variable: v
    maxDigits: 4
    transitions:
      success: style
      failure: subgraph
  style:
    type: setVariable
    variable: v
    value: 'Append("a\\"b", "{", "]", "}")'
    transitions:
      next: class
  class:
    type: subflow
    module: 'Mod "x" [y]'
    transitions:
      completed: classDef
      error: subgraph
  classDef:
    type: transferToQueue
    queue: "{{queue}} <q> \\"z\\""
    transitions:
      failure: click
  click:
    type: disconnect
`;

function diagramsToCheck(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const flows = loadPortfolio();
  for (const f of flows.values()) out.push([f.file, renderFlowDiagram(f.model)]);
  out.push(["stack (loaded flows)", renderStackDiagram([...flows.values()])]);
  out.push(["stack (planned)", renderStackDiagram(readPortfolio(PORTFOLIO, STACK).flows)]);
  const nasty = parseFlowText(NASTY, "flows/nasty.yaml");
  out.push(["nasty", renderFlowDiagram(nasty.model)]);
  out.push(["nasty LR", renderFlowDiagram(nasty.model, { direction: "LR" })]);
  out.push([
    "nasty highlighted",
    renderFlowDiagram(nasty.model, {
      highlight: { added: new Set(["end"]), changed: new Set(["graph"]), removed: new Set(["Old"]) },
    }),
  ]);
  out.push(["stack with a missing module", renderStackDiagram([nasty])]);
  // A diff's highlighted diagram: the outer module with a node renamed.
  const file = "flows/modules/verify.yaml";
  const head = loadPortfolio(replaceIn(file, /\bCheckPin\b/g, "ValidPin"));
  const d = diffFlowModels(flows, head).flows.find((f) => f.file === file)!;
  out.push(["verify diff", renderFlowDiagram(head.get(file)!.model, { highlight: highlightOf(d) })]);
  // Diagrams that scale: sections (an unreachable one too), hubs, a collapsed run, a partial view.
  const doc = growthFlows()["growth/fifty-nodes.yaml"] as { nodes: Record<string, unknown> };
  doc.nodes.Orphan = { type: "playMessage", prompt: 'An "orphan" [x]', transitions: { next: "Sorry" } };
  for (let i = 0; i < 4; i++)
    doc.nodes[`Tail${i}`] = {
      type: "playMessage",
      prompt: `Tail ${i}.`,
      transitions: { next: i < 3 ? `Tail${i + 1}` : "Sorry" },
    };
  (doc.nodes.Sorry as Record<string, unknown>) = {
    type: "playMessage",
    prompt: "Sorry.",
    transitions: { next: "Tail0" },
  };
  const fifty = parseFlowText(YAML.stringify(doc), "flows/growth/fifty-nodes.yaml").model;
  out.push(["fifty nodes, grouped", renderFlowDiagram(fifty)]);
  const only = neighbourhood(fifty, new Set(["Step21"]));
  out.push([
    "fifty nodes, neighbourhood",
    renderFlowDiagram(fifty, { highlight: { changed: new Set(["Step21"]), removed: new Set(["Gone"]) }, only }),
  ]);
  return out;
}

describe("Mermaid's own parser accepts the diagrams", () => {
  it("parses every fixture flow, the stack diagrams, hostile labels and diff highlights; rejects broken diagrams", () => {
    const good = diagramsToCheck();
    const sales = good.find(([name]) => name === "flows/calls/sales.yaml")![1];
    const broken: Array<[string, string]> = [
      // Brackets in an unquoted label (why every label is a quoted string).
      ["unquoted brackets", "flowchart TD\n  n_a[say [hi]] --> n_b\n"],
      // A label whose quote is never closed.
      ["unterminated label", 'flowchart TD\n  n_a["say hi] --> n_b\n'],
      // A Mermaid keyword used as a bare node id (why ids are prefixed).
      ["keyword id", "flowchart TD\n  end --> n_b\n"],
      // A rendered diagram with an edge cut in half.
      ["truncated edge", sales.replace('-->|"completed"| n_IsVerified', '-->|"completed"|')],
    ];
    expect(broken[3][1]).not.toBe(sales);
    const results = mermaidParse([...good, ...broken].map(([, d]) => d));
    good.forEach(([name], i) => {
      expect({ name, ...results[i] }).toEqual({ name, ok: true, diagramType: "flowchart-v2" });
    });
    broken.forEach(([name], i) => {
      const r = results[good.length + i];
      expect({ name, ok: r.ok }).toEqual({ name, ok: false });
      expect(r.error).toMatch(/Parse error|Expecting|Lexical error/);
    });
  });
});
