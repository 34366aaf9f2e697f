// A scenario's expectations against what its run did: the path (exactly, or nodes passed in order,
// or nodes avoided), what was heard and sent, the outcome, variables and participant data at the
// end, and for a call to a number, where routing sent it. Each expectation that does not hold gives
// one difference: the first place where expected and actual part, with both sequences for a
// side-by-side view. Pure.
import { isDeepStrictEqual } from "node:util";
import type { Ending } from "../../model/nodes/runContext";
import { describeEnding } from "../trace";
import type { Expectation, Outcome, PlainValue } from "./schema";

/** What a run did, in the terms expectations use. */
export interface Actual {
  /** Every node entered: the entry flow's by id, a module's as `Module.node`. */
  path: string[];
  /** Where each entry of `path` is written: `flows/calls/sales.yaml node "Menu"`. */
  pathWhere: string[];
  /** For each entry of `path`, the scenario steps used before it was entered (0: none yet). */
  pathSteps: number[];
  /** The scenario's steps as they read: `digits "2" at Menu`. */
  steps: string[];
  /** Node entries (`node:<label>`) and Archy actions run (`action:<name>`), in the order they happened (for passes). */
  timeline: string[];
  prompts: string[];
  messages: string[];
  ending?: Ending;
  /** The entry flow's variables at the end, as plain values, by name with scope (`Flow.choice`). */
  variables: Record<string, unknown>;
  participantData: Record<string, unknown>;
  /** Where routing sent a call to a number (a scenario that dials one). */
  route?: { ivr: string; state: string; flow: string };
}

export interface Difference {
  /** `expect.path`, `expect.outcome`, ... */
  field: string;
  message: string;
  /** For sequences: both sides, and the index of the first difference. */
  expected?: string[];
  actual?: string[];
  at?: number;
  /** The flow node of the actual entry at `at`, when there is one. */
  where?: string;
  /** The last customer step before the entry at `at` (`step 2: digits "2" at Menu`), when there is one. */
  step?: string;
}

/** Indexes of the entries of the entry flow (no `Module.node`). */
const entryIndexes = (path: readonly string[]) => path.flatMap((p, i) => (p.includes(".") ? [] : [i]));

function firstDifference(expected: readonly string[], actual: readonly string[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (expected[i] !== actual[i]) return i;
  return -1;
}

function sequence(
  field: string,
  what: string,
  expected: readonly string[],
  actual: readonly string[],
): Difference | undefined {
  const at = firstDifference(expected, actual);
  if (at < 0) return undefined;
  const exp = expected[at];
  const act = actual[at];
  const message =
    exp === undefined
      ? `${what} goes on after ${expected.length} entries: ${JSON.stringify(act)} is entry ${at + 1}`
      : act === undefined
        ? `${what} stops after ${actual.length} entries; expected ${JSON.stringify(exp)} as entry ${at + 1}`
        : `entry ${at + 1} is ${JSON.stringify(act)}, expected ${JSON.stringify(exp)}`;
  return { field, message, expected: [...expected], actual: [...actual], at };
}

/** Items found in `actual` in this order; the first one missing, or -1. */
function missingInOrder(
  items: readonly string[],
  actual: readonly string[],
  matches: (item: string, a: string) => boolean,
): number {
  let j = 0;
  for (let i = 0; i < items.length; i++) {
    while (j < actual.length && !matches(items[i], actual[j])) j++;
    if (j >= actual.length) return i;
    j++;
  }
  return -1;
}

/** Numbers compare by value (3 and 3.0), everything else structurally. */
function sameValue(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "number" && typeof actual === "number") return expected === actual;
  if (Array.isArray(expected) && Array.isArray(actual))
    return expected.length === actual.length && expected.every((e, i) => sameValue(e, actual[i]));
  return isDeepStrictEqual(expected, actual);
}

const show = (v: unknown) => (v === null || v === undefined ? "NOT_SET" : JSON.stringify(v));

function outcomeDifference(
  expected: Outcome,
  ending: Ending | undefined,
  variables: Record<string, unknown>,
): string | undefined {
  const actual = describeEnding(ending);
  if (expected === "disconnect")
    return ending?.type === "disconnect" ? undefined : `ended with ${actual}, expected disconnect`;
  if ("transferToQueue" in expected) {
    if (ending?.type !== "transferToQueue")
      return `ended with ${actual}, expected a transfer to queue ${JSON.stringify(expected.transferToQueue)}`;
    const problems: string[] = [];
    if (ending.queue !== expected.transferToQueue)
      problems.push(`queue ${JSON.stringify(ending.queue)}, expected ${JSON.stringify(expected.transferToQueue)}`);
    if (expected.priority !== undefined && ending.priority !== expected.priority)
      problems.push(`priority ${ending.priority ?? "none"}, expected ${expected.priority}`);
    if (
      expected.skills !== undefined &&
      !isDeepStrictEqual([...(ending.skills ?? [])].sort(), [...expected.skills].sort())
    )
      problems.push(`skills ${JSON.stringify(ending.skills ?? [])}, expected ${JSON.stringify(expected.skills)}`);
    if (expected.languageSkill !== undefined && ending.languageSkill !== expected.languageSkill)
      problems.push(`language skill ${show(ending.languageSkill)}, expected ${JSON.stringify(expected.languageSkill)}`);
    return problems.length > 0 ? `transferred to ${problems.join("; ")}` : undefined;
  }
  if ("transferToFlow" in expected)
    return ending?.type === "transferToFlow" && ending.flow === expected.transferToFlow
      ? undefined
      : `ended with ${actual}, expected a transfer to flow ${JSON.stringify(expected.transferToFlow)}`;
  if ("errorHandling" in expected)
    return ending?.type === "errorHandling" && ending.handling === expected.errorHandling
      ? undefined
      : `ended with ${actual}, expected the flow's error handling (${expected.errorHandling})`;
  if ("end" in expected)
    return ending?.type === "end" && ending.action === expected.end
      ? undefined
      : `ended with ${actual}, expected ${expected.end}`;
  // A module returns: its outcome variable and outputs.
  if (!(ending?.type === "end" && ending.action === "endTask"))
    return `ended with ${actual}, expected the module to return ${expected.return}`;
  const outcome = variables["Common.outcome"];
  if (outcome !== expected.return) return `returned ${show(outcome)}, expected ${expected.return}`;
  for (const [output, value] of Object.entries(expected.outputs ?? {})) {
    const got = variables[`Common.${output}`];
    if (!Object.hasOwn(variables, `Common.${output}`)) return `the module has no output ${output}`;
    if (!sameValue(value, got)) return `output ${output} is ${show(got)}, expected ${show(value)}`;
  }
  return undefined;
}

/** The differences between a scenario's expectations and what its run did (empty: it passes). */
export function compare(expect: Expectation, actual: Actual): Difference[] {
  const out: Difference[] = [];
  const push = (d: Difference | undefined) => d && out.push(d);
  if (expect.path) {
    const modules = expect.path.some((p) => p.includes("."));
    const indexes = modules ? actual.path.map((_, i) => i) : entryIndexes(actual.path);
    const d = sequence(
      "expect.path",
      "the path",
      expect.path,
      indexes.map((i) => actual.path[i]),
    );
    const full = d?.at !== undefined ? indexes[d.at] : undefined;
    const where = full !== undefined ? actual.pathWhere[full] : undefined;
    const used = full !== undefined ? actual.pathSteps[full] : 0;
    push(
      d && {
        ...d,
        ...(where !== undefined ? { where } : {}),
        ...(used > 0 ? { step: `step ${used}: ${actual.steps[used - 1]}` } : {}),
      },
    );
  }
  if (expect.passes) {
    const items = expect.passes;
    const miss = missingInOrder(items, actual.timeline, (item, a) =>
      item.startsWith("action:") ? a === item : a === `node:${item}`,
    );
    if (miss >= 0) {
      push({
        field: `expect.passes[${miss}]`,
        message: `the run does not pass ${JSON.stringify(items[miss])}${miss > 0 ? ` after ${JSON.stringify(items[miss - 1])}` : ""}`,
        expected: [...items],
        actual: [...actual.path],
        at: miss,
      });
    }
  }
  for (const node of expect.avoids ?? []) {
    const at = actual.path.indexOf(node);
    if (at >= 0)
      push({
        field: "expect.avoids",
        message: `the run enters ${JSON.stringify(node)} (entry ${at + 1} of the path)`,
        actual: [...actual.path],
        at,
        where: actual.pathWhere[at],
      });
  }
  if (expect.prompts) push(sequence("expect.prompts", "what the caller hears", expect.prompts, actual.prompts));
  if (expect.hears) {
    const miss = missingInOrder(expect.hears, actual.prompts, (item, a) => item === a);
    if (miss >= 0)
      push({
        field: `expect.hears[${miss}]`,
        message: `the caller does not hear ${JSON.stringify(expect.hears[miss])}${miss > 0 ? ` after ${JSON.stringify(expect.hears[miss - 1])}` : ""}`,
        expected: [...expect.hears],
        actual: [...actual.prompts],
        at: miss,
      });
  }
  if (expect.messages) push(sequence("expect.messages", "the messages sent", expect.messages, actual.messages));
  if (expect.outcome !== undefined) {
    const problem = outcomeDifference(expect.outcome, actual.ending, actual.variables);
    if (problem) push({ field: "expect.outcome", message: problem });
  }
  for (const [name, value] of Object.entries(expect.variables ?? {})) {
    const key = Object.keys(actual.variables).find(
      (k) => k.toLowerCase() === name.toLowerCase() || k.slice(k.indexOf(".") + 1).toLowerCase() === name.toLowerCase(),
    );
    if (key === undefined) {
      push({
        field: `expect.variables.${name}`,
        message: `the flow has no variable ${name} (its variables: ${Object.keys(actual.variables).join(", ")})`,
      });
      continue;
    }
    const got = actual.variables[key];
    if (!sameValue(value, got ?? null))
      push({
        field: `expect.variables.${name}`,
        message: `${key} is ${show(got)}, expected ${show(value as PlainValue)}`,
      });
  }
  for (const key of ["ivr", "state", "flow"] as const) {
    const want = expect.route?.[key];
    if (want === undefined) continue;
    const got = actual.route?.[key];
    if (got !== want)
      push({
        field: `expect.route.${key}`,
        message: `routing chose ${key} ${got === undefined ? "nothing" : JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
      });
  }
  for (const [name, value] of Object.entries(expect.participantData ?? {})) {
    const got = actual.participantData[name];
    if (!sameValue(value, got ?? null))
      push({
        field: `expect.participantData.${name}`,
        message: `participant data "${name}" is ${show(got)}, expected ${show(value)}`,
      });
  }
  return out;
}
