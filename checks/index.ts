// Runs every check over a portfolio: ONE implementation of each rule, used by the planner (core
// rules: stop before anything is registered), flows:compile, lint:flows and the policy pack.
// Deterministic: findings are sorted and de-duplicated.
import { checkCompatibility, checkModuleCycles, checkModuleInterface, checkRequiredInputs, modulesByName } from "./moduleChecks";
import { checkLoops, checkNodeKinds, checkReferences, checkVariables } from "./flowChecks";
import { checkReachable, checkSubflowTransitions, checkTerminates } from "./graphPolicies";
import { checkForceUnlock, checkNamePrefix, checkOrgReferenceSkip } from "./guardrails";
import { checkPlaceholders } from "./placeholders";
import { checkExpressions } from "./expressions";
import { checkArchyNodes } from "./archyNodes";
import { checkArchySettings } from "./archySettings";
import { checkUniqueNames } from "./names";
import { compareFindings, groupBySubject, uniqueFindings, type Finding } from "./finding";
import type { CheckFlow, CheckInput, RuleSettings } from "./input";
import { UNKNOWN_RULE } from "./unknownRule";
import { RULES, type RuleInfo } from "./rules";

export interface CheckOptions {
  /** Whether to run a rule (default: every rule that applies). The runner never runs pack-only rules. */
  include?: (rule: RuleInfo) => boolean;
  /** A rule's settings (defaults applied by the caller); default: the declared defaults. */
  settingsOf?: (rule: RuleInfo) => RuleSettings;
}

export function defaultSettings(rule: RuleInfo): RuleSettings {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rule.settings ?? {})) if (schema.default !== undefined) out[key] = schema.default;
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
  const byRule = (ruleId: string) => (flow: CheckFlow) => archyOf(flow).filter((f) => f.ruleId === ruleId);
  for (const rule of RULES) {
    if (rule.packOnly || (rule.needsStack && !stack) || !include(rule)) continue;
    const settings = settingsOf(rule);
    const perFlow = (f: (flow: (typeof input.flows)[number]) => Finding[]) => input.flows.forEach((flow) => out.push(...f(flow)));
    switch (rule.id) {
      case "load-error": // reported by whoever loads the files
        break;
      case "org-references": // needs the org: the stack program, lint --org and verify run it (checks/orgReferences.ts)
        break;
      case "expressions": perFlow(byRule("expressions")); break;
      case "archy-actions": perFlow(byRule("archy-actions")); break;
      case UNKNOWN_RULE: perFlow((f) => groupBySubject(byRule(UNKNOWN_RULE)(f))); break;
      case "flow-references": perFlow(checkReferences); break;
      case "node-kinds": perFlow(checkNodeKinds); break;
      case "variables": perFlow(checkVariables); break;
      case "graph-loops": perFlow(checkLoops); break;
      case "module-interface": perFlow((f) => checkModuleInterface(f, modules, true, input.absentModules)); break;
      case "module-compatibility": perFlow((f) => checkCompatibility(f, modules)); break;
      case "module-cycles": out.push(...checkModuleCycles(input.flows)); break;
      case "unique-names": out.push(...checkUniqueNames(input.flows, stack !== undefined)); break;
      case "placeholders": perFlow((f) => checkPlaceholders(f, stack!.stack)); break;
      case "subflow-transitions": perFlow(checkSubflowTransitions); break;
      case "module-required-inputs": perFlow((f) => checkRequiredInputs(f, modules)); break;
      case "reachable-nodes": perFlow((f) => checkReachable(f, settings)); break;
      case "terminates": perFlow(checkTerminates); break;
      case "prod-force-unlock": out.push(...checkForceUnlock(stack!, settings)); break;
      case "prod-org-references": out.push(...checkOrgReferenceSkip(stack!, settings)); break;
      case "prod-name-prefix": perFlow((f) => checkNamePrefix(f, stack!, settings)); break;
      default:
        throw new Error(`rule "${rule.id}" has no check`);
    }
  }
  return uniqueFindings(out).sort(compareFindings);
}

/** The core rules' findings only: what stops the loader, flows:compile and the stack program. */
export function coreFindings(input: CheckInput): Finding[] {
  return runChecks(input, { include: (r) => r.core });
}

export { UNKNOWN_RULE } from "./unknownRule";
export { RULES, ruleInfo, isLocked, type RuleInfo, type EnforcementLevel, type SettingSchema } from "./rules";
export { formatFinding, type Finding } from "./finding";
export type { CheckFlow, CheckInput, StackFacts, RuleSettings } from "./input";
export { symbolsOf, resolveVariable, type FlowSymbols } from "./symbols";
export { modulesByName, calledModules } from "./moduleChecks";
