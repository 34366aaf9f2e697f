// Renders Mermaid diagrams to SVG and PNG with @mermaid-js/mermaid-cli (Mermaid's own renderer in
// a headless Chromium driven by puppeteer). Run by diagram/images.ts as a child process, since
// mermaid-cli is ESM only: reads {browser, items: [{definition, png, width}]} as JSON on stdin,
// launches the browser once and prints [{svg, png?: base64}] as JSON on stdout.
import { renderMermaid } from "@mermaid-js/mermaid-cli";
import puppeteer from "puppeteer";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { browser: executablePath, mermaidConfig, items } = JSON.parse(input);

const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  // Root in a container has no user namespace for Chromium's sandbox; the pages only hold our own
  // diagrams and Mermaid's bundle, loaded from node_modules.
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
try {
  const out = [];
  for (const item of items) {
    const viewport = { width: item.width, height: 600, deviceScaleFactor: item.scale ?? 1 };
    const opts = { viewport, backgroundColor: "white", mermaidConfig, svgId: "diagram" };
    const svg = new TextDecoder().decode((await renderMermaid(browser, item.definition, "svg", opts)).data);
    const png = item.png
      ? Buffer.from((await renderMermaid(browser, item.definition, "png", opts)).data).toString("base64")
      : undefined;
    out.push({ svg, ...(png !== undefined ? { png } : {}) });
  }
  process.stdout.write(JSON.stringify(out));
} finally {
  await browser.close();
}
