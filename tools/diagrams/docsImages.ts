// Writes the diagram images the README and docs/diagrams.md show (docs/images/), drawn by Mermaid
// in Chromium (diagram/images.ts): the Sales flow of flows/, and a 50-node flow (the one
// testkit/growFlows.ts adds) whole and as a pull request draws one change in it.
// Run: npm run docs:diagrams   (needs a browser: bash tools/diagrams/browser.sh)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { GITHUB_COLUMN_PX, readability, renderDiagrams } from "../../diagram/images";
import { reviewScope } from "../../diagram/layout";
import { renderFlowDiagram } from "../../diagram/mermaid";
import { diffFlowModels, highlightOf } from "../../diff/flowDiff";
import { parseFlowText } from "../../model/load";
import { growthFlows } from "../../testkit/growFlows";

const ROOT = join(__dirname, "..", "..");
export const IMAGES_DIR = join(ROOT, "docs", "images");

/** Images also written as PNG (the README embeds them); the 10,000 px tall full diagram is SVG only. */
const PNG = new Set(["sales", "fifty-nodes-review"]);

/** name -> Mermaid diagram, for every image of the docs. */
export function docDiagrams(): Map<string, string> {
  const out = new Map<string, string>();
  const sales = parseFlowText(
    readFileSync(join(ROOT, "flows", "calls", "sales.yaml"), "utf8"),
    "flows/calls/sales.yaml",
  );
  out.set("sales", renderFlowDiagram(sales.model));

  const doc = growthFlows()["growth/fifty-nodes.yaml"] as { nodes: Record<string, Record<string, unknown>> };
  const file = "flows/growth/fifty-nodes.yaml";
  const before = parseFlowText(YAML.stringify(doc), file);
  doc.nodes.Step21.prompt = "Thanks for waiting: an agent will answer shortly.";
  doc.nodes.Step22b = { type: "playMessage", prompt: "Calls may be recorded.", transitions: { next: "Step23" } };
  (doc.nodes.Step22.transitions as Record<string, string>).success = "Step22b";
  const after = parseFlowText(YAML.stringify(doc), file);
  out.set("fifty-nodes", renderFlowDiagram(after.model));
  const d = diffFlowModels(new Map([[file, before]]), new Map([[file, after]])).flows[0];
  const hl = highlightOf(d);
  const scope = reviewScope(after.model, new Set([...hl.added, ...hl.changed]));
  if (scope.kind !== "neighbourhood") throw new Error(`expected a neighbourhood, got ${scope.kind}`);
  out.set("fifty-nodes-review", renderFlowDiagram(after.model, { highlight: hl, only: scope.only }));
  return out;
}

if (require.main === module) {
  const diagrams = docDiagrams();
  const names = [...diagrams.keys()];
  const rendered = renderDiagrams([...diagrams.values()], { png: true });
  // Both formats are rendered (one browser run); only the PNGs the docs show are kept.
  mkdirSync(IMAGES_DIR, { recursive: true });
  names.forEach((name, i) => {
    const r = rendered[i];
    writeFileSync(join(IMAGES_DIR, `${name}.svg`), r.svg);
    if (PNG.has(name)) writeFileSync(join(IMAGES_DIR, `${name}.png`), r.png!);
    const read = readability(r);
    process.stdout.write(
      `wrote docs/images/${name}.svg${PNG.has(name) ? " and .png" : ""}: ${Math.round(r.width)}×${Math.round(r.height)} px, text ${read.textPx} px at GitHub's ${GITHUB_COLUMN_PX} px column\n`,
    );
  });
}
