// The behaviour half of a refactoring's proof: the journeys of each flow it changes, run by the
// behaviour interpreter on the compiled Archy (modules entered through their own compiled flows),
// before and after. Every journey runs to its end (none is cut where it meets an earlier state:
// a module's variables are gone once it returned, the flow's were not) with the same bounds on
// both sides.
//  - Extract: the journeys after equal the journeys before, in the same order, node names aside
//    (behaviour/journeyShape.ts): what the caller does and hears and where they end up.
//  - Inject: they differ exactly by the call. With each run through the module cut out (what it
//    asked, said and entered) and marked by how it ended, every journey whose calls complete is a
//    journey of before with the call marked where the flow went on, and every journey of before is
//    one of them; a journey whose call ends in error is a journey of before up to the call, then
//    goes where the call's error transition says; one that ends inside the module is a journey of
//    before up to the call.
// Pure.
import { journeysOf, type Journey, type JourneyTable } from "../behaviour/journeys";
import { firstShapeDifference, journeyShape, outcomeShape, shapeText } from "../behaviour/journeyShape";
import type { Program } from "../behaviour/program";

export interface JourneyProof {
  flow: string;
  file: string;
  /** Journeys before and after. */
  before: number;
  after: number;
  holds: boolean;
  /** One line: what was compared and what was found. */
  summary: string;
  /** Where the two sides part: the journey (1-based) and how it reads on each side. */
  difference?: { journey: number; before?: string; after?: string };
}

export interface JourneyBounds {
  /** Journeys enumerated per flow and side before the proof gives up (default 2000). */
  maxJourneys?: number;
}

function tableOf(program: Program, flow: string, bounds: JourneyBounds, timeline = false): JourneyTable {
  return journeysOf(program, flow, { maxJourneys: bounds.maxJourneys ?? 2000, maxJumps: 2, concreteDigits: false, joinEqualStates: false, timeline });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function tooMany(flow: string, file: string, before: JourneyTable, after: JourneyTable, bounds: JourneyBounds): JourneyProof {
  return {
    flow,
    file,
    before: before.journeys.length,
    after: after.journeys.length,
    holds: false,
    summary: `more than ${bounds.maxJourneys ?? 2000} journeys on a side: not proved (raise --max-journeys)`,
  };
}

/** Extract: the flow's journeys after equal its journeys before, node names aside. */
export function sameJourneys(before: Program, after: Program, flow: string, bounds: JourneyBounds = {}): JourneyProof {
  const file = after.flows.get(flow)?.file ?? before.flows.get(flow)?.file ?? flow;
  const tb = tableOf(before, flow, bounds);
  const ta = tableOf(after, flow, bounds);
  if (tb.truncated || ta.truncated) return tooMany(flow, file, tb, ta, bounds);
  const diff = firstShapeDifference(tb.journeys.map(journeyShape), ta.journeys.map(journeyShape));
  const base = { flow, file, before: tb.journeys.length, after: ta.journeys.length };
  if (!diff) return { ...base, holds: true, summary: `${plural(tb.journeys.length, "journey")}, unchanged (node names aside)` };
  return {
    ...base,
    holds: false,
    summary: `journey ${diff.index + 1} differs`,
    difference: { journey: diff.index + 1, ...(diff.before ? { before: shapeText(diff.before) } : {}), ...(diff.after ? { after: shapeText(diff.after) } : {}) },
  };
}

/** Where a call was injected: the call node, the node it runs before, where its error goes. */
export interface InjectedCall {
  call: string;
  before: string;
  onError: string;
}

/**
 * A journey as tokens: the nodes entered (`@Menu`, a module's `@VerifyCaller.AskPin`), what is
 * heard and sent, each answer after the node it was asked at, and how it ends.
 */
function tokensOf(j: Journey): string[] {
  const out: string[] = [];
  const stepsAt = (visits: number) => j.steps.filter((s) => s.visits === visits).map((s) => `?${s.at}: ${s.answer}${s.condition !== undefined ? ` (${s.condition})` : ""}`);
  let visits = 0;
  out.push(...stepsAt(0));
  for (const e of j.timeline ?? []) {
    if (e.kind === "visit") {
      if (visits > 0) out.push(...stepsAt(visits));
      out.push(`@${j.path[visits]}`);
      visits++;
    } else out.push(`${e.kind}: ${e.text}`);
  }
  if (visits > 0) out.push(...stepsAt(visits));
  out.push(`=> ${outcomeShape(j.outcome)}`);
  return out;
}

/** The tokens of a journey after the injection, each run through the module replaced by how it ended. */
function projected(j: Journey, at: InjectedCall): string[] {
  const tokens = tokensOf(j);
  const out: string[] = [];
  const sameOnError = at.onError === at.before;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== `@${at.call}`) {
      out.push(tokens[i]);
      continue;
    }
    // The run through the module: up to the next node of the flow itself (no dot: the entry flow's).
    let k = i + 1;
    while (k < tokens.length && !(tokens[k].startsWith("@") && !tokens[k].includes(".")) && !tokens[k].startsWith("=> ")) k++;
    const next = tokens[k];
    const ended = next === undefined || next.startsWith("=> ");
    out.push(ended ? "call: ends inside the module" : sameOnError ? "call" : next === `@${at.before}` ? "call: completed" : "call: error");
    if (ended) {
      out.push(...tokens.slice(k));
      break;
    }
    i = k - 1;
  }
  return out;
}

/** The tokens of a journey before the injection, the call marked where it will be. */
function marked(j: Journey, at: InjectedCall): string[] {
  const call = at.onError === at.before ? "call" : "call: completed";
  return tokensOf(j).flatMap((t) => (t === `@${at.before}` ? [call, t] : [t]));
}

const key = (tokens: readonly string[]) => tokens.join("\n");

/** Inject: the flow's journeys after differ from before exactly by the call (see the file's comment). */
export function journeysWithCall(before: Program, after: Program, flow: string, at: InjectedCall, bounds: JourneyBounds = {}): JourneyProof {
  const file = after.flows.get(flow)?.file ?? flow;
  const tb = tableOf(before, flow, bounds, true);
  const ta = tableOf(after, flow, bounds, true);
  if (tb.truncated || ta.truncated) return tooMany(flow, file, tb, ta, bounds);
  const was = tb.journeys.map((j) => marked(j, at));
  const known = new Set(was.map(key));
  const prefixes = new Set(was.flatMap((t) => t.flatMap((tok, i) => (tok.startsWith("call") ? [key(t.slice(0, i))] : []))));
  const completed = new Set<string>();
  let errors = 0;
  let inside = 0;
  const base = { flow, file, before: tb.journeys.length, after: ta.journeys.length };
  for (const [n, j] of ta.journeys.entries()) {
    const t = projected(j, at);
    const firstOther = t.findIndex((tok) => tok === "call: error" || tok === "call: ends inside the module");
    if (firstOther < 0) {
      if (!known.has(key(t))) return { ...base, holds: false, summary: `journey ${n + 1} after is no journey of before with the call inserted`, difference: { journey: n + 1, after: t.join(" · ") } };
      completed.add(key(t));
      continue;
    }
    if (t[firstOther] === "call: error") errors++;
    else inside++;
    if (!prefixes.has(key(t.slice(0, firstOther)))) return { ...base, holds: false, summary: `journey ${n + 1} after reaches the call another way than any journey before`, difference: { journey: n + 1, after: t.slice(0, firstOther + 1).join(" · ") } };
  }
  // Every journey of before still happens, when the module completes (or, never reaching it, as it was).
  const missing = was.findIndex((t) => !completed.has(key(t)) && (completed.size > 0 || !t.some((tok) => tok.startsWith("call"))));
  if (missing >= 0) return { ...base, holds: false, summary: `journey ${missing + 1} of before no longer happens`, difference: { journey: missing + 1, before: was[missing].join(" · ") } };
  const through = ta.journeys.length - errors - inside;
  const parts = [`each of the ${plural(was.length, "journey")} of before is there with the call where it reaches ${at.before} (${plural(through, "journey")} after, the module completing)`];
  if (errors > 0) parts.push(`${plural(errors, "journey")} where the module ends in error, going on at ${at.onError}`);
  if (inside > 0) parts.push(`${plural(inside, "journey")} ending inside the module`);
  return { ...base, holds: true, summary: `differs by the call only: ${parts.join("; ")}` };
}
