// Folding journeys so that a reviewer reads what changes, not every way it can happen. Three folds:
// - repetition: journeys that differ only in how many times a loop or a retry ran (the same node
//   entered again and again: a loop node, a menu or task a failure path jumps back to) are one
//   journey with a range of times ("1 to 3 times"), keyed by what came before the loop and where the
//   journey leaves it;
// - a called module: in a caller's row the module's own answers are one step, where the module
//   ended (`Verify: VerifyCaller ends at Verified`); the module's rows say the rest;
// - answers: rows that say the same change and differ at one step only are one row with the answers
//   taken there (`Menu: press 0, 2-8`), and a step that every answer of its point takes alike is
//   left out. Pure.
import type { Journey, JourneyStep } from "./journeys";

/** What a journey is, folded over the first loop it runs: what came before, the loop, where it left it, how many times it ran. */
export interface Repetition {
  /** The node entered again on each round (`VerifyCaller.Attempts`). */
  head: string;
  /** Where the journey left the loop (`VerifyCaller.Failed`). */
  exit: string;
  /** The steps before the loop, as text. */
  before: string[];
  /** Rounds run: times the head was entered and its body followed, or it asked. */
  count: number;
  /** The same for every journey that runs the loop as many or other times, then leaves it the same way. */
  key: string;
}

/** The loops of a set of journeys: each node first entered again in some journey, with the nodes entered between two of its entries. */
export function loopsOf(journeys: Iterable<Journey>): Map<string, Set<string>> {
  const heads = new Set<string>();
  const all = [...journeys];
  for (const j of all) {
    const seen = new Set<string>();
    for (const n of j.path) {
      if (seen.has(n)) {
        heads.add(n);
        break;
      }
      seen.add(n);
    }
  }
  const loops = new Map<string, Set<string>>();
  for (const j of all) {
    const head = j.path.find((n) => heads.has(n));
    if (head === undefined) continue;
    const body = loops.get(head) ?? new Set<string>();
    loops.set(head, body);
    const at = j.path.flatMap((n, i) => (n === head ? [i] : []));
    for (let k = 0; k + 1 < at.length; k++) for (const n of j.path.slice(at[k] + 1, at[k + 1])) body.add(n);
  }
  return loops;
}

export const stepText = (s: Pick<JourneyStep, "at" | "answer">) => `${s.at}: ${s.answer}`;

/** A journey folded over the first loop it enters (undefined: it enters none, or does not leave it). */
export function repetitionOf(j: Journey, loops: ReadonlyMap<string, ReadonlySet<string>>): Repetition | undefined {
  const first = j.path.findIndex((n) => loops.has(n));
  if (first < 0) return undefined;
  const head = j.path[first];
  const body = loops.get(head)!;
  let count = 0;
  let last = first;
  for (let i = first; i < j.path.length; i++) {
    if (j.path[i] !== head) continue;
    last = i;
    // A round: the body follows, or the head itself asks (a retry that jumps back to the collect
    // or menu); a loop node entered once more only to end the loop is no round.
    if ((i + 1 < j.path.length && body.has(j.path[i + 1])) || j.steps.some((st) => st.visits === i + 1)) count++;
  }
  const exit = j.path.slice(last + 1).find((n) => n !== head && !body.has(n));
  if (exit === undefined || count === 0) return undefined;
  const before = j.steps.filter((s) => s.visits <= first).map(stepText);
  return { head, exit, before, count, key: [...before, `⟳ ${head} → ${exit}`].join("\n") };
}

/** `3 times`, `1 to 3 times`. */
export function timesText(r: { min: number; max: number }): string {
  const n = r.min === r.max ? `${r.min}` : `${r.min} to ${r.max}`;
  return `${n} ${r.max === 1 ? "time" : "times"}`;
}

/**
 * A caller's steps with each module call as one step: where the module ended (the last of its
 * nodes entered before the caller's next), at the caller's node that called it. A module's nodes
 * are labelled `Module.node`; the caller's own have no dot.
 */
export function callerSteps(j: Journey): JourneyStep[] {
  const own = (n: string) => !n.includes(".");
  const out: JourneyStep[] = [];
  for (let i = 0; i < j.steps.length; i++) {
    const s = j.steps[i];
    if (own(s.at)) {
      out.push(s);
      continue;
    }
    // The module's stretch of the path: from the caller's node that called it to the caller's next node.
    const from = s.visits - 1;
    let callAt = from;
    while (callAt >= 0 && !own(j.path[callAt])) callAt--;
    let back = from;
    while (back < j.path.length && !own(j.path[back])) back++;
    while (i + 1 < j.steps.length && !own(j.steps[i + 1].at) && j.steps[i + 1].visits <= back) i++;
    const ended = j.path[back - 1];
    const module = ended.slice(0, ended.indexOf("."));
    const answer =
      back < j.path.length || j.joined
        ? `${module} ends at ${ended.slice(module.length + 1)}`
        : `${module}: ${ended.slice(module.length + 1)}`;
    out.push({ at: callAt >= 0 ? j.path[callAt] : module, answer, options: [], visits: s.visits });
  }
  return out;
}

/** A row's step once folded: the answers taken there, of those the point offers. */
export interface FoldedStep {
  at: string;
  answers: string[];
  options: readonly string[];
}

/** `press 0, 2-8` for keys, `A or B` otherwise. */
export function answersText(answers: readonly string[]): string {
  const keys = answers.map((a) => /^press (\d)$/.exec(a)?.[1]);
  if (answers.length > 1 && keys.every((k) => k !== undefined)) {
    const ds = keys.map(Number).sort((a, b) => a - b);
    const runs: string[] = [];
    for (let i = 0; i < ds.length; ) {
      let k = i;
      while (k + 1 < ds.length && ds[k + 1] === ds[k] + 1) k++;
      runs.push(k - i >= 2 ? `${ds[i]}-${ds[k]}` : ds.slice(i, k + 1).join(", "));
      i = k + 1;
    }
    return `press ${runs.join(", ")}`;
  }
  return answers.join(" or ");
}

export const foldedText = (s: FoldedStep) => `${s.at}: ${answersText(s.answers)}`;

/**
 * Folds rows that say the same (`signature`) and differ at one step only, at the same point, into
 * one row with both answers there, until none do; a step whose point's every answer is taken is
 * left out. Rows keep their first order; `merge` combines what else two rows hold.
 */
export function foldRows<R extends { steps: FoldedStep[] }>(
  rows: readonly R[],
  signature: (r: R) => string,
  merge: (a: R, b: R) => R,
): R[] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const g = groups.get(signature(r)) ?? [];
    g.push(r);
    groups.set(signature(r), g);
  }
  const folded = new Map<string, R[]>();
  for (const [sig, group] of groups) {
    const list = [...group];
    for (let changed = true; changed; ) {
      changed = false;
      outer: for (let a = 0; a < list.length; a++) {
        for (let b = a + 1; b < list.length; b++) {
          const at = oneStepApart(list[a].steps, list[b].steps);
          if (at === undefined) continue;
          list[a] = { ...merge(list[a], list[b]), steps: mergeAt(list[a].steps, list[b].steps, at) };
          list.splice(b, 1);
          changed = true;
          break outer;
        }
      }
    }
    folded.set(sig, list);
  }
  // In the rows' first order: each group where its first row was.
  const out: R[] = [];
  const emitted = new Set<string>();
  for (const r of rows) {
    const sig = signature(r);
    if (emitted.has(sig)) continue;
    emitted.add(sig);
    out.push(...folded.get(sig)!);
  }
  return out;
}

const sameStep = (a: FoldedStep, b: FoldedStep) =>
  a.at === b.at && a.answers.length === b.answers.length && a.answers.every((x, i) => x === b.answers[i]);

/** The one index where two rows' steps differ in answers only (undefined: none, or not one; equal rows are 0 apart and merge). */
function oneStepApart(a: readonly FoldedStep[], b: readonly FoldedStep[]): number | undefined {
  if (a.length !== b.length) return undefined;
  let at: number | undefined;
  for (let i = 0; i < a.length; i++) {
    if (sameStep(a[i], b[i])) continue;
    if (at !== undefined || a[i].at !== b[i].at || a[i].options.length === 0) return undefined;
    at = i;
  }
  return at ?? -1;
}

function mergeAt(a: readonly FoldedStep[], b: readonly FoldedStep[], at: number): FoldedStep[] {
  if (at < 0) return [...a];
  const s = a[at];
  const answers = s.options.filter((o) => s.answers.includes(o) || b[at].answers.includes(o));
  if (answers.length === s.options.length) return [...a.slice(0, at), ...a.slice(at + 1)];
  return [...a.slice(0, at), { ...s, answers }, ...a.slice(at + 1)];
}
