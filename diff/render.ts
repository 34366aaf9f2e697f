// The flow diff as plain text (terminals, CI logs) and as Markdown (pull-request comments: the
// diagrams of changed flows are embedded, added nodes green, changed nodes amber). Pure.
import { reviewScope } from "../diagram/layout";
import { md } from "../verify/render";
import { mermaidBlock, renderFlowDiagram } from "../diagram/mermaid";
import {
  describeInterfaceChange,
  describeType,
  formatValue,
  highlightOf,
  type FieldChange,
  type FlowDiff,
  type FlowMap,
  type FlowModelDiff,
  type NodeChange,
  type Republish,
  type TransitionChange,
} from "./flowDiff";

/** A flow file that failed to load on one side; it is left out of the diff. */
export interface LoadProblem {
  side: "base" | "head";
  file: string;
  /** The loader's message (one formatted issue per line). */
  message: string;
}

export interface RenderOptions {
  /** How the base is named, e.g. `origin/main`. Default `base`. */
  base?: string;
  /** How the head is named. Default `working tree`. */
  head?: string;
  loadProblems?: ReadonlyArray<LoadProblem>;
  /** Whether a "what up does" section leads the report (a stack's review): an empty diff then says the flows' content is unchanged. */
  deployListed?: boolean;
}

/** What an empty flow diff says. */
export function noFlowChanges(opts: { loadProblems?: ReadonlyArray<unknown>; deployListed?: boolean }): string {
  const other = (opts.loadProblems ?? []).length > 0;
  if (opts.deployListed) return `No ${other ? "other " : ""}change inside the flows (what up does is listed above).`;
  return other ? "No other flow changes." : "No flow changes.";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** How many flows a diff adds, removes, changes and leaves. */
export function counts(diff: FlowModelDiff): string {
  const by = (s: FlowDiff["status"]) => diff.flows.filter((f) => f.status === s).length;
  return `${by("added")} added, ${by("removed")} removed, ${by("changed")} changed, ${diff.unchanged.length} unchanged`;
}

function fieldLine(f: FieldChange): string {
  if (f.before === undefined) return `${f.field}: added ${formatValue(f.after)}`;
  if (f.after === undefined) return `${f.field}: removed (was ${formatValue(f.before)})`;
  return `${f.field}: ${formatValue(f.before)} -> ${formatValue(f.after)}`;
}

function transitionLine(t: TransitionChange): string {
  if (t.kind === "added") return `transition ${t.transition}: added -> ${t.after}`;
  if (t.kind === "removed") return `transition ${t.transition}: removed (was -> ${t.before})`;
  return `transition ${t.transition}: ${t.before} -> ${t.after}`;
}

function nodeLines(c: NodeChange): string[] {
  return [...c.fields.map(fieldLine), ...c.transitions.map(transitionLine)];
}

function flowTitle(d: FlowDiff): string {
  return `${d.file} (${d.kind} "${d.name}")`;
}

// ---------------------------------------------------------------------------------------------
// Text.

export function renderDiffText(diff: FlowModelDiff, opts: RenderOptions = {}): string {
  const base = opts.base ?? "base";
  const head = opts.head ?? "working tree";
  const out: string[] = [`Flow changes from ${base} to ${head}: ${counts(diff)}`];
  const problems = opts.loadProblems ?? [];
  if (problems.length > 0) {
    out.push("", `Flows that failed to load (left out of the diff):`);
    for (const p of problems) {
      out.push(`  ${p.file} at ${p.side === "base" ? base : head}:`);
      for (const line of p.message.split("\n")) out.push(`    ${line}`);
    }
  }
  if (diff.flows.length === 0) {
    out.push("", noFlowChanges(opts));
  }
  for (const d of diff.flows) {
    const mark = d.status === "added" ? "+" : d.status === "removed" ? "-" : "~";
    out.push(
      "",
      `${mark} ${flowTitle(d)}${d.status === "changed" ? "" : ` ${d.status}, ${plural(d.status === "added" ? d.nodesAdded.length : d.nodesRemoved.length, "node")}`}`,
    );
    if (d.status !== "changed") continue;
    for (const f of d.fields) out.push(`    ${fieldLine(f)}`);
    for (const c of d.interface) out.push(`    interface: ${describeInterfaceChange(c)}`);
    for (const id of d.nodesAdded) out.push(`    + node ${id}`);
    for (const id of d.nodesRemoved) out.push(`    - node ${id}`);
    for (const c of d.nodesChanged) {
      out.push(`    ~ node ${c.id} (${c.type})`);
      for (const l of nodeLines(c)) out.push(`        ${l}`);
    }
    if (d.moduleContentChanged === false)
      out.push(`    (the module's compiled content is unchanged: callers do not republish)`);
  }
  if (diff.republish.length > 0) {
    out.push("", "Callers forced to republish:");
    for (const r of diff.republish) {
      out.push(
        `  ${r.file} ("${r.name}", calls ${r.moduleName} from ${r.callingNodes.join(", ")})${r.callerChanged ? " (also changed itself)" : ""}`,
      );
      for (const reason of r.reasons) out.push(`    why: ${reason}`);
      for (const i of r.impacts) out.push(`    check: node ${i.node} ${i.message}`);
    }
  }
  return `${out.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown.

/** Text safe inside a Markdown table cell or list item (no HTML, no table breaks): verify's. */
export const mdText = md;

/** Text as it is: what the plain-text reports write where the Markdown ones write mdCode or mdText. */
export const asIs = (s: string): string => s;

/** Inline code that survives backticks inside the text. */
export function mdCode(s: string): string {
  const text = s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

const mdValue = (v: unknown) => (v === undefined ? "*(none)*" : mdCode(formatValue(v)));

function fieldCells(f: FieldChange): [string, string, string] {
  return [mdCode(f.field), mdValue(f.before), mdValue(f.after)];
}

function transitionCells(t: TransitionChange): [string, string, string] {
  return [
    mdCode(`transitions.${t.transition}`),
    t.before === undefined ? "*(none)*" : mdCode(t.before),
    t.after === undefined ? "*(none)*" : mdCode(t.after),
  ];
}

export function renderDiffMarkdown(diff: FlowModelDiff, head: FlowMap, opts: RenderOptions = {}): string {
  const base = opts.base ?? "base";
  const headName = opts.head ?? "working tree";
  const out: string[] = [`## Flow changes`, "", `From ${mdCode(base)} to ${mdText(headName)}: ${counts(diff)}.`];
  const problems = opts.loadProblems ?? [];
  if (problems.length > 0) {
    out.push("", "> [!WARNING]", "> Flows that failed to load are left out of the diff:");
    for (const p of problems) {
      out.push(`> - ${mdCode(p.file)} at ${p.side === "base" ? mdCode(base) : mdText(headName)}:`);
      for (const line of p.message.split("\n")) out.push(`>   - ${mdText(line)}`);
    }
  }
  if (diff.flows.length === 0) out.push("", noFlowChanges(opts));

  if (diff.republish.length > 0) {
    out.push("", "### Callers forced to republish", "");
    for (const r of diff.republish) out.push(...republishMarkdown(r));
  }

  for (const d of diff.flows) out.push("", ...flowSectionMarkdown(d, head));
  return `${out.join("\n")}\n`;
}

/** One caller forced to republish, as a Markdown list item (with its reasons and impacts). */
export function republishMarkdown(r: Republish): string[] {
  const out = [
    `- **${mdText(r.name)}** (${mdCode(r.file)}), calls ${mdText(r.moduleName)} from ${r.callingNodes.map(mdCode).join(", ")}${r.callerChanged ? "; also changed itself" : ""}`,
  ];
  for (const reason of r.reasons) out.push(`  - ${mdText(reason)}`);
  for (const i of r.impacts) out.push(`  - :warning: node ${mdCode(i.node)} ${mdText(i.message)}`);
  return out;
}

export interface FlowSectionOptions {
  /**
   * `full` (default): the whole flow's diagram. `review`: what a pull request draws (reviewScope):
   * the whole of a small flow, the changed neighbourhood of a large one, else a note.
   */
  diagram?: "full" | "review";
  /** For a diagram left partial or out: where the full diagram is (Markdown text). */
  fullDiagram?: string;
  /** Rows of the change table at most; the rest are counted. Default: all. */
  maxRows?: number;
  /** Write the legend under the diagram (default true). */
  legend?: boolean;
}

/** The rows of a changed flow's change table: node, field, before, after. */
export function changeRows(d: FlowDiff, head: FlowMap): Array<[string, string, string, string]> {
  const rows: Array<[string, string, string, string]> = [];
  for (const f of d.fields) rows.push(["*(flow)*", ...fieldCells(f)]);
  for (const c of d.interface) {
    const what = `${c.section}.${c.name}`;
    if (c.kind === "changed")
      for (const f of c.fields)
        rows.push(["*(interface)*", mdCode(`${what}.${f.field}`), mdValue(f.before), mdValue(f.after)]);
    else
      rows.push([
        "*(interface)*",
        mdCode(what),
        c.before ? mdCode(describeType(c.before)) : "*(none)*",
        c.after ? mdCode(describeType(c.after)) : "*(none)*",
      ]);
  }
  for (const id of d.nodesAdded)
    rows.push([`:green_circle: ${mdCode(id)}`, "*(node added)*", "", mdCode(head.get(d.file)!.model.nodes[id].type)]);
  for (const id of d.nodesRemoved) rows.push([`:red_circle: ${mdCode(id)}`, "*(node removed)*", "", ""]);
  for (const c of d.nodesChanged) {
    for (const f of c.fields) rows.push([`:yellow_circle: ${mdCode(c.id)}`, ...fieldCells(f)]);
    for (const t of c.transitions) rows.push([`:yellow_circle: ${mdCode(c.id)}`, ...transitionCells(t)]);
  }
  return rows;
}

/** The Markdown section of one flow of the diff: title, change table, diagram. */
export function flowSectionMarkdown(d: FlowDiff, head: FlowMap, opts: FlowSectionOptions = {}): string[] {
  const badge = d.status === "added" ? "added" : d.status === "removed" ? "removed" : "changed";
  const out = [`### ${mdText(d.name)} (${mdCode(d.file)}, ${d.kind}): ${badge}`];
  if (d.status === "removed") {
    out.push(
      "",
      `Removed with its ${plural(d.nodesRemoved.length, "node")}: ${d.nodesRemoved.map(mdCode).join(", ")}.`,
    );
    return out;
  }
  if (d.status === "changed") {
    const rows = changeRows(d, head);
    if (rows.length > 0) {
      const shown = opts.maxRows !== undefined ? rows.slice(0, opts.maxRows) : rows;
      out.push("", "| node | field | before | after |", "| --- | --- | --- | --- |");
      for (const r of shown) out.push(`| ${r.join(" | ")} |`);
      if (shown.length < rows.length)
        out.push("", `*${rows.length - shown.length} more changes are in the full report.*`);
    }
    if (d.moduleContentChanged === false)
      out.push("", "The module's compiled content is unchanged: callers do not republish.");
  }
  const flow = head.get(d.file);
  if (flow) {
    const hl = highlightOf(d);
    const scope =
      opts.diagram === "review"
        ? reviewScope(flow.model, new Set([...hl.added, ...hl.changed]))
        : ({ kind: "full" } as const);
    const where = opts.fullDiagram !== undefined ? ` The full diagram: ${opts.fullDiagram}.` : "";
    if (scope.kind === "none") {
      out.push(
        "",
        `*No diagram here: ${scope.nodes === 0 ? "no node changed" : `the changed nodes and their neighbours are ${scope.nodes}`} of ${scope.total} nodes.${where}*`,
      );
    } else {
      if (scope.kind === "neighbourhood") {
        out.push(
          "",
          `*The changed neighbourhood only: ${scope.nodes} of ${scope.total} nodes (the changed nodes and the nodes one transition away).${where}*`,
        );
      }
      const only = scope.kind === "neighbourhood" ? scope.only : undefined;
      out.push("", mermaidBlock(renderFlowDiagram(flow.model, { highlight: hl, ...(only ? { only } : {}) })).trimEnd());
      if (opts.legend !== false) out.push("", LEGEND_MD);
    }
  }
  return out;
}

/** The legend under a diff's diagram. */
export const LEGEND_MD =
  "Legend: added nodes green, changed nodes amber, removed nodes in the dashed red note; dotted edges are error paths; `name → node` lines are transitions to a node drawn elsewhere.";
