// What the agent interface's tools answer, and the shape of each answer (its MCP output schema).
// An agent pays for every byte it reads: by default an answer holds what an agent acts on (the
// findings, the failures, the coverage of the flows it tests, the module interfaces), compact; the
// full report is one `detail: true` away. Pure: reports in, answers out.
import { z } from "zod";
import type { LintReport } from "../../policies/lint/engine";
import type { FlowCoverage } from "../../behaviour/coverage";
import type { ScenarioResult } from "../../behaviour/scenario/run";
import type { JourneyTable } from "../../behaviour/journeys";

/** The full report, with `detail: true`. */
const detail = z.record(z.string(), z.unknown()).optional().describe("the full report (detail: true)");

export const lintAnswer = z.object({
  exitCode: z.number().int().describe("0: no mandatory finding; 1: one at least"),
  errors: z.number().int(),
  warnings: z.number().int(),
  stacks: z.array(z.string()).describe("the stacks checked besides the files as written"),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      level: z.enum(["mandatory", "advisory"]),
      file: z.string(),
      line: z.number().int(),
      node: z.string().optional(),
      field: z.string().optional(),
      problem: z.string(),
      fix: z.string().optional(),
      stacks: z.array(z.string()).optional().describe("the stacks that have it; absent: the files as written"),
    }),
  ),
  notRun: z
    .array(z.object({ rule: z.string(), stack: z.string().optional(), why: z.string() }))
    .describe("checks that did not run, and why"),
  detail,
});

export function lintAnswerOf(report: LintReport, full?: Record<string, unknown>): z.infer<typeof lintAnswer> {
  const errors = report.findings.filter((f) => f.level === "mandatory").length;
  return {
    exitCode: report.exitCode,
    errors,
    warnings: report.findings.length - errors,
    stacks: report.stacks ?? (report.stack !== undefined ? [report.stack] : []),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      level: f.level,
      file: f.file,
      line: f.line,
      ...(f.node !== undefined ? { node: f.node } : {}),
      ...(f.field !== undefined ? { field: f.field } : {}),
      problem: f.message,
      ...(f.fix !== undefined ? { fix: f.fix } : {}),
      ...(f.stacks !== undefined ? { stacks: f.stacks } : {}),
    })),
    notRun: report.notRun.map((n) => ({
      rule: n.rule,
      ...(n.stack !== undefined ? { stack: n.stack } : {}),
      why: n.why,
    })),
    ...(full ? { detail: full } : {}),
  };
}

const coverageLine = z.object({
  flow: z.string(),
  percent: z.number(),
  notCovered: z
    .array(z.string())
    .describe('nodes ("Menu") and transitions ("Menu -sales-> Transfer") no scenario reached'),
});

export const scenariosAnswer = z.object({
  exitCode: z
    .number()
    .int()
    .describe("0: every scenario passed and each tested flow is covered at least minCoverage %"),
  passed: z.number().int(),
  failed: z.number().int(),
  stopped: z.number().int(),
  failures: z.array(
    z.object({
      scenario: z.string(),
      file: z.string(),
      line: z.number().int(),
      flow: z.string(),
      status: z.string(),
      why: z.string(),
    }),
  ),
  coverage: z.array(coverageLine).describe("the flows the scenarios are written for, each on its own"),
  modules: z
    .array(z.object({ flow: z.string(), percent: z.number() }))
    .describe("the modules those flows call (covered through them, not counted above)"),
  minCoverage: z.number().optional(),
  belowMinCoverage: z.array(z.string()).optional().describe("tested flows covered less than minCoverage %"),
  detail,
});

function notCovered(c: FlowCoverage): string[] {
  return [
    ...c.nodes.filter((n) => !n.covered).map((n) => n.node),
    ...c.transitions.filter((t) => !t.covered).map((t) => `${t.from} -${t.transition}-> ${t.to}`),
  ];
}

/** The first thing to fix in a scenario that did not pass: its stop, or its first difference. */
function whyFailed(r: ScenarioResult): string {
  if (r.stop !== undefined) return r.stop;
  const d = r.differences[0];
  return d === undefined ? r.status : `${d.field}: ${d.message}`;
}

export function scenariosAnswerOf(
  results: readonly ScenarioResult[],
  coverage: readonly FlowCoverage[],
  minCoverage?: number,
  full?: Record<string, unknown>,
): z.infer<typeof scenariosAnswer> {
  const tested = new Set(results.map((r) => r.flow));
  const own = coverage.filter((c) => tested.has(c.flow));
  const below = minCoverage !== undefined ? own.filter((c) => c.percent < minCoverage).map((c) => c.flow) : [];
  const allPassed = results.every((r) => r.status === "passed");
  return {
    exitCode: allPassed && below.length === 0 ? 0 : 1,
    passed: results.filter((r) => r.status === "passed").length,
    failed: results.filter((r) => r.status === "failed").length,
    stopped: results.filter((r) => r.status === "stopped").length,
    failures: results
      .filter((r) => r.status !== "passed")
      .map((r) => ({
        scenario: r.name,
        file: r.file,
        line: r.line,
        flow: r.flow,
        status: r.status,
        why: whyFailed(r),
      })),
    coverage: own.map((c) => ({ flow: c.flow, percent: c.percent, notCovered: notCovered(c) })),
    modules: coverage.filter((c) => !tested.has(c.flow)).map((c) => ({ flow: c.flow, percent: c.percent })),
    ...(minCoverage !== undefined ? { minCoverage, belowMinCoverage: below } : {}),
    ...(full ? { detail: full } : {}),
  };
}

/** Journeys listed in a concise answer at most (the count says how many there are). */
export const MAX_JOURNEY_LINES = 40;

export const journeysAnswer = z.object({
  flow: z.string(),
  file: z.string(),
  count: z.number().int(),
  journeys: z.array(z.string()).describe('one line each: "what the customer does and the org answers -> outcome"'),
  more: z.number().int().describe("journeys not listed (detail: true lists them all)"),
  truncated: z.boolean().describe("more journeys exist than the bound enumerates"),
  detail,
});

export function journeysAnswerOf(table: JourneyTable, full: boolean): z.infer<typeof journeysAnswer> {
  const line = (j: JourneyTable["journeys"][number]) =>
    `${j.choices.length > 0 ? j.choices.join(" · ") : "(no choice)"} -> ${j.outcome}`;
  const shown = full ? table.journeys : table.journeys.slice(0, MAX_JOURNEY_LINES);
  return {
    flow: table.flow,
    file: table.file,
    count: table.journeys.length,
    journeys: shown.map(line),
    more: table.journeys.length - shown.length,
    truncated: table.truncated,
    ...(full ? { detail: { ...table } as Record<string, unknown> } : {}),
  };
}
