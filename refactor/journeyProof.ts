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
//    before up to the call. A condition the module decides that the flow tests too (both read
//    Call.Ani) is decided once in a run: the flow's own test of it then goes the module's way
//    without a step, so it is compared without that step, and a journey of before whose own test
//    sends the module to its error is one of those that go on at the error transition.
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
  /** Extract: how often the journeys after leave the module through each outcome. */
  outcomes?: { completed: number; error: number };
}

export interface JourneyBounds {
  /** Journeys enumerated per flow and side before the proof gives up (default 2000). */
  maxJourneys?: number;
}

function tableOf(program: Program, flow: string, bounds: JourneyBounds, timeline = false): JourneyTable {
  return journeysOf(program, flow, {
    maxJourneys: bounds.maxJourneys ?? 2000,
    maxJumps: 2,
    concreteDigits: false,
    joinEqualStates: false,
    timeline,
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function tooMany(
  flow: string,
  file: string,
  before: JourneyTable,
  after: JourneyTable,
  bounds: JourneyBounds,
): JourneyProof {
  return {
    flow,
    file,
    before: before.journeys.length,
    after: after.journeys.length,
    holds: false,
    summary: `more than ${bounds.maxJourneys ?? 2000} journeys on a side: not proved (raise --max-journeys)`,
  };
}

/** How often the journeys leave `module` through a return of each outcome. */
function outcomesOf(
  program: Program,
  journeys: readonly Journey[],
  module: string,
): { completed: number; error: number } {
  const out = { completed: 0, error: 0 };
  const nodes = program.moduleByName(module)?.model.nodes ?? {};
  for (const step of journeys.flatMap((j) => j.path)) {
    const node = step.startsWith(`${module}.`) ? nodes[step.slice(module.length + 1)] : undefined;
    if (node?.type === "return") out[(node as { outcome: "completed" | "error" }).outcome]++;
  }
  return out;
}

/** Extract: the flow's journeys after equal its journeys before, node names aside; with `module`, how often each outcome of it is taken. */
export function sameJourneys(
  before: Program,
  after: Program,
  flow: string,
  bounds: JourneyBounds = {},
  module?: string,
): JourneyProof {
  const file = after.flows.get(flow)?.file ?? before.flows.get(flow)?.file ?? flow;
  const tb = tableOf(before, flow, bounds);
  const ta = tableOf(after, flow, bounds);
  if (tb.truncated || ta.truncated) return tooMany(flow, file, tb, ta, bounds);
  const diff = firstShapeDifference(tb.journeys.map(journeyShape), ta.journeys.map(journeyShape));
  const base = { flow, file, before: tb.journeys.length, after: ta.journeys.length };
  if (!diff) {
    const outcomes = module !== undefined ? outcomesOf(after, ta.journeys, module) : undefined;
    const taken =
      outcomes !== undefined
        ? `; ${module} completes ${plural(outcomes.completed, "time")}, ${outcomes.error === 0 ? "never ends in error" : `ends in error ${plural(outcomes.error, "time")}`}`
        : "";
    return {
      ...base,
      holds: true,
      summary: `${plural(tb.journeys.length, "journey")}, unchanged (node names aside)${taken}`,
      ...(outcomes !== undefined ? { outcomes } : {}),
    };
  }
  return {
    ...base,
    holds: false,
    summary: `journey ${diff.index + 1} differs`,
    difference: {
      journey: diff.index + 1,
      ...(diff.before ? { before: shapeText(diff.before) } : {}),
      ...(diff.after ? { after: shapeText(diff.after) } : {}),
    },
  };
}

/** Where a call was injected: the call node, the node it runs before, where its error goes. */
export interface InjectedCall {
  call: string;
  before: string;
  onError: string;
}

/** A journey's token; a decision over values not known before the call carries its condition's term. */
interface Token {
  text: string;
  term?: string;
  /** The way the condition went. */
  value?: boolean;
}

/**
 * A journey as tokens: the nodes entered (`@Menu`, a module's `@VerifyCaller.AskPin`), what is
 * heard and sent, each answer after the node it was asked at, and how it ends.
 */
function tokensOf(j: Journey): Token[] {
  const out: Token[] = [];
  // A step and the world's answer it took are pushed together: `Route: <term> is true`.
  const stepsAt = (visits: number): Token[] =>
    j.steps.flatMap((s, i) =>
      s.visits !== visits
        ? []
        : [
            {
              text: `?${s.at}: ${s.answer}${s.condition !== undefined ? ` (${s.condition})` : ""}`,
              ...(s.condition !== undefined ? { term: s.condition, value: j.choices[i].endsWith(" is true") } : {}),
            },
          ],
    );
  let visits = 0;
  out.push(...stepsAt(0));
  for (const e of j.timeline ?? []) {
    if (e.kind === "visit") {
      if (visits > 0) out.push(...stepsAt(visits));
      out.push({ text: `@${j.path[visits]}` });
      visits++;
    } else out.push({ text: `${e.kind}: ${e.text}` });
  }
  if (visits > 0) out.push(...stepsAt(visits));
  out.push({ text: `=> ${outcomeShape(j.outcome)}` });
  return out;
}

/**
 * The tokens of a journey after the injection, each run through the module replaced by how it
 * ended, and the conditions the module's runs decided: a condition over what the flow reads too
 * (the module tests Call.Ani as the flow does) is decided once in a run, so the flow's own test of
 * it, a step before, is no step after: it goes the way the module's took.
 */
function projected(j: Journey, at: InjectedCall): { tokens: Token[]; decided: Map<string, boolean> } {
  const tokens = tokensOf(j);
  const out: Token[] = [];
  const decided = new Map<string, boolean>();
  const sameOnError = at.onError === at.before;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].text !== `@${at.call}`) {
      out.push(tokens[i]);
      continue;
    }
    // The run through the module: up to the next node of the flow itself (no dot: the entry flow's).
    let k = i + 1;
    while (
      k < tokens.length &&
      !(tokens[k].text.startsWith("@") && !tokens[k].text.includes(".")) &&
      !tokens[k].text.startsWith("=> ")
    )
      k++;
    for (const t of tokens.slice(i + 1, k)) if (t.term !== undefined) decided.set(t.term, t.value!);
    const next = tokens[k]?.text;
    const ended = next === undefined || next.startsWith("=> ");
    out.push({
      text: ended
        ? "call: ends inside the module"
        : sameOnError
          ? "call"
          : next === `@${at.before}`
            ? "call: completed"
            : next === `@${at.onError}`
              ? "call: error"
              : `call: goes on at ${next.slice(1)}`,
    });
    if (ended) {
      out.push(...tokens.slice(k));
      break;
    }
    i = k - 1;
  }
  return { tokens: out, decided };
}

/** The tokens of a journey before the injection, the call marked where it will be. */
function marked(j: Journey, at: InjectedCall): Token[] {
  const call = at.onError === at.before ? "call" : "call: completed";
  return tokensOf(j).flatMap((t) => (t.text === `@${at.before}` ? [{ text: call }, t] : [t]));
}

/** The tokens as one text, without the steps that decide a condition of `decided`. */
const key = (tokens: readonly Token[], decided: ReadonlyMap<string, boolean> = new Map()) =>
  tokens
    .filter((t) => t.term === undefined || !decided.has(t.term))
    .map((t) => t.text)
    .join("\n");
const isCall = (t: Token) => t.text.startsWith("call");

/** Inject: the flow's journeys after differ from before exactly by the call (see the file's comment). */
export function journeysWithCall(
  before: Program,
  after: Program,
  flow: string,
  at: InjectedCall,
  bounds: JourneyBounds = {},
): JourneyProof {
  const file = after.flows.get(flow)?.file ?? flow;
  const tb = tableOf(before, flow, bounds, true);
  const ta = tableOf(after, flow, bounds, true);
  if (tb.truncated || ta.truncated) return tooMany(flow, file, tb, ta, bounds);
  const was = tb.journeys.map((j) => marked(j, at));
  // The journeys of before by their key without the conditions a module's run decided (one index per set of them).
  const indexes = new Map<string, Map<string, number[]>>();
  const journeysOfBefore = (tokens: readonly Token[], decided: ReadonlyMap<string, boolean>): number[] => {
    const id = [...decided.keys()].sort().join("\n");
    if (!indexes.has(id)) {
      const index = new Map<string, number[]>();
      was.forEach((t, i) => {
        index.set(key(t, decided), [...(index.get(key(t, decided)) ?? []), i]);
      });
      indexes.set(id, index);
    }
    return indexes.get(id)!.get(key(tokens, decided)) ?? [];
  };
  const prefixes = new Set(was.flatMap((t) => t.flatMap((tok, i) => (isCall(tok) ? [key(t.slice(0, i))] : []))));
  const matched = new Set<number>();
  // Runs where the module ends in error (or inside it): where the flow reached the call, and what the module decided.
  const stopped: Array<{ prefix: string; decided: ReadonlyMap<string, boolean> }> = [];
  let completing = 0;
  let errors = 0;
  let inside = 0;
  const base = { flow, file, before: tb.journeys.length, after: ta.journeys.length };
  for (const [n, j] of ta.journeys.entries()) {
    const { tokens: t, decided } = projected(j, at);
    const firstOther = t.findIndex((tok) => tok.text === "call: error" || tok.text === "call: ends inside the module");
    if (firstOther < 0) {
      const same = journeysOfBefore(t, decided);
      if (same.length === 0)
        return {
          ...base,
          holds: false,
          summary: `journey ${n + 1} after is no journey of before with the call inserted`,
          difference: { journey: n + 1, after: t.map((tok) => tok.text).join(" · ") },
        };
      for (const i of same) matched.add(i);
      completing++;
      continue;
    }
    if (t[firstOther].text === "call: error") errors++;
    else inside++;
    stopped.push({ prefix: key(t.slice(0, firstOther)), decided });
    if (!prefixes.has(key(t.slice(0, firstOther))))
      return {
        ...base,
        holds: false,
        summary: `journey ${n + 1} after reaches the call another way than any journey before`,
        difference: {
          journey: n + 1,
          after: t
            .slice(0, firstOther + 1)
            .map((tok) => tok.text)
            .join(" · "),
        },
      };
  }
  // Every journey of before still happens, when the module completes (or, never reaching it, as it was),
  // but one whose own tests of a condition the module decided send the module to its error.
  const redirected = (t: readonly Token[]) => {
    const call = t.findIndex(isCall);
    return stopped.some(
      (r) =>
        r.prefix === key(t.slice(0, call)) &&
        t.some((tok) => tok.term !== undefined && r.decided.has(tok.term)) &&
        t.every((tok) => tok.term === undefined || !r.decided.has(tok.term) || r.decided.get(tok.term) === tok.value),
    );
  };
  const missing = was.findIndex((t, i) => !matched.has(i) && (completing > 0 || !t.some(isCall)) && !redirected(t));
  if (missing >= 0)
    return {
      ...base,
      holds: false,
      summary: `journey ${missing + 1} of before no longer happens`,
      difference: { journey: missing + 1, before: was[missing].map((tok) => tok.text).join(" · ") },
    };
  const through = ta.journeys.length - errors - inside;
  const parts = [
    `each of the ${plural(was.length, "journey")} of before is there with the call where it reaches ${at.before} (${plural(through, "journey")} after, the module completing)`,
  ];
  if (errors > 0) parts.push(`${plural(errors, "journey")} where the module ends in error, going on at ${at.onError}`);
  if (inside > 0) parts.push(`${plural(inside, "journey")} ending inside the module`);
  return { ...base, holds: true, summary: `differs by the call only: ${parts.join("; ")}` };
}
