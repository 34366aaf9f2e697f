// Round trip over every real export in ../shared/archy-corpus: import (import/), write the flow
// file, load it, check it, compile it, publish it on the emulator.
//
// For each file (placeholders filled first with values derived from the file, as the provider
// substitutes before parsing; test/unit/archy/corpusFiles.ts):
//   - the imported flow file loads and has no finding of any rule (core and policy);
//   - importing and compiling are deterministic (same input, same bytes);
//   - the compiled flow publishes (modules, then bots, then callers);
//   - the multiset of action kinds is preserved. Counted: every action (an item of an `actions`
//     or `startUpTaskActions` list) reachable from the flow's start: its start task, state or bot,
//     the tasks, states and bots entered from there (callTask, jumpToTask, changeState, menu
//     choices) and the menus. A task or state nothing enters is dead code: not imported (the
//     report names it), not counted. Structural actions are left out on both sides, since the
//     compiler lays the graph out in tasks of its own: callTask, endTask and jumpToMenu (a flow
//     starting at a menu starts with a task that jumps to it), and loopExit (a loop the export
//     leaves by a jump may be left by loopExit). The compiled flow may also hold MORE
//     of its kind's terminator (disconnect, endWorkflow, exitWorkitemFlow, exitBotFlow), where a
//     path that fell through now ends explicitly, and, in a module, updateData actions that only
//     set Common.outcome (the module's outcome its return nodes report). A menu choice that
//     transfers (menuTransferToAcd) counts as a transferToAcd, the action its typed node compiles
//     to. Every other action kind has exactly the original count.
// The test prints the share of actions mapped to typed nodes versus raw archy nodes.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { runChecks } from "../../checks";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { importArchyText, modelYaml, sum, type ImportResult } from "../../import";
import { countActions } from "../../import/graph";
import { parseRef } from "../../import/refs";
import type { Json } from "../../archy/json";
import { kindByArchyKey } from "../../model/kinds";
import { parseFlowText } from "../../model/load";
import { publishOrder, readCorpus, readNotExports } from "../unit/archy/corpusFiles";
import { publish } from "./helpers";

type Doc = Record<string, Record<string, Json>>;

/**
 * The action lists reachable from a flow's start (see the header): the start-up actions, and the
 * tasks, states, bots and menus a reachable list moves to; a menu with a global choice (offered in
 * every menu) is reachable too.
 */
export function reachableLists(doc: Doc): Json[] {
  const key = Object.keys(doc)[0];
  const body = doc[key];
  const elements = new Map<string, Json>();
  for (const [listKey, kind] of [["tasks", "task"], ["states", "state"], ["bots", "bot"], ["menus", "menu"]] as const) {
    for (const item of (body[listKey] as Array<Record<string, Record<string, Json>>>) ?? []) {
      const el = item[kind];
      elements.set(`${kind}:${el.refId as string}`, kind === "menu" ? { menu: el } : el.actions);
    }
  }
  const lists: Json[] = [body.startUpTaskActions ?? [], body.startUpState ?? [], body.periodicState ?? []];
  const entered = new Set<string>();
  const enter = (id: string): void => {
    if (!elements.has(id) || entered.has(id)) return;
    entered.add(id);
    lists.push(elements.get(id)!);
    visit(elements.get(id)!);
  };
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const ref = /Ref$/.test(k) && k !== "defaultChildMenuRef" ? parseRef(x) : undefined;
        if (ref) enter(`${ref.kind}:${ref.refId}`);
        else visit(x);
      }
    }
  };
  const isGlobal = (menu: Json): boolean => JSON.stringify(menu).includes('"globalDtmf":true') || JSON.stringify(menu).includes('"globalSpeechRecTerms":true');
  for (const [id, el] of elements) if (id.startsWith("menu:") && isGlobal(el)) enter(id);
  visit({ startUpRef: body.startUpRef ?? null, startUpTaskActions: body.startUpTaskActions ?? [], startUpState: body.startUpState ?? null, periodicState: body.periodicState ?? null });
  return lists;
}

function actionCounts(doc: Doc): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const list of reachableLists(doc)) countActions(list, counts);
  // A menu choice that transfers (menuTransferToAcd) is the transfer action of a menu task once typed.
  const transfers = (v: Json): number => (Array.isArray(v) ? v.reduce((n: number, x) => n + transfers(x), 0) : v && typeof v === "object" ? Object.entries(v).reduce((n, [k, x]) => n + (k === "menuTransferToAcd" ? 1 : 0) + transfers(x), 0) : 0);
  const choices = reachableLists(doc).reduce((n: number, list) => n + transfers(list), 0);
  if (choices > 0) counts.transferToAcd = (counts.transferToAcd ?? 0) + choices;
  return counts;
}

/** updateData actions that only set Common.outcome. */
function outcomeUpdates(doc: Doc): number {
  let n = 0;
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        const statements = k === "updateData" && x && typeof x === "object" && !Array.isArray(x) ? (x.statements as Array<Record<string, { variable?: string }>>) : undefined;
        if (statements?.length === 1 && Object.values(statements[0])[0]?.variable === "Common.outcome") n++;
        visit(x);
      }
    }
  };
  visit(doc);
  return n;
}

// Moves between elements: the compiler lays out elements of its own (and an element kept raw is
// entered with the move the export used, where the typed graph had an edge); a loop left by a jump
// in the export may be left by loopExit in the compiled flow, the same move as the compiler lays it out.
const STRUCTURAL = ["callTask", "endTask", "jumpToMenu", "jumpToTask", "changeState", "loopExit"];

/** Differences that break the rule of the header, as `kind: original -> compiled`. */
export function multisetDifferences(original: Doc, compiled: Doc): string[] {
  const archyKey = Object.keys(original)[0];
  const kind = kindByArchyKey(archyKey)!;
  const a = actionCounts(original);
  const b = actionCounts(compiled);
  if (kind.isModule) b.updateData = (b.updateData ?? 0) - outcomeUpdates(compiled);
  const out: string[] = [];
  for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (STRUCTURAL.includes(k)) continue;
    const [x, y] = [a[k] ?? 0, b[k] ?? 0];
    if (x === y || (k === kind.fallthrough && y > x)) continue;
    out.push(`${k}: ${x} -> ${y}`);
  }
  return out;
}

jest.setTimeout(120_000);

describe("import round trip over the real exports", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu?.stop();
  });

  it("every corpus file imports, passes the checks, compiles deterministically, publishes, and keeps its actions; the listed non-exports are refused", async () => {
    const notExports = new Map(readNotExports().map((n) => [n.file, n]));
    const failures: string[] = [];
    // A hand-written file that is no export is refused by the import at one of its certain findings' lines.
    for (const f of readCorpus().filter((c) => notExports.has(c.file))) {
      try {
        importArchyText(f.text, { source: f.file });
        failures.push(`${f.file}: not an export, but the import accepted it`);
      } catch (e) {
        const lines = notExports.get(f.file)!.refusedWith.map((r) => r.line);
        if (!lines.some((l) => (e as Error).message.includes(`${f.file}:${l}:`))) failures.push(`${f.file}: refused, but not at a listed line (${lines.join(", ")}): ${(e as Error).message}`);
      }
    }
    const corpus = publishOrder(readCorpus().filter((c) => !notExports.has(c.file)));
    let accepted = 0;
    const typed: Record<string, number> = {};
    const raw: Record<string, number> = {};
    const structural: Record<string, number> = {};
    for (const f of corpus) {
      const where = f.file;
      let result: ImportResult;
      try {
        result = importArchyText(f.text, { source: f.file });
      } catch (e) {
        failures.push(`${where}: import: ${(e as Error).message}`);
        continue;
      }
      const text = modelYaml(result.model, { schemaPath: "../../schema/flow.schema.json", source: f.file, lines: [] });
      if (modelYaml(importArchyText(f.text, { source: f.file }).model, { schemaPath: "../../schema/flow.schema.json", source: f.file, lines: [] }) !== text) failures.push(`${where}: importing twice wrote different files`);
      const flow = parseFlowText(text, `flows/imported/${f.file}`);
      const findings = runChecks({ flows: [{ file: flow.file, id: "imported", model: flow.model, displayName: flow.model.name }] });
      if (findings.length > 0) failures.push(`${where}: checks: ${findings.map((x) => `${x.ruleId} ${x.node ?? ""} ${x.field ?? ""}: ${x.message}`).join(" | ")}`);
      let compiled: string;
      try {
        compiled = compileFlow(flow, { publishedName: flow.model.name, modules: new Map() });
      } catch (e) {
        failures.push(`${where}: compile: ${(e as Error).message}`);
        continue;
      }
      if (compileFlow(flow, { publishedName: flow.model.name, modules: new Map() }) !== compiled) failures.push(`${where}: compiling twice gave different files`);
      const job = await publish(emu, compiled);
      if (job.status === "Success") accepted++;
      else failures.push(`${where}: publish: ${job.messages.filter((m) => m.type === "Error").map((m) => m.text).join(" | ")}`);
      const differences = multisetDifferences(parseArchyYaml(f.text) as Doc, parseArchyYaml(compiled) as Doc);
      if (differences.length > 0) failures.push(`${where}: action kinds differ: ${differences.join(", ")}`);
      for (const [k, v] of Object.entries(result.report.typed)) typed[k] = (typed[k] ?? 0) + v;
      for (const [k, v] of Object.entries(result.report.raw)) raw[k] = (raw[k] ?? 0) + v;
      for (const [k, v] of Object.entries(result.report.structural)) structural[k] = (structural[k] ?? 0) + v;
    }
    const t = sum(typed);
    const r = sum(raw);
    const top = (c: Record<string, number>) => Object.entries(c).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([k, v]) => `${k} ${v}`).join(", ");
    console.log(
      `import round trip: ${corpus.length} corpus files, ${accepted} published; actions: ${t} typed nodes (${((t * 100) / (t + r)).toFixed(1)}%), ${r} raw in archy nodes (${((r * 100) / (t + r)).toFixed(1)}%), ${sum(structural)} structural moves as transitions\n` +
        `  typed: ${top(typed)}\n  raw: ${top(raw)}\n  structural: ${top(structural)}`,
    );
    expect(failures).toEqual([]);
    expect(accepted).toBe(corpus.length);
    // A floor against regressions (76.0% on both corpus folders at the time of writing; issue 23
    // asks for 60%): tasks raw Archy jumps to stay typed, tasks that never come back are entered
    // for good wherever they are called, branches nested before a meeting node fall through to it,
    // menus with global choices, prompt variables and the node types of model/nodes are typed. What stays raw is named in the
    // README (Import Archy).
    expect(t / (t + r)).toBeGreaterThanOrEqual(0.74);
  });
});

describe("the multiset rule", () => {
  const doc = (actions: Json[], key = "inboundCall"): Doc => ({ [key]: { startUpRef: "/inboundCall/tasks/task[A]", tasks: [{ task: { refId: "A", actions } }] } as Record<string, Json> });
  it("fails on a lost or added action, and allows structure and the kind's terminator", () => {
    expect(multisetDifferences(doc([{ playAudio: {} }, { disconnect: {} }]), doc([{ disconnect: {} }]))).toEqual(["playAudio: 1 -> 0"]);
    expect(multisetDifferences(doc([{ playAudio: {} }]), doc([{ playAudio: {} }, { playAudio: {} }]))).toEqual(["playAudio: 1 -> 2"]);
    expect(multisetDifferences(doc([{ playAudio: {} }]), doc([{ playAudio: {} }, { callTask: {} }, { disconnect: {} }]))).toEqual([]);
    expect(multisetDifferences(doc([{ disconnect: {} }, { disconnect: {} }]), doc([{ disconnect: {} }]))).toEqual(["disconnect: 2 -> 1"]);
  });
});
