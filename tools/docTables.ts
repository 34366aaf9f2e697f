// The reference tables of flow kinds, node types and rules (docs/flow-format.md, docs/policy-pack.md,
// docs/routing.md, docs/archy-knowledge.md) and the assumptions register (docs/assumptions.md),
// generated from the descriptors, the rule registry and project/assumptions.yaml, so
// they cannot go stale: a unit test fails when a page differs from what this writes (npm run
// docs:tables rewrites them). Each table sits between <!-- <name>:start --> and <!-- <name>:end -->
// markers in the page that TABLE_PAGES names.
import { RULE_VERDICTS } from "../archy/verdicts";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FLOW_AND_PACK_RULES } from "../policies/packRules";
import { ROUTING_RULES } from "../checks/routingRules";
import { FLOW_KINDS, KIND_NAMES } from "../model/kinds";
import { NODE_DESCRIPTORS, NODE_TYPES, needed, type TransitionSpec } from "../model/nodes";
import { assumptions } from "../project/assumptions";

const DOCS = join(__dirname, "..", "docs");

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** A Markdown table: the columns' headings, the separator, then the rows (`| a | b |`). */
const table = (head: readonly string[], rows: readonly string[]) =>
  [`| ${head.join(" | ")} |`, `|${" --- |".repeat(head.length)}`, ...rows].join("\n");

/** The transitions of a node type: as its descriptor documents them, or as its example has them. */
function transitionsOf(type: (typeof NODE_TYPES)[number]): string {
  const d = NODE_DESCRIPTORS[type] as {
    transitionsDoc?: string;
    example: unknown;
    transitions: (n: unknown) => TransitionSpec[];
  };
  if (d.transitionsDoc !== undefined) return d.transitionsDoc;
  const list = d.transitions(d.example);
  return list.length === 0 ? "none" : list.map((t) => `\`${t.name}\`${needed(t) ? "" : " (optional)"}`).join(", ");
}

export function nodeTable(): string {
  const rows = NODE_TYPES.map((t) => {
    const d = NODE_DESCRIPTORS[t];
    const kinds = KIND_NAMES.filter((k) => FLOW_KINDS[k].nodeTypes.includes(t)).join(", ");
    return `| \`${t}\` | ${cell(d.summary)} | ${cell(d.fields) || "—"} | ${transitionsOf(t)} | ${kinds} |`;
  });
  return table(["node type", "what it does", "fields", "transitions", "kinds"], rows);
}

export function kindTable(): string {
  const rows = KIND_NAMES.map((k) => {
    const d = FLOW_KINDS[k];
    const body = {
      tasks: "tasks (shared nodes become reusable tasks)",
      states: d.reusableTasks ? "states and reusable tasks" : "states (shared nodes repeated)",
      bots: "bots and reusable tasks",
      startUpTaskActions: "startUpTaskActions",
      startUpState: "startUpState (and a periodic state)",
    }[d.body];
    const builtins = Object.keys(d.builtins);
    return `| \`${k}\` | ${d.title} | \`${d.archyKey}\` / \`${d.apiType}\` | ${body} | \`${d.variableScope}.\`${builtins.length > 0 ? `; ${builtins.map((b) => `\`${b}\``).join(", ")}` : ""} |`;
  });
  return table(["kind", "what", "Archy key / API type", "compiled body", "variables"], rows);
}

export function ruleTable(): string {
  const rows = FLOW_AND_PACK_RULES.map((r) => {
    const level = r.core ? "core (hard error)" : r.locked ? "mandatory, locked" : r.defaultEnforcement;
    const notes = [
      r.needsStack ? "needs a stack" : "",
      r.packOnly ? "policy pack only" : "",
      r.settings ? `settings: ${Object.keys(r.settings).join(", ")}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    return `| \`${r.id}\` | ${level} | ${cell(r.description)}${notes ? ` (${notes})` : ""} |`;
  });
  return table(["id", "level", "what it demands"], rows);
}

/** The routing rules (checks/routingRules.ts): lint over routing/, the stack program and the policy pack. */
export function routingRuleTable(): string {
  const rows = ROUTING_RULES.map(
    (r) => `| \`${r.id}\` | ${r.core ? "mandatory" : "advisory"} | ${cell(r.description)} |`,
  );
  return table(["id", "level", "what it demands"], rows);
}

/** The Archy validator's rules with their verdict and why (archy/verdicts.ts). */
export function verdictTable(): string {
  const rows = RULE_VERDICTS.map(
    (r) =>
      `| \`${r.id}\` | ${r.verdict === "by-catalogue" ? "invalid or unknown, by catalogue data" : r.verdict} | ${cell(r.why)} |`,
  );
  return table(["rule", "verdict", "why"], rows);
}

/** Tests ("<file>: <name>") as a cell: the file, then the test's name in quotes. */
const testCells = (tests: readonly string[]) =>
  tests.map((t) => `\`${t.slice(0, t.indexOf(": "))}\` "${cell(t.slice(t.indexOf(": ") + 2))}"`).join("<br>");

/** The assumptions register (project/assumptions.yaml): each behaviour with its status, evidence, the emulator's model and what the tool does otherwise. */
export function assumptionTable(): string {
  const evidence = (a: ReturnType<typeof assumptions>[number]) =>
    a.evidence.length > 0
      ? a.evidence.map((e) => `${cell(e.source)}: "${cell(e.quote)}"`).join("<br>")
      : `none found (searched: ${cell(a.searched ?? "")})`;
  const rows = assumptions().map((a) => {
    const what = `${cell(a.reliedOn)} (${a.usedBy.join(", ")})`;
    const model = `${cell(a.emulator)} | ${cell(a.ifDiffers)}`;
    const row = `| \`${a.id}\`: ${cell(a.title)} | ${what} | ${a.status} | ${evidence(a)} | ${model} |`;
    return `${row} ${testCells(a.heldBy)} |`;
  });
  const head = ["behaviour", "what the tool relies on (where)", "status", "evidence", "the emulator"];
  head.push("if a real org answers otherwise", "held by");
  return table(head, rows);
}

/** Each answer the emulator plays of a behaviour, with the tests that run under it. */
export function answerTable(): string {
  const rows = assumptions().flatMap((a) =>
    Object.entries(a.answers ?? {}).map(([answer, { means, tests }], i) => {
      const model = i === 0 ? " (the emulator's model)" : "";
      return `| \`${a.id}\` | \`${answer}\`${model}: ${cell(means)} | ${testCells(tests)} |`;
    }),
  );
  return table(["behaviour", "answer (`--behave <behaviour>=<answer>`)", "tests run under it"], rows);
}

/** What `org probe` settles of each entry. */
export function probeTable(): string {
  const rows = assumptions().flatMap((a) =>
    a.probe ? [`| \`${a.id}\` | ${a.probe.write ? "`--write`" : "read-only"} | ${cell(a.probe.settles)} |`] : [],
  );
  return table(["behaviour", "probe", "what the org's answer settles"], rows);
}

export const TABLES: Record<string, () => string> = {
  "kind-table": kindTable,
  "node-table": nodeTable,
  "rule-table": ruleTable,
  "routing-rule-table": routingRuleTable,
  "verdict-table": verdictTable,
  "assumption-table": assumptionTable,
  "answer-table": answerTable,
  "probe-table": probeTable,
};

/** The page of docs/ each generated table lives in. */
export const TABLE_PAGES: Readonly<Record<keyof typeof TABLES, string>> = {
  "kind-table": "flow-format.md",
  "node-table": "flow-format.md",
  "rule-table": "policy-pack.md",
  "routing-rule-table": "routing.md",
  "verdict-table": "archy-knowledge.md",
  "assumption-table": "assumptions.md",
  "answer-table": "assumptions.md",
  "probe-table": "assumptions.md",
};

/** The absolute path of each page holding generated tables. */
export function tablePages(): string[] {
  return [...new Set(Object.values(TABLE_PAGES))].sort().map((p) => join(DOCS, p));
}

/** A page's text with every generated table it holds replaced by its current content. */
export function withTables(page: string, text: string): string {
  let out = text;
  const name = page.split("/").pop();
  for (const [table, render] of Object.entries(TABLES)) {
    if (TABLE_PAGES[table] !== name) continue;
    const re = new RegExp(`(<!-- ${table}:start -->\\n)[\\s\\S]*?(<!-- ${table}:end -->)`);
    if (!re.test(out)) throw new Error(`docs/${name} has no <!-- ${table}:start --> ... <!-- ${table}:end --> block`);
    out = out.replace(re, (_all, start: string, end: string) => `${start}${render()}\n${end}`);
  }
  return out;
}

if (require.main === module) {
  for (const page of tablePages()) {
    writeFileSync(page, withTables(page, readFileSync(page, "utf8")));
    process.stdout.write(`wrote the tables of ${page}\n`);
  }
}
