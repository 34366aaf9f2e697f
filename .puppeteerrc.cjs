// Puppeteer (a devDependency of @mermaid-js/mermaid-cli, the diagram renderer) must not download
// a browser of its own on install: this project renders with the system's Chromium (Debian's
// `chromium` package, installed by tools/diagrams/browser.sh), found at run time.
module.exports = { skipDownload: true };
