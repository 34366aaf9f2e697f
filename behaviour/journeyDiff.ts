// Journeys that change between two versions of a stack's flows: for every flow on both sides whose
// compiled Archy, or that of a module it calls (transitively), differs, its journeys (journeys.ts,
// one-digit collects taken key by key) on each side matched by what the caller does and the org
// answers along them (whether a transfer connects being a fact of the org, whatever order the
// transfers are tried in). A journey is listed when its outcome, prompts or messages differ, when a
// decision on it reads another condition (who takes the branch changes), or when only one side has
// it; a journey cut where it joins an earlier one is not listed. Then folded (journeyFold.ts): a
// loop or retry run another number of times is one row with its range, a module's own answers are
// one step in a caller's row, rows that change alike are one row over their answers. Each flow gets
// a summary (how many journeys change, by what changes for the customer) and its rows sorted by what
// changes most: outcomes, loops, what is heard or sent, conditions. This is what a reviewer of a
// module change needs: which callers' journeys change, and how. Rendered as text or as Markdown
// within a budget of characters and rows (the pull-request comment's). Pure.
import { isDeepStrictEqual } from "node:util";
import { calledModules } from "../archy/validate/moduleInterface";
import {
  callerSteps,
  foldedText,
  foldRows,
  loopsOf,
  repetitionOf,
  stepText,
  timesText,
  type FoldedStep,
  type Repetition,
} from "./journeyFold";
import { journeysOf, type Journey, type JourneyOptions, type JourneyStep, type JourneyTable } from "./journeys";
import { firstShapeDifference, journeyShape } from "./journeyShape";
import type { FlowModel } from "../model/schema";
import { programOfFlowFiles, type CompiledFlow, type Program } from "./program";

/** What the customer experiences on a journey: how it ends, what they hear and are sent. */
export type JourneyView = Pick<Journey, "outcome" | "prompts" | "messages">;

/** How many times a loop or retry runs on a folded row: the fewest and the most. */
export interface TimesRange {
  min: number;
  max: number;
}

export interface JourneyChange {
  kind: "changed" | "new" | "gone";
  /** The answers along the journey (the head's, or the base's for a journey that is gone), folded: `Menu: press 1`. */
  choices: string[];
  /** A changed journey whose steps read differently (another transfer tried): the base's. */
  choicesBefore?: string[];
  before?: JourneyView;
  after?: JourneyView;
  /** Decisions over values not known before the call, on the same steps, whose condition reads differently: who takes the branch changes. */
  conditions?: Array<{ at: string; answer: string; before: string; after: string }>;
  /** A loop or retry that runs another number of times (`VerifyCaller.Attempts`, left for `VerifyCaller.Failed`): one row for every such journey. */
  repeats?: { at: string; exit: string; before?: TimesRange; after?: TimesRange };
  /** How many journeys the row stands for (rows folded: a loop's rounds, the answers that change alike). */
  journeys: number;
}

export interface FlowJourneyChanges {
  flow: string;
  file: string;
  /** Journeys on the head side (those cut where they join an earlier one too). */
  journeys: number;
  /** Journeys on the base side, counted alike. */
  journeysBefore: number;
  /** The rows, what changes most for the customer first: outcomes, then loops run another number of times, then what they hear, then conditions. */
  changes: JourneyChange[];
  /** A side had more journeys than were enumerated: changes past them are not listed. */
  truncated: boolean;
  /** The flow itself is unchanged: its journeys change through these modules (by name). */
  through: string[];
  /** How many journeys change, by what changes for the customer (in the rows' order). */
  summary: Array<{ change: string; journeys: number }>;
  /**
   * Where journeys of either side stopped at an action the interpreter cannot run
   * (`<node> (<kind>)`): what follows is not compared.
   */
  notSimulatedPast: string[];
}

/** The modules a compiled body calls, by published name in lower case (Genesys compares them ignoring case). */
const calledModuleNames = (body: unknown): string[] => calledModules(body).map((name) => name.toLowerCase());

/** The compiled bodies a flow's runs read: its own and every module it reaches, by published name. */
function reach(program: Program, flow: CompiledFlow): Map<string, unknown> {
  const out = new Map<string, unknown>([[flow.publishedName.toLowerCase(), flow.body]]);
  const todo = calledModuleNames(flow.body);
  while (todo.length > 0) {
    const name = todo.pop()!;
    if (out.has(name)) continue;
    const callee = program.byPublishedName(name);
    out.set(name, callee?.body);
    if (callee) todo.push(...calledModuleNames(callee.body));
  }
  return out;
}

const view = (j: Journey): JourneyView => ({ outcome: j.outcome, prompts: j.prompts, messages: j.messages });

/**
 * Two journeys in the same org: the same answers of the customer and the org but the transfers',
 * and no queue or flow that takes the interaction on one and not on the other. A version that
 * tries another transfer first is so compared with the same customer in the same org, not with
 * whichever journey happens to answer its transfers in the same order.
 */
function sameOrg(a: Journey, b: Journey, answers = a.answers === b.answers): boolean {
  return (
    answers && a.transfers.every((x) => b.transfers.every((y) => x.target !== y.target || x.connects === y.connects))
  );
}

/** The decisions on the same steps of two journeys whose conditions read differently. */
function conditionChanges(before: Journey, after: Journey): NonNullable<JourneyChange["conditions"]> {
  const b = before.steps.filter((s) => s.condition !== undefined);
  const a = after.steps.filter((s) => s.condition !== undefined);
  return a.flatMap((s, i) =>
    b[i] && b[i].at === s.at && b[i].condition !== s.condition
      ? [{ at: s.at, answer: s.answer, before: b[i].condition!, after: s.condition! }]
      : [],
  );
}

/** What changes for a customer between two runs they live alike (undefined: nothing): how it ends, what they hear and are sent. */
export function livedChange(o: JourneyView, j: JourneyView): string | undefined {
  const parts = o.outcome !== j.outcome ? [`end in ${j.outcome} instead of ${o.outcome}`] : [];
  if (!isDeepStrictEqual(o.prompts, j.prompts)) parts.push(listChange("hear", o.prompts, j.prompts));
  if (!isDeepStrictEqual(o.messages, j.messages)) parts.push(listChange("be sent", o.messages, j.messages));
  return parts.length > 0 ? `would now ${parts.join("; ")}` : undefined;
}

/** A row while it is folded: its steps with the answers taken at each. */
interface Row {
  change: Omit<JourneyChange, "choices" | "journeys">;
  steps: FoldedStep[];
  journeys: number;
}

const folded = (steps: readonly JourneyStep[]): FoldedStep[] =>
  steps.map((s) => ({ at: s.at, answers: [s.answer], options: s.options }));

/** The loops' ranges on one side: per way of running a loop (what came before, where it is left), the fewest and most rounds and how such journeys end. */
function rangesOf(journeys: readonly Journey[], reps: ReadonlyMap<Journey, Repetition | undefined>) {
  const out = new Map<string, { rep: Repetition; range: TimesRange; outcomes: string[]; journeys: number }>();
  for (const j of journeys) {
    const r = reps.get(j);
    if (!r) continue;
    const e = out.get(r.key) ?? { rep: r, range: { min: r.count, max: r.count }, outcomes: [], journeys: 0 };
    e.range = { min: Math.min(e.range.min, r.count), max: Math.max(e.range.max, r.count) };
    if (!j.joined) {
      e.journeys++;
      if (!e.outcomes.includes(j.outcome)) e.outcomes.push(j.outcome);
    }
    out.set(r.key, e);
  }
  return out;
}

const within = (n: number, r: TimesRange | undefined) => r !== undefined && n >= r.min && n <= r.max;

/** What changes for the customer, first what changes most: an outcome (0), a loop's rounds (1), what they hear or are sent (2), a condition (3). */
function rank(c: Pick<JourneyChange, "kind" | "before" | "after" | "repeats">): number {
  if (c.repeats) return 1;
  if (c.kind !== "changed" || c.before!.outcome !== c.after!.outcome) return 0;
  if (
    !isDeepStrictEqual(c.before!.prompts, c.after!.prompts) ||
    !isDeepStrictEqual(c.before!.messages, c.after!.messages)
  )
    return 2;
  return 3;
}

/** The summary's words for a row's change. */
function summaryOf(c: JourneyChange): string {
  if (c.repeats) return `${c.repeats.at} runs another number of times`;
  if (c.kind === "new") return `new: ${c.after!.outcome}`;
  if (c.kind === "gone") return `gone: ${c.before!.outcome}`;
  if (c.before!.outcome !== c.after!.outcome) return `${c.before!.outcome} → ${c.after!.outcome}`;
  return rank(c) === 2 ? "same outcome, hears or is sent other texts" : "same outcome, a condition reads differently";
}

/** Only some outcomes of a folded row are named (none when every such journey joins an earlier one). */
const outcomesText = (outcomes: readonly string[]) =>
  outcomes.length === 0
    ? "as earlier journeys"
    : outcomes.length <= 3
      ? outcomes.join(" or ")
      : `${outcomes.slice(0, 3).join(", ")} or ${outcomes.length - 3} more`;

/** The changes of one flow on both sides, folded and sorted. */
type FlowChanges = Omit<FlowJourneyChanges, "flow" | "file" | "through">;

function flowChanges(base: Program, head: Program, id: string, opts: JourneyOptions): FlowChanges {
  // Keys one by one where that stays within the bound; else "enters digits" as before, so that
  // a flow of several one-key collects is not cut short by its keys.
  let tb = journeysOf(base, id, { ...opts, concreteDigits: opts.concreteDigits ?? true });
  let ta = journeysOf(head, id, { ...opts, concreteDigits: opts.concreteDigits ?? true });
  if ((tb.truncated || ta.truncated) && opts.concreteDigits === undefined) {
    tb = journeysOf(base, id, { ...opts, concreteDigits: false });
    ta = journeysOf(head, id, { ...opts, concreteDigits: false });
  }
  const loops = loopsOf([...tb.journeys, ...ta.journeys]);
  const reps = new Map<Journey, Repetition | undefined>(
    [...tb.journeys, ...ta.journeys].map((j) => [j, repetitionOf(j, loops)]),
  );
  const rb = rangesOf(tb.journeys, reps);
  const ra = rangesOf(ta.journeys, reps);
  const rows: Row[] = [];

  // A loop run another number of times: one row per way of running and leaving it.
  const changedLoops = new Set<string>();
  const loopKeyOf = new Map<Row, string>();
  for (const key of [...new Set([...ra.keys(), ...rb.keys()])]) {
    const b = rb.get(key);
    const a = ra.get(key);
    if (b && a && b.range.min === a.range.min && b.range.max === a.range.max) continue;
    changedLoops.add(key);
    const { rep } = (a ?? b)!;
    const steps = (a ?? b)!.rep.before.map(
      (t): FoldedStep => ({ at: t.slice(0, t.indexOf(": ")), answers: [t.slice(t.indexOf(": ") + 2)], options: [] }),
    );
    steps.push({ at: rep.head, answers: [`repeated, then ${rep.exit}`], options: [] });
    const ends = (e: typeof a): JourneyView => ({ outcome: outcomesText(e!.outcomes), prompts: [], messages: [] });
    const row: Row = {
      change: {
        kind: b && a ? "changed" : a ? "new" : "gone",
        ...(b ? { before: ends(b) } : {}),
        ...(a ? { after: ends(a) } : {}),
        repeats: { at: rep.head, exit: rep.exit, ...(b ? { before: b.range } : {}), ...(a ? { after: a.range } : {}) },
      },
      steps,
      journeys: 0,
    };
    rows.push(row);
    loopKeyOf.set(row, key);
  }
  // A journey only one side has because the loop runs another number of times there: its loop's
  // row says it, and counts it.
  const explained = (j: Journey, other: ReadonlyMap<string, { range: TimesRange }>) => {
    const r = reps.get(j);
    return r !== undefined && changedLoops.has(r.key) && !within(r.count, other.get(r.key)?.range);
  };
  for (const [journeys, other] of [
    [ta.journeys, rb],
    [tb.journeys, ra],
  ] as const) {
    for (const j of journeys) {
      // A journey cut where it joins an earlier one counts too: it ran the loop its number of times.
      if (!explained(j, other)) continue;
      const row = rows.find((r) => r.change.repeats && reps.get(j)!.key === loopKeyOf.get(r));
      if (row) row.journeys++;
    }
  }
  // A journey the other side cut where it joined an earlier one: what follows is in that one.
  const covered = (j: Journey, other: JourneyTable) =>
    other.journeys.some((o) => o.joined && (j.answers === o.answers || j.answers.startsWith(`${o.answers}\n`)));

  const byAnswers = new Map<string, Journey[]>();
  for (const o of tb.journeys) byAnswers.set(o.answers, [...(byAnswers.get(o.answers) ?? []), o]);
  const reached = new Set<Journey>();
  for (const j of ta.journeys) {
    if (j.joined) continue;
    const same = (byAnswers.get(j.answers) ?? []).filter((o) => sameOrg(o, j));
    for (const o of same) reached.add(o);
    if (same.length === 0) {
      if (!explained(j, rb) && !covered(j, tb))
        rows.push({ change: { kind: "new", after: view(j) }, steps: folded(callerSteps(j)), journeys: 1 });
      continue;
    }
    // Listed when what the customer experiences, or who takes a branch, differs in the same org:
    // against the base's journey with the same answers in the same order when it differs, else the
    // first of that org's that does. A journey that joined an earlier one is cut: not compared.
    const differs = (o: Journey) =>
      !o.joined && (!isDeepStrictEqual(view(o), view(j)) || conditionChanges(o, j).length > 0);
    const exact = same.find((o) => o.key === j.key);
    const o = exact && differs(exact) ? exact : same.find(differs);
    if (!o) continue;
    const steps = callerSteps(j).map(stepText);
    const stepsBefore = callerSteps(o).map(stepText);
    const conditions = conditionChanges(o, j);
    rows.push({
      change: {
        kind: "changed",
        before: view(o),
        after: view(j),
        ...(isDeepStrictEqual(steps, stepsBefore) ? {} : { choicesBefore: stepsBefore }),
        ...(conditions.length > 0 ? { conditions } : {}),
      },
      steps: folded(callerSteps(j)),
      journeys: 1,
    });
  }
  for (const o of tb.journeys)
    if (!reached.has(o) && !o.joined && !explained(o, ra) && !covered(o, ta))
      rows.push({ change: { kind: "gone", before: view(o) }, steps: folded(callerSteps(o)), journeys: 1 });
  const stops = [...new Set([...tb.journeys, ...ta.journeys].flatMap((j) => j.notSimulatedPast ?? []))].sort();
  const truncated = ta.truncated || tb.truncated;
  const counts = { journeys: ta.journeys.length, journeysBefore: tb.journeys.length, truncated };
  const notSimulatedPast = stops;
  if (rows.length === 0) return { ...counts, notSimulatedPast, changes: [], summary: [] };

  // Rows that say the same change (in the same words) fold over the answers that change alike; the
  // outcomes they end in are then each one's.
  const signature = (r: Row) =>
    JSON.stringify([r.change.kind, what({ ...r.change, choices: r.steps.map(foldedText), journeys: 0 })]);
  const either = (a: JourneyView | undefined, b: JourneyView | undefined): JourneyView | undefined =>
    a && b && a.outcome !== b.outcome
      ? { ...a, outcome: [...new Set([...a.outcome.split(" or "), ...b.outcome.split(" or ")])].join(" or ") }
      : a;
  const merge = (a: Row, b: Row): Row => {
    const before = either(a.change.before, b.change.before);
    const after = either(a.change.after, b.change.after);
    return {
      ...a,
      change: { ...a.change, ...(before ? { before } : {}), ...(after ? { after } : {}) },
      journeys: a.journeys + b.journeys,
    };
  };
  const rowsFolded = foldRows(rows, signature, merge);
  const changes = rowsFolded
    .map((r): JourneyChange => ({ ...r.change, choices: r.steps.map(foldedText), journeys: r.journeys }))
    .map((c, i) => ({ c, i }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.i - y.i)
    .map((x) => x.c);
  const summary: FlowJourneyChanges["summary"] = [];
  for (const c of changes) {
    const s = summaryOf(c);
    const e = summary.find((x) => x.change === s);
    if (e) e.journeys += c.journeys;
    else summary.push({ change: s, journeys: c.journeys });
  }
  return { ...counts, notSimulatedPast, changes, summary };
}

/**
 * Whether a flow's journeys are the same on both sides with its node names aside (journeyShape.ts):
 * what a refactoring that moves nodes into a module, or renames them, leaves as it was. Every
 * journey runs to its end here (none joins an earlier one: a module's variables are gone once it
 * returned, the flow's own were not); more journeys than the bound is not the same, and neither is
 * a journey stopped at an action the interpreter cannot run (what follows it is not known).
 */
function sameShapes(base: Program, head: Program, id: string, opts: JourneyOptions): boolean {
  const run = (p: Program) =>
    journeysOf(p, id, { ...opts, concreteDigits: false, joinEqualStates: false, maxJumps: opts.maxJumps ?? 2 });
  const b = run(base);
  const a = run(head);
  const stopped = [...b.journeys, ...a.journeys].some((j) => j.notSimulatedPast !== undefined);
  if (b.truncated || a.truncated || stopped) return false;
  return firstShapeDifference(b.journeys.map(journeyShape), a.journeys.map(journeyShape)) === undefined;
}

/**
 * The flows whose runs can differ, split: those whose journeys change, those whose journeys stay the
 * same (node names aside: every journey simulated end to end), and those where no journey is seen to
 * change but some stopped at an action the interpreter cannot run (`past`: where), so not known.
 */
export interface JourneyReport {
  changes: FlowJourneyChanges[];
  unchanged: Array<{ flow: string; file: string }>;
  notSimulated: Array<{ flow: string; file: string; past: string[] }>;
}

/** The journeys that change, per flow on both sides whose runs can differ (sorted by flow id), and the flows whose journeys do not. */
export function journeyReport(base: Program, head: Program, opts: JourneyOptions = {}): JourneyReport {
  const out: FlowJourneyChanges[] = [];
  const unchanged: JourneyReport["unchanged"] = [];
  const notSimulated: JourneyReport["notSimulated"] = [];
  for (const id of [...head.flows.keys()].sort()) {
    const after = head.flows.get(id)!;
    const before = base.flows.get(id);
    if (!before) continue;
    const a = reach(head, after);
    const b = reach(base, before);
    if (isDeepStrictEqual([...a].sort(), [...b].sort())) continue;
    const changes = flowChanges(base, head, id, opts);
    // Only a flow whose own content changes can keep its journeys with its nodes renamed or moved
    // (a caller changing through a module runs the module's new content): the check runs for those.
    const own = !isDeepStrictEqual(before.body, after.body);
    if ((changes.changes.length === 0 && !changes.truncated) || (own && sameShapes(base, head, id, opts))) {
      const past = changes.notSimulatedPast;
      if (past.length > 0) notSimulated.push({ flow: id, file: after.file, past });
      else unchanged.push({ flow: id, file: after.file });
      continue;
    }
    // A flow whose own content is the same changes through the modules it reaches that change.
    const through = !own
      ? [...a.keys()]
          .filter((name) => name !== after.publishedName.toLowerCase() && !isDeepStrictEqual(a.get(name), b.get(name)))
          .map((name) => head.byPublishedName(name)?.model.name ?? name)
          .sort()
      : [];
    out.push({ flow: id, file: after.file, through, ...changes });
  }
  return { changes: out, unchanged, notSimulated };
}

/** What differs between two lists of texts heard or sent, without what both have before and after it. */
function listChange(verb: string, before: readonly string[], after: readonly string[]): string {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s])
    s++;
  const was = before.slice(p, before.length - s);
  const now = after.slice(p, after.length - s);
  const quote = (texts: readonly string[]) => texts.map((t) => JSON.stringify(t)).join(", ");
  if (was.length === 0)
    return `${verb} ${quote(now)} too${p > 0 ? `, after ${JSON.stringify(after[p - 1])}` : ", first"}`;
  if (now.length === 0) return `no longer ${verb} ${quote(was)}`;
  return `${verb} ${quote(now)} instead of ${quote(was)}`;
}

function what(c: JourneyChange): string {
  if (c.repeats) {
    const r = c.repeats;
    const times =
      r.before && r.after
        ? `${timesText(r.before)} → ${timesText(r.after)}`
        : r.after
          ? `now ${timesText(r.after)}`
          : `no longer ${timesText(r.before!)}`;
    const ends =
      c.before && c.after && c.before.outcome !== c.after.outcome
        ? `${c.before.outcome} → ${c.after.outcome}`
        : (c.after ?? c.before)!.outcome;
    return `${r.at} runs ${times}, then ${r.exit}; ends: ${ends}`;
  }
  if (c.kind === "new") return `new: ${c.after!.outcome}`;
  if (c.kind === "gone") return `gone: ${c.before!.outcome}`;
  const parts: string[] = [];
  if (c.before!.outcome !== c.after!.outcome) parts.push(`${c.before!.outcome} → ${c.after!.outcome}`);
  if (!isDeepStrictEqual(c.before!.prompts, c.after!.prompts))
    parts.push(listChange("hears", c.before!.prompts, c.after!.prompts));
  if (!isDeepStrictEqual(c.before!.messages, c.after!.messages))
    parts.push(listChange("is sent", c.before!.messages, c.after!.messages));
  for (const k of c.conditions ?? []) {
    // The branch this journey takes, and when it is taken now.
    const no = k.answer === "no" || k.answer.startsWith("not ");
    parts.push(
      no
        ? `${k.at}: ${k.answer} when ${k.before} is false, now when ${k.after} is false`
        : `${k.at}: ${k.answer} when ${k.before}, now when ${k.after}`,
    );
  }
  if (c.choicesBefore) {
    const was = c.choicesBefore.filter((x) => !c.choices.includes(x));
    const now = c.choices.filter((x) => !c.choicesBefore!.includes(x));
    if (was.length > 0 || now.length > 0) parts.push(`${now.join(" · ")} (was ${was.join(" · ")})`);
  }
  return parts.join("; ");
}

const journeyText = (c: JourneyChange) => (c.choices.length > 0 ? c.choices.join(" · ") : "(every journey alike)");

/** How many journeys change (a row counts those it stands for, of both sides). */
const changedCount = (f: FlowJourneyChanges) => f.changes.reduce((n, c) => n + c.journeys, 0);

/** A flow's summary line: how many journeys change, by what changes for the customer. */
function summaryLine(f: FlowJourneyChanges, code: (s: string) => string): string {
  const through = f.through.length > 0 ? `, through ${f.through.join(", ")}` : "";
  const by = f.summary.map((s) => `${s.change} (${s.journeys})`).join("; ");
  const count = changedCount(f) === 1 ? "1 journey changes" : `${changedCount(f)} journeys change`;
  const past = f.notSimulatedPast.length > 0 ? `; ${notSimulatedText(f.notSimulatedPast)}` : "";
  const more = f.truncated ? " (more journeys than were enumerated)" : "";
  const of = `(of ${f.journeysBefore} before, ${f.journeys} now)`;
  return `${f.flow} (${code(f.file)}${through}): ${count} ${of}${more}${by ? `: ${by}` : ""}${past}`;
}

/** Where journeys stopped, as the review says it: `not simulated past Find area (dataTableLookup)`. */
export function notSimulatedText(past: readonly string[]): string {
  return `not simulated past ${past.join(", ")}`;
}

/** The flows in the order a reviewer reads them: those that change themselves (a module: once), then those that change through a module (each caller: once). */
function reading(flows: readonly FlowJourneyChanges[]): FlowJourneyChanges[] {
  return [...flows.filter((f) => f.through.length === 0), ...flows.filter((f) => f.through.length > 0)];
}

export function renderJourneyChangesText(flows: readonly FlowJourneyChanges[]): string {
  if (flows.length === 0) return "Journeys that change: none.\n";
  const lines = ["Journeys that change (what the caller does and the org answers -> what changes):"];
  for (const f of reading(flows)) lines.push(`  ${summaryLine(f, (s) => s)}`);
  for (const f of reading(flows)) {
    lines.push("", `  ${f.flow}:`);
    for (const c of f.changes)
      lines.push(`    - ${journeyText(c)}${c.journeys > 1 ? ` (${c.journeys} journeys)` : ""}`, `      ${what(c)}`);
  }
  return `${lines.join("\n")}\n`;
}

export const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** The comment's hard budget besides its characters: rows listed in all, flows summarised. */
export interface JourneyCommentLimits {
  /** Default 10. */
  maxRows?: number;
  /** Default 20. */
  maxFlows?: number;
}

/**
 * The Markdown section: a one-screen summary per flow, then the rows, cut to `budget` characters
 * and, when a budget is given, to `limits` (rows left out are counted, and in the full report).
 */
export function renderJourneyChangesMarkdown(
  flows: readonly FlowJourneyChanges[],
  budget = Number.POSITIVE_INFINITY,
  limits: JourneyCommentLimits = {},
): string {
  const head = "\n### Journeys that change\n\n";
  if (flows.length === 0) return `${head}No caller journey changes.\n`;
  if (budget < 400) {
    const note = "\n_Journeys that change did not fit in this comment: see the full report._\n";
    return note.length <= budget ? note : "";
  }
  const bounded = Number.isFinite(budget);
  const maxRows = bounded ? (limits.maxRows ?? 10) : Number.POSITIVE_INFINITY;
  const maxFlows = bounded ? (limits.maxFlows ?? 20) : Number.POSITIVE_INFINITY;
  const ordered = reading(flows);
  const code = (s: string) => `\`${s}\``;
  let out = head;
  // Room kept for the closing note.
  const reserve = 120;
  let flowsLeft = 0;
  for (const [i, f] of ordered.entries()) {
    const line = `- ${cell(summaryLine(f, code))}\n`;
    if (flowsLeft > 0 || i >= maxFlows || out.length + line.length + reserve > budget) flowsLeft++;
    else out += line;
  }
  if (flowsLeft > 0) out += `- _${flowsLeft} more flows: see the full report._\n`;
  out += "\n";
  let left = 0;
  let rows = 0;
  for (const f of ordered) {
    const title = `**${cell(f.flow)}**\n\n| journey: what the customer does and the org answers | what changes |\n| --- | --- |\n`;
    if (left > 0 || rows >= maxRows || out.length + title.length + reserve > budget) {
      left += f.changes.length;
      continue;
    }
    out += title;
    for (const c of f.changes) {
      const row = `| ${cell(journeyText(c))}${c.journeys > 1 ? ` (${c.journeys} journeys)` : ""} | ${cell(what(c))} |\n`;
      if (left > 0 || rows >= maxRows || out.length + row.length + reserve > budget) left++;
      else {
        out += row;
        rows++;
      }
    }
    out += "\n";
  }
  if (left > 0) out += `_${left} more rows of journeys that change: see the full report._\n`;
  return out;
}

/** The journeys of the flow files of the base and the head (the flow diff's sides) with the programs they ran on, or why they were not computed. */
export function journeyReportOfFiles(
  base: ReadonlyMap<string, { file: string; model: FlowModel }>,
  head: ReadonlyMap<string, { file: string; model: FlowModel }>,
): (JourneyReport & { programs: { base: Program; head: Program } }) | { problem: string } {
  try {
    const programs = { base: programOfFlowFiles(base), head: programOfFlowFiles(head) };
    return { ...journeyReport(programs.base, programs.head), programs };
  } catch (e) {
    return { problem: (e as Error).message.split("\n")[0] };
  }
}

/**
 * The flow diff's section: the journeys that change between the flow files of the base and the
 * head, rendered (nothing when no journey changes), and the flows that change with their journeys
 * the same (a refactoring). A side that does not compile says so instead.
 */
export function journeysSection(
  base: ReadonlyMap<string, { file: string; model: FlowModel }>,
  head: ReadonlyMap<string, { file: string; model: FlowModel }>,
  format: "text" | "markdown",
  budget?: number,
  report: JourneyReport | { problem: string } = journeyReportOfFiles(base, head),
): string {
  if ("problem" in report) {
    const note = `Journeys that change: not computed (${report.problem}).`;
    return format === "markdown" ? `\n_${note}_\n` : `${note}\n`;
  }
  const flows = report.changes;
  const unchanged = report.unchanged.map((u) => u.flow).join(", ");
  const notSimulated = report.notSimulated.map((n) => `${n.flow} (${notSimulatedText(n.past)})`).join(", ");
  const same = [
    ...(unchanged !== "" ? [`Journeys unchanged (node names aside), though the flow changes: ${unchanged}.`] : []),
    ...(notSimulated !== "" ? [`Journeys not known to change, though the flow changes: ${notSimulated}.`] : []),
  ].join("\n");
  if (flows.length === 0) return same === "" ? "" : `\n${same}\n`;
  return format === "markdown"
    ? `${renderJourneyChangesMarkdown(flows, budget)}${same !== "" ? `\n${same}\n` : ""}`
    : `\n${renderJourneyChangesText(flows)}${same !== "" ? `\n${same}\n` : ""}`;
}

/** A flow's journeys as a table: the answers along each, and how it ends. */
export function renderJourneyTable(table: JourneyTable, format: "text" | "markdown"): string {
  const head = `${table.flow} (${table.file}): ${table.journeys.length} journeys${table.truncated ? " (more exist; raise the bound to see them)" : ""}`;
  if (format === "markdown") {
    const rows = table.journeys.map(
      (j, i) =>
        `| ${i + 1} | ${cell(j.choices.length > 0 ? j.choices.join(" · ") : "(no choice)")} | ${cell(j.prompts.join(" / "))} | ${cell(j.outcome)} |`,
    );
    return `${[
      `**${cell(head)}**`,
      "",
      "| # | what the customer does and the org answers | heard | outcome |",
      "| --- | --- | --- | --- |",
      ...rows,
      "",
    ].join("\n")}\n`;
  }
  const lines = [head];
  table.journeys.forEach((j, i) => {
    lines.push(`  ${i + 1}. ${j.choices.length > 0 ? j.choices.join(" · ") : "(no choice)"}`, `     -> ${j.outcome}`);
  });
  return `${lines.join("\n")}\n`;
}
