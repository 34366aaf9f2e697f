// The lint engine: the project's checks over flow files, without Pulumi, through the same pipeline
// the planner runs (planner/pipeline.ts: load, select by stack, check, compile), with the levels
// of the stack's policy config. With a stack it applies the stack file (its selection,
// substitutions and name prefix, and what is wrong with it), as a deploy does; the problems that
// stop a deploy before the checks (the stack file, a file that does not load, what the compiler
// refuses) are rule load-error. Output is deterministic: relative paths, findings sorted by file,
// node, rule, message.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { formatFinding, type EnforcementLevel, type Finding as CheckFinding, type RuleInfo } from "../../checks";
import type { FlowIssue } from "../../model/errors";
import { runPipeline, type FlowSource } from "../../planner/pipeline";
import type { StackSettings } from "../../planner/stackSettings";
import { checkPlainSecrets } from "../../checks/secrets";
import { readFlowFiles } from "../../project/flowFiles";
import { effectiveEnforcement, settingsFromConfig, type PolicyConfig } from "../config";
import { locatorOf, type YamlLocator } from "../../model/yamlReader";
import packageJson from "../package.json";
import { ROUTING_RULES } from "../../checks/routingRules";
import { ruleDocsUrl, type RuleTag, type Severity } from "../../checks/rules";
import { lintRouting, type RoutingLintInput } from "./routing";
import { FLOW_AND_PACK_RULES } from "../packRules";
import { cmp } from "../../archy/json";
import { TEAM_RULES_FILE, teamRuleFindings, type TeamRule } from "../teamRules";

export const TOOL_NAME = "genesys-flows-lint";
export const TOOL_VERSION: string = packageJson.version;
export const LOAD_ERROR_RULE = "load-error";

export type Level = "mandatory" | "advisory";

/**
 * A finding as lint reports it: the check's finding (its message is the problem alone), with its
 * level in the stack's policy config, its exact line and column, and the full text the policy
 * pack prints (formatFinding).
 */
export interface LintFinding extends CheckFinding {
  level: Level;
  line: number;
  column: number;
  text: string;
  /**
   * Linting every stack (mergeReports): the stacks that have the finding; absent when the files as
   * written have it (whatever the stack) or when one stack was linted.
   */
  stacks?: string[];
}

/** A check that did not run, and why (the JSON report's `notRun`). */
export interface NotRun {
  rule: string;
  /** The stack it did not run for; undefined: for none (no stack, or the policy pack only). */
  stack?: string;
  why: string;
}

/** Why a rule did or did not run in this lint. */
export type RuleStatus = "run" | "disabled" | "needs-stack" | "needs-org" | "pack-only";

export interface RuleSummary {
  id: string;
  description: string;
  remediation: string;
  level: EnforcementLevel;
  status: RuleStatus;
  /** The rule's metadata, as the policy pack passes it to Pulumi (checks/rules.ts). */
  severity: Severity;
  tags: readonly RuleTag[];
  url: string;
}

/**
 * A rule of the registry as a report lists it, at `level`, with whether the lint runs it, and its
 * metadata as every report carries it: severity, tags and documentation URL.
 */
function summaryOf(rule: RuleInfo, level: EnforcementLevel, status: RuleStatus): RuleSummary {
  return {
    id: rule.id,
    description: rule.description,
    remediation: rule.remediation,
    level,
    status,
    severity: rule.severity,
    tags: rule.tags,
    url: ruleDocsUrl(rule.id),
  };
}

export interface LintReport {
  stack?: string;
  /** The stacks linted, when every stack was (mergeReports). */
  stacks?: string[];
  /** Every file given, relative, sorted. */
  files: string[];
  /** Loaded flows: file, model name, kind. */
  flows: Array<{ file: string; name: string; kind: string }>;
  rules: RuleSummary[];
  findings: LintFinding[];
  /** The checks that did not run, and why: a lint is only as clean as what it ran. */
  notRun: NotRun[];
  exitCode: 0 | 1;
}

export interface LintOptions {
  /** Project root: paths in the report are relative to it. */
  cwd: string;
  /** With a stack: its name, settings and policy config (levels and rule settings), and its file's text (for its secrets). */
  stack?: { name: string; settings: StackSettings; config: PolicyConfig; file?: { name: string; text: string } };
  /** Reads a file's text (defaults to fs). */
  readText?: (absolutePath: string) => string;
  /** Every flow id of the portfolio when the files linted are only part of it (for the stack file's checks). */
  portfolioIds?: readonly string[];
  /** With --org: what the org-reference check found against the stack's org (rule org-references). */
  org?: { findings: CheckFinding[] };
  /** The routing files to check too (the routing rules), with --org the org's IVR configs. */
  routing?: RoutingLintInput;
  /**
   * Report only these files (relative) and the stack file: the lint was given paths, and the rest
   * of the portfolio is read so that checks across flows (modules and their callers) see it.
   */
  only?: readonly string[];
  /** Where the org-reference check's org is, when it was read (`notRun` says where it was not). */
  orgDescription?: string;
  /** The team's own rules (its rules file, as templates/portfolio/policies/rules.ts: policies/teamRules.ts), run over the flows as the stack deploys them. */
  teamRules?: readonly TeamRule[];
}

/** Reads and lints files (absolute paths). With a stack, only the flows the stack selects are checked. */
export function lintFiles(files: readonly string[], opts: LintOptions): LintReport {
  const { sources, issues } = readFlowFiles(
    opts.cwd,
    files.map((abs) => relative(opts.cwd, abs)),
    opts.readText,
  );
  return lintSources(sources, opts, issues);
}

/** Lints flow files already read (`readIssues`: the files that could not be). */
export function lintSources(
  sources: readonly FlowSource[],
  opts: LintOptions,
  readIssues: readonly FlowIssue[] = [],
): LintReport {
  const readText = opts.readText ?? ((p: string) => readFileSync(p, "utf8"));
  const config = opts.stack?.config;
  const teamRules = opts.teamRules ?? [];
  const rules = [
    ...ruleSummaries(config, opts.stack !== undefined, opts.org !== undefined),
    ...(opts.routing ? routingRuleSummaries() : []),
    ...teamRules.map(teamRuleSummary),
  ];
  const run = new Set(rules.filter((r) => r.status === "run").map((r) => r.id));
  const result = runPipeline({
    sources,
    readIssues,
    ...(opts.stack ? { stack: { name: opts.stack.name, settings: opts.stack.settings } } : {}),
    ...(opts.portfolioIds ? { portfolioIds: opts.portfolioIds } : {}),
    checks: { include: (r) => run.has(r.id), settingsOf: (r) => settingsFromConfig(r, config) },
  });
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  const locators = new Map<string, YamlLocator>();
  const textOf = (file: string): string => {
    try {
      return readText(path.resolve(opts.cwd, file));
    } catch {
      return "";
    }
  };
  const locatorFor = (file: string): YamlLocator => {
    const l = locators.get(file) ?? locatorOf(texts.get(file) ?? textOf(file));
    locators.set(file, l);
    return l;
  };
  const levelOf = new Map(rules.map((r) => [r.id, r.level]));
  const stopped = [...result.stackIssues, ...result.loadIssues, ...result.compileIssues];
  // Given paths: their findings, and a stack file that does not load (nothing is checked under it).
  const only = opts.only !== undefined ? new Set(opts.only) : undefined;
  const reported = (f: { file: string; ruleId?: string }) =>
    only === undefined || only.has(f.file) || (f.ruleId === LOAD_ERROR_RULE && STACK_FILE.test(f.file));
  const findings = [
    // The loader's messages say what the file needs: no generic fix is added.
    ...stopped.map((issue) =>
      toFinding({ ...issue, ruleId: LOAD_ERROR_RULE }, "mandatory", locatorFor, opts.stack?.name),
    ),
    ...[
      ...result.findings,
      ...(opts.stack?.file ? checkPlainSecrets(opts.stack.file, opts.stack.name) : []),
      ...(opts.org?.findings ?? []).filter((f) => run.has(f.ruleId)),
      ...(opts.routing ? lintRouting(opts.routing, result, opts.stack, opts.org !== undefined) : []),
      ...(result.checkInput && teamRules.length > 0 ? teamRuleFindings(teamRules, result.checkInput) : []),
    ].map((f) =>
      toFinding(f, levelOf.get(f.ruleId) === "advisory" ? "advisory" : "mandatory", locatorFor, opts.stack?.name),
    ),
  ]
    .filter(reported)
    .sort(compareFindings);
  // The files linted: those the stack selects (every one without a stack), those that could not be read, the routing files.
  const selected = new Set(result.selected);
  const files = [
    ...new Set([
      ...sources.filter((s) => selected.has(s.id)).map((s) => s.file),
      ...readIssues.map((i) => i.file),
      ...(opts.routing?.sources.map((s) => s.file) ?? []),
    ]),
  ]
    .filter((file) => reported({ file }))
    .sort(cmp);
  const flows = [...result.flows].filter(reported).sort((a, b) => cmp(a.file, b.file));
  return {
    ...(opts.stack ? { stack: opts.stack.name } : {}),
    files,
    flows: flows.map((f) => ({ file: f.file, name: f.model.name, kind: f.model.kind })),
    rules,
    findings,
    notRun: notRunOf(rules, opts.stack?.name),
    exitCode: findings.some((f) => f.level === "mandatory") ? 1 : 0,
  };
}

const STACK_FILE = /^Pulumi\.[^/]+\.yaml$/;

const NOT_RUN_WHY = {
  "pack-only": "it reads what the engine registers: the policy pack runs it in preview and up",
  "needs-stack": "it needs a stack: lint checks every Pulumi.<stack>.yaml when there is one, or give --stack <name>",
} as const;

/** Why each rule that applies to flows did not run in a lint (its status), for the report's `notRun`. */
export function notRunOf(rules: readonly RuleSummary[], stack: string | undefined): NotRun[] {
  const why: Partial<Record<RuleStatus, string>> = {
    ...NOT_RUN_WHY,
    "needs-org": `it reads the org${stack !== undefined ? ` of stack "${stack}": lint --stack ${stack} --org` : ": lint --stack <name> --org"} (preview and up run it)`,
    disabled: `disabled by policies/config/${stack ?? "<stack>"}.json`,
  };
  return rules.flatMap((r) => {
    const reason = why[r.status];
    // A pack-only rule does not run in lint whatever the stack: said once, for no stack.
    if (reason === undefined) return [];
    return [{ rule: r.id, ...(stack !== undefined && r.status !== "pack-only" ? { stack } : {}), why: reason }];
  });
}

/**
 * One report of several lints of the same files: the files as written (no stack) and each stack
 * (`reports`, the first without a stack). A finding several of them have is reported once, at its
 * most severe level, naming the stacks that have it (none when the files as written have it); a
 * rule ran when it ran for any of them; what did not run is listed per stack.
 */
export function mergeReports(reports: readonly LintReport[]): LintReport {
  const stacks = reports.flatMap((r) => (r.stack !== undefined ? [r.stack] : []));
  const merged = new Map<string, LintFinding>();
  for (const r of reports) {
    for (const f of r.findings) {
      const key = JSON.stringify([f.ruleId, f.file, f.line, f.column, f.node ?? "", f.field ?? "", f.message]);
      const seen = merged.get(key);
      if (seen === undefined) {
        merged.set(key, { ...f, ...(r.stack !== undefined ? { stacks: [r.stack] } : {}) });
        continue;
      }
      if (f.level === "mandatory") seen.level = "mandatory";
      if (seen.stacks !== undefined && r.stack !== undefined && !seen.stacks.includes(r.stack))
        seen.stacks.push(r.stack);
    }
  }
  const findings = [...merged.values()].map((f) => ({ ...f, text: withStacks(f) })).sort(compareFindings);
  const rules = (reports[0]?.rules ?? []).map((rule) => {
    const runs = reports
      .map((r) => r.rules.find((x) => x.id === rule.id))
      .filter((x): x is RuleSummary => x !== undefined && x.status === "run");
    if (runs.length === 0) return rule;
    const level: EnforcementLevel = runs.some((x) => x.level === "mandatory") ? "mandatory" : "advisory";
    return { ...rule, status: "run" as const, level };
  });
  // "It needs a stack", of the lint without one, is answered by the stacks' lints.
  const notRun = uniqueNotRun(
    reports.flatMap((r) => r.notRun).filter((n) => !(stacks.length > 0 && n.why === NOT_RUN_WHY["needs-stack"])),
  );
  return {
    stacks,
    files: [...new Set(reports.flatMap((r) => r.files))].sort(cmp),
    flows: [...new Map(reports.flatMap((r) => r.flows).map((f) => [f.file, f])).values()].sort((a, b) =>
      cmp(a.file, b.file),
    ),
    rules,
    findings,
    notRun,
    exitCode: findings.some((f) => f.level === "mandatory") ? 1 : 0,
  };
}

/** A merged finding's text naming the stacks that have it (none when the files as written have it). */
function withStacks(f: LintFinding): string {
  const rest = f.text.replace(/^\[[^\]]+\](?: stacks? "[^"]*"(?:, "[^"]*")*:)? /, "");
  const stacks = f.stacks ?? [];
  const where =
    stacks.length === 0 ? "" : ` stack${stacks.length > 1 ? "s" : ""} ${stacks.map((x) => `"${x}"`).join(", ")}:`;
  return `[${f.ruleId}]${where} ${rest}`;
}

function uniqueNotRun(list: readonly NotRun[]): NotRun[] {
  const seen = new Set<string>();
  return list
    .filter((n) => {
      const key = `${n.rule}\u0000${n.stack ?? ""}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => cmp(a.stack ?? "", b.stack ?? "") || cmp(a.rule, b.rule));
}

/** Every rule with its effective level and whether the lint runs it. */
export function ruleSummaries(config: PolicyConfig | undefined, withStack: boolean, withOrg = false): RuleSummary[] {
  return FLOW_AND_PACK_RULES.map((rule: RuleInfo) => {
    const level = effectiveEnforcement(rule, config);
    const status: RuleStatus = rule.packOnly
      ? "pack-only"
      : rule.needsStack && !withStack
        ? "needs-stack"
        : rule.needsOrg && !withOrg
          ? "needs-org"
          : level === "disabled"
            ? "disabled"
            : "run";
    return summaryOf(rule, level, status);
  });
}

/** A team's rule (policies/teamRules.ts) as a report lists it: at its own level, documented in the team's rules file. */
function teamRuleSummary(rule: TeamRule): RuleSummary {
  return {
    id: rule.id,
    description: rule.description,
    remediation: rule.remediation ?? "",
    level: rule.enforcementLevel ?? "mandatory",
    status: "run",
    severity: "medium",
    tags: ["flow"],
    url: TEAM_RULES_FILE,
  };
}

/** The routing rules (checks/routingRules.ts), at their own levels: lint runs them all over routing/. */
export function routingRuleSummaries(): RuleSummary[] {
  return ROUTING_RULES.map((r) => summaryOf(r, r.defaultEnforcement, "run"));
}

/** The path inside the file a finding points at, for the locator: its node's, then its field's. */
function pathOf(f: CheckFinding): string[] {
  const node = f.node !== undefined ? ["nodes", f.node] : [];
  if (!f.field) return node;
  if (/^Pulumi\.[^/]+\.yaml$/.test(f.file)) {
    // Stack files: `genesys-flows:flows.sales` lives under config: -> "genesys-flows:flows" -> "sales".
    const [key, ...rest] = f.field.split(".");
    return ["config", key, ...rest];
  }
  return [...node, ...f.field.split(".")];
}

function toFinding(
  f: CheckFinding,
  level: Level,
  locatorFor: (file: string) => YamlLocator,
  stack?: string,
): LintFinding {
  const pos = f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : locatorFor(f.file).locate(pathOf(f));
  return { ...f, level, line: pos.line, column: pos.column, text: formatFinding(f, stack) };
}

/**
 * Report order: files that do not load first (the root cause: what calls into them is reported
 * because they do not load), then by file, line, node, rule and text.
 */
export function compareFindings(a: LintFinding, b: LintFinding): number {
  const rootCause = (f: LintFinding) => (f.ruleId === LOAD_ERROR_RULE ? 0 : 1);
  return (
    rootCause(a) - rootCause(b) ||
    cmp(a.file, b.file) ||
    a.line - b.line ||
    cmp(a.node ?? "", b.node ?? "") ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.text, b.text)
  );
}

/** Relative, forward-slash path (stable across platforms, as SARIF wants). */
export function relative(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join("/");
}
