// The review's weight of a change by what real callers did (issue 77 item 4, docs/traffic.md): for
// each flow whose journeys change (behaviour/journeyDiff.ts), the share of the journeys pulled from
// the org (`traffic pull`) that would now end elsewhere or hear something else, each run again on
// the old flow along its recorded steps and with the same answers on the new
// (behaviour/retrace.ts), added up (traffic/weigh.ts), its rows folded as the journeys section
// folds them (behaviour/journeyFold.ts), and what could not be weighed counted and named by why.
// Rendered as text, or as Markdown within a budget (the comment's). Pure.
import { cell, type JourneyReport } from "../behaviour/journeyDiff";
import { callerSteps, foldedText, foldRows, type FoldedStep } from "../behaviour/journeyFold";
import type { Program } from "../behaviour/program";
import { retrace } from "../behaviour/retrace";
import { isModuleModel } from "../model/schema";
import { count, shareText, weighFlow } from "../traffic/weigh";
import type { PulledTraffic } from "../traffic/journeys";

export interface FlowTrafficWeight {
  flow: string;
  file: string;
  /** The journeys pulled for the flow, every version. */
  journeys: number;
  /** Those that would now end elsewhere or hear something else. */
  changed: number;
  /** What changes, folded over the answers that change alike, most journeys first. */
  rows: Array<{ journey: string; what: string; journeys: number }>;
  /** Pulled journeys not weighed, by why (`example`: the steps of the most frequent). */
  notWeighed: Array<{ why: string; journeys: number; example?: string[] }>;
}

export interface TrafficWeight {
  /** The pulled file, its stack and its window. */
  source: string;
  stack: string;
  window: { from: string; to: string };
  flows: FlowTrafficWeight[];
  /** Flows whose journeys change with no journey pulled (flow ids). */
  unpulled: string[];
  /** Modules whose journeys change: recorded in their callers' executions, weighed there. */
  modules: string[];
  /** What the pull itself could not see. */
  pullLimits: string[];
}

/** The flows of `report` weighed by the pulled journeys of `traffic` (read from `source`). */
export function weighReport(
  report: JourneyReport,
  programs: { base: Program; head: Program },
  traffic: PulledTraffic,
  source: string,
): TrafficWeight {
  const w: TrafficWeight = {
    source,
    stack: traffic.stack,
    window: traffic.window,
    flows: [],
    unpulled: [],
    modules: [],
    pullLimits: [],
  };
  for (const c of report.changes) {
    const pulled = traffic.flows.find((f) => f.file === c.file);
    if (isModuleModel(programs.head.flows.get(c.flow)!.model)) w.modules.push(c.flow);
    else if (!pulled) w.unpulled.push(c.flow);
    else {
      const weighed = weighFlow(pulled, (real) => retrace(programs.base, programs.head, c.flow, real));
      type Row = { what: string; steps: FoldedStep[]; journeys: number };
      const rows = weighed.changed.map(
        (e): Row => ({
          what: e.what,
          journeys: e.journeys,
          steps: callerSteps(e.journey).map((s) => ({ at: s.at, answers: [s.answer], options: s.options })),
        }),
      );
      const folded = foldRows(
        rows,
        (r) => r.what,
        (a, b) => ({ ...a, journeys: a.journeys + b.journeys }),
      ).map((r) => ({
        journey: r.steps.map(foldedText).join(" · ") || "(every journey alike)",
        what: r.what,
        journeys: r.journeys,
      }));
      const changed = folded.reduce((n, r) => n + r.journeys, 0);
      w.flows.push({
        flow: c.flow,
        file: c.file,
        journeys: weighed.journeys,
        changed,
        rows: folded.sort((a, b) => b.journeys - a.journeys),
        notWeighed: weighed.notWeighed,
      });
    }
  }
  const { cappedWindows, failedDownloads } = traffic.limits;
  if (cappedWindows.length > 0)
    w.pullLimits.push(`${count(cappedWindows.length)} time windows still at the 200 cap (executions may be missing)`);
  if (failedDownloads.length > 0)
    w.pullLimits.push(`${count(failedDownloads.length)} executions whose download failed`);
  return w;
}

const skipped = (f: FlowTrafficWeight) =>
  f.notWeighed
    .map((n) => `${count(n.journeys)} ${n.why}${n.example ? ` (e.g. ${n.example.join(" · ")})` : ""}`)
    .join("; ");

/** A flow's line: the share that changes, and what was not weighed. */
const summaryOf = (f: FlowTrafficWeight, code: (s: string) => string) =>
  `${f.flow} (${code(f.file)}): ${shareText(f.changed, f.journeys)} would end elsewhere or hear something else${f.notWeighed.length > 0 ? `; not weighed: ${skipped(f)}` : ""}`;

/** The section (nothing without a pulled file, or when no flow's journeys change); Markdown cut to `budget` characters and 10 rows. */
export function renderTrafficWeight(
  w: TrafficWeight | undefined,
  format: "text" | "markdown",
  budget = Number.POSITIVE_INFINITY,
): string {
  if (!w || w.flows.length + w.unpulled.length + w.modules.length === 0) return "";
  const md = format === "markdown";
  const code = (s: string) => (md ? `\`${s}\`` : s);
  const from = `pulled from stack ${w.stack}, ${w.window.from.slice(0, 10)} to ${w.window.to.slice(0, 10)}: ${code(w.source)}`;
  const notes = [
    ...(w.unpulled.length > 0 ? [`No journeys pulled for ${w.unpulled.join(", ")}.`] : []),
    ...(w.modules.length > 0 ? [`Modules are weighed through their callers: ${w.modules.join(", ")}.`] : []),
    ...(w.pullLimits.length > 0 ? [`The pull could not see everything: ${w.pullLimits.join("; ")}.`] : []),
  ];
  if (!md) {
    const lines = [`Real journeys that change (${from}):`, ...w.flows.map((f) => `  ${summaryOf(f, code)}`)];
    for (const f of w.flows.filter((x) => x.rows.length > 0))
      lines.push(
        "",
        `  ${f.flow}:`,
        ...f.rows.flatMap((r) => [`    - ${r.journey}`, `      ${shareText(r.journeys, f.journeys)} ${r.what}`]),
      );
    return `\n${[...lines, ...notes.map((n) => `  ${n}`)].join("\n")}\n`;
  }
  // Room kept for the closing note; lines past the budget, and rows past the tenth, are counted.
  let out = `\n### Real journeys that change\n\nWeighed by the journeys ${from}.\n\n`;
  const fits = (s: string) => out.length + s.length + 120 <= budget;
  let left = 0;
  let rows = 0;
  const add = (line: string, row = false) => (fits(line) && (!row || rows++ < 10) ? (out += line) : left++);
  for (const f of w.flows) add(`- ${cell(summaryOf(f, code))}\n`);
  for (const f of w.flows.filter((x) => x.rows.length > 0)) {
    const title = `\n**${cell(f.flow)}**\n\n| journey: what the customer does and the org answers | real journeys | what changes |\n| --- | --- | --- |\n`;
    if (rows >= 10 || !fits(title)) {
      left += f.rows.length;
      continue;
    }
    out += title;
    for (const r of f.rows)
      add(`| ${cell(r.journey)} | ${shareText(r.journeys, f.journeys)} | ${cell(r.what)} |\n`, true);
  }
  for (const n of notes) add(`\n${cell(n)}\n`);
  if (left > 0) out += `\n_${count(left)} more lines of real journeys that change: see the full report._\n`;
  const note = "\n_Real journeys that change did not fit in this comment: see the full report._\n";
  return out.length <= budget ? out : note.length <= budget ? note : "";
}
