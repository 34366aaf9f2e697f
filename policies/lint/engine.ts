// The lint engine: the project's checks over flow files, without Pulumi: the same checks the
// planner and the policy pack run, with the levels of the stack's policy config. With a stack it
// reads the stack file and applies its substitutions and name prefix, as a deploy does.
// Output is deterministic: relative paths, findings sorted by file, node, rule, message.
import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import * as path from "path";
import { runChecks, RULES, type CheckInput, type EnforcementLevel, type Finding as CheckFinding, type RuleInfo } from "../../checks";
import { FlowLoadError, type FlowIssue } from "../../model/errors";
import { parseFlowText } from "../../model/load";
import type { LoadedFlow } from "../../model/schema";
import { flowIdOf } from "../../planner/names";
import { stackCheckInput } from "../../planner/portfolio";
import { selectFlowIds } from "../../planner/select";
import type { StackSettings } from "../../planner/stackSettings";
import { effectiveEnforcement, settingsFromConfig, type PolicyConfig } from "../config";
import { formatFinding } from "../adapter";
import { makeLocator, type Locator } from "./locate";
import packageJson from "../package.json";

export const TOOL_NAME = "genesys-flows-lint";
export const TOOL_VERSION: string = packageJson.version;
export const LOAD_ERROR_RULE = "load-error";

export type Level = "mandatory" | "advisory";

export interface Finding {
  ruleId: string;
  level: Level;
  file: string;
  line: number;
  column: number;
  flow?: string;
  node?: string;
  /** The full message, as the policy pack prints it. */
  message: string;
  problem: string;
  fix: string;
}

/** Why a rule did or did not run in this lint. */
export type RuleStatus = "run" | "disabled" | "needs-stack" | "needs-org" | "pack-only";

export interface RuleSummary {
  id: string;
  description: string;
  remediation: string;
  level: EnforcementLevel;
  status: RuleStatus;
}

export interface LintReport {
  stack?: string;
  /** Every file given, relative, sorted. */
  files: string[];
  /** Loaded flows: file, model name, kind. */
  flows: Array<{ file: string; name: string; kind: string }>;
  rules: RuleSummary[];
  findings: Finding[];
  exitCode: 0 | 1;
}

export class UsageError extends Error {}

export interface LintOptions {
  /** Project root: paths in the report are relative to it. */
  cwd: string;
  /** With a stack: its name, settings and policy config (levels and rule settings). */
  stack?: { name: string; settings: StackSettings; config: PolicyConfig };
  /** Reads a file's text (defaults to fs). */
  readText?: (absolutePath: string) => string;
  /** With --org: what the org-reference check found against the stack's org (rule org-references). */
  org?: { findings: CheckFinding[] };
}

/**
 * Expands the command's paths: nothing means every flow file under flows/; a directory means its
 * *.yaml and *.yml files, recursively. Returns absolute paths sorted by their relative form.
 */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const given = paths.length > 0 ? paths : ["flows"];
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const abs = path.join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (st.isFile() && /\.ya?ml$/i.test(name)) out.add(abs);
    }
  };
  for (const p of given) {
    const abs = path.resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`no such file or directory: ${p}`);
    if (statSync(abs).isDirectory()) walk(abs);
    else out.add(abs);
  }
  return [...out].sort((a, b) => compare(relative(cwd, a), relative(cwd, b)));
}

/** A flow's id: its path under flows/ without the extension, or its path without the extension elsewhere. */
function idOf(file: string): string {
  return flowIdOf(file) ?? file.replace(/\.ya?ml$/i, "");
}

/** Loads and lints files (absolute paths). With a stack, only the flows the stack selects are checked. */
export function lintFiles(files: readonly string[], opts: LintOptions): LintReport {
  const readText = opts.readText ?? ((p: string) => readFileSync(p, "utf8"));
  const texts = new Map<string, string>();
  const loaded: Array<LoadedFlow & { id: string }> = [];
  const loadIssues: FlowIssue[] = [];
  const all = files.map((abs) => relative(opts.cwd, abs));
  // With a stack, the files it deploys (its include/exclude globs); the others are not linted.
  const selected = opts.stack ? new Set(selectFlowIds(all.map(idOf), opts.stack.settings)) : undefined;
  const display = all.filter((file) => !selected || selected.has(idOf(file)));
  display.forEach((file) => {
    const abs = path.resolve(opts.cwd, file);
    let text: string;
    try {
      text = readText(abs);
    } catch (e) {
      loadIssues.push({ file, message: `cannot read it (${(e as Error).message})` });
      return;
    }
    texts.set(file, text);
    try {
      loaded.push({ ...parseFlowText(text, file), id: idOf(file) });
    } catch (e) {
      if (e instanceof FlowLoadError) loadIssues.push(...e.issues);
      else throw e;
    }
  });
  const locators = new Map<string, Locator>();
  const locatorFor = (file: string): Locator => {
    let l = locators.get(file);
    if (!l) {
      let text = texts.get(file);
      if (text === undefined) {
        try {
          text = readText(path.resolve(opts.cwd, file));
        } catch {
          text = "";
        }
      }
      l = makeLocator(text);
      locators.set(file, l);
    }
    return l;
  };
  const input: CheckInput = opts.stack
    ? stackCheckInput(loaded, opts.stack.name, opts.stack.settings)
    : { flows: loaded.map((f) => ({ file: f.file, id: f.id, model: f.model, displayName: f.model.name })) };
  const config = opts.stack?.config;
  const rules = ruleSummaries(config, opts.stack !== undefined, opts.org !== undefined);
  const run = new Set(rules.filter((r) => r.status === "run").map((r) => r.id));
  const checked = runChecks(input, {
    include: (r) => run.has(r.id),
    settingsOf: (r) => settingsFromConfig(r, config),
  });
  const levelOf = new Map(rules.map((r) => [r.id, r.level]));
  const findings = [
    ...loadIssues.map((issue) => toFinding({ ...issue, ruleId: LOAD_ERROR_RULE, fix: "fix the file so it loads" }, "mandatory", locatorFor, opts.stack?.name)),
    ...[...checked, ...(opts.org?.findings ?? [])].map((f) => toFinding(f, levelOf.get(f.ruleId) === "advisory" ? "advisory" : "mandatory", locatorFor, opts.stack?.name)),
  ].sort(compareFindings);
  const flows = [...loaded].sort((a, b) => compare(a.file, b.file));
  return {
    ...(opts.stack ? { stack: opts.stack.name } : {}),
    files: display,
    flows: flows.map((f) => ({ file: f.file, name: f.model.name, kind: f.model.kind })),
    rules,
    findings,
    exitCode: findings.some((f) => f.level === "mandatory") ? 1 : 0,
  };
}

/** Every rule with its effective level and whether the lint runs it. */
export function ruleSummaries(config: PolicyConfig | undefined, withStack: boolean, withOrg = false): RuleSummary[] {
  return RULES.map((rule: RuleInfo) => {
    const level = effectiveEnforcement(rule, config);
    const status: RuleStatus = rule.packOnly ? "pack-only" : rule.needsStack && !withStack ? "needs-stack" : rule.needsOrg && !withOrg ? "needs-org" : level === "disabled" ? "disabled" : "run";
    return { id: rule.id, description: rule.description, remediation: rule.remediation, level, status };
  });
}

/** The path inside the file a finding points at, for the locator. */
function pathOf(f: CheckFinding): string[] {
  if (!f.field) return [];
  if (/^Pulumi\.[^/]+\.yaml$/.test(f.file)) {
    // Stack files: `genesys-flows:flows.sales` lives under config: -> "genesys-flows:flows" -> "sales".
    const [key, ...rest] = f.field.split(".");
    return ["config", key, ...rest];
  }
  return f.field.split(".");
}

function toFinding(f: CheckFinding, level: Level, locatorFor: (file: string) => Locator, stack?: string): Finding {
  const pos = f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : locatorFor(f.file)(f.node, pathOf(f));
  return {
    ruleId: f.ruleId,
    level,
    file: f.file,
    line: pos.line,
    column: pos.column,
    ...(f.flow !== undefined ? { flow: f.flow } : {}),
    ...(f.node !== undefined ? { node: f.node } : {}),
    message: formatFinding(f, stack),
    problem: f.message,
    fix: f.fix ?? "",
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return compare(a.file, b.file) || a.line - b.line || compare(a.node ?? "", b.node ?? "") || compare(a.ruleId, b.ruleId) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Relative, forward-slash path (stable across platforms, as SARIF wants). */
export function relative(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join("/");
}
