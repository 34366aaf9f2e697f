// Behaviour scenarios as files: the scenario files of a folder, read through the project's
// boundary, loaded and run against each stack's program (behaviour/), with coverage. Read by
// `genesys-flows test` (tools/testFlows.ts) and by the gate between the waves of a module rollout
// (run/waves/gate.ts), so both run the scenarios the same way.
import { existsSync, lstatSync, statSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import { MAX_FLOW_FILE_BYTES } from "../model/parse";
import { outsideProject, readProjectFile, walkProjectFiles } from "../project/files";
import { coverageOf, type FlowCoverage } from "../behaviour/coverage";
import type { FlowModel } from "../model/schema";
import { programOfPortfolio, type Program } from "../behaviour/program";
import { parseScenarioText, type LoadedScenario } from "../behaviour/scenario/load";
import { runScenario, type ScenarioResult } from "../behaviour/scenario/run";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { readPortfolio } from "../project/portfolio";
import type { Portfolio } from "../planner/portfolio";
import { routingPlanInput } from "../project/routingFiles";
import { planRouting } from "../planner/routing";
import { StackRouting } from "../behaviour/routing";
import { UsageError } from "../project/cliArgs";

/**
 * The scenario files at `abs` (a file, or every .yaml / .yml under a folder), relative to `root`,
 * sorted, read through the project's boundary (project/files.ts): a path or link out of the project
 * is refused by name, a folder link loop is one line.
 */
export function scenarioFiles(root: string, abs: string): { files: string[]; issues: FlowIssue[] } {
  const rel = relative(root, abs).split(sep).join("/");
  if (rel.startsWith("../") || rel === ".." || isAbsolute(rel))
    return {
      files: [],
      issues: [{ file: abs, message: "is outside the project; scenario files are read from inside it" }],
    };
  if (!existsSync(abs) && lstatSync(abs, { throwIfNoEntry: false }) === undefined)
    throw new UsageError(`no such file or folder: ${abs}`);
  if (outsideProject(root, abs) === undefined && statSync(abs).isDirectory())
    return walkProjectFiles(root, rel, (name) => /\.ya?ml$/i.test(name));
  return { files: [rel], issues: [] };
}

export interface TestRun {
  results: ScenarioResult[];
  /** Of the flows the scenarios run. */
  coverage: FlowCoverage[];
  /** The stack's flows no scenario runs (not in `coverage`). */
  unrun: string[];
  /** The models of the flows in `coverage` (for the coverage diagrams). */
  models: Map<string, FlowModel>;
}

/**
 * Loads the scenario files (paths relative to `root` in every message) and runs them, each with its
 * stack's program. Throws FlowLoadError listing every file that does not load, or a stack that does not.
 */
export function runScenarioFiles(
  root: string,
  files: readonly string[],
  opts: { stack: string; flows?: ReadonlySet<string>; portfolioOf?: (stack: string) => Portfolio | undefined },
): TestRun {
  const issues: FlowIssue[] = [];
  const scenarios: LoadedScenario[] = [];
  for (const file of files) {
    const read = readProjectFile(root, file, MAX_FLOW_FILE_BYTES, "a scenario file");
    if (!read.ok) {
      issues.push(read.issue);
      continue;
    }
    try {
      scenarios.push(...parseScenarioText(read.text, file));
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length > 0) throw new FlowLoadError(issues);
  // A scenario that dials a number runs the flow routing chooses: with --flow, it counts when that is one of them.
  const selected = opts.flows ? scenarios.filter((s) => s.flow === undefined || opts.flows!.has(s.flow)) : scenarios;
  const stacks = new Map<string, { program: Program; routing: StackRouting }>();
  const stackOf = (stack: string) => {
    let p = stacks.get(stack);
    if (!p) {
      const portfolio = opts.portfolioOf?.(stack) ?? readPortfolio(root, stack);
      stacks.set(
        stack,
        (p = {
          program: programOfPortfolio(portfolio),
          routing: new StackRouting(stack, planRouting(routingPlanInput(root, portfolio)).objects),
        }),
      );
    }
    return p;
  };
  const programOf = (stack: string) => stackOf(stack).program;
  const results = selected
    .map((s) => {
      const { program, routing } = stackOf(s.stack ?? opts.stack);
      return runScenario(program, s, routing);
    })
    .filter((r) => !opts.flows || opts.flows.has(r.flow));
  const entered = new Set(results.flatMap((r) => r.events.flatMap((e) => (e.kind === "visit" ? [e.flow] : []))));
  // Coverage is of the flows the scenarios run (or --flow names); the others are listed apart, so a
  // flow with no scenario yet is visible without hiding how well the tested ones are covered.
  const all = coverageOf(
    programOf(opts.stack),
    results.map((r) => r.events),
  );
  const counted = (flow: string) => entered.has(flow) || (opts.flows?.has(flow) ?? false);
  const coverage = all.filter((c) => counted(c.flow));
  const unrun = all.filter((c) => !counted(c.flow)).map((c) => c.flow);
  const program = programOf(opts.stack);
  return { results, coverage, unrun, models: new Map(coverage.map((c) => [c.flow, program.flows.get(c.flow)!.model])) };
}
