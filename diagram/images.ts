// Mermaid diagrams as images (SVG, PNG) and how big they come out: rendered by Mermaid itself with
// @mermaid-js/mermaid-cli in a headless Chromium (the system's: Debian's `chromium`, or Chrome on
// GitHub's runners; tools/diagrams/browser.sh installs it). mermaid-cli is ESM only, so it runs in
// a child process (diagram/render/renderMermaid.mjs) that launches the browser once per call.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { toolRoot } from "../project/root";

/** GitHub's Markdown column: a wider diagram is scaled down to fit it. */
export const GITHUB_COLUMN_PX = 830;
/** Smallest text a reader should have to read in a diagram, in CSS pixels at the column width. */
export const MIN_TEXT_PX = 11;

/** Mermaid's settings for every image: the default theme, ids that do not change between runs. */
export const MERMAID_CONFIG = {
  theme: "default",
  deterministicIds: true,
  deterministicIDSeed: "genesys-flows",
  flowchart: { htmlLabels: true, useMaxWidth: true },
} as const;

/** Where a browser may be, in order; PUPPETEER_EXECUTABLE_PATH first. */
export const BROWSER_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.PUPPETEER_EXECUTABLE_PATH;
  if (given) return existsSync(given) ? given : undefined;
  return BROWSER_CANDIDATES.find((p) => existsSync(p));
}

export interface RenderedDiagram {
  svg: string;
  png?: Buffer;
  /** Natural size of the drawing in CSS pixels (the SVG's viewBox). */
  width: number;
  height: number;
  /** The diagram's text size in CSS pixels at natural size. */
  fontSize: number;
}

export interface Readability {
  /** How much GitHub scales the diagram down to fit its column (1: not at all). */
  scale: number;
  /** The text size a reader sees, in CSS pixels. */
  textPx: number;
  /** The height a reader scrolls through, in CSS pixels. */
  shownHeight: number;
  readable: boolean;
}

/** How the diagram reads in a column of `column` pixels (GitHub fits the width, the height scrolls). */
export function readability(
  d: Pick<RenderedDiagram, "width" | "height" | "fontSize">,
  column = GITHUB_COLUMN_PX,
  minText = MIN_TEXT_PX,
): Readability {
  const scale = Math.min(1, column / d.width);
  const textPx = Math.round(d.fontSize * scale * 10) / 10;
  return { scale, textPx, shownHeight: Math.round(d.height * scale), readable: textPx >= minText };
}

/** Natural size and text size of a Mermaid SVG. */
export function measureSvg(svg: string): Pick<RenderedDiagram, "width" | "height" | "fontSize"> {
  const box = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!box) throw new Error("the SVG has no viewBox");
  const font = /font-size:\s*([\d.]+)px/.exec(svg);
  if (!font) throw new Error("the SVG sets no font size");
  return { width: Number(box[1]), height: Number(box[2]), fontSize: Number(font[1]) };
}

export interface RenderOptions {
  png?: boolean;
  /** The browser's executable; default findBrowser(). */
  browser?: string;
  /** Page width PNGs are laid out in (they are drawn at natural size up to it). Default 1600. */
  pageWidth?: number;
  /** Pixel density of PNGs. Default 1. */
  scale?: number;
}

/** Renders every diagram; throws when no browser is found or Mermaid refuses one. */
export function renderDiagrams(definitions: readonly string[], opts: RenderOptions = {}): RenderedDiagram[] {
  const browser = opts.browser ?? findBrowser();
  if (!browser) {
    throw new Error(
      "no Chromium or Chrome found to render diagrams (looked at PUPPETEER_EXECUTABLE_PATH, " +
        BROWSER_CANDIDATES.join(", ") +
        "); install one with: bash tools/diagrams/browser.sh",
    );
  }
  const input = {
    browser,
    mermaidConfig: MERMAID_CONFIG,
    items: definitions.map((definition) => ({
      definition,
      png: opts.png === true,
      width: opts.pageWidth ?? 1600,
      scale: opts.scale ?? 1,
    })),
  };
  const r = spawnSync(process.execPath, ["--no-warnings", join(toolRoot(), "diagram", "render", "renderMermaid.mjs")], {
    cwd: toolRoot(),
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`rendering failed (exit ${r.status}): ${r.stderr.trim()}`);
  const out = JSON.parse(r.stdout) as Array<{ svg: string; png?: string }>;
  return out.map((o) => ({
    svg: o.svg,
    ...(o.png !== undefined ? { png: Buffer.from(o.png, "base64") } : {}),
    ...measureSvg(o.svg),
  }));
}
