// Mermaid diagrams of the flow model: one `flowchart` of the stack (the module and its callers)
// and one per flow (its nodes and labelled transitions). Pure and deterministic: the same model
// gives byte-identical text whatever the order of keys in the YAML file. Text from flow files is
// only ever written inside `"..."` labels with Mermaid's entity escapes, and node ids get an
// `n_` prefix, so ids like `end` or `graph` (Mermaid keywords) are safe.
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, transitionsOf } from "../model/nodes";
import type { FlowModel, FlowNode, LoadedFlow } from "../model/schema";
import { planDiagram, type DiagramPlan, type Section } from "./layout";
import { routingLines, type RoutingEntry } from "./routing";
import { flowIdOf } from "../planner/names";
import { cmp } from "../archy/json";

export { nodeOrder } from "./layout";

/**
 * Characters per label line: longer text wraps onto more lines (a decision's rhombus: DECISION_WRAP).
 * Mermaid wraps a label line wider than 200 px itself; 24 characters of its 16 px font stay below.
 */
export const WRAP_WIDTH = 24;
export const DECISION_WRAP = 20;
/** Lines one text may take in a label; past them it ends with `…` (about 250 characters). */
export const MAX_TEXT_LINES = 8;
/** Where truncate() cuts a line by default. */
export const MAX_LABEL_LINE = 48;

/** Styles shared by every diagram: node kinds and diff highlights. */
export const CLASS_DEFS: ReadonlyArray<[string, string]> = [
  ["subflow", "fill:#e3ecff,stroke:#1f4fd1,stroke-width:2px,color:#0b1f5c"],
  ["terminal", "fill:#eeeeee,stroke:#555555,color:#111111"],
  ["start", "fill:#222222,stroke:#222222,color:#ffffff"],
  ["module", "fill:#e3ecff,stroke:#1f4fd1,stroke-width:2px,color:#0b1f5c"],
  ["added", "fill:#d7f5dd,stroke:#1e7b34,stroke-width:3px,color:#0b3d17"],
  ["changed", "fill:#fff1c2,stroke:#b7791f,stroke-width:3px,color:#4a3000"],
  ["removed", "fill:#fde2e1,stroke:#b42318,stroke-width:2px,stroke-dasharray:5 5,color:#5c0f0a"],
  ["run", "fill:#f6f8fa,stroke:#57606a,color:#1f2328"],
  ["routing", "fill:#f3e8ff,stroke:#6f42c1,color:#2e1065"],
  // Behaviour coverage (genesys-flows test --coverage-diagrams): last, so it wins over the kind's style.
  ["covered", "fill:#d7f5dd,stroke:#1e7b34,color:#0b3d17"],
  ["uncovered", "fill:#fde2e1,stroke:#b42318,stroke-dasharray:5 5,color:#5c0f0a"],
];

/** Node ids to highlight in a flow diagram (a diff's view of the head flow). */
export interface Highlight {
  added?: ReadonlySet<string>;
  changed?: ReadonlySet<string>;
  /** Nodes only in the base flow: listed in a note, since they are not in the graph. */
  removed?: ReadonlySet<string>;
}

export interface FlowDiagramOptions {
  highlight?: Highlight;
  /** Mermaid direction. Default `TD`. */
  direction?: "TD" | "LR";
  /** Draw only these nodes (a diff's changed neighbourhood); transitions leaving them become references. */
  only?: ReadonlySet<string>;
  /** Behaviour coverage: nodes entered and transitions taken (`<from> <transition>`); the rest is drawn red and dashed. */
  coverage?: { nodes: ReadonlySet<string>; transitions: ReadonlySet<string> };
}

/** The Mermaid id of a flow node. Model ids are `[A-Za-z][A-Za-z0-9_]*`, so this is always valid. */
export function mermaidId(nodeId: string): string {
  return `n_${nodeId.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/** The entity a label holds for each character Mermaid or its HTML labels give a meaning to. */
const LABEL_ENTITIES: Readonly<Record<string, string>> = {
  '"': "#quot;",
  "#": "#35;",
  "&": "#amp;",
  "<": "#lt;",
  ">": "#gt;",
  "`": "#96;",
};

/**
 * Text made safe inside a Mermaid `"..."` label: quotes and the characters Mermaid or its HTML
 * labels give a meaning to become entities (`#quot;`, `#35;`...), line breaks become spaces,
 * other characters (unicode included) are kept.
 */
export function escapeLabel(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?|\n/g, " ")) {
    const code = ch.codePointAt(0)!;
    // Control characters (and the few invisible separators) would confuse the parser.
    out += LABEL_ENTITIES[ch] ?? (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : ch);
  }
  return out;
}

/** `text` cut to `max` characters (code points), ending with `…` when cut. */
export function truncate(text: string, max = MAX_LABEL_LINE): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * `text` wrapped on spaces into lines of at most `width` characters (code points). A word longer
 * than a line breaks after a `/`, `.`, `_`, `-`, `,` or `(` (a path, a call), or else anywhere.
 * Past `maxLines` the last line ends with `…`.
 */
export function wrap(text: string, width = WRAP_WIDTH, maxLines = MAX_TEXT_LINES): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  const flush = () => {
    lines.push(line.join(""));
    line = [];
  };
  for (const word of text.replace(/\s+/g, " ").trim().split(" ")) {
    const chars = [...word];
    if (line.length > 0 && line.length + 1 + chars.length <= width) {
      line.push(" ", ...chars);
      continue;
    }
    if (line.length > 0) flush();
    // Pieces of the word, each ending after a separator; pieces still too long are cut.
    const pieces: string[][] = [];
    let piece: string[] = [];
    for (const ch of chars) {
      piece.push(ch);
      if ("/._-,(".includes(ch) || piece.length === width) {
        pieces.push(piece);
        piece = [];
      }
    }
    if (piece.length > 0) pieces.push(piece);
    for (const p of pieces) {
      if (line.length + p.length > width) flush();
      line.push(...p);
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = [...kept[maxLines - 1]];
  kept[maxLines - 1] = `${(last.length < width ? last : last.slice(0, width - 1)).join("")}…`;
  return kept;
}

/** A `"..."` label of several texts, each wrapped at `width` and escaped. */
export function label(texts: ReadonlyArray<string>, width = WRAP_WIDTH): string {
  return `"${texts
    .flatMap((t) => wrap(t, width))
    .map(escapeLabel)
    .join("<br/>")}"`;
}

/** One line saying what a node does (its descriptor says it). */
export function nodeSummary(node: FlowNode): string {
  return descriptorOf(node).describe(node);
}

/** Mermaid shape brackets per node type; any other type is a plain box. */
const SHAPES: Readonly<Record<string, [string, string]>> = {
  decision: ["{", "}"],
  subflow: ["[[", "]]"],
  disconnect: ["([", "])"],
  return: ["([", "])"],
  transferToQueue: [">", "]"],
  playMessage: ["[/", "/]"],
  collectDigits: ["[/", "\\]"],
  loop: ["{{", "}}"],
};

/** The node's declaration: id, shape and label, then `extra` lines (its references). */
function nodeShape(id: string, node: FlowNode, extra: string[] = []): string {
  const lines = [id, ...(node.label !== undefined ? [node.label] : []), nodeSummary(node), ...extra];
  const [open, close] = SHAPES[node.type] ?? ["[", "]"];
  return `${mermaidId(id)}${open}${label(lines, node.type === "decision" ? DECISION_WRAP : WRAP_WIDTH)}${close}`;
}

function classDefLines(used: ReadonlySet<string>): string[] {
  return CLASS_DEFS.filter(([name]) => used.has(name)).map(([name, style]) => `  classDef ${name} ${style}`);
}

function classLines(byClass: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const [name] of CLASS_DEFS) {
    const ids = byClass.get(name);
    if (ids && ids.length > 0) out.push(`  class ${ids.join(",")} ${name}`);
  }
  return out;
}

/** Titles and styles of the sections a diagram groups its nodes into. */
const SECTIONS: ReadonlyArray<[Section, string, string]> = [
  ["main", "Main path", "fill:#ffffff,stroke:#d0d7de,color:#57606a"],
  ["errors", "Error handling", "fill:#fff8f7,stroke:#f0b8b4,color:#8c1d18"],
  ["unreachable", "Not reachable from start", "fill:#f6f8fa,stroke:#afb8c1,stroke-dasharray:4 4,color:#57606a"],
];

/** A partial view names at most this many outside nodes leading to a drawn node. */
const MAX_ENTERED_FROM = 3;

/**
 * One `flowchart` of a flow. Nodes are grouped by section (main path, error handling,
 * unreachable) when there is more than one and the view has SECTION_MIN_NODES nodes or more. A
 * transition that would be a long edge (into a hub many transitions enter, from one section into
 * another, out of a partial view) is a line `name → target` in its node instead, so each section
 * lays out as one column; straight runs of simple nodes collapse into one box listing them.
 */
export function renderFlowDiagram(model: FlowModel, opts: FlowDiagramOptions = {}): string {
  const hl = opts.highlight ?? {};
  const keep = new Set([...(hl.added ?? []), ...(hl.changed ?? [])]);
  const plan = planDiagram(model, { only: opts.only, keep });
  const lines: string[] = [`flowchart ${opts.direction ?? "TD"}`];
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => byClass.set(cls, [...(byClass.get(cls) ?? []), id]);

  // Which box draws a node: its own, or its run's.
  const runOf = new Map<string, string[]>();
  for (const run of plan.runs) for (const id of run) runOf.set(id, run);
  const boxOf = (id: string) => (runOf.has(id) ? `run_${runOf.get(id)![0]}` : mermaidId(id));
  const drawn = new Set(plan.nodes);
  /** The lines a node's references add to its box: `failure → Sorry`. */
  const refLines = (id: string) =>
    plan.references.filter((e) => e.from === id).map((e) => `${e.failure ? "⚠ " : ""}${e.name} → ${e.to}`);
  const enteredLines = (id: string) => {
    const from = plan.enteredFrom.get(id);
    if (!from) return [];
    return [
      `← from ${from.slice(0, MAX_ENTERED_FROM).join(", ")}${from.length > MAX_ENTERED_FROM ? ` +${from.length - MAX_ENTERED_FROM} more` : ""}`,
    ];
  };

  /** The declaration of one node, or of its run at the run's first node. */
  const declare = (id: string): string[] => {
    const run = runOf.get(id);
    if (run) {
      if (run[0] !== id) return [];
      const texts = [`${run[0]} … ${run[run.length - 1]} (${run.length} steps)`, ...enteredLines(id)];
      for (const m of run) {
        const node = model.nodes[m];
        texts.push(`${m}${node.label !== undefined ? ` (${node.label})` : ""}: ${nodeSummary(node)}`, ...refLines(m));
      }
      addClass(
        opts.coverage ? (run.every((m) => opts.coverage!.nodes.has(m)) ? "covered" : "uncovered") : "run",
        boxOf(id),
      );
      return [`${boxOf(id)}[${label(texts)}]`];
    }
    const node = model.nodes[id];
    const hub = plan.hubs.get(id);
    const extra = [...(hub !== undefined ? [`← ${hub} transitions`] : []), ...enteredLines(id), ...refLines(id)];
    // A highlight wins over the kind's style: classes later in CLASS_DEFS take precedence.
    if (opts.coverage) addClass(opts.coverage.nodes.has(id) ? "covered" : "uncovered", mermaidId(id));
    else if (hl.added?.has(id)) addClass("added", mermaidId(id));
    else if (hl.changed?.has(id)) addClass("changed", mermaidId(id));
    else if (node.type === "subflow") addClass("subflow", mermaidId(id));
    else if (descriptorOf(node).terminal && transitionsOf(node).every((t) => t.target === undefined))
      addClass("terminal", mermaidId(id));
    return [nodeShape(id, node, extra)];
  };

  const grouped = plan.grouped;
  const present = grouped
    ? SECTIONS.filter(([s]) => plan.nodes.some((id) => plan.sectionOf.get(id) === s))
    : [SECTIONS[0]];
  const indent = grouped ? "    " : "  ";
  for (const [section, title] of present) {
    const ids = grouped ? plan.nodes.filter((id) => plan.sectionOf.get(id) === section) : plan.nodes;
    // Mermaid lays a subgraph out across its parent unless told otherwise: keep the diagram's direction.
    if (grouped)
      lines.push(
        `  subgraph sg_${section}[${label([title], 40)}]`,
        `    direction ${opts.direction === "LR" ? "LR" : "TB"}`,
      );
    // The start marker opens the main path (inside its box, so that box starts at the top).
    if (section === "main" && drawn.has(model.start)) {
      lines.push(`${indent}flow_start(("start")) --> ${boxOf(model.start)}`);
      addClass("start", "flow_start");
    }
    for (const id of ids) for (const l of declare(id)) lines.push(`${indent}${l}`);
    if (grouped) lines.push("  end");
  }
  const uncoveredLinks = edgeLines(model, plan.edges, runOf, boxOf, lines, drawn.has(model.start), opts.coverage);
  const removed = [...(hl.removed ?? [])].sort(cmp);
  if (removed.length > 0) {
    lines.push(`  removed_nodes[${label([`removed: ${removed.join(", ")}`])}]`);
    addClass("removed", "removed_nodes");
  }
  const used = new Set(byClass.keys());
  lines.push(...classDefLines(used), ...classLines(byClass));
  if (uncoveredLinks.length > 0)
    lines.push(`  linkStyle ${uncoveredLinks.join(",")} stroke:#b42318,stroke-dasharray:5 5`);
  if (grouped) for (const [section, , style] of present) lines.push(`  style sg_${section} ${style}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The transitions' links (those inside a run are its box), appended to `lines`; the numbers of the
 * links no scenario took. Mermaid numbers links in the order they are written: the start marker's
 * first, when it is drawn (`startDrawn`).
 */
function edgeLines(
  model: FlowModel,
  edges: DiagramPlan["edges"],
  runOf: ReadonlyMap<string, string[]>,
  boxOf: (id: string) => string,
  lines: string[],
  startDrawn: boolean,
  coverage: FlowDiagramOptions["coverage"],
): number[] {
  let link = startDrawn ? 1 : 0;
  const uncovered: number[] = [];
  for (const e of edges) {
    if (runOf.has(e.from) && runOf.get(e.from) === runOf.get(e.to)) continue;
    if (coverage && !coverage.transitions.has(`${e.from} ${e.name}`)) uncovered.push(link);
    link++;
    // A node's only transition `next` needs no name (an unlabelled edge also takes less height).
    const node = model.nodes[e.from];
    const named = e.name !== "next" || descriptorOf(node).transitions(node).length > 1;
    lines.push(`  ${boxOf(e.from)} ${e.failure ? "-.->" : "-->"}${named ? `|${label([e.name])}|` : ""} ${boxOf(e.to)}`);
  }
  return uncovered;
}

/** A flow as the stack diagram sees it (a planned flow shows its published name). */
export interface StackEntry {
  file: string;
  model: FlowModel;
  publishedName?: string;
}

/**
 * The portfolio's module graph: one node per flow, and an edge from each flow (modules included)
 * to every module it calls, labelled with the ids of its subflow nodes. With the stack's routing:
 * numbers -> IVR configs -> flows, schedule groups and emergency groups too (diagram/routing.ts).
 */
export function renderStackDiagram(
  input: ReadonlyArray<StackEntry | LoadedFlow>,
  routing: readonly RoutingEntry[] = [],
): string {
  const entries: StackEntry[] = [...input].sort((a, b) => cmp(a.file, b.file) || cmp(a.model.name, b.model.name));
  const ids = new Map<StackEntry, string>();
  const modules = entries.filter((e) => FLOW_KINDS[e.model.kind].isModule);
  const callers = entries.filter((e) => !FLOW_KINDS[e.model.kind].isModule);
  for (const [i, e] of modules.entries()) ids.set(e, `module_${i + 1}`);
  for (const [i, e] of callers.entries()) ids.set(e, `flow_${i + 1}`);

  const lines = ["flowchart LR"];
  const byClass = new Map<string, string[]>();
  const describe = (e: StackEntry) => [
    e.model.name,
    `${e.model.kind} · ${e.file}`,
    ...(e.publishedName !== undefined && e.publishedName !== e.model.name ? [`published as ${e.publishedName}`] : []),
  ];
  for (const e of modules) {
    lines.push(`  ${ids.get(e)}[[${label(describe(e))}]]`);
    byClass.set("module", [...(byClass.get("module") ?? []), ids.get(e)!]);
  }
  for (const e of callers) lines.push(`  ${ids.get(e)}[${label(describe(e))}]`);

  const missing = new Map<string, string>();
  for (const e of [...modules, ...callers]) {
    const calls = new Map<string, string[]>();
    for (const id of Object.keys(e.model.nodes).sort(cmp)) {
      const node = e.model.nodes[id];
      if (node.type === "subflow") calls.set(node.module, [...(calls.get(node.module) ?? []), id]);
    }
    for (const name of [...calls.keys()].sort(cmp)) {
      const target = modules.find((m) => m.model.name === name);
      let targetId = target ? ids.get(target)! : missing.get(name);
      if (targetId === undefined) {
        targetId = `missing_${missing.size + 1}`;
        missing.set(name, targetId);
        lines.push(`  ${targetId}[[${label([name, "module not in this set"])}]]`);
        byClass.set("removed", [...(byClass.get("removed") ?? []), targetId]);
      }
      lines.push(`  ${ids.get(e)} -->|${label([calls.get(name)!.join(", ")])}| ${targetId}`);
    }
  }
  if (routing.length > 0) {
    const flowNode = new Map(entries.map((e) => [flowIdOf(e.file) ?? e.file, ids.get(e)!]));
    lines.push(
      ...routingLines(routing, flowNode, {
        label: (texts) => label(texts),
        classOf: (name, id) => byClass.set(name, [...(byClass.get(name) ?? []), id]),
      }),
    );
  }
  lines.push(...classDefLines(new Set(byClass.keys())), ...classLines(byClass));
  return `${lines.join("\n")}\n`;
}

/** A fenced ```mermaid block for Markdown (GitHub renders it). */
export function mermaidBlock(diagram: string): string {
  return `\`\`\`mermaid\n${diagram}\`\`\`\n`;
}
