// A real journey run again on two versions of a flow (issue 89 item 2): what the review counts when
// it weighs a change by the journeys a pull kept (traffic/weigh.ts). A pulled journey is the steps
// the execution recorded (`VerifyCaller.AskPin -> success`, `Route -> yes`: each action and the path
// it took, a module's inside its caller's), not what the caller entered or the org answered. So the
// old version is run by the journeys' interpreter (journeys.ts: digits, a data action's outputs,
// the caller's number are unknowns; a condition over them goes the way the journey went) along the
// journey: at each question every answer is tried, and a run is cut as soon as its steps leave the
// journey's (replay.ts offAt), so modules are entered and loops run exactly as the journey took
// them. Each old run found is run on the new version with the same answers: the caller's in the
// order given while the new version asks the same questions, the org's by what was asked (a queue,
// a schedule, the n-th answer of a data action), each condition the old run decided deciding the
// same. What the new version asks that the journey does not answer (the caller asked on or
// otherwise, the org asked of something else, a condition over other values) is tried each way.
// The journey changes when its customer ends elsewhere, or hears or is sent other texts, on every
// way; it is alike when on none; otherwise, or when a version cannot be run along it, it is not
// weighed, and why is said in words that count journeys apart. Pure.
import { livedChange, type JourneyView } from "./journeyDiff";
import { journeyRuns, Cut, type Ask, type Journey, type JourneyRun, type Steer } from "./journeys";
import type { Program } from "./program";
import { offAt, realSteps } from "./replay";
import { journeyKey } from "../traffic/scenarios";

/** Runs tried on one version for one journey before it is left unweighed. */
const MAX_RUNS = 2000;

/** What a pulled journey becomes: alike (undefined), a change in words (with the old run, for the review's rows), or not weighed and why. */
export type Retraced = { changes: string; journey: Journey } | { notWeighed: string } | undefined;

const view = (j: Journey): JourneyView => ({ outcome: j.outcome, prompts: j.prompts, messages: j.messages });

/** The old version's runs that take the journey's steps (and end in error where it did). */
function runsAlong(
  base: Program,
  entry: string,
  real: { steps: readonly string[]; ending?: string },
): JourneyRun[] | { notWeighed: string } {
  const names = (id: string) => base.flows.get(id)?.model.name;
  const want = journeyKey(real.steps, real.ending !== undefined);
  // The steps so far (the action asking is not done yet) must be the journey's first.
  const along: Steer = (_ask, _options, { state }) => {
    const events = state?.events ?? [];
    const asking = events.map((e) => e.kind).lastIndexOf("action");
    const off = offAt(realSteps(asking < 0 ? events : events.slice(0, asking), entry, names), real.steps, false);
    if (off) throw new Cut(off.message);
    return undefined;
  };
  const found: JourneyRun[] = [];
  let stopped = false;
  let runs = 0;
  for (const run of journeyRuns(base, entry, { joinEqualStates: false, maxJumps: 1000, steer: () => along })) {
    if (++runs > MAX_RUNS) return { notWeighed: `more ways to follow it than ${MAX_RUNS} runs of the old flow try` };
    if (run.cut !== undefined || !run.state) continue;
    // A run the interpreter could not take further, still along the journey when it stopped.
    if (run.journey.outcome.startsWith("stops: "))
      stopped ||= offAt(realSteps(run.state.events, entry, names), real.steps, false) === undefined;
    else if (journeyKey(realSteps(run.state.events, entry, names), run.state.ending?.type === "errorHandling") === want)
      found.push(run);
  }
  if (found.length > 0) return found;
  return { notWeighed: stopped ? "the old flow cannot be run along it" : "a path the old flow does not have" };
}

/** What the new version asks that the journey does not answer, by kind: where the caller is asked on, what of the org, whether a condition. */
interface Unanswered {
  caller: Set<string>;
  org: Set<string>;
  condition: boolean;
}

/**
 * The new version's answers from an old run: the caller's in order while it asks the same (from
 * the first question it asks otherwise, or beyond the journey's, each answer is tried), the org's
 * by question; the rest tried each way and noted in `unanswered`.
 */
function sameAnswers(old: JourneyRun, unanswered: Unanswered): () => Steer {
  const caller = old.answered.filter((a) => a.ask.kind === "caller");
  const org = new Map<string, string>();
  for (const a of old.answered) if (a.ask.kind === "org" && !org.has(a.ask.id)) org.set(a.ask.id, a.taken);
  return () => {
    let next = 0;
    return (ask: Ask, options, { answered }) => {
      const given = ask.kind === "caller" ? caller[next++] : undefined;
      // The org answers the same question the same way within a call, as the journey's answers or as first answered here.
      const known =
        ask.kind === "caller"
          ? given?.ask.id === ask.id
            ? given.taken
            : undefined
          : ask.kind === "org"
            ? (org.get(ask.id) ?? answered.find((a) => a.ask.id === ask.id)?.taken)
            : undefined;
      if (known !== undefined && options.includes(known)) return options.indexOf(known);
      if (ask.kind === "caller") next = caller.length;
      if (ask.kind === "condition") unanswered.condition = true;
      else unanswered[ask.kind].add(ask.kind === "caller" ? ask.at : ask.id);
      return undefined;
    };
  };
}

/** Whether `part` is where `all` starts. */
const startsWith = (all: readonly string[], part: readonly string[]) => part.every((t, i) => all[i] === t);

/** What one run of the new version makes of an old run: alike, a change, or not weighed. */
function verdictOf(old: Journey, now: Journey): Retraced {
  if (now.outcome.startsWith("stops: ")) {
    // Run no further: a change only when what the caller heard up to there already differs.
    if (startsWith(old.prompts, now.prompts) && startsWith(old.messages, now.messages))
      return { notWeighed: "the new flow cannot be run along it" };
    return {
      changes: livedChange(
        {
          outcome: "",
          prompts: old.prompts.slice(0, now.prompts.length),
          messages: old.messages.slice(0, now.messages.length),
        },
        { ...view(now), outcome: "" },
      )!,
      journey: old,
    };
  }
  const words = livedChange(view(old), view(now));
  return words !== undefined ? { changes: words, journey: old } : undefined;
}

/** Why the ways the new version may go disagree: what it asks that the journey does not answer. */
function undecided(u: Unanswered): string {
  const why = [
    ...(u.caller.size > 0
      ? [`the new flow asks the caller what the journey does not answer (at ${[...u.caller].join(", ")})`]
      : []),
    ...(u.org.size > 0 ? [`the new flow asks the org what the journey does not say (${[...u.org].join(", ")})`] : []),
    ...(u.condition
      ? ["a condition the old flow did not decide chooses the way (over values the pull does not keep)"]
      : []),
  ];
  return why.join("; ");
}

/** What an old run becomes on the new version, over every way the new one may go where the journey does not say. */
function becomes(head: Program, entry: string, old: JourneyRun): Retraced {
  const unanswered: Unanswered = { caller: new Set(), org: new Set(), condition: false };
  const verdicts: Array<{ changes: string } | undefined> = [];
  // Where the new version goes round where the journey does not say, as often as the journey went round, and twice more.
  const maxJumps = Math.max(0, ...(old.state?.jumps.values() ?? [])) + 2;
  for (const run of journeyRuns(head, entry, {
    joinEqualStates: false,
    maxJumps,
    steer: sameAnswers(old, unanswered),
    assumptions: old.state?.assumptions,
  })) {
    if (verdicts.length >= MAX_RUNS) return { notWeighed: `more ways the new flow may go than ${MAX_RUNS} runs try` };
    const v = verdictOf(old.journey, run.journey);
    if (v && "notWeighed" in v) return v;
    verdicts.push(v);
  }
  const changes = [...new Set(verdicts.map((v) => v?.changes))];
  if (changes.includes(undefined) && changes.length > 1) return { notWeighed: undecided(unanswered) };
  if (changes[0] === undefined) return undefined;
  const more = changes.length > 3 ? `, or ${changes.length - 3} more ways` : "";
  return {
    changes:
      changes
        .slice(0, 3)
        .map((c, i) => (i === 0 ? c : c!.replace(/^would now /, "")))
        .join(", or ") + more,
    journey: old.journey,
  };
}

/** What a pulled journey of flow `entry` becomes from `base` to `head`. */
export function retrace(
  base: Program,
  head: Program,
  entry: string,
  real: { steps: readonly string[]; ending?: string },
): Retraced {
  if (real.steps.some((s) => s.startsWith("? ")))
    return { notWeighed: "an action the pull could not map to a node now" };
  const olds = runsAlong(base, entry, real);
  if (!Array.isArray(olds)) return olds;
  const all = olds.map((o) => becomes(head, entry, o));
  const notWeighed = all.find((v) => v !== undefined && "notWeighed" in v);
  if (notWeighed) return notWeighed;
  if (new Set(all.map((v) => v === undefined)).size > 1)
    return { notWeighed: "ways of the old flow that take the same steps change differently" };
  return all[0];
}
