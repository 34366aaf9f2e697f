// The count a test makes itself of the pulled journeys a change touches, by brute force: every way
// a caller could have gone through the old flow with what the pull does not keep taken from an
// alphabet (each collect answered with the entries the test seeded its traffic with, each built-in
// such as the caller's number with each value given, each org answer each way) is run on the old
// version by the interpreter with concrete values; a run whose steps are a pulled journey's (as the
// pull records them) is that journey's, and the same answers (the caller's entries in the order
// they were given, the org's and the built-ins by name) are run on the new version, an entry it
// asks beyond them taken each way. A journey changes when every one of its runs ends elsewhere, or
// hears or is sent other texts; it is alike when none does; undetermined when its runs disagree.
// Nothing here is the review's own weighing (behaviour/retrace.ts): no symbolic value, no search
// along the journey.
import { str, notSet, type RunValue } from "../../archy/expressions/values";
import { Machine } from "../../behaviour/machine";
import type { Program } from "../../behaviour/program";
import { realSteps } from "../../behaviour/replay";
import { describeEnding } from "../../behaviour/trace";
import { RunStop, type World } from "../../behaviour/world";
import type { PulledTraffic } from "../../traffic/journeys";
import { journeyKey } from "../../traffic/scenarios";

/** Per collect (its action name), the entries the test's callers gave (digits, or `silence`); per built-in (`Call.Ani`), the values it may have. */
export interface Alphabet {
  digits: Readonly<Record<string, readonly string[]>>;
  builtins: Readonly<Record<string, readonly string[]>>;
}

/** A run's answers: the caller's entries in order, the org's by question. */
interface Answers {
  entries: string[];
  org: Map<string, string>;
}

/** Answers from `prefix` (then the first option), recording each choice; on the new version, `given` answers first. */
class BruteWorld implements World {
  readonly taken: Array<{ options: number; index: number }> = [];
  readonly answers: Answers = { entries: [], org: new Map() };
  private entry = 0;

  constructor(
    private readonly alphabet: Alphabet,
    private readonly prefix: readonly number[],
    private readonly given?: Answers,
  ) {}

  private choose<T>(options: readonly T[]): T {
    const i = this.taken.length;
    const index = i < this.prefix.length ? this.prefix[i] : 0;
    this.taken.push({ options: options.length, index });
    return options[index];
  }

  private org<T extends string>(question: string, options: readonly T[]): T {
    const known = this.given?.org.get(question) ?? this.answers.org.get(question);
    const got = known !== undefined && options.includes(known as T) ? (known as T) : this.choose(options);
    this.answers.org.set(question, got);
    return got;
  }

  private caller(options: readonly string[]): string {
    const i = this.entry++;
    const got = this.given && i < this.given.entries.length ? this.given.entries[i] : this.choose(options);
    this.answers.entries.push(got);
    return got;
  }

  builtin(name: string): RunValue | undefined {
    const values = Object.entries(this.alphabet.builtins).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    return values ? str(this.org(`built-in ${name}`, values)) : undefined;
  }
  missingAttribute(): RunValue {
    return notSet("string");
  }
  now(): RunValue {
    return { kind: "set", type: "dateTime", value: Date.UTC(2026, 10, 20, 12) };
  }
  collectDigits(q: { name: string }): { digits: RunValue } | { noInput: true } {
    const got = this.caller(this.alphabet.digits[q.name] ?? ["silence"]);
    return got === "silence" ? { noInput: true } : { digits: str(got) };
  }
  menuChoice(q: { choices: ReadonlyArray<{ name: string }> }): { choice: number } | { noInput: true } {
    const got = this.caller([...q.choices.map((c) => c.name), "silence"]);
    const i = q.choices.findIndex((c) => c.name === got);
    return i < 0 ? { noInput: true } : { choice: i };
  }
  schedule(q: { name: string }): "active" | "inactive" {
    return this.org(`schedule ${q.name}`, ["active", "inactive"] as const);
  }
  scheduleGroup(q: { name: string }): "open" | "closed" | "holiday" | "emergency" {
    return this.org(`group ${q.name}`, ["open", "closed", "holiday"] as const);
  }
  dataAction(q: {
    category: string;
    action: string;
  }):
    | { outcome: "success"; outputs: Readonly<Record<string, RunValue>> }
    | { outcome: "failure" }
    | { outcome: "timeout" } {
    const got = this.org(`data action ${q.category}/${q.action}`, ["success", "failure", "timeout"] as const);
    return got === "success" ? { outcome: got, outputs: {} } : { outcome: got };
  }
  transfer(q: { to: string; target: string }): "success" | "failure" {
    return this.org(`${q.to} ${q.target}`, ["success", "failure"] as const);
  }
  decide(): boolean {
    throw new RunStop("scenario", "a condition the concrete run cannot evaluate");
  }
}

interface Run {
  key: string;
  /** The interpreter could not go on (what Genesys does there is not known): what the caller heard up to there. */
  stopped?: string[];
  heard: string[];
  /** What the caller lives: how it ends, what they hear and are sent. */
  lived: string;
  answers: Answers;
}

function run(program: Program, entry: string, world: BruteWorld): Run {
  const machine = new Machine(program, world);
  const state = machine.start(entry);
  let stop = "";
  try {
    machine.run(state);
  } catch (e) {
    if (!(e instanceof RunStop)) throw e;
    stop = e.message;
  }
  const names = (id: string) => program.flows.get(id)?.model.name;
  const heard = state.events.flatMap((e) =>
    e.kind === "prompt" || e.kind === "message" ? [`${e.kind} ${e.text}`] : [],
  );
  return {
    key: journeyKey(realSteps(state.events, entry, names), state.ending?.type === "errorHandling"),
    ...(stop !== "" ? { stopped: heard } : {}),
    heard,
    lived: JSON.stringify([stop || describeEnding(state.ending), heard]),
    answers: world.answers,
  };
}

/** Every run of `entry` on `base` the alphabet gives (depth first), each with what its answers live on `head`. */
function runsOf(
  base: Program,
  head: Program,
  entry: string,
  alphabet: Alphabet,
): Array<{ key: string; changes: boolean | "unknown" }> {
  const out: Array<{ key: string; changes: boolean | "unknown" }> = [];
  let prefix: number[] = [];
  for (let n = 0; n < 20_000; n++) {
    const world = new BruteWorld(alphabet, prefix);
    const old = run(base, entry, world);
    // The new version may ask the caller more than the old did: each entry of the alphabet then.
    let more: number[] = [];
    const lived = new Set<string>();
    for (let m = 0; m < 1_000; m++) {
      const w = new BruteWorld(alphabet, more, old.answers);
      const now = run(head, entry, w);
      // Stopped after hearing what the old run did not: changed whatever follows; else not known.
      lived.add(now.stopped?.every((t, k) => old.heard[k] === t) ? "stopped" : now.stopped ? "changed" : now.lived);
      let i = w.taken.length - 1;
      while (i >= 0 && w.taken[i].index + 1 >= w.taken[i].options) i--;
      if (i < 0) break;
      more = [...w.taken.slice(0, i).map((t) => t.index), w.taken[i].index + 1];
    }
    for (const l of lived)
      out.push({ key: old.key, changes: l === "stopped" || old.stopped ? "unknown" : l !== old.lived });
    let i = world.taken.length - 1;
    while (i >= 0 && world.taken[i].index + 1 >= world.taken[i].options) i--;
    if (i < 0) return out;
    prefix = [...world.taken.slice(0, i).map((t) => t.index), world.taken[i].index + 1];
  }
  throw new Error("the brute force did not end in 20,000 runs");
}

export interface BruteCount {
  /** Executions of the journeys every run of which changes. */
  changed: number;
  /** Executions of the journeys whose runs disagree. */
  undetermined: number;
  /** Executions of journeys no run of the old version takes. */
  unmatched: number;
  /** Per journey id: what it becomes. */
  verdicts: Map<string, "changed" | "alike" | "undetermined" | "unmatched">;
}

/** The brute-force count over the pulled journeys of `file` (every version the stack compiled). */
export function bruteCount(
  traffic: PulledTraffic,
  file: string,
  programs: { base: Program; head: Program },
  entry: string,
  alphabet: Alphabet,
): BruteCount {
  const runs = runsOf(programs.base, programs.head, entry, alphabet);
  const out: BruteCount = { changed: 0, undetermined: 0, unmatched: 0, verdicts: new Map() };
  for (const v of traffic.flows.find((f) => f.file === file)?.versions ?? []) {
    for (const j of v.inStack ? v.journeys : []) {
      const mine = runs.filter((r) => r.key === journeyKey(j.steps, j.ending !== undefined));
      const verdict =
        mine.length === 0
          ? "unmatched"
          : mine.every((r) => r.changes === true)
            ? "changed"
            : mine.every((r) => r.changes === false)
              ? "alike"
              : "undetermined";
      out.verdicts.set(j.id, verdict);
      if (verdict === "changed") out.changed += j.count;
      if (verdict === "undetermined") out.undetermined += j.count;
      if (verdict === "unmatched") out.unmatched += j.count;
    }
  }
  return out;
}
