// Scenario file text -> validated scenarios, or one FlowLoadError listing every problem located as
// the flow model's errors are: file, line and column, the scenario's name, and the field inside it
// (`scenarios/calls/sales/menu.yaml:14:9: scenario "New order": field "expect.outcome": ...`). The
// YAML goes through the project's one safe reader (model/yamlReader.ts). Pure: the caller reads the file.
import type { z } from "zod";
import { FlowLoadError, type FlowIssue } from "../../model/errors";
import { describeValue, valueAt } from "../../model/location";
import { MAX_ALIAS_COUNT, MAX_FLOW_FILE_BYTES, MAX_NESTING_DEPTH, parseYaml } from "../../model/parse";
import { suggestThen } from "../../archy/suggest";
import { readYaml, type YamlLocator } from "../../model/yamlReader";
import { keysAt } from "../../model/shape";
import { scenarioFile, type Scenario } from "./schema";
import { isMap, pathText } from "../../archy/json";

/** A scenario as loaded: its file, entry flow, stack, and where it is written (for messages). */
export interface LoadedScenario {
  file: string;
  /** The entry flow's id; none for a scenario that dials a number (routing chooses the flow). */
  flow?: string;
  /** The stack named by the file, if any. */
  stack?: string;
  scenario: Scenario;
  /** 1-based line of the scenario's `name`. */
  line: number;
  /** Where a field of the scenario is written (path inside the scenario): for run-time messages about the file. */
  lineOf(path: ReadonlyArray<string | number>): number;
}

/** `scenarios/calls/sales/new-order.yaml` -> `calls/sales`: the flow a file's folder mirrors. */
export function flowOfScenarioPath(file: string): string | undefined {
  const m = /(?:^|\/)scenarios\/(.+)\/[^/]+\.ya?ml$/i.exec(file.replace(/\\/g, "/"));
  return m?.[1];
}

const FORMS: ReadonlyArray<[RegExp, string]> = [
  [
    /^steps\.\d+$/,
    'a step is one of {digits: "1234"}, {say: "sales"} or {silence: true}, each with an optional at: <node>',
  ],
  [
    /^expect\.outcome$/,
    "an outcome is disconnect, or one of {transferToQueue: <queue>, priority?, skills?, languageSkill?}, {transferToFlow: <flow>}, {return: completed|error, outputs?}, {errorHandling: <handling>}, {end: <action>}",
  ],
  [
    /^org\.dataActions\.[^.]+(\.\d+)?$/,
    "a data action's answer is {success: {<output>: <value>}}, failure or timeout (or a list of them, one per call)",
  ],
  [
    /^clock$/,
    "the clock is an ISO date and time with its offset (2026-11-24T09:30:00-06:00) or {local: 2026-11-24T09:30, timeZone: America/Chicago} (with dial, timeZone may be left out)",
  ],
];

type Issue = z.core.$ZodIssue & Record<string, unknown>;

function message(raw: unknown, issue: Issue, inScenario: string): string {
  const path = issue.path as PropertyKey[];
  const value = valueAt(raw, path);
  switch (issue.code) {
    case "invalid_type":
      return value === undefined
        ? `is missing; expected ${String(issue.expected)}`
        : `expected ${String(issue.expected)}, found ${describeValue(value)}`;
    case "invalid_union": {
      const form = FORMS.find(([re]) => re.test(inScenario));
      return `${describeValue(value)} is not accepted here; ${form ? form[1] : "expected text, a number, true or false, null, or a list of them"}`;
    }
    case "invalid_value": {
      const values = ((issue.values as unknown[]) ?? []).map(String);
      return `expected ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.join(", ")}`}, found ${describeValue(value)}${typeof value === "string" ? suggestThen(value, values, "").replace(/; $/, "") : ""}`;
    }
    default:
      return issue.message;
  }
}

/** Parses and validates one scenario file's text. `file` names it in messages and gives the default entry flow. */
export function parseScenarioText(text: string, file: string): LoadedScenario[] {
  // The same limits and refusals as a flow file (model/parse.ts), with a locator for line numbers.
  const read = readYaml(text, {
    limits: { maxBytes: MAX_FLOW_FILE_BYTES, maxDepth: MAX_NESTING_DEPTH, maxAliasCount: MAX_ALIAS_COUNT },
  });
  if (!read.ok) {
    parseYaml(text, file); // throws the problems located as for a flow file
    throw new Error(`${file}: the YAML reader refused the text`);
  }
  const raw = read.value;
  const locator: YamlLocator = read.locator;
  const issues: FlowIssue[] = [];
  const nameOf = (i: number): string | undefined => {
    const n = valueAt(raw, ["scenarios", i, "name"]);
    return typeof n === "string" ? n : undefined;
  };
  /** A problem at `path` of the file, in the scenario it is in. */
  const report = (path: ReadonlyArray<string | number>, msg: string): void => {
    const at = locator.locate(path);
    const inScenario = path[0] === "scenarios" && typeof path[1] === "number";
    const field = pathText(inScenario ? path.slice(2) : path);
    const scenario = inScenario ? (nameOf(path[1] as number) ?? `#${(path[1] as number) + 1}`) : undefined;
    issues.push({
      file,
      line: at.line,
      column: at.column,
      ...(scenario !== undefined ? { scenario } : {}),
      ...(field !== "" ? { field } : {}),
      message: msg,
    });
  };

  if (!isMap(raw))
    throw new FlowLoadError([
      { file, message: `expected a mapping with scenarios: at the top, found ${describeValue(raw)}` },
    ]);
  const parsed = scenarioFile.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues as Issue[]) {
      const path = issue.path as Array<string | number>;
      const inScenario =
        path[0] === "scenarios" && typeof path[1] === "number" ? pathText(path.slice(2)) : pathText(path);
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys as string[]) {
          const valid = keysAt(scenarioFile, raw, path);
          report([...path, key], `unknown key${suggestThen(key, valid, `valid keys here: ${valid.join(", ")}`)}`);
        }
        continue;
      }
      report(path, message(raw, issue, inScenario));
    }
    throw new FlowLoadError(issues);
  }
  const data = parsed.data;
  const seen = new Map<string, number>();
  data.scenarios.forEach((s, i) => {
    const other = seen.get(s.name);
    if (other !== undefined)
      report(
        ["scenarios", i, "name"],
        `the name is already that of the scenario on line ${locator.locate(["scenarios", other, "name"]).line}; give each scenario of a file its own name`,
      );
    else seen.set(s.name, i);
  });
  const defaultFlow = data.flow ?? flowOfScenarioPath(file);
  data.scenarios.forEach((s, i) => {
    if (s.dial !== undefined) {
      // Routing chooses the flow: a flow named too would be ignored.
      if (s.flow !== undefined)
        report(
          ["scenarios", i, "flow"],
          "a scenario that dials a number runs the flow routing chooses: give dial or flow, not both (expect: {route: {flow: ...}} checks the flow)",
        );
      if (s.call?.dnis !== undefined && s.call.dnis !== s.dial)
        report(
          ["scenarios", i, "call", "dnis"],
          `the scenario dials ${s.dial}, and call.dnis says ${s.call.dnis}: leave call.dnis out (dial sets it)`,
        );
      if (s.clock === undefined)
        report(
          ["scenarios", i, "dial"],
          "a call to a number needs the time it is made: add clock: {local: 2026-11-24T09:30} (the time zone of the number's schedule group) or an ISO time with its offset",
        );
      return;
    }
    if (s.expect.route !== undefined)
      report(
        ["scenarios", i, "expect", "route"],
        "only a scenario that dials a number (dial: +1...) is routed: give dial, or leave expect.route out",
      );
    if (s.clock !== undefined && typeof s.clock !== "string" && s.clock.timeZone === undefined)
      report(
        ["scenarios", i, "clock"],
        "a local clock needs its timeZone, unless the scenario dials a number (then the number's schedule group gives it)",
      );
    if (s.flow === undefined && defaultFlow === undefined)
      report(
        ["scenarios", i],
        "names no flow: give flow: <flow id> (here or at the top of the file), put the file under scenarios/<flow id>/, or dial a number (dial: +13175550100)",
      );
  });
  if (issues.length > 0) throw new FlowLoadError(issues);
  return data.scenarios.map((s, i) => ({
    file,
    ...(s.dial === undefined ? { flow: s.flow ?? defaultFlow! } : {}),
    ...(data.stack !== undefined ? { stack: data.stack } : {}),
    scenario: s,
    line: locator.locate(["scenarios", i, "name"]).line,
    lineOf: (path) => locator.locate(["scenarios", i, ...path]).line,
  }));
}
