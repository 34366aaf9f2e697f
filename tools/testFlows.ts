// genesys-flows test — runs a stack's behaviour scenarios (scenarios/**/*.yaml) against the Archy
// the stack publishes, in process (no Pulumi, no emulator), and reports what failed, with the
// coverage of the flows' nodes and transitions. The edge of behaviour/: it reads the files and
// the stack, and writes the report; everything it decides is in behaviour/scenario and behaviour/coverage.ts.
// Exit codes: 0 every scenario passed (and coverage is at least --min-coverage), 1 a scenario failed
// or stopped, a file does not load, or coverage is below the threshold, 2 usage errors.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { overwriteProblems } from "../project/outputs";
import { coverageDiagram, realTrafficLine, totalPercent } from "../behaviour/coverage";
import { parseTraffic, pulledFile } from "../traffic/journeys";
import { mermaidBlock } from "../diagram/mermaid";
import { renderJourneyTable } from "../behaviour/journeyDiff";
import { journeysOf } from "../behaviour/journeys";
import { programOfPortfolio, type Program } from "../behaviour/program";
import { formatJson, formatJunit, formatText } from "../behaviour/scenario/report";
import { FlowLoadError, formatIssue } from "../model/errors";
import { readPortfolio } from "../project/portfolio";
import { runScenarioFiles, scenarioFiles, type TestRun } from "../run/scenarios";

import { type ArgValues, commandArgs, UsageError } from "../project/cliArgs";

export const HELP = `Usage: genesys-flows test [files or folders...] [--stack <name>] [--flow <id>]
                          [--format text|json|junit] [--out <file>] [--coverage] [--min-coverage <percent>]
                          [--coverage-diagrams <dir>] [--traffic <file>] [--force]
       genesys-flows test --journeys [--flow <id>] [--stack <name>] [--format text|markdown]

Runs behaviour scenarios: what a caller hears and where they end up, proved on the compiled Archy
the stack publishes (its substitutions applied, modules entered through their own compiled flows),
before anything is deployed. Pure and in process: no Pulumi, no org, no emulator.

Scenario files are YAML under scenarios/, one folder per flow: scenarios/calls/sales/*.yaml test
flows/calls/sales.yaml (or give flow: <id> in the file). A scenario may instead dial a number at a
time (dial: +13175550100, clock: ...): the stack's routing (routing/*.yaml, its values from the
stack file) picks the flow. See docs/testing.md.

Arguments:
  files or folders      scenario files, or folders of them (default: <root>/scenarios)

Options:
  --stack <name>        stack whose Pulumi.<name>.yaml gives the substitutions and routing values, for
                        files that name no stack: of their own (default: local)
  --flow <id>           only the scenarios of this entry flow (e.g. calls/sales), a scenario that dials
                        a number when routing sends it there; comma-separated for more
  --format <f>          text (default), json or junit
  --out <file>          write the report to <file> instead of standard output
  --coverage            add the coverage of each flow's nodes and transitions to the report
  --min-coverage <pct>  fail when the scenarios cover less than <pct> % of the nodes and transitions
                        of the flows they run (implies --coverage)
  --traffic <file>      with the coverage, the share of the real journeys in a file \`traffic pull\` wrote
                        that the scenarios take (default .work/traffic/<stack>.json when it is there)
  --coverage-diagrams <dir>
                        write each flow's Mermaid diagram with covered parts green and the rest red
                        and dashed to <dir>/<flow id>.md
  --journeys            instead of running scenarios, list every journey of the flows (--flow, or all):
                        each way through the flow, choice points taken each way, and its outcome
  --force               write --out and --coverage-diagrams even into the project's sources
                        (flows/, scenarios/, routing/) or over files git tracks (refused otherwise)
  --root <dir>          project root holding Pulumi.<name>.yaml, flows/, routing/ and scenarios/ (default: .)
  -h, --help            show this help

Exit codes: 0 every scenario passed, 1 a scenario failed or stopped, a file does not load, or
coverage is below --min-coverage, 2 usage errors.
`;

const FORMATS = ["text", "json", "junit"] as const;
const FLAGS = {
  stack: { type: "string" },
  flow: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  coverage: { type: "boolean" },
  "min-coverage": { type: "string" },
  journeys: { type: "boolean" },
  "coverage-diagrams": { type: "string" },
  traffic: { type: "string" },
  root: { type: "string" },
  force: { type: "boolean" },
} as const;
type Format = (typeof FORMATS)[number];

/** The report's format and the coverage asked for, from the options. Throws UsageError. */
function readCommand(args: ArgValues<typeof FLAGS>) {
  let format = (args.format ?? "text") as Format;
  if (args.journeys === true && (args.format ?? "text") === "markdown") format = "text";
  else if (!FORMATS.includes(format))
    throw new UsageError(`unknown format "${args.format}"; use one of: ${FORMATS.join(", ")}`);
  const minCoverage = args["min-coverage"] !== undefined ? Number(args["min-coverage"]) : undefined;
  if (minCoverage !== undefined && (!/^\d+(\.\d+)?$/.test(args["min-coverage"]!) || minCoverage > 100))
    throw new UsageError(`--min-coverage takes a percentage from 0 to 100, not "${args["min-coverage"]}"`);
  return { format, minCoverage };
}

export function main(argv: string[], io = { out: process.stdout, err: process.stderr }): number {
  let command!: ReturnType<typeof readCommand>;
  const usage = { command: "genesys-flows test", help: HELP, io, positionals: true };
  const parsed = commandArgs(argv, FLAGS, usage, (args) => {
    command = readCommand(args);
  });
  if (typeof parsed === "number") return parsed;
  const { values: args, positionals: paths } = parsed;
  const { format, minCoverage } = command;
  const root = resolve(args.root ?? ".");
  if (args.journeys === true) return journeys(root, args.stack ?? "local", args.flow, args.format ?? "text", io);
  let run: TestRun;
  try {
    const found = (paths.length > 0 ? paths.map((p) => resolve(p)) : [join(root, "scenarios")]).map((p) =>
      scenarioFiles(root, p),
    );
    const walkIssues = found.flatMap((f) => f.issues);
    if (walkIssues.length > 0) throw new FlowLoadError(walkIssues);
    const files = found.flatMap((f) => f.files);
    if (files.length === 0)
      throw new UsageError(
        `no scenario files (*.yaml) in ${paths.length > 0 ? paths.join(", ") : join(root, "scenarios")}`,
      );
    const flows =
      args.flow !== undefined
        ? new Set(
            args.flow
              .split(",")
              .map((f) => f.trim())
              .filter((f) => f !== ""),
          )
        : undefined;
    run = runScenarioFiles(root, files, { stack: args.stack ?? "local", ...(flows ? { flows } : {}) });
    if (run.results.length === 0) throw new UsageError(`no scenario tests ${[...(flows ?? [])].join(", ")}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`genesys-flows test: ${e.message}\n`);
      return 2;
    }
    if (e instanceof FlowLoadError) {
      io.err.write(`${e.issues.map(formatIssue).join("\n")}\n`);
      return 1;
    }
    throw e;
  }
  const withCoverage = args.coverage === true || minCoverage !== undefined || args.traffic !== undefined;
  const coverage = withCoverage ? run.coverage : undefined;
  let notes =
    coverage && run.unrun.length > 0 && format === "text"
      ? `Flows no scenario runs (not counted in the coverage): ${run.unrun.join(", ")}\n`
      : "";
  if (coverage && format === "text") {
    const real = realTraffic(root, args.traffic, args.stack ?? "local", run);
    if (real.problem !== undefined) {
      io.err.write(`genesys-flows test: ${real.problem}\n`);
      return 1;
    }
    notes += real.line;
  }
  const report =
    (format === "json"
      ? formatJson(run.results, coverage)
      : format === "junit"
        ? formatJunit(run.results)
        : formatText(run.results, coverage)) + notes;
  // Nothing the user wrote is overwritten (project/outputs.ts), checked before the first write.
  const diagramDir = args["coverage-diagrams"] !== undefined ? resolve(args["coverage-diagrams"]) : undefined;
  const targets = [
    ...(args.out !== undefined ? [resolve(args.out)] : []),
    ...(diagramDir !== undefined ? run.coverage.map((c) => join(diagramDir, `${c.flow}.md`)) : []),
  ];
  const refused = overwriteProblems(root, targets, args.force === true);
  if (refused.length > 0) {
    io.err.write(`${refused.map(formatIssue).join("\n")}\n`);
    return 1;
  }
  if (args.out !== undefined) {
    mkdirSync(dirname(resolve(args.out)), { recursive: true });
    writeFileSync(resolve(args.out), report);
  } else io.out.write(report);
  if (diagramDir !== undefined) {
    for (const c of run.coverage) {
      const path = join(diagramDir, `${c.flow}.md`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(
        path,
        `# ${c.flow}: ${c.percent.toFixed(1)}% covered by the scenarios\n\n${mermaidBlock(coverageDiagram(run.models.get(c.flow)!, c))}`,
      );
    }
  }
  let code = run.results.every((r) => r.status === "passed") ? 0 : 1;
  if (minCoverage !== undefined) {
    const percent = totalPercent(run.coverage);
    if (percent < minCoverage) {
      io.err.write(
        `genesys-flows test: the scenarios cover ${percent.toFixed(1)}% of the nodes and transitions, below --min-coverage ${minCoverage}%\n`,
      );
      code = 1;
    }
  }
  return code;
}

/** The share of real traffic the scenarios take: of the pulled file given, or of the stack's last pull when there is one. */
function realTraffic(
  root: string,
  given: string | undefined,
  stack: string,
  run: TestRun,
): { line: string; problem?: string } {
  const pulled = resolve(root, given ?? pulledFile(stack));
  if (given === undefined && !existsSync(pulled)) return { line: "" };
  try {
    const traffic = parseTraffic(readFileSync(pulled, "utf8"));
    return {
      line: `${realTrafficLine(traffic, run.results, new Map(run.coverage.map((c) => [c.flow, { file: c.file, name: run.models.get(c.flow)!.name }])))}\n`,
    };
  } catch (e) {
    return { line: "", problem: `cannot read the pulled journeys ${pulled}: ${(e as Error).message}` };
  }
}

/** `--journeys`: the journey table of each flow asked for. */
function journeys(
  root: string,
  stack: string,
  flow: string | undefined,
  format: string,
  io: { out: { write(s: string): unknown }; err: { write(s: string): unknown } },
): number {
  let program: Program;
  try {
    program = programOfPortfolio(readPortfolio(root, stack));
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    io.err.write(`${e.message}\n`);
    return 1;
  }
  const ids = flow !== undefined ? flow.split(",").map((f) => f.trim()) : [...program.flows.keys()].sort();
  const missing = ids.filter((id) => !program.flows.has(id));
  if (missing.length > 0) {
    io.err.write(`genesys-flows test: no flow ${missing.join(", ")} in stack ${stack}\n`);
    return 2;
  }
  for (const id of ids)
    io.out.write(renderJourneyTable(journeysOf(program, id), format === "markdown" ? "markdown" : "text"));
  return 0;
}
