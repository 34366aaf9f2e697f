// Time against N as an SVG line chart, rendered to PNG with @resvg/resvg-js (a devDependency,
// no network). Without the package, only the SVG is written and the caller is told.
import * as fs from "node:fs";

export interface Series {
  label: string;
  color: string;
  /** Line style: solid (default), dashed, dotted or dash-dotted. */
  dash?: "dashed" | "dotted" | "dashdot";
  points: Array<{ n: number; seconds: number }>;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function timeVsNSvg(title: string, subtitle: string, series: Series[]): string {
  const W = 960;
  const H = 600;
  const m = { l: 70, r: 260, t: 70, b: 60 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const all = series.flatMap((s) => s.points);
  const maxN = Math.max(1, ...all.map((p) => p.n));
  const rawMaxY = Math.max(1, ...all.map((p) => p.seconds));
  const step = niceStep(rawMaxY / 6);
  const maxY = Math.ceil(rawMaxY / step) * step;
  // N from 1 to 1,000 on a linear axis puts 1, 10 and 50 on top of each other: over two decades or
  // more the axis is logarithmic (every N is still labelled where it lies).
  const minN = Math.max(1, Math.min(maxN, ...all.map((p) => p.n)));
  const logX = maxN / minN >= 100;
  const x = (n: number) => (logX ? m.l + (Math.log10(n / minN) / Math.log10(maxN / minN)) * pw : m.l + (n / maxN) * pw);
  const y = (s: number) => m.t + ph - (s / maxY) * ph;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Arial, sans-serif">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${m.l}" y="30" font-size="20" font-weight="bold" fill="#222">${esc(title)}</text>`);
  out.push(`<text x="${m.l}" y="52" font-size="13" fill="#555">${esc(subtitle)}</text>`);
  for (let v = 0; v <= maxY + 1e-9; v += step) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e3e3"/>`);
    out.push(
      `<text x="${m.l - 8}" y="${y(v) + 4}" font-size="12" text-anchor="end" fill="#444">${Math.round(v)}</text>`,
    );
  }
  const ns = [...new Set(all.map((p) => p.n))].sort((a, b) => a - b);
  for (const n of ns) {
    out.push(`<line x1="${x(n)}" x2="${x(n)}" y1="${m.t}" y2="${m.t + ph}" stroke="#f0f0f0"/>`);
    out.push(`<text x="${x(n)}" y="${m.t + ph + 18}" font-size="12" text-anchor="middle" fill="#444">${n}</text>`);
  }
  out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(
    `<text x="${m.l + pw / 2}" y="${H - 15}" font-size="14" text-anchor="middle" fill="#222">N (callers; + 2 common modules)${logX ? ", logarithmic" : ""}</text>`,
  );
  out.push(
    `<text x="20" y="${m.t + ph / 2}" font-size="14" text-anchor="middle" fill="#222" transform="rotate(-90 20 ${m.t + ph / 2})">wall time (s)</text>`,
  );
  series.forEach((s, i) => {
    const pts = [...s.points].sort((a, b) => a.n - b.n);
    if (pts.length > 0) {
      const d = pts.map((p, k) => `${k === 0 ? "M" : "L"}${x(p.n).toFixed(1)},${y(p.seconds).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2.5"${dashArray(s)}/>`);
      for (const p of pts) out.push(`<circle cx="${x(p.n)}" cy="${y(p.seconds)}" r="4" fill="${s.color}"/>`);
    }
    const ly = m.t + 10 + i * 24;
    const lx = m.l + pw + 20;
    out.push(
      `<line x1="${lx}" x2="${lx + 30}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2.5"${dashArray(s)}/>`,
    );
    out.push(`<text x="${lx + 38}" y="${ly + 4}" font-size="13" fill="#222">${esc(s.label)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n");
}

const DASH_ARRAYS: Record<NonNullable<Series["dash"]>, string> = { dashed: "7,5", dotted: "2,4", dashdot: "9,4,2,4" };
const dashArray = (s: Series) => (s.dash ? ` stroke-dasharray="${DASH_ARRAYS[s.dash]}"` : "");

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const k of [1, 2, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

/** Writes `<base>.svg` and, when @resvg/resvg-js is installed, `<base>.png`. Returns the PNG path or undefined. */
export function writeChart(base: string, svg: string): string | undefined {
  fs.writeFileSync(`${base}.svg`, svg);
  let Resvg: (new (svg: string, opts: object) => { render(): { asPng(): Buffer } }) | undefined;
  try {
    Resvg = (require("@resvg/resvg-js") as { Resvg: typeof Resvg }).Resvg;
  } catch {
    fs.rmSync(`${base}.png`, { force: true }); // never leave a stale chart next to new results
    return undefined;
  }
  const png = new Resvg!(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    background: "#ffffff",
  })
    .render()
    .asPng();
  fs.writeFileSync(`${base}.png`, png);
  return `${base}.png`;
}
