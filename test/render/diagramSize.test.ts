// Render tier: diagrams drawn by Mermaid itself (@mermaid-js/mermaid-cli in headless Chromium,
// diagram/images.ts) and measured as GitHub shows them. GitHub fits a diagram to its Markdown
// column (GITHUB_COLUMN_PX, 830 px) and scrolls the height; the text a reader sees is Mermaid's
// font size times that scale, and must be at least MIN_TEXT_PX (11 px). Needs a browser:
// `bash tools/diagrams/browser.sh` installs Debian's chromium (npm test runs it first).
// The flows are built here: a 50-node inbound call flow (testkit/growFlows.ts) changed
// by one edited and one added node, as a 20-flow pull request.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import YAML from "yaml";
import {
  GITHUB_COLUMN_PX,
  measureSvg,
  MIN_TEXT_PX,
  readability,
  renderDiagrams,
  type RenderedDiagram,
} from "../../diagram/images";
import { renderFlowDiagram } from "../../diagram/mermaid";
import { renderDiffComment } from "../../diff/comment";
import { diffFlowModels } from "../../diff/flowDiff";
import { parseFlowText } from "../../model/load";
import type { LoadedFlow } from "../../model/schema";
import { main as diagramMain } from "../../tools/flowsDiagram";
import { writeDiagrams } from "../../tools/flowsDiff";
import { growthFlows } from "../../testkit/growFlows";
import { filesUnder, PORTFOLIO, runMain, STACK } from "../../testkit/fixtureProject";

/** A pull request's reader should not scroll more than this through one flow's diagram. */
const MAX_REVIEW_HEIGHT_PX = 1600;

function portfolio(): { base: Map<string, LoadedFlow>; head: Map<string, LoadedFlow> } {
  const g = growthFlows();
  const base = new Map<string, LoadedFlow>();
  const head = new Map<string, LoadedFlow>();
  const module = parseFlowText(YAML.stringify(g["growth/escalate.yaml"]), "flows/growth/escalate.yaml");
  base.set(module.file, module);
  head.set(module.file, module);
  for (let i = 0; i < 20; i++) {
    const file = `flows/growth/flow-${String(i).padStart(2, "0")}.yaml`;
    const doc = JSON.parse(JSON.stringify(g["growth/fifty-nodes.yaml"]));
    doc.name = `Growth${i}`;
    base.set(file, parseFlowText(YAML.stringify(doc), file));
    doc.nodes.Step21.prompt = "Thanks for waiting. Your call matters to us: an agent will answer shortly.";
    doc.nodes.Step22b = { type: "playMessage", prompt: "An added message.", transitions: { next: "Step23" } };
    doc.nodes.Step22.transitions.success = "Step22b";
    head.set(file, parseFlowText(YAML.stringify(doc), file));
  }
  return { base, head };
}

const { base, head } = portfolio();
const flow = head.get("flows/growth/flow-00.yaml")!.model;
const comment = renderDiffComment(diffFlowModels(base, head), head, {
  base: "origin/main",
  reportUrl: "https://github.com/o/r/actions/runs/1",
});
const commentDiagrams = [...comment.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);

let review: RenderedDiagram;
let full: RenderedDiagram;
let fullLR: RenderedDiagram;
let again: RenderedDiagram;
beforeAll(() => {
  [review, full, fullLR, again] = renderDiagrams([
    commentDiagrams[0],
    renderFlowDiagram(flow),
    renderFlowDiagram(flow, { direction: "LR" }),
    commentDiagrams[0],
  ]);
  const line = (name: string, d: RenderedDiagram) => {
    const r = readability(d);
    return `${name}: ${Math.round(d.width)}×${Math.round(d.height)} px, font ${d.fontSize} px -> at ${GITHUB_COLUMN_PX} px: text ${r.textPx} px, ${r.shownHeight} px high`;
  };
  process.stdout.write(
    `${[
      "measured:",
      line("review (changed neighbourhood)", review),
      line("full", full),
      line("full, left to right", fullLR),
    ].join("\n  ")}\n`,
  );
}, 300_000);

describe(`a 50-node flow read in GitHub's ${GITHUB_COLUMN_PX} px column (text >= ${MIN_TEXT_PX} px)`, () => {
  it("the pull-request comment draws its changed neighbourhood: every changed flow has one, of a few nodes", () => {
    expect(commentDiagrams.length).toBeGreaterThan(0);
    expect(commentDiagrams[0]).toContain("n_Step22b");
    expect(commentDiagrams[0]).not.toContain("n_Step40");
  });
  it(`the changed neighbourhood fits the column with readable text and at most ${MAX_REVIEW_HEIGHT_PX} px of height`, () => {
    const r = readability(review);
    expect(review.width).toBeLessThanOrEqual(GITHUB_COLUMN_PX);
    expect(r.textPx).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    expect(r.shownHeight).toBeLessThanOrEqual(MAX_REVIEW_HEIGHT_PX);
  });
  it("the full diagram fits the column's width with readable text; being 50 nodes long, it scrolls down", () => {
    const r = readability(full);
    expect(r.readable).toBe(true);
    expect(r.textPx).toBeGreaterThanOrEqual(MIN_TEXT_PX);
    // A single column of 50 nodes: taller than a screen, by design (see docs/diagrams.md).
    expect(full.height).toBeGreaterThan(full.width);
  });
  it("the check can fail: the same flow drawn left to right is scaled down below the threshold", () => {
    const r = readability(fullLR);
    expect(fullLR.width).toBeGreaterThan(GITHUB_COLUMN_PX);
    expect(r.readable).toBe(false);
    expect(r.textPx).toBeLessThan(MIN_TEXT_PX);
  });
  it("rendering is deterministic: the same diagram gives a byte-identical SVG", () => {
    expect(again.svg).toBe(review.svg);
  });
});

/** The test's scratch folders, removed when the file's tests end (pass or fail). */
const scratch: string[] = [];
const removeAfterAll = (dir: string) => scratch.push(dir);
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("flows:diff --diagrams --images", () => {
  it("writes each changed flow's full diagram as Markdown and as an SVG Mermaid drew", () => {
    const diff = diffFlowModels(base, head);
    const two = { ...diff, flows: diff.flows.slice(0, 2) };
    const dir = mkdtempSync(join(tmpdir(), "flow-diagrams-"));
    removeAfterAll(dir);
    const sink = () => new Writable({ write: (_c, _e, done) => done() });
    const written = writeDiagrams(
      {
        text: "",
        problems: [],
        refusals: [],
        warnings: [],
        diff: two,
        head,
        base: new Map(),
        changedModules: [],
        routing: { numbers: [], objects: [] },
      },
      dir,
      true,
      { out: sink(), err: sink() },
    );
    expect(written).toEqual({ svg: true, failed: false });
    for (const id of ["growth/flow-00", "growth/flow-01"]) {
      expect(readFileSync(join(dir, `${id}.md`), "utf8")).toContain("```mermaid\nflowchart TD\n");
      const svg = readFileSync(join(dir, `${id}.svg`), "utf8");
      expect(svg).toMatch(/^<svg id="diagram"/);
      expect(svg).toContain("Step22b");
    }
    expect(existsSync(join(dir, "growth/flow-02.svg"))).toBe(false);
  }, 120_000);
});

describe("flows:diagram --images", () => {
  it("renders every page's diagram to an SVG beside it (fixture portfolio)", () => {
    const out = mkdtempSync(join(tmpdir(), "flows-diagram-images-"));
    removeAfterAll(out);
    const r = runMain(diagramMain, ["--root", PORTFOLIO, "--stack", STACK, "--out", out, "--images"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(filesUnder(out).filter((f) => f.endsWith(".svg"))).toEqual([
      "README.svg",
      "calls/sales.svg",
      "digital/chat.svg",
      "digital/email.svg",
      "modules/lookup.svg",
      "modules/verify.svg",
      "queue/hold.svg",
    ]);
    const sales = readFileSync(join(out, "calls", "sales.svg"), "utf8");
    expect(sales).toContain("SetTier");
    expect(readability(measureSvg(sales)).readable).toBe(true);
  }, 120_000);
});
