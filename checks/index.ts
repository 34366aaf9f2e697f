// Runs every check over a portfolio: ONE implementation of each rule, used by the planner (core
// rules: stop before anything is registered), flows:compile, lint:flows and the policy pack.
// Deterministic: findings are sorted and de-duplicated.
import { modulesByName } from "./moduleChecks";
import { checkExpressions } from "./expressions";
import { checkArchyNodes } from "./archyNodes";
import { checkArchySettings } from "./archySettings";
import { compareFindings, uniqueFindings, type Finding } from "./finding";
import type { CheckFlow, CheckInput, RuleSettings } from "./input";
import { RULES, type RuleInfo } from "./rules";

export interface CheckOptions {
  /** Whether to run a rule (default: every rule that applies). The pack-only rules are the policy pack's (policies/packRules.ts). */
  include?: (rule: RuleInfo) => boolean;
  /** A rule's settings (defaults applied by the caller); default: the declared defaults. */
  settingsOf?: (rule: RuleInfo) => RuleSettings;
}

export function defaultSettings(rule: RuleInfo): RuleSettings {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rule.settings ?? {}))
    if (schema.default !== undefined) out[key] = schema.default;
  return out;
}

/** Every finding of every rule that applies to `input`, sorted. */
export function runChecks(input: CheckInput, options: CheckOptions = {}): Finding[] {
  const include = options.include ?? (() => true);
  const settingsOf = options.settingsOf ?? defaultSettings;
  const modules = modulesByName(input.flows);
  const stack = input.stack;
  const out: Finding[] = [];
  // The Archy validator and the expression checker run once per flow; their invalid findings are
  // rules expressions and archy-actions, what the catalogue lacks is rule archy-unknown.
  const archyCache = new Map<CheckFlow, Finding[]>();
  const archyOf = (flow: CheckFlow): Finding[] => {
    let found = archyCache.get(flow);
    if (!found) {
      found = [...checkExpressions(flow, modules), ...checkArchyNodes(flow), ...checkArchySettings(flow)];
      archyCache.set(flow, found);
    }
    return found;
  };
  const archy = (flow: CheckFlow, ruleId: string) => archyOf(flow).filter((f) => f.ruleId === ruleId);
  // Each rule runs its own check (its registry entry carries it); a rule without one is reported
  // elsewhere (rules.ts `reportedBy`).
  for (const rule of RULES) {
    if (rule.check === undefined || (rule.needsStack && !stack) || !include(rule)) continue;
    out.push(...rule.check({ input, modules, settings: settingsOf(rule), archy }));
  }
  return uniqueFindings(out).sort(compareFindings);
}

export { UNKNOWN_RULE } from "./unknownRule";
export type { RuleCheck, RuleRun } from "./ruleRun";
export { RULES, ruleInfo, isLocked, type RuleInfo, type EnforcementLevel, type SettingSchema } from "./rules";
export { formatFinding, type Finding } from "./finding";
export type { CheckFlow, CheckInput, StackFacts, RuleSettings } from "./input";
export { symbolsOf, type FlowSymbols } from "./symbols";
export { modulesByName, calledModules, moduleCallNodes } from "./moduleChecks";
