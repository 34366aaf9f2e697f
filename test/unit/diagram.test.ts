// Mermaid diagrams: golden files for every example flow and the stack diagram, determinism,
// escaping of flow text and sanitizing of node ids. Validity under Mermaid's own parser is in
// diagramMermaid.test.ts. Regenerate goldens with: UPDATE_GOLDEN=1 npx jest --selectProjects unit
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { loadFlowFile, parseFlowText } from "../../components/model/loader";
import { buildFlowSet } from "../../components/flowSet";
import { parseStackConfig } from "../../components/stackConfig";
import {
  escapeLabel,
  mermaidId,
  renderFlowDiagram,
  renderStackDiagram,
  truncate,
} from "../../components/diagram/mermaid";

const ROOT = join(__dirname, "..", "..");
const GOLDEN = join(__dirname, "golden", "diagram");
const flowFiles = readdirSync(join(ROOT, "flows")).filter((f) => f.endsWith(".yaml")).sort();
const load = (f: string) => loadFlowFile(join(ROOT, "flows", f), `flows/${f}`);

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

function localFlowSet() {
  const raw = YAML.parse(readFileSync(join(ROOT, "Pulumi.local.yaml"), "utf8"));
  return buildFlowSet(parseStackConfig(raw.config, "Pulumi.local.yaml"), (f) => readFileSync(join(ROOT, f), "utf8"));
}

describe("flow diagram golden files (UPDATE_GOLDEN=1 rewrites them)", () => {
  it.each(flowFiles)("%s", (file) => {
    const d = renderFlowDiagram(load(file).model);
    golden(file.replace(/\.yaml$/, ".mmd"), d);
    expect(renderFlowDiagram(load(file).model)).toBe(d);
  });
  it("stack diagram of the local stack (from the planner's FlowSet)", () => {
    golden("stack-local.mmd", renderStackDiagram(localFlowSet()));
  });
  it("stack diagram from plain loaded flows", () => {
    golden("stack-flows.mmd", renderStackDiagram(flowFiles.map(load)));
  });
  it("has no stale golden files", () => {
    const expected = new Set([...flowFiles.map((f) => f.replace(/\.yaml$/, ".mmd")), "stack-local.mmd", "stack-flows.mmd"]);
    for (const g of readdirSync(GOLDEN)) expect(expected.has(g)).toBe(true);
  });
});

describe("flow diagram shapes and edges", () => {
  const sales = renderFlowDiagram(load("sales.yaml").model);
  it("draws subflow nodes as subroutines with their own class, decisions as rhombi, terminals as stadiums", () => {
    expect(sales).toContain('  n_Verify[["Verify<br/>Verify the caller<br/>call module VerifyCaller"]]');
    expect(sales).toMatch(/^  class n_Verify subflow$/m);
    expect(sales).toMatch(/^  n_Route\{"Route<br\/>New order\?<br\/>if Flow\.choice == #quot;1#quot;"\}$/m);
    expect(sales).toContain('  n_Goodbye(["Goodbye<br/>disconnect"])');
  });
  it("labels every transition; error paths are dotted", () => {
    expect(sales).toContain('  n_Verify -->|"completed"| n_Menu');
    expect(sales).toContain('  n_Verify -.->|"error"| n_TransferGeneral');
    expect(sales).toContain('  n_Menu -.->|"failure"| n_TransferGeneral');
  });
  it("marks the start node", () => {
    expect(sales.split("\n")[1]).toBe('  flow_start(("start")) --> n_Welcome');
  });
  it("highlights added and changed nodes and lists removed ones in a note", () => {
    const d = renderFlowDiagram(load("sales.yaml").model, {
      highlight: { added: new Set(["Menu"]), changed: new Set(["Verify", "Route"]), removed: new Set(["Old", "Gone"]) },
    });
    expect(d).toMatch(/^  class n_Menu added$/m);
    expect(d).toMatch(/^  class n_Verify,n_Route changed$/m);
    expect(d).toContain('  removed_nodes["removed: Gone, Old"]');
    expect(d).toMatch(/^  classDef added fill:#d7f5dd/m);
    expect(d).toMatch(/^  classDef changed fill:#fff1c2/m);
  });
  it("does not depend on the order of keys in the file", () => {
    const text = readFileSync(join(ROOT, "flows", "sales.yaml"), "utf8");
    const doc = YAML.parse(text);
    doc.nodes = Object.fromEntries(Object.entries(doc.nodes).reverse());
    const reordered = parseFlowText(YAML.stringify(doc), "flows/sales.yaml");
    expect(renderFlowDiagram(reordered.model)).toBe(sales);
  });
});

describe("escaping and ids", () => {
  it("prefixes node ids, so Mermaid keywords are safe", () => {
    expect(mermaidId("end")).toBe("n_end");
    expect(mermaidId("graph")).toBe("n_graph");
  });
  it("escapes quotes and markup characters, keeps unicode", () => {
    expect(escapeLabel(`say "hi" <b> & #1 \`x\` [a]{b}(c) é 日本 😀`)).toBe(
      "say #quot;hi#quot; #lt;b#gt; #amp; #35;1 #96;x#96; [a]{b}(c) é 日本 😀",
    );
    expect(escapeLabel("a\nb\r\nc\u0007d")).toBe("a b c d");
  });
  it("truncates long lines by code points", () => {
    expect(truncate("x".repeat(60), 10)).toBe("xxxxxxxxx…");
    expect(truncate("😀".repeat(12), 10)).toBe("😀".repeat(9) + "…");
    expect(truncate("short")).toBe("short");
  });
});
