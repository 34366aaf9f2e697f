// The flow diff as a pull-request comment of bounded size: GitHub refuses comments over 65,536
// characters, and a portfolio's diff has no bound. What a cut keeps, most important first: the
// counts, a changed module's own change (its change table, and its diagram when it fits: the
// change every caller republishes for), the module interface changes, the table naming each
// changed flow (as many as fit, then how many more), the callers a module change affects (as many
// as fit); then the details of the other flows (changes and the diagram of their changed
// neighbourhood) while they fit; the callers that republish unchanged, with no binding affected,
// are named last, in one bounded line. What is left out is named and counted, and the full report
// (every change, every full diagram) is pointed to. The caller appends the journeys that change
// with what is left (tools/flowsDiff.ts): they are cut first. Pure.
import { describeInterfaceChange, type FlowMap, type FlowModelDiff, type FlowDiff } from "./flowDiff";
import {
  counts,
  flowSectionMarkdown,
  LEGEND_MD,
  mdCode,
  mdText,
  noFlowChanges,
  republishMarkdown,
  type LoadProblem,
} from "./render";
import { renderVerdict } from "./verdict";

/** GitHub's limit for a comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/**
 * What a comment may take: GitHub's limit less a margin for the marker line tools/ci/upsertPrComment.ts
 * adds (and its own cap, MAX_BODY, which it never needs to apply), and for characters GitHub counts
 * differently from JavaScript's UTF-16 length.
 */
export const COMMENT_BUDGET = 55_000;
/** Rows of one flow's change table in a comment at most. */
export const MAX_ROWS_PER_FLOW = 40;

export interface CommentOptions {
  /** How the base is named, e.g. `origin/main`. */
  base?: string;
  head?: string;
  loadProblems?: ReadonlyArray<LoadProblem>;
  /** What a deploy of the head would refuse (formatted issues), and what the stack's policy config warns of: the comment opens with them (verdict.ts renderVerdict). */
  refusals?: ReadonlyArray<string>;
  warnings?: ReadonlyArray<string>;
  /** Where the full report is, e.g. the workflow run holding the report artifact. */
  reportUrl?: string;
  /** The artifact's name on that run (default `flow-diff-report`). */
  artifact?: string;
  /** Where a flow's full diagram is, relative to the artifact (default `diagrams/<flow file without flows/ and extension>.svg`). */
  diagramPath?: (file: string) => string;
  /** Characters at most (default COMMENT_BUDGET). */
  budget?: number;
  /** The deploy stack the review is for: the heading names it (one comment per stack). */
  stack?: string;
  /** What `up` does to the stack (review.ts renderDeployMarkdown, bounded by the caller), placed before the flow changes. */
  deploy?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Lines appended while they fit in what is left of the budget. */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;
  constructor(private readonly limit: number) {}
  /** Adds `text` (and the newline joining it) when `keepFree` characters are still left after it. */
  tryAdd(text: string, keepFree: number): boolean {
    const cost = text.length + 1;
    if (this.used + cost + keepFree > this.limit) return false;
    this.parts.push(text);
    this.used += cost;
    return true;
  }
  /** Adds `text` whatever it costs (only for short, bounded lines). */
  add(text: string): void {
    this.parts.push(text);
    this.used += text.length + 1;
  }
  get left(): number {
    return this.limit - this.used;
  }
  text(): string {
    return `${this.parts.join("\n")}\n`;
  }
}

/** `items` joined with ", " while they fit in `max` characters, then `+N more`. */
export function boundedList(items: readonly string[], max: number): string {
  let out = "";
  for (let i = 0; i < items.length; i++) {
    const next = (out === "" ? "" : `${out}, `) + items[i];
    const rest = items.length - i - 1;
    if (next.length + (rest > 0 ? ` +${rest} more`.length : 0) > max)
      return `${out}${out === "" ? "" : " "}+${items.length - i} more`;
    out = next;
  }
  return out;
}

function nodeCounts(d: FlowDiff): string {
  if (d.status === "added") return `${plural(d.nodesAdded.length, "node")}`;
  if (d.status === "removed") return `${plural(d.nodesRemoved.length, "node")}`;
  return `+${d.nodesAdded.length} −${d.nodesRemoved.length} ~${d.nodesChanged.length}`;
}

/** The default place of a flow's full diagram inside the report artifact. */
export function defaultDiagramPath(file: string): string {
  return `diagrams/${file.replace(/^flows\//, "").replace(/\.ya?ml$/i, "")}.svg`;
}

/** What every section of the comment reads: the diff, the options, the budget it writes into. */
interface Comment {
  diff: FlowModelDiff;
  head: FlowMap;
  opts: CommentOptions;
  b: Budget;
  /** The whole budget (the sections' shares are parts of it). */
  budget: number;
  base: string;
  headName: string;
  /** Where the full report is, in words. */
  where: string;
  /** What the modules' own sections take, reserved before the lists take their share. */
  reserved: number;
}

/** Every tail note fits in this. */
const TAIL = 2_000;

export function renderDiffComment(diff: FlowModelDiff, head: FlowMap, opts: CommentOptions = {}): string {
  const base = opts.base ?? "base";
  const where = opts.reportUrl
    ? `the \`${opts.artifact ?? "flow-diff-report"}\` artifact of [this workflow run](${opts.reportUrl})`
    : `\`npm run flows:diff -- --base ${base} --format markdown\``;
  const c: Comment = {
    diff,
    head,
    opts,
    b: new Budget(opts.budget ?? COMMENT_BUDGET),
    budget: opts.budget ?? COMMENT_BUDGET,
    base,
    headName: opts.head ?? "working tree",
    where,
    reserved: 0,
  };
  heading(c);
  const problems = opts.loadProblems ?? [];
  const oneLine = (text: string) => mdText(text.length > 300 ? `${text.slice(0, 299)}…` : text);
  callout(
    c,
    "WARNING",
    `${plural(problems.length, "flow file")} failed to load and ${problems.length === 1 ? "is" : "are"} left out of the diff:`,
    problems.map(
      (p) =>
        `${mdCode(p.file)} at ${p.side === "base" ? mdCode(base) : mdText(c.headName)}: ${oneLine(p.message.split("\n")[0])}`,
    ),
  );
  if (diff.flows.length === 0) {
    c.b.add("");
    c.b.add(noFlowChanges({ loadProblems: problems, deployListed: opts.stack !== undefined }));
    return c.b.text();
  }
  // A changed module's own change is what every caller republishes for: it is kept whatever is
  // cut (its diagram too while the modules take at most a quarter of the budget), and reserved
  // before the lists below take their share.
  const modules = diff.flows.filter(isModule);
  const moduleSections = modules.map((d) => {
    const full = sectionOf(c, d);
    return full.length <= Math.floor(c.budget / 4 / modules.length)
      ? full
      : withoutDiagram(full, d, fullDiagramOf(c, d.file));
  });
  c.reserved = moduleSections.reduce((n, s) => n + s.length + 1, 0) + (modules.length > 0 ? LEGEND_MD.length + 2 : 0);
  changedFlowsTable(c, modules);
  interfaceChanges(c);
  // The modules' own changes, reserved above.
  c.b.add("");
  c.b.add(LEGEND_MD);
  const left: string[] = [];
  for (const [i, section] of moduleSections.entries()) if (!c.b.tryAdd(section, TAIL)) left.push(modules[i].name);
  affectedCallers(c);
  otherFlows(c, left);
  return c.b.text();
}

/** The heading (with whether the deploy will be refused, and the deploy section of a stack's review), the counts and where the full report is. */
function heading(c: Comment): void {
  const { b, opts, diff } = c;
  // Whether the deploy will be refused comes first, 20 lines of each list at most (bounded: 2 x 20 x 300 characters).
  const verdict = renderVerdict(opts.refusals ?? [], opts.warnings ?? [], "markdown", 20).trimEnd();
  if (opts.stack !== undefined) {
    b.add(`## Review of stack ${mdCode(opts.stack)}`);
    b.add("");
    if (verdict !== "") b.add(`${verdict}\n`);
    if (opts.deploy) b.add(opts.deploy.trimEnd());
    b.add("");
    b.add("### Flow changes");
  } else {
    b.add("## Flow changes");
    if (verdict !== "") b.add(`\n${verdict}`);
  }
  b.add("");
  b.add(
    `From ${mdCode(c.base)} to ${mdText(c.headName)}: ${counts(diff)}; ${plural(diff.flows.filter((d) => d.interface.length > 0).length, "module interface")} changed; ` +
      `${plural(diff.republish.length, "caller")} forced to republish.`,
  );
  b.add("");
  b.add(`Full report (every change, every full diagram): ${c.where}.`);
}

/** A GitHub alert (`> [!WARNING]`) listing up to 20 lines while they fit, then how many more. */
function callout(c: Comment, kind: "WARNING" | "CAUTION", intro: string, lines: readonly string[]): void {
  if (lines.length === 0) return;
  c.b.add("");
  c.b.add(`> [!${kind}]`);
  c.b.add(`> ${intro}`);
  let shown = 0;
  const keep = Math.max(TAIL, c.b.left - 4_000);
  for (const line of lines) {
    if (shown >= 20 || !c.b.tryAdd(`> - ${line}`, keep)) break;
    shown++;
  }
  if (shown < lines.length) c.b.add(`> - ${lines.length - shown} more: see the full report.`);
}

function fullDiagramOf(c: Comment, file: string): string | undefined {
  return c.opts.reportUrl ? `${mdCode((c.opts.diagramPath ?? defaultDiagramPath)(file))} in ${c.where}` : undefined;
}

/** A flow's section: its change table and the diagram of its changed neighbourhood. */
function sectionOf(c: Comment, d: FlowDiff): string {
  const fullDiagram = fullDiagramOf(c, d.file);
  return [
    "",
    ...flowSectionMarkdown(d, c.head, {
      diagram: "review",
      maxRows: MAX_ROWS_PER_FLOW,
      legend: false,
      ...(fullDiagram ? { fullDiagram } : {}),
    }),
  ].join("\n");
}

/** The table of changed flows (modules first): a third of the budget at most. */
function changedFlowsTable(c: Comment, modules: readonly FlowDiff[]): void {
  const { b, diff } = c;
  const forced = new Map<string, number>();
  for (const r of diff.republish) forced.set(r.moduleFile, (forced.get(r.moduleFile) ?? 0) + 1);
  const keep = Math.max(TAIL, b.left - Math.floor(c.budget / 3)) + c.reserved;
  b.add("");
  b.add("| flow | file | status | nodes (+ − ~) | interface | forces to republish |");
  b.add("| --- | --- | --- | --- | --- | --- |");
  let rows = 0;
  for (const d of [...modules, ...diff.flows.filter((x) => !isModule(x))]) {
    const row = `| ${mdText(d.name)} | ${mdCode(d.file)} | ${d.status} | ${nodeCounts(d)} | ${d.interface.length > 0 ? plural(d.interface.length, "change") : ""} | ${forced.has(d.file) ? plural(forced.get(d.file)!, "caller") : ""} |`;
    if (!b.tryAdd(row, keep)) break;
    rows++;
  }
  if (rows < diff.flows.length)
    b.add(`| … and ${diff.flows.length - rows} more changed flows: see the full report | | | | | |`);
}

/** A list under a heading, each item while a sixth of the budget (less `reserved`) is left after it, then how many more. */
function boundedSection(
  c: Comment,
  title: string,
  items: readonly string[],
  reserved: number,
  more: (n: number) => string,
): void {
  if (items.length === 0) return;
  c.b.add("");
  c.b.add(`### ${title}`);
  c.b.add("");
  const keep = Math.max(TAIL, c.b.left - Math.floor(c.budget / 6)) + reserved;
  let n = 0;
  for (const item of items) {
    if (!c.b.tryAdd(item, keep)) break;
    n++;
  }
  if (n < items.length) c.b.add(more(items.length - n));
}

/** Interface changes: what a reviewer of a module must not miss (a sixth of the budget at most). */
function interfaceChanges(c: Comment): void {
  const modules = c.diff.flows.filter((d) => d.interface.length > 0);
  const lines = modules.map(
    (d) =>
      `- **${mdText(d.name)}** (${mdCode(d.file)}): ${d.interface.map((x) => mdText(describeInterfaceChange(x))).join("; ")}`,
  );
  boundedSection(
    c,
    "Module interface changes",
    lines,
    c.reserved,
    (n) => `- … and ${n} more modules: see the full report`,
  );
}

/** The callers a module change affects: a binding the interface change touches, or a caller that changed too. */
function affectedCallers(c: Comment): void {
  const affected = c.diff.republish.filter((r) => r.callerChanged || r.impacts.length > 0);
  boundedSection(
    c,
    "Callers forced to republish",
    affected.map((r) => republishMarkdown(r).join("\n")),
    0,
    (n) => `- … and ${n} more callers: see the full report`,
  );
}

/** The other flows' details while they fit, the flows left out (`left`: the modules' too), and the callers that only republish, unchanged, last. */
function otherFlows(c: Comment, left: string[]): void {
  const { b, diff } = c;
  for (const d of diff.flows.filter((x) => !isModule(x))) {
    if (!b.tryAdd(sectionOf(c, d), TAIL)) left.push(d.name);
  }
  if (left.length > 0) {
    b.add("");
    b.add(
      `*Details of ${plural(left.length, "more flow")} are only in the full report: ${boundedList(left.map(mdText), 1_200)}.*`,
    );
  }
  const unaffected = diff.republish.filter((r) => !r.callerChanged && r.impacts.length === 0);
  if (unaffected.length > 0) {
    b.add("");
    const max = Math.max(40, Math.min(1_200, b.left - 200));
    b.add(
      `*${plural(unaffected.length, "caller")} republish${unaffected.length === 1 ? "es" : ""} unchanged, no binding affected: ${boundedList(
        unaffected.map((r) => mdText(r.name)),
        max,
      )}.*`,
    );
  }
}

function isModule(d: FlowDiff): boolean {
  return d.kind === "commonModule";
}

/** A flow's section without its diagram (when it would take too much), saying where the diagram is. */
function withoutDiagram(section: string, d: FlowDiff, fullDiagram: string | undefined): string {
  const lines = section.split("\n");
  const cut = lines.findIndex(
    (l) => l.startsWith("```mermaid") || l.startsWith("*The changed neighbourhood") || l.startsWith("*No diagram here"),
  );
  const kept = cut < 0 ? lines : lines.slice(0, cut);
  while (kept.length > 0 && kept[kept.length - 1] === "") kept.pop();
  return [
    ...kept,
    "",
    `*The diagram of ${mdText(d.name)} is in the full report${fullDiagram !== undefined ? `: ${fullDiagram}` : ""}.*`,
  ].join("\n");
}
