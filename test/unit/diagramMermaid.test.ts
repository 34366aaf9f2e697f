// The diagrams are valid Mermaid: every one is parsed by Mermaid's own parser (`mermaid.parse`,
// the npm `mermaid` package, in a child Node process with a jsdom window since Mermaid sanitizes
// labels with DOMPurify). Needs the devDependencies mermaid and jsdom: without them the test
// fails and says so. A deliberately broken diagram must be rejected, proving the check is real.
import { spawnSync } from "child_process";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { loadFlowFile, parseFlowText } from "../../components/model/loader";
import { buildFlowSet } from "../../components/flowSet";
import { parseStackConfig } from "../../components/stackConfig";
import { renderFlowDiagram, renderStackDiagram } from "../../components/diagram/mermaid";
import { diffFlowModels, highlightOf } from "../../components/diff/flowDiff";
import type { LoadedFlow } from "../../components/model/schema";

const ROOT = join(__dirname, "..", "..");
const flowFiles = readdirSync(join(ROOT, "flows")).filter((f) => f.endsWith(".yaml")).sort();
const load = (f: string) => loadFlowFile(join(ROOT, "flows", f), `flows/${f}`);

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
      `the Mermaid validity test needs the npm package "${name}" (devDependencies mermaid@12.3.0 and jsdom@26.1.0); run npm install`,
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
// markup, backticks, unicode, placeholders.
const NASTY = `
kind: inboundCall
name: "Nasty \\"quoted\\" [flow] {x} (y) <b>é</b>"
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
      next: graph
  graph:
    type: collectDigits
    prompt: "x"
    variable: v
    maxDigits: 4
    transitions:
      success: subgraph
      failure: click
  subgraph:
    type: decision
    expression: 'Flow.v == "1" and Flow.v != "}" or Flow.v == "]"'
    transitions:
      yes: style
      no: click
  style:
    type: setVariable
    variable: v
    value: 'Append("a\\"b", "{")'
    transitions:
      next: class
  class:
    type: subflow
    module: 'Mod "x" [y]'
    transitions:
      completed: classDef
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
  const flows = flowFiles.map(load);
  for (const f of flows) out.push([f.file, renderFlowDiagram(f.model)]);
  out.push(["stack (flows)", renderStackDiagram(flows)]);
  const raw = YAML.parse(readFileSync(join(ROOT, "Pulumi.local.yaml"), "utf8"));
  const set = buildFlowSet(parseStackConfig(raw.config, "Pulumi.local.yaml"), (f) => readFileSync(join(ROOT, f), "utf8"));
  out.push(["stack (local FlowSet)", renderStackDiagram(set)]);
  const nasty = parseFlowText(NASTY, "flows/nasty.yaml");
  out.push(["nasty", renderFlowDiagram(nasty.model)]);
  out.push(["nasty highlighted", renderFlowDiagram(nasty.model, { highlight: { added: new Set(["end"]), changed: new Set(["graph"]), removed: new Set(["Old"]) } })]);
  out.push(["stack with a missing module", renderStackDiagram([nasty])]);
  // A diff's highlighted diagram: the sales flow with a node renamed.
  const salesText = readFileSync(join(ROOT, "flows", "sales.yaml"), "utf8");
  const base = new Map<string, LoadedFlow>([["flows/sales.yaml", parseFlowText(salesText, "flows/sales.yaml")]]);
  const head = new Map<string, LoadedFlow>([["flows/sales.yaml", parseFlowText(salesText.replace(/\bMenu\b/g, "MainMenu"), "flows/sales.yaml")]]);
  const d = diffFlowModels(base, head).flows[0];
  out.push(["sales diff", renderFlowDiagram(head.get("flows/sales.yaml")!.model, { highlight: highlightOf(d) })]);
  return out;
}

describe("Mermaid's own parser accepts the diagrams", () => {
  it("parses every example flow, the stack diagrams, hostile labels and diff highlights; rejects broken diagrams", () => {
    const good = diagramsToCheck();
    const broken: Array<[string, string]> = [
      // Brackets in an unquoted label (why every label is a quoted string).
      ["unquoted brackets", "flowchart TD\n  n_a[say [hi]] --> n_b\n"],
      // A label whose quote is never closed.
      ["unterminated label", 'flowchart TD\n  n_a["say hi] --> n_b\n'],
      // A Mermaid keyword used as a bare node id (why ids are prefixed).
      ["keyword id", "flowchart TD\n  end --> n_b\n"],
      // A rendered diagram with a line cut in half.
      ["truncated edge", renderFlowDiagram(load("sales.yaml").model).replace('-->|"next"| n_Verify', '-->|"next"|')],
    ];
    const results = mermaidParse([...good, ...broken].map(([, d]) => d));
    good.forEach(([name], i) => {
      expect({ name, ...results[i] }).toEqual({ name, ok: true, diagramType: "flowchart-v2" });
    });
    broken.forEach(([name], i) => {
      const r = results[good.length + i];
      expect({ name, ok: r.ok }).toEqual({ name, ok: false });
      expect(r.error).toMatch(/Parse error|Expecting|Lexical error/);
    });
  }, 90000);
});
