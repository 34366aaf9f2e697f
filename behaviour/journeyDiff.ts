// Journeys that change between two versions of a stack's flows: for every flow on both sides whose
// compiled Archy, or that of a module it calls (transitively), differs, its journeys (journeys.ts)
// on each side matched by what the caller does and the org answers along them (whether a transfer
// connects being a fact of the org, whatever order the transfers are tried in); a journey whose
// outcome, prompts or messages differ is listed, with only the texts that differ, as are journeys
// only one side has. This is what a
// reviewer of a module change needs: which callers' journeys change, and how. Rendered as text or
// as Markdown within a character budget (the pull-request comment's). Pure.
import { isDeepStrictEqual } from "node:util";
import { journeysOf, type Journey, type JourneyOptions, type JourneyTable } from "./journeys";
import type { FlowModel } from "../model/schema";
import { programOfFlowFiles, type CompiledFlow, type Program } from "./program";

export interface JourneyChange {
  kind: "changed" | "new" | "gone";
  /** The answers along the journey (the head's, or the base's for a journey that is gone). */
  choices: string[];
  /** A changed journey whose conditions or transfer targets read differently: the base's answers. */
  choicesBefore?: string[];
  before?: Pick<Journey, "outcome" | "prompts" | "messages">;
  after?: Pick<Journey, "outcome" | "prompts" | "messages">;
}

export interface FlowJourneyChanges {
  flow: string;
  file: string;
  /** Journeys on the head side. */
  journeys: number;
  changes: JourneyChange[];
  /** A side had more journeys than were enumerated: changes past them are not listed. */
  truncated: boolean;
}

/** Every `callCommonModule.commonModule.<name>` in a compiled body. */
function calledModules(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) calledModules(n, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "callCommonModule" && value && typeof value === "object") {
        const target = (value as { commonModule?: unknown }).commonModule;
        if (target && typeof target === "object") for (const name of Object.keys(target)) out.add(name.toLowerCase());
      }
      calledModules(value, out);
    }
  }
  return out;
}

/** The compiled bodies a flow's runs read: its own and every module it reaches, by published name. */
function reach(program: Program, flow: CompiledFlow): Map<string, unknown> {
  const out = new Map<string, unknown>([[flow.publishedName.toLowerCase(), flow.body]]);
  const todo = [...calledModules(flow.body, new Set())];
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (out.has(name)) continue;
    const callee = program.byPublishedName(name);
    out.set(name, callee?.body);
    if (callee) todo.push(...calledModules(callee.body, new Set()));
  }
  return out;
}

const view = (j: Journey) => ({ outcome: j.outcome, prompts: j.prompts, messages: j.messages });

/**
 * Two journeys in the same org: the same answers of the customer and the org but the transfers',
 * and no queue or flow that takes the interaction on one and not on the other. A version that
 * tries another transfer first is so compared with the same customer in the same org, not with
 * whichever journey happens to answer its transfers in the same order.
 */
function sameOrg(a: Journey, b: Journey): boolean {
  return a.answers === b.answers && a.transfers.every((x) => b.transfers.every((y) => x.target !== y.target || x.connects === y.connects));
}

/** The journeys that change, per flow on both sides whose runs can differ (sorted by flow id). */
export function journeyChanges(base: Program, head: Program, opts: JourneyOptions = {}): FlowJourneyChanges[] {
  const out: FlowJourneyChanges[] = [];
  for (const id of [...head.flows.keys()].sort()) {
    const after = head.flows.get(id)!;
    const before = base.flows.get(id);
    if (!before) continue;
    const a = reach(head, after);
    const b = reach(base, before);
    if (isDeepStrictEqual([...a].sort(), [...b].sort())) continue;
    const tb = journeysOf(base, id, opts);
    const ta = journeysOf(head, id, opts);
    const byAnswers = new Map<string, Journey[]>();
    for (const o of tb.journeys) byAnswers.set(o.answers, [...(byAnswers.get(o.answers) ?? []), o]);
    const reached = new Set<Journey>();
    const changes: JourneyChange[] = [];
    for (const j of ta.journeys) {
      const same = (byAnswers.get(j.answers) ?? []).filter((o) => sameOrg(o, j));
      for (const o of same) reached.add(o);
      if (same.length === 0) {
        changes.push({ kind: "new", choices: j.choices, after: view(j) });
        continue;
      }
      // Listed when what the customer experiences differs in the same org (a condition that reads
      // differently but leads to the same is in the flow diff): against the base's journey with the
      // same answers in the same order when it differs, else the first of that org's that does.
      const differs = (o: Journey) => !isDeepStrictEqual(view(o), view(j));
      const exact = same.find((o) => o.key === j.key);
      const o = exact && differs(exact) ? exact : same.find(differs);
      if (o) changes.push({ kind: "changed", choices: j.choices, before: view(o), after: view(j), ...(isDeepStrictEqual(o.choices, j.choices) ? {} : { choicesBefore: o.choices }) });
    }
    for (const o of tb.journeys) if (!reached.has(o)) changes.push({ kind: "gone", choices: o.choices, before: view(o) });
    if (changes.length > 0 || ta.truncated || tb.truncated) out.push({ flow: id, file: after.file, journeys: ta.journeys.length, changes, truncated: ta.truncated || tb.truncated });
  }
  return out;
}

/** What differs between two lists of texts heard or sent, without what both have before and after it. */
function listChange(verb: string, before: readonly string[], after: readonly string[]): string {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  const was = before.slice(p, before.length - s);
  const now = after.slice(p, after.length - s);
  const quote = (texts: readonly string[]) => texts.map((t) => JSON.stringify(t)).join(", ");
  if (was.length === 0) return `${verb} ${quote(now)} too${p > 0 ? `, after ${JSON.stringify(after[p - 1])}` : ", first"}`;
  if (now.length === 0) return `no longer ${verb} ${quote(was)}`;
  return `${verb} ${quote(now)} instead of ${quote(was)}`;
}

function what(c: JourneyChange): string {
  if (c.kind === "new") return `new: ${c.after!.outcome}`;
  if (c.kind === "gone") return `gone: ${c.before!.outcome}`;
  const parts: string[] = [];
  if (c.before!.outcome !== c.after!.outcome) parts.push(`${c.before!.outcome} → ${c.after!.outcome}`);
  if (!isDeepStrictEqual(c.before!.prompts, c.after!.prompts)) parts.push(listChange("hears", c.before!.prompts, c.after!.prompts));
  if (!isDeepStrictEqual(c.before!.messages, c.after!.messages)) parts.push(listChange("is sent", c.before!.messages, c.after!.messages));
  if (c.choicesBefore) {
    const was = c.choicesBefore.filter((x) => !c.choices.includes(x));
    const now = c.choices.filter((x) => !c.choicesBefore!.includes(x));
    parts.push(`${now.join(" · ")} (was ${was.join(" · ")})`);
  }
  return parts.join("; ");
}

const journeyText = (c: JourneyChange) => (c.choices.length > 0 ? c.choices.join(" · ") : "(no choice: the only journey)");

export function renderJourneyChangesText(flows: readonly FlowJourneyChanges[]): string {
  if (flows.length === 0) return "Journeys that change: none.\n";
  const lines = ["Journeys that change (what the caller does and the org answers -> what changes):"];
  for (const f of flows) {
    lines.push(`  ${f.flow} (${f.file}): ${f.changes.length} of ${f.journeys} journeys${f.truncated ? " (more journeys than were enumerated)" : ""}`);
    for (const c of f.changes) lines.push(`    - ${journeyText(c)}`, `      ${what(c)}`);
  }
  return lines.join("\n") + "\n";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** The Markdown section, cut to `budget` characters (rows that do not fit are counted, not listed). */
export function renderJourneyChangesMarkdown(flows: readonly FlowJourneyChanges[], budget = Number.POSITIVE_INFINITY): string {
  const head = "\n### Journeys that change\n\n";
  if (flows.length === 0) return `${head}No caller journey changes.\n`;
  if (budget < 400) {
    const note = "\n_Journeys that change did not fit in this comment: see the full report._\n";
    return note.length <= budget ? note : "";
  }
  let out = head;
  let left = 0;
  for (const f of flows) {
    const title = `**${cell(f.flow)}** (\`${f.file}\`): ${f.changes.length} of ${f.journeys} journeys change${f.truncated ? " (more journeys than were enumerated)" : ""}\n\n| journey: what the customer does and the org answers | what changes |\n| --- | --- |\n`;
    if (left > 0 || out.length + title.length > budget) {
      left += f.changes.length;
      continue;
    }
    out += title;
    for (const c of f.changes) {
      const row = `| ${cell(journeyText(c))} | ${cell(what(c))} |\n`;
      if (left > 0 || out.length + row.length + 200 > budget) left++;
      else out += row;
    }
    out += "\n";
  }
  if (left > 0) out += `_${left} more journeys change: see the full report._\n`;
  return out;
}

/**
 * The flow diff's section: the journeys that change between the flow files of the base and the
 * head, rendered (nothing when no journey changes). A side that does not compile says so instead.
 */
export function journeysSection(
  base: ReadonlyMap<string, { file: string; model: FlowModel }>,
  head: ReadonlyMap<string, { file: string; model: FlowModel }>,
  format: "text" | "markdown",
  budget?: number,
): string {
  let flows: FlowJourneyChanges[];
  try {
    flows = journeyChanges(programOfFlowFiles(base), programOfFlowFiles(head));
  } catch (e) {
    const note = `Journeys that change: not computed (${(e as Error).message.split("\n")[0]}).`;
    return format === "markdown" ? `\n_${note}_\n` : `${note}\n`;
  }
  if (flows.length === 0) return "";
  return format === "markdown" ? renderJourneyChangesMarkdown(flows, budget) : `\n${renderJourneyChangesText(flows)}`;
}

/** A flow's journeys as a table: the answers along each, and how it ends. */
export function renderJourneyTable(table: JourneyTable, format: "text" | "markdown"): string {
  const head = `${table.flow} (${table.file}): ${table.journeys.length} journeys${table.truncated ? " (more exist; raise the bound to see them)" : ""}`;
  if (format === "markdown") {
    const rows = table.journeys.map((j, i) => `| ${i + 1} | ${cell(j.choices.length > 0 ? j.choices.join(" · ") : "(no choice)")} | ${cell(j.prompts.join(" / "))} | ${cell(j.outcome)} |`);
    return [`**${cell(head)}**`, "", "| # | what the customer does and the org answers | heard | outcome |", "| --- | --- | --- | --- |", ...rows, ""].join("\n") + "\n";
  }
  const lines = [head];
  table.journeys.forEach((j, i) => lines.push(`  ${i + 1}. ${j.choices.length > 0 ? j.choices.join(" · ") : "(no choice)"}`, `     -> ${j.outcome}`));
  return lines.join("\n") + "\n";
}
