// A journey with the flow's node names aside: what the customer does, what they hear and are sent,
// and where they end up. Two versions of a flow whose nodes were renamed, or moved into a common
// module the flow now calls, have the same journey shapes when the customer's experience is the
// same: the places a journey asks something are numbered in the order it first reaches them
// (`#1`, `#2`), and the values not known before the call, named by where they were asked
// (`⟨AskPin digits⟩`, `⟨VerifyCaller.AskPin digits⟩`), are named by that number instead. What a
// refactoring proves (refactor/) and what the review calls "journeys unchanged" (diff/). Pure.
import type { Journey } from "./journeys";
import { cmp } from "../archy/json";

/** A journey as the customer lives it, node names aside. */
export interface JourneyShape {
  /** Each answer of the customer or the org, in order: `#1 press 1`, `#2 yes (⟨#1 digits⟩ == "1")`. */
  steps: string[];
  prompts: string[];
  messages: string[];
  outcome: string;
}

/** `⟨<label> digits⟩` -> `⟨#1 digits⟩`: every unknown named after a place the journey asked at. */
function renamer(labels: readonly string[]): (text: string) => string {
  const order = [...labels].sort((a, b) => b.length - a.length || cmp(a, b));
  const number = new Map(labels.map((l, i) => [l, `#${i + 1}`]));
  return (text) => {
    let out = text;
    for (const l of order) out = out.split(`⟨${l} `).join(`⟨${number.get(l)} `);
    return out;
  };
}

/**
 * How a journey ends, node names aside: a run stopped by the bound on repetition, or at what
 * cannot be simulated, says so without the file and node it stopped at.
 */
export function outcomeShape(outcome: string): string {
  if (!outcome.startsWith("stops: ")) return outcome;
  return outcome
    .replace(/ goes to \S+ more than/, " goes to the same place more than")
    .replace(/,? \(?at \S+\.ya?ml\b.*$/, "");
}

export function journeyShape(j: Journey): JourneyShape {
  const labels: string[] = [];
  for (const s of j.steps) if (!labels.includes(s.at)) labels.push(s.at);
  const rename = renamer(labels);
  const number = new Map(labels.map((l, i) => [l, `#${i + 1}`]));
  return {
    steps: j.steps.map(
      (s) => `${number.get(s.at)} ${rename(s.answer)}${s.condition !== undefined ? ` (${rename(s.condition)})` : ""}`,
    ),
    prompts: j.prompts.map(rename),
    messages: j.messages.map(rename),
    outcome: rename(outcomeShape(j.outcome)),
  };
}

/** A shape as one comparable string. */
export function shapeKey(shape: JourneyShape): string {
  return JSON.stringify([shape.steps, shape.prompts, shape.messages, shape.outcome]);
}

/** One line a reviewer reads: `#1 press 1 · #2 yes -> transfer to queue "Sales"` (with what is heard). */
export function shapeText(shape: JourneyShape): string {
  const steps = shape.steps.length > 0 ? shape.steps.join(" · ") : "(no choice)";
  const heard = shape.prompts.length > 0 ? `; hears ${shape.prompts.map((p) => JSON.stringify(p)).join(", ")}` : "";
  const sent = shape.messages.length > 0 ? `; is sent ${shape.messages.map((m) => JSON.stringify(m)).join(", ")}` : "";
  return `${steps} -> ${shape.outcome}${heard}${sent}`;
}

/** The first place two lists of shapes part, or undefined when they are equal. */
export function firstShapeDifference(
  before: readonly JourneyShape[],
  after: readonly JourneyShape[],
): { index: number; before?: JourneyShape; after?: JourneyShape } | undefined {
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] === undefined || after[i] === undefined || shapeKey(before[i]) !== shapeKey(after[i])) {
      return {
        index: i,
        ...(before[i] !== undefined ? { before: before[i] } : {}),
        ...(after[i] !== undefined ? { after: after[i] } : {}),
      };
    }
  }
  return undefined;
}
