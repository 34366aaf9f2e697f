#!/usr/bin/env bash
# Makes sure a Chromium or Chrome is there to render Mermaid diagrams (diagram/images.ts: the
# render test tier, flows:diff --images, npm run docs:diagrams). When none is found, installs
# Debian's `chromium` with apt-get (as root, or with passwordless sudo); otherwise says how.
# Puppeteer never downloads a browser here (.puppeteerrc.cjs).
# Usage: bash tools/diagrams/browser.sh [--quiet]
set -euo pipefail
quiet=false
[ "${1:-}" = "--quiet" ] && quiet=true
say() { $quiet || printf '[browser] %s\n' "$*" >&2; }

# Keep in step with BROWSER_CANDIDATES in diagram/images.ts.
for c in "${PUPPETEER_EXECUTABLE_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -n "$c" ] && [ -x "$c" ]; then
    say "using $c"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "[browser] no Chromium or Chrome found: install one, or point PUPPETEER_EXECUTABLE_PATH at it" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "[browser] no Chromium or Chrome found; install it: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
printf '[browser] installing Chromium (apt-get install chromium)\n' >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# The fonts make the text measurable and the same from run to run.
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
[ -x /usr/bin/chromium ] || { echo "[browser] apt-get ran but /usr/bin/chromium is missing" >&2; exit 1; }
say "installed /usr/bin/chromium"
