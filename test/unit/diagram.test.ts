// Mermaid diagrams of the fixture portfolio (test/fixtures/portfolio): golden files for every
// flow and for the stack diagram, shapes and edges, determinism, escaping, and the flows:diagram
// CLI (one page per flow id, subfolders included). Validity under Mermaid's own parser is in
// diagramMermaid.test.ts. Regenerate goldens with UPDATE_GOLDEN=1 and review them.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import {
  escapeLabel,
  mermaidId,
  nodeOrder,
  renderFlowDiagram,
  renderStackDiagram,
  truncate,
} from "../../diagram/mermaid";
import { parseFlowText } from "../../model/load";
import { readPortfolio } from "../../project/portfolio";
import { main as diagramMain, pageName } from "../../tools/flowsDiagram";
import {
  copyPortfolio,
  editFile,
  filesUnder,
  golden,
  loadPortfolio,
  PORTFOLIO,
  portfolioTexts,
  runMain,
  STACK,
} from "../../testkit/fixtureProject";
import { tempProject } from "../../testkit/tempProject";

const GOLDEN = join(__dirname, "golden", "diagram");
const flows = loadPortfolio();
const flowFiles = [...flows.keys()];
const goldenName = (file: string) => file.replace(/^flows\//, "").replace(/\.yaml$/, ".mmd");
const model = (file: string) => flows.get(file)!.model;

describe("flow diagram golden files (UPDATE_GOLDEN=1 rewrites them)", () => {
  it("the fixture portfolio has flows in subfolders", () => {
    expect(flowFiles).toEqual([
      "flows/calls/sales.yaml",
      "flows/digital/chat.yaml",
      "flows/digital/email.yaml",
      "flows/modules/lookup.yaml",
      "flows/modules/verify.yaml",
      "flows/queue/hold.yaml",
    ]);
  });
  it.each(flowFiles)("%s", (file) => {
    golden(GOLDEN, goldenName(file), renderFlowDiagram(model(file)));
  });
  it("stack diagram of the planned fixture stack (published names)", () => {
    golden(GOLDEN, "stack-test.mmd", renderStackDiagram(readPortfolio(PORTFOLIO, STACK).flows));
  });
  it("stack diagram from plain loaded flows", () => {
    golden(GOLDEN, "stack-flows.mmd", renderStackDiagram([...flows.values()]));
  });
  it("has no stale golden files", () => {
    const expected = [...flowFiles.map(goldenName), "stack-flows.mmd", "stack-test.mmd"].sort();
    expect(filesUnder(GOLDEN)).toEqual(expected);
  });
});

describe("flow diagram shapes and edges", () => {
  const sales = renderFlowDiagram(model("flows/calls/sales.yaml"));
  const verify = renderFlowDiagram(model("flows/modules/verify.yaml"));
  const hold = renderFlowDiagram(model("flows/queue/hold.yaml"));

  it("marks the start node first", () => {
    expect(sales.split("\n").slice(0, 2)).toEqual(["flowchart TD", '  flow_start(("start")) --> n_Welcome']);
    expect(verify.split("\n")[1]).toBe('  flow_start(("start")) --> n_Attempts');
  });
  it("one shape per node type; subflow and terminal nodes get their class", () => {
    expect(sales).toContain('  n_Welcome[/"Welcome<br/>play: Welcome to<br/>{{brand}} sales."/]');
    expect(sales).toContain('  n_Verify[["Verify<br/>Verify the caller<br/>call module Verify"]]');
    expect(sales).toContain('  n_IsVerified{"IsVerified<br/>if Flow.verified"}');
    expect(sales).toContain('  n_SetTier["SetTier<br/>tier = Append(#quot;verified<br/>#quot;, Flow.tier)"]');
    expect(sales).toContain('  n_ToSales>"ToSales<br/>transfer to<br/>{{sales_queue}}"]');
    expect(sales).toContain('  n_Bye(["Bye<br/>disconnect"])');
    expect(sales).toMatch(/^ {2}class n_Verify subflow$/m);
    // ToSales is terminal but has a failure transition: it is not drawn as an end.
    expect(sales).toMatch(/^ {2}class n_Bye terminal$/m);
    expect(verify).toContain('  n_Attempts{{"Attempts<br/>Three tries<br/>loop at most 3×"}}');
    expect(verify).toContain('  n_AskPin[/"AskPin<br/>collect 4 digits → pin"\\]');
    expect(verify).toContain('  n_Verified(["Verified<br/>return completed"])');
    expect(hold).toContain('  n_Music["Music<br/>Hold music<br/>archy: playAudio"]');
    expect(hold).toMatch(/^ {2}class n_Music terminal$/m);
  });
  it("names the transitions of nodes with several; failure and error paths are dotted; a loop's back edge is drawn", () => {
    expect(sales).toContain('  n_Verify -->|"completed"| n_IsVerified');
    expect(sales).toContain('  n_Verify -.->|"error"| n_ToSales');
    expect(sales).toContain('  n_ToSales -.->|"failure"| n_Bye');
    expect(verify).toContain('  n_Attempts -->|"body"| n_AskPin');
    expect(verify).toContain('  n_Attempts -->|"done"| n_Failed');
    expect(verify).toContain('  n_AskPin -.->|"failure"| n_Attempts');
    // A node's only transition is not named.
    expect(verify).toContain("  n_TryAgain --> n_Attempts");
    // Every transition of the model is one edge (this flow has one section, no hub, no run).
    const edges = verify.split("\n").filter((l) => /-(-|\.-)>/.test(l) && !l.includes("flow_start"));
    expect(edges).toHaveLength(9);
  });
  it("orders nodes breadth-first from the start, unreachable ones last, sorted", () => {
    expect(nodeOrder(model("flows/modules/verify.yaml"))).toEqual([
      "Attempts",
      "AskPin",
      "Failed",
      "CheckPin",
      "Lookup",
      "TryAgain",
      "Verified",
    ]);
    const withOrphans = parseFlowText(
      portfolioTexts().get("flows/digital/chat.yaml")! +
        "  Zeta:\n    type: disconnect\n  Alpha:\n    type: disconnect\n",
      "flows/digital/chat.yaml",
    );
    expect(nodeOrder(withOrphans.model)).toEqual(["IsNew", "ToChat", "Done", "Alpha", "Zeta"]);
  });
  it("highlights added and changed nodes and lists removed ones in a note", () => {
    const d = renderFlowDiagram(model("flows/calls/sales.yaml"), {
      highlight: {
        added: new Set(["SetTier"]),
        changed: new Set(["Verify", "IsVerified"]),
        removed: new Set(["Old", "Gone"]),
      },
    });
    expect(d).toMatch(/^ {2}class n_SetTier added$/m);
    // A highlight wins over the subflow class.
    expect(d).toMatch(/^ {2}class n_Verify,n_IsVerified changed$/m);
    expect(d).not.toMatch(/^ {2}class n_Verify subflow$/m);
    expect(d).toContain('  removed_nodes["removed: Gone, Old"]');
    expect(d).toMatch(/^ {2}classDef added fill:#d7f5dd/m);
    expect(d).toMatch(/^ {2}classDef changed fill:#fff1c2/m);
    expect(d).toMatch(/^ {2}classDef removed /m);
    expect(sales).not.toMatch(/classDef (added|changed|removed)/);
  });
  it("does not depend on the order of keys in the file", () => {
    const text = portfolioTexts().get("flows/modules/verify.yaml")!;
    const doc = YAML.parse(text);
    doc.nodes = Object.fromEntries(Object.entries(doc.nodes).reverse());
    for (const n of Object.values(doc.nodes) as Array<Record<string, unknown>>) {
      if (n.transitions) n.transitions = Object.fromEntries(Object.entries(n.transitions as object).reverse());
    }
    const reordered = parseFlowText(YAML.stringify(doc), "flows/modules/verify.yaml");
    expect(renderFlowDiagram(reordered.model)).toBe(verify);
  });
  it("the direction can be left to right", () => {
    expect(renderFlowDiagram(model("flows/digital/chat.yaml"), { direction: "LR" })).toMatch(/^flowchart LR\n/);
  });
});

describe("stack diagram", () => {
  const planned = readPortfolio(PORTFOLIO, STACK).flows;
  const d = renderStackDiagram(planned);
  it("draws modules as subroutines, other flows as boxes, with kind, file and published name", () => {
    expect(d).toContain(
      '  module_1[["Lookup<br/>commonModule ·<br/>flows/modules/lookup.<br/>yaml<br/>published as test-Lookup"]]',
    );
    expect(d).toContain(
      '  module_2[["Verify<br/>commonModule ·<br/>flows/modules/verify.<br/>yaml<br/>published as test-Verify"]]',
    );
    expect(d).toContain('  flow_1["Sales<br/>inboundCall ·<br/>flows/calls/sales.yaml<br/>published as test-Sales"]');
    expect(d).toMatch(/^ {2}class module_1,module_2 module$/m);
  });
  it("draws an edge from every caller to each module it calls, a module calling a module included", () => {
    const edges = d.split("\n").filter((l) => l.includes("-->"));
    expect(edges).toEqual([
      '  module_2 -->|"Lookup"| module_1',
      '  flow_1 -->|"Verify"| module_2',
      '  flow_3 -->|"Lookup"| module_1',
    ]);
    expect(d).toContain(
      '  flow_3["Email<br/>inboundEmail ·<br/>flows/digital/email.yaml<br/>published as test-Email"]',
    );
  });
  it("a called module missing from the set is drawn once, as missing", () => {
    const withoutLookup = [...flows.values()].filter((f) => f.model.name !== "Lookup");
    const m = renderStackDiagram(withoutLookup);
    expect(m).toContain('  missing_1[["Lookup<br/>module not in this set"]]');
    expect(m.split("\n").filter((l) => l.endsWith("missing_1"))).toEqual([
      '  module_1 -->|"Lookup"| missing_1',
      '  flow_3 -->|"Lookup"| missing_1',
    ]);
    expect(m).toMatch(/^ {2}class missing_1 removed$/m);
  });
  it("does not depend on the order of its input", () => {
    expect(renderStackDiagram([...planned].reverse())).toBe(d);
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
    expect(escapeLabel("a\nb\r\nc\u0007d\u2028e")).toBe("a b c d e");
  });
  it("truncates long lines by code points", () => {
    expect(truncate("x".repeat(60), 10)).toBe("xxxxxxxxx…");
    expect(truncate("😀".repeat(12), 10)).toBe(`${"😀".repeat(9)}…`);
    expect(truncate("  short \n text ")).toBe("short text");
  });
});

describe("flows:diagram", () => {
  it("writes README.md and one page per flow id, in subfolders, with relative links; exits 0", () => {
    const out = tempProject({}, { prefix: "flows-diagram-" });
    const r = runMain(diagramMain, ["--root", PORTFOLIO, "--stack", STACK, "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(filesUnder(out)).toEqual([
      "README.md",
      "calls/sales.md",
      "digital/chat.md",
      "digital/email.md",
      "modules/lookup.md",
      "modules/verify.md",
      "queue/hold.md",
    ]);
    expect(r.out.split("\n").filter(Boolean)).toHaveLength(7);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toMatch(/^# Flows of stack test\n/);
    expect(readme).toContain(`\`\`\`mermaid\n${renderStackDiagram(readPortfolio(PORTFOLIO, STACK).flows)}\`\`\``);
    expect(readme).toContain("| [Sales](calls/sales.md) | inboundCall | `flows/calls/sales.yaml` | `test-Sales` |");
    expect(readme).toContain(
      "| [Lookup](modules/lookup.md) | commonModule | `flows/modules/lookup.yaml` | `test-Lookup` |",
    );
    const sales = readFileSync(join(out, "calls", "sales.md"), "utf8");
    expect(sales).toMatch(
      /^# Sales\n\nInbound call flow from `flows\/calls\/sales.yaml`, published in stack `test` as `test-Sales`.\n\nSales line.\n/,
    );
    expect(sales).toContain(`\`\`\`mermaid\n${renderFlowDiagram(model("flows/calls/sales.yaml"))}\`\`\``);
    expect(sales).toContain("[Back to the stack](../README.md)");
    expect(pageName("calls/sales")).toBe("calls/sales.md");
  });
  it("exits 1 with the located error when a flow does not load or check; nothing is written", () => {
    const root = copyPortfolio("flows-diagram-root-");
    editFile(root, "flows/digital/chat.yaml", "no: Done", "no: Dne");
    const out = join(root, "out");
    const r = runMain(diagramMain, ["--root", root, "--stack", STACK, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'flows/digital/chat.yaml: node "IsNew" (decision): transition "no" points to "Dne", no such node; did you mean "Done"?\n',
    );
    expect(filesUnder(out)).toEqual([]);
  });
  it("exits 1 on a missing stack file, 2 on usage errors", () => {
    const r = runMain(diagramMain, [
      "--root",
      PORTFOLIO,
      "--stack",
      "nope",
      "--out",
      tempProject({}, { prefix: "d-" }),
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Pulumi\.nope\.yaml: no such stack file/);
    expect(runMain(diagramMain, ["--bogus"]).code).toBe(2);
    expect(runMain(diagramMain, ["--stack", ""]).code).toBe(2);
    const help = runMain(diagramMain, ["-h"]);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: npm run flows:diagram/);
  });
});

describe("flows:diagram writes nothing over the sources", () => {
  it("refuses --out flows without --force, naming a page; writes nothing", () => {
    const root = copyPortfolio("flows-diagram-guard-");
    const before = filesUnder(join(root, "flows"));
    try {
      const r = runMain(diagramMain, ["--root", root, "--stack", STACK, "--out", join(root, "flows")]);
      expect(r.code).toBe(1);
      expect(r.err).toContain("flows/README.md: nothing written: it is in the project's sources (flows/)");
      expect(filesUnder(join(root, "flows"))).toEqual(before);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
