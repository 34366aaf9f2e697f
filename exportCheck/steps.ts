// The steps check-exports runs on one export, each located in the export: the import into the flow
// model (import/), lint's rules on the imported flow (policies/lint), the compile back to Archy
// (planner/pipeline.ts, as every entry point compiles) with the export's action kinds kept
// (actionKinds.ts), and the reading of a publish job's messages. Pure: the caller reads the files
// and runs the publishes.
import { innermostEntry } from "../archy/validate/path";
import { importArchyText, ImportError, modelYaml, sum, type ImportResult } from "../import";
import type { SourceLine } from "../import/sourceLines";
import { fileSlug } from "../import/plan";
import { readYaml } from "../model/yamlReader";
import type { PublishJobResult } from "../org/publishJob";
import { runPipeline, type FlowSource } from "../planner/pipeline";
import { lintSources } from "../policies/lint/engine";
import { multisetDifferences, type Doc } from "./actionKinds";
import type { ImportStep, Located, Step } from "./report";

export const SKIPPED: Step = { status: "skipped", problems: [], warnings: [] };

const stepOf = (problems: Located[], warnings: Located[] = []): Step => ({
  status: problems.length > 0 ? "failed" : "ok",
  problems,
  warnings,
});

/** Imports the export (placeholders filled): typed share, raw nodes and why; what the import refuses. */
export function importStep(file: string, text: string): { step: ImportStep; result?: ImportResult } {
  let result: ImportResult;
  try {
    result = importArchyText(text, { source: file });
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const why = e.verdict === "unsupported" ? "the flow model cannot express it" : "the import refuses it";
    const step: ImportStep = {
      ...stepOf([
        {
          file,
          ...(e.line !== undefined ? { line: e.line } : {}),
          message: `${why}: ${e.path ? `${e.path}: ` : ""}${e.reason}`,
        },
      ]),
      typed: 0,
      raw: 0,
      rawNodes: [],
    };
    return { step };
  }
  const { report } = result;
  // What the validator finds certainly invalid in the export itself, the import's safety net.
  const problems = (result.exportErrors ?? []).map((f) => ({
    file,
    ...(f.line !== undefined ? { line: f.line } : {}),
    rule: f.rule,
    message: `${f.path}: ${f.message}`,
  }));
  const rawNodes = report.unmapped.map((u) => ({
    ...(u.line !== undefined ? { line: u.line } : {}),
    path: u.path,
    action: u.action,
    reason: u.reason,
  }));
  return {
    step: {
      ...stepOf(
        problems,
        report.notes.map((message) => ({ file, message })),
      ),
      typed: sum(report.typed),
      raw: sum(report.raw),
      rawNodes,
    },
    result,
  };
}

/** The flow file the import would write, as a source of the pipeline. */
export function importedSource(result: ImportResult, file: string): FlowSource {
  const slug = fileSlug(String(result.model.name));
  const path = `flows/imported/${slug}.yaml`;
  return {
    id: `imported/${slug}`,
    file: path,
    text: modelYaml(result.model, { schemaPath: "../../schema/flow.schema.json", source: file, lines: [] }),
  };
}

/** Lint's rules (core and policy, at their default levels) on the imported flow; mandatory findings fail it. */
export function lintStep(file: string, source: FlowSource, sourceLine: SourceLine | undefined): Step {
  const report = lintSources([source], { cwd: "." });
  const located = (f: (typeof report.findings)[number]): Located => {
    const line = sourceLine?.({
      ...(f.node !== undefined ? { node: f.node } : {}),
      ...(f.field !== undefined ? { field: f.field } : {}),
    });
    const node = f.node !== undefined ? `node "${f.node}"${f.nodeType !== undefined ? ` (${f.nodeType})` : ""}: ` : "";
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      rule: f.ruleId,
      message: `${node}${f.field !== undefined ? `field "${f.field}": ` : ""}${f.message}${f.fix !== undefined ? ` Fix: ${f.fix}` : ""}`,
    };
  };
  return stepOf(
    report.findings.filter((f) => f.level === "mandatory").map(located),
    report.findings.filter((f) => f.level === "advisory").map(located),
  );
}

export interface CompiledBack {
  text: string;
  /** The node each compiled action was written for, by its path. */
  actionNodes: Readonly<Record<string, string>>;
}

/** The first line of `- <action>:` in the export: where a lost action kind is seen first. */
function firstLineOf(text: string, action: string): number | undefined {
  const i = text.split(/\r?\n/).findIndex((l) => new RegExp(`^\\s*-?\\s*${action}:`).test(l));
  return i < 0 ? undefined : i + 1;
}

/** Compiles the imported flow back to Archy, as a deploy would; every action kind and menu choice kind of the export must survive. */
export function compileStep(
  file: string,
  source: FlowSource,
  exportText: string,
  exportDoc: Doc,
): { step: Step; compiled?: CompiledBack } {
  // The core checks run first, as in every entry point; what they find is lint's to report.
  const result = runPipeline({ sources: [source] });
  const issues = [...result.loadIssues, ...result.compileIssues];
  const compiled = result.compiled[0];
  if (issues.length === 0 && compiled === undefined) return { step: SKIPPED };
  if (issues.length > 0 || compiled === undefined)
    return { step: stepOf(issues.map((i) => ({ file, message: i.message }))) };
  const read = readYaml(compiled.substitutedYaml, { exactIntegers: false });
  if (!read.ok)
    return {
      step: stepOf([
        { file, message: `the compiled flow does not read back: ${read.problems[0]?.message ?? "unknown"}` },
      ]),
    };
  const differences = multisetDifferences(exportDoc, read.value as Doc);
  const problems = differences.map((d): Located => {
    const line = firstLineOf(exportText, d.split(/[: ]/)[0]);
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      message: `the compiled flow does not keep the export's actions and menu choices: ${d}`,
    };
  });
  return { step: stepOf(problems), compiled: { text: compiled.substitutedYaml, actionNodes: compiled.actionNodes } };
}

/** `Flow "X": rule R: detail (at inboundCall.tasks[0], line 12)`: the rule, the detail, the path and the line. */
function parseMessage(text: string): { rule?: string; path?: string; line?: number; detail: string } {
  const rule = /^Flow "(?:[^"\\]|\\.)*": rule ([a-z0-9-]+): /.exec(text);
  const where = / \(at ([^()]*?)(?:,? ?line (\d+)(?:, column \d+)?)?\)$/.exec(text);
  const detail = text.slice(rule ? rule[0].length : 0, where ? where.index : text.length);
  return {
    ...(rule ? { rule: rule[1] } : {}),
    ...(where && where[1] !== "" ? { path: where[1] } : {}),
    ...(where?.[2] !== undefined ? { line: Number(where[2]) } : {}),
    detail,
  };
}

/**
 * A publish job's messages as a step: errors fail it, warnings are said. Without `compiledIn`
 * the text published is the export and a message's line is the export's; with it, the text is the
 * compiled flow and `compiledIn` finds the export's line of the node a message's action was
 * written for (the compiled file's own line is said besides).
 */
export function publishStep(
  file: string,
  job: PublishJobResult,
  compiledIn?: (path: string | undefined) => number | undefined,
): Step {
  const located = (text: string): Located => {
    const m = parseMessage(text);
    const line = compiledIn ? compiledIn(m.path) : m.line;
    const at = [m.path, compiledIn && m.line !== undefined ? `line ${m.line} of the compiled flow` : undefined]
      .filter((x) => x !== undefined)
      .join(", ");
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(m.rule !== undefined ? { rule: m.rule } : {}),
      message: `${m.detail}${at !== "" ? ` (at ${at})` : ""}`,
    };
  };
  const problems = job.messages.filter((m) => m.type === "Error").map((m) => located(m.text));
  if (job.status === "Failure" && problems.length === 0)
    problems.push({ file, message: "the publish job failed without a message" });
  return {
    status: job.status === "Success" && problems.length === 0 ? "ok" : "failed",
    problems,
    warnings: job.messages.filter((m) => m.type !== "Error").map((m) => located(m.text)),
  };
}

/** Where a message about the compiled flow sits in the export: the node of the action at `path`, then its line there. */
export function compiledLineIn(
  compiled: CompiledBack,
  sourceLine: SourceLine | undefined,
): (path: string | undefined) => number | undefined {
  return (path) => {
    if (path === undefined || sourceLine === undefined) return undefined;
    const node = innermostEntry(compiled.actionNodes, path);
    return node === undefined ? undefined : sourceLine({ node });
  };
}
