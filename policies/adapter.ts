// The bridge between Pulumi's policy arguments and the project's checks. Every rule of
// checks/rules.ts is one stack policy named by its id: it rebuilds the portfolio from the
// components' registered facts and runs the SAME checks the planner and the lint command run, so
// the same files get the same findings everywhere. Settings come from the policy config chosen by
// the stack's name (policies/config/<stack>.json, read by the pack itself), not from values the
// stack sets. Pure apart from reading that file: tests call these functions with hand-built args;
// policies/index.ts only registers the result.
import { readFileSync } from "fs";
import * as path from "path";
import type { Policies, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { formatFinding, runChecks, type Finding, type RuleInfo } from "../checks";
import { ruleDocsUrl } from "../checks/rules";
import { configSchemaOf, readPolicyConfig, ruleSettings, settingsFromConfig, stacksWithConfig, POLICY_CONFIG_DIR } from "./config";
import { checkInputOf, readComponents, type ReadPortfolio, type StackResource } from "./resources";
import { ALL_RULES, type PackRule } from "./packRules";
import { readRoutingComponents, routingFindingsOf } from "./routing";
import { stackFileName } from "../project/stackFile";

export interface StackArgs {
  resources: StackResource[];
  getConfig?: () => object;
  notApplicable?: (reason?: string) => never;
}

/** The rule's settings for a stack: its policies/config/<stack>.json when there is one, else what the engine passed. */
export function settingsForStack(rule: RuleInfo, stack: string | undefined, given: object | undefined, dir: string = POLICY_CONFIG_DIR): Record<string, unknown> {
  if (stack !== undefined && stacksWithConfig(dir).includes(stack)) return settingsFromConfig(rule, readPolicyConfig(stack, dir));
  return ruleSettings(rule, given);
}

const isPackRule = (rule: RuleInfo): rule is PackRule => "packCheck" in rule;

/** The validateStack function of a rule's policy: the pack-only rule's own check, or the rule's check over the registered portfolio. */
export function validateRule(rule: RuleInfo, dir: string = POLICY_CONFIG_DIR) {
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const read = readComponents(args.resources);
    if (read.components.length === 0 && read.problems.length === 0) return;
    for (const p of read.problems) reportViolation(`[${rule.id}] ${p.urn}: ${p.problem}; the flow cannot be checked. Fix: deploy flows with the project's components, which register their facts.`, p.urn);
    const urnOf = new Map(read.components.map((c) => [c.facts.file, c.urn]));
    if (isPackRule(rule)) {
      const { findings, notApplicable } = rule.packCheck(read.components, args.resources);
      for (const f of findings) reportViolation(formatFinding(f, read.stack), f.urn);
      if (findings.length === 0 && notApplicable !== undefined && args.notApplicable) args.notApplicable(notApplicable);
      return;
    }
    const findings =
      read.stack !== undefined && stacksWithConfig(dir).includes(read.stack)
        ? flowRuleFindings(read, read.stack, dir).filter((f) => f.ruleId === rule.id)
        : runChecks(checkInputOf(read.components), { include: (r) => r.id === rule.id, settingsOf: () => settingsForStack(rule, read.stack, args.getConfig?.(), dir) });
    for (const f of findings) reportViolation(formatFinding(f, read.stack), urnOf.get(f.file));
  };
}

/** The rules the pack has a policy for (buildPolicies). */
function policyRules(): RuleInfo[] {
  return ALL_RULES.filter((rule) => rule.reportedBy !== "loader" && !rule.needsOrg);
}

/** The flow rules among them: the ones validateRule runs through runChecks. */
export const FLOW_POLICY_RULE_IDS: ReadonlySet<string> = new Set(policyRules().filter((r) => !isPackRule(r) && r.routingCheck === undefined && r.stackFileCheck === undefined).map((r) => r.id));

/**
 * Every flow rule's findings over one registered portfolio, computed once for all the pack's
 * policies instead of once per policy. The engine calls each policy (one per rule) with its own
 * copy of the resources, but readComponents hands them all the same read (resources.ts: by the
 * components' registered facts, one text each): the portfolio is recognised by that read, with the text of the stack's
 * policy config. Only for a stack with a policy config file, whose settings do not depend on what
 * the engine hands each policy. A
 * rule's findings are the same as when it runs alone: each rule's check reads the portfolio and
 * its own settings only.
 */
let lastFlowRuleRun: { read: ReadPortfolio; configText: string; dir: string; stack: string; findings: Finding[] } | undefined;

function flowRuleFindings(read: ReadPortfolio, stack: string, dir: string): Finding[] {
  const configText = readFileSync(path.join(dir, `${stack}.json`), "utf8");
  const last = lastFlowRuleRun;
  if (last !== undefined && last.read === read && last.dir === dir && last.stack === stack && last.configText === configText) return last.findings;
  const config = readPolicyConfig(stack, dir);
  const findings = runChecks(checkInputOf(read.components), { include: (r) => FLOW_POLICY_RULE_IDS.has(r.id), settingsOf: (r) => settingsFromConfig(r, config) });
  lastFlowRuleRun = { read, configText, dir, stack, findings };
  return findings;
}

/**
 * The validateStack function of a routing rule's policy (checks/routingRules.ts): the routing
 * checks over the routing components' facts against the flow components' facts.
 */
export function validateRoutingRule(rule: RuleInfo) {
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const routing = readRoutingComponents(args.resources);
    if (routing.objects.length === 0 && routing.problems.length === 0) return;
    for (const p of routing.problems) reportViolation(`[${rule.id}] ${p.urn}: ${p.problem}; the routing cannot be checked. Fix: deploy routing with the project's components, which register their facts.`, p.urn);
    const flows = readComponents(args.resources);
    const urnOf = new Map([...flows.components.map((c) => [c.facts.file, c.urn] as const), ...routing.objects.map((o) => [o.facts.file, o.urn] as const)]);
    for (const f of routingFindingsOf(flows.components, routing.objects).filter((x) => x.ruleId === rule.id)) reportViolation(formatFinding(f, flows.stack), urnOf.get(f.file));
  };
}

/**
 * The validateStack function of a stack file rule's policy (stack-secrets): the stack file of the
 * stack the components name (`Pulumi.<stack>.yaml` at the project root), checked by the rule's
 * `stackFileCheck` as lint and the preflight check it (checks/secrets.ts).
 */
export function validateStackFileRule(rule: RuleInfo, root: string = path.join(POLICY_CONFIG_DIR, "..", "..")) {
  const check = rule.stackFileCheck;
  if (check === undefined) throw new Error(`rule ${rule.id} has no stack file check`);
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const stack = readComponents(args.resources).stack;
    if (stack === undefined) return;
    const file = stackFileName(stack);
    let text: string;
    try {
      text = readFileSync(path.join(root, file), "utf8");
    } catch {
      return; // no stack file: the settings came from elsewhere (pulumi config in the service)
    }
    for (const f of check({ name: file, text }, stack)) reportViolation(formatFinding(f, stack));
  };
}

/** The validateStack function of a rule's policy, from the check its registry entry carries. */
function validateStackOf(rule: RuleInfo, dir: string): StackValidationPolicy["validateStack"] {
  if (rule.routingCheck !== undefined) return validateRoutingRule(rule);
  if (rule.stackFileCheck !== undefined) return validateStackFileRule(rule, path.join(dir, "..", ".."));
  return validateRule(rule, dir);
}

/**
 * Every policy of the pack, one per rule of the registry (ALL_RULES: flow, pack-only, routing and
 * stack file rules), each validated by the check its entry carries. Rules reported by whoever loads
 * the files (a file that does not load never reaches the pack) and rules that read the org (the
 * stack program's: it stops before anything registers, so the pack never sees a stack that fails
 * them; routing-unheld-numbers needs the org's DID pools) have no policy. policies/index.ts hands
 * this to PolicyPack.
 */
export function buildPolicies(dir: string = POLICY_CONFIG_DIR): Policies {
  const policy = (rule: RuleInfo, validateStack: StackValidationPolicy["validateStack"]): StackValidationPolicy => ({
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.defaultEnforcement,
    remediationSteps: rule.remediation,
    severity: rule.severity,
    tags: [...rule.tags],
    url: ruleDocsUrl(rule.id),
    ...(configSchemaOf(rule) ? { configSchema: configSchemaOf(rule) } : {}),
    validateStack,
  });
  return policyRules().map((rule) => policy(rule, validateStackOf(rule, dir)));
}
