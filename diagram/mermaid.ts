// Mermaid diagrams of the flow model: one `flowchart` of the stack (the module and its callers)
// and one per flow (its nodes and labelled transitions). Pure and deterministic: the same model
// gives byte-identical text whatever the order of keys in the YAML file. Text from flow files is
// only ever written inside `"..."` labels with Mermaid's entity escapes, and node ids get an
// `n_` prefix, so ids like `end` or `graph` (Mermaid keywords) are safe.
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, targetsOf, transitionsOf } from "../model/nodes";
import type { FlowModel, FlowNode, LoadedFlow } from "../model/schema";

/** Longest text (in characters) kept of one label line; longer text ends with `…`. */
export const MAX_LABEL_LINE = 48;

/** Transitions drawn as dotted edges: the error paths. */

/** Styles shared by every diagram: node kinds and diff highlights. */
export const CLASS_DEFS: ReadonlyArray<[string, string]> = [
  ["subflow", "fill:#e3ecff,stroke:#1f4fd1,stroke-width:2px,color:#0b1f5c"],
  ["terminal", "fill:#eeeeee,stroke:#555555,color:#111111"],
  ["start", "fill:#222222,stroke:#222222,color:#ffffff"],
  ["module", "fill:#e3ecff,stroke:#1f4fd1,stroke-width:2px,color:#0b1f5c"],
  ["added", "fill:#d7f5dd,stroke:#1e7b34,stroke-width:3px,color:#0b3d17"],
  ["changed", "fill:#fff1c2,stroke:#b7791f,stroke-width:3px,color:#4a3000"],
  ["removed", "fill:#fde2e1,stroke:#b42318,stroke-width:2px,stroke-dasharray:5 5,color:#5c0f0a"],
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
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The Mermaid id of a flow node. Model ids are `[A-Za-z][A-Za-z0-9_]*`, so this is always valid. */
export function mermaidId(nodeId: string): string {
  return `n_${nodeId.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

/**
 * Text made safe inside a Mermaid `"..."` label: quotes and the characters Mermaid or its HTML
 * labels give a meaning to become entities (`#quot;`, `#35;`...), line breaks become spaces,
 * other characters (unicode included) are kept.
 */
export function escapeLabel(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?|\n/g, " ")) {
    switch (ch) {
      case '"': out += "#quot;"; break;
      case "#": out += "#35;"; break;
      case "&": out += "#amp;"; break;
      case "<": out += "#lt;"; break;
      case ">": out += "#gt;"; break;
      case "`": out += "#96;"; break;
      default: {
        const code = ch.codePointAt(0)!;
        // Control characters (and the few invisible separators) would confuse the parser.
        out += code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? " " : ch;
      }
    }
  }
  return out;
}

/** `text` cut to `max` characters (code points), ending with `…` when cut. */
export function truncate(text: string, max = MAX_LABEL_LINE): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length <= max ? chars.join("") : chars.slice(0, max - 1).join("") + "…";
}

/** A `"..."` label of several lines, each truncated and escaped. */
export function label(lines: ReadonlyArray<string>): string {
  return `"${lines.map((l) => escapeLabel(truncate(l))).join("<br/>")}"`;
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

/** The node's declaration: id, shape and label. */
function nodeShape(id: string, node: FlowNode): string {
  const lines = [id, ...(node.label !== undefined ? [node.label] : []), nodeSummary(node)];
  const [open, close] = SHAPES[node.type] ?? ["[", "]"];
  return `${mermaidId(id)}${open}${label(lines)}${close}`;
}

/** Node ids in display order: breadth-first from the start node, then unreachable ones sorted. */
export function nodeOrder(model: FlowModel): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const queue: string[] = model.start in model.nodes ? [model.start] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !(id in model.nodes)) continue;
    seen.add(id);
    order.push(id);
    for (const target of targetsOf(model.nodes[id])) if (!seen.has(target)) queue.push(target);
  }
  for (const id of Object.keys(model.nodes).sort(cmp)) if (!seen.has(id)) order.push(id);
  return order;
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

/** One `flowchart` of a flow: every node with a shape per type, every transition labelled. */
export function renderFlowDiagram(model: FlowModel, opts: FlowDiagramOptions = {}): string {
  const hl = opts.highlight ?? {};
  const lines: string[] = [`flowchart ${opts.direction ?? "TD"}`];
  const order = nodeOrder(model);
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => byClass.set(cls, [...(byClass.get(cls) ?? []), id]);

  lines.push(`  flow_start(("start")) --> ${mermaidId(model.start)}`);
  addClass("start", "flow_start");
  for (const id of order) {
    const node = model.nodes[id];
    lines.push(`  ${nodeShape(id, node)}`);
    // A highlight wins over the kind's style: classes later in CLASS_DEFS take precedence.
    if (hl.added?.has(id)) addClass("added", mermaidId(id));
    else if (hl.changed?.has(id)) addClass("changed", mermaidId(id));
    else if (node.type === "subflow") addClass("subflow", mermaidId(id));
    else if (descriptorOf(node).terminal && transitionsOf(node).every((t) => t.target === undefined)) addClass("terminal", mermaidId(id));
  }
  for (const id of order) {
    for (const { spec, target } of transitionsOf(model.nodes[id])) {
      if (target === undefined) continue;
      const arrow = spec.failure ? "-.->" : "-->";
      lines.push(`  ${mermaidId(id)} ${arrow}|${label([spec.name])}| ${mermaidId(target)}`);
    }
  }
  const removed = [...(hl.removed ?? [])].sort(cmp);
  if (removed.length > 0) {
    lines.push(`  removed_nodes[${label([`removed: ${removed.join(", ")}`])}]`);
    addClass("removed", "removed_nodes");
  }
  const used = new Set(byClass.keys());
  lines.push(...classDefLines(used), ...classLines(byClass));
  return lines.join("\n") + "\n";
}

/** A flow as the stack diagram sees it (a planned flow shows its published name). */
export interface StackEntry {
  file: string;
  model: FlowModel;
  publishedName?: string;
}

/**
 * The portfolio's module graph: one node per flow, and an edge from each flow (modules included)
 * to every module it calls, labelled with the ids of its subflow nodes.
 */
export function renderStackDiagram(input: ReadonlyArray<StackEntry | LoadedFlow>): string {
  const entries: StackEntry[] = [...input].sort((a, b) => cmp(a.file, b.file) || cmp(a.model.name, b.model.name));
  const ids = new Map<StackEntry, string>();
  const modules = entries.filter((e) => FLOW_KINDS[e.model.kind].isModule);
  const callers = entries.filter((e) => !FLOW_KINDS[e.model.kind].isModule);
  modules.forEach((e, i) => ids.set(e, `module_${i + 1}`));
  callers.forEach((e, i) => ids.set(e, `flow_${i + 1}`));

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
  lines.push(...classDefLines(new Set(byClass.keys())), ...classLines(byClass));
  return lines.join("\n") + "\n";
}

/** A fenced ```mermaid block for Markdown (GitHub renders it). */
export function mermaidBlock(diagram: string): string {
  return "```mermaid\n" + diagram + "```\n";
}
