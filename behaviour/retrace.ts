// A real journey run again on two versions of a flow (issue 89 item 2): what the review counts when
// it weighs a change by the journeys a pull kept (traffic/weigh.ts). A pulled journey is the steps
// the execution recorded (`VerifyCaller.AskPin -> success`, `Route -> yes`: each action and the path
// it took, a module's inside its caller's), not what the caller entered or the org answered. So the
// old version is run by the journeys' interpreter (journeys.ts: digits, a data action's outputs,
// the caller's number are unknowns; a condition over them goes the way the journey went) along the
// journey: at each question every answer is tried, and a run is cut as soon as its steps leave the
// journey's (replay.ts offAt), so modules are entered and loops run exactly as the journey took
// them. Each old run found is run on the new version with the same answers: the caller's in the
// order given, the org's by what was asked (a queue, a schedule, the n-th answer of a data action),
// each condition the old run decided deciding the same. Where the new version asks what the old
// did not, a condition or the org is tried each way; the caller is not (what they would enter is
// not known): the new version has then changed what they hear before it asks, or the journey is
// not weighed. The journey changes when its customer ends elsewhere, hears or is sent other texts
// on every way; it is alike when on none; otherwise, or when a version cannot be run along it, it
// is not weighed, and why is said in words that count journeys apart. Pure.
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
function runsAlong(base: Program, entry: string, real: { steps: readonly string[]; ending?: string }): JourneyRun[] | { notWeighed: string } {
  const names = (id: string) => base.flows.get(id)?.model.name;
  const want = journeyKey(real.steps, real.ending !== undefined);
  // The steps so far (the action asking is not done yet) must be the journey's first.
  const along: Steer = (_ask, _options, state) => {
    const events = state?.events ?? [];
    const asking = events.map((e) => e.kind).lastIndexOf("action");
    const off = offAt(realSteps(asking < 0 ? events : events.slice(0, asking), entry, names), real.steps, false);
    if (off) throw new Cut(off.message);
    return undefined;
  };
  const found: JourneyRun[] = [];
  let stopped: string | undefined;
  let runs = 0;
  for (const run of journeyRuns(base, entry, { joinEqualStates: false, maxJumps: 1000, steer: () => along })) {
    if (++runs > MAX_RUNS) return { notWeighed: `more ways to follow it than ${MAX_RUNS} runs of the old flow try` };
    if (run.cut !== undefined || !run.state) continue;
    if (run.journey.outcome.startsWith("stops: ")) stopped ??= run.journey.outcome.slice("stops: ".length);
    else if (journeyKey(realSteps(run.state.events, entry, names), run.state.ending?.type === "errorHandling") === want) found.push(run);
  }
  if (found.length > 0) return found;
  return { notWeighed: stopped !== undefined ? "the old flow cannot be run along it" : "a path the old flow does not have" };
}

/** The new version's answers from an old run: the caller's in order (cut where it asks otherwise), the org's by question, the rest tried each way. */
function sameAnswers(old: JourneyRun): () => Steer {
  const caller = old.asked.filter((a) => a.ask.kind === "caller");
  const org = new Map<string, string>();
  for (const a of old.asked) if (a.ask.kind === "org" && !org.has(a.ask.id)) org.set(a.ask.id, a.taken);
  return () => {
    let next = 0;
    return (ask: Ask, options) => {
      if (ask.kind === "caller") {
        const given = caller[next++];
        const i = given?.ask.id === ask.id ? options.indexOf(given.taken) : -1;
        if (i < 0) throw new Cut(ask.at);
        return i;
      }
      const known = ask.kind === "org" ? org.get(ask.id) : undefined;
      return known !== undefined && options.includes(known) ? options.indexOf(known) : undefined;
    };
  };
}

/** Whether `part` is where `all` starts. */
const startsWith = (all: readonly string[], part: readonly string[]) => part.every((t, i) => all[i] === t);

/** What one run of the new version makes of an old run: alike, a change, or not weighed. */
function verdictOf(old: Journey, run: JourneyRun): Retraced {
  const now = run.journey;
  if (run.cut !== undefined) {
    // Asked what the journey does not answer: a change only when what the caller heard before already differs.
    const before = { outcome: "", prompts: old.prompts.slice(0, now.prompts.length), messages: old.messages.slice(0, now.messages.length) };
    if (startsWith(old.prompts, now.prompts) && startsWith(old.messages, now.messages)) return { notWeighed: "the new flow asks the caller what the journey does not answer" };
    return { changes: `${livedChange(before, { ...view(now), outcome: "" })}, then be asked at ${run.cut}`, journey: old };
  }
  if (now.outcome.startsWith("stops: ")) return { notWeighed: "the new flow cannot be run along it" };
  const words = livedChange(view(old), view(now));
  return words !== undefined ? { changes: words, journey: old } : undefined;
}

/** What an old run becomes on the new version, over every way the new one may go where the journey does not say. */
function becomes(head: Program, entry: string, old: JourneyRun): Retraced {
  const org = new Set(old.asked.flatMap((a) => (a.ask.kind === "org" ? [a.ask.id] : [])));
  const verdicts: Array<{ changes: string } | undefined> = [];
  const free = new Set<string>();
  for (const run of journeyRuns(head, entry, { joinEqualStates: false, maxJumps: 1000, steer: sameAnswers(old), assumptions: old.state?.assumptions })) {
    if (verdicts.length >= MAX_RUNS) return { notWeighed: `more ways the new flow may go than ${MAX_RUNS} runs try` };
    const v = verdictOf(old.journey, run);
    if (v && "notWeighed" in v) return v;
    verdicts.push(v);
    for (const a of run.asked) if (a.ask.kind === "condition" || (a.ask.kind === "org" && !org.has(a.ask.id))) free.add(a.ask.kind === "org" ? a.ask.id : "");
  }
  const changes = [...new Set(verdicts.map((v) => v?.changes))];
  if (changes.includes(undefined) && changes.length > 1) {
    const asks = [...free].filter((f) => f !== "");
    return { notWeighed: asks.length > 0 ? `the new flow asks the org what the journey does not say (${asks.join(", ")})` : "a condition the old flow did not decide chooses the way (over values the pull does not keep)" };
  }
  return changes[0] === undefined ? undefined : { changes: changes.map((c, i) => (i === 0 ? c : c!.replace(/^would now /, ""))).join(", or "), journey: old.journey };
}

/** What a pulled journey of flow `entry` becomes from `base` to `head`. */
export function retrace(base: Program, head: Program, entry: string, real: { steps: readonly string[]; ending?: string }): Retraced {
  if (real.steps.some((s) => s.startsWith("? "))) return { notWeighed: "an action the pull could not map to a node now" };
  const olds = runsAlong(base, entry, real);
  if (!Array.isArray(olds)) return olds;
  const all = olds.map((o) => becomes(head, entry, o));
  const notWeighed = all.find((v) => v !== undefined && "notWeighed" in v);
  if (notWeighed) return notWeighed;
  if (new Set(all.map((v) => v === undefined)).size > 1) return { notWeighed: "ways of the old flow that take the same steps change differently" };
  return all[0];
}
