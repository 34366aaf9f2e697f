// The lint engine: the pack's flow rules run over flow files without Pulumi. Loading is injected
// (the CLI passes the model loader), so everything here is testable with models built in tests.
// Output is deterministic: relative paths, findings sorted by file, node, rule, message.
import { existsSync, readFileSync, readdirSync, statSync } from "fs";
import * as path from "path";
import type { LoadedFlow } from "../../components/model/schema";
import { PolicyConfig, effectiveEnforcement, settingsFromConfig, validatePolicyConfig } from "../config";
import { formatViolation } from "../adapter";
import { ALL_RULES, FLOW_RULES } from "../rules";
import type { EnforcementLevel, ModuleInterface, RuleDescriptor, Violation } from "../rules/types";
import { Locator, makeLocator } from "./locate";
import packageJson from "../package.json";

export const TOOL_NAME = "genesys-flows-lint";
export const TOOL_VERSION: string = packageJson.version;
export const LOAD_ERROR_RULE = "load-error";
/** Where per-stack policy config files live (the same files the policy pack takes). */
export const CONFIG_DIR = path.join(__dirname, "..", "config");

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
export type RuleStatus = "run" | "disabled" | "needs-deployment" | "stack-only";

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

/** A loader as the model loader exports it: throws FlowLoadError (or any Error) on failure. */
export type LoadFlow = (filePath: string, displayPath: string) => LoadedFlow;

export interface LintOptions {
  /** Project root: paths in the report are relative to it. */
  cwd: string;
  stack?: string;
  config?: PolicyConfig;
  load: LoadFlow;
  /** Reads a file's text for line mapping (defaults to fs). */
  readText?: (absolutePath: string) => string;
}

/** The rule ids with the header data every format needs, plus the load-error pseudo rule. */
export const LOAD_ERROR_DESCRIPTOR: RuleDescriptor = {
  kind: "flow",
  id: LOAD_ERROR_RULE,
  description: "The flow file loads: valid YAML, a valid flow model, transitions to existing nodes.",
  remediation: "Fix the file at the reported location; the message says what the model expects there.",
  defaultEnforcement: "mandatory",
};

/**
 * Expands the command's paths: nothing means `flows/*.yaml`; a directory means its *.yaml and
 * *.yml files. Returns absolute paths, sorted by their relative form, or throws a usage error.
 */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  const given = paths.length > 0 ? paths : ["flows"];
  const out = new Set<string>();
  for (const p of given) {
    const abs = path.resolve(cwd, p);
    if (!existsSync(abs)) throw new UsageError(`no such file or directory: ${p}`);
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (/\.ya?ml$/.test(name) && statSync(path.join(abs, name)).isFile()) out.add(path.join(abs, name));
      }
    } else {
      out.add(abs);
    }
  }
  return [...out].sort((a, b) => compare(relative(cwd, a), relative(cwd, b)));
}

export class UsageError extends Error {}

/** Reads policies/config/<stack>.json, validated against the rules. Throws UsageError. */
export function readStackConfig(stack: string, dir: string = CONFIG_DIR): PolicyConfig {
  const file = path.join(dir, `${stack}.json`);
  if (!existsSync(file)) {
    const stacks = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5)).sort() : [];
    throw new UsageError(`no policy config for stack "${stack}" (${relative(process.cwd(), file)}); stacks with one: ${stacks.join(", ") || "none"}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const problems = validatePolicyConfig(parsed, ALL_RULES);
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join("; ")}`);
  return parsed as PolicyConfig;
}

/** Loads and lints files (absolute paths). */
export function lintFiles(files: readonly string[], opts: LintOptions): LintReport {
  const readText = opts.readText ?? ((p: string) => readFileSync(p, "utf8"));
  const loaded: LoadedFlow[] = [];
  const findings: Finding[] = [];
  const locators = new Map<string, Locator>();
  const locatorFor = (display: string): Locator => {
    let l = locators.get(display);
    if (!l) {
      try {
        l = makeLocator(readText(path.resolve(opts.cwd, display)));
      } catch {
        l = () => ({ line: 1, column: 1 });
      }
      locators.set(display, l);
    }
    return l;
  };
  for (const abs of files) {
    const display = relative(opts.cwd, abs);
    try {
      loaded.push(opts.load(abs, display));
    } catch (e) {
      findings.push(...loadErrorFindings(e, display, locatorFor));
    }
  }
  const report = lintLoaded(loaded, { stack: opts.stack, config: opts.config, locatorFor });
  const all = [...findings, ...report.findings].sort(compareFindings);
  return {
    ...report,
    files: files.map((f) => relative(opts.cwd, f)),
    findings: all,
    exitCode: all.some((f) => f.level === "mandatory") ? 1 : 0,
  };
}

/** Lints already-loaded flows (pure apart from the optional locator). */
export function lintLoaded(
  flows: readonly LoadedFlow[],
  opts: { stack?: string; config?: PolicyConfig; locatorFor?: (file: string) => Locator } = {},
): LintReport {
  const locatorFor = opts.locatorFor ?? (() => () => ({ line: 1, column: 1 }));
  const findings: Finding[] = [];
  const modules = new Map<string, ModuleInterface>();
  const moduleFiles = new Map<string, string>();
  const sorted = [...flows].sort((a, b) => compare(a.file, b.file));
  for (const f of sorted) {
    if (f.model.kind !== "commonModule") continue;
    const m = f.model;
    const first = moduleFiles.get(m.name);
    if (first !== undefined) {
      findings.push(
        toFinding(
          {
            ruleId: LOAD_ERROR_RULE,
            flow: m.name,
            file: f.file,
            ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
            path: ["name"],
            problem: `module name "${m.name}" is also used by ${first}`,
            fix: "give each common module a unique name",
          },
          "mandatory",
          locatorFor(f.file),
        ),
      );
      continue;
    }
    moduleFiles.set(m.name, f.file);
    modules.set(m.name, {
      name: m.name,
      compatibleFlowTypes: m.compatibleFlowTypes,
      inputs: m.inputs,
      outputs: m.outputs,
      callsModules: Object.values(m.nodes).some((n) => n.type === "subflow"),
    });
  }
  const rules = ruleSummaries(opts.config);
  for (const rule of FLOW_RULES) {
    const summary = rules.find((r) => r.id === rule.id);
    if (!summary || summary.status !== "run") continue;
    const level = summary.level as Level;
    const settings = settingsFromConfig(rule, opts.config);
    for (const f of sorted) {
      const ctx = {
        ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
        file: f.file,
        flowName: f.model.name,
        model: f.model,
        modules,
        settings,
      };
      for (const v of rule.check(ctx)) findings.push(toFinding(v, level, locatorFor(f.file)));
    }
  }
  findings.sort(compareFindings);
  return {
    ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
    files: sorted.map((f) => f.file),
    flows: sorted.map((f) => ({ file: f.file, name: f.model.name, kind: f.model.kind })),
    rules,
    findings,
    exitCode: findings.some((f) => f.level === "mandatory") ? 1 : 0,
  };
}

/** Every rule of the pack with its effective level and whether the lint runs it. */
export function ruleSummaries(config?: PolicyConfig): RuleSummary[] {
  return ALL_RULES.map((rule) => {
    const level = effectiveEnforcement(rule, config);
    const status: RuleStatus =
      rule.kind === "stack" ? "stack-only" : rule.needsDeployment ? "needs-deployment" : level === "disabled" ? "disabled" : "run";
    return { id: rule.id, description: rule.description, remediation: rule.remediation, level, status };
  });
}

function toFinding(v: Violation, level: Level, locate: Locator): Finding {
  const pos = locate(v.node, v.path);
  return {
    ruleId: v.ruleId,
    level,
    file: v.file,
    line: pos.line,
    column: pos.column,
    ...(v.flow !== "" ? { flow: v.flow } : {}),
    ...(v.node !== undefined ? { node: v.node } : {}),
    message: formatViolation(v),
    problem: v.problem,
    fix: v.fix,
  };
}

interface IssueLike {
  file?: string;
  flow?: string;
  node?: string;
  field?: string;
  line?: number;
  column?: number;
  message: string;
}

/** A load failure as findings: one per FlowLoadError issue, or one for any other error. */
function loadErrorFindings(e: unknown, display: string, locatorFor: (file: string) => Locator): Finding[] {
  const issues: IssueLike[] =
    e && typeof e === "object" && Array.isArray((e as { issues?: unknown }).issues)
      ? ((e as { issues: IssueLike[] }).issues)
      : [{ file: display, message: e instanceof Error ? e.message : String(e) }];
  return issues.map((issue) => {
    const file = issue.file ?? display;
    const fieldPath = issue.field ? issue.field.split(".") : undefined;
    const pos =
      issue.line !== undefined
        ? { line: issue.line, column: issue.column ?? 1 }
        : locatorFor(file)(issue.node, fieldPath);
    const where = [issue.node !== undefined ? `node "${issue.node}"` : undefined, issue.field ? `field "${issue.field}"` : undefined]
      .filter(Boolean)
      .join(", ");
    return {
      ruleId: LOAD_ERROR_RULE,
      level: "mandatory" as const,
      file,
      line: pos.line,
      column: pos.column,
      ...(issue.flow !== undefined ? { flow: issue.flow } : {}),
      ...(issue.node !== undefined ? { node: issue.node } : {}),
      message: `[${LOAD_ERROR_RULE}] ${file}${where ? `, ${where}` : ""}: ${issue.message}`,
      problem: issue.message,
      fix: "fix the file so it loads",
    };
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.file, b.file) ||
    compare(a.node ?? "", b.node ?? "") ||
    compare(a.ruleId, b.ruleId) ||
    a.line - b.line ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Relative, forward-slash path (stable across platforms, as SARIF wants). */
export function relative(cwd: string, abs: string): string {
  return path.relative(cwd, abs).split(path.sep).join("/");
}
