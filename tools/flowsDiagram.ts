// flows:diagram — writes Mermaid diagrams of a stack's flows as Markdown that GitHub renders:
//   npm run flows:diagram -- [--stack <name>] [--out <dir>] [--images] [--force]
// <dir>/README.md holds the stack diagram (modules and who calls them) and links to one page per
// flow, <dir>/<flow id>.md (flows/calls/sales.yaml -> <dir>/calls/sales.md), each with its diagram.
// Exit codes: 0 done, 1 flow or config errors (message on stderr), 2 usage errors.
import { stackFileName } from "../model/stackFile";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { FlowLoadError } from "../model/errors";
import type { PlannedFlow } from "../planner/portfolio";
import { type RenderedDiagram, renderDiagrams } from "../diagram/images";
import { mermaidBlock, renderFlowDiagram, renderStackDiagram } from "../diagram/mermaid";
import { mdCode, mdText } from "../diff/render";
import { commandArgs } from "../project/cliArgs";
import { overwriteProblems } from "../project/outputs";
import { readPortfolio } from "../project/portfolio";
import { readRoutingSources } from "../project/routingFiles";
import { planRouting } from "../planner/routing";
import { cmp } from "../archy/json";

export const HELP = `Usage: npm run flows:diagram -- [--stack <name>] [--out <dir>] [--images] [--force]

Renders the flows of a stack as Mermaid diagrams in Markdown that GitHub renders:
  <dir>/README.md       the modules and the flows calling them (with routing/: the numbers,
                        IVR configs, schedule groups and emergency groups routing to the
                        flows), and links to every flow's page
  <dir>/<flow id>.md    one page per flow file (flows/calls/sales.yaml -> <dir>/calls/sales.md):
                        its nodes and labelled transitions
Nothing is written when a page would land in the project's sources (flows/, scenarios/, routing/,
a stack file) or replace a file git tracks, unless --force is given.

Options:
  --stack <name>  stack whose Pulumi.<name>.yaml to read (default: local)
  --out <dir>     output directory, created if missing (default: <root>/.work/diagrams)
  --root <dir>    project root holding Pulumi.<name>.yaml and flows/ (default: current directory)
  --images        also render every diagram to SVG beside its page (<dir>/calls/sales.svg),
                  with Mermaid in Chromium (bash tools/diagrams/browser.sh installs it)
  --force         write even over the project's sources or files git tracks
  -h, --help      show this help

Exit codes: 0 success, 1 flow or config errors, 2 usage errors.
`;

export const LEGEND =
  "Shapes: `[[subflow]]` calls a common module, `{decision}`, `{{loop}}`, `[/play message/]`, `[/collect digits\\]`, " +
  "`>transfer to queue]`, `([disconnect / return])`, `[other nodes]`. Dotted edges are the `error` / `failure` paths. " +
  "Larger flows are grouped into the main path and error handling; a `name → node` line in a node is a transition to a node " +
  "drawn elsewhere (one many transitions share, or in another group); a grey box lists a straight run of simple nodes.";

/** Page name of a flow: its id (path under flows/) with .md: calls/sales -> calls/sales.md. */
export function pageName(id: string): string {
  return `${id}.md`;
}

/** The relative link from the page of `from` to the page of `to`. */
function linkTo(fromPage: string, toPage: string): string {
  const up = fromPage.split("/").length - 1;
  return "../".repeat(up) + toPage;
}

/** The Markdown of one flow's page. */
export function flowPage(p: PlannedFlow, stack: string): string {
  const m = p.model;
  return [
    `# ${mdText(m.name)}`,
    "",
    `${p.kind.title[0].toUpperCase()}${p.kind.title.slice(1)} from ${mdCode(p.file)}, published in stack ${mdCode(stack)} as ${mdCode(p.publishedName)}.`,
    ...(m.description !== undefined ? ["", mdText(m.description)] : []),
    "",
    mermaidBlock(renderFlowDiagram(m)).trimEnd(),
    "",
    LEGEND,
    "",
    `[Back to the stack](${linkTo(pageName(p.id), "README.md")})`,
    "",
  ].join("\n");
}

/** Every page to write: file name -> Markdown. */
export function diagramPages(root: string, stack: string): Map<string, string> {
  const portfolio = readPortfolio(root, stack);
  const planned: PlannedFlow[] = portfolio.flows;
  // The stack's routing, planned as a deploy plans it (a routing problem stops here, as there).
  const routing = planRouting({
    settings: portfolio.settings,
    sources: readRoutingSources(root),
    flows: planned.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
    stackFile: stackFileName(stack),
  }).objects;
  const pages = new Map<string, string>();
  for (const p of planned) {
    if (pageName(p.id).toLowerCase() === "readme.md") {
      throw new FlowLoadError([
        { file: p.file, message: `its diagram page would be README.md, the index; rename the flow file` },
      ]);
    }
  }
  const index = [
    `# Flows of stack ${mdText(stack)}`,
    "",
    "Generated by `npm run flows:diagram`; do not edit by hand.",
    "",
    routing.length > 0
      ? "The numbers and the IVR configs routing them to the flows (edges labelled open, closed, holiday; dotted: the IVR config's schedule group, and the IVR configs an emergency group takes over, red while it is on), and the modules the flows call (edges labelled with the calling subflow nodes):"
      : "The modules and the flows calling them (edges are labelled with the calling subflow nodes):",
    "",
    mermaidBlock(renderStackDiagram(planned, routing)).trimEnd(),
    "",
    "| flow | kind | file | published as |",
    "| --- | --- | --- | --- |",
    ...[...planned]
      .sort((a, b) => cmp(a.file, b.file))
      .map(
        (p) =>
          `| [${mdText(p.model.name)}](${pageName(p.id)}) | ${p.model.kind} | ${mdCode(p.file)} | ${mdCode(p.publishedName)} |`,
      ),
    "",
  ].join("\n");
  pages.set("README.md", index);
  for (const p of planned) pages.set(pageName(p.id), flowPage(p, stack));
  return pages;
}

const DIAGRAM_OPTIONS = {
  stack: { type: "string" },
  out: { type: "string" },
  root: { type: "string" },
  images: { type: "boolean" },
  force: { type: "boolean" },
} as const;

export function main(argv: string[], io = { out: process.stdout, err: process.stderr }): number {
  const parsed = commandArgs(argv, DIAGRAM_OPTIONS, { command: "flows:diagram", help: HELP, io });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = resolve(args.root ?? ".");
  const stack = args.stack ?? "local";
  const outDir = args.out !== undefined ? resolve(args.out) : join(root, ".work", "diagrams");
  try {
    const pages = diagramPages(root, stack);
    const targets = [...pages.keys()].flatMap((name) => [
      join(outDir, name),
      ...(args.images ? [join(outDir, name.replace(/\.md$/, ".svg"))] : []),
    ]);
    const refused = overwriteProblems(root, targets, args.force === true);
    if (refused.length > 0) throw new FlowLoadError(refused);
    mkdirSync(outDir, { recursive: true });
    for (const [name, text] of pages) {
      mkdirSync(dirname(join(outDir, name)), { recursive: true });
      writeFileSync(join(outDir, name), text);
      io.out.write(`wrote ${join(outDir, name)}\n`);
    }
    if (args.images) {
      // Each page's diagram (its first Mermaid block), rendered beside it.
      const sources = [...pages].flatMap(([name, text]) => {
        const m = /```mermaid\n([\s\S]*?)```/.exec(text);
        return m ? [[name.replace(/\.md$/, ".svg"), m[1]] as const] : [];
      });
      let rendered: RenderedDiagram[];
      try {
        rendered = renderDiagrams(sources.map(([, d]) => d));
      } catch (e) {
        io.err.write(
          `flows:diagram: the diagrams were not rendered (the pages were written): ${(e as Error).message}\n`,
        );
        return 1;
      }
      sources.forEach(([name], i) => {
        writeFileSync(join(outDir, name), rendered[i].svg);
        io.out.write(`wrote ${join(outDir, name)}\n`);
      });
    }
    return 0;
  } catch (e) {
    if (e instanceof FlowLoadError) {
      io.err.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
